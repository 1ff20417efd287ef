/**
 * special.ts at the points where its routes meet (fixtures/numeric/special-mutants.json, made by
 * scripts/reference/special_mutants.py with mpmath at 50 digits): each threshold has a point on
 * either side, each route a point only it reaches, and the bounds are in units of ε = 2^-52, tight
 * enough that a moved threshold or a broken coefficient shows as a miss. The bounds are what the
 * code achieves plus room for a few roundings, and each says what sets it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  betaInc,
  betaIncC,
  erf,
  erfc,
  erfcx,
  gammaFn,
  lbeta,
  lgamma,
  normIsf,
  normPdf,
  normQuantile,
  normSf,
  powInt,
} from '../../src/numeric/special.ts';

interface Ref {
  s: string;
  d: number;
}
interface Fix {
  erfcx: { x: number; v: Ref }[];
  erf: { x: number; v: Ref }[];
  erfc: { x: number; v: Ref }[];
  normSf: { x: number; v: Ref }[];
  normPdf: { x: number; v: Ref }[];
  normQuantileLower: { p: number; v: Ref }[];
  normQuantileUpper: { p: number; v: Ref }[];
  lgamma: { x: number; v: Ref }[];
  gamma: { x: number; v: Ref }[];
  betaInc: { a: number; b: number; x: number; p: Ref; q: Ref }[];
  lbeta: { a: number; b: number; v: Ref }[];
}
const fx = JSON.parse(readFileSync(new URL('../../fixtures/numeric/special-mutants.json', import.meta.url), 'utf8')) as Fix;

const EPS = Number.EPSILON;
/** Relative error in units of ε; below the normal range the subnormal spacing is the unit. */
function ulps(v: number, r: number): number {
  const scale = Math.max(Math.abs(r), 2 ** -1022);
  return Math.abs(v - r) / (scale * EPS);
}
function within(name: string, v: number, r: Ref, bound: number): void {
  expect(ulps(v, r.d), `${name} = ${v} vs ${r.s}`).toBeLessThanOrEqual(bound);
}

describe('error functions at every piece and cut-off', () => {
  it('erfcx: series, four Chebyshev pieces, the continued fraction and the reflection', () => {
    for (const c of fx.erfcx) {
      // x < 0 multiplies by exp(x²), whose argument x·x carries half an ulp: x²·ε/2 relative
      const bound = 3 + (c.x < 0 ? (c.x * c.x) / 2 : 0);
      within(`erfcx(${c.x})`, erfcx(c.x), c.v, bound);
    }
    // 2·exp(x²) overflows from x = −26.63 on (erfcx(−26.62) = 1.13e308 is still a double)
    expect(erfcx(-26.64)).toBe(Infinity);
    expect(erfcx(-Infinity)).toBe(Infinity);
    expect(erfcx(NaN)).toBeNaN();
  });

  it('erf and erfc on both sides of ±0.5, ±6 and 27.3', () => {
    for (const c of fx.erf) within(`erf(${c.x})`, erf(c.x), c.v, 3);
    for (const c of fx.erfc) within(`erfc(${c.x})`, erfc(c.x), c.v, 3);
    expect(erfc(-6.01)).toBe(2);
    expect(erfc(27.31)).toBe(0);
    expect(erfc(NaN)).toBeNaN();
    expect(erf(6.01)).toBe(1);
    expect(erf(-6.01)).toBe(-1);
  });

  it('normSf on both sides of x = ±√2/2, in the centre and the tails; normPdf', () => {
    for (const c of fx.normSf) within(`normSf(${c.x})`, normSf(c.x), c.v, 3);
    for (const c of fx.normPdf) within(`normPdf(${c.x})`, normPdf(c.x), c.v, 3);
    expect(normSf(38.7)).toBe(0);
    expect(normSf(NaN)).toBeNaN();
    expect(normPdf(1e300)).toBe(0);
    // 2^27·x overflows beyond 1.3e300: the split's hi is NaN, the density 0
    expect(normPdf(1e306)).toBe(0);
    expect(normPdf(-Infinity)).toBe(0);
  });
});

describe('normal quantile: central Halley from p = 0.05 on, tail Newton below', () => {
  /**
   * Relative 3ε, plus near p = ½ the absolute error the residual Φ(x) − p carries (half an ulp of
   * ½, divided by φ(0)): 1.4e-16.
   */
  const bound = (r: number) => 3 + 1.4e-16 / (Math.abs(r) * EPS);
  it('p ≤ ½ and its mirror normIsf', () => {
    for (const c of fx.normQuantileLower) {
      const b = bound(c.v.d || 1);
      if (c.v.d === 0) {
        expect(normQuantile(c.p)).toBe(0);
        continue;
      }
      within(`Φ⁻¹(${c.p})`, normQuantile(c.p), c.v, b);
      within(`Q⁻¹(${c.p})`, -normIsf(c.p), c.v, b);
    }
  });
  it('p > ½ through q = 1 − p, and normIsf above ½', () => {
    for (const c of fx.normQuantileUpper) {
      within(`Φ⁻¹(${c.p})`, normQuantile(c.p), c.v, bound(c.v.d));
      within(`Q⁻¹(${c.p})`, -normIsf(c.p), c.v, bound(c.v.d));
    }
  });
  it('edge values', () => {
    for (const p of [-0.1, 1.1, NaN]) {
      expect(normQuantile(p)).toBeNaN();
      expect(normIsf(p)).toBeNaN();
    }
    expect(normIsf(0)).toBe(Infinity);
    expect(normIsf(1)).toBe(-Infinity);
  });
});

describe('gamma at every range boundary', () => {
  it('lgamma: series about 2 (three shifts), recursion up to 10, Stirling', () => {
    for (const c of fx.lgamma) within(`lgamma(${c.x})`, lgamma(c.x), c.v, 3);
    expect(lgamma(Infinity)).toBe(Infinity);
    expect(lgamma(NaN)).toBeNaN();
  });
  it('gammaFn: series about 2, recursion, Stirling with the split power, reflection', () => {
    for (const c of fx.gamma) within(`Γ(${c.x})`, gammaFn(c.x), c.v, 4);
    expect(gammaFn(171.8)).toBe(Infinity);
    // far beyond the overflow x^(x/2) is ∞ and e^(−x) is 0: the guard keeps ∞·0 from giving NaN
    expect(gammaFn(1e10)).toBe(Infinity);
    expect(gammaFn(Infinity)).toBe(Infinity);
    expect(gammaFn(-0)).toBe(-Infinity);
    expect(gammaFn(0)).toBe(Infinity);
    expect(gammaFn(NaN)).toBeNaN();
  });
  it('lbeta on both routes, with the large parameters far apart', () => {
    for (const c of fx.lbeta) within(`lnB(${c.a}, ${c.b})`, lbeta(c.a, c.b), c.v, 4);
  });
});

describe('incomplete beta on every prefactor route', () => {
  /**
   * The exponent a·ln x + b·ln(1 − x) carries a rounding per unit of its size (exp turns an absolute
   * error into a relative one), plus the continued fraction's and the prefactor's ~16 roundings.
   */
  const bound = (a: number, b: number, x: number) => 16 + a * Math.abs(Math.log(x)) + b * Math.abs(Math.log1p(-x));
  it('I and 1 − I against mpmath', () => {
    for (const c of fx.betaInc) {
      const tol = bound(c.a, c.b, c.x);
      within(`I_${c.x}(${c.a}, ${c.b})`, betaInc(c.a, c.b, c.x), c.p, tol);
      within(`1 − I_${c.x}(${c.a}, ${c.b})`, betaIncC(c.a, c.b, c.x), c.q, tol);
    }
  });
  it('invalid parameters', () => {
    for (const [a, b, x] of [
      [NaN, 1, 0.5],
      [1, NaN, 0.5],
      [1, 1, NaN],
      [0, 1, 0.5],
      [1, 0, 0.5],
    ]) {
      expect(betaInc(a, b, x)).toBeNaN();
      expect(betaIncC(a, b, x)).toBeNaN();
    }
    expect(betaIncC(2, 3, 1)).toBe(0);
    expect(betaInc(2, 3, -1)).toBe(0);
    expect(betaInc(2, 3, 2)).toBe(1);
  });
});

describe('powInt', () => {
  it('whole powers of 3 are exact up to 3^33 < 2^53, and agree with the BigInt value beyond', () => {
    let exact = 1n;
    for (let k = 0; k <= 60; k++) {
      const v = powInt(3, k);
      if (k <= 33) expect(v).toBe(Number(exact));
      // at most 2·log2(k) roundings
      else expect(Math.abs(v - Number(exact)) / Number(exact)).toBeLessThanOrEqual(12 * EPS);
      exact *= 3n;
    }
    expect(powInt(-2, 5)).toBe(-32);
    expect(powInt(0.5, 1074)).toBe(Number.MIN_VALUE);
  });
});
