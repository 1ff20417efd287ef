/**
 * routes.ts (mutation testing): each route name reaches its own quadrature, and β* at equal
 * shares is the market of n agents at 1/n — checked against the closed form of uniform(0, 1)
 * (PW.uniform.closed-form at r = 1/n: T1 = (n−1)/(n+1) − (n−1)n^{−n/(n−1)}, T2 = −(n−1)/(2(n+1))).
 */
import { expect, test } from 'vitest';
import { makeDist } from '../../src/distributions/index.ts';
import { cutoffGroups } from '../../src/models/pycia-wang/cutoff.ts';
import { cutoffQuantile } from '../../src/models/pycia-wang/quantile.ts';
import { betaStarEqual, cutoffBy } from '../../src/models/pycia-wang/routes.ts';

const tn = makeDist({ kind: 'truncated-normal', mean: 0.4, sd: 0.3, lo: 0, hi: 1 });
const groups = [{ share: 0.5, count: 1 }, { share: 0.3, count: 1 }, { share: 0.2, count: 1 }];

test('cutoffBy: "density" is cutoffGroups, "quantile" is cutoffQuantile (their values differ in the last digits)', () => {
  const d = cutoffBy('density', tn, 3, groups, 'standard');
  const q = cutoffBy('quantile', tn, 3, groups, 'standard');
  expect(d.T1).toEqual(cutoffGroups(tn, 3, groups, 'standard').T1);
  expect(q.T1).toEqual(cutoffQuantile(tn, 3, groups, 'standard').T1);
  // two quadratures of one quantity: the same to their errors, not to the bit
  expect(d.T1.value).not.toBe(q.T1.value);
  expect(Math.abs(d.T1.value - q.T1.value)).toBeLessThanOrEqual(d.T1.abserr + q.T1.abserr);
});

test('betaStarEqual: n agents at 1/n (uniform closed form), by the density route unless told', () => {
  const u = makeDist({ kind: 'uniform', lo: 0, hi: 1 });
  for (const n of [2, 3, 7]) {
    const T1 = (n - 1) / (n + 1) - (n - 1) * Math.pow(1 / n, n / (n - 1));
    const T2 = -(n - 1) / (2 * (n + 1));
    const b = betaStarEqual(u, n, 'standard');
    expect(Math.abs(b.T1 - T1)).toBeLessThanOrEqual(1e-14);
    expect(b.T2).toBeCloseTo(T2, 14);
    expect(Math.abs(b.value - (-n * T1) / (T1 + T2))).toBeLessThanOrEqual(b.err + 1e-13);
    expect(b.err).toBeGreaterThan(0);
    expect(b.err).toBeLessThanOrEqual(1e-10);
  }
  const dflt = betaStarEqual(tn, 5, 'standard');
  expect(dflt).toEqual(betaStarEqual(tn, 5, 'standard', 'density'));
  expect(dflt.value).not.toBe(betaStarEqual(tn, 5, 'standard', 'quantile').value);
});
