/**
 * rational.ts where rational.test.ts's properties cannot see a broken branch: the double route of
 * `rational` (a non-dyadic double, against its printed binary expansion), the check of a root
 * enclosure on its boundary cases (an exact enclosure, lo = 0, negative ends, a negative r: each
 * decided by hand from the definition lo^k ≤ r ≤ hi^k with 0 ≤ lo ≤ hi), the error of `ofRatio`,
 * and `midpoint`. Data built inside the tests (Stryker attributes coverage per test).
 */
import { describe, expect, test } from 'vitest';
import { checkRootEnclosure, FixedPoint, Fraction, iroot, midpoint, rational, rootEnclosure, rootGuess, roundDirected } from '../../src/numeric/rational.ts';

const f = (n: number, d = 1) => new Fraction(n, d);

describe('rational of a double is its binary value', () => {
  test('0.1 as a number is 3602879701896397/2^55, not fraction.js’s 1/10', () => {
    expect(rational(0.1).toFraction()).toBe('3602879701896397/36028797018963968');
    expect(rational(-0.375).toFraction()).toBe('-3/8');
  });
});

describe('iroot when its floating-point start falls below the root', () => {
  test('3^10385 (16 460 bits): log2 N is rounded at ulp(16 460) ≈ 4e-12, beyond the start’s 2^−40 margin', () => {
    // exact powers: the root of N^1 is N, of (3^10385)² is 3^10385, and one below a square floors to one less
    const r = 3n ** 10385n;
    expect(rootGuess(r, 1) <= r).toBe(true); // the start is low here: iroot's raising loop must run
    expect(iroot(r, 1)).toBe(r);
    expect(iroot(r * r, 2)).toBe(r);
    expect(iroot(r * r - 1n, 2)).toBe(r - 1n);
  });
});

describe('iroot’s small cases and errors; rootEnclosure when only one of p, q is a perfect power', () => {
  test('⌊√2⌋ = ⌊√3⌋ = 1; bad degrees and negative arguments are refused by name', () => {
    expect(iroot(2n, 2)).toBe(1n);
    expect(iroot(3n, 2)).toBe(1n);
    expect(() => iroot(-1n, 2)).toThrow('iroot: negative argument');
    expect(() => iroot(4n, 0)).toThrow('iroot: bad degree 0');
    expect(() => iroot(4n, 1.5)).toThrow('iroot: bad degree 1.5');
  });

  test('√(1/2): p = 1 is a square, q = 2 is not, so the root is no rational: an enclosure of width 2^−64', () => {
    const e = rootEnclosure(f(1, 2), 2, 64);
    expect(e.exact).toBe(false);
    // lo² < 1/2 < hi² by hand: lo = K/2^64 with K = ⌊2^63.5⌋
    expect(e.lo.mul(e.lo).lt(f(1, 2)) && e.hi.mul(e.hi).gt(f(1, 2))).toBe(true);
  });

  test('roundDirected keeps a negative value on the decimal grid: −5/4 to 3 digits, both ways', () => {
    expect(roundDirected(f(-5, 4), 3, -1).toFraction()).toBe('-5/4');
    expect(roundDirected(f(-5, 4), 3, 1).toFraction()).toBe('-5/4');
  });
});

describe('checkRootEnclosure on its boundary cases', () => {
  test('an exact enclosure [3/5, 3/5] of √(9/25) holds (both inequalities tight)', () => {
    expect(checkRootEnclosure(f(9, 25), 2, { lo: f(3, 5), hi: f(3, 5) })).toBe(true);
    // one ulp of rational off either way breaks one side
    expect(checkRootEnclosure(f(9, 25), 2, { lo: f(3, 5), hi: f(59, 100) })).toBe(false);
    expect(checkRootEnclosure(f(9, 25), 2, { lo: f(61, 100), hi: f(61, 100) })).toBe(false);
  });

  test('lo = 0 is allowed: [0, 1] encloses any root of r ∈ [0, 1]', () => {
    expect(checkRootEnclosure(f(1, 2), 3, { lo: f(0), hi: f(1) })).toBe(true);
    expect(checkRootEnclosure(f(0), 3, { lo: f(0), hi: f(0) })).toBe(true);
  });

  test('negative ends are refused even where the integer comparisons of |lo|, |hi| would pass', () => {
    // lo = −1/2: (1/2)² = 1/4 ≤ 1/2 ≤ 1 = 1², but lo < 0 is outside the contract
    expect(checkRootEnclosure(f(1, 2), 2, { lo: f(-1, 2), hi: f(1) })).toBe(false);
    // reversed [1/2, −1] for r = 1/4: |lo|² = 1/4 = r ≤ 1 = |hi|², refused as lo > hi
    expect(checkRootEnclosure(f(1, 4), 2, { lo: f(1, 2), hi: f(-1) })).toBe(false);
    // r = −1/4 has no square root; [1/2, 1/2] would pass on |r|
    expect(checkRootEnclosure(f(-1, 4), 2, { lo: f(1, 2), hi: f(1, 2) })).toBe(false);
  });
});

describe('FixedPoint.ofRatio and midpoint', () => {
  test('a zero or negative denominator is refused by name, not by a BigInt division error', () => {
    expect(() => new FixedPoint(10).ofRatio(1n, 0n)).toThrow(/denominator must be positive/);
    expect(() => new FixedPoint(10).ofRatio(1n, -3n)).toThrow(/denominator must be positive/);
  });

  test('the midpoint of [1/3, 2/3] is 1/2, of [−1, 1/4] is −3/8', () => {
    expect(midpoint({ lo: f(1, 3), hi: f(2, 3) }).toFraction()).toBe('1/2');
    expect(midpoint({ lo: f(-1), hi: f(1, 4) }).toFraction()).toBe('-3/8');
  });
});
