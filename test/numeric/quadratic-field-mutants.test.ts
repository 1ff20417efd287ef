/**
 * quadratic-field.ts where its identities cannot see a broken branch: a radicand whose square
 * factor is a prime beyond the trial division (100003² = 10000600009: √ of it is 100003, a
 * rational), order at equality, equality across fields, and the printed forms (each decided by
 * hand). Data built inside the tests (Stryker attributes coverage per test).
 */
import { describe, expect, test } from 'vitest';
import { QuadraticNumber as Q } from '../../src/numeric/quadratic-field.ts';

describe('radicands beyond the trial division', () => {
  test('√(100003²) is the rational 100003 (100003 is prime, above the trial bound 10⁵)', () => {
    const r = Q.sqrt(100003n * 100003n);
    expect(r.isRational()).toBe(true);
    expect(r.equals(100003)).toBe(true);
    // 2·100003²: a square factor beyond the trial bound that leaves no whole square stays in d (documented)
    expect(Q.sqrt(2n * 100003n * 100003n).d).toBe(2n * 100003n * 100003n);
    expect(Q.sqrt(12n * 99991n * 99991n).equals(Q.of(0, 2 * 99991, 3))).toBe(true); // 99991 is the largest prime below 10⁵
  });
});

describe('order and equality', () => {
  test('lt and gt are strict; compare is 0 at equality', () => {
    const x = Q.of('1/2', 3, 7);
    expect(x.lt(Q.of('1/2', 3, 7))).toBe(false);
    expect(x.gt(Q.of('1/2', 3, 7))).toBe(false);
    expect(x.compare(Q.of('1/2', 3, 7))).toBe(0);
    expect(Q.rational(2).gt(Q.sqrt(3))).toBe(true); // 4 > 3
    expect(Q.rational(2).lt(Q.sqrt(5))).toBe(true); // 4 < 5
  });

  test('√2 and √3 are not equal (same a and b, different fields)', () => {
    expect(Q.sqrt(2).equals(Q.sqrt(3))).toBe(false);
    expect(Q.of(1, 1, 2).equals(Q.of(1, 2, 2))).toBe(false);
    expect(Q.of(1, 1, 2).equals(Q.of(2, 1, 2))).toBe(false);
  });

  test('dividing across fields throws like the other operations', () => {
    expect(() => Q.sqrt(2).div(Q.sqrt(3))).toThrow(/different fields/);
  });
});

describe('toString', () => {
  test('a coefficient 1 is not printed; signs of b with and without a rational part', () => {
    expect(Q.sqrt(2).toString()).toBe('√2');
    expect(Q.sqrt(2).neg().toString()).toBe('-√2');
    expect(Q.of(0, '-2/3', 5).toString()).toBe('-2/3√5');
    expect(Q.of(1, 1, 2).toString()).toBe('1 + √2');
    expect(Q.of(-1, 1, 2).toString()).toBe('-1 + √2');
    expect(Q.rational('3/4').toString()).toBe('3/4');
  });
});

describe('pow, isRational, d = 1 and the trial division past 2 (mut10-numa: survivors of the first run)', () => {
  test('(√2 − 1)^k against its expansion by hand: k = 3, −2, 1, 0', () => {
    const c = Q.of(-1, 1, 2);
    // (√2 − 1)² = 3 − 2√2, times (√2 − 1) = 5√2 − 7
    expect(c.pow(3).equals(Q.of(-7, 5, 2))).toBe(true);
    // (√2 − 1)⁻¹ = √2 + 1, squared = 3 + 2√2
    expect(c.pow(-2).equals(Q.of(3, 2, 2))).toBe(true);
    expect(c.pow(1).equals(c)).toBe(true);
    expect(c.pow(0).equals(1)).toBe(true);
    // x⁰ = 1 needs no inverse: zero to the power 0 is 1, not a division by zero
    expect(Q.rational(0).pow(0).equals(1)).toBe(true);
  });

  test('isRational is false for √2 and true for √4 = 2', () => {
    expect(Q.sqrt(2).isRational()).toBe(false);
    expect(Q.sqrt(4).isRational()).toBe(true);
  });

  test('d = 1 (the default) is allowed: √1 = 1 folds into a', () => {
    expect(Q.of(2, 3, 1).equals(5)).toBe(true);
    expect(Q.of('1/2').equals(Q.rational('1/2'))).toBe(true);
  });

  test('the trial division steps 2, 3, 5, …: √18 = 3√2 and √45 = 3√5', () => {
    const r = Q.sqrt(18);
    expect(r.d).toBe(2n);
    expect(r.equals(Q.of(0, 3, 2))).toBe(true);
    expect(Q.sqrt(45).equals(Q.of(0, 3, 5))).toBe(true);
  });
});
