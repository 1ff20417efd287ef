/** Exact numbers a + b√d (src/numeric/quadratic-field.ts), against identities and printed digits. */
import { fc, test as ptest } from '@fast-check/vitest';
import { describe, expect, test } from 'vitest';
import { GOLDEN_CONJUGATE, QuadraticNumber as Q, SQRT2_MINUS_1 } from '../../src/numeric/quadratic-field.ts';
import { Fraction } from '../../src/numeric/rational.ts';

describe('the paper’s two irrationals', () => {
  test('c = √2 − 1 is the positive root of c² + 2c − 1 = 0 (Example 2)', () => {
    const c = SQRT2_MINUS_1;
    expect(c.mul(c).add(c.mul(2)).sub(1).equals(0)).toBe(true);
    expect(c.sign()).toBe(1);
    // The other root, −1 − √2, is the conjugate of c shifted: −(c + 2) … and is negative.
    const other = c.conjugate();
    expect(other.mul(other).add(other.mul(2)).sub(1).equals(0)).toBe(true);
    expect(other.sign()).toBe(-1);
    // Printed digits of √2 − 1 (0.41421356237309504880…), read as a double.
    expect(c.toNumber()).toBe(Number('0.41421356237309504880168872420969807857'));
  });

  test('(√5 − 1)/2 satisfies φ² + φ − 1 = 0 and 1/φ = φ + 1 (Example 1)', () => {
    const phi = GOLDEN_CONJUGATE;
    expect(phi.mul(phi).add(phi).sub(1).equals(0)).toBe(true);
    expect(phi.inverse().equals(phi.add(1))).toBe(true);
    expect(phi.toNumber()).toBe(Number('0.61803398874989484820458683436563811772'));
    // Decided exactly where decimals would sit on the fence: between two neighbouring 16-digit decimals.
    expect(phi.gt('0.6180339887498948')).toBe(true);
    expect(phi.lt('0.6180339887498949')).toBe(true);
  });

  test('comparisons the decimals cannot make: c² = 3 − 2√2 against 99/70 − √2 … and the Pell convergents of √2', () => {
    const c = SQRT2_MINUS_1;
    expect(c.mul(c).equals(Q.of(3, -2, 2))).toBe(true);
    // p² − 2q² = 1: p/q − √2 = 1/(q(p + q√2)) > 0, about 3.5e-41 here; doubles see 0.
    let p = 3n;
    let q = 2n;
    for (let k = 0; k < 20; k++) [p, q] = [3n * p + 4n * q, 2n * p + 3n * q];
    expect(p * p - 2n * q * q).toBe(1n);
    const gap = Q.of(new Fraction(p, q), -1, 2);
    expect(gap.sign()).toBe(1);
    expect(Number(p) / Number(q) - Math.SQRT2).toBe(0);
    // The same number by the conjugate, which does not cancel: 1/(q·(p + q√2)).
    const byConjugate = 1 / (Number(q) * (Number(p) + Number(q) * Math.SQRT2));
    expect(Math.abs(gap.toNumber() / byConjugate - 1)).toBeLessThan(1e-15);
    expect(gap.inverse().equals(Q.of(new Fraction(p * q), new Fraction(q * q), 2))).toBe(true);
  });
});

describe('arithmetic', () => {
  test('reduction of the radicand: √12 = 2√3, √16 = 4, √(50) − 5√2 = 0', () => {
    expect(Q.sqrt(12).equals(Q.of(0, 2, 3))).toBe(true);
    expect(Q.sqrt(16).equals(4)).toBe(true);
    expect(Q.sqrt(16).isRational()).toBe(true);
    expect(Q.sqrt(50).sub(Q.of(0, 5, 2)).sign()).toBe(0);
    expect(Q.sqrt(12).toString()).toBe('2√3');
    expect(Q.of('1/2', -3, 7).toString()).toBe('1/2 - 3√7');
  });

  test('different fields do not mix; rationals mix with any; bad radicands and zero division throw', () => {
    expect(() => Q.sqrt(2).add(Q.sqrt(3))).toThrow(/different fields/);
    expect(Q.sqrt(2).mul(Q.sqrt(2)).add(Q.sqrt(3)).toNumber()).toBeCloseTo(2 + Math.sqrt(3), 15);
    expect(() => Q.of(0, 1, 0)).toThrow(/positive integer/);
    expect(() => Q.of(0, 1, 2.5)).toThrow(/positive integer/);
    expect(() => Q.rational(0).inverse()).toThrow(/division by zero/);
    expect(() => Q.sqrt(2).pow(0.5)).toThrow(/integer/);
  });

  test('pow: (1 + √2)^k (−1 + √2)^k = 1, and (1 + √2)^{-3} = (√2 − 1)^3', () => {
    const u = Q.of(1, 1, 2);
    for (const k of [0, 1, 5, 12]) expect(u.pow(k).mul(SQRT2_MINUS_1.pow(k)).equals(1)).toBe(true);
    expect(u.pow(-3).equals(SQRT2_MINUS_1.pow(3))).toBe(true);
  });

  const rat = fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: 1, max: 20 })).map(([n, d]) => new Fraction(n, d));
  const elem = fc.tuple(rat, rat).map(([a, b]) => Q.of(a, b, 5));
  ptest.prop([elem, elem, elem], { numRuns: 200, seed: 3 })('field laws, and the sign agrees with an enclosure that excludes zero', (x, y, z) => {
    expect(x.mul(y.add(z)).equals(x.mul(y).add(x.mul(z)))).toBe(true);
    expect(x.sub(y).add(y).equals(x)).toBe(true);
    if (y.sign() !== 0) expect(x.div(y).mul(y).equals(x)).toBe(true);
    // The enclosure is rigorous and contains the double; an enclosure on one side of 0 must agree with sign().
    const iv = x.toInterval(80);
    const v = x.toNumber();
    expect(iv.lo.lte(iv.hi)).toBe(true);
    expect(Math.abs(v - (Number(iv.lo.valueOf()) + Number(iv.hi.valueOf())) / 2)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(v)));
    if (iv.lo.s > 0n && iv.lo.n !== 0n) expect(x.sign()).toBe(1);
    if (iv.hi.s < 0n && iv.hi.n !== 0n) expect(x.sign()).toBe(-1);
    expect(x.compare(y)).toBe(-y.compare(x) as -1 | 0 | 1);
    // Against floating point away from cancellation.
    const f = Number(x.a.valueOf()) + Number(x.b.valueOf()) * Math.sqrt(5);
    if (Math.abs(f) > 1e-9) expect(Math.sign(f)).toBe(x.sign());
  });

  test('the interval encloses √d exactly: lo² ≤ d ≤ hi² in rationals', () => {
    for (const d of [2, 3, 5, 7, 1_000_003]) {
      const iv = Q.sqrt(d).toInterval(100);
      expect(iv.lo.mul(iv.lo).lte(d) && iv.hi.mul(iv.hi).gte(d)).toBe(true);
      expect(iv.hi.sub(iv.lo).equals(new Fraction(1n, 1n << 100n))).toBe(true);
    }
  });
});
