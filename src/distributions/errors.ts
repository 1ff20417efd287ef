/**
 * A bad outside input: `field` is the path of the offending field (`distribution.parts[1].weight`),
 * and the message is one line, `field: what is wrong`. The CLI prints the message and exits 2.
 * (Re-exported by schema.ts, where users import it from; defined here so that the families can
 * throw it without importing the schema.)
 */
export class InputError extends Error {
  readonly field: string;
  readonly detail: string;
  constructor(field: string, detail: string) {
    const oneLine = detail.replace(/\s*[\r\n]+\s*/g, ' ').trim();
    super(field ? `${field}: ${oneLine}` : oneLine);
    this.name = 'InputError';
    this.field = field;
    this.detail = oneLine;
  }
}
