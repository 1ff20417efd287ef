/**
 * Jackson–Palfrey economy (Section 3), the cases mutation testing showed unpinned
 * (mutation/equivalent/jackson-palfrey-economy.md lists what cannot change a result): every input
 * error by field and text — one line, the field first, the value it got — the edges of what is
 * accepted, and the closed forms against integration by parts (∫ S, ∫ (B(1) − B)) on the edges.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import {
  buyerCdf, buyerExcess, buyerMoment, buyersFromPieces, buyerTotal, expectedExcess, makeBuyers, makeEconomy, makeSellers, mergeKnots,
  refineBuyers, sellerCdf, sellerMean, sellersFromAtoms, sellerShortfall, sellerTotal, uniformBuyers,
} from '../../src/models/jackson-palfrey/economy.ts';
import type { Buyers } from '../../src/models/jackson-palfrey/types.ts';

const message = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
  return 'accepted';
};

describe('economy input errors name the field and the value', () => {
  it.each<[string, () => unknown, string]>([
    ['atom0 NaN', () => makeBuyers({ atom0: NaN, knots: [0, 1], density: [1] }), 'buyers.atom0: must be a finite number ≥ 0 (got NaN)'],
    ['atom0 negative', () => makeBuyers({ atom0: -0.5, knots: [0, 1], density: [1] }), 'buyers.atom0: must be a finite number ≥ 0 (got -0.5)'],
    ['atom0 infinite', () => makeBuyers({ atom0: Infinity, knots: [0, 1], density: [1] }), 'buyers.atom0: must be a finite number ≥ 0 (got Infinity)'],
    ['no cell', () => makeBuyers({ knots: [0], density: [] }), 'buyers.density: must have at least one cell'],
    ['knots one more', () => makeBuyers({ knots: [0, 0.5, 1], density: [1] }), 'buyers.knots: must have one more entry than density (2, got 3)'],
    ['knots from 0', () => makeBuyers({ knots: [0.1, 1], density: [1] }), 'buyers.knots[0]: must be 0 (got 0.1)'],
    ['knots to 1', () => makeBuyers({ knots: [0, 0.5, 0.9], density: [1, 1] }), 'buyers.knots[2]: must be 1 (got 0.9)'],
    ['knots increasing', () => makeBuyers({ knots: [0, 0.5, 0.5, 1], density: [1, 1, 1] }), 'buyers.knots[2]: must be greater than the knot before (got 0.5 after 0.5)'],
    ['the last knot increasing', () => makeBuyers({ knots: [0, 1, 1], density: [1, 1] }), 'buyers.knots[2]: must be greater than the knot before (got 1 after 1)'],
    ['density negative', () => makeBuyers({ knots: [0, 0.5, 1], density: [1, -2] }), 'buyers.density[1]: must be a finite number ≥ 0 (got -2)'],
    ['density NaN', () => makeBuyers({ knots: [0, 1], density: [NaN] }), 'buyers.density[0]: must be a finite number ≥ 0 (got NaN)'],
    ['density infinite', () => makeBuyers({ knots: [0, 1], density: [Infinity] }), 'buyers.density[0]: must be a finite number ≥ 0 (got Infinity)'],
    ['no buyers', () => makeBuyers({ atom0: 0, knots: [0, 1], density: [0] }), 'buyers: total mass must be finite and > 0 (got 0)'],
    ['infinite total', () => makeBuyers({ atom0: 1.7e308, knots: [0, 1], density: [1e308] }), 'buyers: total mass must be finite and > 0 (got Infinity)'],
    ['another field', () => makeBuyers({ knots: [0, 1], density: [-1] }, 'body.buyers'), 'body.buyers.density[0]: must be a finite number ≥ 0 (got -1)'],
    ['pieces: mass 0', () => buyersFromPieces([{ lo: 0, hi: 1, weight: 1 }], 0), 'buyers.mass: must be a finite number > 0 (got 0)'],
    ['pieces: mass infinite', () => buyersFromPieces([{ lo: 0, hi: 1, weight: 1 }], Infinity), 'buyers.mass: must be a finite number > 0 (got Infinity)'],
    ['pieces: mass NaN', () => buyersFromPieces([{ lo: 0, hi: 1, weight: 1 }], NaN), 'buyers.mass: must be a finite number > 0 (got NaN)'],
    ['pieces: atom share above 1', () => buyersFromPieces([{ lo: 0, hi: 1, weight: 1 }], 1, 1.5), 'buyers.atom0: share must be in [0, 1] (got 1.5)'],
    ['pieces: atom share negative', () => buyersFromPieces([{ lo: 0, hi: 1, weight: 1 }], 1, -0.1), 'buyers.atom0: share must be in [0, 1] (got -0.1)'],
    ['pieces: atom share NaN', () => buyersFromPieces([{ lo: 0, hi: 1, weight: 1 }], 1, NaN), 'buyers.atom0: share must be in [0, 1] (got NaN)'],
    ['pieces: none of weight', () => buyersFromPieces([{ lo: 0, hi: 1, weight: 0 }], 1, 0.5), 'buyers.pieces: must have a piece of positive weight'],
    ['pieces: empty piece', () => buyersFromPieces([{ lo: 0.5, hi: 0.5, weight: 1 }]), 'buyers.pieces[0]: must satisfy 0 ≤ lo < hi ≤ 1 (got lo = 0.5, hi = 0.5)'],
    ['pieces: below 0', () => buyersFromPieces([{ lo: -0.5, hi: 0.5, weight: 1 }]), 'buyers.pieces[0]: must satisfy 0 ≤ lo < hi ≤ 1 (got lo = -0.5, hi = 0.5)'],
    ['pieces: above 1', () => buyersFromPieces([{ lo: 0.5, hi: 1.5, weight: 1 }]), 'buyers.pieces[0]: must satisfy 0 ≤ lo < hi ≤ 1 (got lo = 0.5, hi = 1.5)'],
    ['pieces: overlap', () => buyersFromPieces([{ lo: 0.5, hi: 1, weight: 1 }, { lo: 0, hi: 0.6, weight: 1 }]), 'buyers.pieces[1].lo: pieces must not overlap (got 0.5 < 0.6)'],
    ['sellers: none', () => makeSellers([], []), 'sellers.values: must have at least one atom'],
    ['sellers: a mass per value', () => makeSellers([0, 1], [1]), 'sellers.mass: must have one entry per value (2, got 1)'],
    ['sellers: value above 1', () => makeSellers([0, 1.5], [1, 1]), 'sellers.values[1]: must be in [0, 1] (got 1.5)'],
    ['sellers: value negative', () => makeSellers([-0.25], [1]), 'sellers.values[0]: must be in [0, 1] (got -0.25)'],
    ['sellers: value NaN', () => makeSellers([NaN], [1]), 'sellers.values[0]: must be in [0, 1] (got NaN)'],
    ['sellers: values increasing', () => makeSellers([0, 0.5, 0.5], [1, 1, 1]), 'sellers.values[2]: must be greater than the value before (got 0.5 after 0.5)'],
    ['sellers: mass negative', () => makeSellers([0, 1], [1, -1]), 'sellers.mass[1]: must be a finite number ≥ 0 (got -1)'],
    ['sellers: mass NaN', () => makeSellers([0, 1], [NaN, 1]), 'sellers.mass[0]: must be a finite number ≥ 0 (got NaN)'],
    ['sellers: mass infinite', () => makeSellers([0, 1], [1, Infinity]), 'sellers.mass[1]: must be a finite number ≥ 0 (got Infinity)'],
    ['sellers: no mass', () => makeSellers([0, 1], [0, 0]), 'sellers: total mass must be finite and > 0 (got 0)'],
    ['sellers: infinite total', () => makeSellers([0, 1], [1.7e308, 1.7e308]), 'sellers: total mass must be finite and > 0 (got Infinity)'],
    ['sellers: another field', () => makeSellers([2], [1], 'body.sellers'), 'body.sellers.values[0]: must be in [0, 1] (got 2)'],
    ['atoms: value', () => sellersFromAtoms([[0, 1], [2, 1]]), 'sellers.points[1]: value must be in [0, 1] (got 2)'],
    ['atoms: value negative', () => sellersFromAtoms([[-1, 1]]), 'sellers.points[0]: value must be in [0, 1] (got -1)'],
    ['atoms: value NaN', () => sellersFromAtoms([[NaN, 1]]), 'sellers.points[0]: value must be in [0, 1] (got NaN)'],
    ['atoms: mass', () => sellersFromAtoms([[0, -1]]), 'sellers.points[0]: mass must be a finite number ≥ 0 (got -1)'],
    ['atoms: mass infinite', () => sellersFromAtoms([[0, Infinity]]), 'sellers.points[0]: mass must be a finite number ≥ 0 (got Infinity)'],
    ['atoms: another field', () => sellersFromAtoms([[0, NaN]], 'x'), 'x.points[0]: mass must be a finite number ≥ 0 (got NaN)'],
    ['economy: masses differ', () => makeEconomy(uniformBuyers(2), makeSellers([0, 1], [1, 0.5])), "sellers: total mass must equal the buyers' (B_1(1) = S_1(1); got 1.5 against 2)"],
    ['economy: 12 digits', () => makeEconomy(uniformBuyers(1), makeSellers([0], [2 / 3])), "sellers: total mass must equal the buyers' (B_1(1) = S_1(1); got 0.666666666667 against 1)"],
  ])('%s', (_, f, text) => {
    expect(message(f)).toBe(text);
  });
});

describe('accepted at the edges', () => {
  it('buyers all at 0 (share 1, no piece); zero-weight pieces are ignored, overlapping or not', () => {
    const atom = buyersFromPieces([], 2, 1);
    expect(atom.atom0).toBe(2);
    expect(Array.from(atom.knots)).toEqual([0, 1]);
    expect(Array.from(atom.density)).toEqual([0]);
    const b = buyersFromPieces([{ lo: 0.5, hi: 1, weight: 0 }, { lo: 0, hi: 0.6, weight: 3 }, { lo: 0.2, hi: 0.3, weight: 0 }]);
    expect(Array.from(b.knots)).toEqual([0, 0.6, 1]);
    expect(b.density[0]).toBeCloseTo(1 / 0.6, 15);
    expect(b.density[1]).toBe(0);
  });
  it('sellers at value 1 and of mass 0', () => {
    const s = sellersFromAtoms([[1, 0.5], [0.5, 0], [0, 0.5]]);
    expect(Array.from(s.values)).toEqual([0, 0.5, 1]);
    expect(Array.from(s.mass)).toEqual([0.5, 0, 0.5]);
  });
  it('B_1(1) = S_1(1) to 1e-12 relative, whatever the total', () => {
    // total 4: a difference of 3e-12 is 7.5e-13 of it (accepted); total 0.25: 1e-12 is 4e-12 of it (refused)
    expect(() => makeEconomy(uniformBuyers(4), makeSellers([0, 1], [2, 2 + 3e-12]))).not.toThrow();
    expect(message(() => makeEconomy(uniformBuyers(0.25), makeSellers([0, 1], [0.125, 0.125 + 1e-12])))).toMatch(/^sellers: total mass must equal/);
  });
});

describe('closed forms against integration by parts', () => {
  // total mass 2, so that a mean is told from a first moment
  const s = makeSellers([0, 0.25, 0.5, 0.875], [0.25, 0.5, 0.75, 0.5]);
  /** ∫_0^x S(v) dv exactly: S is a step function with steps at the atoms. */
  const intS = (x: number) => {
    let t = 0;
    s.values.forEach((v, j) => {
      if (v < x) t += s.mass[j] * (x - v);
    });
    return t;
  };
  it('sellers: S(v) counts every atom at or below v; the mean is ∫_0^1 (1 − S(v)/S(1)) dv; the shortfall is ∫_0^β S', () => {
    expect(sellerCdf(s, 0.5)).toBe(1.5);
    expect(sellerCdf(s, 0.49)).toBe(0.75);
    expect(sellerCdf(s, 1)).toBe(2);
    expect(sellerCdf(s, -0.1)).toBe(0);
    expect(sellerMean(s)).toBeCloseTo(1 - intS(1) / sellerTotal(s), 15);
    expect(sellerMean(s)).toBeCloseTo((0.25 * 0.5 + 0.5 * 0.75 + 0.875 * 0.5) / 2, 15);
    for (const beta of [0, 0.1, 0.25, 0.3, 0.5, 0.6, 0.875, 1]) expect(sellerShortfall(s, beta), `β = ${beta}`).toBeCloseTo(intS(beta), 15);
  });

  const b = buyersFromPieces([{ lo: 0, hi: 0.25, weight: 1 }, { lo: 0.5, hi: 1, weight: 3 }], 2, 0.1);
  it('buyers: B(v) is 0 below 0 and B(1) above 1; the atom at 0 counts in E(b − s)⁺ for s < 0', () => {
    expect(buyerCdf(b, -0.25)).toBe(0);
    expect(buyerCdf(b, 0)).toBeCloseTo(0.2, 15);
    expect(buyerCdf(b, 1.5)).toBe(buyerTotal(b));
    // E(b − s)⁺·B(1) for s < 0 is ∫ b dB + (−s)·B(1): every buyer, the atom included, is above s
    for (const x of [-0.5, -0.125]) expect(buyerExcess(b, x)).toBeCloseTo(buyerMoment(b) - x * buyerTotal(b), 14);
    expect(buyerExcess(b, 0)).toBeCloseTo(buyerMoment(b), 15);
    expect(expectedExcess(b, -0.5)).toBeCloseTo((buyerMoment(b) + 0.5 * buyerTotal(b)) / buyerTotal(b), 14);
    expect(expectedExcess(b, 0.3)).toBeCloseTo(buyerExcess(b, 0.3) / 2, 15);
    // an emptied market (as the evolution leaves it): 0, not 0/0
    const empty: Buyers = { atom0: 0, knots: Float64Array.of(0, 1), density: Float64Array.of(0) };
    expect(expectedExcess(empty, 0.3)).toBe(0);
  });
  it('refining ignores points outside (0, 1) and NaN', () => {
    expect(Array.from(refineBuyers(b, [-0.5, 1.5, NaN, 0, 1]).knots)).toEqual(Array.from(b.knots));
    expect(Array.from(mergeKnots([0, 0.5, 1], [2, -1, 0.25, Infinity]))).toEqual([0, 0.25, 0.5, 1]);
  });
});
