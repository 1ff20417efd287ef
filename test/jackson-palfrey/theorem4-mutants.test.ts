/**
 * Survivors of games/theorem4.ts and games/theorem4-market.ts (issue #11), each killed against a
 * characterisation that does not share the code: interpolation exact at its nodes and clamped
 * outside, inverses in closed form on a non-monotone piece, the sampled points by hand, the median
 * of three by sorting, the period-1 cutoff by the IR equality p̄ᵇ_1(β_1(s)) = p̄ˢ_1(s) it must satisfy.
 */
import { describe, expect, test } from 'vitest';
import {
  plAt, plMaxAtLeast, plMaxAtMost, plMinAtLeast, samplePeriod, samplePoints, theorem4Bounds, theorem4Hat, tradedAt,
} from '../../src/models/jackson-palfrey/games/theorem4.ts';
import { thm4Rule, type Thm4Market } from '../../src/models/jackson-palfrey/games/theorem4-market.ts';
import { insidePeriod, pl } from './helpers.ts';

/** Some element of xs within tol of v. */
const near = (xs: readonly number[], v: number, tol = 1e-12) => xs.some((x) => Math.abs(x - v) <= tol);

describe('theorem4.ts: piecewise-linear helpers', () => {
  test('plAt is exact at the nodes and constant outside [0, 1]', () => {
    // 0.2 + (0.9 − 0.2) and 0.9 + (0.1 − 0.9) are not 0.9 and 0.1 in doubles: a node must be read, not interpolated to
    const f = pl([0, 0.5, 1], [0.2, 0.9, 0.1]);
    expect(plAt(f, 0)).toBe(0.2);
    expect(plAt(f, 0.5)).toBe(0.9);
    expect(plAt(f, 1)).toBe(0.1);
    expect(plAt(f, -1)).toBe(0.2);
    expect(plAt(f, 2)).toBe(0.1);
    expect(plAt(f, 0.75)).toBeCloseTo(0.5, 15);
  });

  test('the max-inverses on a piece that falls: the crossing after the last node, NaN when no node qualifies', () => {
    // up from 0.2 to 0.9 on [0, 1/2], down to 0.1 on [1/2, 1]: f = 0.5 at 3/14 and at 3/4
    const f = pl([0, 0.5, 1], [0.2, 0.9, 0.1]);
    expect(plMaxAtLeast(f, 0.5)).toBeCloseTo(0.75, 15);
    expect(plMaxAtLeast(f, 0.95)).toBeNaN();
    expect(plMaxAtMost(f, 0.5)).toBe(1);
    expect(plMaxAtMost(f, 0.05)).toBeNaN();
    expect(plMinAtLeast(f, 0.5)).toBeCloseTo(3 / 14, 15);
    // falling from the first node: only y[0] reaches c, the crossing lies in the first piece
    const g = pl([0, 1], [1, 0]);
    expect(plMaxAtLeast(g, 0.25)).toBeCloseTo(0.75, 15);
  });

  test('samplePoints: the grid k/M, the extras inside [0, 1], sorted, each once', () => {
    expect(samplePoints(4)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(samplePoints(4, [0.3, -0.1, 1.2, 0, 0.6, 0.3, 1, 0.1])).toEqual([0, 0.1, 0.25, 0.3, 0.5, 0.6, 0.75, 1]);
  });
});

describe('theorem4.ts: A_t, p̂_t and the sampled period', () => {
  test('tradedAt: b ≥ β(s) and β(s) ≤ 1', () => {
    const p = insidePeriod();
    expect(tradedAt(p, 0.2, 0.9)).toBe(true); // β(0.2) = 7/12
    expect(tradedAt(p, 0.2, 0.5)).toBe(false);
    expect(tradedAt(p, 0.9, 1)).toBe(false); // β = +∞: nobody
    expect(tradedAt({ ...p, beta: () => 1.5 }, 0.1, 2)).toBe(false); // a cutoff past 1 is nobody, even for b beyond [0, 1]
  });

  test('p̂ is NaN where s′ or b′ does not exist, even under a price that ignores its arguments', () => {
    const p = { ...insidePeriod(), price: () => 0.5 };
    const hat = theorem4Hat(p, theorem4Bounds(p)!);
    expect(hat(0.4, 0.5)).toBe(0.5);
    expect(hat(0.8, 0.5)).toBeNaN(); // above p̄ˢ(1) = 3/4: no s′
    expect(hat(0.4, -0.1)).toBeNaN(); // below p̄ᵇ(0) = 0: no b′
  });

  test('samplePeriod: sellers k/M with s̄; buyers k/M with b̲ and every cutoff; the domain with P_t ± gap', () => {
    const p = insidePeriod();
    const bd = theorem4Bounds(p)!;
    const sp = samplePeriod(p, bd, 4, 1e-3);
    expect(sp.sellers.length).toBe(6);
    for (const s of [0, 0.25, 0.5, 0.7, 0.75, 1]) expect(near(sp.sellers, s)).toBe(true);
    // cutoffs of the sellers 0, 1/4, 1/2: 5/12, 5/8, 5/6 (7/10 cuts at 1, 3/4 and 1 trade with nobody)
    for (const b of [0, 0.25, 5 / 12, 0.5, 0.625, 0.75, 5 / 6, 1]) expect(near(sp.buyers, b)).toBe(true);
    expect(sp.buyers.every((b, k) => b >= 0 && b <= 1 && (k === 0 || b > sp.buyers[k - 1]))).toBe(true);
    for (const dom of [sp.domain.sellerRes, sp.domain.buyerRes]) {
      for (const v of [0.25, 0.249, 0.251, 0.6, 0.599, 0.601, 0.5]) expect(near(dom, v)).toBe(true);
    }
    // and every sampled reservation price: p̄ˢ(1/4) = 3/8, p̄ᵇ(5/8) = 3/8 too, p̄ᵇ(5/6) = 1/2
    expect(near(sp.domain.sellerRes, 0.375)).toBe(true);
    expect(near(sp.domain.buyerRes, 0.375)).toBe(true);
  });
});

const split = (over: Partial<Thm4Market> = {}): Thm4Market => ({ buyerWeights: [1], sellerWeights: [1], delta: 1, lambda: 0.5, p1: { a: 0, k: 1, mu: 0.25 }, ...over });
const median = (a: number, b: number, c: number) => [a, b, c].sort((u, v) => u - v)[1];

describe('theorem4-market.ts: the fixed point and the rule', () => {
  test('atoms at j/N; iterations stop at maxIter (not converged) or as soon as the residual is within tol', () => {
    const r = thm4Rule(split(), { atoms: 4 });
    expect(Array.from(r.atoms)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(r.converged).toBe(true);
    expect(r.iterations).toBeGreaterThan(3);
    expect(r.iterations).toBeLessThan(400);
    const short = thm4Rule(split(), { atoms: 4, maxIter: 3 });
    expect(short.iterations).toBe(3);
    expect(short.converged).toBe(false);
    expect(short.residual).toBeGreaterThan(1e-6);
    // λ = 0 with these weights reaches the fixed point exactly (residual 0): tol = 0 must accept it
    const exact = thm4Rule(split({ buyerWeights: [5, 1], sellerWeights: [1, 5], lambda: 0 }), { atoms: 4, tol: 0 });
    expect(exact.residual).toBe(0);
    expect(exact.converged).toBe(true);
    expect(exact.iterations).toBeLessThan(400);
  });

  test.each([
    split(),
    split({ buyerWeights: [1, 3], sellerWeights: [2, 1, 1], delta: 0.75, lambda: 1, p1: { a: 0.375, k: 0, mu: 0.5 } }),
  ])('β_1 satisfies IR with equality, p̄ᵇ_1(β_1(s)) = p̄ˢ_1(s), where a buyer can pay p̄ˢ_1(s), and is +∞ elsewhere (%#)', (m) => {
    const r = thm4Rule(m, { atoms: 4 });
    const [p1] = r.periods;
    const top = plAt(p1.buyerRes, 1);
    let traded = 0;
    for (let k = 0; k <= 20; k++) {
      const s = k / 20;
      const q = plAt(p1.sellerRes, s);
      const c = p1.beta(s);
      if (q > top) {
        expect(c).toBe(Infinity);
        continue;
      }
      traded++;
      expect(c).toBeLessThanOrEqual(1);
      expect(plAt(p1.buyerRes, c)).toBeCloseTo(q, 12);
      if (c > 1e-6) expect(plAt(p1.buyerRes, c - 1e-6)).toBeLessThan(q); // the smallest such b
    }
    expect(traded).toBeGreaterThan(5);
    // the fixed point's atoms: β_1 = (p̄ᵇ_1)⁻¹(p̄ˢ_1) there too (1 for an atom no buyer can pay)
    r.atoms.forEach((s, j) => {
      const q = r.periods[0].sellerRes.y[j];
      if (q <= top) expect(plAt(p1.buyerRes, r.beta1[j])).toBeCloseTo(q, 12);
      else expect(r.beta1[j]).toBe(1);
    });
  });

  test('the seller at 1 with p̄ˢ_1(1) = p̄ᵇ_1(1) trades with b = 1 (ties trade)', () => {
    // λ = 1: buyers keep nothing in period 2, so p̄ᵇ_1(1) = 1 = p̄ˢ_1(1)
    const r = thm4Rule(split({ buyerWeights: [1, 3], sellerWeights: [2, 1, 1], delta: 0.75, lambda: 1 }), { atoms: 4 });
    const [p1] = r.periods;
    expect(plAt(p1.sellerRes, 1)).toBe(plAt(p1.buyerRes, 1));
    expect(p1.beta(1)).toBe(1);
  });

  test.each([
    { a: 0, k: 1, mu: 0.25 },
    { a: 0.375, k: 0, mu: 0.5 },
    { a: 0.1, k: 0.5, mu: 0.75 },
  ])('p_1 is the median of p̄ˢ_1, p̄ᵇ_1 and a + k((1 − μ)p̄ˢ_1 + μp̄ᵇ_1) (%o)', (p1) => {
    const r = thm4Rule(split({ p1 }), { atoms: 4 });
    const [per] = r.periods;
    for (const [s, b] of [[0, 1], [0.1, 0.9], [0.3, 0.6], [0.5, 0.5], [0.9, 0.2], [0.6, 0.95]]) {
      const q = plAt(per.sellerRes, s);
      const rr = plAt(per.buyerRes, b);
      const lin = p1.a + p1.k * (q + p1.mu * (rr - q));
      expect(per.price(s, b)).toBeCloseTo(median(q, rr, lin), 14);
    }
    // the split μ = 1/4 at (0, 1): a quarter of the way from p̄ˢ to p̄ᵇ
    if (p1.k === 1) expect(per.price(0, 1)).toBeCloseTo(plAt(per.sellerRes, 0) + 0.25 * (plAt(per.buyerRes, 1) - plAt(per.sellerRes, 0)), 14);
  });

  test('period 2: reservation prices are values, A_2 = {b ≥ s}, p_2 = (1 − λ)s + λb', () => {
    const [, p2] = thm4Rule(split({ lambda: 0.25 }), { atoms: 4 }).periods;
    expect(plAt(p2.sellerRes, 0.3)).toBeCloseTo(0.3, 15);
    expect(plAt(p2.buyerRes, 0.7)).toBeCloseTo(0.7, 15);
    expect(p2.beta(0.4)).toBe(0.4);
    expect(p2.price(0.2, 0.6)).toBeCloseTo(0.3, 15);
    expect(p2.price(0.6, 0.2)).toBeCloseTo(0.5, 15);
  });
});
