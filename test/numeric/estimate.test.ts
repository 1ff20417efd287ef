import { expect, test } from 'vitest';
import { Est, sumEst } from '../../src/numeric/estimate.ts';

test('deterministic estimates: values add, errors add (also under a negative factor)', () => {
  const a = Est.of(1, 1e-12);
  const b = Est.of(0.25, 3e-12);
  const c = a.minus(b).times(-2);
  expect(c.value).toBe(-1.5);
  expect(c.abserr).toBeCloseTo(8e-12, 25);
  expect(c.stderr).toBe(0);
  expect(sumEst([a, b, Est.of(2)]).value).toBe(3.25);
});

test('Monte Carlo estimates: a difference on common draws has the standard error of the difference, not the sum of two', () => {
  const x = Float64Array.from({ length: 100 }, (_, k) => Math.sin(k));
  const y = Float64Array.from(x, (v, k) => v + 1e-3 * Math.cos(k));
  const a = new Est(0, 0, x);
  const b = new Est(0, 0, y);
  const d = a.minus(b);
  expect(d.stderr).toBeLessThan(1e-3 * a.stderr * 10);
  expect(Math.abs(d.value - (a.value - b.value))).toBeLessThan(1e-15);
  // mean of 100 draws and its standard error, by hand
  const mean = x.reduce((s, v) => s + v, 0) / 100;
  const sd = Math.sqrt(x.reduce((s, v) => s + (v - mean) ** 2, 0) / 99 / 100);
  expect(a.value).toBeCloseTo(mean, 15);
  expect(a.stderr).toBeCloseTo(sd, 15);
  expect(a.plus(3).value).toBeCloseTo(mean + 3, 14);
  expect(a.bound(2)).toBeCloseTo(2 * sd, 15);
  // a number minus draws keeps the draws negated
  expect(Est.of(1).minus(a).value).toBeCloseTo(1 - mean, 14);
});
