/**
 * Pycia & Wang (2015), Theorems 1–2: T_1, T_2, condition (T1-1) and β*.
 * Every quantity comes with the quadrature's own error estimate.
 */
import { affineSpec, wellConditionedFrame, type Frame } from '../../distributions/affine.ts';
import { makeDist } from '../../distributions/index.ts';
import { InputError } from '../../distributions/schema.ts';
import type { Dist, DistSpec } from '../../distributions/types.ts';
import { powInt, quad, quadVecBatch, quadOptions } from '../../numeric/index.ts';
import type { Precision, QuadOptions } from '../../numeric/types.ts';
import { vStar, type Market } from './market.ts';

/** A computed value with what the numerics know about it. */
export interface Estimate {
  value: number;
  abserr: number;
  converged: boolean;
}

export interface CutoffValues {
  T1: Estimate;
  T2: Estimate;
  betaStar: number;
  /** v_i* per agent. */
  vStar: number[];
  /** Each agent's bracket ∫_{v*}^{v̄}(1−F)p dG − ∫_{v̲}^{v*}F p dG (T_1 is their sum). */
  brackets: number[];
  /** ∫_{v̲}^{v̄} F^n dp, so E[max of n draws] = v̄ − this. */
  intFn: Estimate;
  mean: number;
}

/**
 * The distribution's own kinks and the given cuts: breakpoints for the quadrature. Not filtered,
 * sorted or deduplicated here: quad and quadVecBatch keep only the distinct points strictly inside
 * their own interval, sorted (numeric/quadrature.ts, `breakpoints`), which the per-piece calls need anyway.
 */
function breaks(dist: Dist, cuts: readonly number[]): number[] {
  return [...dist.breakpoints, ...cuts];
}

/**
 * For large n, F^{n−2} puts its mass where 1 − F ≲ 1/n (and just below each v*, where it decays
 * from F(v*)^{n−2} within ~1/n in F). Gauss–Kronrod's outermost node sits 0.22% of a piece's width
 * from its end: when F^n has already fallen below e^{−20} there, the first sample of the piece sees
 * nothing and reports convergence while missing mass (uniform, N = 2^14: 1e-14 of a bracket).
 * Then cut at 1 − F = 128/n, 32/n, 4/n and 1/(2n), so every piece sees what it holds (below
 * 128/n lies at most e^{−128} of it). Two cdf calls per cut decide; for n ≲ 10^4 on smooth F, none.
 */
function concentration(dist: Dist, n: number, vs: readonly number[]): number[] {
  if (n <= 16) return [];
  const edge = 0.0022;
  const w = dist.hi - dist.lo;
  let blind = n * dist.sf(dist.hi - edge * w) > 20;
  for (const v of vs) {
    if (blind || v <= dist.lo || v >= dist.hi) continue;
    blind = n * (dist.cdf(v) - dist.cdf(v - edge * (v - dist.lo))) > 20 || n * (dist.cdf(v + edge * (dist.hi - v)) - dist.cdf(v)) > 20;
  }
  if (!blind) return [];
  return [128 / n, 32 / n, 4 / n, 1 / (2 * n)].filter((q) => q < 1).map((q) => dist.isf(q));
}

/**
 * Cuts where the measures live, for when the plain partition was blind (see `integrals`):
 * quantiles of F at masses 10^-15 … 10^-3, 0.1, 0.5 from both ends, and, below each v* and
 * below v̄, the points where F^{n−2} has fallen by e^{−c} (c = 1/2, 4, 32, 128) from its value
 * there. Each piece then holds a part of dF and of dG that its Gauss–Kronrod nodes can see.
 */
function massCuts(dist: Dist, n: number, vs: readonly number[]): number[] {
  const cuts: number[] = [];
  for (const q of [1e-15, 1e-12, 1e-9, 1e-6, 1e-3, 0.1]) cuts.push(dist.quantile(q), dist.isf(q));
  cuts.push(dist.quantile(0.5));
  const k = Math.max(1, n - 2);
  for (const top of [...vs, dist.hi]) {
    const Ftop = top >= dist.hi ? 1 : dist.cdf(top);
    if (!(Ftop > 0)) continue;
    for (const c of [0.5, 4, 32, 128]) {
      const u = Ftop * Math.exp(-c / k);
      if (u > 0 && u < 1) cuts.push(top >= dist.hi && u > 0.5 ? dist.isf(-Math.expm1(-c / k)) : dist.quantile(u));
    }
  }
  // A NaN or infinite cut (a quantile the distribution cannot place) is dropped by the quadrature's own filter.
  return cuts;
}

/**
 * One vector integral over the support gives every group's bracket, ∫F^n and T_2.
 *
 * Brackets, two ways (g = dG/dp = (n−1)F^{n−2}f):
 * - directly, one component per distinct v*: (1−F)p·g above v_k*, −F·p·g below it. Each is O(1)
 *   where it lives, so a bracket of size 1/N² (large N, T_1 → 0⁺) is integrated to its own scale.
 *   Used for up to DIRECT_MAX distinct shares.
 * - cumulatively beyond that: ∫_{v*}^{v̄}(1−F)p dG − ∫_{v̲}^{v*}F p dG = K − P(v*), with
 *   K = ∫(1−F)p dG and P the running integral of p dG, read off one integral at every v*: two
 *   components whatever the number of shares (n = 10⁴ agents with 10⁴ different shares took
 *   29–53 s as 10⁴ components at every node; now ~1 s). P's integrand p·g is O(N) near v̄, so
 *   its partial sums carry errors the direct form does not: hence the switch.
 * Component FN is F^n; SPREAD is F − F^n, whose integral is −T_2 (Lemma 2).
 *
 * Component MASS is g itself, whose integral is exactly 1 (= F(v̄)^{n−1}): the check that the
 * partition did not hide mass from the nodes. A density concentrated within a node spacing of a
 * piece's end (normal(4.2, sd 0.01) cut at 4: all of it within 0.005 of v̄) combined with F^{n−2}
 * makes every node of a piece see ~0, and Gauss–Kronrod then reports a wrong value with a tiny
 * error (T_1 = 3.03 for 6.6e-5). When ∫g misses 1 by more than its tolerance, or the first
 * integral did not converge (the miss can hide in an honest but large error: a density's jump
 * left an ulp off a breakpoint), the integral is redone on the cuts of `massCuts`; what ∫g still
 * misses, times max|p|, joins every error.
 */
/** Scratch for the integrand's F values (integrals is not re-entered from its own integrand). */
let Fs = new Float64Array(32);

/** Distinct shares up to which brackets are integrated directly, one component each. */
const DIRECT_MAX = 32;

/** Component indices shared by both forms; brackets (or K and P) follow. */
const FN = 0;
const MASS = 1;
const SPREAD = 2;
const FIRST = 3;

interface Integrals {
  /** Per v* given (in order): the bracket and its quadrature error. */
  bracket: Float64Array;
  bracketErr: Float64Array;
  intFn: number;
  intFnErr: number;
  /** ∫(F − F^n) dp = E[max] − mean = −T_2 (Lemma 2, with mean = v̄ − ∫F and E[max] = v̄ − ∫F^n). */
  spread: number;
  spreadErr: number;
  ok: boolean;
  /** The tallest value of the integrands the brackets are made of (for the node-rounding bound in cutoffGroupsIn). */
  height: number;
}

function integrals(dist: Dist, n: number, vs: readonly number[], opts: QuadOptions, shift: number): Integrals {
  const k = n - 2;
  const pMax = Math.max(Math.abs(dist.lo), Math.abs(dist.hi));
  // Tolerance on ∫g = 1: what the quadrature was asked for (scaled to a unit mass), or the
  // consistency of pdf with cdf — g = (F^{n−1})′ only to the cdf's relative accuracy (~1e-13:
  // truncated normal 20 sd out, measured 5e-13) times the power n − 1 — whichever is larger.
  const massTol = (massErr: number) => Math.max(4 * massErr, 10 * Math.max(opts.epsabs ?? 1e-13, opts.epsrel ?? 1e-11), (n - 1) * 1e-12);
  const distinct = [...new Set(vs)].sort((a, b) => a - b);
  const direct = distinct.length <= DIRECT_MAX;
  const D = distinct.length;
  const dim = FIRST + (direct ? D : 2);
  const K_ = FIRST;
  const P_ = FIRST + 1;
  // P(v*) is needed at the distinct v* strictly inside the support (P(v̲) = 0, P(v̄) = the total).
  const at = direct ? [] : distinct.filter((v) => v > dist.lo && v < dist.hi);
  const vTop = distinct[D - 1] ?? dist.lo;
  let height = 0;
  // The integrand for a whole Gauss–Kronrod panel at once (F through cdfMany where the
  // distribution shares work between points; F^k by binary powering, powInt).
  const batch = (xs: Float64Array, count: number, out: Float64Array) => {
    if (Fs.length < count) Fs = new Float64Array(count);
    const F_ = Fs;
    if (dist.cdfMany) dist.cdfMany(xs, count, F_);
    else for (let i = 0; i < count; i++) F_[i] = dist.cdf(xs[i]);
    for (let i = 0; i < count; i++) {
      const p = xs[i];
      const F = F_[i];
      const Fk = powInt(F, k);
      const g = (n - 1) * Fk * dist.pdf(p);
      const pg = (p - shift) * g;
      const up = (1 - F) * pg;
      const base = i * dim;
      out[base + FN] = Fk * F * F;
      out[base + MASS] = g;
      out[base + SPREAD] = F - Fk * F * F;
      let h = Math.abs(up);
      if (direct) {
        const down = -F * pg;
        for (let j = 0; j < D; j++) out[base + FIRST + j] = p >= distinct[j] ? up : down;
        if (p < vTop && Math.abs(down) > h) h = Math.abs(down);
      } else {
        out[base + K_] = up;
        out[base + P_] = pg;
        if (p <= vTop && Math.abs(pg) > h) h = Math.abs(pg);
      }
      if (h > height) height = h;
    }
  };
  const attempt = (points: number[]) => {
    if (!dist.singularAt.lo && !dist.singularAt.hi) {
      const r = quadVecBatch(batch, dim, dist.lo, dist.hi, { ...opts, points, ...(direct ? {} : { partialAt: at }) });
      return { v: r.value, err: r.abserr, ok: r.converged, partial: r.partial };
    }
    // An unbounded density at an end of the support: tanh-sinh (via 'auto') per component, and
    // (cumulative form) P piece by piece between the v*.
    const x1 = new Float64Array(1);
    const tmp = new Float64Array(dim);
    const comp = (c: number) => (p: number) => {
      x1[0] = p;
      batch(x1, 1, tmp);
      return tmp[c];
    };
    const v = new Float64Array(dim);
    const err = new Float64Array(dim);
    let ok = true;
    const run = (c: number, lo: number, hi: number) => {
      const r = quad(comp(c), lo, hi, { ...opts, points, method: 'auto' });
      ok &&= r.converged;
      return r;
    };
    for (let c = 0; c < dim; c++) {
      if (!direct && c === P_) continue;
      const r = run(c, dist.lo, dist.hi);
      v[c] = r.value;
      err[c] = r.abserr;
    }
    if (direct) return { v, err, ok, partial: undefined };
    const partial = { value: new Float64Array(at.length * dim), abserr: new Float64Array(at.length * dim) };
    const edges = [dist.lo, ...at, dist.hi];
    for (let j = 0; j + 1 < edges.length; j++) {
      const r = run(P_, edges[j], edges[j + 1]);
      v[P_] += r.value;
      err[P_] += r.abserr;
      if (j < at.length) {
        partial.value[j * dim + P_] = v[P_];
        partial.abserr[j * dim + P_] = err[P_];
      }
    }
    return { v, err, ok, partial };
  };
  const cuts = [...vs, ...concentration(dist, n, vs)];
  let r = attempt(breaks(dist, cuts));
  if (!r.ok || Math.abs(r.v[MASS] - 1) > massTol(r.err[MASS])) r = attempt(breaks(dist, [...cuts, ...massCuts(dist, n, vs)]));
  const missed = Math.abs(r.v[MASS] - 1);
  const finite = [...r.v, ...r.err].every(Number.isFinite);
  const ok = finite && r.ok && missed <= massTol(r.err[MASS]);
  // Still blind: a bracket can miss up to the missed mass times max|p| (twice in K − P), ∫F^n up to the width.
  const blind = ok ? 0 : finite ? 2 * missed * pMax : Infinity;
  const widthIfBlind = ok ? 0 : finite ? dist.hi - dist.lo : Infinity;
  const bracket = new Float64Array(vs.length);
  const bracketErr = new Float64Array(vs.length);
  const index = new Map((direct ? distinct : at).map((v, j) => [v, j]));
  vs.forEach((v, g) => {
    if (direct) {
      const j = index.get(v)!;
      bracket[g] = r.v[FIRST + j];
      bracketErr[g] = r.err[FIRST + j] + blind;
      return;
    }
    let P = 0;
    let Perr = 0;
    if (v >= dist.hi) {
      P = r.v[P_];
      Perr = r.err[P_];
    } else if (v > dist.lo) {
      const j = index.get(v)!;
      P = r.partial!.value[j * dim + P_];
      Perr = r.partial!.abserr[j * dim + P_];
    }
    bracket[g] = r.v[K_] - P;
    bracketErr[g] = r.err[K_] + Perr + blind;
  });
  return {
    bracket,
    bracketErr,
    intFn: r.v[FN],
    intFnErr: r.err[FN] + widthIfBlind,
    spread: r.v[SPREAD],
    spreadErr: r.err[SPREAD] + widthIfBlind,
    ok,
    height,
  };
}

/** Agents with the same share: they have the same v* and the same bracket. */
export interface ShareGroup {
  share: number;
  count: number;
}

export interface GroupValues {
  T1: Estimate;
  T2: Estimate;
  betaStar: number;
  /** β*'s error bound, propagated from T1's and T2's error estimates. */
  betaStarErr: number;
  /** Per group: v* and the bracket. */
  groups: { share: number; count: number; vStar: number; bracket: number }[];
  intFn: Estimate;
  mean: number;
}

/**
 * T_1 (Theorem 2's notation) and T_2 for n agents given as share groups, in one pass over the
 * support (so an m-fold replication with N = mn agents costs what the base market costs).
 * T_2 is taken through Lemma 2 (T_2 = v̄_0 − E[max], E[max] = v̄ − ∫F^n): the suite checks
 * that identity against T_2's definition separately (PW.Lemma2.T2-identity).
 */
export function cutoffGroups(dist0: Dist, n: number, groups: readonly ShareGroup[], precision: Precision = 'standard', extra?: QuadOptions): GroupValues {
  const dist = dist0.at(precision);
  const f = frameOf(dist, precision);
  if (!f) return cutoffGroupsIn(dist, n, groups, precision, extra, 0);
  // T_1 and T_2 are translation-invariant and scale with the width (the constant part of p sums
  // to Σ(1/n − r_i) = 0 in T_1 and cancels in v̄_0 − E[max]): compute them where the mass lies
  // on [0, 1] and map back. A bracket alone keeps the constant c(1/n − r_i).
  const g = cutoffGroupsIn(f.dist, n, groups, precision, extra, f.shift);
  const { c, s } = f.frame;
  const scale = (e: Estimate): Estimate => ({ value: s * e.value, abserr: s * e.abserr, converged: e.converged });
  return {
    T1: scale(g.T1),
    T2: scale(g.T2),
    betaStar: g.betaStar,
    betaStarErr: g.betaStarErr,
    groups: g.groups.map((x) => ({
      ...x,
      vStar: x.share <= 0 ? dist.lo : x.share >= 1 ? dist.hi : c + s * x.vStar,
      bracket: s * x.bracket + c * (1 / n - x.share),
    })),
    // ∫F^n over the original support: F = 1 from the frame's top c + s·ȳ up to v̄ (ȳ, Y's top, is
    // 1 only when the frame starts at the window's bottom: a truncated normal's frame is anchored
    // at its mean, which put ∫F^n off by the half-window, 3.9e-7 for sd 1e-8).
    intFn: { ...scale(g.intFn), value: s * g.intFn.value + (dist.hi - (c + s * f.dist.hi)) },
    mean: c + s * g.mean,
  };
}

/**
 * The frame X = c + s·Y in which the distribution is well conditioned, with Y built, or undefined
 * when its own coordinates are (see `wellConditionedFrame`). Built once per distribution object:
 * claims ask for the same market repeatedly.
 *
 * An expression density is not moved: evaluated at x = c + y its values are noise at the spacing
 * of the doubles near c (1 + 0.5·sin(x) on [1e6, 1e6 + 1]: 6e-11 relative), which its build
 * rejects. Far from 0 it stays where it is and the integrands weigh p − v̲ instead of p (`shift`),
 * which removes the cancellation without moving the nodes; only its scale is changed (x = s·y).
 */
export interface Framed {
  frame: Frame;
  dist: Dist;
  /** Subtracted from p in the integrands (in Y's coordinates). */
  shift: number;
}
const framedCache = new WeakMap<Dist, Framed | null>();
export function frameOf(dist: Dist, precision: Precision): Framed | undefined {
  let r = framedCache.get(dist);
  if (r === undefined) {
    const frame = wellConditionedFrame(dist.spec);
    if (!frame) r = null;
    else if (!hasDensity(dist.spec)) r = { frame, dist: buildFramed(dist.spec, frame, precision), shift: 0 };
    else if (Math.max(Math.abs(dist.lo), Math.abs(dist.hi)) > 4 * (dist.hi - dist.lo)) r = { frame: { c: 0, s: 1 }, dist, shift: dist.lo };
    else r = { frame: { c: 0, s: frame.s }, dist: buildFramed(dist.spec, { c: 0, s: frame.s }, precision), shift: 0 };
    framedCache.set(dist, r);
  }
  return r ?? undefined;
}

function hasDensity(spec: DistSpec): boolean {
  return spec.kind === 'density' || (spec.kind === 'mixture' && spec.parts.some((p) => hasDensity(p.dist)));
}

/**
 * Y's distribution. Only an expression density can fail to build here (the others are closed
 * under affine maps), and it is only ever rescaled (c = 0, see frameOf): a mixture s wide is put
 * on [0, 1], and a density part much narrower than s becomes a sliver of it. Say so in the
 * user's coordinates rather than report the frame's (the old message quoted the spacing of the
 * doubles at the far end x = s as if it were near 0, and advised moving the support).
 */
export function buildFramed(spec: DistSpec, frame: Frame, precision: Precision): Dist {
  try {
    return makeDist(affineSpec(spec, frame), precision);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    const at = frame.c === 0 ? '' : `${frame.c} + `;
    throw new InputError(
      e.field,
      `cannot be resolved once the support, ${frame.s} wide, is scaled onto [0, 1] (x = ${at}${frame.s}·y): ${e.detail} — a part much narrower than the whole support may be out of reach; check it as a distribution of its own or narrow the support`,
    );
  }
}

/** cutoffGroups in the distribution's own coordinates. */
function cutoffGroupsIn(dist: Dist, n: number, groups: readonly ShareGroup[], precision: Precision, extra: QuadOptions | undefined, shift: number): GroupValues {
  const opts = { ...quadOptions(precision), ...extra };
  const vs = groups.map((g) => vStar(dist, g.share, n));
  // A bracket is O(1/n) and T1 adds n of them: the absolute tolerance scales down with n.
  const I = integrals(dist, n, vs, { ...opts, epsabs: (opts.epsabs ?? 1e-13) / n }, shift);
  let t1 = 0;
  let t1err = 0;
  // Rounding the quadrature cannot see: every node (and every panel's centre) is placed only to
  // δ = ε·max|p|, and an integral whose integrand h is sampled on a displaced panel is off by up
  // to δ·TV(h) — TV(h) ≈ 2·max|h| for a unimodal h, doubled for a few modes. It matters where the
  // integrand is tall on the scale of δ: a piece of width 2^-22 at 0.875 holding a third of the
  // mass moved T1 by 2e-10 while Gauss–Kronrod reported 3e-14 (this bound: 1e-9). The height is
  // that of the integrands the brackets are made of, where they are used: for large N, p·g peaks
  // at N/e above v*, where −F·p·g (or P(v*)) does not reach (uniform, N = 2^16: 2e-16 per bracket
  // measured, the flat 2δ term).
  const delta = Number.EPSILON * Math.max(Math.abs(dist.lo), Math.abs(dist.hi));
  const rounding = 2 * delta + 4 * delta * I.height;
  const out = groups.map((g, k) => {
    // With p − shift in the integrands: add back shift·(∫_{v*}(1−F)dG − ∫^{v*}F dG) = shift·(1/n − G(v*))
    // at the true v*, where G(v*) = r exactly — not G at the computed v*, which near 1e6 is placed
    // only to 1.2e-10 and would bring back the shift times that (T1 off by 7e-4).
    const bracket = I.bracket[k] + shift * (1 / n - g.share);
    t1 += g.count * bracket;
    t1err += g.count * (I.bracketErr[k] + rounding);
    return { share: g.share, count: g.count, vStar: vs[k], bracket };
  });
  const ok = I.ok;
  const mean = dist.mean();
  // T_2 = mean − E[max] = −∫(F − F^n): a non-negative integrand, so neither v̄ nor the mean is
  // subtracted from a number of its own size (a mass piled within 1e-20 of v̄ lost every digit).
  const t2 = -I.spread;
  const T1 = { value: t1, abserr: t1err, converged: ok };
  // F^n is F rounded to an ulp raised to the n: n·ε relative where it lives, which no quadrature
  // estimate sees (Beta(2, 2), N = 2^20: ∫F^n off by 1.6e-15 against a stated 5.8e-16). T_2 = −∫(F − F^n) has it too.
  const powRound = n * Number.EPSILON * Math.abs(I.intFn);
  // T_2 also carries the roundings of v̄ − ∫F^n and of the mean, each ε relative to v̄.
  const T2 = { value: t2, abserr: I.spreadErr + 2 * delta + powRound, converged: ok };
  // ∫F^n carries the node rounding too: δ·TV(F^n) = δ, and as much again for the sum (uniform,
  // N = 2^14: off by 1.1e-17 while Gauss–Kronrod reported 2.1e-18).
  const intFn = { value: I.intFn, abserr: I.intFnErr + 2 * delta + powRound, converged: ok };
  return { T1, T2, betaStar: betaStar(T1.value, T2.value, n), betaStarErr: betaStarError(T1, T2, n), groups: out, intFn, mean };
}

/** Group equal shares (exact equality: the model treats them identically). */
export function groupShares(shares: readonly number[]): ShareGroup[] {
  const m = new Map<number, number>();
  for (const r of shares) m.set(r, (m.get(r) ?? 0) + 1);
  return [...m].map(([share, count]) => ({ share, count }));
}

/** T_1, T_2, β*, v_i* and each agent's bracket for a market (Theorems 1–2). */
export function cutoffValues(market: Market, precision: Precision = 'standard', extra?: QuadOptions): CutoffValues {
  const groups = groupShares(market.shares);
  const g = cutoffGroups(market.dist, market.n, groups, precision, extra);
  const byShare = new Map(g.groups.map((x) => [x.share, x]));
  return {
    T1: g.T1,
    T2: g.T2,
    betaStar: g.betaStar,
    vStar: market.shares.map((r) => byShare.get(r)!.vStar),
    brackets: market.shares.map((r) => byShare.get(r)!.bracket),
    intFn: g.intFn,
    mean: g.mean,
  };
}

/** β*'s error from T1's and T2's: β* moves by n|T2|/(T1+T2)² per unit of T1 and by n|T1|/(T1+T2)² per unit of T2. */
export function betaStarError(T1: Estimate, T2: Estimate, n: number): number {
  const s = T1.value + T2.value;
  // Each ratio formed first, so widths of 1e-300 neither underflow nor overflow.
  return n * ((Math.abs(T2.value) / s) * (T1.abserr / s) + (Math.abs(T1.value) / s) * (T2.abserr / s));
}

/** β* = −nT_1/(T_1 + T_2) (Section 3). */
export function betaStar(T1: number, T2: number, n: number): number {
  return (-n * T1) / (T1 + T2);
}

/** Condition (T1-1) in its simplified form (1 + β/n)T_1 + (β/n)T_2 (Theorem 2's proof). */
export function conditionT11(T1: number, T2: number, n: number, beta: number): number {
  return (1 + beta / n) * T1 + (beta / n) * T2;
}

/**
 * The middle term of (T1-1) as printed, Σ_i ∫ Σ_{j≠i} F(v_i)^{n−2}(∫_{v̲}^{v_i} v_j f(v_j)dv_j) dF(v_i)
 * = n(n−1)∫ F^{n−2} h dF with h(v) = ∫_{v̲}^{v} x f(x)dx, by its double integral (h by an inner
 * quadrature at every outer node) — T_2's definition, without Lemma 2.
 */
export function middleTerm(dist0: Dist, n: number, precision: Precision = 'standard'): Estimate {
  const dist = dist0.at(precision);
  const opts = quadOptions(precision);
  const pts = breaks(dist, concentration(dist, n, []));
  const inner = { ...opts, points: pts };
  let innerErr = 0;
  let ok = true;
  const h = (v: number) => {
    const r = quad((x) => x * dist.pdf(x), dist.lo, v, { ...inner, method: dist.singularAt.lo ? 'auto' : 'gk' });
    innerErr = Math.max(innerErr, r.abserr);
    ok &&= r.converged;
    return r.value;
  };
  const k = n - 2;
  const outer = quad((v) => Math.pow(dist.cdf(v), k) * h(v) * dist.pdf(v), dist.lo, dist.hi, {
    ...opts,
    points: pts,
    method: dist.singularAt.lo || dist.singularAt.hi ? 'auto' : 'gk',
  });
  const scale = n * (n - 1);
  return {
    value: scale * outer.value,
    // The outer error plus the inner error carried through ∫F^{n−2} dF ≤ 1/(n−1).
    abserr: scale * (outer.abserr + innerErr / (n - 1)),
    converged: ok && outer.converged,
  };
}

/** T_2 by its definition (Section 3): the double integral minus (n−1)v̄_0. */
export function T2Definition(dist: Dist, n: number, precision: Precision = 'standard'): Estimate {
  const m = middleTerm(dist, n, precision);
  return { value: m.value - (n - 1) * dist.at(precision).mean(), abserr: m.abserr, converged: m.converged };
}
