/**
 * Jackson & Palfrey (1996), Section 7: the price sets of price-set.ts at their edges, and the
 * three-stage announcement mechanism (mechanisms.ts) solved by backward induction over
 * announcement grids with midpoints — its outcome on hand cases (P an interval with p̂ the
 * midpoint, P a single price, the finite P of a three-leaf game) and, on random game forms, against
 * p̂ = the game's own backward-induction price map (Theorem 5 gives it (*ii), (*iv), (*v)), and on
 * unions of intervals with a p̂ built to satisfy them.
 */
import { describe, expect, test } from 'vitest';
import { makeRng } from '../../src/numeric/rng.ts';
import { numberOrder } from '../../src/models/jackson-palfrey/games/order.ts';
import {
  inIR, infAtLeast, pointSet, priceSet, separatesAbove, separatesBelow, supAtMost, type PriceSet,
} from '../../src/models/jackson-palfrey/games/price-set.ts';
import { conditionStar, starHolds } from '../../src/models/jackson-palfrey/games/conditions.ts';
import { move, priceMap, solve, terminalPrices, trade, augment, type Outcome } from '../../src/models/jackson-palfrey/games/tree.ts';
import { announcementGrid, announcementMechanism, randomGameForm } from '../../src/models/jackson-palfrey/games/mechanisms.ts';

const o = numberOrder(0);

describe('price sets', () => {
  const P = priceSet([{ lo: 0.6, hi: 0.8 }, { lo: 0.2, hi: 0.2 }, { lo: 0.7, hi: 0.9 }], o);
  test('pieces are sorted and overlapping ones merged', () => {
    expect(P.pieces).toEqual([{ lo: 0.2, hi: 0.2 }, { lo: 0.6, hi: 0.9 }]);
    expect(() => priceSet([{ lo: 0.5, hi: 0.4 }], o)).toThrow(/lo > hi/);
  });
  test('IR(P), inf and sup at the edges', () => {
    expect(inIR(P, 0.2, 0.2, o)).toBe(true);
    expect(inIR(P, 0.21, 0.59, o)).toBe(false);
    expect(inIR(P, 0.7, 0.7, o)).toBe(true);
    expect(inIR(P, 0.7, 0.69, o)).toBe(false); // q > r: no price between, even inside a piece
    expect(inIR(P, 0.7, 0.69, numberOrder(0.01))).toBe(true); // q ≤ r + 2τ: each comparison has its τ
    expect(inIR(P, 0.95, 1, o)).toBe(false);
    expect([infAtLeast(P, 0.1, o), infAtLeast(P, 0.3, o), infAtLeast(P, 0.65, o), infAtLeast(P, 0.95, o)]).toEqual([0.2, 0.6, 0.65, undefined]);
    expect([supAtMost(P, 0.1, o), supAtMost(P, 0.3, o), supAtMost(P, 0.65, o), supAtMost(P, 0.95, o)]).toEqual([undefined, 0.2, 0.65, 0.9]);
  });
  test('separating prices: q′ ≤ p < q and r < p ≤ r′', () => {
    expect(separatesBelow(P, 0.2, 0.3, o)).toBe(true);
    expect(separatesBelow(P, 0.2, 0.2, o)).toBe(false); // [q, q) is empty
    expect(separatesBelow(P, 0.21, 0.6, o)).toBe(false); // [0.21, 0.6) misses 0.6
    expect(separatesBelow(P, 0.3, 0.2, o)).toBe(false);
    expect(separatesAbove(P, 0.1, 0.2, o)).toBe(true);
    expect(separatesAbove(P, 0.2, 0.59, o)).toBe(false); // (0.2, 0.59] is empty of P
    expect(separatesAbove(P, 0.7, 0.7, o)).toBe(false);
    expect(separatesAbove(P, 0.7, 0.71, o)).toBe(true);
  });
});

/** The Section 7 mechanism's backward-induction outcome at (q, r), announcements on grid(points ∪ {q, r}). */
function section7(P: PriceSet<number>, hat: (q: number, r: number) => number, points: number[], q: number, r: number): Outcome<number> {
  const grid = announcementGrid([...points, q, r]);
  return solve(announcementMechanism(P, hat, grid, o), q, r, o, { signatures: true });
}

const ends = (P: PriceSet<number>) => P.pieces.flatMap((x) => [x.lo, x.hi]);

describe('the Section 7 mechanism, hand cases', () => {
  test('P = [0, 1], p̂ = the midpoint of the reservation prices', () => {
    const P = priceSet([{ lo: 0, hi: 1 }], o);
    const hat = (q: number, r: number) => (q + r) / 2;
    expect(section7(P, hat, [0, 1], 0.25, 0.75)).toEqual({ trade: true, price: 0.5 });
    expect(section7(P, hat, [0, 1], 0.375, 0.375)).toEqual({ trade: true, price: 0.375 });
    expect(section7(P, hat, [0, 1], 0.75, 0.25)).toEqual({ trade: false });
  });
  test('P = {0.3}: trade at 0.3 exactly when q ≤ 0.3 ≤ r (ties trade)', () => {
    const P = pointSet([0.3], o);
    const hat = () => 0.3;
    expect(section7(P, hat, [0, 0.3, 1], 0.2, 0.8)).toEqual({ trade: true, price: 0.3 });
    expect(section7(P, hat, [0, 0.3, 1], 0.3, 0.3)).toEqual({ trade: true, price: 0.3 });
    expect(section7(P, hat, [0, 0.3, 1], 0.4, 0.8)).toEqual({ trade: false });
    expect(section7(P, hat, [0, 0.3, 1], 0.1, 0.25)).toEqual({ trade: false });
  });
  test('the three-price game: the mechanism returns p̂ = .2 at (.1, .9) and .5 at (.1, .95)', () => {
    // buyer: L → .5; R → seller picks .95 or .2. P = {.2, .5, .95}.
    const g = move<number>('buyer', [trade(0.5), move<number>('seller', [trade(0.95), trade(0.2)])]);
    const hat = priceMap(g, o);
    const P = pointSet(terminalPrices(g, o), o);
    const h = (q: number, r: number) => hat(q, r)!;
    expect(section7(P, h, [0, ...ends(P), 1], 0.1, 0.9)).toEqual({ trade: true, price: 0.2 });
    expect(section7(P, h, [0, ...ends(P), 1], 0.1, 0.95)).toEqual({ trade: true, price: 0.5 });
    // On a grid the buyer protects .2 by announcing p^b = the last grid point below .95: the
    // seller then has no p^{b′} in (p^b, .95) to claim sup{p ∈ P : p ≤ p^{b′}} = .5 with. The
    // augmented tree gives the same outcome.
    const grid = announcementGrid([0, ...ends(P), 0.1, 0.9, 1]);
    expect(solve(augment(announcementMechanism(P, h, grid, o)), 0.1, 0.9, o)).toEqual({ trade: true, price: 0.2 });
  });
});

describe('the Section 7 mechanism on random P and p̂ (appendix, Claim 1)', () => {
  const RES = Array.from({ length: 5 }, (_, k) => k / 4); // with the midpoints: 9 announcements, 6561 leaves
  test('p̂ the backward-induction map of a random game form over k/4', () => {
    const rand = makeRng('sec7-trees');
    let trades = 0;
    let cases = 0;
    for (let t = 0; t < 12; t++) {
      const g = randomGameForm(rand, { prices: [0, 0.25, 0.5, 0.75, 1], maxDepth: 3, maxChildren: 3, noTradeShare: 0.15 });
      const P = pointSet(terminalPrices(g, o), o);
      if (P.pieces.length === 0) continue;
      const hat = priceMap(g, o);
      const h = (q: number, r: number) => hat(q, r)!;
      const grid = announcementGrid([0, 1, ...RES]);
      const mech = announcementMechanism(P, h, grid, o);
      for (let k = 0; k < 8; k++) {
        const q = RES[Math.floor(rand() * 5)];
        const r = RES[Math.floor(rand() * 5)];
        const out = solve(mech, q, r, o, { signatures: true });
        expect(out, `${JSON.stringify(g)} at (${q}, ${r})`).toEqual(inIR(P, q, r, o) ? { trade: true, price: hat(q, r) } : { trade: false });
        cases++;
        if (out.trade) trades++;
      }
    }
    expect(cases).toBeGreaterThanOrEqual(80);
    expect(trades).toBeGreaterThan(20);
  });

  test('P a union of intervals, p̂ = inf{p ∈ P : p ≥ (1 − λ)q̃ + λr̃} with q̃, r̃ the reservation prices projected on P', () => {
    const rand = makeRng('sec7-intervals');
    let trades = 0;
    for (let t = 0; t < 10; t++) {
      const pieces = Array.from({ length: 1 + Math.floor(rand() * 2) }, () => {
        const a = Math.floor(rand() * 5) / 4;
        const b = Math.floor(rand() * 5) / 4;
        return { lo: Math.min(a, b), hi: Math.max(a, b) };
      });
      const P = priceSet(pieces, o);
      const lam = Math.floor(rand() * 5) / 4;
      const hat = (q: number, r: number) => infAtLeast(P, (1 - lam) * infAtLeast(P, q, o)! + lam * supAtMost(P, r, o)!, o)!;
      // the p̂ satisfies (*ii), (*iv), (*v) on the grid (the checker, with nothing traded)
      const grid = announcementGrid([0, 1, ...RES, ...ends(P)]);
      const none = { sellerRes: [], buyerRes: [], traded: () => false, price: () => 0 };
      expect(starHolds(conditionStar(none, P, hat, o, { sellerRes: grid, buyerRes: grid }))).toBe(true);
      const mech = announcementMechanism(P, hat, grid, o);
      for (let k = 0; k < 6; k++) {
        const q = RES[Math.floor(rand() * 5)];
        const r = RES[Math.floor(rand() * 5)];
        const out = solve(mech, q, r, o, { signatures: true });
        expect(out, `${JSON.stringify(P)}, λ = ${lam} at (${q}, ${r})`).toEqual(inIR(P, q, r, o) ? { trade: true, price: hat(q, r) } : { trade: false });
        if (out.trade) trades++;
      }
    }
    expect(trades).toBeGreaterThan(10);
  });
});
