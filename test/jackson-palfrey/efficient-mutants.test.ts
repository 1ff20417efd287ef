/**
 * Jackson–Palfrey efficient.ts, the cases mutation testing showed unpinned
 * (mutation/equivalent/jackson-palfrey-efficient.md lists what cannot change a result): the
 * inverses of B and the competitive price set against bisection on B and S themselves (economy.ts's
 * buyerCdf and sellerCdf, not the quantile walk), on economies on 1/8-grids where ties are exact or nearly so.
 */
import { describe, expect, it } from 'vitest';
import { buyerCdf, buyerExcess, buyerTotal, buyersFromPieces, isHomogeneous, makeEconomy, makeSellers, sellerShortfall, uniformBuyers } from '../../src/models/jackson-palfrey/economy.ts';
import { buyerQuantileHi, buyerQuantileLo, competitivePrice, competitivePriceHomogeneous, cStar, LayeredBuyers, period2, solveEq4, theorem1Cutoffs } from '../../src/models/jackson-palfrey/efficient.ts';
import { buyersAt, cutoffRule, evolve, sellersAt } from '../../src/models/jackson-palfrey/evolution.ts';
import type { Buyers, Economy } from '../../src/models/jackson-palfrey/types.ts';
import { randomEconomy, rng } from './helpers.ts';

const randomEconomyH = (r: () => number) => randomEconomy(r, { homogeneous: true, atom0: true });

const makeBuyersGap = () => buyersFromPieces([{ lo: 0, hi: 0.25, weight: 1 }], 1, 0.125);

/** The boundary of a monotone predicate on [0, 1] (false then true) by bisection: inf{p : ok(p)}. */
function firstTrue(ok: (p: number) => boolean): number {
  if (ok(0)) return 0;
  let lo = 0;
  let hi = 1;
  for (let k = 0; k < 80; k++) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) break;
    if (ok(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}
/** sup{p : ok(p)} for a predicate true then false on [0, 1]. */
function lastTrue(ok: (p: number) => boolean): number {
  if (ok(1)) return 1;
  return firstTrue((p) => !ok(p));
}

/** Random economy on 1/8-grids: knots, seller values and the atom's share; integer weights, so masses are often dyadic and tie exactly, and sometimes thirds that do not. */
function dyadic(r: () => number): Economy {
  const cuts = [...new Set([0, 1, ...Array.from({ length: Math.floor(r() * 3) }, () => Math.floor(r() * 8) / 8)])].sort((a, b) => a - b);
  const pieces = cuts.slice(1).map((hi, i) => ({ lo: cuts[i], hi, weight: r() < 0.3 ? 0 : Math.floor(1 + r() * 4) }));
  if (pieces.every((p) => p.weight === 0)) pieces[0].weight = 1;
  const atomShare = r() < 0.4 ? Math.floor(r() * 4) / 8 : 0;
  const buyers = buyersFromPieces(pieces.filter((p) => p.weight > 0), 1, atomShare);
  const values = [...new Set(Array.from({ length: 1 + Math.floor(r() * 3) }, () => Math.floor(r() * 9) / 8))].sort((a, b) => a - b);
  const w = values.map(() => Math.floor(1 + r() * 4));
  const Wv = w.reduce((a, b) => a + b, 0);
  return makeEconomy(buyers, makeSellers(values, w.map((x) => x / Wv)));
}

describe('inverses of B against bisection on buyerCdf', () => {
  const check = (b: Buyers, y: number) => {
    const B1 = buyerTotal(b);
    const lo = y > B1 ? 1 : firstTrue((x) => buyerCdf(b, x) >= y);
    const hi = buyerCdf(b, 0) > y ? -Infinity : lastTrue((x) => buyerCdf(b, x) <= y);
    expect(buyerQuantileLo(b, y), `lo ${y}`).toBeCloseTo(lo, 12);
    if (hi === -Infinity) expect(buyerQuantileHi(b, y)).toBe(-Infinity);
    else expect(buyerQuantileHi(b, y), `hi ${y}`).toBeCloseTo(hi, 12);
  };
  it('an atom, a gap and two densities: every y at and between the breaks', () => {
    // atom 0.25 at 0; mass 0.25 on [0, 0.25], none on [0.25, 0.5], 0.5 on [0.5, 1]
    const b = buyersFromPieces([{ lo: 0, hi: 0.25, weight: 1 }, { lo: 0.5, hi: 1, weight: 2 }], 1, 0.25);
    for (const y of [0, 0.1, 0.25, 0.3, 0.5, 0.6, 0.75, 0.9, 1, 1.1]) check(b, y);
    expect(buyerQuantileHi(b, 0.2)).toBe(-Infinity);
    expect(buyerQuantileHi(b, 0.3)).toBeCloseTo(0.05, 15);
    expect(buyerQuantileLo(b, 0.3)).toBeCloseTo(0.05, 15);
    expect(buyerQuantileHi(b, 0.5)).toBe(0.5);
    expect(buyerQuantileLo(b, 0.5)).toBe(0.25);
  });
  it('random dyadic buyers', () => {
    const r = rng('jp-efficient-mutants-quantiles');
    for (let k = 0; k < 40; k++) {
      const b = dyadic(r).buyers;
      for (let i = 0; i <= 16; i++) check(b, (i / 16) * buyerTotal(b));
      check(b, r() * buyerTotal(b));
    }
  });
});

describe('the competitive price set S(p−) ≤ B(1) − B(p) ≤ S(p) against bisection', () => {
  /** lo = inf{p : demand ≤ S(p)}, hi = sup{p : S(p−) ≤ demand}: each side is monotone in p. */
  const reference = (e: Economy) => {
    const B1 = buyerTotal(e.buyers);
    const D = (p: number) => B1 - buyerCdf(e.buyers, p);
    const S = (p: number, strict: boolean) => {
      let t = 0;
      e.sellers.values.forEach((v, j) => {
        if (strict ? v < p : v <= p) t += e.sellers.mass[j];
      });
      return t;
    };
    return { lo: firstTrue((p) => D(p) <= S(p, false) + 1e-14), hi: lastTrue((p) => S(p, true) <= D(p) + 1e-14) };
  };
  it('printed cases: sellers on a buyer knot, above all buyers, all at 0 or all at 1', () => {
    const cases: [Economy, { lo: number; hi: number }][] = [
      [makeEconomy(uniformBuyers(1), makeSellers([0.5, 1], [0.5, 0.5])), { lo: 0.5, hi: 0.5 }],
      [makeEconomy(uniformBuyers(1), makeSellers([0.25, 0.75], [0.5, 0.5])), { lo: 0.5, hi: 0.5 }],
      [makeEconomy(uniformBuyers(1), makeSellers([1], [1])), { lo: 1, hi: 1 }],
      [makeEconomy(uniformBuyers(1), makeSellers([0], [1])), { lo: 0, hi: 0 }],
      [makeEconomy(buyersFromPieces([{ lo: 0, hi: 0.5, weight: 1 }]), makeSellers([0.75], [1])), { lo: 0.5, hi: 0.75 }],
      [makeEconomy(buyersFromPieces([{ lo: 0.5, hi: 1, weight: 1 }]), makeSellers([0], [1])), { lo: 0, hi: 0.5 }],
      [makeEconomy(buyersFromPieces([{ lo: 0.5, hi: 1, weight: 1 }]), makeSellers([0, 0.25], [0.5, 0.5])), { lo: 0.25, hi: 0.5 }],
    ];
    for (const [e, want] of cases) {
      expect(competitivePrice(e)).toEqual(want);
      const ref = reference(e);
      expect(ref.lo).toBeCloseTo(want.lo, 10);
      expect(ref.hi).toBeCloseTo(want.hi, 10);
    }
  });
  it('random economies on 1/8-grids: both ends within 5e-11 of the bisection', () => {
    const r = rng('jp-efficient-mutants-competitive');
    for (let k = 0; k < 300; k++) {
      const e = dyadic(r);
      const got = competitivePrice(e);
      const ref = reference(e);
      expect(got.lo, `lo, case ${k}`).toBeCloseTo(ref.lo, 10);
      expect(got.hi, `hi, case ${k}`).toBeCloseTo(ref.hi, 10);
      if (isHomogeneous(e.sellers)) expect(competitivePriceHomogeneous(e)).toEqual(got);
    }
  });
  it('a gap in the buyers above their top and seller masses that do not add up exactly: the whole gap clears', () => {
    // buyers: atom 1/8 at 0 and 7/8 on [0, 1/4]; sellers 2/3 at 1/2, 1/3 at 1. Every p in [1/4, 1/2]
    // clears with no trade (no buyer above 1/4, no seller below 1/2). Summing S(p−) down from the total
    // left 1.1e-16 below the first atom, and hi came out as 1/4.
    const e = makeEconomy(makeBuyersGap(), makeSellers([0.5, 1], [2 / 3, 1 / 3]));
    expect(competitivePrice(e)).toEqual({ lo: 0.25, hi: 0.5 });
  });

  it('as printed for homogeneous sellers B_1^{-1}(B_1(1) − S_1(0)), with no seller at 0 too', () => {
    const only1 = makeEconomy(uniformBuyers(1), makeSellers([1], [1]));
    expect(competitivePriceHomogeneous(only1)).toEqual({ lo: 1, hi: 1 });
    const e = makeEconomy(buyersFromPieces([{ lo: 0, hi: 0.25, weight: 1 }, { lo: 0.75, hi: 1, weight: 1 }]), makeSellers([0, 1], [0.5, 0.5]));
    expect(competitivePriceHomogeneous(e)).toEqual({ lo: 0.25, hi: 0.75 });
    expect(competitivePrice(e)).toEqual({ lo: 0.25, hi: 0.75 });
  });
});

describe("LayeredBuyers (Theorem 1's B_t as B_1 times step factors) against the general evolution, eqs. (1)–(2)", () => {
  it('B_t(1), the mass and first moment above x, ∫ max(b, β) dB_t/B_t(1) and S_t(0), period by period', () => {
    const r = rng('jp-efficient-mutants-layered');
    for (let k = 0; k < 30; k++) {
      const e = randomEconomyH(r);
      const T = 2 + Math.floor(r() * 3);
      // cutoffs: some 0 (the atom at 0 trades), some on a buyer knot, some 1 (nobody trades)
      const cuts = Array.from({ length: T - 1 }, () => {
        const u = r();
        return u < 0.15 ? 0 : u < 0.25 ? 1 : u < 0.4 ? e.buyers.knots[Math.floor(r() * e.buyers.knots.length)] : r();
      });
      const path = evolve(e, cutoffRule([...cuts.map((c) => [c, 1]), [0, 1]]));
      let L = new LayeredBuyers(e.buyers);
      let s0 = e.sellers.mass[0];
      for (let t = 1; t <= T; t++) {
        const Bt = buyersAt(path, t);
        const Bt1 = buyerTotal(Bt);
        expect(L.total(), `total t=${t}`).toBeCloseTo(Bt1, 14);
        expect(s0, `S_t(0) t=${t}`).toBeCloseTo(sellersAt(path, t).mass[0], 14);
        for (const x of [0, 0.2, 0.5, 0.8, 1, ...cuts]) {
          const [m, p] = L.above(x);
          const massAbove = x <= 0 ? Bt1 : Bt1 - buyerCdf(Bt, x);
          expect(m, `mass above ${x}, t=${t}`).toBeCloseTo(massAbove, 14);
          expect(p, `moment above ${x}, t=${t}`).toBeCloseTo(buyerExcess(Bt, x) + Math.max(0, x) * (Bt1 - buyerCdf(Bt, x)), 14);
          const want = Bt1 > 0 ? x + buyerExcess(Bt, x) / Bt1 : 0;
          expect(L.expectedMax(x), `E max(b, ${x}), t=${t}`).toBeCloseTo(want, 13);
        }
        if (t < T) ({ buyers: L, s0 } = L.step(s0, cuts[t - 1]));
      }
    }
  });

  it('an emptied market: B_t(1) = 0, expectedMax is 0 and step leaves it as it is', () => {
    const e = makeEconomy(uniformBuyers(1), makeSellers([0, 1], [1, 0]));
    const L = new LayeredBuyers(e.buyers).step(1, 0);
    expect(L.buyers.total()).toBe(0);
    expect(L.s0).toBe(0);
    expect(L.buyers.expectedMax(0.3)).toBe(0);
    const again = L.buyers.step(0, 0.5);
    expect(again.buyers).toBe(L.buyers);
    expect(again.s0).toBe(0);
  });
});

describe("theorem1Cutoffs' report: roots per level on the solution's path, residuals of (3), unique, converged", () => {
  /** |β_t − ∫ max(b, β_{t+1}) dB_{t+1}/B_{t+1}(1)| by the general evolution, eqs. (1)–(2) (not LayeredBuyers). */
  const residualsByEvolution = (e: Economy, beta0: number[]) => {
    const T = beta0.length;
    const path = evolve(e, cutoffRule(beta0.map((b) => [b, 1])));
    return beta0.map((b, t) => {
      if (t === T - 1) return 0;
      const B = buyersAt(path, t + 2);
      const Bt = buyerTotal(B);
      return Math.abs(b - (beta0[t + 1] + buyerExcess(B, beta0[t + 1]) / Bt));
    });
  };

  it("Example 1 (T = 2): one root c* at level 1, [0] at level 2, residual of (3) below 1e-15", () => {
    for (const m of [0.5, 0.9]) {
      const e = makeEconomy(uniformBuyers(1), makeSellers([0, 1], [m, 1 - m]));
      const r = theorem1Cutoffs(e, 2);
      expect(r.roots.length).toBe(2);
      expect(r.roots[0].length).toBe(1);
      expect(r.roots[0][0]).toBeCloseTo(cStar(m), 14);
      expect(r.roots[1]).toEqual([0]);
      expect(r.residuals.length).toBe(2);
      expect(r.residuals[0]).toBeLessThan(1e-15);
      expect(r.residuals[0]).toBeCloseTo(residualsByEvolution(e, r.beta0)[0], 15);
      expect(r.residuals[1]).toBe(0);
      expect(r.unique).toBe(true);
      expect(r.converged).toBe(true);
    }
  });

  it('T = 3 on random homogeneous economies: each level reports the root the path took, residuals as the evolution gives them', () => {
    const r = rng('jp-efficient-mutants-thm1-report');
    for (let k = 0; k < 4; k++) {
      const e = randomEconomyH(r);
      const res = theorem1Cutoffs(e, 3, { scanPoints: 6 });
      expect(res.roots.length).toBe(3);
      for (let t = 0; t < 3; t++) expect(res.roots[t][0]).toBe(res.beta0[t]);
      expect(res.roots[2]).toEqual([0]);
      const ref = residualsByEvolution(e, res.beta0);
      expect(res.residuals.length).toBe(3);
      res.residuals.forEach((x, t) => {
        expect(x).toBeLessThan(1e-13);
        expect(Math.abs(x - ref[t])).toBeLessThan(1e-14);
      });
      expect(res.unique).toBe(res.roots.every((x) => x.length === 1));
    }
  });

  it('roots exactly on scan points: nobody trades (sellers all at 1), so β_1(0) is the buyers’ mean — 1/2, and 0 for buyers all at 0', () => {
    // with no seller at 0, B_2 = B_1 and (3) reads β_1 = E max(b, 0): F(c) = c − mean vanishes at a scan point
    const uni = theorem1Cutoffs(makeEconomy(uniformBuyers(1), makeSellers([0, 1], [0, 1])), 2);
    expect(uni.beta0).toEqual([0.5, 0]);
    expect(uni.roots).toEqual([[0.5], [0]]);
    expect(uni.converged).toBe(true);
    // sellers only at 1 (no atom at 0 at all): the same, not sellers at 0 of that mass
    expect(theorem1Cutoffs(makeEconomy(uniformBuyers(1), makeSellers([1], [1])), 2).beta0).toEqual([0.5, 0]);
    const atZero = theorem1Cutoffs(makeEconomy(buyersFromPieces([], 1, 1), makeSellers([0, 1], [0, 1])), 2);
    expect(atZero.beta0).toEqual([0, 0]);
    expect(atZero.roots).toEqual([[0], [0]]);
    expect(atZero.converged).toBe(true);
    expect(atZero.unique).toBe(true);
  });
});

describe('solveEq4: the smallest root of eq. (4) against bisection on its two sides (sellerShortfall, not the prefix sums)', () => {
  it('random economies and period-1 profiles, δ ∈ {0.5, 0.9, 0.99, 1}, s at the atoms and between them', () => {
    const r = rng('jp-efficient-mutants-eq4');
    let inner = 0;
    for (let k = 0; k < 60; k++) {
      const e = randomEconomy(r, { atom0: k % 2 === 0 });
      const v = e.sellers.values;
      const beta = Float64Array.from(v, (s) => (r() < 0.2 ? 1 : r() < 0.1 ? 0 : s + (1 - s) * r()));
      const p2 = period2(e, beta);
      const S2s = { values: v, mass: p2.sellerMass };
      // δ = 1 too: with every atom below β, h is flat there (slope 1 − δ); the smallest root, not 1, when h is 0 on it
      for (const delta of [0.5, 0.9, 0.99, 1]) {
        for (const s of [...Array.from(v), r(), 0, 1]) {
          const RB = p2.B2 > 0 ? buyerExcess(p2.buyers, s) / p2.B2 : 0;
          const got = solveEq4(v, p2, s, RB, delta);
          let want: number;
          if (!(p2.S2 > 0) || !(p2.B2 > 0)) want = s;
          else {
            // h(β) = β − s − δ[R_B(s) + ∫(β − s′)⁺ dS_2/S_2(1) − K], non-decreasing: β = inf{h ≥ 0} in [0, 1], 1 if none
            const h = (b: number) => b - s - delta * (RB + sellerShortfall(S2s, b) / p2.S2 - p2.K);
            want = h(1) < -1e-13 ? 1 : firstTrue((b) => h(b) >= -1e-13);
            if (want > 0 && want < 1) inner++;
          }
          expect(got, `case ${k}, δ = ${delta}, s = ${s}`).toBeCloseTo(want, 9);
        }
      }
    }
    expect(inner).toBeGreaterThan(100);
  });

  it('an emptied market in period 2 (everyone traded): β = s', () => {
    const e = makeEconomy(uniformBuyers(1), makeSellers([0], [1]));
    const p2 = period2(e, Float64Array.of(0));
    expect(p2.S2).toBe(0);
    expect(solveEq4(e.sellers.values, p2, 0.3, 0, 0.9)).toBe(0.3);
  });
});
