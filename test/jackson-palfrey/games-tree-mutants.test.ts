/**
 * tree.ts and price-set.ts against their documented contracts (Section 3's Γ(γ_t) and rule (ii),
 * Section 7's price sets), pinned where a Stryker run found them unguarded: the signature moves'
 * shape, strict preference being irreflexive, `solve` without signatures by default, P_t without
 * duplicates, touching and overlapping pieces merged, and (*v)'s "q′ ≤ p < q" empty at q′ = q.
 */
import { describe, expect, test } from 'vitest';
import { numberOrder } from '../../src/models/jackson-palfrey/games/order.ts';
import { priceSet, pointSet, separatesBelow, separatesAbove } from '../../src/models/jackson-palfrey/games/price-set.ts';
import { augment, move, noTrade, NO_TRADE, prefers, solve, terminalPrices, trade } from '../../src/models/jackson-palfrey/games/tree.ts';

const o = numberOrder(0);

describe('Γ(γ_t) and rule (ii) (Section 3)', () => {
  test('a trade node becomes the buyer\'s signature, then the seller\'s, both marked as signature moves', () => {
    expect(augment(trade(0.4))).toEqual({
      kind: 'move',
      player: 'buyer',
      sign: true,
      children: [{ kind: 'move', player: 'seller', sign: true, children: [{ kind: 'trade', price: 0.4 }, { kind: 'noTrade' }] }, { kind: 'noTrade' }],
    });
    expect(augment(noTrade)).toEqual({ kind: 'noTrade' });
  });

  test('strict preference is irreflexive: no trade against no trade, a price against itself', () => {
    for (const player of ['seller', 'buyer'] as const) {
      expect(prefers(player, 0.5, NO_TRADE, NO_TRADE, o)).toBe(false);
      expect(prefers(player, 0.5, { trade: true, price: 0.3 }, { trade: true, price: 0.3 }, o)).toBe(false);
    }
    // and strict the right way round between prices
    expect(prefers('seller', 0.5, { trade: true, price: 0.6 }, { trade: true, price: 0.3 }, o)).toBe(true);
    expect(prefers('buyer', 0.5, { trade: true, price: 0.3 }, { trade: true, price: 0.6 }, o)).toBe(true);
  });

  test('solve plays the tree as given unless asked to apply the signatures', () => {
    const g = trade(0.9);
    expect(solve(g, 0.1, 0.5, o)).toEqual({ trade: true, price: 0.9 }); // γ itself: no signatures
    expect(solve(g, 0.1, 0.5, o, { signatures: true })).toEqual({ trade: false }); // the buyer (0.5) refuses 0.9
  });

  test('P_t: terminal prices sorted with exact duplicates removed', () => {
    const g = move('seller', [trade(0.5), move('buyer', [trade(0.2), trade(0.5), noTrade]), trade(0.2), trade(0.9)]);
    expect(terminalPrices(g, o)).toEqual([0.2, 0.5, 0.9]);
  });
});

describe('price sets (Section 7)', () => {
  test('touching pieces merge into one; an overlapping piece extends the last', () => {
    expect(priceSet([{ lo: 0.5, hi: 1 }, { lo: 0, hi: 0.5 }], o).pieces).toEqual([{ lo: 0, hi: 1 }]);
    expect(priceSet([{ lo: 0, hi: 0.5 }, { lo: 0.3, hi: 0.8 }], o).pieces).toEqual([{ lo: 0, hi: 0.8 }]);
    expect(priceSet([{ lo: 0, hi: 0.5 }, { lo: 0.6, hi: 0.8 }], o).pieces).toEqual([{ lo: 0, hi: 0.5 }, { lo: 0.6, hi: 0.8 }]);
  });

  test('(*v): no p with q′ ≤ p < q when q′ = q, nor r < p ≤ r′ when r = r′', () => {
    const P = priceSet([{ lo: 0.2, hi: 0.6 }], o);
    expect(separatesBelow(P, 0.4, 0.4, o)).toBe(false);
    expect(separatesBelow(P, 0.3, 0.4, o)).toBe(true);
    expect(separatesAbove(P, 0.4, 0.4, o)).toBe(false);
    expect(separatesAbove(P, 0.3, 0.4, o)).toBe(true);
    expect(separatesBelow(pointSet([0.2], o), 0.2, 0.2, o)).toBe(false);
  });
});
