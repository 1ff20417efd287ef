/**
 * Jackson–Palfrey equilibrium.ts, the cases mutation testing showed unpinned (mutation/results/mut-jp2.md;
 * mutation/equivalent/jackson-palfrey-equilibrium.md lists what cannot change a result): every
 * validation message at its boundary, the starts and their bookkeeping (names, random cutoffs,
 * unfinished), the certificate's reservation-price gap and price mismatches, buyer reservation
 * prices where period 2 leaves buyers a surplus (buyer offers; re-derived by Section 3's sum of
 * products in certifyEquilibrium), an emptied period, and toRules / cutoffStart against their definitions.
 */
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { buyersFromPieces, homogeneousSellers, makeEconomy, makeSellers, uniformBuyers } from '../../src/models/jackson-palfrey/economy.ts';
import {
  bestResponse, certifyEquilibrium, cutoffStart, enumerateHomogeneousT2, prepare, solveEquilibria, toRules, type EquilibriumProblem,
} from '../../src/models/jackson-palfrey/equilibrium.ts';
import { buyerTakeItOrLeaveIt, fixedPrice, sellerTakeItOrLeaveIt } from '../../src/models/jackson-palfrey/games/mechanisms.ts';
import { numberOrder } from '../../src/models/jackson-palfrey/games/order.ts';
import { makeRng } from '../../src/numeric/rng.ts';

const N = 12;
const grid = Float64Array.from({ length: N + 1 }, (_, i) => i / N);
const reps = Array.from({ length: N }, (_, i) => (i + 0.5) / N);
const order = numberOrder(1e-12);
const half = makeEconomy(uniformBuyers(1), homogeneousSellers(0.5, 0.5));
const sec6: EquilibriumProblem = { economy: half, grid, mechanisms: [sellerTakeItOrLeaveIt(reps), sellerTakeItOrLeaveIt(reps)], delta: 1, order };

function message(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return e instanceof InputError ? `${e.field}: ${e.message}` : `${(e as Error).name}: ${(e as Error).message}`;
  }
  return 'no error';
}

describe('validation: the message and the boundary of each check', () => {
  test('prepare', () => {
    const atom = makeEconomy(buyersFromPieces([{ lo: 0, hi: 1, weight: 1 }], 1, 0.2), homogeneousSellers(0.5, 0.5));
    expect(message(() => prepare({ ...sec6, economy: atom }))).toMatch(/^economy\.buyers\.atom0: .*must be 0 for the equilibrium solver/);
    expect(message(() => prepare({ ...sec6, delta: -0.1 }))).toMatch(/^delta: .*must be in \[0, 1\] \(got -0\.1\)/);
    expect(message(() => prepare({ ...sec6, delta: 1.5 }))).toMatch(/got 1\.5/);
    expect(message(() => prepare({ ...sec6, delta: 0 }))).toBe('no error');
    expect(message(() => prepare({ ...sec6, mechanisms: [] }))).toMatch(/^mechanisms: .*at least one period/);
    for (const g of [[0], [0.1, 1], [0, 0.9], [0.1, 0.5]]) expect(message(() => prepare({ ...sec6, grid: g }))).toMatch(/^grid: .*must run from 0 to 1/);
    expect(message(() => prepare({ ...sec6, grid: [0, 1] }))).toBe('no error');
    expect(message(() => prepare({ ...sec6, grid: [0, 0.5, 0.5, 1] }))).toMatch(/^grid\[2\]: .*must be increasing/);
  });

  test('enumerateHomogeneousT2 and solveEquilibria', () => {
    expect(message(() => enumerateHomogeneousT2({ ...sec6, mechanisms: [sellerTakeItOrLeaveIt(reps)] }))).toMatch(/^mechanisms: .*2 periods .*\(got 1\)/);
    const sellers = [makeSellers([0, 0.5], [0.5, 0.5]), makeSellers([0.2, 1], [0.5, 0.5]), makeSellers([0], [1]), makeSellers([0, 0.5, 1], [0.3, 0.3, 0.4])];
    for (const s of sellers) expect(message(() => enumerateHomogeneousT2({ ...sec6, economy: makeEconomy(uniformBuyers(1), s) }))).toMatch(/^economy\.sellers: .*atoms at 0 and 1/);
    expect(message(() => solveEquilibria(sec6, { randomStarts: 1 }))).toBe('RangeError: solveEquilibria: random starts need opts.rand');
    expect(message(() => solveEquilibria(sec6, { randomStarts: 0 }))).toBe('no error');
  });
});

describe('enumerateHomogeneousT2 says when its reduction fails', () => {
  test('sellers at 0 and 1 with no mass at 1: cutoff 0 empties period 2, so period 2 is not fixed — not exact, and iteration finds what it misses', () => {
    const e = makeEconomy(uniformBuyers(1), makeSellers([0, 1], [1, 0]));
    const p: EquilibriumProblem = { economy: e, grid, mechanisms: [sellerTakeItOrLeaveIt(reps), sellerTakeItOrLeaveIt(reps)], delta: 0.9, order };
    const en = enumerateHomogeneousT2(p);
    expect(en.exact).toBe(false);
    expect(en.reason).toBe('period 2 depends on the period-1 rule (cutoff 0)');
    expect(en.cutoffs).toEqual([]);
    // everyone trades in period 1 (period 2 empty): an equilibrium the reduction cannot see
    const r = solveEquilibria(p, { randomStarts: 0 });
    expect(r.equilibria).toHaveLength(1);
    expect(Array.from(r.equilibria[0].allocation.trade[0].subarray(0, N))).toEqual(new Array(N).fill(1));
    expect(certifyEquilibrium(p, r.equilibria[0].allocation).ok).toBe(true);
  });

  test('where it holds: exact, no reason, and every fixed point it lists is named by its cutoff', () => {
    const en = enumerateHomogeneousT2(sec6);
    expect(en.exact).toBe(true);
    expect(en.reason).toBeUndefined();
    expect(en.equilibria.map((q) => q.from)).toEqual(en.cutoffs.map((k) => [`cutoff-${k}`]));
  });
});

describe('solveEquilibria: starts and bookkeeping', () => {
  test('the starts are named all-trade, no-trade, random-k; a random start cuts at ⌊u·(K + 1)⌋', () => {
    // Example 2's fixed price c: two equilibria, the efficient one and "all sellers wait" (reached from no trade)
    const en = enumerateHomogeneousT2(sec6);
    const cN = en.equilibria[0].res.seller[0][0];
    const p = { ...sec6, mechanisms: [fixedPrice(cN), sellerTakeItOrLeaveIt(reps)] };
    // all trade and no trade both reach the efficient one (cutoff 5 of 12); a start cutting at cells ≥ 3 (u = 0.3:
    // ⌊0.3·13⌋ = 3) reaches the other; one cutting at 10 (u = 10.5/13) the efficient one again
    const named = (u: number) => solveEquilibria(p, { randomStarts: 1, rand: () => u }).equilibria.map((q) => [...q.from].sort());
    expect(named(0.3)).toEqual([['all-trade', 'no-trade'], ['random-0']]);
    expect(named(10.5 / 13)).toEqual([['all-trade', 'no-trade', 'random-0']]);
    const r = solveEquilibria(p, { randomStarts: 2, rand: makeRng('jp-eq-starts') });
    expect(r.equilibria.flatMap((q) => q.from).sort()).toEqual(['all-trade', 'no-trade', 'random-0', 'random-1']);
    expect(r.cycles).toBe(0);
    expect(r.unfinished).toBe(0);
  });

  test('maxIter: a start that has not reached its fixed point within maxIter applications is unfinished, and not returned', () => {
    const r1 = solveEquilibria(sec6, { randomStarts: 0, maxIter: 1 });
    expect(r1.equilibria).toHaveLength(0);
    expect(r1.unfinished).toBe(2);
    expect(r1.cycles).toBe(0);
    // one of the two starts needs a fifth application of Φ (which confirms its fixed point): maxIter = 4 leaves it unfinished
    const r4 = solveEquilibria(sec6, { randomStarts: 0, maxIter: 4 });
    expect(r4.unfinished).toBe(1);
    expect(r4.equilibria).toHaveLength(1);
    // and with room to converge, the same starts finish
    const r2 = solveEquilibria(sec6, { randomStarts: 0 });
    expect(r2.unfinished).toBe(0);
    expect(r2.equilibria).toHaveLength(1);
  });
});

describe('bestResponse: buyer reservation prices where period 2 leaves buyers a surplus', () => {
  test('seller offers, then buyer offers: every fixed point is certified by the sum-of-products route, reservation prices within 1e-12', () => {
    const e = makeEconomy(buyersFromPieces([{ lo: 0, hi: 0.4, weight: 1 }, { lo: 0.4, hi: 1, weight: 2 }], 1), makeSellers([0, 0.3, 1], [0.4, 0.3, 0.3]));
    const prices = Array.from({ length: 2 * N + 1 }, (_, i) => i / (2 * N));
    const p: EquilibriumProblem = { economy: e, grid, mechanisms: [sellerTakeItOrLeaveIt(reps), buyerTakeItOrLeaveIt(prices)], delta: 0.9, order };
    const r = solveEquilibria(p, { randomStarts: 2, rand: makeRng('jp-eq-buyer-offers') });
    expect(r.equilibria.length).toBeGreaterThan(0);
    for (const q of r.equilibria) {
      const c = certifyEquilibrium(p, q.allocation, q.res);
      expect(c.mismatches).toEqual([]);
      expect(c.resGap).toBeLessThan(1e-12);
      // buyers keep a surplus in period 2 (buyer offers at the seller's value), so p̄_1^b < b somewhere
      expect(q.res.buyer[0].some((x, i) => x < reps[i] - 1e-3)).toBe(true);
    }
  });

  test('an emptied period trades nobody: sellers at 0 only, everyone trades in period 1', () => {
    const e = makeEconomy(uniformBuyers(1), makeSellers([0], [1]));
    const p: EquilibriumProblem = { economy: e, grid, mechanisms: [sellerTakeItOrLeaveIt(reps), sellerTakeItOrLeaveIt(reps)], delta: 0.9, order };
    const r = solveEquilibria(p, { randomStarts: 0 });
    expect(r.equilibria).toHaveLength(1);
    const q = r.equilibria[0];
    expect(Array.from(q.allocation.trade[0])).toEqual(new Array(N).fill(1));
    expect(q.path.periods[1].empty).toBe(true);
    expect(Array.from(q.allocation.trade[1])).toEqual(new Array(N).fill(0));
  });
});

describe('certifyEquilibrium: the gap and the mismatches it reports', () => {
  test('reservation prices off by 0.1 give resGap 0.1; none given, 0', () => {
    const en = enumerateHomogeneousT2(sec6);
    const q = en.equilibria[0];
    expect(certifyEquilibrium(sec6, q.allocation).resGap).toBe(0);
    const seller = q.res.seller.map((x) => x.slice());
    seller[0][0] += 0.1;
    expect(certifyEquilibrium(sec6, q.allocation, { seller, buyer: q.res.buyer }).resGap).toBeCloseTo(0.1, 12);
    const buyer = q.res.buyer.map((x) => x.slice());
    buyer[0][3] -= 0.25;
    expect(certifyEquilibrium(sec6, q.allocation, { seller: q.res.seller, buyer }).resGap).toBeCloseTo(0.25, 12);
  });

  test('a wrong price on a traded pair and a missing trade are named, with why', () => {
    const en = enumerateHomogeneousT2(sec6);
    const a = en.equilibria[0].allocation;
    const k = en.cutoffs[0];
    const price = a.price.map((x) => x.slice());
    price[1][N - 1] += 0.01;
    const c = certifyEquilibrium(sec6, { trade: a.trade, price });
    expect(c.ok).toBe(false);
    expect(c.mismatches).toEqual([{ t: 1, j: 0, i: N - 1, why: `price ${reps[N - 1]} ≠ ${reps[N - 1] + 0.01}` }]);
    const trade = a.trade.map((b) => b.slice());
    trade[0][k] = 0;
    expect(certifyEquilibrium(sec6, { trade, price: a.price }).mismatches).toEqual([{ t: 0, j: 0, i: k, why: `trades at ${a.price[0][k]}` }]);
    const extra = a.trade.map((b) => b.slice());
    extra[0][k - 1] = 1;
    expect(certifyEquilibrium(sec6, { trade: extra, price: a.price }).mismatches).toEqual([{ t: 0, j: 0, i: k - 1, why: 'no trade' }]);
  });

  test("a seller whose first cell trades: the certificate reads each seller's own cells only", () => {
    // sellers at 0 and 0.01 both trade with cell 0 (b = 1/24) under seller offers, T = 1
    const e = makeEconomy(uniformBuyers(1), makeSellers([0, 0.01], [0.5, 0.5]));
    const p: EquilibriumProblem = { economy: e, grid, mechanisms: [sellerTakeItOrLeaveIt(reps)], delta: 1, order };
    const r = solveEquilibria(p, { randomStarts: 0 });
    expect(r.equilibria).toHaveLength(1);
    const a = r.equilibria[0].allocation;
    expect(a.trade[0][N]).toBe(1);
    expect(certifyEquilibrium(p, a).mismatches).toEqual([]);
  });
});

describe('toRules and cutoffStart against their definitions', () => {
  test('toRules: grid periods on the merged grid, trade and price per (seller atom, cell), no atom trades', () => {
    const e = makeEconomy(uniformBuyers(1), makeSellers([0, 0.3, 0.6], [0.3, 0.3, 0.4]));
    const p: EquilibriumProblem = { economy: e, grid, mechanisms: [sellerTakeItOrLeaveIt(reps), sellerTakeItOrLeaveIt(reps)], delta: 0.9, order };
    const pr = prepare(p);
    const r = makeRng('jp-torules');
    const trade = [0, 1].map(() => Uint8Array.from({ length: 3 * N }, () => (r() < 0.5 ? 1 : 0)));
    const price = [0, 1].map(() => Float64Array.from({ length: 3 * N }, () => r()));
    const { rule, price: pp } = toRules(pr, { trade, price });
    for (let t = 0; t < 2; t++) {
      const g = rule[t] as Extract<(typeof rule)[number], { kind: 'grid' }>;
      expect(g.kind).toBe('grid');
      expect(Array.from(g.knots)).toEqual(Array.from(pr.grid));
      for (let j = 0; j < 3; j++) {
        expect(g.atom0[j]).toBe(0);
        for (let i = 0; i < N; i++) {
          expect(g.trade[j][i]).toBe(trade[t][j * N + i]);
          expect(pp[t].a[j][i]).toBe(price[t][j * N + i]);
          expect(pp[t].g[j][i]).toBe(0);
        }
        expect(pp[t].a[j]).toHaveLength(N);
      }
    }
  });

  test('cutoffStart: seller j trades with the cells i ≥ cut[t][j], three sellers', () => {
    const e = makeEconomy(uniformBuyers(1), makeSellers([0, 0.3, 0.6], [0.3, 0.3, 0.4]));
    const pr = prepare({ ...sec6, economy: e });
    const cut = [[0, 5, N], [N, 2, 11]];
    const bits = cutoffStart(pr, cut);
    for (let t = 0; t < 2; t++) for (let j = 0; j < 3; j++) for (let i = 0; i < N; i++) expect(bits[t][j * N + i], `${t} ${j} ${i}`).toBe(i >= cut[t][j] ? 1 : 0);
    // and Φ at a cutoff start re-derives the same reservation prices as certify's other route
    const br = bestResponse(pr, bits);
    expect(br.next.trade).toHaveLength(2);
  });
});
