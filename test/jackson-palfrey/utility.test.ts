import { describe, expect, it } from 'vitest';
import { homogeneousSellers, makeEconomy, uniformBuyers } from '../../src/models/jackson-palfrey/economy.ts';
import { cutoffRule, evolve } from '../../src/models/jackson-palfrey/evolution.ts';
import {
  buyerReservation, buyerTakesAll, buyerUtility, buyerUtilityBellman, fixedPrice, sellerReservation, sellerTakesAll,
  sellerUtility, sellerUtilityBellman, splitDifference, totalSurplus, totalSurplusFromUtilities,
} from '../../src/models/jackson-palfrey/utility.ts';
import { randomEconomy, randomGridPeriod, randomPrice, rng } from './helpers.ts';

describe('JP utilities (Section 3)', () => {
  it('sum of products = Bellman recursion, for sellers and buyers, random rules, prices and δ', () => {
    const r = rng('jp-utility-bellman');
    for (let k = 0; k < 40; k++) {
      const e = randomEconomy(r, { atom0: true });
      const n = e.sellers.values.length;
      const T = 1 + Math.floor(r() * 4);
      const delta = k % 5 === 0 ? 1 : r();
      const path = evolve(e, Array.from({ length: T }, () => randomGridPeriod(r, n, k % 2 === 0)));
      const price = Array.from({ length: T }, () => randomPrice(r, n));
      for (let j = 0; j < n; j++) {
        const bell = sellerUtilityBellman(path, price, delta, j);
        for (let t = 1; t <= T; t++) expect(sellerUtility(path, price, delta, t, j)).toBeCloseTo(bell[t - 1], 13);
      }
      for (const b of [0, 0.13, 0.5, 0.77, 1]) {
        const bell = buyerUtilityBellman(path, price, delta, b);
        for (let t = 1; t <= T; t++) expect(buyerUtility(path, price, delta, t, b)).toBeCloseTo(bell[t - 1], 13);
      }
    }
  });

  it('total surplus does not depend on the price rule and equals the price-free form', () => {
    const r = rng('jp-utility-price-free');
    for (let k = 0; k < 25; k++) {
      const e = randomEconomy(r, { atom0: true });
      const n = e.sellers.values.length;
      const T = 1 + Math.floor(r() * 3);
      const delta = r();
      const path = evolve(e, Array.from({ length: T }, () => randomGridPeriod(r, n)));
      const W = totalSurplus(path, delta);
      const vs = e.sellers.values;
      for (const price of [
        Array.from({ length: T }, () => randomPrice(r, n)),
        Array.from({ length: T }, () => sellerTakesAll(vs)),
        Array.from({ length: T }, () => buyerTakesAll(vs)),
        Array.from({ length: T }, () => splitDifference(vs)),
        Array.from({ length: T }, () => fixedPrice(vs, 0.4)),
      ]) {
        expect(totalSurplusFromUtilities(path, price, delta)).toBeCloseTo(W, 13);
      }
    }
  });

  it("Example 1 / 2 (m = 1/2, c = √2 − 1): a 0-valued seller's reservation price in period 1 is c, u_1^s(0) = ∫ max(b, c) dB_1", () => {
    const c = Math.SQRT2 - 1;
    const e = makeEconomy(uniformBuyers(1), homogeneousSellers(0.5, 0.5));
    const path = evolve(e, cutoffRule([[c, 1], [0, 1]]));
    const price = [sellerTakesAll(e.sellers.values), sellerTakesAll(e.sellers.values)];
    expect(sellerReservation(path, price, 1, 1, 0)).toBeCloseTo(c, 14);
    expect(sellerUtility(path, price, 1, 1, 0)).toBeCloseTo((1 - c * c) / 2 + c * c, 14);
    // last period: reservation prices are the values
    expect(sellerReservation(path, price, 1, 2, 0)).toBe(0);
    expect(buyerReservation(path, price, 1, 2, 0.3)).toBe(0.3);
    // the seller takes all: buyers get nothing, so p̄^b = b
    expect(buyerReservation(path, price, 1, 1, 0.3)).toBeCloseTo(0.3, 15);
  });

  it('reservation prices discount the next period: p̄_t^s = s + δu_{t+1}^s, p̄_t^b = b − δu_{t+1}^b (by the Bellman values)', () => {
    const r = rng('jp-utility-reservation');
    for (let k = 0; k < 10; k++) {
      const e = randomEconomy(r, { atom0: true });
      const n = e.sellers.values.length;
      const delta = 0.2 + 0.7 * r();
      const path = evolve(e, Array.from({ length: 3 }, () => randomGridPeriod(r, n)));
      const price = Array.from({ length: 3 }, () => randomPrice(r, n));
      for (let j = 0; j < n; j++) {
        const u = sellerUtilityBellman(path, price, delta, j);
        for (let t = 1; t <= 2; t++) expect(sellerReservation(path, price, delta, t, j)).toBeCloseTo(e.sellers.values[j] + delta * u[t], 13);
      }
      for (const b of [0, 0.4, 0.9]) {
        const u = buyerUtilityBellman(path, price, delta, b);
        for (let t = 1; t <= 2; t++) expect(buyerReservation(path, price, delta, t, b)).toBeCloseTo(b - delta * u[t], 13);
      }
    }
  });

  it('an emptied market: utilities after it are 0', () => {
    const e = makeEconomy(uniformBuyers(1), homogeneousSellers(1, 0));
    const path = evolve(e, cutoffRule([[0, 1], [0, 1]]));
    const price = [buyerTakesAll(e.sellers.values), buyerTakesAll(e.sellers.values)];
    expect(buyerUtility(path, price, 1, 2, 0.7)).toBe(0);
    expect(sellerUtility(path, price, 1, 2, 0)).toBe(0);
    expect(buyerUtility(path, price, 1, 1, 0.7)).toBeCloseTo(0.7, 15);
  });
});
