/**
 * Tests written against the survivors of the mutation runs of src/models/hu-wallace/continuum.ts
 * (mutation/results/mut8-hw.md): the bracket of Section 3.1 as the range of (20) over O, the totals (20)
 * by hand, the sign scan's zero-skipping and its fallback cell, the ε = 0 widening as the smallest
 * power of 4 that brackets the root (both directions), the certificate's smallest δ, demand by the
 * first-order condition against the log closed form, and the offers-form excess value as p·f(p)
 * (Walras on the budget lines).
 */
import { describe, expect, test } from 'vitest';
import { logEquilibriumPriceExact } from '../../src/models/hu-wallace/continuum-exact.ts';
import { toNumber } from '../../src/numeric/rational.ts';
import {
  allocationAt, bestOfferAt, certifyPrice, competitiveEquilibrium, demandByFoc, excessDemandQ, excessValueByFoc,
  offerAt, offerFromConsumption, price20, priceBracket, priceByFoc, scanSignChanges, totals20, type ContinuumEconomy,
} from '../../src/models/hu-wallace/continuum.ts';

/** INTERFACES.md's two-type log example (price 163/143). */
function example(): ContinuumEconomy {
  return {
    endowment: { q: 1, r: 1 },
    epsilon: { q: 0.01, r: 0.01 },
    types: [
      { name: 'x1', share: 0.6, utility: { kind: 'log', a: 2, b: 1 } },
      { name: 'x2', share: 0.4, utility: { kind: 'log', a: 0.5, b: 1 } },
    ],
  };
}

/**
 * A log economy at ε = 0 with endowment (q̄, r̄): type x spends the share a/(a+b) of its wealth p q̄ + r̄ on q,
 * so (19) clears at p* = r̄ Σμa/(a+b) / (q̄ Σμb/(a+b)) = r̄ A / (q̄ (1 − A)) with A = Σ μ a/(a+b).
 */
function logZero(endowment: { q: number; r: number }, ab: [number, number][], shares: number[]): { e: ContinuumEconomy; pStar: number } {
  const A = ab.reduce((s, [a, b], i) => s + (shares[i] * a) / (a + b), 0);
  return {
    e: {
      endowment,
      epsilon: { q: 0, r: 0 },
      types: ab.map(([a, b], i) => ({ name: `x${i}`, share: shares[i], utility: { kind: 'log' as const, a, b } })),
    },
    pStar: (endowment.r * A) / (endowment.q * (1 - A)),
  };
}

describe('the bracket and the totals (20)', () => {
  test('the bracket of Section 3.1 is the range of (20) over O: all sell q (lowest) and all sell r (highest)', () => {
    const e: ContinuumEconomy = { ...example(), endowment: { q: 2, r: 3 }, epsilon: { q: 0.05, r: 0.02 } };
    const { lo, hi } = priceBracket(e);
    const allQ = e.types.map(() => ({ q: e.endowment.q, r: 0 }));
    const allR = e.types.map(() => ({ q: 0, r: e.endowment.r }));
    expect(lo).toBeCloseTo(price20(e, allQ), 15);
    expect(hi).toBeCloseTo(price20(e, allR), 12);
    // an interior profile lies inside
    const mid = price20(e, [{ q: 1, r: 0 }, { q: 0, r: 1 }]);
    expect(mid).toBeGreaterThan(lo);
    expect(mid).toBeLessThan(hi);
  });

  test('totals (20) of a profile by hand: Q = 0.01 + 0.4·0.5, R = 0.01 + 0.6·1', () => {
    const e = example();
    const t = totals20(e, [{ q: 0, r: 1 }, { q: 0.5, r: 0 }]);
    expect(t.Q).toBeCloseTo(0.21, 15);
    expect(t.R).toBeCloseTo(0.61, 15);
    expect(price20(e, [{ q: 0, r: 1 }, { q: 0.5, r: 0 }])).toBeCloseTo(0.61 / 0.21, 14);
  });

  test('offers (18): what a type gives up, zero on the side it buys', () => {
    expect(offerFromConsumption({ q: 0.25, r: 1.75 }, { q: 1, r: 1 })).toEqual({ q: 0.75, r: 0 });
    expect(offerFromConsumption({ q: 1.5, r: 0.5 }, { q: 1, r: 1 })).toEqual({ q: 0, r: 0.5 });
    // log a = b = 1 at p = 2, endowment (1, 1): wealth 3, q = 3/4, r = 3/2
    const o = offerAt({ kind: 'log', a: 1, b: 1 }, 2, { q: 1, r: 1 });
    expect(o.consumption.q).toBeCloseTo(0.75, 14);
    expect(o.consumption.r).toBeCloseTo(1.5, 14);
    expect(o.offer.q).toBeCloseTo(0.25, 14);
    expect(o.offer.r).toBe(0);
  });

  test('the allocation at any price lies on the budget lines: p·gap_q + gap_r = 0 and gap_q = f(p) − ε_r/p + ε_q', () => {
    const e = example();
    for (const p of [0.3, 1, 4]) {
      const a = allocationAt(e, p);
      expect(a.price).toBe(p);
      expect(p * a.feasibilityGap.q + a.feasibilityGap.r).toBeCloseTo(0, 13);
      expect(a.feasibilityGap.q).toBeCloseTo(excessDemandQ(e, p) - e.epsilon.r / p + e.epsilon.q, 13);
      expect(a.consumption).toHaveLength(2);
      expect(a.totals.Q).toBeCloseTo(totals20(e, a.offers).Q, 15);
    }
  });
});

describe('the sign scan', () => {
  test('zeros are skipped: a root on a grid point is one change, the cell spans the zero', () => {
    // 3 points over [e^-1, e]: ln p = -1, 0, 1; f(1) = 0 exactly
    const s = scanSignChanges((p) => 1 - p, Math.exp(-1), Math.exp(1), 3);
    expect(s.changes).toBe(1);
    expect(s.cell![0]).toBeCloseTo(-1, 15);
    expect(s.cell![1]).toBe(1);
    // a function that starts at 0 counts no change from the start
    expect(scanSignChanges((p) => (p < 1 ? 0 : -1), Math.exp(-1), Math.exp(1), 3)).toEqual({ changes: 0, cell: undefined });
  });

  test('the last point is the bracket top itself: a root between the last two grid points is found', () => {
    const hi = 100;
    const seen: number[] = [];
    const s = scanSignChanges((p) => {
      seen.push(p);
      return 99.9 - p;
    }, 1, hi, 4);
    expect(seen).toHaveLength(4);
    expect(seen[3]).toBeCloseTo(hi, 12);
    expect(s.changes).toBe(1);
    expect(Math.exp(s.cell![1])).toBeCloseTo(hi, 12);
  });

  test('with one grid point there is no cell: the root is polished on the whole bracket, still 163/143', () => {
    const ce = competitiveEquilibrium(example(), 1);
    expect(ce.signChanges).toBe(0);
    expect(ce.gridPoints).toBe(1);
    expect(ce.price).toBeCloseTo(163 / 143, 13);
    expect(ce.bracket.lo).toBeCloseTo(0.01 / 1.01, 15);
    expect(ce.bracket.hi).toBeCloseTo(101, 12);
  });
});

describe('ε = 0: the widened bracket', () => {
  // p* above p_1 = r̄/q̄ (types want q) and below it (types want r), several factors of 4 away
  const cases = [
    logZero({ q: 3, r: 1 }, [[50, 1], [20, 1]], [0.5, 0.5]),
    logZero({ q: 0.6, r: 2 }, [[1, 40], [1, 90]], [0.3, 0.7]),
  ];

  test('the closed-form price p* = r̄A/(q̄(1 − A)) is found, by (19) and by the FOC route alone', () => {
    for (const { e, pStar } of cases) {
      expect(Math.abs(competitiveEquilibrium(e).price / pStar - 1)).toBeLessThan(1e-12);
      expect(Math.abs(priceByFoc(e) / pStar - 1)).toBeLessThan(1e-12);
    }
  });

  test('the bracket is the smallest power-of-4 widening of p_1 with f > 0 below and f < 0 above', () => {
    for (const { e, pStar } of cases) {
      const p1 = e.endowment.r / e.endowment.q;
      const { lo, hi } = competitiveEquilibrium(e).bracket;
      expect(lo).toBeLessThan(pStar);
      expect(hi).toBeGreaterThan(pStar);
      const kLo = Math.round(Math.log(p1 / lo) / Math.log(4));
      const kHi = Math.round(Math.log(hi / p1) / Math.log(4));
      expect(lo).toBe(p1 / 4 ** kLo);
      expect(hi).toBe(p1 * 4 ** kHi);
      // smallest: one step less would not bracket
      if (kLo > 0) expect(lo * 4).toBeGreaterThan(pStar);
      if (kHi > 0) expect(hi / 4).toBeLessThan(pStar);
      expect(kLo + kHi).toBeGreaterThan(1);
    }
  });
});

test('one of ε_q, ε_r zero (the bracket of Section 3.1 is then unbounded): widened, and the exact price of (19) found', () => {
  for (const eps of [{ q: 0, r: 0.01 }, { q: 0.01, r: 0 }]) {
    const e: ContinuumEconomy = { ...example(), endowment: { q: 2, r: 3 }, epsilon: eps };
    const exact = toNumber(logEquilibriumPriceExact({
      endowment: { q: 2, r: 3 },
      epsilon: { q: String(eps.q), r: String(eps.r) },
      types: [{ share: '3/5', a: 2, b: 1 }, { share: '2/5', a: 0.5, b: 1 }],
    }));
    const ce = competitiveEquilibrium(e);
    expect(Math.abs(ce.price / exact - 1)).toBeLessThan(1e-13);
    expect(Number.isFinite(ce.bracket.lo) && Number.isFinite(ce.bracket.hi) && ce.bracket.lo > 0).toBe(true);
    expect(Math.abs(priceByFoc(e) / exact - 1)).toBeLessThan(1e-12);
  }
});

test('the last grid point is ln hi itself, not a + (b − a), which rounds off it when |ln lo| ≫ |ln hi|', () => {
  const seen: number[] = [];
  scanSignChanges((p) => {
    seen.push(p);
    return 1;
  }, 1e-300, 1.1, 5);
  expect(seen[4]).toBe(Math.exp(Math.log(1.1)));
});

describe('the certification route', () => {
  test('demand by the first-order condition is the log closed form q = a w/((a + b) p)', () => {
    for (const [a, b, p, w] of [[2, 1, 1.5, 3], [0.5, 3, 0.2, 1], [1, 1e-3, 7, 2]]) {
      const d = demandByFoc({ kind: 'log', a, b }, p, w);
      expect(d.q).toBeCloseTo((a * w) / ((a + b) * p), 12);
      expect(d.r).toBeCloseTo((b * w) / (a + b), 12);
    }
  });

  test('the offers-form excess value is p·f(p) (Walras on the budget lines), with ε and at ε = 0', () => {
    const e = example();
    const z = { ...e, epsilon: { q: 0, r: 0 } };
    for (const ec of [e, z]) {
      for (const p of [0.2, 1, 1.5, 6]) expect(excessValueByFoc(ec, p)).toBeCloseTo(p * excessDemandQ(ec, p), 10);
    }
  });

  test('the certificate: the smallest δ = 1e-12·4^k whose ends have opposite excess signs; none for a wrong price', () => {
    const e = example();
    const p = 163 / 143;
    // a price 3e-12 too high needs δ > 3e-12: 4e-12 is the first of the ladder
    const c = certifyPrice(e, p * (1 + 3e-12));
    expect(c.ok).toBe(true);
    expect(c.relWidth).toBeCloseTo(4e-12, 25);
    expect(c.lo).toBe(p * (1 + 3e-12) * (1 - 4e-12));
    expect(c.hi).toBe(p * (1 + 3e-12) * (1 + 4e-12));
    expect(c.lo).toBeLessThan(p);
    expect(c.hi).toBeGreaterThan(p);
    // the ladder's top 1e-12·4^10 ≈ 1.05e-6 just reaches a price 1e-6 off, not one 2e-6 off
    expect(certifyPrice(e, p * (1 + 1e-6)).ok).toBe(true);
    expect(certifyPrice(e, p * (1 + 1e-6)).relWidth).toBeCloseTo(1e-12 * 4 ** 10, 20);
    const bad = certifyPrice(e, p * (1 + 2e-6));
    expect(bad.ok).toBe(false);
    expect([bad.lo, bad.hi, bad.relWidth].every(Number.isNaN)).toBe(true);
    expect(certifyPrice(e, p * (1 - 2e-6)).ok).toBe(false);
  });

  test('best offer over O at a fixed price: the closed-form demand, on the side the type sells', () => {
    // log a = 1, b = 3 at p = 1, endowment (1, 1): q = 1/2, so sells 1/2 of q
    const s = bestOfferAt({ kind: 'log', a: 1, b: 3 }, 1, { q: 1, r: 1 });
    expect(s.offer.q).toBeCloseTo(0.5, 7);
    expect(s.offer.r).toBe(0);
    expect(s.value).toBeCloseTo(Math.log(0.5) + 3 * Math.log(1.5), 12);
    // a = 3, b = 1: q = 3/2, so sells 1/2 of r
    const t = bestOfferAt({ kind: 'log', a: 3, b: 1 }, 1, { q: 1, r: 1 });
    expect(t.offer.q).toBe(0);
    expect(t.offer.r).toBeCloseTo(0.5, 7);
    expect(t.value).toBeCloseTo(3 * Math.log(1.5) + Math.log(0.5), 12);
  });
});
