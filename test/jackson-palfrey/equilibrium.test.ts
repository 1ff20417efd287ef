/**
 * Jackson & Palfrey (1996), equilibria of mechanism sequences as fixed points in the trading rules
 * (equilibrium.ts): hand cases with a known answer (T = 1 seller take-it-or-leave-it; Section 6's
 * seller offers against Theorem 1's cutoff; Example 2's two equilibria under a fixed price and one
 * under buyer offers), the iteration against the exact enumeration, certificates that reject a
 * flipped cell, and bad input.
 */
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { buyersFromPieces, homogeneousSellers, makeEconomy, makeSellers, uniformBuyers } from '../../src/models/jackson-palfrey/economy.ts';
import { theorem1Cutoffs } from '../../src/models/jackson-palfrey/efficient.ts';
import {
  bestResponse, certifyEquilibrium, enumerateHomogeneousT2, prepare, solveEquilibria, type EquilibriumProblem,
} from '../../src/models/jackson-palfrey/equilibrium.ts';
import { buyerTakeItOrLeaveIt, fixedPrice, sellerTakeItOrLeaveIt } from '../../src/models/jackson-palfrey/games/mechanisms.ts';
import { numberOrder } from '../../src/models/jackson-palfrey/games/order.ts';
import { makeRng } from '../../src/numeric/rng.ts';

const N = 24;
const grid = Float64Array.from({ length: N + 1 }, (_, i) => i / N);
const reps = Array.from({ length: N }, (_, i) => (i + 0.5) / N);
const order = numberOrder(1e-12);
const half = makeEconomy(uniformBuyers(1), homogeneousSellers(0.5, 0.5));
const sec6: EquilibriumProblem = { economy: half, grid, mechanisms: [sellerTakeItOrLeaveIt(reps), sellerTakeItOrLeaveIt(reps)], delta: 1, order };

describe('one period: the outcome at the values', () => {
  test('seller take-it-or-leave-it trades every pair with b ≥ s at the buyer representative', () => {
    const e = makeEconomy(uniformBuyers(1), makeSellers([0.2, 0.55, 0.9], [0.3, 0.3, 0.4]));
    const p: EquilibriumProblem = { economy: e, grid, mechanisms: [sellerTakeItOrLeaveIt(reps)], delta: 1, order };
    const r = solveEquilibria(p, { randomStarts: 2, rand: makeRng('t1') });
    expect(r.equilibria).toHaveLength(1);
    const a = r.equilibria[0].allocation;
    [0.2, 0.55, 0.9].forEach((s, j) =>
      reps.forEach((b, i) => {
        expect(a.trade[0][j * N + i]).toBe(b >= s ? 1 : 0);
        if (b >= s) expect(a.price[0][j * N + i]).toBe(b);
      }),
    );
  });
});

describe('Section 6: seller offers, homogeneous sellers, δ = 1', () => {
  test('the exact enumeration finds one equilibrium, at the cell holding Theorem 1 cutoff', () => {
    const en = enumerateHomogeneousT2(sec6);
    expect(en.exact).toBe(true);
    expect(en.cutoffs).toHaveLength(1);
    const beta = theorem1Cutoffs(half, 2).beta0[0]; // √2 − 1
    const k = en.cutoffs[0];
    // the 0-sellers trade with the cells whose midpoint is at least their reservation price ≈ β
    expect(reps[k]).toBeGreaterThanOrEqual(beta - 1 / N);
    expect(reps[k - 1]).toBeLessThan(beta + 1 / N);
    // and the reservation price is the mean of the period-2 buyers (seller extracts each cell's mean)
    expect(Math.abs(en.equilibria[0].res.seller[0][0] - beta)).toBeLessThan(1 / N);
  });
  test('iteration from all-trade, no-trade and random starts reaches the same one, certified', () => {
    const en = enumerateHomogeneousT2(sec6);
    const r = solveEquilibria(sec6, { randomStarts: 3, rand: makeRng('sec6') });
    expect(r.equilibria.map((x) => x.key)).toEqual([en.equilibria[0].key]);
    expect(r.equilibria[0].from).toContain('no-trade');
    const c = certifyEquilibrium(sec6, r.equilibria[0].allocation, r.equilibria[0].res);
    expect(c.ok).toBe(true);
    expect(c.resGap).toBeLessThan(1e-12);
  });
  test('a flipped cell is not an equilibrium: the certificate names the pair', () => {
    const en = enumerateHomogeneousT2(sec6);
    const a = en.equilibria[0].allocation;
    const k = en.cutoffs[0];
    const trade = a.trade.map((b) => b.slice());
    trade[0][k] = 0; // the 0-sellers skip the marginal cell
    const c = certifyEquilibrium(sec6, { trade, price: a.price });
    expect(c.ok).toBe(false);
    expect(c.mismatches.some((m) => m.t === 0 && m.j === 0 && m.i === k)).toBe(true);
  });
});

describe('T = 3 (iteration only)', () => {
  test('seller offers in every period: one equilibrium from every start, its reservation prices within a cell of Theorem 1', () => {
    const g = sellerTakeItOrLeaveIt(reps);
    const p: EquilibriumProblem = { ...sec6, mechanisms: [g, g, g] };
    const r = solveEquilibria(p, { randomStarts: 2, rand: makeRng('t3') });
    expect(r.equilibria).toHaveLength(1);
    expect(r.equilibria[0].from).toHaveLength(4);
    const beta = theorem1Cutoffs(half, 3).beta0;
    r.equilibria[0].res.seller.forEach((row, t) => expect(Math.abs(row[0] - beta[t])).toBeLessThan(1 / N));
    expect(certifyEquilibrium(p, r.equilibria[0].allocation, r.equilibria[0].res).ok).toBe(true);
  });
});

describe('Example 2 on a grid (m = 1/2)', () => {
  const en = enumerateHomogeneousT2(sec6);
  const cN = en.equilibria[0].res.seller[0][0]; // the grid's own c_N
  test('a fixed price c_N: exactly the efficient equilibrium and "all sellers wait"', () => {
    const p = { ...sec6, mechanisms: [fixedPrice(cN), sellerTakeItOrLeaveIt(reps)] };
    const r = enumerateHomogeneousT2(p);
    expect(r.exact).toBe(true);
    expect(r.cutoffs).toEqual([en.cutoffs[0], N]);
    // all wait: the 0-sellers expect the mean 1/2 of the untouched buyers
    expect(r.equilibria[1].res.seller[0][0]).toBeCloseTo(0.5, 12);
    for (const q of r.equilibria) expect(certifyEquilibrium(p, q.allocation).ok).toBe(true);
  });
  test('buyer offers over [c_N, 1]: the efficient rule only', () => {
    const p = { ...sec6, mechanisms: [buyerTakeItOrLeaveIt([cN, ...reps.filter((b) => b > cN)]), sellerTakeItOrLeaveIt(reps)] };
    expect(enumerateHomogeneousT2(p).cutoffs).toEqual([en.cutoffs[0]]);
  });
});

describe('heterogeneous sellers', () => {
  test('δ < 1, piecewise buyers: every fixed point found is certified and is a fixed point of Φ', () => {
    const e = makeEconomy(buyersFromPieces([{ lo: 0, hi: 0.3, weight: 1 }, { lo: 0.3, hi: 1, weight: 2 }], 1), makeSellers([0, 0.25, 0.5], [0.4, 0.3, 0.3]));
    const p: EquilibriumProblem = { economy: e, grid, mechanisms: [sellerTakeItOrLeaveIt(reps), sellerTakeItOrLeaveIt(reps)], delta: 0.9, order };
    const r = solveEquilibria(p, { randomStarts: 3, rand: makeRng('het') });
    expect(r.equilibria.length).toBeGreaterThan(0);
    const pr = prepare(p);
    for (const q of r.equilibria) {
      expect(certifyEquilibrium(p, q.allocation, q.res).ok).toBe(true);
      expect(bestResponse(pr, q.allocation.trade).next.trade).toEqual(q.allocation.trade);
    }
  });
});

describe('bad input', () => {
  test('an atom at b = 0, δ outside [0, 1], a bad grid: one-line errors naming the field', () => {
    const atom = makeEconomy(buyersFromPieces([{ lo: 0, hi: 1, weight: 1 }], 1, 0.2), homogeneousSellers(0.5, 0.5));
    const err = (p: EquilibriumProblem) => {
      try {
        prepare(p);
      } catch (e) {
        return e instanceof InputError ? e.message : `not an InputError: ${e}`;
      }
      return 'no error';
    };
    expect(err({ ...sec6, economy: atom })).toMatch(/economy\.buyers\.atom0/);
    expect(err({ ...sec6, delta: 1.5 })).toMatch(/delta/);
    expect(err({ ...sec6, grid: [0, 0.5, 0.4, 1] })).toMatch(/grid\[2\]/);
    expect(err({ ...sec6, mechanisms: [] })).toMatch(/mechanisms/);
    expect(() => enumerateHomogeneousT2({ ...sec6, mechanisms: [sellerTakeItOrLeaveIt(reps)] })).toThrow(/2 periods/);
  });
});
