import { expect, test } from 'vitest';
import { Est, sumEst } from '../../src/numeric/estimate.ts';

// The branches of Est's arithmetic that estimate.test.ts leaves free (mutation testing, issue #9).
// References are computed by hand from the draws.

const draws = Float64Array.from([1, 2, 4, 9]); // mean 4, Σ(d − 4)² = 9 + 4 + 0 + 25 = 38
const sd = Math.sqrt(38 / 3 / 4);

test('draws plus a deterministic estimate keep the draws, add the quadrature error', () => {
  const a = new Est(0.5, 1e-9, draws);
  const s = a.plus(Est.of(2, 1e-3));
  expect(s.value).toBe(6.5);
  expect(s.abserr).toBeCloseTo(1e-3 + 1e-9, 18);
  expect(s.stderr).toBeCloseTo(sd, 15);
  const d = a.minus(Est.of(2, 1e-3));
  expect(d.value).toBe(2.5);
  expect(d.stderr).toBeCloseTo(sd, 15);
  // a number minus draws: the draws are negated (value 3 − 4.5), the spread is the same
  const n = Est.of(3, 1e-6).minus(a);
  expect(n.value).toBe(-1.5);
  expect(n.abserr).toBeCloseTo(1e-6 + 1e-9, 18);
  expect(n.stderr).toBeCloseTo(sd, 15);
  // plus a number keeps the error and the draws
  const p = a.plus(3);
  expect(p.value).toBe(7.5);
  expect(p.abserr).toBe(1e-9);
  expect(a.minus(3).value).toBe(1.5);
});

test('draws minus draws pair them elementwise', () => {
  const a = new Est(0, 0, draws);
  const b = new Est(1, 0, Float64Array.from([1, 1, 1, 5])); // mean 2
  const d = a.minus(b);
  expect(d.value).toBe(4 - 3);
  expect([...d.draws!]).toEqual([0, 1, 3, 4]); // mean 2, Σ(d − 2)² = 4 + 1 + 1 + 4 = 10
  expect(d.stderr).toBeCloseTo(Math.sqrt(10 / 3 / 4), 15);
});

test('times scales the draws, the value and the standard error; |k| scales the error', () => {
  const a = new Est(1, 2e-9, draws);
  const t = a.times(-2);
  expect(t.value).toBe(-10);
  expect(t.abserr).toBe(4e-9);
  expect(t.stderr).toBeCloseTo(2 * sd, 15);
  expect(t.bound(3)).toBeCloseTo(4e-9 + 6 * sd, 14);
});

test('degenerate draws: none, one, and the cached mean', () => {
  const empty = new Est(1.25, 0, new Float64Array(0));
  expect(empty.value).toBe(1.25);
  expect(empty.stderr).toBe(0);
  const one = new Est(1, 0, Float64Array.from([3]));
  expect(one.value).toBe(4);
  expect(one.stderr).toBe(0);
  const two = new Est(0, 0, Float64Array.from([1, 3]));
  expect(two.stderr).toBeCloseTo(1, 15); // √(2/1/2)
  // asked twice (the mean is cached): the same numbers
  expect(two.value).toBe(2);
  expect(two.value).toBe(2);
  expect(two.stderr).toBe(two.stderr);
  expect(Est.of(1, 1e-3).bound(5)).toBe(1e-3);
  expect(sumEst([]).value).toBe(0);
  expect(sumEst([Est.of(1, 1e-3), new Est(0, 2e-3, draws)]).abserr).toBeCloseTo(3e-3, 18);
});

test('the standard error is a two-pass sum of squared deviations: exact for draws on a large offset', () => {
  // Σ(d − μ)² rather than Σd² − nμ² (or any form that leans on Σ(d − μ) = 0): at an offset of 1e8
  // the rounding of μ times 2μ would swamp the spread. Reference: the same draws less 1e8 (exact,
  // Sterbenz), whose deviations are the same numbers.
  const off = [0.1, 0.2, 0.4, 0.9].map((x) => 1e8 + x);
  const small = off.map((x) => x - 1e8);
  const m = small.reduce((s, x) => s + x, 0) / 4;
  const ref = Math.sqrt(small.reduce((s, x) => s + (x - m) ** 2, 0) / 3 / 4);
  const e = new Est(0, 0, Float64Array.from(off));
  expect(Math.abs(e.stderr - ref)).toBeLessThanOrEqual(1e-6 * ref);
});
