/**
 * Pycia & Wang (2015), Theorems 1–2: T_1, T_2, condition (T1-1) and β*.
 * Every quantity comes with the quadrature's own error estimate.
 */
import type { Dist } from '../../distributions/types.ts';
import { quad, quadVec, quadOptions } from '../../numeric/index.ts';
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
 * Points where the integrands bend or concentrate: the distribution's own kinks, every
 * v_i*, and for large n a geometric ladder towards v̄, where F^{n−2} puts its mass.
 */
function grid(dist: Dist, n: number, cuts: readonly number[]): number[] {
  const pts = new Set<number>([dist.lo, dist.hi, ...dist.breakpoints, ...cuts]);
  if (n > 16) {
    const w = dist.hi - dist.lo;
    for (let s = 0.25; s * n > 0.5; s /= 4) pts.add(dist.hi - s * w);
  }
  return [...pts].filter((x) => x >= dist.lo && x <= dist.hi).sort((a, b) => a - b);
}

/** Integrate the three integrands of T_1 and T_2 over [a, b]: (1−F)p dG, F p dG and F^n dp. */
function segment(dist: Dist, n: number, a: number, b: number, opts: QuadOptions): { v: Float64Array; err: Float64Array; ok: boolean } {
  const k = n - 2;
  const f3 = (p: number, out: Float64Array) => {
    const F = dist.cdf(p);
    const g = (n - 1) * Math.pow(F, k) * dist.pdf(p);
    out[0] = (1 - F) * p * g;
    out[1] = F * p * g;
    out[2] = Math.pow(F, n);
  };
  const singular = (a === dist.lo && dist.singularAt.lo) || (b === dist.hi && dist.singularAt.hi);
  if (!singular) {
    const r = quadVec(f3, 3, a, b, opts);
    return { v: r.value, err: r.abserr, ok: r.converged };
  }
  // An unbounded density at an end of the support: tanh-sinh per component.
  const tmp = new Float64Array(3);
  const v = new Float64Array(3);
  const err = new Float64Array(3);
  let ok = true;
  for (let c = 0; c < 3; c++) {
    const r = quad((p) => (f3(p, tmp), tmp[c]), a, b, { ...opts, method: 'auto' });
    v[c] = r.value;
    err[c] = r.abserr;
    ok &&= r.converged;
  }
  return { v, err, ok };
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
  const opts = { ...quadOptions(precision), ...extra };
  const vs = groups.map((g) => vStar(dist, g.share, n));
  const xs = grid(dist, n, vs);
  const segs = [] as { a: number; b: number; v: Float64Array; err: Float64Array }[];
  let ok = true;
  for (let j = 0; j + 1 < xs.length; j++) {
    const s = segment(dist, n, xs[j], xs[j + 1], opts);
    ok &&= s.ok;
    segs.push({ a: xs[j], b: xs[j + 1], v: s.v, err: s.err });
  }
  // Bracket at v*: the (1−F)p dG mass above v* minus the F p dG mass below it.
  const bracketAt = (v: number) => {
    let value = 0;
    let err = 0;
    for (const s of segs) {
      if (s.a >= v) { value += s.v[0]; err += s.err[0]; }
      else { value -= s.v[1]; err += s.err[1]; }
    }
    return { value, err };
  };
  let t1 = 0;
  let t1err = 0;
  // Rounding the quadrature cannot see: nodes near v̄ are placed to ε·|v̄|, which moves each
  // bracket by about that much whatever its size (measured: uniform, N = 2^16, 2e-16 per bracket).
  const rounding = 2 * Number.EPSILON * Math.max(1, Math.abs(dist.lo), Math.abs(dist.hi));
  const out = groups.map((g, k) => {
    const b = bracketAt(vs[k]);
    t1 += g.count * b.value;
    t1err += g.count * (b.err + rounding);
    return { share: g.share, count: g.count, vStar: vs[k], bracket: b.value };
  });
  let intFn = 0;
  let intFnErr = 0;
  for (const s of segs) { intFn += s.v[2]; intFnErr += s.err[2]; }
  const mean = dist.mean();
  const t2 = mean - (dist.hi - intFn);
  const T1 = { value: t1, abserr: t1err, converged: ok };
  const T2 = { value: t2, abserr: intFnErr + 1e-15 * Math.abs(dist.hi), converged: ok };
  return { T1, T2, betaStar: betaStar(T1.value, T2.value, n), groups: out, intFn: { value: intFn, abserr: intFnErr, converged: ok }, mean };
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
  const pts = grid(dist, n, []);
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
