/**
 * Theorem 4's construction (games/theorem4.ts) and its continuous two-period rules
 * (games/theorem4-market.ts), against characterisations that do not share their code: inverses by
 * a dense scan, P_t and p̂_t of hand-built periods in closed form, the printed b′ on an exact case,
 * and the market's reservation prices by the Bellman recursion.
 */
import { describe, expect, test } from 'vitest';
import { conditionStar, starHolds } from '../../src/models/jackson-palfrey/games/conditions.ts';
import { numberOrder } from '../../src/models/jackson-palfrey/games/order.ts';
import {
  plAt, plMaxAtLeast, plMaxAtMost, plMinAtLeast, samplePeriod, theorem4Bounds, theorem4Hat, theorem4PriceSet, type ContinuousPeriod,
} from '../../src/models/jackson-palfrey/games/theorem4.ts';
import { sellerAtoms, thm4Rule } from '../../src/models/jackson-palfrey/games/theorem4-market.ts';
import { evolve } from '../../src/models/jackson-palfrey/evolution.ts';
import { buyerUtilityBellman, fixedPrice, sellerUtilityBellman } from '../../src/models/jackson-palfrey/utility.ts';
import { insidePeriod, pl } from './helpers.ts';

const ID = pl([0, 1], [0, 1]);

describe('piecewise-linear inverses', () => {
  // non-decreasing with a flat piece, so min and max of a level set differ
  const f = pl([0, 0.2, 0.5, 0.7, 1], [0.1, 0.3, 0.3, 0.8, 0.9]);
  const xs = Array.from({ length: 100001 }, (_, k) => k / 100000);
  const h = 1e-5;
  test.each([0, 0.1, 0.2, 0.3, 0.55, 0.9, 0.95])('c = %s: min{f ≥ c}, max{f ≤ c}, max{f ≥ c} as a dense scan finds them', (c) => {
    const up = xs.filter((x) => plAt(f, x) >= c);
    const down = xs.filter((x) => plAt(f, x) <= c);
    const minAtLeast = up.length ? up[0] : NaN;
    const maxAtMost = down.length ? down[down.length - 1] : NaN;
    const maxAtLeast = up.length ? up[up.length - 1] : NaN;
    for (const [got, want] of [[plMinAtLeast(f, c), minAtLeast], [plMaxAtMost(f, c), maxAtMost], [plMaxAtLeast(f, c), maxAtLeast]]) {
      if (Number.isNaN(want)) expect(got).toBeNaN();
      else expect(Math.abs(got - want)).toBeLessThanOrEqual(h);
    }
  });
  test('the flat piece: min{f ≥ 0.3} = 0.2, max{f ≤ 0.3} = 0.5', () => {
    expect(plMinAtLeast(f, 0.3)).toBe(0.2);
    expect(plMaxAtMost(f, 0.3)).toBe(0.5);
  });
});

/** The last period of a market (p̄ = value, A = {b ≥ s}) with p = (s + b)/2. */
const lastPeriod: ContinuousPeriod = { sellerRes: ID, buyerRes: ID, beta: (s) => s, price: (s, b) => (s + b) / 2 };

describe('P_t and p̂_t of the proof of Theorem 4', () => {
  test('a period strictly inside: corners and P_t in closed form', () => {
    const bd = theorem4Bounds(insidePeriod())!;
    expect(bd.sLo).toBe(0);
    expect(bd.sHi).toBeCloseTo(0.7, 12);
    expect(bd.bLo).toBeCloseTo(5 / 12, 15);
    expect(bd.bHi).toBe(1);
    expect(bd.lo).toBeCloseTo(0.25, 15);
    expect(bd.hi).toBeCloseTo(0.6, 12);
  });

  test('nobody trades: no P_t', () => {
    expect(theorem4Bounds({ ...insidePeriod(), beta: () => Infinity })).toBeUndefined();
  });

  test('p̂ reproduces p on A (*i), is flat in q below P_t and in r above it', () => {
    const bd = theorem4Bounds(insidePeriod())!;
    const hat = theorem4Hat(insidePeriod(), bd);
    // (s, b) = (0.2, 0.9) ∈ A: p̄ˢ = 0.35, p̄ᵇ = 0.54, p = 0.445
    expect(hat(0.35, 0.54)).toBeCloseTo(0.445, 14);
    // below P_t (q < 1/4) s′ = 0; above the top reservation price (r > 0.6) b′ = 1
    expect(hat(0.1, 0.54)).toBeCloseTo(hat(0.25, 0.54), 14);
    expect(hat(0.35, 0.9)).toBeCloseTo(hat(0.35, 0.6), 14);
  });

  test('condition * holds on the sampled period, and a p̂ rising with q below P_t is flagged by (*v) alone', () => {
    const o = numberOrder(1e-9);
    for (const p of [insidePeriod(), lastPeriod]) {
      const bd = theorem4Bounds(p)!;
      const sp = samplePeriod(p, bd, 12);
      expect(starHolds(conditionStar(sp.grid, theorem4PriceSet(bd, o), theorem4Hat(p, bd), o, sp.domain))).toBe(true);
    }
    const bd = theorem4Bounds(insidePeriod())!;
    const hat = theorem4Hat(insidePeriod(), bd);
    // still within [q, r] and non-decreasing, but not flat where no price of P_t separates q′ < q ≤ 1/4
    const rising = (q: number, r: number) => hat(q, r) - 0.1 * Math.max(0, bd.lo - q);
    const sp = samplePeriod(insidePeriod(), bd, 12);
    const v = conditionStar(sp.grid, theorem4PriceSet(bd, o), rising, o, sp.domain);
    expect(v.v.length).toBeGreaterThan(0);
    expect(v.i.length + v.ii.pairs.length + v.ii.domain.length + v.iii.length + v.iv.length).toBe(0);
  });

  test('the printed b′ = max{b : p̄ᵇ(b) ≥ …} is always 1: on p = (s + b)/2 it prices (0, 1/2) at 1/2, not 1/4, and (*i) fails', () => {
    const bd = theorem4Bounds(lastPeriod)!;
    expect([bd.lo, bd.hi]).toEqual([0, 1]);
    // exact in doubles: dyadic values, identity reservation prices
    expect(theorem4Hat(lastPeriod, bd)(0, 0.5)).toBe(0.25);
    expect(theorem4Hat(lastPeriod, bd, 'printed')(0, 0.5)).toBe(0.5);
    expect(lastPeriod.price(0, 0.5)).toBe(0.25);
    const o = numberOrder(1e-9);
    const sp = samplePeriod(lastPeriod, bd, 8);
    const v = conditionStar(sp.grid, theorem4PriceSet(bd, o), theorem4Hat(lastPeriod, bd, 'printed'), o, sp.domain);
    expect(v.i.length).toBeGreaterThan(0);
  });
});

describe('continuous two-period rules (theorem4-market.ts)', () => {
  test('seller atoms carry the mass of S_1', () => {
    const { values, mass } = sellerAtoms([1, 3], 8);
    expect(values.length).toBe(9);
    expect(mass.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    // density 1/2 on [0, 1/2), 3/2 on [1/2, 1]: the atom at 1/2 straddles both
    expect(mass[0]).toBeCloseTo(0.5 / 16, 15);
    expect(mass[4]).toBeCloseTo(0.5 / 16 + 1.5 / 16, 15);
  });

  test.each([
    { buyerWeights: [1], sellerWeights: [1], delta: 1, lambda: 0.5, p1: { a: 0, k: 1, mu: 0.5 } },
    { buyerWeights: [1, 3], sellerWeights: [2, 1, 1], delta: 0.75, lambda: 1, p1: { a: 0.375, k: 0, mu: 0.5 } },
  ])('the fixed point: IR with equality at the cutoffs, p̄_1 as the Bellman recursion gives it (%#)', (m) => {
    const r = thm4Rule(m, { atoms: 32 });
    expect(r.converged).toBe(true);
    const [p1] = r.periods;
    // the path and prices of the final cutoffs, rebuilt: p̄ˢ_1 = s + δu_2ˢ and p̄ᵇ_1 = b − δu_2ᵇ by the Bellman route
    const values = r.atoms;
    const path = evolve(r.economy, [{ kind: 'cutoff', beta: r.beta1 }, { kind: 'cutoff', beta: Float64Array.from(values) }]);
    const p2 = { knots: Float64Array.of(0, 1), a: Array.from(values, (s) => Float64Array.of((1 - m.lambda) * s)), g: Array.from(values, () => Float64Array.of(m.lambda)) };
    const price = [fixedPrice(values, 0), p2];
    values.forEach((s, j) => {
      expect(plAt(p1.sellerRes, s)).toBeCloseTo(s + m.delta * sellerUtilityBellman(path, price, m.delta, j)[1], 12);
      if (r.beta1[j] < 1) expect(plAt(p1.buyerRes, r.beta1[j])).toBeCloseTo(plAt(p1.sellerRes, s), 12);
    });
    for (const b of [0, 0.3, 0.77, 1]) expect(plAt(p1.buyerRes, b)).toBeCloseTo(b - m.delta * buyerUtilityBellman(path, price, m.delta, b)[1], 12);
  });
});
