/**
 * Error estimates checked as bounds, and convergence flags asserted, on the 50-digit reference
 * markets (fixtures/pw/markets-reference.json, mpmath): for both routes to T1 and T2 (the density
 * route `cutoffGroups`, the quantile route `cutoffQuantile`), |value − reference| ≤ abserr, and
 * abserr is not wildly larger than the accuracy those routes reach (a cap), and `converged` is
 * true. A mutation test showed error terms could be dropped, inflated a thousandfold or a
 * convergence flag lost with `npm test` green: the reference test checked values only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ROOT } from '../../src/claims/persist.ts';
import { makeDist } from '../../src/distributions/index.ts';
import type { DistSpec } from '../../src/distributions/types.ts';
import { betaStar, betaStarError, conditionT11, cutoffGroups, groupShares, T2Definition, type Estimate } from '../../src/models/pycia-wang/cutoff.ts';
import { cutoffQuantile } from '../../src/models/pycia-wang/quantile.ts';
// This file builds expression densities: load their engine (density.ts does not import it).
import '../../src/distributions/expression-engine.ts';

interface Val { dec: string; dbl: number }
interface RefMarket { id: string; n: number; dist: DistSpec; shares: number[]; T1: Val; T2: Val; betaStar: Val; mean: Val; eMax: Val; vStar: Val[]; brackets?: Val[] }
const ref: { markets: RefMarket[] } = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'pw', 'markets-reference.json'), 'utf8'));
const num = (v: Val) => Number(v.dec);

/**
 * The reference read the shares and supports as decimals, the model as doubles: 1e-12 × scale
 * (× n for T1, a sum of n brackets) covers that, as in reference.test.ts.
 */
function within(e: Estimate, exact: number, inputs: number, cap: number, what: string, unconverged = false) {
  const err = Math.abs(e.value - exact);
  expect(err, `${what}: |value − reference| ≤ abserr`).toBeLessThanOrEqual(e.abserr + inputs);
  if (unconverged) return;
  expect(e.converged, `${what}: converged`).toBe(true);
  // Measured: ≤ 5e-12 relative to the scale on every market (T1 of n = 200: 4e-13); a cap
  // three orders looser still catches an error term inflated or blown up.
  expect(e.abserr, `${what}: abserr ≤ ${cap}`).toBeLessThanOrEqual(cap);
}

describe('reference markets: errors are bounds, convergence is said', () => {
  for (const m of ref.markets) {
    const dist = makeDist(m.dist);
    const scale = Math.max(1, Math.abs(dist.lo), Math.abs(dist.hi));
    const groups = groupShares(m.shares);
    // Beta(½, ½), unbounded density at both ends: the density route's mass check does not reach
    // its tolerance, so it says `converged: false` with errors as wide as the support (values right
    // to 1e-16); the quantile route, which never touches the density, converges. Only the bound
    // is asserted for it here.
    const singular = dist.singularAt.lo || dist.singularAt.hi;
    test(`${m.id}: density route`, () => {
      const g = cutoffGroups(dist, m.n, groups);
      within(g.T1, num(m.T1), 1e-12 * scale * m.n, 1e-8 * scale, 'T1', singular);
      within(g.T2, num(m.T2), 1e-12 * scale, 1e-8 * scale, 'T2', singular);
      // ∫F^n = v̄ − E[max]
      within(g.intFn, dist.hi - num(m.eMax), 1e-12 * scale, 1e-8 * scale, '∫F^n', singular);
      expect(Math.abs(g.mean - num(m.mean))).toBeLessThanOrEqual(1e-12 * scale);
      // β* within its propagated error (the input rounding carried through as well)
      const inputs = (m.n * 1e-12 * scale * m.n) / Math.abs(num(m.T1) + num(m.T2));
      expect(Math.abs(g.betaStar - num(m.betaStar))).toBeLessThanOrEqual(g.betaStarErr + inputs);
      if (!singular) expect(g.betaStarErr).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(num(m.betaStar))));
      // each bracket within T1's error (T1's error is the sum of the brackets' errors)
      m.brackets?.forEach((b, i) => {
        const grp = g.groups.find((x) => x.share === m.shares[i])!;
        expect(Math.abs(grp.bracket - num(b)), `bracket ${i}`).toBeLessThanOrEqual(g.T1.abserr + 1e-12 * scale * m.n);
      });
      m.vStar.forEach((v, i) => expect(Math.abs(g.groups.find((x) => x.share === m.shares[i])!.vStar - num(v))).toBeLessThanOrEqual(1e-12 * scale));
    });
    if (m.n <= 6)
      test(`${m.id}: T2 by its definition (double integral, no Lemma 2)`, () => {
        const d = T2Definition(dist, m.n);
        within(d, num(m.T2), 1e-12 * scale, 1e-7 * scale, 'T2 (definition)', singular);
      });
    test(`${m.id}: quantile route`, () => {
      const q = cutoffQuantile(dist, m.n, groups);
      within(q.T1, num(m.T1), 1e-12 * scale * m.n, 1e-8 * scale, 'T1');
      within(q.T2, num(m.T2), 1e-12 * scale, 1e-8 * scale, 'T2');
      const inputs = (m.n * 1e-12 * scale * m.n) / Math.abs(num(m.T1) + num(m.T2));
      expect(Math.abs(q.betaStar - num(m.betaStar))).toBeLessThanOrEqual(q.betaStarErr + inputs);
      m.brackets?.forEach((b, i) => {
        const k = groups.findIndex((x) => x.share === m.shares[i]);
        within(q.brackets[k], num(b), 1e-12 * scale, 1e-8 * scale, `bracket ${i}`);
      });
    });
  }
});

describe('betaStarError: the first-order error of β* = −nT1/(T1+T2)', () => {
  // Brute force: β* at the four corners T1 ± e1, T2 ± e2. For small errors the farthest corner
  // moves β* by |∂β*/∂T1|e1 + |∂β*/∂T2|e2, which is what betaStarError must return.
  test.each([
    [0.01, -0.25, 2, 1e-9, 1e-9],
    [0.0416, -0.3333, 3, 1e-10, 3e-10],
    [-0.02, -0.4, 10, 2e-9, 1e-12],
    [3e-5, -0.49, 200, 1e-12, 1e-8],
  ])('T1 = %s, T2 = %s, n = %s, errors %s, %s', (t1, t2, n, e1, e2) => {
    const b = betaStar(t1, t2, n);
    let worst = 0;
    for (const s1 of [-1, 1]) for (const s2 of [-1, 1]) worst = Math.max(worst, Math.abs(betaStar(t1 + s1 * e1, t2 + s2 * e2, n) - b));
    const est = betaStarError({ value: t1, abserr: e1, converged: true }, { value: t2, abserr: e2, converged: true }, n);
    expect(Math.abs(est - worst)).toBeLessThanOrEqual(1e-4 * worst);
  });

  test('β* itself: uniform(0,1), n = 2, r = (½, ½) has T1 = 1/12 − ... closed form −nT1/(T1+T2)', () => {
    // T1 = (n−1)Σ[(1 − r^{n/(n−1)})/n − 1/(n+1)] and T2 = −(n−1)/(2(n+1)) for uniform(0,1)
    // (PW.uniform.closed-form): n = 2, r = ½ each gives T1 = 2(3/8 − 1/3) = 1/12, T2 = −1/6, β* = 2.
    expect(betaStar(1 / 12, -1 / 6, 2)).toBeCloseTo(2, 14);
    const g = cutoffGroups(makeDist({ kind: 'uniform', lo: 0, hi: 1 }), 2, [{ share: 0.5, count: 2 }]);
    expect(Math.abs(g.betaStar - 2)).toBeLessThanOrEqual(g.betaStarErr + 4 * Number.EPSILON);
    expect(Math.abs(g.T1.value - 1 / 12)).toBeLessThanOrEqual(g.T1.abserr);
  });
});

describe('condition (T1-1) and share groups', () => {
  test('(1 + β/n)T1 + (β/n)T2 is T1 at β = 0 and vanishes at β = β* (the definition of β*)', () => {
    for (const [t1, t2, n] of [[1 / 12, -1 / 6, 2], [0.0416, -0.3333, 3], [3e-5, -0.49, 200]]) {
      expect(conditionT11(t1, t2, n, 0)).toBe(t1);
      expect(Math.abs(conditionT11(t1, t2, n, betaStar(t1, t2, n)))).toBeLessThanOrEqual(8 * Number.EPSILON * Math.abs(t1));
      // T1 + (β/n)(T1 + T2) falls in β, as T1 + T2 < 0 (Theorem 2: efficient trade iff β ≤ β*)
      expect(conditionT11(t1, t2, n, 1)).toBeLessThan(conditionT11(t1, t2, n, 0));
    }
  });

  test('groupShares: equal shares (exactly) form one group with their count, in first-seen order', () => {
    expect(groupShares([0.5, 0.25, 0.25, 0])).toEqual([{ share: 0.5, count: 1 }, { share: 0.25, count: 2 }, { share: 0, count: 1 }]);
  });
});
