/**
 * Jackson–Palfrey utilities (Section 3), the cases mutation testing showed unpinned
 * (mutation/equivalent/jackson-palfrey-utility.md lists what cannot change a result): the named
 * price rules against their definitions — total surplus cannot see them, it does not depend on
 * prices — and every price-rule error by field and text.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { homogeneousSellers, makeEconomy, makeSellers, uniformBuyers } from '../../src/models/jackson-palfrey/economy.ts';
import { cutoffRule, evolve } from '../../src/models/jackson-palfrey/evolution.ts';
import type { PricePeriod, PriceRule } from '../../src/models/jackson-palfrey/types.ts';
import {
  buyerTakesAll, buyerUtility, fixedPrice, priceAt, sellerTakesAll, sellerUtility, splitDifference, totalSurplusFromUtilities, validatePrices,
} from '../../src/models/jackson-palfrey/utility.ts';

describe('the named price rules are p_t(s, b) as defined', () => {
  const v = Float64Array.of(0, 0.25, 0.6, 1);
  const bs = [0, 0.1, 0.5, 0.75, 1];
  it.each<[string, PricePeriod, (s: number, b: number) => number]>([
    ['the seller takes all: b', sellerTakesAll(v), (_s, b) => b],
    ['the buyer takes all: s', buyerTakesAll(v), (s) => s],
    ['a fixed price c = 0.4', fixedPrice(v, 0.4), () => 0.4],
    ['split the difference: (s + b)/2', splitDifference(v), (s, b) => (s + b) / 2],
  ])('%s', (_, p, want) => {
    expect(Array.from(p.knots)).toEqual([0, 1]);
    expect(p.a.length).toBe(v.length);
    expect(p.g.length).toBe(v.length);
    v.forEach((s, j) => {
      for (const b of bs) expect(priceAt(p, j, b)).toBeCloseTo(want(s, b), 15);
    });
  });

  it("Example 1's seller at 0 and a buyer of 0.8 meeting in the last period (cutoff 0): the price is the whole gain", () => {
    // u^s = E[price − 0] over the buyers b ≥ 0, u^b(0.8) = (0.8 − price)·(share of sellers at 0)
    const e = makeEconomy(uniformBuyers(1), homogeneousSellers(0.5, 0.5));
    const path = evolve(e, cutoffRule([[0, 1]]));
    const v = e.sellers.values;
    expect(sellerUtility(path, [sellerTakesAll(v)], 1, 1, 0)).toBeCloseTo(0.5, 15);
    expect(sellerUtility(path, [splitDifference(v)], 1, 1, 0)).toBeCloseTo(0.25, 15);
    expect(sellerUtility(path, [fixedPrice(v, 0.3)], 1, 1, 0)).toBeCloseTo(0.3, 15);
    expect(buyerUtility(path, [buyerTakesAll(v)], 1, 1, 0.8)).toBeCloseTo(0.4, 15);
    expect(buyerUtility(path, [splitDifference(v)], 1, 1, 0.8)).toBeCloseTo(0.2, 15);
  });
});

describe('validatePrices: each bad price rule is named by its field', () => {
  const e = makeEconomy(uniformBuyers(1), makeSellers([0, 1], [0.5, 0.5]));
  const path = evolve(e, cutoffRule([[0.5, 1], [0, 1]]));
  const v = e.sellers.values;
  const ok = splitDifference(v);
  const pp = (knots: number[], a: number[][], g: number[][]): PricePeriod => ({ knots: Float64Array.from(knots), a: a.map((r) => Float64Array.from(r)), g: g.map((r) => Float64Array.from(r)) });
  const message = (price: PriceRule, field?: string) => {
    try {
      if (field === undefined) totalSurplusFromUtilities(path, price, 1);
      else validatePrices(path, price, field);
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
      return (err as Error).message;
    }
    return 'accepted';
  };
  it.each<[string, PriceRule, string]>([
    ['a period per period', [ok], 'price: must have one period per period of the rule (2, got 1)'],
    ['knots from 0', [ok, pp([0.5, 1], [[0], [0]], [[1], [1]])], 'price[1].knots: must run from 0 to 1'],
    ['knots to 1', [pp([0, 0.5], [[0], [0]], [[1], [1]]), ok], 'price[0].knots: must run from 0 to 1'],
    ['one knot', [pp([0], [[], []], [[], []]), ok], 'price[0].knots: must run from 0 to 1'],
    ['no knot', [pp([], [[], []], [[], []]), ok], 'price[0].knots: must run from 0 to 1'],
    ['a row of a per atom', [ok, pp([0, 1], [[0]], [[1], [1]])], 'price[1].a: must have one row per seller atom (2, got 1)'],
    ['a row of g per atom', [ok, pp([0, 1], [[0], [0]], [[1], [1], [1]])], 'price[1].g: must have one row per seller atom (2, got 3)'],
    ['an entry of a per cell', [pp([0, 0.5, 1], [[0, 0], [0]], [[1, 1], [1, 1]]), ok], 'price[0].a[1]: must have one entry per price cell (2, got 1)'],
    ['an entry of g per cell', [pp([0, 0.5, 1], [[0, 0], [0, 0]], [[1, 1, 1], [1, 1]]), ok], 'price[0].g[0]: must have one entry per price cell (2, got 3)'],
    ['a finite', [ok, pp([0, 0.5, 1], [[0, 0], [0, Infinity]], [[1, 1], [1, 1]])], 'price[1].a[1][1]: must be finite'],
    ['g not NaN', [ok, pp([0, 0.5, 1], [[0, 0], [0, 0]], [[1, NaN], [1, 1]])], 'price[1].g[0][1]: must be finite'],
  ])('%s', (_, price, text) => {
    expect(message(price)).toBe(text);
  });
  it('accepts a good rule, and names the field given', () => {
    expect(message([ok, pp([0, 0.5, 1], [[0, 0.1], [0, 0]], [[1, 0.5], [1, 1]])])).toBe('accepted');
    expect(message([ok], 'body.price')).toBe('body.price: must have one period per period of the rule (2, got 1)');
  });
});
