/**
 * The errors every layer may throw for bad outside input, below all of them (scripts/layers.mjs:
 * "base"), so that no layer imports another one above it just to name an error. The CLI prints
 * either as one line on standard error and exits 2.
 */

/**
 * A bad outside input: `field` is the path of the offending field (`distribution.parts[1].weight`),
 * and the message is one line, `field: what is wrong`.
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

/** Bad usage or bad input at the command line (a flag, a file it names): `field` is the flag or argument. */
export class UsageError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}
