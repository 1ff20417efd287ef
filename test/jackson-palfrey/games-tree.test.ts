/**
 * Jackson & Palfrey (1996), bargaining game forms (src/models/jackson-palfrey/games/tree.ts,
 * mechanisms.ts): backward induction with rule (ii) against hand-solved cases and against
 * independent characterisations — the lemma in the proof of Theorem 6 (trade iff
 * (p̄^s, p̄^b) ∈ IR(P), P the terminal prices, at a price in [p̄^s, p̄^b]) checked by scanning P
 * directly on random trees; take-it-or-leave-it outcomes against their closed forms; the price map
 * non-decreasing and separating ((*iv), (*v)) by brute force over pairs of grid points.
 */
import { describe, expect, test } from 'vitest';
import { makeRng } from '../../src/numeric/rng.ts';
import { numberOrder, type Order } from '../../src/models/jackson-palfrey/games/order.ts';
import {
  augment, leafCount, move, noTrade, priceMap, solve, terminalPrices, trade, type GameNode,
} from '../../src/models/jackson-palfrey/games/tree.ts';
import {
  buyerTakeItOrLeaveIt, fixedPrice, randomGameForm, sellerTakeItOrLeaveIt,
} from '../../src/models/jackson-palfrey/games/mechanisms.ts';

const exact = numberOrder(0);
const grid = (n: number) => Array.from({ length: n + 1 }, (_, k) => k / n);

describe('backward induction, hand cases', () => {
  test('rule (ii): a seller offered exactly her reservation price trades', () => {
    expect(solve(fixedPrice(0.4), 0.4, 0.9, exact, { signatures: true })).toEqual({ trade: true, price: 0.4 });
    expect(solve(augment(fixedPrice(0.4)), 0.4, 0.4, exact)).toEqual({ trade: true, price: 0.4 });
    expect(solve(fixedPrice(0.4), 0.41, 0.9, exact, { signatures: true })).toEqual({ trade: false });
    expect(solve(fixedPrice(0.4), 0.1, 0.39, exact, { signatures: true })).toEqual({ trade: false });
  });

  test('a tie tolerance widens the signature ties, and only them', () => {
    const o = numberOrder(1e-9);
    expect(solve(fixedPrice(0.4), 0.4 + 5e-10, 0.9, o, { signatures: true })).toEqual({ trade: true, price: 0.4 });
    expect(solve(fixedPrice(0.4), 0.4 + 2e-9, 0.9, o, { signatures: true })).toEqual({ trade: false });
    // two distinct prices are never a tie for the mover: the seller takes the higher one
    expect(solve(sellerTakeItOrLeaveIt([0.5, 0.5 + 5e-10]), 0, 1, o, { signatures: true })).toEqual({ trade: true, price: 0.5 + 5e-10 });
  });

  test('a buyer who anticipates the seller picks the branch where the seller must concede', () => {
    // buyer: L → trade .5; R → seller chooses .95 or .2. Buyer .9 refuses .95, so R gives .2.
    const g = move<number>('buyer', [trade(0.5), move<number>('seller', [trade(0.95), trade(0.2)])]);
    const hat = priceMap(g, exact);
    expect(hat(0.1, 0.9)).toBe(0.2);
    expect(hat(0.1, 0.95)).toBe(0.5); // buyer .95 signs .95 (tie), so R gives her nothing
    expect(hat(0.3, 0.9)).toBe(0.5); // seller .3 refuses .2: R → .95 refused → no trade; L wins
    expect(hat(0.6, 0.9)).toBeUndefined();
    expect(terminalPrices(g, exact)).toEqual([0.2, 0.5, 0.95]);
    expect(leafCount(augment(g))).toBe(9);
  });

  test('no trade is chosen only when strictly better', () => {
    const g = move<number>('seller', [noTrade, trade(0.3)]);
    expect(solve(g, 0.3, 0.5, exact, { signatures: true })).toEqual({ trade: true, price: 0.3 });
    expect(solve(g, 0.31, 0.5, exact, { signatures: true })).toEqual({ trade: false });
  });
});

describe('take-it-or-leave-it and fixed price against their closed forms', () => {
  const G = grid(10);
  const R = grid(20);
  test('seller TIOLI: the highest grid price ≤ p̄^b, if ≥ p̄^s; buyer TIOLI: the lowest ≥ p̄^s, if ≤ p̄^b', () => {
    for (const q of R) for (const r of R) {
      const up = G.filter((p) => p <= r).at(-1);
      const down = G.find((p) => p >= q);
      const s = solve(augment(sellerTakeItOrLeaveIt(G)), q, r, exact);
      const b = solve(augment(buyerTakeItOrLeaveIt(G)), q, r, exact);
      expect(s).toEqual(up !== undefined && up >= q ? { trade: true, price: up } : { trade: false });
      expect(b).toEqual(down !== undefined && down <= r ? { trade: true, price: down } : { trade: false });
    }
  });
});

/** Small random game forms over the grid k/8 (repeated prices make exact ties). */
function randomTrees(seed: number, count: number): GameNode<number>[] {
  const rand = makeRng(seed);
  return Array.from({ length: count }, () =>
    randomGameForm(rand, { prices: grid(8), maxDepth: 1 + Math.floor(rand() * 4), maxChildren: 4, noTradeShare: 0.2 }),
  );
}

/** Reservation prices on k/16: they hit every price of k/8 exactly, and fall between. */
const RES = grid(16);

describe('the lemma behind Theorem 3 (proof of Theorem 6), by brute force over small trees', () => {
  test('trade iff (p̄^s, p̄^b) ∈ IR(P), at a price in [p̄^s, p̄^b] ∩ P; augmented tree = signatures applied', () => {
    let trades = 0;
    let noTrades = 0;
    const bad: string[] = [];
    for (const g of randomTrees(11, 80)) {
      const P = terminalPrices(g, exact);
      const aug = augment(g);
      for (const q of RES) for (const r of RES) {
        const o = solve(aug, q, r, exact);
        const o2 = solve(g, q, r, exact, { signatures: true });
        const ir = P.some((p) => q <= p && p <= r);
        const ok = o.trade === o2.trade && (!o.trade || (o2.trade && o2.price === o.price)) && o.trade === ir
          && (!o.trade || (P.includes(o.price) && q <= o.price && o.price <= r));
        if (!ok) bad.push(`${JSON.stringify(g)} at (${q}, ${r}): ${JSON.stringify(o)} / ${JSON.stringify(o2)}, IR ${ir}`);
        if (o.trade) trades++;
        else noTrades++;
      }
    }
    expect(bad.slice(0, 3)).toEqual([]);
    expect(trades).toBeGreaterThan(1000);
    expect(noTrades).toBeGreaterThan(1000);
  });
});

/** For all pairs of grid points in IR(P) (brute force): the BI price map's (*ii), (*iv), (*v); the failures. */
function checkPriceMap(g: GameNode<number>, order: Order<number>): string[] {
  const P = terminalPrices(g, order);
  const hat = priceMap(g, order);
  const H = RES.map((q) => RES.map((r) => hat(q, r)));
  const n = RES.length;
  const bad: string[] = [];
  const at = (a: number, c: number) => `(${RES[a]}, ${RES[c]})`;
  for (let a = 0; a < n; a++) for (let c = 0; c < n; c++) {
    const h = H[a][c];
    if (h === undefined) continue;
    if (!(RES[a] <= h && h <= RES[c])) bad.push(`(*ii) at ${at(a, c)}`);
    for (let a2 = 0; a2 <= a; a2++) for (let c2 = 0; c2 <= c; c2++) {
      const h2 = H[a2][c2];
      // (*iv) non-decreasing in both reservation prices over IR(P)
      if (h2 !== undefined && h2 > h) bad.push(`(*iv) ${at(a2, c2)} above ${at(a, c)}`);
    }
    for (let a2 = 0; a2 < n; a2++) {
      const h2 = H[a2][c];
      // (*v), seller part: a lower price at q′ than at q needs p ∈ P with q′ ≤ p < q
      if (h2 !== undefined && h2 < h && !P.some((p) => RES[a2] <= p && p < RES[a])) bad.push(`(*v) seller ${at(a2, c)} ${at(a, c)}`);
    }
    for (let c2 = 0; c2 < n; c2++) {
      const h2 = H[a][c2];
      // (*v), buyer part: a higher price at r′ than at r needs p ∈ P with r < p ≤ r′
      if (h2 !== undefined && h2 > h && !P.some((p) => RES[c] < p && p <= RES[c2])) bad.push(`(*v) buyer ${at(a, c2)} ${at(a, c)}`);
    }
  }
  return bad;
}

describe('the backward-induction price map (Theorem 5, Section 5)', () => {
  test('is non-decreasing in both reservation prices and separating, on random trees', () => {
    for (const g of randomTrees(23, 25)) expect(checkPriceMap(g, exact).slice(0, 3)).toEqual([]);
  });
  test('and on the paper mechanisms', () => {
    for (const g of [sellerTakeItOrLeaveIt(grid(8)), buyerTakeItOrLeaveIt(grid(8)), fixedPrice(0.375)]) {
      expect(checkPriceMap(g, exact)).toEqual([]);
    }
  });
});

describe('the random builder', () => {
  test('is deterministic in its random stream and uses the whole grid', () => {
    const a = randomTrees(5, 30);
    const b = randomTrees(5, 30);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const prices = new Set(a.flatMap((g) => terminalPrices(g, exact)));
    expect(prices.size).toBe(9);
    expect(Math.max(...a.map((g) => leafCount(g)))).toBeGreaterThan(8);
  });
});
