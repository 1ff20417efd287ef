/**
 * Jackson–Palfrey finite.ts, the cases mutation testing showed unpinned (mutation/results/mut-jp2.md;
 * mutation/equivalent/jackson-palfrey-finite.md): the pairing is uniform (every buyer meets every
 * seller with probability 1/n — Section 2's random matching, checked by counting over seeded
 * periods), tradePeriod's own length check, and the helpers against brute force.
 */
import { describe, expect, test } from 'vitest';
import { countAtMost, empiricalCdf, expectedTrades, simulateFiniteMarket, sortAscending, tradePeriod, withoutSorted, type CutoffRule } from '../../src/models/jackson-palfrey/finite.ts';
import { makeRng } from '../../src/numeric/rng.ts';

describe('tradePeriod: uniform random pairing', () => {
  test('n = 4 distinct sellers: each buyer meets each seller in 1/4 of 8000 periods (within 5 standard errors), and sees all 24 orders', () => {
    const n = 4;
    const buyers = Float64Array.of(0, 1, 2, 3); // distinct labels: β ≡ 0 trades everyone, so traders keep their pairs
    const sellers = Float64Array.of(10, 11, 12, 13);
    const R = 8000;
    const meet = Array.from({ length: n }, () => new Array(n).fill(0));
    const orders = new Set<string>();
    const rng = makeRng('jp-finite-pairing');
    for (let k = 0; k < R; k++) {
      const r = tradePeriod(buyers, sellers, () => 0, 1, rng);
      expect(r.tradedBuyers.length).toBe(n);
      const key: number[] = [];
      for (let q = 0; q < n; q++) {
        meet[r.tradedBuyers[q]][r.tradedSellers[q] - 10]++;
        key[r.tradedBuyers[q]] = r.tradedSellers[q];
      }
      orders.add(key.join(','));
    }
    const sd = Math.sqrt((R * (1 / n) * (1 - 1 / n)));
    for (const row of meet) for (const c of row) expect(Math.abs(c - R / n)).toBeLessThan(5 * sd);
    expect(orders.size).toBe(24);
  });

  test('unequal sides: the error names sellers', () => {
    expect(() => tradePeriod(Float64Array.of(0.5, 0.6), Float64Array.of(0.1), () => 0, 1, makeRng(1))).toThrow(/^sellers: 1 remain against 2 buyers/);
    expect(() => expectedTrades(Float64Array.of(0.5, 0.6), Float64Array.of(0.1), () => 0, 1)).toThrow(/^sellers: 1 remain against 2 buyers/);
  });

  test('the survivors keep their values and their order of meeting: non-traders stay paired as they met', () => {
    const rng = makeRng('jp-finite-keep');
    const b = Float64Array.from({ length: 300 }, (_, i) => i / 300);
    const s = Float64Array.from({ length: 300 }, (_, i) => i / 300);
    const beta: CutoffRule = (x) => x + 0.25;
    const r = tradePeriod(b, s, beta, 1, rng);
    expect(r.buyers.length + r.tradedBuyers.length).toBe(300);
    for (let k = 0; k < r.buyers.length; k++) expect(r.buyers[k]).toBeLessThan(beta(r.sellers[k], 1));
    for (let k = 0; k < r.tradedBuyers.length; k++) expect(r.tradedBuyers[k]).toBeGreaterThanOrEqual(beta(r.tradedSellers[k], 1));
    expect([...r.buyers, ...r.tradedBuyers].sort((x, y) => x - y)).toEqual(Array.from(b));
    expect([...r.sellers, ...r.tradedSellers].sort((x, y) => x - y)).toEqual(Array.from(s));
  });
});

describe('helpers against brute force', () => {
  test('countAtMost, empiricalCdf with a mass, expectedTrades per buyer and per seller, ties included', () => {
    const r = makeRng('jp-finite-helpers');
    const b = Float64Array.from({ length: 40 }, () => Math.floor(r() * 8) / 8);
    const s = Float64Array.from({ length: 40 }, () => Math.floor(r() * 8) / 8);
    const sb = b.slice().sort();
    for (const x of [-1, 0, 0.125, 0.5, 0.875, 1]) {
      expect(countAtMost(sb, x)).toBe(Array.from(b).filter((v) => v <= x).length);
      expect(empiricalCdf(sb, x, 40, 2.5)).toBeCloseTo((Array.from(b).filter((v) => v <= x).length / 40) * 2.5, 14);
    }
    const beta: CutoffRule = (x, t) => x + 0.125 * t;
    const e = expectedTrades(b, s, beta, 2);
    for (let i = 0; i < 40; i++) expect(e.buyerProb[i]).toBe(Array.from(s).filter((x) => b[i] >= beta(x, 2)).length / 40);
    for (let j = 0; j < 40; j++) expect(e.sellerProb[j]).toBe(Array.from(b).filter((x) => x >= beta(s[j], 2)).length / 40);
  });

  test('sortAscending: exactly 2048 values (the radix path), values differing only in their lowest bits, negatives', () => {
    const r = makeRng('jp-finite-sort');
    const a = Float64Array.from({ length: 2048 }, () => 0.5 + r() * 2 ** -40);
    expect(sortAscending(a.slice())).toEqual(a.slice().sort());
    const c = Float64Array.from({ length: 3000 }, () => -r() * 2 ** Math.floor(r() * 10));
    expect(sortAscending(c.slice())).toEqual(c.slice().sort());
    const small = Float64Array.of(3, -1, 2);
    expect(Array.from(sortAscending(small))).toEqual([-1, 2, 3]);
  });

  test('withoutSorted: duplicates removed one at a time, a missing tail refused', () => {
    expect(Array.from(withoutSorted(Float64Array.of(1, 1, 1, 2), Float64Array.of(1, 1)))).toEqual([1, 2]);
    expect(Array.from(withoutSorted(Float64Array.of(1, 2, 3), Float64Array.of(1, 2, 3)))).toEqual([]);
    expect(() => withoutSorted(Float64Array.of(1, 2, 3), Float64Array.of(3, 4))).toThrow(/sub-multiset/);
  });
});

describe("the caller's arrays are left alone", () => {
  test('simulateFiniteMarket and expectedTrades do not sort or write their inputs', () => {
    const r = makeRng('jp-finite-inputs');
    const b = Float64Array.from({ length: 500 }, () => r());
    const s = Float64Array.from({ length: 500 }, () => r());
    const b0 = b.slice();
    const s0 = s.slice();
    simulateFiniteMarket({ buyers: b, sellers: s, periods: 3, beta: (x) => (1 + x) / 2, seed: 1 });
    expect(b).toEqual(b0);
    expect(s).toEqual(s0);
    expectedTrades(b, s, (x) => (1 + x) / 2, 1);
    expect(b).toEqual(b0);
    expect(s).toEqual(s0);
  });

  test('bad sellers: not a Float64Array, a non-finite value — each names the field', () => {
    const b = Float64Array.of(0.1, 0.2);
    expect(() => simulateFiniteMarket({ buyers: b, sellers: [0.1, 0.2] as unknown as Float64Array, periods: 1, beta: () => 0, seed: 1 })).toThrow(/^sellers: must be a Float64Array$/);
    expect(() => simulateFiniteMarket({ buyers: b, sellers: Float64Array.of(0.1, Infinity), periods: 1, beta: () => 0, seed: 1 })).toThrow(/^sellers\[1\]: Infinity is not a finite value$/);
  });
});
