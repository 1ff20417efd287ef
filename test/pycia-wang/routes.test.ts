/**
 * Precision routes of the Pycia–Wang model, each pinned by a case that needs it (against
 * 50-digit mpmath values, scripts in the comments): a route that another route backs up is
 * otherwise untested, and a mutation test showed it could be switched off with `npm test` green.
 */
import { describe, expect, test } from 'vitest';
import { makeDist } from '../../src/distributions/index.ts';
import { vStar } from '../../src/models/pycia-wang/market.ts';

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
