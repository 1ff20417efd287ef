import type { Json } from '../claims/types.ts';
import type { Quantity } from '../models/quantity.ts';
import { UsageError } from './errors.ts';

/**
 * Evaluate one request, or JSON Lines (one request a line, one result a line in order).
 * A bad line is an error for the whole input: nothing is returned, so a script never gets a partial table.
 */
export function evalText(q: Quantity, text: string): Json[] {
  const trimmed = text.trim();
  if (!trimmed) throw new UsageError('input', 'empty: expected a JSON request or JSON Lines');
  let single: unknown;
  let isSingle = true;
  try {
    single = JSON.parse(trimmed);
  } catch {
    isSingle = false;
  }
  if (isSingle) return [q.evaluate(single)];
  const results: Json[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, k) => {
    if (!line.trim()) return;
    let req: unknown;
    try {
      req = JSON.parse(line);
    } catch (e) {
      throw new UsageError(`line ${k + 1}`, `not valid JSON (${(e as Error).message.split('\n')[0]})`);
    }
    try {
      results.push(q.evaluate(req));
    } catch (e) {
      if (e instanceof Error && 'field' in e) throw new UsageError(`line ${k + 1}: ${(e as { field: string }).field}`, stripField(e.message, (e as { field: string }).field));
      throw e;
    }
  });
  return results;
}

function stripField(message: string, field: string): string {
  return message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
}
