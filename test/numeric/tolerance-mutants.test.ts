import { expect, test } from 'vitest';
import { approxEqual, relErr } from '../../src/numeric/tolerance.ts';

// Boundary cases of the comparisons in tolerance.ts (mutation testing, issue #9): each pins one
// operator the broader tests in tolerance-rng.test.ts leave free.

test('approxEqual: the bound is inclusive, scaled by the larger magnitude, and abs and rel add', () => {
  // |0 − 0.5| = 0.5 exactly (both doubles exact): equal at the bound, not beyond it
  expect(approxEqual(0, 0.5, { abs: 0.5 })).toBe(true);
  expect(approxEqual(0, 0.5, { abs: 0.25 })).toBe(false);
  // rel·max(|x|, |y|): 0.4·1.5 = 0.6 ≥ 0.5, whereas 0.4·min = 0.4 would not cover it
  expect(approxEqual(1, 1.5, { rel: 0.4 })).toBe(true);
  expect(approxEqual(1.5, 1, { rel: 0.4 })).toBe(true);
  // abs + rel: 0.25 + 0.25·1 = 0.5 covers |0.5 − 1| only with both terms
  expect(approxEqual(0.5, 1, { abs: 0.25, rel: 0.25 })).toBe(true);
  expect(approxEqual(0.5, 1, { abs: 0.25 })).toBe(false);
  expect(approxEqual(0.5, 1, { rel: 0.25 })).toBe(false);
  // a NaN is never equal, however loose the tolerance (either argument)
  expect(approxEqual(NaN, 1, { abs: Infinity })).toBe(false);
  expect(approxEqual(1, NaN, { abs: Infinity })).toBe(false);
  // negative values: |x − y|, not x − y
  expect(approxEqual(-1, 1, { abs: 1 })).toBe(false);
  expect(approxEqual(1, -1, { abs: 1 })).toBe(false);
});

test('relErr: relative to |exact|, absolute at 0, and 0 for equal infinities', () => {
  expect(relErr(-3, -2)).toBe(0.5);
  expect(relErr(1, 2)).toBe(0.5);
  expect(relErr(-1e-20, 0)).toBe(1e-20);
  // Infinity − Infinity is NaN: only the equality test gives 0
  expect(relErr(Infinity, Infinity)).toBe(0);
  expect(relErr(0, 0)).toBe(0);
});
