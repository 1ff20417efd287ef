/**
 * trend.ts against other derivations of the same numbers: least squares by the 2×2 normal
 * equations solved by Cramer's rule (the code centres the data instead), its standard errors from
 * σ²(XᵀX)⁻¹, the Student-t quantile from its closed forms for ν = 1 and ν = 2 and printed tables.
 * (test/trend.test.ts covers the coverage of the interval; it is outside the mutation run's files.)
 */
import { describe, expect, it } from 'vitest';
import { decreasingFrom, fitLine, fitPowerLaw, ratioTest, successiveRatios, tQuantile, trend } from '../../src/numeric/trend.ts';

/** Least squares by the normal equations [n Σx; Σx Σx²]·[c; m] = [Σy; Σxy] and σ²·(XᵀX)⁻¹. */
function normalEquations(xs: number[], ys: number[]) {
  const n = xs.length;
  let sx = 0, sxx = 0, sy = 0, sxy = 0;
  for (let i = 0; i < n; i++) {
    sx += xs[i];
    sxx += xs[i] * xs[i];
    sy += ys[i];
    sxy += xs[i] * ys[i];
  }
  const det = n * sxx - sx * sx;
  const slope = (n * sxy - sx * sy) / det;
  const intercept = (sxx * sy - sx * sxy) / det;
  let rss = 0;
  for (let i = 0; i < n; i++) rss += (ys[i] - intercept - slope * xs[i]) ** 2;
  const s2 = rss / (n - 2);
  return { slope, intercept, slopeSE: Math.sqrt((s2 * n) / det), interceptSE: Math.sqrt((s2 * sxx) / det), sigma: Math.sqrt(s2) };
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('fitLine', () => {
  it('agrees with the normal equations, standard errors included, on an irregular cloud', () => {
    const xs = [0.5, 1.25, 2, 3.5, 4, 6.75, 7];
    const ys = [3.1, 2.2, 2.9, 5.5, 4.1, 9.7, 8.2];
    const f = fitLine(xs, ys);
    const g = normalEquations(xs, ys);
    expect(f.n).toBe(7);
    for (const k of ['slope', 'intercept', 'slopeSE', 'interceptSE', 'sigma'] as const) expect(rel(f[k], g[k]), k).toBeLessThan(1e-13);
  });

  it('drops non-finite points, and says NaN where there are too few', () => {
    const f = fitLine([1, 2, NaN, 3, 4, 5], [2, Infinity, 1, 4.5, 5, 7]);
    const g = normalEquations([1, 3, 4, 5], [2, 4.5, 5, 7]);
    expect(f.n).toBe(4);
    expect(rel(f.slope, g.slope)).toBeLessThan(1e-14);
    expect(rel(f.slopeSE, g.slopeSE)).toBeLessThan(1e-13);
    const two = fitLine([1, 3], [1, 5]);
    expect([two.slope, two.intercept, two.n]).toEqual([2, -1, 2]);
    expect([two.slopeSE, two.interceptSE, two.sigma].every(Number.isNaN)).toBe(true);
    const one = fitLine([1], [1]);
    expect(one.n).toBe(1);
    expect([one.slope, one.intercept, one.slopeSE, one.interceptSE, one.sigma].every(Number.isNaN)).toBe(true);
  });

  it('three points are the fewest with standard errors', () => {
    const f = fitLine([0, 1, 3], [1, 2, 2]);
    const g = normalEquations([0, 1, 3], [1, 2, 2]);
    for (const k of ['slope', 'intercept', 'slopeSE', 'interceptSE', 'sigma'] as const) expect(rel(f[k], g[k]), k).toBeLessThan(1e-13);
    const t = trend([1, 2, 4], [1, 0.6, 0.2], { fitLast: 3 });
    expect(rel(t.slopeHalfWidth, tQuantile(0.95, 1) * t.slopeSE)).toBeLessThan(1e-12);
  });

  it('fitPowerLaw: y = 5·x^−1.5 exactly, with e^intercept = 5', () => {
    const xs = [1, 2, 4, 8, 16];
    const p = fitPowerLaw(xs, xs.map((x) => 5 * x ** -1.5));
    expect(Math.abs(p.slope + 1.5)).toBeLessThan(1e-14);
    expect(rel(p.constant, 5)).toBeLessThan(1e-14);
    expect(Math.abs(p.intercept - Math.log(5))).toBeLessThan(1e-14);
    expect(p.n).toBe(5);
    expect(p.slopeSE).toBeLessThan(1e-14);
  });
});

describe('tQuantile', () => {
  it('ν = 1: tan(π·c/2); ν = 2: (2p − 1)/√(2p(1 − p)) with p = (1 + c)/2; tables for ν = 5, 30', () => {
    for (const c of [0.5, 0.8, 0.95, 0.99]) {
      expect(rel(tQuantile(c, 1), Math.tan((Math.PI * c) / 2)), `ν = 1, c = ${c}`).toBeLessThan(1e-12);
      const p = (1 + c) / 2;
      expect(rel(tQuantile(c, 2), (2 * p - 1) / Math.sqrt(2 * p * (1 - p))), `ν = 2, c = ${c}`).toBeLessThan(1e-12);
    }
    // R: qt(0.975, 5) = 2.570581835636314, qt(0.995, 30) = 2.749995653567741
    expect(rel(tQuantile(0.95, 5), 2.570581835636314)).toBeLessThan(1e-12);
    expect(rel(tQuantile(0.99, 30), 2.749995653567741)).toBeLessThan(1e-12);
  });
});

describe('ratios, monotonicity, trend, ratio test', () => {
  it('successiveRatios and decreasingFrom (from 0 and 1 alike, and later)', () => {
    expect(successiveRatios([8, 2, 1, 3])).toEqual([0.25, 0.5, 3]);
    expect(successiveRatios([])).toEqual([]);
    expect(decreasingFrom([5, 4, 3], 0)).toBe(true);
    expect(decreasingFrom([5, 4, 4], 0)).toBe(false); // equal is not below
    expect(decreasingFrom([1, 4, 3, 2], 0)).toBe(false);
    expect(decreasingFrom([1, 4, 3, 2], 2)).toBe(true);
    expect(decreasingFrom([1, 4, 3, 2], 1)).toBe(false);
    expect(decreasingFrom([1, 4, 3, 5], 3)).toBe(false);
    expect(decreasingFrom([1, NaN], 0)).toBe(false);
  });

  it('trend: the window is the last fitLast points, the half-width t·SE, the last ratio as a rate', () => {
    const xs = [1, 2, 4, 8, 16, 32, 64, 128];
    const ys = [1, 0.6, 0.2, 0.11, 0.05, 0.026, 0.012, 0.0063];
    const t = trend(xs, ys, { fitLast: 5, confidence: 0.9 });
    const g = normalEquations(xs.slice(-5).map(Math.log), ys.slice(-5).map(Math.log));
    expect(rel(t.slope, g.slope)).toBeLessThan(1e-13);
    expect(rel(t.slopeSE, g.slopeSE)).toBeLessThan(1e-12);
    expect(rel(t.slopeHalfWidth, tQuantile(0.9, 3) * g.slopeSE)).toBeLessThan(1e-12);
    expect(rel(t.constant, Math.exp(g.intercept))).toBeLessThan(1e-13);
    expect(Math.abs(t.intercept - g.intercept)).toBeLessThan(1e-13);
    expect([t.fitFrom, t.fitTo, t.confidence]).toEqual([8, 128, 0.9]);
    expect(rel(t.lastRatioRate, Math.log(0.0063 / 0.012) / Math.log(2))).toBeLessThan(1e-14);
    expect(t.ratios).toEqual(successiveRatios(ys));
    expect(t.xs).toEqual(xs);
    expect(t.ys).toEqual(ys);
    // defaults: the last six points, 95 %
    const d = trend(xs, ys);
    expect([d.fitFrom, d.confidence]).toEqual([4, 0.95]);
    expect(rel(d.slopeHalfWidth, tQuantile(0.95, 4) * d.slopeSE)).toBeLessThan(1e-12);
  });

  it('trend on two points: a slope but no interval; on one point no last ratio', () => {
    const t = trend([1, 2], [1, 0.25]);
    expect(t.slope).toBe(-2);
    expect(t.slopeHalfWidth).toBeNaN();
    expect(t.lastRatioRate).toBe(-2);
    expect(trend([3], [1]).lastRatioRate).toBeNaN();
  });

  it('ratioTest: within expected·[1/(1+tol), 1+tol] on the last count ratios, worst deviation', () => {
    const ys = [1, 0.9, 0.5, 0.26, 0.12];
    // last three ratios 5/9, 0.52, 6/13; worst |ln(q/0.5)| is ln(10/9)
    const r = ratioTest(ys, 0.5, 0.12);
    expect(r.ok).toBe(true);
    expect(r.ratios).toEqual(successiveRatios(ys).slice(-3));
    expect(Math.abs(r.worst - 1 / 9)).toBeLessThan(1e-15);
    expect(ratioTest(ys, 0.5, 0.1).ok).toBe(false); // 5/9 is 11 % above
    expect(ratioTest(ys, 0.5, 0.12, 4).ok).toBe(false); // 0.9 is far off
    expect(ratioTest(ys, 0.5, 0.12, 2).ok).toBe(true);
    // 1/(1 + tol) below: 0.12/0.26 = 0.4615 is 8.3 % under 0.5 in the log sense
    expect(ratioTest([0.26, 0.12], 0.5, 0.08, 1).ok).toBe(false);
    expect(ratioTest([0.26, 0.12], 0.5, 0.09, 1).ok).toBe(true);
    // too few ratios, or a non-finite one
    expect(ratioTest([1, 0.5], 0.5, 0.1).ok).toBe(false);
    expect(ratioTest([1, 0.5, 0, 0], 0.5, 0.1, 2).ok).toBe(false);
  });
});
