/** Exact rationals and rigorous intervals (src/numeric/rational.ts): the ground the exact certification stands on. */
import { fc, test as ptest } from '@fast-check/vitest';
import { describe, expect, test } from 'vitest';
import {
  bitLength,
  checkRootEnclosure,
  contains,
  distance,
  exactRational,
  FixedPoint,
  Fraction,
  iroot,
  rational,
  rootEnclosure,
  rootGuess,
  roundDirected,
  roundOutward,
  sign,
  sub,
  toDecimalString,
  toNumber,
  width,
} from '../../src/numeric/rational.ts';

describe('doubles enter exactly', () => {
  test('0.1 is its binary value, not fraction.js’s Farey approximation 1/10', () => {
    expect(exactRational(0.1).toFraction()).toBe('3602879701896397/36028797018963968');
    // The trap this guards: fraction.js's own Number parse is approximate.
    expect(new Fraction(0.1).toFraction()).toBe('1/10');
    expect(new Fraction(0.123456789123).equals(exactRational(0.123456789123))).toBe(false);
    expect(() => exactRational(NaN)).toThrow(/finite/);
    expect(() => exactRational(Infinity)).toThrow(/finite/);
  });

  ptest.prop([fc.double({ noNaN: true, noDefaultInfinity: true })], { numRuns: 300, seed: 1 })('every finite double round-trips', (x) => {
    const q = exactRational(x);
    expect(Object.is(toNumber(q), x === 0 ? 0 : x) || (x === 0 && toNumber(q) === 0)).toBe(true);
    // the denominator is a power of two
    expect(q.d & (q.d - 1n)).toBe(0n);
  });

  test('strings are exact decimals or fractions; bigints and Fractions pass through', () => {
    expect(rational('0.3').toFraction()).toBe('3/10');
    expect(rational('-1/7').toFraction()).toBe('-1/7');
    expect(rational(12n).toFraction()).toBe('12');
    const f = new Fraction(2, 3);
    expect(rational(f)).toBe(f);
  });
});

describe('integer roots and root enclosures', () => {
  ptest.prop([fc.bigInt({ min: 0n, max: 1n << 3000n }), fc.integer({ min: 1, max: 200 })], { numRuns: 200, seed: 2 })(
    'iroot is the floor of the k-th root',
    (N, k) => {
      const r = iroot(N, k);
      const K = BigInt(k);
      expect(r ** K <= N).toBe(true);
      expect((r + 1n) ** K > N).toBe(true);
    },
  );

  ptest.prop([fc.bigInt({ min: 2n, max: 1n << 3000n }), fc.integer({ min: 1, max: 200 })], { numRuns: 200, seed: 7 })(
    'rootGuess, iroot’s start, is N^{1/k} to within 2^−38 relative (plus 2 below 2^52)',
    (N, k) => {
      const g = rootGuess(N, k);
      const r = iroot(N, k); // the root lies in [r, r + 1)
      const S = 1n << 38n;
      expect(g * S >= r * (S - 1n)).toBe(true);
      expect((g - 2n) * S <= (r + 1n) * (S + 1n)).toBe(true);
    },
  );

  test('iroot on perfect powers, 0, 1 and bad input', () => {
    expect(iroot(3n ** 199n, 199)).toBe(3n);
    expect(iroot(3n ** 199n - 1n, 199)).toBe(2n);
    expect(iroot(0n, 5)).toBe(0n);
    expect(iroot(1n, 5)).toBe(1n);
    expect(iroot(17n, 1)).toBe(17n);
    expect(() => iroot(-1n, 2)).toThrow();
    expect(() => iroot(4n, 0)).toThrow();
  });

  test('a perfect power is returned exactly', () => {
    const e = rootEnclosure(new Fraction(9, 25), 2, 128);
    expect(e.exact).toBe(true);
    expect(e.lo.toFraction()).toBe('3/5');
    expect(e.hi.toFraction()).toBe('3/5');
    expect(rootEnclosure(new Fraction(0), 7, 64)).toMatchObject({ exact: true });
    expect(rootEnclosure(new Fraction(1), 7, 64)).toMatchObject({ exact: true });
    expect(rootEnclosure(new Fraction(1, 3), 1, 64).lo.toFraction()).toBe('1/3');
    expect(() => rootEnclosure(new Fraction(3, 2), 2, 64)).toThrow(/outside/);
  });

  ptest.prop(
    [fc.double({ min: 1e-300, max: 1, noNaN: true, maxExcluded: true }), fc.integer({ min: 2, max: 199 }), fc.constantFrom(64, 128, 256)],
    { numRuns: 100, seed: 3 },
  )('otherwise lo^k < r < hi^k with hi − lo = 2^−bits, and the check accepts it', (x, k, bits) => {
    const r = exactRational(x);
    const e = rootEnclosure(r, k, bits);
    if (e.exact) {
      expect(e.lo.pow(k).equals(r)).toBe(true);
      return;
    }
    // lo^k < r < hi^k in integers (fraction.js's pow reduces 50 000-bit results through a slow gcd)
    const K = BigInt(k);
    expect(e.lo.n ** K * r.d < r.n * e.lo.d ** K && r.n * e.hi.d ** K < e.hi.n ** K * r.d).toBe(true);
    expect(width(e).equals(new Fraction(1n, 1n << BigInt(bits)))).toBe(true);
    expect(checkRootEnclosure(r, k, e)).toBe(true);
    // An enclosure moved off the root by one step fails the check.
    const step = width(e);
    expect(checkRootEnclosure(r, k, { lo: e.lo.add(step), hi: e.hi.add(step) })).toBe(false);
    expect(checkRootEnclosure(r, k, { lo: e.lo.sub(step), hi: e.hi.sub(step) })).toBe(false);
  });

  test('the check refuses reversed or negative intervals', () => {
    const r = new Fraction(1, 2);
    expect(checkRootEnclosure(r, 2, { lo: new Fraction(3, 4), hi: new Fraction(2, 3) })).toBe(false);
    expect(checkRootEnclosure(r, 2, { lo: new Fraction(-1), hi: new Fraction(1) })).toBe(false);
  });
});

describe('fixed-point intervals round outward', () => {
  const fracArb = fc
    .record({ n: fc.bigInt({ min: -(1n << 200n), max: 1n << 200n }), d: fc.bigInt({ min: 1n, max: 1n << 150n }) })
    .map(({ n, d }) => new Fraction(n, d));
  const inside = (fp: FixedPoint, iv: { L: bigint; U: bigint }, q: Fraction) => {
    const x = q.mul(new Fraction(1n << fp.P));
    return new Fraction(iv.L).lte(x) && x.lte(new Fraction(iv.U));
  };

  ptest.prop([fracArb, fracArb, fc.integer({ min: 8, max: 300 })], { numRuns: 200, seed: 4 })('of, add, sub, mul contain the exact results', (a, b, P) => {
    const fp = new FixedPoint(P);
    const A = fp.of(a);
    const B = fp.of(b);
    expect(inside(fp, A, a)).toBe(true);
    expect(A.U - A.L <= 1n).toBe(true);
    expect(inside(fp, fp.ofRatio(a.s * a.n, a.d), a)).toBe(true);
    expect(inside(fp, fp.add(A, B), a.add(b))).toBe(true);
    expect(inside(fp, fp.sub(A, B), a.sub(b))).toBe(true);
    expect(inside(fp, fp.mul(A, B), a.mul(b))).toBe(true);
    const iv = fp.toInterval(fp.mul(A, B));
    expect(contains(iv, a.mul(b))).toBe(true);
  });

  ptest.prop([fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), fc.integer({ min: 1, max: 80 }), fc.integer({ min: 32, max: 400 })], { numRuns: 100, seed: 5 })(
    'dyadicPows contains (K/2^64)^k and (K/2^64)^{k+1}',
    (K, k, P) => {
      const fp = new FixedPoint(P);
      const u = new Fraction(K, 1n << 64n);
      const [X, Y] = fp.dyadicPows(K, 64, k);
      expect(inside(fp, X, u.pow(k))).toBe(true);
      expect(inside(fp, Y, u.pow(k + 1))).toBe(true);
    },
  );

  test('the tightest intervals: a point where q is on the grid, one step wide elsewhere, for either sign', () => {
    const fp = new FixedPoint(8); // grid 1/256
    expect(fp.of(new Fraction(3, 4))).toEqual({ L: 192n, U: 192n });
    expect(fp.of(new Fraction(-3, 4))).toEqual({ L: -192n, U: -192n });
    expect(fp.of(new Fraction(1, 3))).toEqual({ L: 85n, U: 86n }); // 85.33…
    expect(fp.of(new Fraction(-1, 3))).toEqual({ L: -86n, U: -85n });
    expect(fp.ofRatio(3n, 4n)).toEqual({ L: 192n, U: 192n });
    expect(fp.ofRatio(-3n, 4n)).toEqual({ L: -192n, U: -192n });
    expect(fp.ofRatio(-2n, 6n)).toEqual({ L: -86n, U: -85n });
    expect(fp.ofRatio(2n, 6n)).toEqual({ L: 85n, U: 86n });
    // (3/4)^2 = 9/16 and (3/4)^3 = 27/64 lie on the grid: exact; (3/4)^5 = 243/1024 does not
    expect(fp.dyadicPows(3n, 2, 2)).toEqual([{ L: 144n, U: 144n }, { L: 108n, U: 108n }]);
    expect(fp.dyadicPows(3n, 2, 4)).toEqual([{ L: 81n, U: 81n }, { L: 60n, U: 61n }]);
    // products round outward, and the interval of a negative times a positive has its ends swapped
    expect(fp.mul({ L: -2n, U: 3n }, { L: 128n, U: 129n })).toEqual({ L: -2n, U: 2n });
    expect(fp.toInterval({ L: -3n, U: 5n })).toEqual({ lo: new Fraction(-3, 256), hi: new Fraction(5, 256) });
  });

  test('ofRatio needs a positive denominator', () => {
    expect(() => new FixedPoint(10).ofRatio(1n, 0n)).toThrow();
  });
});

describe('conversions and interval helpers', () => {
  test('toNumber does not overflow where Fraction.valueOf does', () => {
    const big = new Fraction((1n << 5000n) + 1n, 1n << 5000n);
    expect(Number.isNaN(big.valueOf())).toBe(true);
    expect(toNumber(big)).toBe(1);
    expect(toNumber(new Fraction(-1, 3))).toBe(-1 / 3);
    expect(toNumber(new Fraction(0))).toBe(0);
    expect(toNumber(new Fraction(1n, 10n ** 400n))).toBe(0);
    expect(toNumber(new Fraction(1n, 10n ** 300n))).toBe(1e-300);
  });

  test('toDecimalString: significant digits, toward zero', () => {
    expect(toDecimalString(new Fraction(2, 3), 5)).toBe('6.6666e-1');
    expect(toDecimalString(new Fraction(-1, 8), 10)).toBe('-1.25e-1');
    expect(toDecimalString(new Fraction(1000), 3)).toBe('1e3');
    expect(toDecimalString(new Fraction(0), 3)).toBe('0');
    // inner zeros stay, trailing ones go
    expect(toDecimalString(new Fraction(201, 200), 5)).toBe('1.005e0');
    expect(toDecimalString(new Fraction(-201, 2), 8)).toBe('-1.005e2');
    expect(toDecimalString(new Fraction(1, 1000), 1)).toBe('1e-3');
  });

  ptest.prop([fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 1, max: 40 })], { numRuns: 200, seed: 6 })(
    'directed rounding brackets the value, exact values stay',
    (x, digits) => {
      const q = exactRational(x);
      const lo = roundDirected(q, digits, -1);
      const hi = roundDirected(q, digits, 1);
      expect(lo.lte(q) && q.lte(hi)).toBe(true);
      if (x !== 0) expect(hi.sub(lo).lte(q.abs().mul(new Fraction(1n, 10n ** BigInt(digits - 1))))).toBe(true);
      expect(roundDirected(new Fraction(5, 4), 3, 1).toFraction()).toBe('5/4');
    },
  );

  test('roundOutward keeps points, widens intervals to short ends', () => {
    const p = { lo: new Fraction(1, 3), hi: new Fraction(1, 3) };
    expect(roundOutward(p, 5)).toBe(p);
    const iv = { lo: new Fraction(1, 3), hi: new Fraction(2, 3) };
    const r = roundOutward(iv, 4);
    expect(r.lo.toFraction()).toBe('3333/10000');
    expect(r.hi.toFraction()).toBe('6667/10000');
  });

  test('sign, sub, contains, distance', () => {
    const iv = (a: number, b: number) => ({ lo: exactRational(a), hi: exactRational(b) });
    expect(sign(iv(1, 2))).toBe(1);
    expect(sign(iv(-2, -1))).toBe(-1);
    expect(sign(iv(-1, 1))).toBe(0);
    expect(sign(iv(0, 1))).toBe(0);
    const d = sub(iv(1, 2), iv(0.5, 0.75));
    expect([toNumber(d.lo), toNumber(d.hi)]).toEqual([0.25, 1.5]);
    expect(contains(iv(1, 2), 2)).toBe(true);
    expect(contains(iv(1, 2), 1)).toBe(true);
    expect(contains(iv(1, 2), 0.5)).toBe(false);
    expect(sign(iv(-1, 0))).toBe(0);
    expect(contains(iv(1, 2), '2.5')).toBe(false);
    expect(distance(iv(1, 2), 1.5)).toBe(0);
    expect(distance(iv(1, 2), 2.5)).toBe(0.5);
    expect(distance(iv(1, 2), 0.25)).toBe(0.75);
  });

  test('bitLength', () => {
    expect(bitLength(0n)).toBe(0);
    expect(bitLength(1n)).toBe(1);
    expect(bitLength(255n)).toBe(8);
    expect(bitLength(256n)).toBe(9);
    expect(bitLength(-(1n << 100n))).toBe(101);
  });
});
