/**
 * Validation at the edge: every rule rejects with ONE line naming the field; random JSON and
 * mutated valid specs either parse or throw InputError — never another exception.
 */
import { fc, test as propTest } from '@fast-check/vitest';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { DistSchema, formatZodError, InputError, isContinuousSpec, parseDist } from '../../src/distributions/schema.ts';
import type { DistSpec } from '../../src/distributions/types.ts';
// This file builds expression densities: load their engine (density.ts does not import it).
import '../../src/distributions/expression-engine.ts';

function rejection(value: unknown, field?: string): InputError {
  try {
    parseDist(value, field);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error(`accepted: ${JSON.stringify(value)}`);
}

const U = (lo: number, hi: number) => ({ kind: 'uniform', lo, hi });
const nest = (depth: number): unknown => (depth === 0 ? U(0, 1) : { kind: 'mixture', parts: [{ weight: 1, dist: nest(depth - 1) }] });

// [what, spec, the message's start (field path and what is wrong), optional more of it]
const bad: [string, unknown, RegExp][] = [
  ['not an object', 5, /^distribution: must be an object \(got 5\)$/],
  ['null', null, /^distribution: must be an object \(got null\)$/],
  ['missing kind', { lo: 0, hi: 1 }, /^distribution\.kind: is required \(one of uniform, beta, truncated-normal, density, piecewise-uniform, atoms, mixture\)$/],
  ['unknown kind', { kind: 'gamma', lo: 0, hi: 1 }, /^distribution\.kind: must be one of uniform, .* \(got "gamma"\)$/],
  ['unknown field', { kind: 'uniform', lo: 0, hi: 1, mode: 0.5 }, /^distribution\.mode: unknown field$/],
  ['unknown field in a piece', { kind: 'piecewise-uniform', pieces: [{ lo: 0, hi: 1, weight: 1, w: 2 }] }, /^distribution\.pieces\[0\]\.w: unknown field$/],
  ['missing field', { kind: 'uniform', lo: 0 }, /^distribution\.hi: is required \(a finite number\)$/],
  ['string number', { kind: 'uniform', lo: '0', hi: 1 }, /^distribution\.lo: must be a finite number \(got "0"\)$/],
  ['infinite number', { kind: 'uniform', lo: -Infinity, hi: 1 }, /^distribution\.lo: must be a finite number/],
  ['NaN', { kind: 'uniform', lo: NaN, hi: 1 }, /^distribution\.lo: must be a finite number/],
  ['lo = hi', { kind: 'uniform', lo: 1, hi: 1 }, /^distribution\.hi: must be greater than lo \(got lo = 1, hi = 1\)$/],
  ['lo > hi', { kind: 'beta', a: 1, b: 1, lo: 2, hi: 1 }, /^distribution\.hi: must be greater than lo \(got lo = 2, hi = 1\)$/],
  ['width overflows', { kind: 'uniform', lo: -1e308, hi: 1e308 }, /^distribution\.hi: hi − lo must be a finite/],
  ['beta a ≤ 0', { kind: 'beta', a: 0, b: 1, lo: 0, hi: 1 }, /^distribution\.a: must be > 0$/],
  ['beta b < 0', { kind: 'beta', a: 1, b: -2, lo: 0, hi: 1 }, /^distribution\.b: must be > 0$/],
  ['beta b huge', { kind: 'beta', a: 1, b: 1e9, lo: 0, hi: 1 }, /^distribution\.b: must be between 0\.001 and 1e6 \(got 1000000000\)$/],
  ['sd = 0', { kind: 'truncated-normal', mean: 0, sd: 0, lo: 0, hi: 1 }, /^distribution\.sd: must be > 0$/],
  ['sd too small to standardise', { kind: 'truncated-normal', mean: 0, sd: 1e-310, lo: 0, hi: 1 }, /^distribution\.sd: too small/],
  ['no pieces', { kind: 'piecewise-uniform', pieces: [] }, /^distribution\.pieces: must have at least one piece$/],
  ['piece lo ≥ hi', { kind: 'piecewise-uniform', pieces: [{ lo: 0, hi: 1, weight: 1 }, { lo: 2, hi: 2, weight: 1 }] }, /^distribution\.pieces\[1\]\.hi: must be greater than lo \(got lo = 2, hi = 2\)$/],
  ['negative piece weight', { kind: 'piecewise-uniform', pieces: [{ lo: 0, hi: 1, weight: -1 }] }, /^distribution\.pieces\[0\]\.weight: must be ≥ 0$/],
  ['zero total piece weight', { kind: 'piecewise-uniform', pieces: [{ lo: 0, hi: 1, weight: 0 }, { lo: 1, hi: 2, weight: 0 }] }, /^distribution\.pieces: piece weights must have a positive sum \(got 0\)$/],
  ['overlapping pieces', { kind: 'piecewise-uniform', pieces: [{ lo: 0, hi: 1, weight: 1 }, { lo: 2, hi: 3, weight: 1 }, { lo: 0.5, hi: 1.5, weight: 1 }] }, /^distribution\.pieces\[2\]: overlaps pieces\[0\] \(\[0\.5, 1\.5\] and \[0, 1\]\); pieces may touch but not overlap$/],
  ['no atoms', { kind: 'atoms', points: [] }, /^distribution\.points: must have at least one \[value, weight\] point$/],
  ['negative atom weight', { kind: 'atoms', points: [[0, 1], [1, -0.5]] }, /^distribution\.points\[1\]\[1\]: must be ≥ 0$/],
  ['atom not a pair', { kind: 'atoms', points: [[0, 1, 2]] }, /^distribution\.points\[0\]: must have at most 2 items$/],
  ['zero total atom weight', { kind: 'atoms', points: [[0, 0]] }, /^distribution\.points: point weights must have a positive sum \(got 0\)$/],
  ['no parts', { kind: 'mixture', parts: [] }, /^distribution\.parts: must have at least one part$/],
  ['negative part weight', { kind: 'mixture', parts: [{ weight: 1, dist: U(0, 1) }, { weight: -1, dist: U(0, 1) }] }, /^distribution\.parts\[1\]\.weight: must be ≥ 0$/],
  ['mixture weights summing to 0', { kind: 'mixture', parts: [{ weight: 0, dist: U(0, 1) }, { weight: 0, dist: U(1, 2) }] }, /^distribution\.parts: part weights must have a positive sum \(got 0\)$/],
  ['bad part', { kind: 'mixture', parts: [{ weight: 1, dist: U(0, 1) }, { weight: 1, dist: U(3, 2) }] }, /^distribution\.parts\[1\]\.dist\.hi: must be greater than lo \(got lo = 3, hi = 2\)$/],
  ['nested too deep', nest(5), /^distribution(\.parts\[0\]\.dist){4}\.kind: mixtures may nest at most 4 levels deep$/],
  // the message names the most negative grid point
  ['negative density', { kind: 'density', expr: 'sin(x)', lo: 0, hi: 4 }, /^distribution\.expr: is negative at x = 4 \(value -0\.756802, maximum 1\)$/],
  ['negative density, inside', { kind: 'density', expr: 'x - 0.3', lo: 0, hi: 1 }, /^distribution\.expr: is negative at x = 0 \(value -0\.3, maximum 0\.7\)$/],
  // negative only on (0.30001 ± 3e-5), between two grid points: found by the fit
  ['density negative only between grid points', { kind: 'density', expr: '(x-0.30001)^2 - 1e-9', lo: 0, hi: 1 }, /^distribution\.expr: is negative (at|near) x = 0\.300\d* \(value (about )?-[\d.]+e-(9|10), maximum 0\.4899\d*\)$/],
  ['evaluation error', { kind: 'density', expr: 'x!', lo: -1, hi: 0 }, /^distribution\.expr: cannot be evaluated at x = -1: Value must be non-negative$/],
  ['1/x on [0,1]', { kind: 'density', expr: '1/x', lo: 0, hi: 1 }, /^distribution\.expr: is not finite at x = 0 \(value Infinity\)$/],
  ['log(x-1) on [0,2]', { kind: 'density', expr: 'log(x-1)', lo: 0, hi: 2 }, /^distribution\.expr: is not a real number at x = 0 \(value NaN\)$/],
  ['sqrt of a negative', { kind: 'density', expr: 'sqrt(0.5 - x)', lo: 0, hi: 1 }, /^distribution\.expr: is not a real number at x = 0\.50\d* \(value NaN\)$/],
  ['unparseable', { kind: 'density', expr: '1+*x', lo: 0, hi: 1 }, /^distribution\.expr: cannot be parsed: Value expected \(char 3\)$/],
  ['unknown variable', { kind: 'density', expr: 'x + y', lo: 0, hi: 1 }, /^distribution\.expr: uses unknown variable "y" \(only x and the constants/],
  ['unknown function', { kind: 'density', expr: 'foo(x)', lo: 0, hi: 1 }, /^distribution\.expr: uses unknown function "foo"$/],
  ['assignment', { kind: 'density', expr: 'x = 2', lo: 0, hi: 1 }, /^distribution\.expr: uses unsupported syntax \(assignment: x = 2\)$/],
  ['matrix', { kind: 'density', expr: '[1, x]', lo: 0, hi: 1 }, /^distribution\.expr: uses unsupported syntax \(array/],
  ['units', { kind: 'density', expr: '2 cm', lo: 0, hi: 1 }, /^distribution\.expr: uses unknown variable "cm"/],
  ['string constant', { kind: 'density', expr: '"abc"', lo: 0, hi: 1 }, /^distribution\.expr: may contain only numbers as constants \(found "abc"\)$/],
  ['boolean result', { kind: 'density', expr: 'x > 0.5', lo: 0, hi: 1 }, /^distribution\.expr: must evaluate to a number \(got boolean\)$/],
  ['identically zero', { kind: 'density', expr: '0*x', lo: 0, hi: 1 }, /^distribution\.expr: is identically 0 on \[0, 1\]$/],
  ['empty expression', { kind: 'density', expr: '', lo: 0, hi: 1 }, /^distribution\.expr: must not be empty$/],
  ['pole between grid points', { kind: 'density', expr: '1/abs(x-0.30001)', lo: 0, hi: 1 }, /^distribution\.expr: (appears unbounded|could not be approximated|is not finite)/],
];

describe('every validation rule rejects with one line naming the field', () => {
  test.each(bad)('%s', (_what, spec, message) => {
    const e = rejection(spec);
    expect(e.message).toMatch(message);
    expect(e.message).not.toMatch(/[\r\n]/);
    expect(e.message.startsWith(`${e.field}: `)).toBe(true);
  });

  test('the field prefix is the caller’s', () => {
    const e = rejection({ kind: 'mixture', parts: [{ weight: -1, dist: U(0, 1) }] }, 'buyers.dist');
    expect(e.message).toBe('buyers.dist.parts[0].weight: must be ≥ 0');
    expect(e.field).toBe('buyers.dist.parts[0].weight');
  });
});

describe('valid specs parse', () => {
  const good: DistSpec[] = [
    { kind: 'uniform', lo: 0, hi: 1 },
    { kind: 'beta', a: 2, b: 3, lo: 0, hi: 1 },
    { kind: 'truncated-normal', mean: 0.5, sd: 0.2, lo: 0, hi: 1 },
    { kind: 'density', expr: '0.1+0.1*sin(x)', lo: 0, hi: 8.4438 },
    { kind: 'density', expr: 'x < 0.5 ? 1 : 3', lo: 0, hi: 1 },
    { kind: 'density', expr: 'exp(-x^2/2) * pi', lo: -3, hi: 3 },
    { kind: 'piecewise-uniform', pieces: [{ lo: 0, hi: 0.5, weight: 1 }, { lo: 0.5, hi: 1, weight: 3 }] },
    { kind: 'piecewise-uniform', pieces: [{ lo: 2, hi: 3, weight: 1 }, { lo: 0, hi: 1, weight: 0 }, { lo: 1, hi: 2, weight: 2 }] },
    { kind: 'atoms', points: [[0, 0.5], [1, 0.5]] },
    { kind: 'mixture', parts: [{ weight: 0.5, dist: { kind: 'uniform', lo: 0, hi: 1 } }, { weight: 0.5, dist: { kind: 'atoms', points: [[2, 1]] } }] },
    nest(4) as DistSpec,
  ];
  test.each(good.map((g) => [g.kind, g] as const))('%s', (_k, spec) => {
    const d = parseDist(spec);
    expect(d.spec).toEqual(spec);
    expect(d.cdf(d.hi)).toBe(1);
  });

  test('a density with a jump is fitted (the fit bisects towards it) and integrates exactly', () => {
    const d = parseDist({ kind: 'density', expr: 'x < 0.5 ? 1 : 3', lo: 0, hi: 1 });
    // F(0.5) = 0.5/2 = 0.25; the jump sits inside a piece of width ~2^-48, whose error is that size
    expect(Math.abs(d.cdf(0.5) - 0.25)).toBeLessThanOrEqual(1e-13);
    expect(Math.abs(d.cdf(0.75) - 0.625)).toBeLessThanOrEqual(1e-13);
    expect(d.breakpoints.some((b) => Math.abs(b - 0.5) < 1e-9)).toBe(true);
  });

  test('isContinuousSpec', () => {
    expect(isContinuousSpec({ kind: 'uniform', lo: 0, hi: 1 })).toBe(true);
    expect(isContinuousSpec({ kind: 'atoms', points: [[0, 1]] })).toBe(false);
    expect(isContinuousSpec({ kind: 'mixture', parts: [{ weight: 1, dist: nest(2) as DistSpec }, { weight: 0, dist: { kind: 'atoms', points: [[0, 1]] } }] })).toBe(false);
    expect(isContinuousSpec(nest(3) as DistSpec)).toBe(true);
  });
});

describe('formatZodError is reusable for other request schemas', () => {
  const Req = z.strictObject({ n: z.number().int().gte(2, { error: 'must be ≥ 2' }), distribution: DistSchema, shares: z.array(z.number()).optional() });
  test.each([
    [{ n: 1, distribution: U(0, 1) }, 'n: must be ≥ 2'],
    [{ n: 2.5, distribution: U(0, 1) }, 'n: must be an integer (got 2.5)'],
    [{ n: 3, distribution: U(1, 0) }, 'distribution.hi: must be greater than lo (got lo = 1, hi = 0)'],
    [{ n: 3, distribution: U(0, 1), extra: 1 }, 'extra: unknown field'],
    [{ n: 3, distribution: U(0, 1), shares: [0.5, 'a'] }, 'shares[1]: must be a finite number (got "a")'],
  ])('%j', (input, message) => {
    const r = Req.safeParse(input);
    expect(r.success).toBe(false);
    if (!r.success) expect(formatZodError(r.error, '', input)).toBe(message);
  });
  test('with a prefix, e.g. a JSON Lines line', () => {
    const r = Req.safeParse({ n: 1, distribution: U(0, 1) });
    if (!r.success) expect(formatZodError(r.error, 'line 3: request')).toBe('line 3: request.n: must be ≥ 2');
  });
});

// ---------------------------------------------------------------------------------------------
// Fuzz: anything either parses or throws InputError with a one-line message.

function parsesOrInputError(value: unknown): boolean {
  try {
    const d = parseDist(value);
    // a parsed spec builds a distribution whose basic calls work
    const F = d.cdf((d.lo + d.hi) / 2);
    const q = d.quantile(0.5);
    return F >= 0 && F <= 1 && q >= d.lo && q <= d.hi && Number.isFinite(d.mean());
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    expect(e.message).not.toMatch(/[\r\n]/);
    expect(e.message.length).toBeLessThan(300);
    return true;
  }
}

const number = fc.oneof(
  fc.integer({ min: -3, max: 5 }),
  fc.double({ noNaN: false }),
  fc.constantFrom(0, 1, -1, 0.5, 1e-300, 1e300, -0, Number.MIN_VALUE, Number.MAX_VALUE),
);
const exprs = fc.constantFrom(
  'x', '1', '0', '-x', 'x^2', 'sin(x)', '1/x', 'log(x)', 'sqrt(x)', 'exp(x)', 'exp(-x^2)', 'abs(x-0.5)',
  'x < 0.5 ? 1 : 2', 'y', '1+', 'x!', 'gamma(x)', 'pi*x', '2x', 'max(0, x - 0.5)', 'tan(x)', 'floor(10x)',
);
const leaf: fc.Arbitrary<unknown> = fc.oneof(
  fc.record({ kind: fc.constant('uniform'), lo: number, hi: number }),
  fc.record({ kind: fc.constant('beta'), a: number, b: number, lo: number, hi: number }),
  fc.record({ kind: fc.constant('truncated-normal'), mean: number, sd: number, lo: number, hi: number }),
  fc.record({ kind: fc.constant('density'), expr: exprs, lo: fc.integer({ min: -3, max: 3 }), hi: fc.integer({ min: -3, max: 4 }) }),
  fc.record({ kind: fc.constant('piecewise-uniform'), pieces: fc.array(fc.record({ lo: number, hi: number, weight: number }), { maxLength: 4 }) }),
  fc.record({ kind: fc.constant('atoms'), points: fc.array(fc.tuple(number, number), { maxLength: 4 }) }),
);
const spec: fc.Arbitrary<unknown> = fc.letrec<{ d: unknown }>((tie) => ({
  d: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({ kind: fc.constant('mixture'), parts: fc.array(fc.record({ weight: number, dist: tie('d') }), { maxLength: 3 }) }),
  ),
})).d;

/** A valid spec with one field replaced by an arbitrary JSON value, or one field added/removed. */
const mutated = fc
  .tuple(
    fc.constantFrom<unknown>(
      U(0, 1),
      { kind: 'beta', a: 2, b: 3, lo: 0, hi: 1 },
      { kind: 'truncated-normal', mean: 0.5, sd: 0.2, lo: 0, hi: 1 },
      { kind: 'density', expr: 'x^2', lo: 0, hi: 1 },
      { kind: 'piecewise-uniform', pieces: [{ lo: 0, hi: 0.5, weight: 1 }, { lo: 0.5, hi: 1, weight: 3 }] },
      { kind: 'atoms', points: [[0, 0.5], [1, 0.5]] },
      { kind: 'mixture', parts: [{ weight: 0.5, dist: U(0, 1) }, { weight: 0.5, dist: { kind: 'atoms', points: [[2, 1]] } }] },
    ),
    fc.nat(),
    fc.oneof(fc.jsonValue(), number),
    fc.constantFrom('replace', 'add', 'delete'),
  )
  .map(([base, pick, value, op]) => {
    const copy = structuredClone(base) as Record<string, unknown>;
    // collect every (object, key) pair in the spec and mutate one
    const slots: [Record<string, unknown> | unknown[], string | number][] = [];
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach((x, i) => (slots.push([v, i]), walk(x)));
      else if (v && typeof v === 'object') for (const k of Object.keys(v)) (slots.push([v as Record<string, unknown>, k]), walk((v as Record<string, unknown>)[k]));
    };
    walk(copy);
    const [obj, key] = slots[pick % slots.length];
    if (op === 'replace') (obj as Record<string | number, unknown>)[key] = value;
    else if (op === 'add' && !Array.isArray(obj)) obj[`extra${pick % 3}`] = value;
    else if (op === 'delete' && !Array.isArray(obj)) delete obj[key as string];
    return copy;
  });

describe('fuzz: parse or InputError, never another exception', () => {
  propTest.prop([fc.jsonValue()], { numRuns: 500 })('random JSON values', (v) => {
    expect(parsesOrInputError(v)).toBe(true);
  });
  propTest.prop([spec], { numRuns: 1000 })('random specs of every kind', (v) => {
    expect(parsesOrInputError(v)).toBe(true);
  });
  propTest.prop([mutated], { numRuns: 1000 })('mutated valid specs', (v) => {
    expect(parsesOrInputError(v)).toBe(true);
  });
});
