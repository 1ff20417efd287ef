import type { Json } from '../types.ts';
import { clip } from '../distributions/common.ts';
import type { Quantity } from '../models/quantity.ts';
import { UsageError } from '../errors.ts';
import { findDuplicateKey } from './json-text.ts';

/** JSON's own whitespace (RFC 8259): what JSON.parse skips, and so all a blank line may hold. */
const BLANK = /^[ \t\r\n]*$/;

/**
 * Longest `field: what is wrong` an error carries (the CLI adds "mechcheck: "): a net under the
 * 60-character echoes, for messages that quote something longer (a JSON.parse or mathjs message).
 */
const LINE_MAX = 280;

/** A UsageError whose line fits LINE_MAX: the field (already clipped to 160) whole, the detail clipped. */
function usage(field: string, detail: string): UsageError {
  return new UsageError(field, clip(detail, Math.max(40, LINE_MAX - field.length - 2)));
}

/**
 * Evaluate one request, or JSON Lines (one request a line, one result a line in order).
 * A bad line is an error for the whole input: nothing is returned, so a script never gets a partial table.
 * One leading byte-order mark is dropped, in both modes alike (editors on Windows write one); any
 * other is not whitespace to JSON and fails its line.
 */
export function evalText(q: Quantity, text: string): Json[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (BLANK.test(body)) throw new UsageError('input', 'empty: expected a JSON request or JSON Lines');
  let single: unknown;
  let isSingle = true;
  try {
    single = JSON.parse(body);
  } catch {
    isSingle = false;
  }
  if (isSingle) return [evaluate(q, body, single, '')];
  const results: Json[] = [];
  const lines = body.split(/\r?\n/);
  lines.forEach((line, k) => {
    if (BLANK.test(line)) return;
    let req: unknown;
    try {
      req = JSON.parse(line);
    } catch (e) {
      throw usage(`line ${k + 1}`, `not valid JSON (${(e as Error).message.split('\n')[0]})`);
    }
    results.push(evaluate(q, line, req, `line ${k + 1}: `));
  });
  return results;
}

/**
 * One parsed request: duplicate keys first (JSON.parse kept only the last), then the quantity's
 * own validation. A field-less error is about the request as a whole (`[]`, `5`, `null`): `request`.
 */
function evaluate(q: Quantity, text: string, req: unknown, where: string): Json {
  const dup = findDuplicateKey(text);
  if (dup !== null) throw usage(where + (dup.startsWith('[') ? `request${dup}` : dup), 'duplicate key');
  try {
    return q.evaluate(req);
  } catch (e) {
    if (e instanceof Error && 'field' in e) {
      const field = (e as { field: string }).field;
      throw usage(where + (field || 'request'), stripField(e.message, field));
    }
    throw e;
  }
}

function stripField(message: string, field: string): string {
  return field && message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
}
