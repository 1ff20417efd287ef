/**
 * Jackson–Palfrey games/conditions.ts, the cases mutation testing showed unpinned: which side an
 * IR violation is on, starHolds on each part of condition * alone, and sortedUnique's duplicates.
 */
import { describe, expect, it } from 'vitest';
import { numberOrder } from '../../src/models/jackson-palfrey/games/order.ts';
import { individualRationality, sortedUnique, starHolds, type StarViolations, type TradingGrid } from '../../src/models/jackson-palfrey/games/conditions.ts';

describe('individualRationality names the side', () => {
  it('a price below the seller’s reservation price is the seller’s, above the buyer’s the buyer’s', () => {
    // sellers p̄^s = 0.2, 0.6; buyers p̄^b = 0.5, 0.9; everyone trades at 0.4 except (1, 1) at 0.95
    const g: TradingGrid<number> = {
      sellerRes: [0.2, 0.6],
      buyerRes: [0.5, 0.9],
      traded: () => true,
      price: (i, j) => (i === 1 && j === 1 ? 0.95 : 0.4),
    };
    expect(individualRationality(g, numberOrder())).toEqual([
      { s: 1, b: 0, side: 'seller' },
      { s: 1, b: 1, side: 'buyer' },
    ]);
  });
});

describe('starHolds', () => {
  const none: StarViolations = { i: [], ii: { pairs: [], domain: [] }, iii: [], iv: [], v: [] };
  const p = { s: 0, b: 0 };
  const d = { q: 0, r: 0 };
  it.each<[string, StarViolations]>([
    ['(i)', { ...none, i: [p] }],
    ['(ii) pairs', { ...none, ii: { pairs: [p], domain: [] } }],
    ['(ii) domain', { ...none, ii: { pairs: [], domain: [d] } }],
    ['(iii)', { ...none, iii: [p] }],
    ['(iv)', { ...none, iv: [{ high: d, low: d }] }],
    ['(v)', { ...none, v: [{ side: 'seller', at: d, other: d }] }],
    ['(i) and (ii) pairs', { ...none, i: [p], ii: { pairs: [p], domain: [] } }],
    ['(iv) and (v)', { ...none, iv: [{ high: d, low: d }], v: [{ side: 'buyer', at: d, other: d }] }],
    ['(i) and (iii)', { ...none, i: [p], iii: [p] }],
    ['(ii) pairs and domain', { ...none, ii: { pairs: [p], domain: [d] } }],
    ['(ii) domain and (iii)', { ...none, ii: { pairs: [], domain: [d] }, iii: [p] }],
    ['(iii) and (iv)', { ...none, iii: [p], iv: [{ high: d, low: d }] }],
  ])('fails on %s alone', (_, v) => {
    expect(starHolds(v)).toBe(false);
  });
  it('holds with no violation', () => expect(starHolds(none)).toBe(true));
});

describe('sortedUnique', () => {
  it('sorts and drops exact repeats, wherever they are', () => {
    expect(sortedUnique([0.5, 0.25, 0.5, 1, 0.25, 0], numberOrder())).toEqual([0, 0.25, 0.5, 1]);
  });
});
