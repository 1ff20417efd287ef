/**
 * src/models/dagan-serrano-volij/core.ts against independent characterisations: the price index
 * as a brute-force minimum cost, the contract curve by finite-difference MRS, Debreu–Scarf blocking
 * in the symmetric Edgeworth box by a hand derivation scanned on a grid, the price dual of the
 * blocking program against Kelley's primal, and HKW's composition in exact rationals.
 */
import { describe, expect, test } from 'vitest';
import type { Economy, Utility } from '../../src/economy/utilities.ts';
import { utilityValue } from '../../src/economy/utilities.ts';
import { walrasianEquilibrium } from '../../src/economy/walrasian.ts';
import {
  aggregateLevel,
  contractPoint,
  dualImprovementBound,
  finiteCoalition,
  maxUniformImprovement,
  priceIndex,
  replicaBlockingMargin,
  supportingPriceSlack,
  unblockedOnGrid,
} from '../../src/models/dagan-serrano-volij/core.ts';
import { lpSolver } from '../../src/numeric/lp.ts';
import { Fraction } from '../../src/numeric/rational.ts';

const cd = (a: number): Utility => ({ kind: 'cobb-douglas', alpha: [a, 1 - a] });
const box: Economy = { types: [{ mass: 1, endowment: [3, 1], utility: cd(0.5) }, { mass: 1, endowment: [1, 3], utility: cd(0.5) }] };

describe('price index', () => {
  test('= the cheapest cost of one unit of the aggregate, by a brute-force scan of the level curve', () => {
    const us: Utility[] = [cd(0.3), { kind: 'ces', alpha: [2, 1], sigma: 1 }, { kind: 'ces', alpha: [1, 3], sigma: 2.5 }, { kind: 'ces', alpha: [1, 1], sigma: 8 }];
    const p = [1, 1.7];
    for (const u of us) {
      // g(x) = 1 on a grid of x_0; x_1 by bisection on the aggregate itself (no closed form).
      let best = Infinity;
      for (let i = 1; i < 800; i++) {
        const x0 = (3 * i) / 800;
        let lo = 0;
        let hi = 100;
        if (aggregateLevel(u, [x0, hi]) < 1) continue;
        for (let it = 0; it < 60; it++) {
          const mid = (lo + hi) / 2;
          if (aggregateLevel(u, [x0, mid]) >= 1) hi = mid;
          else lo = mid;
        }
        best = Math.min(best, p[0] * x0 + p[1] * hi);
      }
      // Corner solutions of CES (σ > 1) are on the axes: x_1 alone.
      if (u.kind === 'ces') {
        let lo = 0;
        let hi = 100;
        for (let it = 0; it < 100; it++) {
          const mid = (lo + hi) / 2;
          if (aggregateLevel(u, [0, mid]) >= 1) hi = mid;
          else lo = mid;
        }
        best = Math.min(best, p[1] * hi);
      }
      expect(Math.abs(priceIndex(u, p) / best - 1)).toBeLessThan(5e-5);
    }
  });
});

describe('2×2 replicas (Debreu–Scarf)', () => {
  test('contract curve: equal marginal rates of substitution by finite differences', () => {
    const e: Economy = { types: [{ mass: 1, endowment: [5, 1], utility: { kind: 'ces', alpha: [1, 1], sigma: 3 } }, { mass: 1, endowment: [1, 5], utility: cd(1 / 3) }] };
    for (const s of [1, 3, 5]) {
      const x = contractPoint(e, s);
      const fdMrs = (u: Utility, b: number[]) => {
        const h = 1e-6;
        return (utilityValue(u, [b[0], b[1] + h]) - utilityValue(u, [b[0], b[1] - h])) / (utilityValue(u, [b[0] + h, b[1]]) - utilityValue(u, [b[0] - h, b[1]]));
      };
      expect(x[0][0] + x[1][0]).toBeCloseTo(6, 12);
      expect(Math.abs(fdMrs(e.types[0].utility, x[0]) / fdMrs(e.types[1].utility, x[1]) - 1)).toBeLessThan(1e-6);
    }
  });
  test('symmetric box, coalition of two type-0 and one type-1 agents: blocks exactly where the hand derivation says', () => {
    // Allocation (s,s), (4−s,4−s). Type 0 keeps level s (a·b = s²), type 1 gets (7 − 2a, 5 − 2s²/a): blocked iff
    // max_a (7 − 2a)(5 − 2s²/a) > (4 − s)² — scanned on a grid of a, no Brent.
    for (const s of [1.8, 1.9, 1.92, 1.95, 2, 2.05, 2.1]) {
      let best = -Infinity;
      for (let i = 1; i < 200000; i++) {
        const a = (3.5 * i) / 200000;
        const y = [7 - 2 * a, 5 - (2 * s * s) / a];
        if (y[0] > 0 && y[1] > 0) best = Math.max(best, y[0] * y[1]);
      }
      const blocked = best > (4 - s) ** 2 * (1 + 1e-9);
      const m = replicaBlockingMargin(box, [[s, s], [4 - s, 4 - s]], 2, 1);
      expect(m > 1e-9, `s = ${s}`).toBe(blocked);
    }
  });
  test('the r = 1 core is the individually rational part of the contract curve, [√3, 4 − √3]; the equilibrium is never blocked', () => {
    const grid = [1.7, 1.74, 2, 2.25, 2.3];
    expect(unblockedOnGrid(box, 1, grid, 1e-9)).toEqual([false, true, true, true, false]);
    expect(unblockedOnGrid(box, 6, [2], 1e-9)).toEqual([true]);
  });
});

describe('coalition improvement δ*', () => {
  const e: Economy = {
    types: [
      { mass: 1, endowment: [4, 1, 2], utility: { kind: 'cobb-douglas', alpha: [0.2, 0.5, 0.3] } },
      { mass: 2, endowment: [1, 3, 1], utility: { kind: 'ces', alpha: [1, 2, 1], sigma: 2 } },
      { mass: 1, endowment: [2, 2, 5], utility: { kind: 'cobb-douglas', alpha: [0.5, 0.25, 0.25] } },
    ],
  };
  test('at the Walrasian allocation: the price dual is ≤ 1e-12 and the supporting-price slack is positive for δ > 0', () => {
    const w = walrasianEquilibrium(e);
    for (const n of [[1, 1, 1], [2, 1, 0], [0, 3, 1], [1, 0, 0]]) {
      expect(dualImprovementBound(e, w.allocation, n).delta).toBeLessThan(1e-12);
      expect(supportingPriceSlack(e, w.prices, w.allocation, n, 1e-6)).toBeGreaterThan(0);
      expect(Math.abs(supportingPriceSlack(e, w.prices, w.allocation, n, 0))).toBeLessThan(1e-12);
    }
  });
  test('at the endowments: the dual bound and Kelley’s primal bracket the same δ* > 0', async () => {
    const { solve } = await lpSolver();
    // Two types of the economy, two agents of the second: a small LP, Kelley converges in a few dozen cuts.
    const small: Economy = { types: e.types.slice(0, 2).map((t) => ({ ...t, endowment: t.endowment.slice(0, 2), utility: t.utility.kind === 'ces' ? { ...t.utility, alpha: t.utility.alpha.slice(0, 2) } : { kind: 'cobb-douglas', alpha: [0.4, 0.6] } })) };
    const endow = small.types.map((t) => t.endowment);
    for (const n of [[1, 2]]) {
      const dual = dualImprovementBound(small, endow, n).delta;
      const k = maxUniformImprovement(solve, small, endow, n, 0, 300, 1e-3);
      expect(dual).toBeGreaterThan(0.01);
      expect(k.deltaLo).toBeLessThanOrEqual(dual + 1e-9);
      expect(k.deltaHi).toBeGreaterThanOrEqual(dual - 1e-9);
      expect(k.deltaHi - k.deltaLo).toBeLessThanOrEqual(1e-3);
    }
  });
});

describe("HKW's Claim 1 (Step 5)", () => {
  test('integer composition n = μ·L and Σ n_t z_t ≤ 0 exactly from trades that balance only in doubles', () => {
    const e: Economy = { types: [{ mass: 1, endowment: [1, 1], utility: cd(0.5) }, { mass: 1, endowment: [1, 1], utility: cd(0.5) }] };
    const mu = [new Fraction(1, 3), new Fraction(1, 2)];
    // μ_0 z_0 + μ_1 z_1 = 0 in exact arithmetic, but 0.1/3 is not representable.
    const z = [
      [0.3, -0.1],
      [-0.2, 0.1 / 1.5],
    ];
    const f = finiteCoalition(e, mu, z);
    expect(f.n).toEqual([2n, 3n]);
    for (let k = 0; k < 2; k++) expect(f.z[0][k].mul(f.n[0]).add(f.z[1][k].mul(f.n[1])).compare(0)).toBeLessThanOrEqual(0);
    expect(Math.abs(f.z[1][1].valueOf() - 0.1 / 1.5)).toBeLessThan(1e-15);
  });
});
