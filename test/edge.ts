/**
 * Helpers of the `eval` edge fuzzes (one per paper's quantities): every path into a valid request,
 * the request with the value at one path replaced, and "every number in an answer is finite". Each
 * fuzz changes one leaf (or shortens one array) and expects a finite answer or a one-line InputError.
 */
import { expect } from 'vitest';
import { InputError } from '../src/errors.ts';
import type { Json } from '../src/types.ts';

export type Path = (string | number)[];

/**
 * Every path to a leaf or an array of `v` (an array's own path first, so it can be shortened);
 * with `objects`, every object's path too (so a whole object can be replaced).
 */
export function paths(v: Json, opts: { objects?: boolean } = {}, at: Path = []): Path[] {
  if (Array.isArray(v)) return [at, ...v.flatMap((x, i) => paths(x, opts, [...at, i]))];
  if (v !== null && typeof v === 'object') {
    const inner = Object.entries(v).flatMap(([k, x]) => paths(x, opts, [...at, k]));
    return opts.objects ? [at, ...inner] : inner;
  }
  return [at];
}

/** `v` with the value at `path` replaced by `by(old)`; everything else shared. */
export function replaced(v: Json, path: Path, by: (old: Json) => Json): Json {
  if (!path.length) return by(v);
  const [k, ...rest] = path;
  if (Array.isArray(v)) return v.map((x, i) => (i === k ? replaced(x, rest, by) : x));
  return Object.fromEntries(Object.entries(v as Record<string, Json>).map(([key, x]) => [key, key === k ? replaced(x, rest, by) : x]));
}

/** Every number in `v`, however deep, is finite. */
export const finite = (v: unknown): boolean =>
  typeof v === 'number' ? Number.isFinite(v) : Array.isArray(v) ? v.every(finite) : v && typeof v === 'object' ? Object.values(v).every(finite) : true;

/**
 * One fuzzed request's verdict: a finite answer (returned) or a one-line InputError (undefined) —
 * never a crash, a non-finite number or a multi-line message. `label` names the request in a failure.
 */
export function answeredOrRefused<T>(evaluate: () => T, label: string): T | undefined {
  let out: T;
  try {
    out = evaluate();
  } catch (e) {
    expect(e, label).toBeInstanceOf(InputError);
    expect((e as InputError).message).not.toMatch(/\n/);
    return undefined;
  }
  expect(finite(out), label).toBe(true);
  return out;
}

/** The one-line InputError that `evaluate` throws; fails if it answers or throws anything else. `label` names the request. */
export function refusal(evaluate: () => unknown, label = ''): InputError {
  try {
    evaluate();
  } catch (e) {
    expect(e, label).toBeInstanceOf(InputError);
    expect((e as InputError).message, label).not.toMatch(/\n/);
    return e as InputError;
  }
  throw new Error(`accepted ${label}`);
}
