import { describe, expect, it } from 'vitest';
import { buyerCdf, buyerTotal, homogeneousSellers, makeEconomy, sellerCdf, uniformBuyers } from '../../src/models/jackson-palfrey/economy.ts';
import { buyersAt, cutoffRule, evolve, sellersAt, totals, tradedMass } from '../../src/models/jackson-palfrey/evolution.ts';
import type { GridPeriod } from '../../src/models/jackson-palfrey/types.ts';
import { randomEconomy, randomGridPeriod, rng } from './helpers.ts';

describe('JP evolution, eqs. (1)–(2)', () => {
  it("Example 1's printed B_2: b below the cutoff, c + (1 − m)(b − c) above", () => {
    for (const [m, c] of [[0.5, Math.SQRT2 - 1], [0.9, 0.3], [0.2, 0.7]]) {
      const e = makeEconomy(uniformBuyers(1), homogeneousSellers(m, 1 - m));
      const path = evolve(e, cutoffRule([[c, 1], [0, 1]]));
      const B2 = buyersAt(path, 2);
      for (const b of [0, 0.1, c, (c + 1) / 2, 0.95, 1]) {
        expect(buyerCdf(B2, b)).toBeCloseTo(b <= c ? b : c + (1 - m) * (b - c), 14);
      }
      // S_2(0) = m − m(1 − c): the sellers at 0 who met a buyer below c
      expect(sellerCdf(sellersAt(path, 2), 0)).toBeCloseTo(m * c, 14);
      expect(sellerCdf(sellersAt(path, 2), 0.99)).toBeCloseTo(m * c, 14);
    }
  });

  it('mass balance: equal traded masses, B_t(1) = S_t(1), B and S shrink pointwise, for random grid rules', () => {
    const r = rng('jp-evolution-mass');
    for (let k = 0; k < 60; k++) {
      const e = randomEconomy(r, { atom0: true });
      const n = e.sellers.values.length;
      const T = 1 + Math.floor(r() * 4);
      const rule = Array.from({ length: T }, () => randomGridPeriod(r, n, k % 2 === 1));
      const path = evolve(e, rule);
      const B1 = buyerTotal(e.buyers);
      for (let t = 1; t <= T; t++) {
        const tm = tradedMass(path, t);
        expect(Math.abs(tm.buyers - tm.sellers)).toBeLessThan(1e-14 * B1 * 10);
        const now = totals(path, t);
        const nxt = totals(path, t + 1);
        expect(Math.abs(now.buyers - now.sellers)).toBeLessThan(1e-13 * B1);
        expect(now.buyers - nxt.buyers).toBeCloseTo(tm.buyers, 13);
        expect(now.sellers - nxt.sellers).toBeCloseTo(tm.sellers, 13);
        const Bt = buyersAt(path, t);
        const Bn = buyersAt(path, t + 1);
        for (let i = 0; i <= 20; i++) {
          const v = i / 20;
          expect(buyerCdf(Bn, v)).toBeLessThanOrEqual(buyerCdf(Bt, v) + 1e-15);
          // B_t − B_{t+1} is a measure: non-decreasing in v
          if (i > 0) expect(buyerCdf(Bt, v) - buyerCdf(Bn, v)).toBeGreaterThanOrEqual(buyerCdf(Bt, v - 0.05) - buyerCdf(Bn, v - 0.05) - 1e-14);
          expect(sellerCdf(sellersAt(path, t + 1), v)).toBeLessThanOrEqual(sellerCdf(sellersAt(path, t), v) + 1e-15);
        }
      }
    }
  });

  it('a cutoff rule and the same rule written as a grid evolve alike', () => {
    const r = rng('jp-evolution-cutoff-grid');
    for (let k = 0; k < 20; k++) {
      const e = randomEconomy(r, { atom0: true });
      const n = e.sellers.values.length;
      const beta = Array.from({ length: n }, () => (r() < 0.2 ? 0 : r()));
      const knots = Float64Array.from([0, ...[...new Set(beta.filter((b) => b > 0 && b < 1))].sort((a, b) => a - b), 1]);
      const grid: GridPeriod = {
        kind: 'grid',
        knots,
        trade: beta.map((b) => Float64Array.from({ length: knots.length - 1 }, (_, i) => (knots[i] >= b ? 1 : 0))),
        atom0: Float64Array.from(beta, (b) => (b === 0 ? 1 : 0)),
      };
      const p1 = evolve(e, cutoffRule([beta]));
      const p2 = evolve(e, [grid]);
      for (let i = 0; i <= 10; i++) expect(buyerCdf(buyersAt(p1, 2), i / 10)).toBeCloseTo(buyerCdf(buyersAt(p2, 2), i / 10), 15);
      expect(Array.from(sellersAt(p1, 2).mass)).toEqual(Array.from(sellersAt(p2, 2).mass));
    }
  });

  it('the emptied market: everyone trades in period 1, period 2 is empty and trades nothing', () => {
    const e = makeEconomy(uniformBuyers(1), homogeneousSellers(1, 0));
    const path = evolve(e, cutoffRule([[0, 1], [0, 1], [0, 1]]));
    expect(path.periods[1].empty).toBe(true);
    expect(path.periods[2].empty).toBe(true);
    expect(buyerTotal(buyersAt(path, 2))).toBe(0);
    expect(tradedMass(path, 2)).toEqual({ buyers: 0, sellers: 0 });
  });

  it('bad rules name the field', () => {
    const e = makeEconomy(uniformBuyers(1), homogeneousSellers(0.5, 0.5));
    expect(() => evolve(e, cutoffRule([[0.5]]))).toThrow(/rule\[0\]\.beta/);
    expect(() => evolve(e, cutoffRule([[0.5, 1.5]]))).toThrow(/rule\[0\]\.beta\[1\]/);
    expect(() => evolve(e, [])).toThrow(/^rule:/);
  });
});
