/**
 * T_1, T_2 and β* for uniform and piecewise-uniform F in exact rational arithmetic (fraction.js,
 * BigInt), as a certification route independent of the model's quadrature.
 *
 * The inputs are doubles, hence rationals (taken at their exact binary values, never through
 * fraction.js's Farey approximation of a double). F is linear on each piece, so in quantile space
 * u = F(p) the quantile is Q(u) = A + B·u on the piece's [F0, F1] and every integral is a
 * polynomial integral in u:
 *   T_2 = ∫_0^1 Q(u)(1 − n u^{n−1}) du                      (= mean − E[max], Lemma 2)   — exact;
 *   bracket_i = K − H(u_i*),  K = ∫_0^1 (1 − u) Q dG,  H(u) = ∫_0^u Q dG,  G = u^{n−1};
 *   T_1 = Σ_i bracket_i,  β* = −n T_1/(T_1 + T_2).
 * u_i* = r_i^{1/(n−1)} is irrational in general: it is enclosed in [K/2^m, (K+1)/2^m] (checked
 * exactly: lo^{n−1} < r_i < hi^{n−1}), and since H′(u) = Q(u)(n−1)u^{n−2} changes sign only where Q
 * does, each bracket is enclosed by H's values at the enclosure's ends and at any sign change of Q
 * inside it. So T_1 and β* come as rational intervals that contain the true values with certainty;
 * where every u_i* is rational (n = 2, r_i ∈ {0, 1}, r_i a perfect (n−1)-th power) they are exact.
 */
import { Decimal } from 'decimal.js';
import type { DistSpec } from '../../distributions/types.ts';
import {
  bitLength,
  checkRootEnclosure,
  Fraction,
  FixedPoint,
  type Fixed,
  midpoint,
  rational,
  rootEnclosure,
  roundOutward,
  toDecimalString,
  toNumber,
  width,
  type Interval,
  type RationalLike,
} from '../../numeric/rational.ts';

/** The name of this certification route, as recorded in `certifiedBy`. */
export const EXACT_ROUTE = 'exact rationals (fraction.js, BigInt) with interval enclosures of v*' as const;

const ZERO = new Fraction(0);
const ONE = new Fraction(1);

/** Whether the exact path applies: F piecewise linear with rational (double) parameters. */
export function hasExactPath(spec: DistSpec): boolean {
  return spec.kind === 'uniform' || spec.kind === 'piecewise-uniform';
}

/** A piece of F in quantile space: on u ∈ [F0, F1], Q(u) = A + B·u; in p, [a, b]. */
interface Piece {
  a: Fraction;
  b: Fraction;
  F0: Fraction;
  F1: Fraction;
  A: Fraction;
  B: Fraction;
}

/** x = m·2^{−e} exactly, m an integer, e ≥ 0. */
function dyadic(x: number): { m: bigint; e: number } {
  const q = rational(x);
  return { m: q.s * q.n, e: bitLength(q.d) - 1 };
}

/** The pieces of positive weight, sorted (weight-0 pieces are gaps, as in the distribution). */
function livePieces(spec: DistSpec): { lo: number; hi: number; weight: number }[] {
  if (!hasExactPath(spec)) throw new Error(`no exact path for ${spec.kind}`);
  const raw =
    spec.kind === 'uniform'
      ? [{ lo: spec.lo, hi: spec.hi, weight: 1 }]
      : (spec as Extract<DistSpec, { kind: 'piecewise-uniform' }>).pieces.filter((p) => p.weight > 0).sort((x, y) => x.lo - y.lo);
  if (raw.length === 0) throw new Error('piecewise-uniform: no piece of positive weight');
  for (const p of raw) if (!(p.hi > p.lo)) throw new Error(`piece [${p.lo}, ${p.hi}] has no length`);
  return raw;
}

/** The live pieces with exact ends, exact normalised weights and Q's line on each. */
function exactPieces(spec: DistSpec): Piece[] {
  const raw = livePieces(spec);
  const W = raw.reduce((s, p) => s.add(rational(p.weight)), ZERO);
  let F = ZERO;
  return raw.map((p, k) => {
    const a = rational(p.lo);
    const b = rational(p.hi);
    const w = rational(p.weight).div(W);
    const F0 = F;
    // The last piece ends at F = 1 exactly (the normalised weights sum to 1 in rationals).
    const F1 = k === raw.length - 1 ? ONE : F.add(w);
    F = F1;
    const B = b.sub(a).div(w);
    return { a, b, F0, F1, A: a.sub(F0.mul(B)), B };
  });
}

/**
 * Everything about F and n that does not depend on the shares. The share-free integrals (H at the
 * joins, K, the mean, E[max], T2) are kept as integer numerators over one common denominator D,
 * built so that every term's denominator divides it: sums are then integer sums, and a fraction
 * is reduced (one gcd) only when asked for. Reducing after every operation, as fraction.js does,
 * costs seconds at n = 60 with 8 pieces (numbers of ~60·n bits, Euclid in JavaScript).
 */
interface Prepared {
  n: number;
  ps: Piece[];
  D: bigint;
  /** Numerators over D: H(F0_j) per piece and H(1) last; per piece Hc with H(u) = Hc + A u^{n−1} + B′ u^n. */
  HcumNum: bigint[];
  HcNum: bigint[];
  KNum: bigint;
  meanNum: bigint;
  eMaxNum: bigint;
  /** B′ = B(n−1)/n per piece. */
  Bp: Fraction[];
  lo: Fraction;
  hi: Fraction;
  /** Reduced fractions, computed on first use. */
  frac: (num: bigint) => Fraction;
}

/** Precompute the share-free integrals for n agents (see `Prepared`). */
function prepare(n: number, spec: DistSpec): Prepared {
  if (!Number.isInteger(n) || n < 2) throw new Error(`n must be an integer ≥ 2, got ${n}`);
  const raw = livePieces(spec);
  const J = raw.length;
  // Positions α/2^E, β/2^E and weights ω (a common power of two cancels in ω/Ω) as integers.
  const ends = raw.flatMap((p) => [dyadic(p.lo), dyadic(p.hi)]);
  const E = Math.max(...ends.map((d) => d.e));
  const pos = ends.map((d) => d.m << BigInt(E - d.e));
  const ws = raw.map((p) => dyadic(p.weight));
  const Ew = Math.max(...ws.map((d) => d.e));
  const om = ws.map((d) => d.m << BigInt(Ew - d.e));
  const Om = om.reduce((x, y) => x + y, 0n);
  const phi = [0n];
  for (const w of om) phi.push(phi[phi.length - 1] + w);
  const alpha = raw.map((_, j) => pos[2 * j]);
  const delta = raw.map((_, j) => pos[2 * j + 1] - pos[2 * j]);
  // On piece j: F0 = φ_j/Ω, A = λ/(2^E ω), B = δΩ/(2^E ω) with λ = αω − φδ.
  const lambda = raw.map((_, j) => alpha[j] * om[j] - phi[j] * delta[j]);
  const twoE = 1n << BigInt(E);
  const N = BigInt(n);
  const c = 2n * N * (N + 1n);
  const Wp = om.reduce((x, y) => x * y, 1n);
  const Wj = om.map((w) => Wp / w);
  const omPow = new Map<number, bigint>();
  const OmP = (e: number) => {
    if (!omPow.has(e)) omPow.set(e, Om ** BigInt(e));
    return omPow.get(e)!;
  };
  const D = twoE * Wp * OmP(n + 1) * c;
  // (cn/cd)·A·P and (cn/cd)·B·P over D, where P = φ-power difference over Ω^k (cd divides c).
  const tA = (j: number, k: number, P: bigint, cn: bigint, cd: bigint) => lambda[j] * P * Wj[j] * OmP(n + 1 - k) * cn * (c / cd);
  const tB = (j: number, k: number, P: bigint, cn: bigint, cd: bigint) => delta[j] * P * Wj[j] * OmP(n + 2 - k) * cn * (c / cd);
  const dk = (j: number, k: number) => phi[j + 1] ** BigInt(k) - phi[j] ** BigInt(k);
  const HcumNum = [0n];
  const HcNum: bigint[] = [];
  let H = 0n;
  let M = 0n; // ∫_0^1 u Q dG
  let mean = 0n;
  let eMax = 0n;
  for (let j = 0; j < J; j++) {
    // H(u) − H(F0) = A(u^{n−1} − F0^{n−1}) + B(n−1)/n (u^n − F0^n), so Hc = H(F0) − A F0^{n−1} − B′F0^n
    HcNum.push(H - tA(j, n - 1, phi[j] ** (N - 1n), 1n, 1n) - tB(j, n, phi[j] ** N, N - 1n, N));
    H += tA(j, n - 1, dk(j, n - 1), 1n, 1n) + tB(j, n, dk(j, n), N - 1n, N);
    HcumNum.push(H);
    // ∫ (A + Bu)(n−1)u^{n−1} du = A (n−1)/n u^n + B (n−1)/(n+1) u^{n+1}
    M += tA(j, n, dk(j, n), N - 1n, N) + tB(j, n + 1, dk(j, n + 1), N - 1n, N + 1n);
    mean += tA(j, 1, dk(j, 1), 1n, 1n) + tB(j, 2, dk(j, 2), 1n, 2n);
    // E[max] = ∫ Q n u^{n−1} du = A u^n + B n/(n+1) u^{n+1}
    eMax += tA(j, n, dk(j, n), 1n, 1n) + tB(j, n + 1, dk(j, n + 1), N, N + 1n);
  }
  const ps = exactPieces(spec);
  const cache = new Map<bigint, Fraction>();
  const frac = (num: bigint) => {
    if (!cache.has(num)) cache.set(num, new Fraction(num, D));
    return cache.get(num)!;
  };
  return {
    n,
    ps,
    D,
    HcumNum,
    HcNum,
    KNum: H - M,
    meanNum: mean,
    eMaxNum: eMax,
    Bp: ps.map((p) => p.B.mul(new Fraction(n - 1, n))),
    lo: ps[0].a,
    hi: ps[J - 1].b,
    frac,
  };
}

/** T2 = mean − E[max], exactly. */
const T2of = (P: Prepared) => P.frac(P.meanNum - P.eMaxNum);

/**
 * Index of the piece holding u ∈ [0, 1]: the first with u ≤ F1 (so Q is the left-continuous
 * quantile at joins and gaps). One always does: the last piece's F1 is 1 exactly.
 */
function pieceOf(P: Prepared, u: Fraction): number {
  return P.ps.findIndex((p) => u.lte(p.F1));
}

/** Q(u) = F^{-1}(u), the smallest p with F(p) ≥ u (u ∈ [0, 1]; Q(0) = A_0 = v̲ as F0 = 0 on the first piece). */
function Qat(P: Prepared, u: Fraction): Fraction {
  const p = P.ps[pieceOf(P, u)];
  return p.A.add(p.B.mul(u));
}

/**
 * H(u) = ∫_0^u Q(t)(n−1)t^{n−2} dt at a rational u ∈ [0, 1], exactly: the ends need no case of
 * their own (H(0) = Hc_0 = 0 and the last piece's formula at 1 is H(1), in exact arithmetic).
 */
function Hat(P: Prepared, u: Fraction): Fraction {
  const j = pieceOf(P, u);
  const n = P.n;
  return P.frac(P.HcNum[j]).add(P.ps[j].A.mul(u.pow(n - 1))).add(P.Bp[j].mul(u.pow(n)));
}

/** Fixed-point versions of the constants of H, at a working precision fitted to their size. */
interface FixedConsts {
  fp: FixedPoint;
  K: Fixed;
  A: Fixed[];
  Bp: Fixed[];
  Hc: Fixed[];
  H1: Fixed;
}

/** The constants at 2^{−(2·bits + their integer bits + log2 n + 16)}: rounding stays far below the u* enclosure's own width. */
function fixedConsts(P: Prepared, bits: number): FixedConsts {
  const dBits = bitLength(P.D);
  const mags = [
    ...[P.KNum, ...P.HcNum, P.HcumNum[P.ps.length]].map((x) => bitLength(x) - dBits + 1),
    ...[...P.ps.map((p) => p.A), ...P.Bp].map((q) => bitLength(q.n) - bitLength(q.d) + 1),
  ];
  const fp = new FixedPoint(2 * bits + Math.max(0, ...mags) + 16 + bitLength(BigInt(P.n)));
  return {
    fp,
    K: fp.ofRatio(P.KNum, P.D),
    A: P.ps.map((p) => fp.of(p.A)),
    Bp: P.Bp.map((b) => fp.of(b)),
    Hc: P.HcNum.map((x) => fp.ofRatio(x, P.D)),
    H1: fp.ofRatio(P.HcumNum[P.ps.length], P.D),
  };
}

/** H(u) for a dyadic u = K/2^e, as a fixed-point interval (u^{n−1}, u^n exact in integers, then rounded). */
function HatDyadic(P: Prepared, C: FixedConsts, u: Fraction): Fixed {
  if (u.lte(ZERO)) return { L: 0n, U: 0n };
  if (u.gte(ONE)) return C.H1;
  const j = pieceOf(P, u);
  const e = bitLength(u.d) - 1;
  if (u.d !== 1n << BigInt(e)) throw new Error('HatDyadic: u is not dyadic');
  const [X, Y] = C.fp.dyadicPows(u.n, e, P.n - 1);
  return C.fp.add(C.Hc[j], C.fp.add(C.fp.mul(C.A[j], X), C.fp.mul(C.Bp[j], Y)));
}

/**
 * The bracket K − H(u) over every u in [ulo, uhi] (dyadic ends), enclosed: H is monotone between
 * the points where Q changes sign (H′ = Q·(n−1)u^{n−2}, u^{n−2} ≥ 0), so its extremes on the
 * interval are among its ends, the zeros of Q inside, and the piece joins inside (where Q may jump
 * across 0). The ends are evaluated in fixed point; the rare inner points exactly.
 */
function bracketOver(P: Prepared, C: FixedConsts, ulo: Fraction, uhi: Fraction): Fixed {
  const fp = C.fp;
  const vals = [ulo, uhi].map((u) => fp.sub(C.K, HatDyadic(P, C, u)));
  for (const p of P.ps) {
    const inner: Fraction[] = [];
    if (p.F1.gt(ulo) && p.F1.lt(uhi)) inner.push(p.F1);
    const z = p.A.neg().div(p.B); // Q = 0 on this piece's line
    if (z.gt(ulo) && z.lt(uhi) && z.gte(p.F0) && z.lte(p.F1)) inner.push(z);
    for (const u of inner) vals.push(fp.of(bracketAt(P, u)));
  }
  let L = vals[0].L;
  let U = vals[0].U;
  for (const v of vals) {
    if (v.L < L) L = v.L;
    if (v.U > U) U = v.U;
  }
  return { L, U };
}

/** The exact bracket K − H(u) at a rational u. */
function bracketAt(P: Prepared, u: Fraction): Fraction {
  return P.frac(P.KNum).sub(Hat(P, u));
}

/** β* = −n·T1/(T1 + T2) over every T1 in the interval; null when T1 + T2 may vanish (β* unbounded there). */
function betaOver(n: number, T1: Interval, T2: Fraction): Interval | null {
  const dlo = T1.lo.add(T2);
  const dhi = T1.hi.add(T2);
  if (dlo.lte(ZERO) && dhi.gte(ZERO)) return null;
  // d/dT1 of −nT1/(T1 + T2) is −nT2/(T1 + T2)² > 0 (T2 = mean − E[max] < 0 for n ≥ 2 and pieces of
  // positive length): β* rises with T1, so the ends' images are its ends, in order.
  const f = (t: Fraction, d: Fraction) => t.mul(-n).div(d);
  return { lo: f(T1.lo, dlo), hi: f(T1.hi, dhi) };
}

/** Options for the enclosures' precision. */
export interface ExactOptions {
  /** Bits of the first enclosure of each u_i* (hi − lo = 2^{−bits}); default 128. */
  bits?: number;
  /** Relative width at which T1's and β*'s intervals are accepted; default 1e-30. */
  targetRel?: number;
  /** The precision is doubled until the target is met or bits exceed this; default 1024. */
  maxBits?: number;
}

/** T1, T2, β* and per-agent quantities as exact rationals and rigorous rational intervals. */
export interface ExactEnclosure {
  n: number;
  /** True when every u_i* is rational: T1 and β* are then exact (lo = hi). */
  exact: boolean;
  /** Precision of the u_i* enclosures. */
  bits: number;
  T1: Interval;
  T2: Fraction;
  /** null when T1 + T2 may be 0 (β* unbounded on the enclosure). */
  betaStar: Interval | null;
  mean: Fraction;
  eMax: Fraction;
  /** Per agent: u_i* = r_i^{1/(n−1)}, v_i* = Q(u_i*), and the bracket (T1 = Σ brackets). */
  uStar: Interval[];
  vStar: Interval[];
  brackets: Interval[];
}

/** Whether the interval's width is within rel × its smallest magnitude (false if it contains 0 but is not {0}). */
function tightEnough(iv: Interval, rel: number): boolean {
  if (iv.lo.equals(iv.hi)) return true;
  if (iv.lo.lte(ZERO) && iv.hi.gte(ZERO)) return false;
  const m = iv.lo.abs().lt(iv.hi.abs()) ? iv.lo.abs() : iv.hi.abs();
  return width(iv).lte(m.mul(rational(rel)));
}

/** u* = r^{1/(n−1)} clamped as the model clamps (r ≤ 0 → v̲, r ≥ 1 → v̄), enclosed at `bits`. */
function uEnclosure(r: Fraction, n: number, bits: number): Interval & { exact: boolean } {
  if (r.lte(ZERO)) return { lo: ZERO, hi: ZERO, exact: true };
  if (r.gte(ONE)) return { lo: ONE, hi: ONE, exact: true };
  return rootEnclosure(r, n - 1, bits);
}

/**
 * T1, T2 (exact) and β* for n agents with the given shares (doubles taken exactly, or exact
 * strings such as "1/3") under a uniform or piecewise-uniform F, as rigorous rational intervals.
 */
export function exactEnclosure(n: number, shares: readonly RationalLike[], spec: DistSpec, opts: ExactOptions = {}): ExactEnclosure {
  const P = prepare(n, spec);
  if (shares.length !== n) throw new Error(`shares has ${shares.length} entries for n = ${n}`);
  const rs = shares.map(rational);
  const targetRel = opts.targetRel ?? 1e-30;
  const maxBits = opts.maxBits ?? 1024;
  // Agents with the same share have the same u*, v* and bracket: compute each distinct share once.
  const keys = rs.map((r) => r.toFraction());
  const distinct = [...new Set(keys)];
  const rOf = new Map(keys.map((k, i) => [k, rs[i]]));
  for (let bits = opts.bits ?? 128; ; bits *= 2) {
    const C = fixedConsts(P, bits);
    type Agent = { u: Interval & { exact: boolean }; v: Interval; exact: Fraction | undefined; fixed: Fixed };
    const per = new Map<string, Agent>(
      distinct.map((k): [string, Agent] => {
        const u = uEnclosure(rOf.get(k)!, n, bits);
        const v = { lo: Qat(P, u.lo), hi: Qat(P, u.hi) };
        if (u.exact) {
          const b = bracketAt(P, u.lo);
          return [k, { u, v, exact: b, fixed: C.fp.of(b) }];
        }
        return [k, { u, v, exact: undefined, fixed: bracketOver(P, C, u.lo, u.hi) }];
      }),
    );
    const agents = keys.map((k) => per.get(k)!);
    const exact = agents.every((a) => a.exact !== undefined);
    const T1: Interval = exact
      ? (() => {
          const t = agents.reduce((s, a) => s.add(a.exact!), ZERO);
          return { lo: t, hi: t };
        })()
      : C.fp.toInterval(agents.reduce((s, a) => C.fp.add(s, a.fixed), C.fp.of(ZERO)));
    const betaStar = betaOver(n, T1, T2of(P));
    const done = exact || (tightEnough(T1, targetRel) && betaStar !== null && tightEnough(betaStar, targetRel));
    if (done || bits * 2 > maxBits) {
      const brOf = new Map([...per].map(([k, a]) => [k, a.exact ? { lo: a.exact, hi: a.exact } : C.fp.toInterval(a.fixed)]));
      return {
        n,
        exact,
        bits,
        T1,
        T2: T2of(P),
        betaStar,
        mean: P.frac(P.meanNum),
        eMax: P.frac(P.eMaxNum),
        uStar: agents.map((a) => ({ lo: a.u.lo, hi: a.u.hi })),
        vStar: agents.map((a) => a.v),
        brackets: keys.map((k) => brOf.get(k)!),
      };
    }
  }
}

/** An exact certificate as data: every number an exact fraction string "p/q". */
export interface ExactCertificate {
  route: typeof EXACT_ROUTE;
  n: number;
  /** True when T1 and β* are exact (lo = hi). */
  exact: boolean;
  bits: number;
  /** Contains the true T1 (outward-rounded to 50 significant digits unless exact). */
  T1: { lo: string; hi: string };
  T2: { value: string };
  /** Contains the true β*; null when T1 + T2 may vanish on T1's enclosure. */
  betaStar: { lo: string; hi: string } | null;
  /** Per agent, the checked enclosure of u_i* = r_i^{1/(n−1)} (the data the certificate rests on). */
  uStar: { lo: string; hi: string }[];
  /** Nearest doubles (within an ulp) of T1's and β*'s midpoints and of T2, for display and margins. */
  approx: { T1: number; T2: number; betaStar: number };
}

const CERT_DIGITS = 50;

/** Interval → fraction strings, outward-rounded so the strings stay short and the interval still encloses. */
function ivStrings(iv: Interval): { lo: string; hi: string } {
  const r = roundOutward(iv, CERT_DIGITS);
  return { lo: r.lo.toFraction(), hi: r.hi.toFraction() };
}

/** The certificate of T1, T2, β* for a uniform or piecewise-uniform market (see `exactEnclosure`). */
export function exactCertificate(n: number, shares: readonly RationalLike[], spec: DistSpec, opts: ExactOptions = {}): ExactCertificate {
  const e = exactEnclosure(n, shares, spec, opts);
  // β* from the saved (outward-rounded) T1, so that the saved data alone reproduce it.
  const T1 = roundOutward(e.T1, CERT_DIGITS);
  const beta = betaOver(n, T1, e.T2);
  return {
    route: EXACT_ROUTE,
    n,
    exact: e.exact,
    bits: e.bits,
    T1: ivStrings(T1),
    T2: { value: e.T2.toFraction() },
    betaStar: beta && ivStrings(beta),
    uStar: e.uStar.map((u) => ({ lo: u.lo.toFraction(), hi: u.hi.toFraction() })),
    approx: { T1: toNumber(midpoint(e.T1)), T2: toNumber(e.T2), betaStar: e.betaStar ? toNumber(midpoint(e.betaStar)) : NaN },
  };
}

/**
 * Re-check a certificate from its saved data and the market alone (no root finding): each saved
 * u_i* enclosure satisfies lo^{n−1} ≤ r_i ≤ hi^{n−1} exactly, the brackets over those enclosures sum
 * to an interval inside the saved T1, T2 is recomputed equal, and the saved β* contains β* over T1.
 */
export function verifyExactCertificate(
  n: number,
  shares: readonly RationalLike[],
  spec: DistSpec,
  cert: ExactCertificate,
): { ok: true } | { ok: false; reason: string } {
  try {
    if (cert.route !== EXACT_ROUTE) return { ok: false, reason: `route is '${cert.route}'` };
    if (cert.n !== n || cert.uStar.length !== n || shares.length !== n) return { ok: false, reason: 'n does not match the market' };
    const P = prepare(n, spec);
    const C = fixedConsts(P, cert.bits);
    if (!T2of(P).equals(new Fraction(cert.T2.value))) return { ok: false, reason: `T2 is ${T2of(P).toFraction()}, not ${cert.T2.value}` };
    let lo = ZERO;
    let hi = ZERO;
    for (let i = 0; i < n; i++) {
      const r = rational(shares[i]);
      const u = { lo: new Fraction(cert.uStar[i].lo), hi: new Fraction(cert.uStar[i].hi) };
      const clamped = r.lte(ZERO) ? ZERO : r.gte(ONE) ? ONE : undefined;
      const okU = clamped ? u.lo.equals(clamped) && u.hi.equals(clamped) : checkRootEnclosure(r, n - 1, u);
      if (!okU) return { ok: false, reason: `agent ${i + 1}: [${cert.uStar[i].lo}, ${cert.uStar[i].hi}] does not enclose r^{1/(n−1)}` };
      if (u.lo.equals(u.hi)) {
        const b = bracketAt(P, u.lo);
        lo = lo.add(b);
        hi = hi.add(b);
      } else {
        // The saved ends are dyadic K/2^m: evaluate at their own precision.
        const b = C.fp.toInterval(bracketOver(P, C, u.lo, u.hi));
        lo = lo.add(b.lo);
        hi = hi.add(b.hi);
      }
    }
    const T1 = { lo: new Fraction(cert.T1.lo), hi: new Fraction(cert.T1.hi) };
    if (T1.lo.gt(lo) || T1.hi.lt(hi)) return { ok: false, reason: 'T1 does not contain the brackets’ sum' };
    const beta = betaOver(n, T1, T2of(P));
    if (cert.betaStar === null) return beta === null ? { ok: true } : { ok: false, reason: 'β* is bounded but not given' };
    if (beta === null) return { ok: false, reason: 'β* is unbounded on T1’s enclosure' };
    if (new Fraction(cert.betaStar.lo).gt(beta.lo) || new Fraction(cert.betaStar.hi).lt(beta.hi)) {
      return { ok: false, reason: 'β* does not contain −nT1/(T1 + T2) over T1' };
    }
    return { ok: true };
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
}

// ------------------------------------------------------------ the 40-digit Decimal view (compatibility)

const D = Decimal.clone({ precision: 40 });
type Dec = InstanceType<typeof D>;

/** A rational rounded to 40 significant digits. */
function toDec(q: Fraction): Dec {
  return new D((q.s * q.n).toString()).div(new D(q.d.toString()));
}

export interface ExactCutoff {
  T1: Dec;
  T2: Dec;
  betaStar: Dec;
  vStar: Dec[];
  brackets: Dec[];
}

/**
 * T_1, T_2, β*, v_i* and the brackets as 40-digit Decimals: the midpoints of `exactEnclosure`'s
 * intervals (width < 1e-30 relative), T_2 exact then rounded. β* is NaN when unbounded.
 */
export function exactCutoff(n: number, shares: readonly number[], spec: DistSpec): ExactCutoff {
  const e = exactEnclosure(n, shares, spec);
  return {
    T1: toDec(midpoint(e.T1)),
    T2: toDec(e.T2),
    betaStar: e.betaStar ? toDec(midpoint(e.betaStar)) : new D(NaN),
    vStar: e.vStar.map((v) => toDec(midpoint(v))),
    brackets: e.brackets.map((b) => toDec(midpoint(b))),
  };
}

/**
 * ∫_x^y F^k dp exactly (y < x gives −∫_y^x), for the corrected (T2-5) and (T2-6) identities'
 * certification: F^k on each piece, F_j^k across a gap after piece j, 1 above v̄, 0 below v̲ (k ≥ 1).
 */
export function exactIntFkRational(spec: DistSpec, k: number, x: RationalLike, y: RationalLike): Fraction {
  if (!Number.isInteger(k) || k < 0) throw new Error(`k must be an integer ≥ 0, got ${k}`);
  const X = rational(x);
  const Y = rational(y);
  if (Y.lt(X)) return exactIntFkRational(spec, k, Y, X).neg();
  if (k === 0) return Y.sub(X);
  const ps = exactPieces(spec);
  const clip = (a: Fraction, b: Fraction) => ({ a: a.gt(X) ? a : X, b: b.lt(Y) ? b : Y });
  let s = ZERO;
  ps.forEach((p, j) => {
    const { a, b } = clip(p.a, p.b);
    if (a.lt(b)) {
      // F = F0 + c(t − a_j) with c = 1/B: ∫ F^k dt = (F(b)^{k+1} − F(a)^{k+1}) B/(k+1)
      const Fa = p.F0.add(a.sub(p.a).div(p.B));
      const Fb = p.F0.add(b.sub(p.a).div(p.B));
      s = s.add(Fb.pow(k + 1).sub(Fa.pow(k + 1)).mul(p.B).div(k + 1));
    }
    // F is flat at F1 from this piece's end to the next piece's start (or to +∞ after the last).
    const gapEnd = j + 1 < ps.length ? ps[j + 1].a : undefined;
    const g = clip(p.b, gapEnd ?? (Y.gt(p.b) ? Y : p.b));
    if (g.a.lt(g.b)) s = s.add(p.F1.pow(k).mul(g.b.sub(g.a)));
  });
  return s;
}

/** ∫_x^y F^k dp, exact then rounded to 40 digits (see `exactIntFkRational`). */
export function exactIntFk(spec: DistSpec, k: number, x: number, y: number): Dec {
  return toDec(exactIntFkRational(spec, k, x, y));
}

/** T1, T2, β* of an enclosure as short decimal strings (display only: judging uses the intervals). */
export function describeEnclosure(e: ExactEnclosure, digits = 20): { T1: string; T2: string; betaStar: string } {
  const iv = (x: Interval) => (x.lo.equals(x.hi) ? toDecimalString(x.lo, digits) : `[${toDecimalString(x.lo, digits)}, ${toDecimalString(x.hi, digits)}]`);
  return { T1: iv(e.T1), T2: toDecimalString(e.T2, digits), betaStar: e.betaStar ? iv(e.betaStar) : 'unbounded' };
}

export { D as ExactDecimal };
