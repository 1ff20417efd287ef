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
