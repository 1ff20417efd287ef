/**
 * Jackson–Palfrey efficient.ts from Theorem 2's iteration on (lines 456–653: `iterate`, `theorem2Cutoffs`,
 * `theorem2Surplus`, `homogeneousReduction`), the cases mutation testing showed unpinned
 * (mutation/results/mut-jp2.md; mutation/equivalent/jackson-palfrey-efficient.md lists what cannot
 * change a result). References: the plain iteration of Φ counted here, δ = 0 (Φ ≡ s), the documented
 * starts replayed from the seeded source, the general evolution (evolution.ts, utility.ts), and
 * Theorem 2 itself for the homogeneous reduction.
 */
import { describe, expect, it } from 'vitest';
import { buyerExcess, buyerTotal, buyersFromPieces, makeEconomy, makeSellers, uniformBuyers } from '../../src/models/jackson-palfrey/economy.ts';
import { eq4Map, homogeneousReduction, period2, solveEq4, theorem2Cutoffs, theorem2Surplus } from '../../src/models/jackson-palfrey/efficient.ts';
import { buyersAt, cutoffRule, evolve } from '../../src/models/jackson-palfrey/evolution.ts';
import { totalSurplus } from '../../src/models/jackson-palfrey/utility.ts';
import type { Economy } from '../../src/models/jackson-palfrey/types.ts';
import { makeRng } from '../../src/numeric/rng.ts';
import { randomEconomy, rng } from './helpers.ts';

const resOf = (e: Economy, beta: Float64Array, delta: number) => {
  const f = eq4Map(e, beta, delta).next;
  return Math.max(...Array.from(beta, (b, j) => Math.abs(f[j] - b)));
};

describe('solveEq4 at δ = 1: h is flat above the last atom, and the smallest root is that atom, not 1', () => {
  it('one seller atom: every β ∈ [s, 1] solves (4); β_1 = s (trade iff b ≥ s), whatever the round-off of h(1)', () => {
    // (4) for one atom at δ = 1: β − s = R_B(s) + (β − s) − K with K = R_B(s): 0 = 0 on [s, 1]
    const r = rng('jp-eq4-flat');
    let cases = 0;
    for (let k = 0; k < 40; k++) {
      const s = Math.round(r() * 100) / 100;
      const mass = 0.5 + r();
      const knot = 0.5 + r() / 2;
      const buyers = buyersFromPieces([{ lo: 0, hi: knot, weight: 0.2 + r() }, { lo: knot, hi: 1, weight: 0.2 + r() }].filter((p) => p.hi > p.lo), mass);
      const e = makeEconomy(buyers, makeSellers([s], [buyerTotal(buyers)]));
      for (const beta of [s, 1, (s + 1) / 2]) {
        const p2 = period2(e, Float64Array.of(beta));
        if (!(p2.S2 > 0)) continue;
        cases++;
        expect(solveEq4(e.sellers.values, p2, s, p2.RB[0], 1), `s = ${s}, β = ${beta}`).toBeCloseTo(s, 14);
      }
      const t2 = theorem2Cutoffs(e, 1);
      expect(t2.beta[0]).toBeCloseTo(s, 14);
      expect(t2.converged).toBe(true);
    }
    expect(cases).toBeGreaterThan(100);
  });

  it('the printed case of mut-jp.md: one atom at 0.17 (returned 1)', () => {
    const buyers = buyersFromPieces([{ lo: 0, hi: 0.5338260904154989, weight: 0.88 }, { lo: 0.5338260904154989, hi: 1, weight: 0.54 }], 1.4216880052345546);
    const e = makeEconomy(buyers, makeSellers([0.17], [buyerTotal(buyers)]));
    const p2 = period2(e, Float64Array.of(1));
    expect(solveEq4(e.sellers.values, p2, 0.17, p2.RB[0], 1)).toBe(0.17);
  });
});
