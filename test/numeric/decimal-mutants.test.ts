/**
 * decimal.ts against exact values: the binary expansion of doubles (BigInt for large integers,
 * 2^-k for fractions), n-point Gauss–Legendre exact on every monomial up to degree 2n − 1 and not
 * at 2n (so the rule really has n points), the composite rule exact on |x| with panels meeting at
 * the kink, and exact polynomial antiderivatives.
 */
import { describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import { D, compositeGLDecimal, fromDouble, gaussLegendreDecimal, polyIntegrateDecimal, withPrecision } from '../../src/numeric/decimal.ts';

const P80 = withPrecision(80);

describe('fromDouble', () => {
  it('fractions, negatives, integers beyond 2^53 and non-finite values', () => {
    // 0.1 = 3602879701896397 / 2^55 exactly
    expect(fromDouble(0.1, P80).toString()).toBe('0.1000000000000000055511151231257827021181583404541015625');
    expect(fromDouble(-0.375, P80).toString()).toBe('-0.375');
    expect(fromDouble(2 ** -60, P80).eq(new P80(2).pow(-60))).toBe(true);
    // 1e300 is an integer; its exact digits from BigInt
    const P400 = withPrecision(400);
    expect(fromDouble(1e300, P400).toFixed()).toBe(BigInt(1e300).toString());
    expect(fromDouble(-(2 ** 70) - 2 ** 20, P80).toFixed()).toBe((-(2n ** 70n) - 2n ** 20n).toString());
    expect(fromDouble(0).isZero()).toBe(true);
    expect(fromDouble(Infinity).toString()).toBe('Infinity');
    expect(fromDouble(NaN).isNaN()).toBe(true);
    // the default constructor is 50 digits
    expect(fromDouble(0.1).eq('0.10000000000000000555111512312578270211815834045410')).toBe(true);
    expect(D.precision).toBe(50);
    expect(withPrecision(33).precision).toBe(33);
  });
});

describe('Gauss–Legendre in Decimal', () => {
  const tol = new P80('1e-70');
  it('n points integrate x^k exactly for k ≤ 2n − 1 and miss x^(2n), n = 1…7', () => {
    const a = new P80('-0.5');
    const b = new P80('1.25');
    for (let n = 1; n <= 7; n++) {
      for (let k = 0; k <= 2 * n; k++) {
        const got = gaussLegendreDecimal((x) => x.pow(k), a, b, n);
        const exact = b.pow(k + 1).minus(a.pow(k + 1)).div(k + 1);
        const err = got.minus(exact).abs();
        if (k < 2 * n) expect(err.lte(tol), `n = ${n}, k = ${k}: ${err}`).toBe(true);
        else expect(err.gt(new P80('1e-6')), `n = ${n} should miss x^${k}`).toBe(true);
      }
    }
  });

  it('the composite rule is exact on |x| when the panels meet at the kink, and only then', () => {
    const f = (x: Decimal) => x.abs();
    // [−1, 2] in three panels: edges −1, 0, 1, 2; ∫|x| = 1/2 + 2
    const got = compositeGLDecimal(f, new P80(-1), new P80(2), 3, 2);
    expect(got.minus('2.5').abs().lte(tol)).toBe(true);
    // two panels put the kink inside one: a visible error
    expect(compositeGLDecimal(f, new P80(-1), new P80(2), 2, 2).minus('2.5').abs().gt(new P80('1e-3'))).toBe(true);
    // x³ over four panels of a 2-point rule: exact, and the last panel ends exactly at b
    const cube = compositeGLDecimal((x) => x.pow(3), new P80('0.1'), new P80('0.7'), 4, 2);
    expect(cube.minus(new P80('0.7').pow(4).minus(new P80('0.1').pow(4)).div(4)).abs().lte(tol)).toBe(true);
  });

  it('polyIntegrateDecimal: ∫₁³ (2 − x + 3x²) dx = 26, ∫₀¹ x⁴ = 1/5', () => {
    const c = [new D(2), new D(-1), new D(3)];
    expect(polyIntegrateDecimal(c, new D(1), new D(3)).eq(26)).toBe(true);
    const c4 = [0, 0, 0, 0, 1].map((v) => new P80(v));
    expect(polyIntegrateDecimal(c4, new P80(0), new P80(1)).minus('0.2').abs().lte(tol)).toBe(true);
  });
});

describe('compositeGLDecimal ends its last panel at b itself', () => {
  it('at 5 digits h = 1/9 rounds to 0.11111: the nine panels of ∫₀¹ 1 must sum to 1, not 9·0.11111', () => {
    const P5 = withPrecision(5);
    // each panel's 1-point rule gives its width exactly (half-widths 0.055555 and 0.05556 fit in 5
    // digits): eight panels of 0.11111 and a last one of 1 − 0.88888
    expect(compositeGLDecimal(() => new P5(1), new P5(0), new P5(1), 9, 1).toString()).toBe('1');
  });
});
