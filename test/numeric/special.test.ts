import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { test as ftest, fc } from '@fast-check/vitest';
import {
  betaInc,
  betaIncC,
  betaIncCInv,
  betaIncInv,
  erf,
  erfc,
  erfcx,
  gammaFn,
  lbeta,
  lgamma,
  normCdf,
  normIsf,
  normPdf,
  normQuantile,
  normSf,
} from '../../src/numeric/special.ts';

interface Ref {
  s: string;
  d: number;
}
interface Special {
  erf: { x: number; v: Ref }[];
  erfc: { x: number; v: Ref }[];
  normCdf: { x: number; v: Ref }[];
  normSf: { x: number; v: Ref }[];
  normQuantile: { p: number; v: Ref }[];
  lgamma: { x: number; v: Ref }[];
  gamma: { x: number; v: Ref }[];
  betaInc: { a: number; b: number; x: number; p: Ref; q: Ref }[];
  betaIncInv: { a: number; b: number; p: number; v: Ref }[];
  betaIncCInv: { a: number; b: number; q: number; v: Ref }[];
}
const ref = JSON.parse(readFileSync(new URL('../../fixtures/numeric/reference.json', import.meta.url), 'utf8')) as {
  special: Special;
};
const sp = ref.special;

/** ~1e-15 is the target; 2e-15 leaves room for a ~9-ulp accumulation (series, exp, division). */
const TIGHT = 2e-15;
/** Below the smallest normal double, values carry at most 52 − k bits: compare to the subnormal spacing instead. */
const SUBNORMAL_ABS = 16 * Number.MIN_VALUE;

function close(v: number, r: Ref, rel = TIGHT): boolean {
  if (r.d === 0) return Math.abs(v) <= SUBNORMAL_ABS;
  return Math.abs(v - r.d) <= rel * Math.abs(r.d) + SUBNORMAL_ABS;
}

describe('error function and normal tails vs mpmath', () => {
  for (const [name, fn] of [
    ['erf', erf],
    ['erfc', erfc],
    ['normCdf', normCdf],
    ['normSf', normSf],
  ] as const) {
    it(name, () => {
      for (const c of sp[name]) expect(close(fn(c.x), c.v), `${name}(${c.x}) = ${fn(c.x)} vs ${c.v.s}`).toBe(true);
    });
  }

  it('erfc keeps relative accuracy far in the tail', () => {
    const e26 = sp.erfc.find((c) => c.x === 26) as { v: Ref };
    expect(e26.v.d).toBeLessThan(1e-290);
    // erfc(26) ≈ 5.7e-296: exp(−676) with 676 split exactly, so no 676·eps ≈ 1.5e-13 loss
    expect(Math.abs(erfc(26) - e26.v.d) / e26.v.d).toBeLessThanOrEqual(TIGHT);
  });

  it('erfcx, normPdf and symmetry', () => {
    // erfcx(x) ~ 1/(x√π)(1 − 1/(2x²) + 3/(4x⁴)): at x = 1e4 the next term is 1.9e-16 relative
    const x = 1e4;
    const asym = (1 / (x * Math.sqrt(Math.PI))) * (1 - 1 / (2 * x * x) + 3 / (4 * x ** 4));
    expect(Math.abs(erfcx(x) - asym) / asym).toBeLessThan(TIGHT);
    // 1/√(2π) = 0.398942280401432677939946…
    expect(Math.abs(normPdf(0) - 0.3989422804014327) / 0.3989422804014327).toBeLessThanOrEqual(TIGHT);
    for (const t of [0.1, 0.7, 2, 5]) {
      expect(erf(-t)).toBe(-erf(t));
      // erfc(−t) = 2 − erfc(t) in double: one rounding of a number near 2
      expect(Math.abs(erfc(-t) - (2 - erfc(t)))).toBeLessThanOrEqual(4.5e-16);
    }
    expect(Number.isNaN(erf(NaN)) && Number.isNaN(normCdf(NaN))).toBe(true);
    expect(erfc(40)).toBe(0);
    expect(normCdf(-40)).toBe(0);
  });

  it('normQuantile, in the tails too', () => {
    for (const c of sp.normQuantile) {
      expect(close(normQuantile(c.p), c.v), `Φ⁻¹(${c.p}) = ${normQuantile(c.p)} vs ${c.v.s}`).toBe(true);
    }
    expect(normQuantile(0)).toBe(-Infinity);
    expect(normQuantile(1)).toBe(Infinity);
    expect(normQuantile(1.5)).toBeNaN();
    // upper-tail form: Q⁻¹(1e-300) = −Φ⁻¹(1e-300), exactly by construction
    const lo = sp.normQuantile[0];
    expect(normIsf(lo.p)).toBe(-normQuantile(lo.p));
  });
});

describe('gamma', () => {
  it('lgamma (relative, also next to its zeros at 1 and 2)', () => {
    for (const c of sp.lgamma) expect(close(lgamma(c.x), c.v), `lgamma(${c.x}) = ${lgamma(c.x)} vs ${c.v.s}`).toBe(true);
    expect(lgamma(0)).toBe(Infinity);
    expect(lgamma(-1)).toBeNaN();
  });

  it('gammaFn, with reflection for x < 0', () => {
    for (const c of sp.gamma) expect(close(gammaFn(c.x), c.v), `Γ(${c.x}) = ${gammaFn(c.x)} vs ${c.v.s}`).toBe(true);
    expect(gammaFn(-2)).toBeNaN();
    expect(gammaFn(172)).toBe(Infinity);
    for (let n = 1; n <= 20; n++) {
      let fact = 1;
      for (let k = 2; k < n; k++) fact *= k;
      // (n−1)! is exact in double up to 22!; Γ(n) is off by at most a few ulps
      expect(Math.abs(gammaFn(n) - fact) / fact).toBeLessThanOrEqual(TIGHT);
    }
  });

  it('lbeta agrees with lgamma sums where they are accurate', () => {
    // both routes within ~1e-15 absolute at these sizes (lgamma values ≤ 40)
    for (const [a, b] of [
      [0.5, 0.5],
      [2, 3],
      [12, 15],
      [11, 0.3],
    ]) {
      expect(Math.abs(lbeta(a, b) - (lgamma(a) + lgamma(b) - lgamma(a + b)))).toBeLessThan(2e-14);
    }
  });
});

describe('incomplete beta', () => {
  /**
   * With a parameter ≥ 30 the continued fraction needs ~√max(a,b) steps whose roundings add up,
   * and I_x is ill-conditioned near the mean (x·pdf/I ≈ 15–45 at the points below): 1e-14.
   */
  const tolFor = (a: number, b: number) => (Math.max(a, b) >= 30 ? 1e-14 : 4e-15);

  it('betaInc and betaIncC at hard spots (a = b = ½, a = 50 with b = 3, x near 0 and 1)', () => {
    for (const c of sp.betaInc) {
      const tol = tolFor(c.a, c.b);
      expect(close(betaInc(c.a, c.b, c.x), c.p, tol), `I_${c.x}(${c.a},${c.b}) = ${betaInc(c.a, c.b, c.x)} vs ${c.p.s}`).toBe(true);
      expect(close(betaIncC(c.a, c.b, c.x), c.q, tol), `1−I_${c.x}(${c.a},${c.b}) = ${betaIncC(c.a, c.b, c.x)} vs ${c.q.s}`).toBe(true);
    }
  });

  it('edge values and symmetry', () => {
    expect(betaInc(2, 3, 0)).toBe(0);
    expect(betaInc(2, 3, 1)).toBe(1);
    expect(betaIncC(2, 3, 0)).toBe(1);
    expect(betaInc(-1, 3, 0.5)).toBeNaN();
    // I_x(a,b) = 1 − I_{1−x}(b,a): the two sides of the symmetry switch meet to rounding
    for (const x of [0.1, 0.37, 0.5, 0.8]) expect(Math.abs(betaInc(2.5, 4, x) - betaIncC(4, 2.5, 1 - x))).toBeLessThan(4e-16);
    // I_x(1, 1) = x, I_x(a, 1) = x^a
    expect(betaInc(1, 1, 0.3)).toBeCloseTo(0.3, 15);
    expect(Math.abs(betaInc(7, 1, 0.9) - 0.9 ** 7)).toBeLessThan(4e-16);
  });

  it('betaIncInv and betaIncCInv', () => {
    // Newton stops at 2 eps relative in x; the forward error (≤ 1e-14, above) divided by the
    // slope x·pdf/p (≥ ½ at these points) bounds the rest
    for (const c of sp.betaIncInv) {
      expect(close(betaIncInv(c.a, c.b, c.p), c.v, 2e-14), `I⁻¹(${c.a},${c.b},${c.p}) = ${betaIncInv(c.a, c.b, c.p)} vs ${c.v.s}`).toBe(true);
    }
    for (const c of sp.betaIncCInv) {
      expect(close(betaIncCInv(c.a, c.b, c.q), c.v, 2e-14), `Ic⁻¹(${c.a},${c.b},${c.q}) = ${betaIncCInv(c.a, c.b, c.q)} vs ${c.v.s}`).toBe(true);
    }
    expect(betaIncInv(2, 3, 0)).toBe(0);
    expect(betaIncInv(2, 3, 1)).toBe(1);
    expect(betaIncCInv(2, 3, 0)).toBe(1);
  });

  it('x near 1 through the mirrored problem: 1 − x = I⁻¹(b, a, q) keeps its digits', () => {
    // 1 − I_x(0.5, 0.5) = 1e-20 ⇔ I_{1−x}(0.5, 0.5) = 1e-20: 1 − x = sin²(π·1e-20/2) ≈ 2.467e-40
    const y = betaIncInv(0.5, 0.5, 1e-20);
    const exact = Math.sin((Math.PI * 1e-20) / 2) ** 2;
    expect(Math.abs(y - exact) / exact).toBeLessThan(TIGHT);
    expect(betaIncCInv(0.5, 0.5, 1e-20)).toBe(1); // 1 − 2.5e-40 is 1 in double
  });
});

/** Value-uniform draws on [lo, hi] (fc.double would cluster near 0 and the subnormals). */
const uniform = (lo: number, hi: number) => fc.integer({ min: 0, max: 2 ** 30 }).map((k) => lo + ((hi - lo) * k) / 2 ** 30);

describe('properties', () => {
  ftest.prop([uniform(-37.5, 0)])('normQuantile(normCdf(x)) ≈ x on the left half-line', (x) => {
    // Φ(x) rounds to a relative 1.1e-16; Φ⁻¹ amplifies that by Φ/(|x|φ) ≤ 1.3 (x ≤ 0) and adds its own
    // 2 ulps, and near 0 the error is absolute (p = ½ + O(x)): 4e-16 absolute + 6e-16 relative
    expect(Math.abs(normQuantile(normCdf(x)) - x)).toBeLessThanOrEqual(4e-16 + 6e-16 * Math.abs(x));
  });

  ftest.prop([uniform(0, 37.5)])('normIsf(normSf(x)) ≈ x on the right half-line', (x) => {
    // mirror image of the previous property (q = 1 − Φ keeps its relative precision for x > 0)
    expect(Math.abs(normIsf(normSf(x)) - x)).toBeLessThanOrEqual(4e-16 + 6e-16 * Math.abs(x));
  });

  ftest.prop([uniform(0.2, 60), uniform(0.2, 60), uniform(0.001, 0.999)])(
    'betaIncInv inverts betaInc',
    (a, b, p) => {
      const x = betaIncInv(a, b, p);
      expect(x).toBeGreaterThan(0);
      if (x === 1) {
        // the root is within half an ulp of 1: its mirror 1 − x = I⁻¹(b, a, 1 − p) is below 2^-53
        expect(betaIncInv(b, a, 1 - p)).toBeLessThan(2 ** -53);
        return;
      }
      // residual in p: I's own error — its exponent a·ln x + b·ln(1−x) carries a few ulps of each
      // logarithm, plus the continued fraction's ~16 ulps — and the step to the neighbouring
      // double, pdf·ulp(x)
      const lx = Math.abs(Math.log(x));
      const ly = Math.abs(Math.log1p(-x));
      const own = (16 + 4 * (a * lx + b * ly)) * Number.EPSILON * p;
      const pdf = Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - lbeta(a, b));
      expect(Math.abs(betaInc(a, b, x) - p)).toBeLessThanOrEqual(own + 2 * pdf * Number.EPSILON * x);
    },
  );
});
