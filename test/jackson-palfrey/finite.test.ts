/** The finite Jackson–Palfrey market (src/models/jackson-palfrey/finite.ts): mass balance, determinism, expected removal. */
import { describe, expect, test } from 'vitest';
import { countAtMost, empiricalCdf, expectedTrades, simulateFiniteMarket, sortAscending, tradePeriod, withoutSorted, type CutoffRule } from '../../src/models/jackson-palfrey/finite.ts';
import { makeRng } from '../../src/numeric/rng.ts';

/** Values on the midpoint grid (i + 1/2)/N: the uniform distribution, deterministically. */
const grid = (N: number) => Float64Array.from({ length: N }, (_, i) => (i + 0.5) / N);
const randomValues = (N: number, seed: number) => {
  const r = makeRng(seed);
  return Float64Array.from({ length: N }, () => r());
};
const sorted = (x: Float64Array) => x.slice().sort();
const halfway: CutoffRule = (s) => (1 + s) / 2;

describe('mass balance, exactly', () => {
  test('each period: as many buyers as sellers trade; survivors and traders are the previous survivors, value for value', () => {
    const N = 2000;
    const beta: CutoffRule = (s, t) => s + 0.3 / t; // looser each period
    const r = simulateFiniteMarket({ buyers: randomValues(N, 1), sellers: randomValues(N, 2), periods: 4, beta, seed: 'mass' });
    let prevB: Float64Array = sorted(randomValues(N, 1));
    let prevS: Float64Array = sorted(randomValues(N, 2));
    for (const p of r.periods) {
      expect(p.buyers).toEqual(prevB);
      expect(p.sellers).toEqual(prevS);
      expect(p.tradedBuyers.length).toBe(p.tradedSellers.length);
      const next = p.t < r.periods.length ? r.periods[p.t] : { buyers: r.remainingBuyers, sellers: r.remainingSellers };
      expect(next.buyers.length).toBe(next.sellers.length);
      expect(next.buyers.length + p.tradedBuyers.length).toBe(p.buyers.length);
      expect(sorted(Float64Array.from([...next.buyers, ...p.tradedBuyers]))).toEqual(p.buyers);
      expect(sorted(Float64Array.from([...next.sellers, ...p.tradedSellers]))).toEqual(p.sellers);
      // B_{t+1} ≤ B_t pointwise: the empirical CDFs never rise.
      for (const x of [0.1, 0.5, 0.9, 1]) expect(empiricalCdf(next.buyers, x, N)).toBeLessThanOrEqual(empiricalCdf(p.buyers, x, N));
      prevB = next.buyers;
      prevS = next.sellers;
    }
    expect(r.periods[0].tradedBuyers.length).toBeGreaterThan(0);
  });

  test('every traded pair satisfies b ≥ β_t(s), and ties trade', () => {
    const rng = makeRng(3);
    const b = Float64Array.from({ length: 50 }, () => 0.5);
    const s = new Float64Array(50);
    const r = tradePeriod(b, s, () => 0.5, 1, rng);
    expect(r.tradedBuyers.length).toBe(50); // b = β exactly: rule (ii) makes indifference trade
    const r2 = tradePeriod(b, s, () => 0.5 + 1e-16, 1, rng);
    expect(r2.tradedBuyers.length).toBe(0);
    // Pairs stay paired: in a traded pair the buyer's value clears the seller's cutoff.
    const t = tradePeriod(randomValues(500, 4), randomValues(500, 5), halfway, 1, rng);
    for (let k = 0; k < t.tradedBuyers.length; k++) expect(t.tradedBuyers[k]).toBeGreaterThanOrEqual(halfway(t.tradedSellers[k], 1));
    for (let k = 0; k < t.buyers.length; k++) expect(t.buyers[k]).toBeLessThan(halfway(t.sellers[k], 1));
  });
});

describe('determinism', () => {
  const run = (seed: string | number) => simulateFiniteMarket({ buyers: grid(1000), sellers: grid(1000), periods: 3, beta: halfway, seed });
  test('the same seed gives the same market; another seed another', () => {
    expect(run(7)).toEqual(run(7));
    expect(run('7')).toEqual(run(7));
    expect(run(8).periods[1].buyers).not.toEqual(run(7).periods[1].buyers);
  });
});

describe('expected removal against closed forms, uniform values, β(s) = (1 + s)/2', () => {
  // A buyer of value b trades iff s ≤ 2b − 1: probability max(0, 2b − 1); a seller of value s iff
  // b ≥ (1 + s)/2: probability (1 − s)/2. So one period removes mass ∫(1 − s)/2 ds = 1/4 per side,
  // and leaves B_2(x) = x − (max(0, x − 1/2))², S_2(x) = x/2 + x²/4.
  const N = 4000;
  const R = 40;
  const B2 = (x: number) => x - Math.max(0, x - 0.5) ** 2;
  const S2 = (x: number) => x / 2 + (x * x) / 4;

  test('mean trades over seeded replications within 6 standard errors of N/4', () => {
    const trades: number[] = [];
    const cdfB: number[] = [];
    const cdfS: number[] = [];
    for (let k = 0; k < R; k++) {
      const r = simulateFiniteMarket({ buyers: grid(N), sellers: grid(N), periods: 1, beta: halfway, seed: `uniform-${k}` });
      trades.push(r.periods[0].tradedBuyers.length);
      cdfB.push(empiricalCdf(r.remainingBuyers, 0.75, N));
      cdfS.push(empiricalCdf(r.remainingSellers, 0.6, N));
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const se = (xs: number[]) => Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1) / xs.length);
    // The grid's discretisation moves the expectation by O(1) trades, far inside the band.
    expect(Math.abs(mean(trades) - N / 4)).toBeLessThan(6 * se(trades) + 2);
    expect(Math.abs(mean(cdfB) - B2(0.75))).toBeLessThan(6 * se(cdfB) + 2 / N);
    expect(Math.abs(mean(cdfS) - S2(0.6))).toBeLessThan(6 * se(cdfS) + 2 / N);
    expect(se(trades)).toBeGreaterThan(0);
  });

  test('expectedTrades: the exact finite-N expectation, against brute force and the closed form', () => {
    const b = randomValues(300, 9);
    const s = randomValues(300, 10);
    let brute = 0;
    for (const bi of b) for (const sj of s) if (bi >= halfway(sj, 1)) brute++;
    const e = expectedTrades(b, s, halfway, 1);
    expect(e.trades).toBeCloseTo(brute / 300, 10);
    expect(e.buyerProb.reduce((a, x) => a + x, 0)).toBeCloseTo(e.trades, 10);
    expect(e.sellerProb.reduce((a, x) => a + x, 0)).toBeCloseTo(e.trades, 10);
    // On the midpoint grid: buyer (i + 1/2)/N trades with probability ≈ max(0, 2b − 1), to 2/N.
    const g = grid(N);
    const eg = expectedTrades(g, g, halfway, 1);
    expect(Math.abs(eg.trades - N / 4)).toBeLessThan(2);
    for (const i of [0, N / 2, (3 * N) / 4, N - 1]) expect(Math.abs(eg.buyerProb[i] - Math.max(0, 2 * g[i] - 1))).toBeLessThanOrEqual(2 / N);
  });
});

describe('bad input', () => {
  const b = grid(4);
  test('unequal sides, non-finite values, periods < 1, a NaN cutoff, plain arrays: each names its field', () => {
    expect(() => simulateFiniteMarket({ buyers: b, sellers: grid(3), periods: 1, beta: halfway, seed: 1 })).toThrow(/^sellers: 3 sellers against 4 buyers/);
    expect(() => simulateFiniteMarket({ buyers: Float64Array.of(0, NaN, 0, 0), sellers: b, periods: 1, beta: halfway, seed: 1 })).toThrow(/^buyers\[1\]/);
    expect(() => simulateFiniteMarket({ buyers: b, sellers: b, periods: 0, beta: halfway, seed: 1 })).toThrow(/^periods/);
    expect(() => simulateFiniteMarket({ buyers: b, sellers: b, periods: 1.5, beta: halfway, seed: 1 })).toThrow(/^periods/);
    expect(() => simulateFiniteMarket({ buyers: b, sellers: b, periods: 1, beta: () => NaN, seed: 1 })).toThrow(/^beta/);
    expect(() => simulateFiniteMarket({ buyers: [0.5] as unknown as Float64Array, sellers: b, periods: 1, beta: halfway, seed: 1 })).toThrow(/^buyers/);
  });

  test('countAtMost and an emptied market', () => {
    expect(countAtMost(Float64Array.of(0.1, 0.2, 0.2, 0.3), 0.2)).toBe(3);
    expect(countAtMost(new Float64Array(0), 0.2)).toBe(0);
    const r = simulateFiniteMarket({ buyers: b, sellers: new Float64Array(4), periods: 3, beta: () => 0, seed: 1 });
    expect(r.periods[0].tradedBuyers.length).toBe(4);
    expect(r.periods[1].buyers.length).toBe(0);
    expect(r.remainingBuyers.length).toBe(0);
  });
});

describe('sorting helpers', () => {
  test('sortAscending orders as the built-in typed-array sort: signs, ±0, infinities, subnormals, duplicates', () => {
    const r = makeRng(12);
    const special = [0, -0, Infinity, -Infinity, 5e-324, -5e-324, Number.MAX_VALUE, -Number.MAX_VALUE, 1, 1, 0.5];
    const a = Float64Array.from({ length: 5000 }, (_, i) => (i < special.length ? special[i] : (r() - 0.5) * 10 ** Math.floor(r() * 40 - 20)));
    const mine = sortAscending(a.slice());
    const ref = a.slice().sort();
    expect(mine).toEqual(ref);
    expect(Object.is(mine[mine.indexOf(0) - 1], -0) || Object.is(mine[mine.indexOf(0)], -0)).toBe(true);
    // Values that share their high digits (all in [0.5, 1)): the skipped digits must not disorder them.
    const b = Float64Array.from({ length: 4096 }, () => 0.5 + r() / 2);
    expect(sortAscending(b.slice())).toEqual(b.slice().sort());
    // A view into a larger buffer is sorted in place without touching the rest.
    const big = Float64Array.from({ length: 6000 }, () => r());
    const before = big.slice();
    sortAscending(big.subarray(1000, 4000));
    expect(big.subarray(0, 1000)).toEqual(before.subarray(0, 1000));
    expect(big.subarray(1000, 4000)).toEqual(before.subarray(1000, 4000).sort());
    expect(big.subarray(4000)).toEqual(before.subarray(4000));
  });

  test('withoutSorted removes a sub-multiset, and refuses one that is not', () => {
    expect(withoutSorted(Float64Array.of(1, 2, 2, 3), Float64Array.of(2, 3))).toEqual(Float64Array.of(1, 2));
    expect(() => withoutSorted(Float64Array.of(1, 2), Float64Array.of(4))).toThrow(/sub-multiset/);
    expect(() => withoutSorted(Float64Array.of(1, 2), Float64Array.of(2, 2))).toThrow(/sub-multiset/);
  });
});
