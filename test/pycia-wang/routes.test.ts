/**
 * Precision routes of the Pycia–Wang model, each pinned by a case that needs it (against
 * 50-digit mpmath values, scripts in the comments): a route that another route backs up is
 * otherwise untested, and a mutation test showed it could be switched off with `npm test` green.
 */
import { describe, expect, test } from 'vitest';
import { makeDist } from '../../src/distributions/index.ts';
import { cutoffGroups } from '../../src/models/pycia-wang/cutoff.ts';
import { vStar } from '../../src/models/pycia-wang/market.ts';
import { cutoffQuantile } from '../../src/models/pycia-wang/quantile.ts';

/** Relative error against a reference. */
const rel = (x: number, ref: number) => Math.abs(x - ref) / Math.abs(ref);

describe('vStar: v* = F⁻¹(r^{1/(n−1)}) through the tail where it lies', () => {
  // mpmath 1.3 at 50 digits: u = r^{1/(n−1)} with r the double, then bisection on the regularized
  // incomplete beta (Beta(2, 5)) or on (Φ(10) − Φ(x))/(Φ(10) − Φ(−10)) (normal cut to [−10, 10]).
  const beta = makeDist({ kind: 'beta', a: 2, b: 5, lo: 0, hi: 1 });
  const normal = makeDist({ kind: 'truncated-normal', mean: 0, sd: 1, lo: -10, hi: 10 });

  // Large n puts v* where 1 − F ≈ |log r|/n: through F⁻¹(exp(·)) the level is rounded to ε
  // absolute first, which moves v* by ε/f(v*) (measured: 4e-12 relative for Beta(2,5), 6e-11 for
  // the normal at n = 2^30); through the upper tail, 1 − u = −expm1(log r/(n−1)) keeps its digits.
  test.each([
    ['Beta(2,5)', 0.5, 2 ** 20, 0.9591280953694798921718817],
    ['Beta(2,5)', 0.5, 2 ** 30, 0.9898353191759815980325589],
    ['normal(0,1) on [−10,10]', 0.5, 2 ** 20, 4.836406502749052547652982],
    ['normal(0,1) on [−10,10]', 0.5, 2 ** 30, 6.068502106147644280012283],
  ] as const)('upper tail: %s, r = %s, n = %s', (_name, r, n, ref) => {
    const d = _name.startsWith('Beta') ? beta : normal;
    // 4ε: the tail inverse's own accuracy (measured ≤ 2e-16)
    expect(rel(vStar(d, r, n), ref)).toBeLessThanOrEqual(4 * Number.EPSILON);
  });

  // A tiny share puts v* deep in the lower tail, where 1 − u rounds to 1: the upper-tail route
  // would lose it (measured 4e-8 and 2e-9 relative); F⁻¹(u) is exact to the quantile's accuracy.
  test.each([
    ['Beta(2,5)', 1e-20, 3, 0.000002581997786411183941059745],
    ['normal(0,1) on [−10,10]', 1e-20, 3, -6.361340902404044506917983],
  ] as const)('lower tail: %s, r = %s, n = %s', (_name, r, n, ref) => {
    const d = _name.startsWith('Beta') ? beta : normal;
    expect(rel(vStar(d, r, n), ref)).toBeLessThanOrEqual(4 * Number.EPSILON);
  });

  test('uniform(0,1), r = 1e-200, n = 3: v* = r^{1/2} = 1e-100 (closed form), not 0', () => {
    const u = makeDist({ kind: 'uniform', lo: 0, hi: 1 });
    // log r/(n−1) then exp: |log r|·ε relative
    expect(rel(vStar(u, 1e-200, 3), 1e-100)).toBeLessThanOrEqual(460 * Number.EPSILON);
  });
});

describe('large n: F^{n−2} lives within 1/n of v̄, and every piece must see it', () => {
  // uniform(0,1): bracket(r) = (n−1)[(1 − r^{n/(n−1)})/n − 1/(n+1)] and T2 = −(n−1)/(2(n+1))
  // (PW.uniform.closed-form); T1 summed by mpmath at 60 digits with the shares as doubles.
  const u = makeDist({ kind: 'uniform', lo: 0, hi: 1 });
  test.each([
    { n: 2 ** 14, groups: [{ share: 2 ** -14, count: 2 ** 14 }], T1: 0.0005310857653331934259237422 },
    { n: 2 ** 16, groups: [{ share: 2 ** -16, count: 2 ** 16 }], T1: 0.0001539527444441554499271208 },
    { n: 2 ** 20, groups: [{ share: 2 ** -20, count: 2 ** 20 }], T1: 0.00001226697338077759576855298 },
    { n: 2 ** 14, groups: [{ share: 2 ** -13, count: 2 ** 13 }, { share: 0, count: 2 ** 13 }], T1: 0.000488803576099416992996432 },
    { n: 2 ** 16, groups: [{ share: 2 ** -15, count: 2 ** 15 }, { share: 0, count: 2 ** 15 }], T1: 0.0001433778916058708588285973 },
  ])('uniform, n = $n, $groups.length share group(s): both routes within their errors', ({ n, groups, T1 }) => {
    const T2 = -(n - 1) / (2 * (n + 1));
    const a = cutoffGroups(u, n, groups);
    expect(a.T1.converged && a.T2.converged).toBe(true);
    expect(Math.abs(a.T1.value - T1)).toBeLessThanOrEqual(a.T1.abserr);
    expect(Math.abs(a.T2.value - T2)).toBeLessThanOrEqual(a.T2.abserr);
    // measured: T1's error estimate 2e-11 … 1.4e-9 (true error 6e-13 … 2e-11), T2's 6e-15
    expect(a.T1.abserr).toBeLessThanOrEqual(1e-8);
    expect(a.T2.abserr).toBeLessThanOrEqual(1e-13);
    const q = cutoffQuantile(u, n, groups);
    expect(q.T1.converged && q.T2.converged).toBe(true);
    expect(Math.abs(q.T1.value - T1)).toBeLessThanOrEqual(q.T1.abserr);
    expect(Math.abs(q.T2.value - T2)).toBeLessThanOrEqual(q.T2.abserr);
    // measured 4e-10 … 4e-7 for true errors below 6e-11: loose (the n·rounding term), but bounded
    expect(q.T1.abserr).toBeLessThanOrEqual(1e-6);
  });
});

describe('a spike of mass at v̄ that the plain partition cannot see: the mass check re-cuts', () => {
  // (1 − w)·uniform(0,1) + w·normal(1, sd) cut to [0, 1]: the spike's mass lies within a few sd
  // of v̄, between Gauss–Kronrod's outermost node and the end of the last piece. ∫g then misses
  // mass, and the integral is redone on `massCuts` (without it: not converged, errors 1e-2…3).
  // References: mpmath 1.3 at 40 digits, in p-space, split at v* and at 1 − k·sd.
  const mix = (w: number, sd: number) =>
    makeDist({ kind: 'mixture', parts: [{ weight: 1 - w, dist: { kind: 'uniform', lo: 0, hi: 1 } }, { weight: w, dist: { kind: 'truncated-normal', mean: 1, sd, lo: 0, hi: 1 } }] });
  test.each([
    { w: 0.001, sd: 1e-4, n: 3, T1: 0.1152150342071585770177, T2: -0.2502490910414128335536 },
    { w: 0.01, sd: 1e-4, n: 3, T1: 0.1162614060614403290061, T2: -0.2524236882441687111117 },
    { w: 0.01, sd: 1e-5, n: 14, T1: 0.1097663554260549131336, T2: -0.4370826733117640311386 },
    { w: 0.1, sd: 1e-5, n: 40, T1: 0.01406119249051899460778, T2: -0.4496371897122985852969 },
  ])('w = $w, sd = $sd, n = $n', ({ w, sd, n, T1, T2 }) => {
    const g = cutoffGroups(mix(w, sd), n, [{ share: 1 / n, count: n }]);
    expect(g.T1.converged).toBe(true);
    expect(Math.abs(g.T1.value - T1)).toBeLessThanOrEqual(g.T1.abserr);
    expect(Math.abs(g.T2.value - T2)).toBeLessThanOrEqual(g.T2.abserr);
    // measured 7e-15 … 1e-10
    expect(g.T1.abserr).toBeLessThanOrEqual(1e-9);
    expect(g.T2.abserr).toBeLessThanOrEqual(1e-12);
  });

  // Found while writing the case above: the quantile route, converged, was off by 1.7e-8 with an
  // error estimate of 2e-11 (the density route is right to 8e-12). v* sits inside the spike
  // (1 − 1.7e-5), where Q(u) turns from slope 1.1 to 1/8000 at u ≈ 0.9; quantile.ts now cuts at a
  // mixture part's window and its mean ± 1, 3, 10 sd.
  test('the quantile route on w = 0.1, sd = 1e-5, n = 40 is within its error', () => {
    const q = cutoffQuantile(mix(0.1, 1e-5), 40, [{ share: 1 / 40, count: 40 }]);
    expect(Math.abs(q.T1.value - 0.01406119249051899460778)).toBeLessThanOrEqual(q.T1.abserr);
  });
});
