/**
 * What JSON.parse cannot tell about a request's text: whether an object repeats a key (the last
 * one silently wins), which INTERFACES.md rejects ("Unknown fields and duplicate keys are
 * rejected with exit 2"). The scan is iterative — an explicit stack, not recursion — so a
 * request nested a million levels deep costs memory, not the call stack.
 */
import { fieldPath } from '../distributions/common.ts';

type Frame = { keys: Set<string>; key: string; awaitingKey: boolean } | { index: number };

/**
 * The path of the first duplicated key in a JSON text that JSON.parse accepts
 * (`distribution.parts[1].dist.lo`, `[0].k` inside a top-level array), or null when none is.
 * Keys are compared as JSON.parse decodes them (`"n"` and `"\u006e"` are the same key).
 */
export function findDuplicateKey(text: string): string | null {
  const stack: Frame[] = [];
  const len = text.length;
  let i = 0;
  while (i < len) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22 /* " */) {
      const end = stringEnd(text, i);
      const top = stack[stack.length - 1];
      if (top && 'keys' in top && top.awaitingKey) {
        const raw = text.slice(i + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(i, end + 1)) as string) : raw;
        if (top.keys.has(key)) return pathOf(stack, key);
        top.keys.add(key);
        top.key = key;
        top.awaitingKey = false;
      }
      i = end + 1;
      continue;
    }
    if (ch === 0x7b /* { */) stack.push({ keys: new Set(), key: '', awaitingKey: true });
    else if (ch === 0x5b /* [ */) stack.push({ index: 0 });
    else if (ch === 0x7d /* } */ || ch === 0x5d /* ] */) stack.pop();
    else if (ch === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if ('keys' in top) top.awaitingKey = true;
      else top.index++;
    }
    // Anything else — ':', whitespace, numbers, true/false/null — carries no key.
    i++;
  }
  return null;
}

/** Index of the closing quote of the JSON string that opens at `start`. */
function stringEnd(text: string, start: number): number {
  let j = start;
  for (;;) {
    j = text.indexOf('"', j + 1);
    if (j < 0) return text.length; // not reached for text that JSON.parse accepted
    let backslashes = 0;
    for (let k = j - 1; text.charCodeAt(k) === 0x5c; k--) backslashes++;
    if (backslashes % 2 === 0) return j;
  }
}

function pathOf(stack: Frame[], key: string): string {
  const segs: (string | number)[] = [];
  for (let k = 0; k < stack.length - 1; k++) {
    const f = stack[k];
    segs.push('keys' in f ? f.key : f.index);
  }
  segs.push(key);
  return fieldPath('', segs);
}
