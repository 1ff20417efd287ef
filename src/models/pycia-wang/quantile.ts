/**
 * Pycia & Wang (2015), Theorems 1–2, by a second route: T_1 and T_2 in quantile space.
 *
 * With u = F(p) and p = Q(u), dG = (n−1)u^{n−2}du, so every bracket and T_2 are integrals of a
 * polynomial in u times Q(u) over [0, 1]:
 *   bracket_i = ∫(1−u)Q dG − ∫_0^{u_i} Q dG   (u_i = r_i^{1/(n−1)}, the share's quantile level)
 *   T_2 = ∫Q(u)(1 − n u^{n−1}) du              (Lemma 2: mean − E[max])
 * Nothing here touches the density: a density unbounded at an end (Beta(½,½)), a spike narrower
 * than the doubles near it resolve (a piece of width 1e-9 at 0.5) or mass within one ulp of v̄
 * (Beta(1, 0.05)) are a smooth, bounded Q in u. The upper half is integrated in t = 1 − u with
 * Q = isf(t), so the top of the support, where F^{n−2} lives for large n, keeps its digits.
 * It shares no integrand, partition or error estimate with `cutoffGroups` (p-space, through the
 * density), which is what makes it a check on it.
 */
import { massWindow } from '../../distributions/affine.ts';
import type { Dist, DistSpec } from '../../distributions/types.ts';
import { powInt, quad, quadOptions, quadVecBatch } from '../../numeric/index.ts';
import type { Precision } from '../../numeric/types.ts';
import { betaStar, betaStarError, frameOf, type Estimate, type ShareGroup } from './cutoff.ts';

export interface QuantileValues {
  T1: Estimate;
  T2: Estimate;
  betaStar: number;
  betaStarErr: number;
  /** Per group (in the order given): the bracket and its error. */
  brackets: Estimate[];
}

const K_ = 0;
const P_ = 1;
const T2_ = 2;
const DIM = 3;

/** Both halves' running integrals: components K, P, T_2 at the cuts (lower half in u, upper half in t = 1 − u). */
interface Half {
  total: Float64Array;
  err: Float64Array;
  /** Running sums at the half's cuts, [k·DIM + q]. */
  partial: Float64Array;
  partialErr: Float64Array;
  ok: boolean;
}

/**
 * T_1, T_2 and β* from the quantile function (the module comment gives the formulas). For share
 * groups like `cutoffGroups`; every result carries its quadrature error.
 */
export function cutoffQuantile(dist0: Dist, n: number, groups: readonly ShareGroup[], precision: Precision = 'standard'): QuantileValues {
  const f = frameOf(dist0.at(precision), precision);
  if (!f) return quantileIn(dist0.at(precision), n, groups, precision, 0);
  // Translation-invariant and scaling with the width, as in cutoffGroups.
  const y = quantileIn(f.dist, n, groups, precision, f.shift);
  const { c, s } = f.frame;
  const scale = (e: Estimate): Estimate => ({ value: s * e.value, abserr: s * e.abserr, converged: e.converged });
  // A bracket moves by c(1/n − r_i) (the moves cancel in T1, as Σr = 1). Far from 0 that is ~c,
  // and rounding it (1/n, the difference, the product, the sum: a few ulps of c/n, ~4e-9 at
  // c = 1e8) is part of the bracket's error, far above the quadrature's s·abserr.
  const bracket = (b: Estimate, r: number): Estimate => {
    const moved = c * (1 / n - r);
    const rounding = Number.EPSILON * (Math.abs(c) / n + 2 * Math.abs(moved) + 2 * Math.abs(s * b.value));
    return { value: s * b.value + moved, abserr: s * b.abserr + rounding, converged: b.converged };
  };
  return { ...y, T1: scale(y.T1), T2: scale(y.T2), brackets: y.brackets.map((b, i) => bracket(b, groups[i].share)) };
}

function quantileIn(dist: Dist, n: number, groups: readonly ShareGroup[], precision: Precision, shift: number): QuantileValues {
  const opts = { ...quadOptions(precision), epsabs: (quadOptions(precision).epsabs ?? 1e-13) / n };
  const k = n - 2;
  // Quantile levels of the shares, as u (≤ ½) or as t = 1 − u (> ½, from log r/(n−1) without
  // cancellation). r = 0 gives u = exp(−∞) = 0, r = 1 gives t = −expm1(0) = −0: both read as level 0.
  const levels = groups.map((g) => {
    const logU = Math.log(g.share) / (n - 1);
    return logU > -Math.LN2 ? { lower: false, x: -Math.expm1(logU) } : { lower: true, x: Math.exp(logU) };
  });
  // Q jumps or kinks where F has flat stretches or kinks: the distribution's breakpoints, in u and in t.
  const bu: number[] = [];
  const bt: number[] = [];
  // A mixture's Q bends where a part's mass starts or ends and within a few of its sd (a spike of
  // sd 1e-5 at v̄ over a uniform: Q's slope drops from 1.1 to 1/8000 at u ≈ 0.9, and a panel across
  // that bend misled Gauss–Kronrod's estimate by 1e3×): cut at those points' levels too.
  for (const b of [...dist.breakpoints, ...partBends(dist.spec)]) {
    const u = dist.cdf(b);
    if (u < 0.5) bu.push(u);
    else bt.push(dist.sf(b));
  }
  // For large n, dG = (n−1)u^{n−2}du lives where t ≲ 1/n: cut there so every panel sees it.
  const conc = n > 16 ? [128 / n, 32 / n, 4 / n, 1 / (2 * n)].filter((t) => t < 0.5) : [];
  const lowerAt = sortedInside(levels.filter((l) => l.lower).map((l) => l.x));
  const upperAt = sortedInside(levels.filter((l) => !l.lower).map((l) => l.x));

  // Integrand in u on [0, ½]: Q(u), u^{n−2} by powering.
  const lowerHalf = half(
    (u) => dist.quantile(u) - shift,
    (u) => powInt(u, k),
    (u) => u,
    (u) => 1 - u,
    lowerAt,
    [...bu],
    n,
    opts,
  );
  // Integrand in t on [0, ½]: Q(1 − t) = isf(t), (1 − t)^{n−2} without rounding 1 − t first.
  const upperHalf = half(
    (t) => dist.isf(t) - shift,
    (t) => Math.exp(k * Math.log1p(-t)),
    (t) => 1 - t,
    (t) => t,
    upperAt,
    [...bt, ...conc],
    n,
    opts,
  );
  const totals = (q: number) => lowerHalf.total[q] + upperHalf.total[q];
  const errs = (q: number) => lowerHalf.err[q] + upperHalf.err[q];
  const ok = lowerHalf.ok && upperHalf.ok;
  const K = totals(K_);
  const Kerr = errs(K_);
  const Ptotal = totals(P_);
  const brackets = levels.map((l): Estimate => {
    let P: number;
    let Perr: number;
    if (l.lower) {
      // ∫_0^{u_i}: the lower half's running sum (0 at u = 0, its total at u = ½).
      const j = lowerAt.indexOf(l.x);
      P = l.x <= 0 ? 0 : l.x >= 0.5 ? lowerHalf.total[P_] : lowerHalf.partial[j * DIM + P_];
      Perr = l.x <= 0 ? 0 : l.x >= 0.5 ? lowerHalf.err[P_] : lowerHalf.partialErr[j * DIM + P_];
    } else {
      // ∫_0^{u_i} = total − ∫_{u_i}^1, and ∫_{u_i}^1 is the upper half's running sum up to t_i.
      const j = upperAt.indexOf(l.x);
      const tail = l.x <= 0 ? 0 : l.x >= 0.5 ? upperHalf.total[P_] : upperHalf.partial[j * DIM + P_];
      const tailErr = l.x <= 0 ? 0 : l.x >= 0.5 ? upperHalf.err[P_] : upperHalf.partialErr[j * DIM + P_];
      P = Ptotal - tail;
      Perr = lowerHalf.err[P_] + upperHalf.err[P_] + tailErr;
    }
    // Q − shift in the integrands: add back shift·(1/n − G(u_i)), G(u_i) = r_i.
    const share = groups[levels.indexOf(l)].share;
    return { value: K - P + shift * (1 / n - share), abserr: Kerr + Perr, converged: ok };
  });
  let t1 = 0;
  let t1err = 0;
  groups.forEach((g, i) => {
    t1 += g.count * brackets[i].value;
    t1err += g.count * brackets[i].abserr;
  });
  // Rounding of Q itself: each quantile is good to a few ulp of max|p|.
  const rounding = 4 * Number.EPSILON * Math.max(Math.abs(dist.lo), Math.abs(dist.hi));
  const T1 = { value: t1, abserr: t1err + n * rounding, converged: ok };
  const T2 = { value: totals(T2_), abserr: errs(T2_) + rounding, converged: ok };
  return { T1, T2, betaStar: betaStar(T1.value, T2.value, n), betaStarErr: betaStarError(T1, T2, n), brackets };
}

/**
 * Where a mixture's parts bend Q: each part's mass window ends and, for a truncated normal part,
 * its mean ± 1, 3 and 10 sd (inside the window). Empty for a distribution that is not a mixture.
 */
function partBends(spec: DistSpec): number[] {
  if (spec.kind !== 'mixture') return [];
  const out: number[] = [];
  for (const p of spec.parts) {
    if (!(p.weight > 0)) continue;
    const w = massWindow(p.dist);
    const lo = w.anchor + w.dlo;
    const hi = w.anchor + w.dhi;
    const mine = [lo, hi, ...partBends(p.dist)];
    if (p.dist.kind === 'truncated-normal') for (const k of [1, 3, 10]) mine.push(p.dist.mean - k * p.dist.sd, p.dist.mean + k * p.dist.sd);
    out.push(...mine.filter((x) => x >= lo && x <= hi));
  }
  return out;
}

/** Sorted distinct values strictly inside (0, ½). */
function sortedInside(xs: number[]): number[] {
  return [...new Set(xs)].filter((x) => x > 0 && x < 0.5).sort((a, b) => a - b);
}

/**
 * One half of [0, 1] in its own variable s ∈ [0, ½]: Q(s), the power u^{n−2}, u and 1 − u given
 * as functions of s (1 − u is t itself in the upper half: no cancellation). Components: (1−u)·Q·g, Q·g, Q·(1 − n u^{n−1}) with g = (n−1)u^{n−2}
 * (the Jacobian's sign is the same for both halves' totals, since both run over [0, ½] and
 * integrate a density in u). Falls back to scalar 'auto' quadrature (tanh-sinh where Gauss–Kronrod
 * does not converge) per component when the vector rule does not converge: Q may have an
 * unbounded derivative at an end (Beta(3, 3): Q ~ u^{1/3}).
 */
function half(
  Q: (s: number) => number,
  powK: (s: number) => number,
  uOf: (s: number) => number,
  oneMinusU: (s: number) => number,
  at: number[],
  extra: number[],
  n: number,
  opts: { epsabs?: number; epsrel?: number; limit?: number },
): Half {
  const fill = (s: number, out: Float64Array, base: number) => {
    const u = uOf(s);
    const q = Q(s);
    const pk = powK(s);
    const g = (n - 1) * pk;
    out[base + K_] = oneMinusU(s) * q * g;
    out[base + P_] = q * g;
    out[base + T2_] = q * (1 - n * pk * u);
  };
  const batch = (xs: Float64Array, count: number, out: Float64Array) => {
    for (let i = 0; i < count; i++) fill(xs[i], out, i * DIM);
  };
  // Unfiltered: quad and quadVecBatch keep only the distinct points strictly inside their own
  // interval, sorted (numeric/quadrature.ts, `breakpoints`; pinned in cutoff-mutants.test.ts).
  const points = [...at, ...extra];
  const r = quadVecBatch(batch, DIM, 0, 0.5, { ...opts, points, partialAt: at });
  const finite = [...r.value, ...r.abserr].every(Number.isFinite);
  if (r.converged && finite) return { total: r.value, err: r.abserr, partial: r.partial!.value, partialErr: r.partial!.abserr, ok: true };
  // Scalar fallback, piece by piece between the cuts so the running sums come out too.
  const tmp = new Float64Array(DIM);
  const edges = [0, ...at, 0.5];
  const total = new Float64Array(DIM);
  const err = new Float64Array(DIM);
  const partial = new Float64Array(at.length * DIM);
  const partialErr = new Float64Array(at.length * DIM);
  let ok = true;
  for (let j = 0; j + 1 < edges.length; j++) {
    for (let q = 0; q < DIM; q++) {
      const s = quad(
        (x) => {
          fill(x, tmp, 0);
          return tmp[q];
        },
        edges[j],
        edges[j + 1],
        { ...opts, points, method: 'auto' },
      );
      ok &&= s.converged && Number.isFinite(s.value) && Number.isFinite(s.abserr);
      total[q] += s.value;
      err[q] += s.abserr;
    }
    if (j < at.length) {
      partial.set(total, j * DIM);
      partialErr.set(err, j * DIM);
    }
  }
  return { total, err, partial, partialErr, ok };
}
