/**
 * The exact certification route for Pycia–Wang (src/models/pycia-wang/exact.ts): T2 exact, T1 and
 * β* as rigorous rational intervals. Pinned against closed forms, the mpmath references, the
 * model's double-precision values within their error estimates, and 1-ulp perturbations.
 */
import { readFileSync } from 'node:fs';
import { fc, test as ptest } from '@fast-check/vitest';
import { Decimal } from 'decimal.js';
import { describe, expect, test } from 'vitest';
import { makeDist } from '../../src/distributions/index.ts';
import type { DistSpec } from '../../src/distributions/types.ts';
import { piecewiseArb, supportArb } from '../../src/generators/distributions.ts';
import { sharesArb } from '../../src/generators/pycia-wang.ts';
import { cutoffGroups, groupShares } from '../../src/models/pycia-wang/cutoff.ts';
import {
  EXACT_ROUTE,
  exactCertificate,
  exactCutoff,
  exactEnclosure,
  exactIntFk,
  exactIntFkRational,
  hasExactPath,
  verifyExactCertificate,
  type ExactCertificate,
} from '../../src/models/pycia-wang/exact.ts';
import { quad } from '../../src/numeric/index.ts';
import { contains, distance, exactRational, Fraction, rational, toNumber, width, type Interval } from '../../src/numeric/rational.ts';

const U01: DistSpec = { kind: 'uniform', lo: 0, hi: 1 };
const point = (q: Fraction): Interval => ({ lo: q, hi: q });
const F = (n: number | bigint, d: number | bigint = 1) => new Fraction(n as bigint, d as bigint);

/** Uniform[lo, hi] closed form for exact u_i* = r_i^{1/(n−1)}: B_i = w[(n−1)/(n(n+1)) − ((n−1)/n)·r_i·u_i] + lo(1/n − r_i). */
function uniformT1(n: number, lo: Fraction, hi: Fraction, rs: Fraction[], us: Fraction[]): Fraction {
  const w = hi.sub(lo);
  return rs.reduce((s, r, i) => s.add(w.mul(F(n - 1, n * (n + 1)).sub(F(n - 1, n).mul(r).mul(us[i])))).add(lo.mul(F(1, n).sub(r))), F(0));
}

describe('which markets have the exact path', () => {
  test('uniform and piecewise-uniform only; other kinds are refused by name', () => {
    expect(hasExactPath(U01)).toBe(true);
    expect(hasExactPath({ kind: 'piecewise-uniform', pieces: [{ lo: 0, hi: 1, weight: 1 }] })).toBe(true);
    expect(hasExactPath({ kind: 'beta', a: 2, b: 3, lo: 0, hi: 1 })).toBe(false);
    expect(hasExactPath({ kind: 'density', expr: '1', lo: 0, hi: 1 })).toBe(false);
    expect(() => exactEnclosure(2, [1, 0], { kind: 'beta', a: 2, b: 3, lo: 0, hi: 1 })).toThrow(/no exact path for beta/);
    expect(() => exactCertificate(2, [1, 0], { kind: 'truncated-normal', mean: 0, sd: 1, lo: 0, hi: 1 })).toThrow(/truncated-normal/);
  });

  test('bad n, share counts, pieces are refused', () => {
    expect(() => exactEnclosure(1, [1], U01)).toThrow(/n must be an integer ≥ 2/);
    expect(() => exactEnclosure(3, [1, 0], U01)).toThrow(/2 entries for n = 3/);
    expect(() => exactEnclosure(2, [1, 0], { kind: 'piecewise-uniform', pieces: [{ lo: 0, hi: 1, weight: 0 }] })).toThrow(/no piece of positive weight/);
  });
});

describe('closed forms', () => {
  test('uniform, n = 3, r = (9/25, 16/25, 0): every u* rational, so T1 = 11/750, T2 = −1/4, β* = 66/353 exactly', () => {
    const e = exactEnclosure(3, ['9/25', '16/25', '0'], U01);
    expect(e.exact).toBe(true);
    expect(e.T1.lo.toFraction()).toBe('11/750');
    expect(e.T1.hi.toFraction()).toBe('11/750');
    expect(e.T2.toFraction()).toBe('-1/4');
    expect(e.betaStar!.lo.toFraction()).toBe('66/353');
    expect(e.betaStar!.hi.toFraction()).toBe('66/353');
    expect(e.uStar.map((u) => u.lo.toFraction())).toEqual(['3/5', '4/5', '0']);
    expect(e.vStar.map((v) => v.hi.toFraction())).toEqual(['3/5', '4/5', '0']);
    expect(e.mean.toFraction()).toBe('1/2');
    expect(e.eMax.toFraction()).toBe('3/4');
  });

  test('the same shares on uniform[2, 5]: T1 = 3·11/750 (Σr = 1, so the shift cancels), T2 = 3·(−1/4)', () => {
    const e = exactEnclosure(3, ['9/25', '16/25', '0'], { kind: 'uniform', lo: 2, hi: 5 });
    expect(e.T1.lo.toFraction()).toBe('11/250');
    expect(e.T2.toFraction()).toBe('-3/4');
    expect(e.brackets.map((b) => b.lo.toFraction())).toEqual(
      uniformT1Each(3, F(2), F(5), [F(9, 25), F(16, 25), F(0)], [F(3, 5), F(4, 5), F(0)]),
    );
  });

  ptest.prop([fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: 0.01, max: 5, noNaN: true })], {
    numRuns: 40,
    seed: 21,
  })('n = 2: u* = r is rational, so T1 is exact for any double shares and support', (r, lo, w) => {
    const hi = lo + w;
    const shares = [r, 1 - r];
    const e = exactEnclosure(2, shares, { kind: 'uniform', lo, hi });
    expect(e.exact).toBe(true);
    const rs = shares.map(exactRational);
    const want = uniformT1(2, exactRational(lo), exactRational(hi), rs, rs);
    expect(e.T1.lo.equals(want) && e.T1.hi.equals(want)).toBe(true);
    // T2 = −w(n−1)/(2(n+1)) for any uniform
    expect(e.T2.equals(exactRational(hi).sub(exactRational(lo)).mul(F(-1, 6)))).toBe(true);
  });

  test('irrational u*: uniform[1, 3], r = (0.5, 0.3, 0.2) exactly — the closed form at 80 digits lies inside a 1e-30-tight enclosure', () => {
    const D80 = Decimal.clone({ precision: 80 });
    const n = 3;
    const rs = ['0.5', '0.3', '0.2'];
    const sum = rs.reduce((s, r) => s.plus(new D80(r).pow(new D80(n).div(n - 1))), new D80(0));
    // w = 2, Σr = 1: T1 = 2[(n−1)/(n+1) − ((n−1)/n)Σ r^{n/(n−1)}]
    const T1 = new D80(n - 1).div(n + 1).minus(new D80(n - 1).div(n).times(sum)).times(2);
    const e = exactEnclosure(n, rs, { kind: 'uniform', lo: 1, hi: 3 });
    expect(e.exact).toBe(false);
    expect(contains(e.T1, T1.toFixed(78))).toBe(true);
    expect(toNumber(width(e.T1))).toBeLessThan(1e-30 * toNumber(e.T1.lo));
    expect(e.T2.toFraction()).toBe('-1/2');
    expect(toNumber(width(e.betaStar!))).toBeLessThan(1e-30 * toNumber(e.betaStar!.lo));
  });

  test('equal shares on uniform(0,1) are irrational for n ≥ 3, and still enclosed within 1e-30', () => {
    for (const n of [3, 7, 40]) {
      const e = exactEnclosure(n, Array(n).fill(`1/${n}`), U01);
      expect(e.exact).toBe(false);
      const D80 = Decimal.clone({ precision: 80 });
      const T1 = new D80(n - 1).div(n + 1).minus(new D80(n - 1).div(n).times(n).times(new D80(1).div(n).pow(new D80(n).div(n - 1))));
      expect(contains(e.T1, T1.toFixed(78))).toBe(true);
      expect(toNumber(width(e.T1))).toBeLessThan(1e-30 * toNumber(e.T1.lo));
    }
  });
});

/** Per-agent brackets of the uniform closed form, as fraction strings. */
function uniformT1Each(n: number, lo: Fraction, hi: Fraction, rs: Fraction[], us: Fraction[]): string[] {
  return rs.map((r, i) => uniformT1(n, lo, hi, [r], [us[i]]).toFraction());
}

// ---------------------------------------------------------------- mpmath references

interface RefValue {
  dec: string;
  dbl: number;
}
interface RefMarket {
  id: string;
  n: number;
  dist: DistSpec;
  sharesDec: string[] | string;
  T1: RefValue;
  T2: RefValue;
  betaStar: RefValue;
  vStar: RefValue[];
  brackets?: RefValue[];
}
const markets: RefMarket[] = JSON.parse(readFileSync(new URL('../../fixtures/pw/markets-reference.json', import.meta.url), 'utf8')).markets;
const figure = JSON.parse(readFileSync(new URL('../../fixtures/pw/figure1-reference.json', import.meta.url), 'utf8')).markets.uniform as {
  dist: DistSpec;
  rows: { n: number; T1: RefValue; T2: RefValue; betaStar: RefValue; vStar: RefValue }[];
};

/** Whether the interval comes within the reference's own rounding (30 significant digits) of its value. */
function agrees(iv: Interval, ref: string): boolean {
  const r = rational(ref);
  if (r.n === 0n) return contains(iv, r);
  const e = Math.floor(Math.log10(Math.abs(Number(ref))));
  const tol = e >= 29 ? F(10n ** BigInt(e - 29)) : F(1n, 10n ** BigInt(29 - e));
  return iv.lo.sub(tol).lte(r) && r.lte(iv.hi.add(tol));
}

describe('the mpmath references (fixtures/pw, 30 digits)', () => {
  const exactMarkets = markets.filter((m) => m.dist.kind === 'uniform' || m.dist.kind === 'piecewise-uniform');
  test('the fixture holds uniform and piecewise-uniform markets to check against', () => {
    expect(markets.filter((m) => hasExactPath(m.dist))).toEqual(exactMarkets);
    expect(exactMarkets.map((m) => m.id)).toEqual(['ms-uniform-n2', 'uniform-1-3-n3', 'piecewise-uniform-n3-vertex', 'uniform-n60-vertex', 'uniform-n200-equal']);
  });

  test.each(exactMarkets.map((m) => [m.id, m] as const))('%s: T1, T2, β*, v*, brackets', (_, m) => {
    const shares = Array.isArray(m.sharesDec) ? m.sharesDec : Array(m.n).fill(`1/${m.n}`);
    const e = exactEnclosure(m.n, shares, m.dist);
    expect(agrees(e.T1, m.T1.dec)).toBe(true);
    expect(agrees(point(e.T2), m.T2.dec)).toBe(true);
    expect(agrees(e.betaStar!, m.betaStar.dec)).toBe(true);
    m.vStar.forEach((v, i) => expect(agrees(e.vStar[i], v.dec)).toBe(true));
    m.brackets?.forEach((b, i) => expect(agrees(e.brackets[i], b.dec)).toBe(true));
    // The 40-digit Decimal view keeps the 30 digits.
    const c = exactCutoff(m.n, m.sharesDec === 'equal: 1/n' ? Array(m.n).fill(1 / m.n) : shares.map(Number), m.dist);
    if (Array.isArray(m.sharesDec) && m.sharesDec.every((s) => Number(s) === Number(s) && exactRational(Number(s)).equals(rational(s)))) {
      // shares that are exact doubles: the double and decimal markets coincide
      expect(agrees(point(rational(c.T1.toFixed())), m.T1.dec)).toBe(true);
      expect(agrees(point(rational(c.betaStar.toFixed())), m.betaStar.dec)).toBe(true);
    }
    expect(agrees(point(rational(c.T2.toFixed())), m.T2.dec)).toBe(true);
  });

  test('Myerson–Satterthwaite (n = 2, r = (1, 0)): T1 = T2 = −1/6 and β* = −1 exactly', () => {
    const e = exactEnclosure(2, [1, 0], U01);
    expect(e.exact).toBe(true);
    expect(e.T1.lo.toFraction()).toBe('-1/6');
    expect(e.T2.toFraction()).toBe('-1/6');
    expect(e.betaStar!.lo.toFraction()).toBe('-1');
  });

  test('Figure 1, uniform(0,1), equal shares 1/n exactly: n = 2, 3, 4, 13, 40, 101, 200', () => {
    for (const n of [2, 3, 4, 13, 40, 101, 200]) {
      const row = figure.rows.find((r) => r.n === n)!;
      const e = exactEnclosure(n, Array(n).fill(`1/${n}`), figure.dist);
      expect(e.exact).toBe(n === 2);
      expect(agrees(e.T1, row.T1.dec)).toBe(true);
      expect(agrees(point(e.T2), row.T2.dec)).toBe(true);
      expect(agrees(e.betaStar!, row.betaStar.dec)).toBe(true);
      expect(agrees(e.vStar[0], row.vStar.dec)).toBe(true);
    }
  });

  test('the check itself can fail: a reference off in its 25th digit is not accepted', () => {
    const m = markets.find((x) => x.id === 'uniform-1-3-n3')!;
    const e = exactEnclosure(m.n, m.sharesDec as string[], m.dist);
    const off = new Decimal(m.T1.dec).times('1.000000000000000000000001').toString();
    expect(agrees(e.T1, off)).toBe(false);
  });
});

// ---------------------------------------------------------------- the model within its error estimates

const exactMarketArb = fc.record({
  dist: fc.oneof(supportArb.chain(piecewiseArb), supportArb.map((s): DistSpec => ({ kind: 'uniform', ...s }))),
  shares: sharesArb(60),
});

describe('the double-precision model against the enclosures', () => {
  ptest.prop([exactMarketArb], { numRuns: 40, seed: 22 })(
    'T1, T2, β* within their error estimates of the truth, estimates converged and small, v* to a few ulps',
    ({ dist, shares }) => {
      const n = shares.length;
      const e = exactEnclosure(n, shares, dist);
      const g = cutoffGroups(makeDist(dist), n, groupShares(shares));
      const lo = dist.kind === 'uniform' ? dist.lo : dist.kind === 'piecewise-uniform' ? dist.pieces[0].lo : NaN;
      const hi = dist.kind === 'uniform' ? dist.hi : dist.kind === 'piecewise-uniform' ? dist.pieces[dist.pieces.length - 1].hi : NaN;
      const w = hi - lo;
      expect(distance(e.T1, g.T1.value)).toBeLessThanOrEqual(g.T1.abserr);
      expect(distance(point(e.T2), g.T2.value)).toBeLessThanOrEqual(g.T2.abserr);
      expect(e.betaStar).not.toBeNull();
      expect(distance(e.betaStar!, g.betaStar)).toBeLessThanOrEqual(g.betaStarErr);
      // The estimates are bounds, not blanket ones: converged, and at most 1e-8 of the scale (measured: 5e-10).
      expect(g.T1.converged && g.T2.converged).toBe(true);
      expect(g.T1.abserr).toBeLessThan(1e-8 * w);
      expect(g.T2.abserr).toBeLessThan(1e-8 * w);
      expect(g.betaStarErr).toBeLessThan(1e-8 * Math.max(1, Math.abs(g.betaStar)));
      const scale = Math.max(Math.abs(lo), Math.abs(hi), w);
      for (const grp of g.groups) {
        const i = shares.indexOf(grp.share);
        // measured: 2.2 ε·scale at most
        expect(distance(e.vStar[i], grp.vStar)).toBeLessThanOrEqual(8 * Number.EPSILON * scale);
      }
    },
  );
});

// ---------------------------------------------------------------- the path is pinned

describe('1-ulp perturbations change the exact answer (the route is pinned to its inputs)', () => {
  const spec: DistSpec = {
    kind: 'piecewise-uniform',
    pieces: [
      { lo: 0, hi: 0.4, weight: 3 },
      { lo: 0.4, hi: 0.7, weight: 1 },
      { lo: 0.9, hi: 1.3, weight: 2.5 },
    ],
  };
  const shares = [0.5, 0.25, 0.125, 0.125];
  const disjoint = (a: Interval, b: Interval) => a.hi.lt(b.lo) || b.hi.lt(a.lo);
  // Computed inside each test, not while collecting: work done at collection makes its mutants "static" for Stryker.
  const base = () => exactEnclosure(4, shares, spec);
  const up = (x: number) => x + Math.abs(x) * Number.EPSILON;
  const withPiece = (k: number, f: (p: { lo: number; hi: number; weight: number }) => object): DistSpec => ({
    kind: 'piecewise-uniform',
    pieces: (spec as Extract<DistSpec, { kind: 'piecewise-uniform' }>).pieces.map((p, j) => (j === k ? { ...p, ...f(p) } : p)),
  });

  test('a piece weight one ulp up: T2 differs, T1 and β* enclosures are disjoint', () => {
    const e = exactEnclosure(4, shares, withPiece(1, (p) => ({ weight: up(p.weight) })));
    expect(e.T2.equals(base().T2)).toBe(false);
    expect(disjoint(e.T1, base().T1)).toBe(true);
    expect(disjoint(e.betaStar!, base().betaStar!)).toBe(true);
  });

  test('a piece end one ulp up, and a share one ulp up, move T1 out of the enclosure too', () => {
    const e = exactEnclosure(4, shares, withPiece(2, (p) => ({ hi: up(p.hi) })));
    expect(e.T2.equals(base().T2)).toBe(false);
    expect(disjoint(e.T1, base().T1)).toBe(true);
    const s = exactEnclosure(4, [up(0.5), 0.25, 0.125, 0.125], spec);
    expect(s.T2.equals(base().T2)).toBe(true);
    expect(disjoint(s.T1, base().T1)).toBe(true);
  });

  test('the enclosures are 1e-30 tight here (what makes a 1-ulp change visible)', () => {
    expect(base().exact).toBe(false);
    expect(toNumber(width(base().T1))).toBeLessThan(1e-30 * Math.abs(toNumber(base().T1.lo)));
    expect(base().bits).toBe(128);
  });

  test('precision can be asked for, and coarser enclosures are wider but still contain the finer', () => {
    const coarse = exactEnclosure(4, shares, spec, { bits: 16, maxBits: 16 });
    expect(coarse.bits).toBe(16);
    expect(coarse.T1.lo.lte(base().T1.lo) && base().T1.hi.lte(coarse.T1.hi)).toBe(true);
    expect(toNumber(width(coarse.T1))).toBeGreaterThan(1e20 * toNumber(width(base().T1)));
    // The target decides how far the precision is raised.
    const fine = exactEnclosure(4, shares, spec, { bits: 16, targetRel: 1e-60 });
    expect(fine.bits).toBeGreaterThan(128);
    expect(toNumber(width(fine.T1))).toBeLessThan(1e-60 * Math.abs(toNumber(fine.T1.lo)));
  });

  test('weight-0 pieces are gaps, as in the distribution (the 40-digit path divided by zero)', () => {
    const gapped: DistSpec = { kind: 'piecewise-uniform', pieces: [...(spec as Extract<DistSpec, { kind: 'piecewise-uniform' }>).pieces, { lo: 1.3, hi: 2, weight: 0 }] };
    const e = exactEnclosure(4, shares, gapped);
    expect(e.T2.equals(base().T2)).toBe(true);
    expect(e.T1.lo.equals(base().T1.lo) && e.T1.hi.equals(base().T1.hi)).toBe(true);
    const c = exactCutoff(4, shares, gapped);
    expect(c.T1.isFinite() && c.T2.isFinite()).toBe(true);
  });
});

describe('u* within 2^−bits of 0 or 1: the enclosure reaches the end of [0, 1]', () => {
  test('a share of 2e-100 (u* ≈ 1.4e-50 < 2^−128) and one of 1 − 1e-50 (u* > 1 − 2^−128) are still enclosed', () => {
    const spec: DistSpec = { kind: 'piecewise-uniform', pieces: [{ lo: -1, hi: 0.5, weight: 2 }, { lo: 0.5, hi: 2, weight: 1 }] };
    const shares = [new Fraction(2n, 10n ** 100n), new Fraction(10n ** 50n - 1n, 10n ** 50n), '0'];
    const coarse = exactEnclosure(3, shares, spec, { bits: 128, maxBits: 128 });
    expect(coarse.uStar[0].lo.toFraction()).toBe('0');
    expect(coarse.uStar[1].hi.toFraction()).toBe('1');
    const fine = exactEnclosure(3, shares, spec, { bits: 512, maxBits: 512 });
    expect(fine.uStar[0].lo.gt(new Fraction(0)) && fine.uStar[1].hi.lt(new Fraction(1))).toBe(true);
    for (let i = 0; i < 3; i++) {
      expect(coarse.brackets[i].lo.lte(fine.brackets[i].lo) && fine.brackets[i].hi.lte(coarse.brackets[i].hi)).toBe(true);
      // and still tight: H moves by at most |Q|·(n−1)·2^−128 across the enclosure
      expect(toNumber(width(coarse.brackets[i]))).toBeLessThan(1e-37);
    }
  });
});

describe('where Q changes sign inside an enclosure', () => {
  // B(u) = K − H(u) with H′ = Q·(n−1)u^{n−2}: B rises while Q < 0 and falls after, so over an
  // enclosure holding Q's sign change B peaks inside, above both ends — the ends alone would not enclose it.
  test('a zero of Q inside [u_lo, u_hi]', () => {
    const spec: DistSpec = { kind: 'uniform', lo: -1.3, hi: 0.9 }; // Q(u) = −1.3 + 2.2u, zero at u = 13/22 ≈ 0.591
    // n = 3, r = 3/8: u* = √(3/8) ≈ 0.612; at 4 bits the enclosure is [9/16, 10/16], holding 13/22.
    const coarse = exactEnclosure(3, ['0', '3/8', '5/8'], spec, { bits: 4, maxBits: 4 });
    expect(coarse.uStar[1].lo.toFraction()).toBe('9/16');
    const at = (r: string) => exactEnclosure(3, ['0', r, '0'], spec).brackets[1].lo; // exact: u* = √r rational
    const peak = at('169/484');
    expect(peak.gt(at('81/256')) && peak.gt(at('100/256'))).toBe(true);
    expect(coarse.brackets[1].hi.gte(peak)).toBe(true);
    const fine = exactEnclosure(3, ['0', '3/8', '5/8'], spec);
    expect(coarse.T1.lo.lte(fine.T1.lo) && fine.T1.hi.lte(coarse.T1.hi)).toBe(true);
  });

  test('a gap across 0 whose join lies inside the enclosure (Q jumps from −1/2 to 1/2 at u = 1/3)', () => {
    const spec: DistSpec = { kind: 'piecewise-uniform', pieces: [{ lo: -1, hi: -0.5, weight: 1 }, { lo: 0.5, hi: 1, weight: 2 }] };
    // n = 3, r = 0.1112: u* ≈ 0.33347; at 6 bits the enclosure is [21/64, 22/64], holding the join 1/3.
    const coarse = exactEnclosure(3, ['0', '0.1112', '0.8888'], spec, { bits: 6, maxBits: 6 });
    expect(coarse.uStar[1].lo.toFraction()).toBe('21/64');
    const at = (r: string) => exactEnclosure(3, ['0', r, '0'], spec).brackets[1].lo;
    const peak = at('1/9');
    expect(peak.gt(at('441/4096')) && peak.gt(at('484/4096'))).toBe(true);
    expect(coarse.brackets[1].hi.gte(peak)).toBe(true);
    const fine = exactEnclosure(3, ['0', '0.1112', '0.8888'], spec);
    expect(coarse.T1.lo.lte(fine.T1.lo) && fine.T1.hi.lte(coarse.T1.hi)).toBe(true);
    const g = cutoffGroups(makeDist(spec), 3, groupShares([0, 0.1112, 0.8888]));
    expect(distance(fine.T1, g.T1.value)).toBeLessThanOrEqual(g.T1.abserr);
  });
});

// ---------------------------------------------------------------- certificates

describe('certificates as data', () => {
  const spec: DistSpec = { kind: 'piecewise-uniform', pieces: [{ lo: 0, hi: 0.5, weight: 1 }, { lo: 0.5, hi: 1, weight: 3 }] };
  const shares = [0.6, 0.3, 0.1];
  const cert = () => exactCertificate(3, shares, spec);

  test('carries the route, fraction strings that contain the enclosure, and re-checks from its JSON alone', () => {
    expect(cert().route).toBe(EXACT_ROUTE);
    expect(cert().route).toBe('exact rationals (fraction.js, BigInt) with interval enclosures of v*');
    const e = exactEnclosure(3, shares, spec);
    expect(new Fraction(cert().T1.lo).lte(e.T1.lo) && e.T1.hi.lte(new Fraction(cert().T1.hi))).toBe(true);
    expect(new Fraction(cert().T2.value).equals(e.T2)).toBe(true);
    expect(cert().T1.lo.length).toBeLessThan(120);
    const saved: ExactCertificate = JSON.parse(JSON.stringify(cert()));
    expect(verifyExactCertificate(3, shares, spec, saved)).toEqual({ ok: true });
    expect(cert().approx.T1).toBeCloseTo(toNumber(e.T1.lo), 14);
    expect(cert().approx.betaStar).toBeCloseTo(toNumber(e.betaStar!.lo), 12);
  });

  test('exact cases stay exact in the certificate', () => {
    const c = exactCertificate(2, [1, 0], U01);
    expect(c.exact).toBe(true);
    expect(c.T1).toEqual({ lo: '-1/6', hi: '-1/6' });
    expect(c.betaStar).toEqual({ lo: '-1', hi: '-1' });
    expect(verifyExactCertificate(2, [1, 0], U01, c)).toEqual({ ok: true });
  });

  test('a tampered certificate is refused, with the reason', () => {
    const bad = (f: (c: ExactCertificate) => void) => {
      const c: ExactCertificate = JSON.parse(JSON.stringify(cert()));
      f(c);
      return verifyExactCertificate(3, shares, spec, c);
    };
    expect(bad((c) => (c.T2.value = '-1/3'))).toMatchObject({ ok: false, reason: expect.stringMatching(/^T2 is/) });
    expect(bad((c) => (c.T1.lo = c.T1.hi))).toMatchObject({ ok: false, reason: expect.stringMatching(/T1 does not contain/) });
    expect(bad((c) => (c.betaStar!.hi = c.betaStar!.lo))).toMatchObject({ ok: false, reason: expect.stringMatching(/β\* does not contain/) });
    expect(bad((c) => (c.betaStar = null))).toMatchObject({ ok: false });
    expect(bad((c) => (c.uStar[0] = c.uStar[1]))).toMatchObject({ ok: false, reason: expect.stringMatching(/agent 1/) });
    expect(bad((c) => (c.uStar[1] = { lo: '0', hi: '0' }))).toMatchObject({ ok: false, reason: expect.stringMatching(/agent 2/) });
    expect(bad((c) => ((c as { route: string }).route = 'quadrature'))).toMatchObject({ ok: false, reason: expect.stringMatching(/route/) });
    expect(bad((c) => (c.n = 4))).toMatchObject({ ok: false });
    expect(bad((c) => (c.T2.value = 'not a number'))).toMatchObject({ ok: false });
    // the same certificate for another market
    expect(verifyExactCertificate(3, [0.5, 0.3, 0.2], spec, cert())).toMatchObject({ ok: false });
  });
});

// ---------------------------------------------------------------- ∫F^k

describe('∫_x^y F^k dp exactly', () => {
  test('uniform(0,1): 1/(k+1); beyond v̄ F = 1 adds the length; below v̲ nothing; reversed limits negate', () => {
    for (const k of [1, 2, 7, 40]) {
      expect(exactIntFkRational(U01, k, 0, 1).equals(F(1, k + 1))).toBe(true);
      expect(exactIntFkRational(U01, k, -2, 3).equals(F(1, k + 1).add(F(2)))).toBe(true);
      expect(exactIntFkRational(U01, k, 1, 0).equals(F(-1, k + 1))).toBe(true);
      expect(exactIntFk(U01, k, 0, 1).toNumber()).toBeCloseTo(1 / (k + 1), 15);
    }
    expect(exactIntFkRational(U01, 0, -1, 2).toFraction()).toBe('3');
    expect(() => exactIntFkRational(U01, -1, 0, 1)).toThrow(/k must be/);
  });

  test('a gap between pieces: F is flat there and counts (the 40-digit path skipped it)', () => {
    // F: 0→1/2 on [0,1], 1/2 on [1,2], 1/2→1 on [2,3]; ∫_0^3 F dp = 1/4 + 1/2 + 3/4
    const spec: DistSpec = { kind: 'piecewise-uniform', pieces: [{ lo: 0, hi: 1, weight: 1 }, { lo: 2, hi: 3, weight: 1 }] };
    expect(exactIntFkRational(spec, 1, 0, 3).toFraction()).toBe('3/2');
    expect(exactIntFk(spec, 1, 0, 3).toNumber()).toBe(1.5);
    // F² : 1/12 + 1/4 + 7/12
    expect(exactIntFkRational(spec, 2, 0, 3).toFraction()).toBe('11/12');
    expect(exactIntFkRational(spec, 2, 0.5, 2.5).equals(F(1, 12).sub(F(1, 96)).add(F(1, 4)).add(F(19, 96)))).toBe(true);
  });

  ptest.prop([fc.record({ dist: supportArb.chain(piecewiseArb), k: fc.integer({ min: 1, max: 30 }), a: fc.double({ min: 0, max: 1, noNaN: true }), b: fc.double({ min: 0, max: 1, noNaN: true }) })], {
    numRuns: 30,
    seed: 23,
  })('piecewise-uniform: agrees with quadrature of the distribution’s own cdf', ({ dist, k, a, b }) => {
    const d = makeDist(dist);
    const x = d.lo + (d.hi - d.lo) * Math.min(a, b);
    const y = d.lo + (d.hi - d.lo) * Math.max(a, b);
    const q = quad((p) => d.cdf(p) ** k, x, y, { epsabs: 1e-15, epsrel: 1e-13, points: d.breakpoints.filter((p) => p > x && p < y) });
    expect(Math.abs(toNumber(exactIntFkRational(dist, k, x, y)) - q.value)).toBeLessThanOrEqual(q.abserr + 1e-13 * (d.hi - d.lo));
  });

  test('(T2-5) corrected, two exact routes: bracket_i = v̄/n − r_i v* − ∫_{v*}^{v̄}F^{n−1} + ((n−1)/n)∫F^n (n = 2, v* rational)', () => {
    const spec: DistSpec = { kind: 'piecewise-uniform', pieces: [{ lo: 0.25, hi: 0.75, weight: 2 }, { lo: 1, hi: 2, weight: 5 }] };
    const shares = [0.2, 0.8];
    const e = exactEnclosure(2, shares, spec);
    expect(e.exact).toBe(true);
    const hi = F(2);
    const all = exactIntFkRational(spec, 2, 0.25, 2);
    shares.forEach((r, i) => {
      const v = e.vStar[i].lo;
      const rhs = hi.div(2).sub(exactRational(r).mul(v)).sub(exactIntFkRational(spec, 1, v, hi)).add(all.div(2));
      expect(e.brackets[i].lo.equals(rhs)).toBe(true);
    });
  });
});
