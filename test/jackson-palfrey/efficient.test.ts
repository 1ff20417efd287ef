import { describe, expect, it } from 'vitest';
import { brentMin } from '../../src/numeric/roots.ts';
import { buyerCdf, buyerTotal, buyersFromPieces, expectedExcess, homogeneousSellers, makeEconomy, makeSellers, sellerCdf, uniformBuyers } from '../../src/models/jackson-palfrey/economy.ts';
import { buyersAt, cutoffRule, evolve, sellersAt } from '../../src/models/jackson-palfrey/evolution.ts';
import { totalSurplus } from '../../src/models/jackson-palfrey/utility.ts';
import {
  competitivePrice, competitivePriceHomogeneous, cStar, period2, example1PrintedResidual, example1Residual, example1W, homogeneousReduction,
  theorem1Cutoffs, theorem2CutoffAt, theorem2Cutoffs, theorem2Surplus,
} from '../../src/models/jackson-palfrey/efficient.ts';
import type { Economy } from '../../src/models/jackson-palfrey/types.ts';
import { randomEconomy, rng } from './helpers.ts';

/** Surplus of a cutoff rule by the general evolution (not the solvers' own code). */
const surplusOf = (e: Economy, betas: number[][], delta: number) => totalSurplus(evolve(e, cutoffRule(betas)), delta);

/** Argmax of f on [0, 1]: a grid, then golden section around the best grid point. */
function argmax(f: (x: number) => number, n = 200): number {
  let best = 0;
  for (let k = 0; k <= n; k++) if (f(k / n) > f(best / n)) best = k;
  const lo = Math.max(0, (best - 1) / n);
  const hi = Math.min(1, (best + 1) / n);
  return brentMin((x) => -f(x), lo, hi, 1e-12).x;
}

describe('JP Example 1', () => {
  it('c*(m) maximises W(c) (direct maximisation) and solves the corrected equation, not the printed one', () => {
    for (const m of [0.05, 0.25, 0.5, 0.618, 0.75, 0.9, 0.99]) {
      expect(argmax((c) => example1W(m, c))).toBeCloseTo(cStar(m), 6);
      expect(Math.abs(example1Residual(m, cStar(m)))).toBeLessThan(1e-15);
      expect(cStar(m)).toBeCloseTo((Math.sqrt(1 - m) - (1 - m)) / m, 12);
    }
    expect(example1PrintedResidual(0.5, cStar(0.5))).toBeCloseTo(Math.SQRT2 - 2, 14); // −0.586
  });

  it('printed value: m = 0.9 gives β_1(0) = 0.2403…, above the competitive price 0.1', () => {
    expect(cStar(0.9)).toBeCloseTo(0.2403, 4);
    const e = makeEconomy(uniformBuyers(1), homogeneousSellers(0.9, 0.1));
    const r = theorem1Cutoffs(e, 2);
    expect(r.beta0[0]).toBeCloseTo(cStar(0.9), 13);
    expect(r.unique).toBe(true);
    const p = competitivePrice(e);
    expect(p.lo).toBeCloseTo(0.1, 15);
    expect(p.hi).toBeCloseTo(0.1, 15);
  });
});

describe('JP Theorem 1 (homogeneous sellers, δ = 1)', () => {
  it("recursion (3)'s cutoffs beat a global search over cutoff vectors (T = 3), and are decreasing", () => {
    const r = rng('jp-thm1-global');
    for (let k = 0; k < 4; k++) {
      const e = randomEconomy(r, { homogeneous: true });
      const res = theorem1Cutoffs(e, 3, { scanPoints: 8 });
      expect(res.converged).toBe(true);
      expect(Math.max(...res.residuals)).toBeLessThan(1e-12);
      const W = (c1: number, c2: number) => surplusOf(e, [[c1, 1], [c2, 1], [0, 1]], 1);
      const Wsol = W(res.beta0[0], res.beta0[1]);
      let best = -Infinity;
      for (let i = 0; i <= 16; i++) for (let j = 0; j <= 16; j++) best = Math.max(best, W(i / 16, j / 16));
      expect(Wsol).toBeGreaterThanOrEqual(best - 1e-12);
      // and no coordinate move of ±1e-3 improves on it
      for (const [d1, d2] of [[1e-3, 0], [-1e-3, 0], [0, 1e-3], [0, -1e-3]]) {
        expect(Wsol).toBeGreaterThanOrEqual(W(Math.min(1, Math.max(0, res.beta0[0] + d1)), Math.min(1, Math.max(0, res.beta0[1] + d2))) - 1e-13);
      }
      expect(res.beta0[0]).toBeGreaterThan(res.beta0[1]);
      expect(res.beta0[1]).toBeGreaterThan(0);
    }
  });
  // T = 4, 5 against an independent optimality reference: reference.test.ts
});

describe('JP Theorem 2 (T = 2, eq. 4)', () => {
  it('Theorem 1 and Theorem 2 agree for homogeneous sellers at δ = 1', () => {
    const r = rng('jp-thm1-vs-thm2');
    for (let k = 0; k < 10; k++) {
      const e = randomEconomy(r, { homogeneous: true, atom0: true });
      const t1 = theorem1Cutoffs(e, 2);
      const t2 = theorem2Cutoffs(e, 1);
      expect(t2.converged).toBe(true);
      expect(t2.beta[0]).toBeCloseTo(t1.beta0[0], 11);
      expect(t2.beta[1]).toBe(1);
    }
  });

  it('printed values: m = 1/2, s = 0, δ = 0.8 — efficient 0.3146 (eq. 4 and the corrected reduction), the printed reduction 0.3333', () => {
    const e = makeEconomy(uniformBuyers(1), homogeneousSellers(0.5, 0.5));
    const t2 = theorem2Cutoffs(e, 0.8);
    expect(t2.beta[0]).toBeCloseTo(0.3146, 4);
    expect(homogeneousReduction(e.buyers, 0.5, 0, 0.8, 'corrected').beta).toBeCloseTo(t2.beta[0], 12);
    expect(homogeneousReduction(e.buyers, 0.5, 0, 0.8, 'printed').beta).toBeCloseTo(1 / 3, 12);
    // direct maximisation of the surplus over the one cutoff that matters
    expect(argmax((c) => surplusOf(e, [[c, 1], [0, 1]], 0.8))).toBeCloseTo(t2.beta[0], 6);
  });

  it('eq. (4) beats a global search over seller-atom cutoffs on small heterogeneous economies, for several δ', () => {
    const r = rng('jp-thm2-global');
    for (let k = 0; k < 8; k++) {
      const e = randomEconomy(r, { atom0: k % 2 === 0 });
      const n = e.sellers.values.length;
      if (n > 3) continue;
      const delta = [1, 0.9, 0.5, 0.2][k % 4];
      const t2 = theorem2Cutoffs(e, delta);
      expect(t2.converged).toBe(true);
      const last = Array.from(e.sellers.values);
      const W = (b: number[]) => surplusOf(e, [b, last], delta);
      const Wsol = W(Array.from(t2.beta));
      // the solver's own surplus formula agrees with the general evolution
      expect(theorem2Surplus(e, t2.beta, delta)).toBeCloseTo(Wsol, 13);
      const G = n === 1 ? 100 : n === 2 ? 25 : 8;
      const idx = new Array(n).fill(0);
      let best = -Infinity;
      for (;;) {
        best = Math.max(best, W(idx.map((i) => i / G)));
        let d = 0;
        while (d < n && ++idx[d] > G) idx[d++] = 0;
        if (d === n) break;
      }
      expect(Wsol).toBeGreaterThanOrEqual(best - 1e-12);
      for (let j = 0; j < n; j++) {
        expect(t2.beta[j]).toBeGreaterThanOrEqual(e.sellers.values[j] - 1e-15);
        for (const d of [1e-3, -1e-3]) {
          const b = Array.from(t2.beta);
          b[j] = Math.min(1, Math.max(0, b[j] + d));
          expect(Wsol).toBeGreaterThanOrEqual(W(b) - 1e-13);
        }
      }
    }
  });

  it("period 2 of eq. (4)'s solver equals the general evolution, cutoffs at 0 with an atom of buyers at 0 included", () => {
    const r = rng('jp-period2-vs-evolve');
    for (let k = 0; k < 15; k++) {
      const e = randomEconomy(r, { atom0: true });
      const beta = Float64Array.from(e.sellers.values, (s) => (r() < 0.3 ? 0 : r() < 0.2 ? 1 : s + (1 - s) * r()));
      const p2 = period2(e, beta);
      const path = evolve(e, cutoffRule([beta, e.sellers.values]));
      const B2 = buyersAt(path, 2);
      for (let i = 0; i <= 20; i++) expect(buyerCdf(p2.buyers, i / 20)).toBeCloseTo(buyerCdf(B2, i / 20), 14);
      Array.from(sellersAt(path, 2).mass).forEach((m, j) => expect(p2.sellerMass[j]).toBeCloseTo(m, 14));
      e.sellers.values.forEach((s, j) => expect(p2.RB[j]).toBeCloseTo(expectedExcess(B2, s), 13));
    }
  });

  it('300 seller atoms: the starts agree and β_1 is non-decreasing in s; β_1 at an atom equals the profile', () => {
    const v = Array.from({ length: 300 }, (_, j) => j / 299);
    const e = makeEconomy(buyersFromPieces([{ lo: 0, hi: 1, weight: 1 }]), makeSellers(v, v.map(() => 1 / 300)));
    const t2 = theorem2Cutoffs(e, 0.9);
    expect(t2.converged).toBe(true);
    for (let j = 1; j < v.length; j++) expect(t2.beta[j]).toBeGreaterThanOrEqual(t2.beta[j - 1] - 1e-12);
    expect(theorem2CutoffAt(e, t2, v[170], 0.9)).toBeCloseTo(t2.beta[170], 12);
  });
});

describe('JP competitive price', () => {
  /** The market-clearing condition S(p−) ≤ B(1) − B(p) ≤ S(p), checked directly (tolerance `tol` on masses). */
  function clears(e: Economy, p: number, tol = 1e-12) {
    const D = buyerTotal(e.buyers) - buyerCdf(e.buyers, p);
    const below = sellerCdf(e.sellers, p - 1e-13);
    return below <= D + tol && D <= sellerCdf(e.sellers, p) + tol;
  }
  /** lo and hi clear the market, and 1e-6 outside [lo, hi] (inside [0, 1]) does not: they are the ends of the set. */
  function scan(e: Economy, p: { lo: number; hi: number }) {
    const ok = clears(e, p.lo) && clears(e, p.hi) && clears(e, (p.lo + p.hi) / 2);
    const outLo = p.lo - 1e-6 < 0 || !clears(e, p.lo - 1e-6, 0);
    const outHi = p.hi + 1e-6 > 1 || !clears(e, p.hi + 1e-6, 0);
    return ok && outLo && outHi;
  }

  it('clears the market exactly at its ends and not beyond them, including intervals from atoms and gaps', () => {
    const gap = buyersFromPieces([{ lo: 0, hi: 0.3, weight: 1 }, { lo: 0.7, hi: 1, weight: 1 }]);
    // an atom at 0 holding B(1) − S(0), then no buyers up to 0.4: every p in [0, 0.4] clears
    const atomGap = buyersFromPieces([{ lo: 0.4, hi: 1, weight: 1 }], 1, 0.5);
    const cases: Economy[] = [
      makeEconomy(uniformBuyers(1), makeSellers([0.3, 0.8], [0.5, 0.5])),
      makeEconomy(uniformBuyers(1), makeSellers([0.6], [1])),
      makeEconomy(gap, homogeneousSellers(0.5, 0.5)),
      makeEconomy(uniformBuyers(1), makeSellers([0.2, 0.4], [0.4, 0.6])),
      makeEconomy(atomGap, homogeneousSellers(0.5, 0.5)),
    ];
    const r = rng('jp-competitive');
    for (let k = 0; k < 10; k++) {
      const e = randomEconomy(r, { atom0: true });
      cases.push(makeEconomy(e.buyers, makeSellers(e.sellers.values.map((x) => Math.round(x * 100) / 100), e.sellers.mass)));
    }
    for (const e of cases) {
      const p = competitivePrice(e);
      expect(scan(e, p), JSON.stringify(p)).toBe(true);
    }
    expect(competitivePrice(cases[2])).toEqual({ lo: 0.3, hi: 0.7 });
    expect(competitivePriceHomogeneous(cases[2])).toEqual({ lo: 0.3, hi: 0.7 });
    expect(competitivePrice(cases[4])).toEqual({ lo: 0, hi: 0.4 });
  });
});

describe('JP Theorem 2 solver on an expansive Φ', () => {
  it('reaches the one solution of (4) from every start when the buyers are dense just below 1 (found by JP.Thm2.efficient-cutoffs)', () => {
    // buyers: weights .9, .25, 1 on [0, 11/16], [11/16, 31/32], [31/32, 1]: the top cell is 32 times denser, so Φ overshoots
    // there and the undamped iteration cycled (4 of 5 starts ended 0.01–0.07 from a fixed point)
    const w = [0.9, 0.25, 1];
    const buyers = buyersFromPieces([{ lo: 0, hi: 0.6875, weight: w[0] }, { lo: 0.6875, hi: 0.96875, weight: w[1] }, { lo: 0.96875, hi: 1, weight: w[2] }]);
    const sw = [0.55, 0.2, 0.1, 0.65, 0.95, 0.45];
    const W = sw.reduce((a, b) => a + b, 0);
    const e = makeEconomy(buyers, makeSellers([0.09375, 0.125, 0.25, 0.40625, 0.71875, 0.84375], sw.map((x) => x / W)));
    const t2 = theorem2Cutoffs(e, 0.9, { randomStarts: 3 });
    expect(t2.converged).toBe(true);
    expect(t2.spread).toBeLessThan(1e-9);
    for (const r of t2.runs) expect(r.residual).toBeLessThan(1e-12);
    // and the profile is efficient: no single cutoff moved by ±1e-3 raises surplus (the general evolution)
    const s = Array.from(e.sellers.values);
    const W0 = surplusOf(e, [Array.from(t2.beta), s], 0.9);
    for (let j = 0; j < s.length; j++) {
      for (const h of [-1e-3, 1e-3]) expect(surplusOf(e, [Array.from(t2.beta, (b, i) => (i === j ? Math.min(1, b + h) : b)), s], 0.9)).toBeLessThanOrEqual(W0 + 1e-14);
    }
  });
});
