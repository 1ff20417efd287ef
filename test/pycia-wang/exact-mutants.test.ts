/**
 * The exact route (src/models/pycia-wang/exact.ts) where mutation testing found it loose: the
 * precision loop's contract (accepted at the first precision whose intervals meet targetRel, or at
 * maxBits), β* unbounded on a coarse enclosure, Q left-continuous at a gap, pieces in any order,
 * a certificate's every refusal by its reason, and the fixed-point rounding kept far below the
 * u* enclosure's width (checked against the exact brackets at the enclosure's own dyadic ends).
 */
import { describe, expect, test } from 'vitest';
import type { DistSpec } from '../../src/distributions/types.ts';
import {
  describeEnclosure,
  exactCertificate,
  exactCutoff,
  exactEnclosure,
  exactIntFkRational,
  verifyExactCertificate,
  type ExactCertificate,
} from '../../src/models/pycia-wang/exact.ts';
import { Fraction, toNumber, width, type Interval } from '../../src/numeric/rational.ts';

const U01: DistSpec = { kind: 'uniform', lo: 0, hi: 1 };
const F = (n: number | bigint, d: number | bigint = 1) => new Fraction(n as bigint, d as bigint);
/** Whether the interval's width is within rel × its smallest magnitude (targetRel's contract). */
const meets = (iv: Interval, rel: number) => {
  if (iv.lo.equals(iv.hi)) return true;
  if (iv.lo.lte(F(0)) && iv.hi.gte(F(0))) return false;
  const m = iv.lo.abs().lt(iv.hi.abs()) ? iv.lo.abs() : iv.hi.abs();
  return toNumber(width(iv)) <= rel * toNumber(m);
};

describe('the precision loop', () => {
  const spec: DistSpec = { kind: 'piecewise-uniform', pieces: [{ lo: 0, hi: 0.4, weight: 3 }, { lo: 0.9, hi: 1.3, weight: 2.5 }] };
  const shares = [0.5, 0.25, 0.125, 0.125];

  test.each([0.5, 1e-3, 1e-12])('targetRel %s: accepted at the first doubling of bits whose T1 and β* meet it', (rel) => {
    const e = exactEnclosure(4, shares, spec, { bits: 2, targetRel: rel });
    expect(meets(e.T1, rel) && meets(e.betaStar!, rel)).toBe(true);
    expect(e.bits).toBeGreaterThan(2);
    // one doubling less did not meet it (else the loop would have stopped there)
    const before = exactEnclosure(4, shares, spec, { bits: e.bits / 2, maxBits: e.bits / 2 });
    expect(before.bits).toBe(e.bits / 2);
    expect(before.betaStar !== null && meets(before.T1, rel) && meets(before.betaStar, rel)).toBe(false);
  });

  test('maxBits stops the doubling: reached exactly when bits·2 = maxBits, not passed; default 1024', () => {
    expect(exactEnclosure(4, shares, spec, { bits: 16, maxBits: 32, targetRel: 1e-300 }).bits).toBe(32);
    expect(exactEnclosure(4, shares, spec, { bits: 16, maxBits: 63, targetRel: 1e-300 }).bits).toBe(32);
    expect(exactEnclosure(4, shares, spec, { targetRel: 1e-300 }).bits).toBe(1024);
    // the default target, 1e-30, is met at the default 128 bits here and not at 64
    expect(exactEnclosure(4, shares, spec).bits).toBe(128);
    const at64 = exactEnclosure(4, shares, spec, { bits: 64, maxBits: 64 });
    expect(meets(at64.T1, 1e-30) && meets(at64.betaStar!, 1e-30)).toBe(false);
  });
});

describe('β* unbounded on a coarse enclosure', () => {
  // uniform(0,1), n = 3, equal shares: T1 ≈ 0.1151, T2 = −1/4. At 2 bits each u* = (1/3)^{1/2} lies
  // in [2/4, 3/4] and T1's enclosure reaches above 1/4 = −T2: T1 + T2 may vanish.
  const coarse = () => exactEnclosure(3, ['1/3', '1/3', '1/3'], U01, { bits: 2, maxBits: 2 });

  test('the enclosure says so (null), and so do the certificate, the Decimal view and the description', () => {
    const e = coarse();
    expect(e.T1.hi.gt(F(1, 4))).toBe(true);
    expect(e.betaStar).toBeNull();
    const c = exactCertificate(3, ['1/3', '1/3', '1/3'], U01, { bits: 2, maxBits: 2 });
    expect(c.betaStar).toBeNull();
    expect(c.approx.betaStar).toBeNaN();
    expect(c.bits).toBe(2);
    expect(c.exact).toBe(false);
    expect(verifyExactCertificate(3, ['1/3', '1/3', '1/3'], U01, c)).toEqual({ ok: true });
    // a β* given where it is unbounded is refused
    const withBeta: ExactCertificate = { ...c, betaStar: { lo: '0', hi: '1' } };
    expect(verifyExactCertificate(3, ['1/3', '1/3', '1/3'], U01, withBeta)).toEqual({ ok: false, reason: 'β* is unbounded on T1’s enclosure' });
    expect(describeEnclosure(e).betaStar).toBe('unbounded');
  });

  test('β* = −nT1/(T1 + T2) over the interval: its ends are the ends’ images (β* rises with T1 as T2 < 0)', () => {
    const e = exactEnclosure(3, ['1/3', '1/3', '1/3'], U01, { bits: 4, maxBits: 4 });
    const b = (t: Fraction) => t.mul(-3).div(t.add(e.T2));
    expect(e.betaStar!.lo.equals(b(e.T1.lo))).toBe(true);
    expect(e.betaStar!.hi.equals(b(e.T1.hi))).toBe(true);
    expect(e.betaStar!.lo.lt(e.betaStar!.hi)).toBe(true);
  });

  test('exactCutoff: β* NaN where unbounded is not reachable at its 1e-30 target; its midpoints are the enclosure’s', () => {
    const c = exactCutoff(3, [0.5, 0.25, 0.25], U01);
    const e = exactEnclosure(3, [0.5, 0.25, 0.25], U01);
    expect(c.T1.toNumber()).toBe(toNumber(e.T1.lo.add(e.T1.hi).div(2)));
    expect(c.betaStar.toNumber()).toBe(toNumber(e.betaStar!.lo.add(e.betaStar!.hi).div(2)));
    expect(c.vStar.map((v) => v.toNumber())).toEqual(e.vStar.map((v) => toNumber(v.lo.add(v.hi).div(2))));
    expect(c.brackets.map((v) => v.toNumber())).toEqual(e.brackets.map((v) => toNumber(v.lo.add(v.hi).div(2))));
  });
});

describe('the pieces', () => {
  test('in any order: the same answers as sorted', () => {
    const sorted: DistSpec = { kind: 'piecewise-uniform', pieces: [{ lo: 0, hi: 0.4, weight: 3 }, { lo: 0.4, hi: 0.7, weight: 1 }, { lo: 0.9, hi: 1.3, weight: 2.5 }] };
    const shuffled: DistSpec = { kind: 'piecewise-uniform', pieces: [{ lo: 0.9, hi: 1.3, weight: 2.5 }, { lo: 0, hi: 0.4, weight: 3 }, { lo: 0.4, hi: 0.7, weight: 1 }] };
    const a = exactEnclosure(3, ['1/2', '1/4', '1/4'], sorted);
    const b = exactEnclosure(3, ['1/2', '1/4', '1/4'], shuffled);
    expect(b.T1.lo.equals(a.T1.lo) && b.T1.hi.equals(a.T1.hi) && b.T2.equals(a.T2)).toBe(true);
    expect(exactIntFkRational(shuffled, 2, 0, 1.3).equals(exactIntFkRational(sorted, 2, 0, 1.3))).toBe(true);
  });

  test('weights are relative: 3, 1, 2.5 (dyadic exponents 0, 0, 1) give the same answers as 6, 2, 5 (mut10-pw)', () => {
    const pieces = (w: number[]): DistSpec => ({ kind: 'piecewise-uniform', pieces: [{ lo: 0, hi: 0.4, weight: w[0] }, { lo: 0.4, hi: 0.7, weight: w[1] }, { lo: 0.9, hi: 1.3, weight: w[2] }] });
    const a = exactEnclosure(3, ['1/2', '1/4', '1/4'], pieces([3, 1, 2.5]));
    const b = exactEnclosure(3, ['1/2', '1/4', '1/4'], pieces([6, 2, 5]));
    expect(b.T1.lo.equals(a.T1.lo) && b.T1.hi.equals(a.T1.hi) && b.T2.equals(a.T2)).toBe(true);
  });

  test('shares outside [0, 1] are clamped as the model clamps: u* = 0 (v̲) below, u* = 1 (v̄) above (mut10-pw)', () => {
    const e = exactEnclosure(2, ['3/2', '-1/2'], U01);
    expect(e.uStar.map((u) => [u.lo.toFraction(), u.hi.toFraction()])).toEqual([['1', '1'], ['0', '0']]);
    expect(e.vStar.map((v) => [v.lo.toFraction(), v.hi.toFraction()])).toEqual([['1', '1'], ['0', '0']]);
  });

  test('a piece without length is refused by name', () => {
    expect(() => exactEnclosure(2, [1, 0], { kind: 'piecewise-uniform', pieces: [{ lo: 0, hi: 1, weight: 1 }, { lo: 2, hi: 2, weight: 1 }] })).toThrow('piece [2, 2] has no length');
  });

  test('Q is left-continuous at a gap: v* at u* = F’s level across the gap is the gap’s lower end', () => {
    // F = ½ on [1, 2]; n = 2, r = ½: u* = ½, and Q(½) = min{p : F(p) ≥ ½} = 1, not 2.
    const spec: DistSpec = { kind: 'piecewise-uniform', pieces: [{ lo: 0, hi: 1, weight: 1 }, { lo: 2, hi: 3, weight: 1 }] };
    const e = exactEnclosure(2, ['1/2', '1/2'], spec);
    expect(e.exact).toBe(true);
    expect(e.vStar[0].lo.toFraction()).toBe('1');
    expect(e.uStar[0].lo.toFraction()).toBe('1/2');
  });
});

describe('display and ∫F^k at its edges', () => {
  test('describeEnclosure: a point as one number, an interval as [lo, hi], to the digits asked (20 by default)', () => {
    expect(describeEnclosure(exactEnclosure(2, [0.5, 0.5], U01))).toEqual({ T1: '8.3333333333333333333e-2', T2: '-1.6666666666666666666e-1', betaStar: '2e0' });
    const e = exactEnclosure(3, ['1/3', '1/3', '1/3'], U01);
    expect(describeEnclosure(e, 5)).toEqual({ T1: '[1.1509e-1, 1.1509e-1]', T2: '-2.5e-1', betaStar: '[2.5596e0, 2.5596e0]' });
  });

  test('∫_x^x F^k = 0, and k must be a whole number', () => {
    expect(exactIntFkRational(U01, 2, 0.5, 0.5).equals(F(0))).toBe(true);
    expect(exactIntFkRational(U01, 0, 0.5, 0.5).equals(F(0))).toBe(true);
    expect(() => exactIntFkRational(U01, 1.5, 0, 1)).toThrow('k must be an integer ≥ 0, got 1.5');
    // a gap, then beyond v̄: F = ½ on [1, 2] and 1 above 3
    const spec: DistSpec = { kind: 'piecewise-uniform', pieces: [{ lo: 0, hi: 1, weight: 1 }, { lo: 2, hi: 3, weight: 1 }] };
    // ∫_1.5^2 ½ + ∫_2^3 (½ + (p−2)/2) + ∫_3^4 1 = ¼ + ¾ + 1
    expect(exactIntFkRational(spec, 1, 1.5, 4).toFraction()).toBe('2');
    // inside the gap only
    expect(exactIntFkRational(spec, 3, 1.25, 1.75).toFraction()).toBe('1/16');
  });
});

describe('certificates: every refusal by its reason', () => {
  const spec: DistSpec = { kind: 'piecewise-uniform', pieces: [{ lo: 0, hi: 0.5, weight: 1 }, { lo: 0.5, hi: 1, weight: 3 }] };
  const shares = [0.6, 0.3, 0.1, 0];
  const cert = () => JSON.parse(JSON.stringify(exactCertificate(4, shares, spec))) as ExactCertificate;
  const check = (c: ExactCertificate, s: readonly number[] = shares) => verifyExactCertificate(4, s, spec, c);

  test('the honest certificate passes; its fields are the enclosure’s', () => {
    const c = cert();
    expect(check(c)).toEqual({ ok: true });
    const e = exactEnclosure(4, shares, spec);
    expect(c.n).toBe(4);
    expect(c.bits).toBe(e.bits);
    expect(c.exact).toBe(false);
    expect(c.uStar.map((u) => [u.lo, u.hi])).toEqual(e.uStar.map((u) => [u.lo.toFraction(), u.hi.toFraction()]));
    expect(c.T2.value).toBe(e.T2.toFraction());
    expect(c.approx.T2).toBe(toNumber(e.T2));
    expect(c.approx.T1).toBe(toNumber(e.T1.lo.add(e.T1.hi).div(2)));
  });

  const tampers: [string, (c: ExactCertificate) => unknown, string | RegExp][] = [
    ['cert.n', (c: ExactCertificate) => (c.n = 3), 'n does not match the market'],
    ['one uStar too few', (c: ExactCertificate) => c.uStar.pop(), 'n does not match the market'],
    ['a share at 0 given a nonzero u*', (c: ExactCertificate) => (c.uStar[3] = { lo: '0', hi: '1/2' }), 'agent 4: [0, 1/2] does not enclose r^{1/(n−1)}'],
    ['β* missing where bounded', (c: ExactCertificate) => (c.betaStar = null), 'β* is bounded but not given'],
    ['β*’s lower end raised', (c: ExactCertificate) => (c.betaStar!.lo = c.betaStar!.hi), 'β* does not contain −nT1/(T1 + T2) over T1'],
    ['T1’s lower end raised', (c: ExactCertificate) => (c.T1.lo = c.T1.hi), 'T1 does not contain the brackets’ sum'],
    ['T1’s upper end lowered', (c: ExactCertificate) => (c.T1.hi = c.T1.lo), 'T1 does not contain the brackets’ sum'],
    ['T2 changed', (c: ExactCertificate) => (c.T2.value = '-1/3'), /^T2 is -\d+\/\d+, not -1\/3$/],
    ['route', (c: ExactCertificate) => ((c as { route: string }).route = 'quadrature'), "route is 'quadrature'"],
    // Still an enclosure of u*, but not at a dyadic end: the fixed-point evaluation refuses it (mut10-pw).
    ['a non-dyadic u* end', (c: ExactCertificate) => (c.uStar[0].lo = new Fraction(c.uStar[0].lo).sub(F(1n, 3n * 2n ** 300n)).toFraction()), 'HatDyadic: u is not dyadic'],
  ];
  test.each(tampers)('%s', (_, tamper, reason) => {
    const c = cert();
    tamper(c);
    const r = check(c);
    expect(r.ok).toBe(false);
    if (typeof reason === 'string') expect(r).toEqual({ ok: false, reason });
    else expect((r as { reason: string }).reason).toMatch(reason);
  });

  test('the market’s share count must match too', () => {
    expect(verifyExactCertificate(4, [0.6, 0.3, 0.1], spec, cert())).toEqual({ ok: false, reason: 'n does not match the market' });
  });

  test('a share at 1 must be given u* = [1, 1]; a wide T1 with β* null is consistent (β* unbounded there)', () => {
    const s = [1, 0, 0, 0];
    const c = JSON.parse(JSON.stringify(exactCertificate(4, s, spec))) as ExactCertificate;
    expect(c.exact).toBe(true);
    expect(check(c, s)).toEqual({ ok: true });
    expect(check({ ...c, uStar: [{ lo: '1', hi: '2' }, ...c.uStar.slice(1)] }, s)).toEqual({ ok: false, reason: 'agent 1: [1, 2] does not enclose r^{1/(n−1)}' });
    const wide = { ...c, T1: { lo: '-1000', hi: '1000' }, betaStar: null };
    expect(check(wide, s)).toEqual({ ok: true });
  });
});

describe('the fixed-point rounding stays far below the u* enclosure’s width', () => {
  // Over an enclosure [K/2^m, (K+1)/2^m] on which Q > 0, the bracket K − H(u) falls, so its exact
  // range is [bracket(hi), bracket(lo)], both computable exactly (shares (K/2^m)^{n−1} make u* rational).
  // The fixed-point enclosure must contain that range and exceed it by rounding only: ≤ 2^{−2·bits}.
  test.each([
    ['uniform(0,1), n = 3', U01, 3],
    ['uniform[2, 2^20], n = 4', { kind: 'uniform', lo: 2, hi: 2 ** 20 } as DistSpec, 4],
    ['two pieces, n = 5', { kind: 'piecewise-uniform', pieces: [{ lo: 1, hi: 2, weight: 1 }, { lo: 3, hi: 7, weight: 3 }] } as DistSpec, 5],
  ])('%s', (_, spec, n) => {
    const shares = [0.375, ...Array(n - 1).fill(0.625 / (n - 1))];
    for (const bits of [16, 64]) {
      const e = exactEnclosure(n, shares, spec, { bits, maxBits: bits });
      const u = e.uStar[0];
      expect(u.lo.equals(u.hi)).toBe(false);
      const at = (x: Fraction) => exactEnclosure(n, [x.pow(n - 1), ...Array(n - 1).fill(0)], spec).brackets[0];
      const hi = at(u.lo);
      const lo = at(u.hi);
      expect(hi.lo.equals(hi.hi) && lo.lo.equals(lo.hi)).toBe(true);
      const b = e.brackets[0];
      expect(b.lo.lte(lo.lo) && hi.lo.lte(b.hi)).toBe(true);
      const excess = toNumber(width(b).sub(hi.lo.sub(lo.lo)));
      const scale = toNumber(exactEnclosure(n, shares, spec).T2.abs());
      expect(excess).toBeGreaterThanOrEqual(0);
      expect(excess).toBeLessThanOrEqual(2 ** (-2 * bits) * scale);
    }
  });
});
