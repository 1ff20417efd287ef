import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import {
  D,
  compositeGLDecimal,
  fromDouble,
  gaussLegendreDecimal,
  polyIntegrateDecimal,
  withPrecision,
} from '../../src/numeric/decimal.ts';

const ref = JSON.parse(readFileSync(new URL('../../fixtures/numeric/reference.json', import.meta.url), 'utf8')) as {
  decimal: {
    poly: { coeffs: string[]; a: string; b: string; exact: string };
    exp: { a: string; b: string; exact: string };
    sqrt: { a: string; b: string; exact: string };
  };
};

/** 50 significant digits, results O(1): 1e-45 leaves five digits for the rounding of ~100 Decimal operations. */
const DEC_TOL = new D('1e-45');

describe('Decimal Gauss–Legendre', () => {
  it('integrates a quintic exactly with 3 points (degree ≤ 2n − 1)', () => {
    const { coeffs, a, b, exact } = ref.decimal.poly;
    const c = coeffs.map((s) => new D(s));
    const p = (x: Decimal) => {
      let s = new D(0);
      for (let k = c.length - 1; k >= 0; k--) s = s.times(x).plus(c[k]);
      return s;
    };
    const gl = gaussLegendreDecimal(p, new D(a), new D(b), 3);
    const poly = polyIntegrateDecimal(c, new D(a), new D(b));
    expect(gl.minus(exact).abs().lte(DEC_TOL)).toBe(true);
    expect(poly.minus(exact).abs().lte(DEC_TOL)).toBe(true);
  });

  it('integrates exp on [0, 1] to 50 digits with 20 points', () => {
    // GL error for e^x with n = 20 is ~ (1/2)^40·e/40! ≈ 2e-60, below the working precision
    const { a, b, exact } = ref.decimal.exp;
    const v = gaussLegendreDecimal((x) => x.exp(), new D(a), new D(b), 20);
    expect(v.minus(exact).abs().lte(DEC_TOL)).toBe(true);
  });

  it('composite rule at 80 digits on √(1 + x²), odd n included', () => {
    const D80 = withPrecision(80);
    expect(D80.precision).toBe(80);
    const { a, b, exact } = ref.decimal.sqrt;
    const v = compositeGLDecimal((x) => x.times(x).plus(1).sqrt(), new D80(a), new D80(b), 4, 31);
    // the reference has 50 digits; branch points at ±i are far from the panels, so the rule itself is good to ≪ 1e-50
    expect(v.minus(exact).abs().lte(DEC_TOL)).toBe(true);
  });
});

describe('fromDouble', () => {
  it('gives the binary value of a double, not its shortest decimal string', () => {
    // 0.1 = 0.1000000000000000055511151231257827021181583404541015625 exactly
    expect(fromDouble(0.1).toString()).toBe('0.1000000000000000055511151231257827021181583404541');
    expect(fromDouble(-3).toNumber()).toBe(-3);
    expect(fromDouble(2 ** -60).toNumber()).toBe(2 ** -60);
    expect(fromDouble(0).isZero()).toBe(true);
  });
});
