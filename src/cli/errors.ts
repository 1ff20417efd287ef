import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.ts';

// Defined in src/errors.ts (below every layer, so the report can throw it too); re-exported for the CLI's modules.
export { UsageError };

/** One line, whatever the message holds. */
export function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}

/** A file's text, or a UsageError naming the flag that gave its path. */
export function readText(path: string, field: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(field, `cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}
