import { describe, expect, it } from 'vitest';
import {
  buyerCdf, buyerExcess, buyerMean, buyerTotal, buyersFromPieces, cellOf, isHomogeneous, makeBuyers, makeEconomy,
  makeSellers, refineBuyers, sellerCdf, sellerShortfall, sellersFromAtoms,
} from '../../src/models/jackson-palfrey/economy.ts';

const field = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as { field?: string }).field;
  }
  return undefined;
};

/** ∫_lo^hi g by the trapezoid rule on n cells (exact for piecewise-linear g when the knots are nodes). */
function trapz(g: (x: number) => number, lo: number, hi: number, n: number) {
  const h = (hi - lo) / n;
  let s = (g(lo) + g(hi)) / 2;
  for (let k = 1; k < n; k++) s += g(lo + k * h);
  return s * h;
}

describe('JP economy (Section 3)', () => {
  const buyers = buyersFromPieces([{ lo: 0, hi: 0.25, weight: 1 }, { lo: 0.5, hi: 1, weight: 3 }], 2, 0.1);

  it('builds buyers from pieces with gaps as cells of density 0 and an atom at 0', () => {
    expect(Array.from(buyers.knots)).toEqual([0, 0.25, 0.5, 1]);
    expect(buyers.density[1]).toBe(0);
    expect(buyers.atom0).toBeCloseTo(0.2, 15);
    expect(buyerTotal(buyers)).toBeCloseTo(2, 14);
    expect(buyerCdf(buyers, 0)).toBeCloseTo(0.2, 15);
    expect(buyerCdf(buyers, 0.375)).toBeCloseTo(0.2 + 0.45, 14); // flat across the gap
  });

  it('E(b − s)⁺ by integration by parts: ∫_s^1 (B(1) − B(v)) dv, and the mean as ∫_0^1 (B(1) − B(v)) dv / B(1)', () => {
    const B1 = buyerTotal(buyers);
    for (const s of [0, 0.1, 0.25, 0.3, 0.5, 0.77, 1]) {
      // the knots 0.25, 0.5 lie on the 1/8-grid, so the trapezoid rule is exact up to rounding
      const ref = s < 1 ? trapz((v) => B1 - buyerCdf(buyers, v), s, 1, 8 * 1024) : 0;
      expect(buyerExcess(buyers, s)).toBeCloseTo(ref, 4);
    }
    const ref = trapz((v) => B1 - buyerCdf(buyers, v), 0, 1, 4096) / B1;
    expect(buyerMean(buyers)).toBeCloseTo(ref, 12);
  });

  it('refining adds knots without changing the measure', () => {
    const r = refineBuyers(buyers, [0.1, 0.6, 0.6, 0, 1]);
    expect(r.knots.length).toBe(buyers.knots.length + 2);
    for (const v of [0, 0.05, 0.1, 0.3, 0.6, 0.9, 1]) expect(buyerCdf(r, v)).toBeCloseTo(buyerCdf(buyers, v), 15);
    expect(cellOf(r.knots, 0.1)).toBe(1);
    expect(cellOf(r.knots, 1)).toBe(r.knots.length - 2);
  });

  it('sellers: CDF, shortfall, merging and homogeneity', () => {
    const s = sellersFromAtoms([[0.5, 0.5], [0, 1], [0.5, 0.5]]);
    expect(Array.from(s.values)).toEqual([0, 0.5]);
    expect(sellerCdf(s, 0.49)).toBe(1);
    expect(sellerShortfall(s, 0.75)).toBeCloseTo(0.75 + 0.25, 15);
    expect(isHomogeneous(s)).toBe(false);
    expect(isHomogeneous(makeSellers([0, 0.5, 1], [1, 0, 2]))).toBe(true);
  });

  it('bad input: one error naming the field', () => {
    expect(field(() => makeBuyers({ knots: [0, 0.5], density: [1] }))).toBe('buyers.knots[1]');
    expect(field(() => makeBuyers({ knots: [0, 0.5, 0.5, 1], density: [1, 1, 1] }))).toBe('buyers.knots[2]');
    expect(field(() => makeBuyers({ knots: [0, 1], density: [-1] }))).toBe('buyers.density[0]');
    expect(field(() => makeBuyers({ knots: [0, 1], density: [0] }))).toBe('buyers');
    expect(field(() => makeBuyers({ atom0: NaN, knots: [0, 1], density: [1] }))).toBe('buyers.atom0');
    expect(field(() => makeSellers([0, 0], [1, 1]))).toBe('sellers.values[1]');
    expect(field(() => makeSellers([0, 1.5], [1, 1]))).toBe('sellers.values[1]');
    expect(field(() => makeSellers([0, 1], [1, -1]))).toBe('sellers.mass[1]');
    expect(field(() => buyersFromPieces([{ lo: 0, hi: 0.6, weight: 1 }, { lo: 0.5, hi: 1, weight: 1 }]))).toBe('buyers.pieces[1].lo');
    expect(field(() => makeEconomy(buyers, makeSellers([0, 1], [1, 0.5])))).toBe('sellers');
    expect(() => makeEconomy(buyers, makeSellers([0, 1], [1, 1 + 1e-15]))).not.toThrow();
    expect(field(() => makeEconomy(buyers, makeSellers([0, 1], [1, 1 + 1e-9])))).toBe('sellers');
  });
});
