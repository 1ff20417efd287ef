/**
 * Dagan, Serrano & Volij (1999), Section 2 (assumption A5) and Example 1: utilities over
 * X = R_+^D × N^I, their covers, and almost strict concavity.
 *
 * Goods are laid out divisible first: indices 0..D−1 are divisible (index 0 is the paper's good 1,
 * the numéraire), D..D+I−1 indivisible. The family here is Example 1 generalised to several goods:
 *
 *   u(x) = v(ℓ(x)),   ℓ(x) = Σ_{d<D} w_d x_d + Σ_i r_i I(x_i ≥ 1)
 *
 * (each indivisible good wanted at most once, with reservation value r_i in units of the linear
 * index of the divisible goods; Example 1 is D = I = 1, w = r = 1). Its cover on the domain
 * {ℓ̂(x) ≥ Σ_i r_i}, ℓ̂(x) = w·x_D + Σ_i r_i min{x_i, 1}, is v(ℓ̂(x)) — Example 1's
 * û = v(x_1 + min{x_2, 1}) on {x_1 + min{x_2, 1} ≥ 1}. Why: v∘ℓ̂ is concave and ≥ u on X, so no cover
 * exceeds it; and every x of that domain is the mean of X-points on the level set ℓ = ℓ̂(x)
 * (lottery.ts's splitCell), so the quasiconcave cover reaches it.
 *
 * The independent routes (what the claims compare the closed form with):
 * - `concaveHullOnGrid`: the upper concave envelope of the points (y, u(y)) of a finite grid of X,
 *   as an LP over convex combinations (src/numeric/lp.ts);
 * - `quasiconcaveCover1x1`: the paper's definition û(x) = max{u(y) : x ∈ conv R(y)} for one
 *   divisible and one indivisible good, by bisection on the level with an exact membership test of
 *   x in the convex hull of the upper contour set (its two corners plus the orthant: u is monotone);
 * - `hullByEnumeration`: the same envelope as the LP, by enumerating every pair and triple of grid
 *   points (Carathéodory in the plane), sharing nothing with the LP.
 */
import type { Utility } from '../../economy/utilities.ts';
import type { LinearProgram, LpOptions, LpResult } from '../../numeric/lp.ts';

/**
 * The outer function v of Example 1: strictly increasing, strictly concave and bounded on R_+
 * ('exp': 1 − e^{−a s}; 'ratio': s/(b + s)), or the identity ('linear': concave, not strictly —
 * the linear utilities of DSV.Prop2.needs-almost-strict).
 */
export type VFamily = { kind: 'exp'; a: number } | { kind: 'ratio'; b: number } | { kind: 'linear' };

/** Example 1's utility generalised: u(x) = v(w·x_D + Σ r_i I(x_i ≥ 1)) (Section 2, Example 1). */
export interface UnitDemand {
  v: VFamily;
  /** Weights of the divisible goods (D = w.length ≥ 1), positive. */
  w: readonly number[];
  /** Reservation values of the indivisible goods (I = r.length), positive. */
  r: readonly number[];
}

/** Example 1 as printed: u(x_1, x_2) = v(x_1 + I(x_2)), reservation price 1 (Section 2, Example 1). */
export function example1(v: VFamily): UnitDemand {
  return { v, w: [1], r: [1] };
}

/**
 * The shared economy's Example 1 utility (src/economy/utilities.ts, kind 'example1': v(x_1 + r·I(x_2)),
 * v(s) = 1 − e^{−as}) as the unit-demand family here, which adds more goods and v(s) = s/(b + s).
 */
export function unitDemandOf(u: Extract<Utility, { kind: 'example1' }>): UnitDemand {
  return { v: { kind: 'exp', a: u.v.a }, w: [1], r: [u.r ?? 1] };
}

/** v(s) (Example 1: strictly increasing, strictly concave, bounded). */
export function vValue(v: VFamily, s: number): number {
  switch (v.kind) {
    case 'exp':
      return -Math.expm1(-v.a * s);
    case 'ratio':
      return s / (v.b + s);
    case 'linear':
      return s;
  }
}

/**
 * Bounds of v on [lo, hi] for almost strict concavity (A5): κ = min −v'' and M = max v'. For v with
 * v'' ≤ −κ and v' ≤ M, Jensen's gap of v∘ℓ̂ at weights (λ, 1−λ) is ≥ (κ/2)λ(1−λ)Δℓ̂² ≥
 * (κ/(2M²))λ(1−λ)Δû²: the constant c of the catalogue's "gap ≥ c·|û(x) − û(y)|²".
 */
export function vCurvature(v: VFamily, lo: number, hi: number): { kappa: number; slopeMax: number } {
  switch (v.kind) {
    case 'exp': // v' = a e^{−as}, v'' = −a² e^{−as}: both shrink in s
      return { kappa: v.a * v.a * Math.exp(-v.a * hi), slopeMax: v.a * Math.exp(-v.a * lo) };
    case 'ratio': // v' = b/(b+s)², v'' = −2b/(b+s)³
      return { kappa: (2 * v.b) / (v.b + hi) ** 3, slopeMax: v.b / (v.b + lo) ** 2 };
    case 'linear':
      return { kappa: 0, slopeMax: 1 };
  }
}

/** The constant c with gap ≥ c·λ(1−λ)·|û(x) − û(y)|² for û = v∘ℓ̂ with ℓ̂ on [lo, hi] (A5; see vCurvature). */
export function almostStrictConstant(v: VFamily, lo: number, hi: number): number {
  const { kappa, slopeMax } = vCurvature(v, lo, hi);
  return kappa / (2 * slopeMax * slopeMax);
}

/** ℓ(x) = w·x_D + Σ r_i I(x_i ≥ 1): the index u is v of (Example 1's x_1 + I(x_2)). */
export function linearIndex(u: UnitDemand, x: readonly number[]): number {
  const D = u.w.length;
  let s = 0;
  for (let d = 0; d < D; d++) s += u.w[d] * x[d];
  for (let i = 0; i < u.r.length; i++) if (x[D + i] >= 1) s += u.r[i];
  return s;
}

/** u(x) = v(ℓ(x)) on X (Example 1). */
export function unitDemandValue(u: UnitDemand, x: readonly number[]): number {
  return vValue(u.v, linearIndex(u, x));
}

/** ℓ̂(x) = w·x_D + Σ r_i min{x_i, 1}: the cover's index (Example 1's x_1 + min{x_2, 1}). */
export function coverIndex(u: UnitDemand, x: readonly number[]): number {
  const D = u.w.length;
  let s = 0;
  for (let d = 0; d < D; d++) s += u.w[d] * x[d];
  for (let i = 0; i < u.r.length; i++) s += u.r[i] * Math.min(x[D + i], 1);
  return s;
}

/** Σ r_i: the cover is v(ℓ̂) on {ℓ̂ ≥ Σ r_i} (Example 1's individually rational domain x_1 + min{x_2, 1} ≥ 1). */
export function coverThreshold(u: UnitDemand): number {
  return u.r.reduce((a, b) => a + b, 0);
}

/** x lies where the closed form is the cover (Example 1: x_1 + min{x_2, 1} ≥ 1). */
export function inCoverDomain(u: UnitDemand, x: readonly number[]): boolean {
  return coverIndex(u, x) >= coverThreshold(u);
}

/** Example 1's closed form û(x) = v(x_1 + min{x_2, 1}), generalised to v(ℓ̂(x)); the cover on inCoverDomain only. */
export function ex1Cover(u: UnitDemand, x: readonly number[]): number {
  return vValue(u.v, coverIndex(u, x));
}

/** Jensen's gap f(λx + (1−λ)y) − λf(x) − (1−λ)f(y): > 0 for f(x) ≠ f(y) iff f is almost strictly concave there (Section 2). */
export function concavityGap(f: (x: readonly number[]) => number, x: readonly number[], y: readonly number[], lambda: number): number {
  const m = x.map((xi, k) => lambda * xi + (1 - lambda) * y[k]);
  return f(m) - lambda * f(x) - (1 - lambda) * f(y);
}

// ---------------------------------------------------------------- independent routes

/** A finite grid of X = R_+ × N: x_1 ∈ {0, h, …, x1Max}, x_2 ∈ {0, …, x2Max}. */
export function gridPoints(h: number, x1Max: number, x2Max: number): number[][] {
  const pts: number[][] = [];
  const steps = Math.round(x1Max / h);
  for (let n = 0; n <= x2Max; n++) for (let k = 0; k <= steps; k++) pts.push([k * h, n]);
  return pts;
}

/** A synchronous LP solve (src/numeric/lp.ts's `lpSolver().solve`). */
export type LpSolve = (p: LinearProgram, o?: LpOptions) => LpResult;

/**
 * The upper concave envelope of the points (p_j, f_j) at x: max Σ λ_j f_j s.t. Σ λ_j p_j = x,
 * Σ λ_j = 1, λ ≥ 0 — the concave hull of u restricted to the grid, a lower bound of the cover that
 * is exact where the cover's support points lie on the grid (Section 2's û by hull membership).
 * undefined when x is outside the grid's hull.
 */
export function concaveHullOnGrid(points: readonly (readonly number[])[], values: readonly number[], x: readonly number[], solve: LpSolve): { value: number; weights: number[] } | undefined {
  const n = x.length;
  const A = [...Array.from({ length: n }, (_, k) => points.map((p) => p[k])), points.map(() => 1)];
  const rhs = [...x, 1];
  const r = solve({ sense: 'maximize', cost: values, A, rowLower: rhs, rowUpper: rhs }, { certify: false });
  if (r.status !== 'optimal' || !r.x) return undefined;
  return { value: r.objective!, weights: Array.from(r.x) };
}

/**
 * The same envelope by enumeration: the best combination of one, two or three grid points
 * containing x (an optimal basic solution of concaveHullOnGrid's LP has at most three; Carathéodory
 * in the plane). For x in R_+ × R_+ only; O(n³) — a certification route, not a search route.
 */
export function hullByEnumeration(points: readonly (readonly number[])[], values: readonly number[], x: readonly [number, number]): number {
  const eps = 1e-12;
  let best = -Infinity;
  const N = points.length;
  const same = (p: readonly number[]) => Math.abs(p[0] - x[0]) <= eps && Math.abs(p[1] - x[1]) <= eps;
  for (let i = 0; i < N; i++) {
    const a = points[i];
    if (same(a)) best = Math.max(best, values[i]);
    for (let j = i + 1; j < N; j++) {
      const b = points[j];
      // x on the segment [a, b]: x = a + t(b − a), t ∈ [0, 1]
      const dx = b[0] - a[0];
      const dy = b[1] - a[1];
      const cross = dx * (x[1] - a[1]) - dy * (x[0] - a[0]);
      if (Math.abs(cross) <= eps) {
        const t = Math.abs(dx) >= Math.abs(dy) ? (x[0] - a[0]) / dx : (x[1] - a[1]) / dy;
        if (t >= -eps && t <= 1 + eps) best = Math.max(best, (1 - t) * values[i] + t * values[j]);
      }
      for (let k = j + 1; k < N; k++) {
        const c = points[k];
        // barycentric coordinates of x in the triangle (a, b, c)
        const det = (b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1]);
        if (Math.abs(det) <= eps) continue;
        const l1 = ((x[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (x[1] - a[1])) / det;
        const l2 = ((b[0] - a[0]) * (x[1] - a[1]) - (x[0] - a[0]) * (b[1] - a[1])) / det;
        const l0 = 1 - l1 - l2;
        if (l0 < -eps || l1 < -eps || l2 < -eps) continue;
        best = Math.max(best, l0 * values[i] + l1 * values[j] + l2 * values[k]);
      }
    }
  }
  return best;
}

/**
 * x ∈ conv{A, B} + R²_+ for corners A, B of the plane: some point of the segment lies below x in
 * both coordinates. Each coordinate bounds t ∈ [0, 1] on one side (the point (1−t)A + tB is affine in t).
 */
export function segmentDominated(A: readonly number[], B: readonly number[], x: readonly number[]): boolean {
  let lo = 0;
  let hi = 1;
  for (let k = 0; k < x.length; k++) {
    // (1−t)A_k + tB_k ≤ x_k  ⟺  t·(B_k − A_k) ≤ x_k − A_k
    const slope = B[k] - A[k];
    const room = x[k] - A[k];
    if (slope > 0) hi = Math.min(hi, room / slope);
    else if (slope < 0) lo = Math.max(lo, room / slope);
    else if (room < 0) return false;
  }
  return lo <= hi;
}

/**
 * The paper's quasiconcave cover û(x) = max{u(y) : x ∈ conv R(y)} (Section 2) for one divisible and
 * one indivisible good, x ∈ R_+ × R_+ with x_2 ≤ 1 or beyond. The upper contour set {y ∈ X : ℓ(y) ≥ s}
 * is {y_2 = 0, w y_1 ≥ s} ∪ {y_2 ≥ 1, w y_1 ≥ s − r}; u is non-decreasing, so its convex hull is the
 * segment between the corners (s/w, 0) and (max{0, s − r}/w, 1) plus the orthant. The largest s
 * whose hull holds x is found by bisection (membership is monotone in s), and û(x) = v(s).
 */
export function quasiconcaveCover1x1(u: UnitDemand, x: readonly [number, number], iterations = 60): { s: number; value: number } {
  if (u.w.length !== 1 || u.r.length !== 1) throw new Error('quasiconcaveCover1x1: one divisible and one indivisible good');
  const [w] = u.w;
  const [r] = u.r;
  const holds = (s: number) => segmentDominated([Math.max(0, s) / w, 0], [Math.max(0, s - r) / w, 1], x);
  let lo = 0; // the origin's corner: every x ≥ 0 is in the hull at s = 0
  let hi = w * x[0] + r + 1; // beyond any point's reach: the corners' divisible part exceeds x_1 on average
  for (let k = 0; k < iterations && hi - lo > 1e-15 * Math.max(1, hi); k++) {
    const mid = (lo + hi) / 2;
    if (holds(mid)) lo = mid;
    else hi = mid;
  }
  return { s: lo, value: vValue(u.v, lo) };
}

/**
 * The paper's quasiconcave cover û(x) = max{u(y) : x ∈ conv R(y)} (Section 2) for any D and I, by
 * bisection on the level s with an LP membership test: the upper contour set {y ∈ X : ℓ(y) ≥ s} is
 * the union over the sets S of indivisible goods held of {y_I ≥ 1_S, w·y_D ≥ s − r(S)}; u is
 * non-decreasing, so its convex hull is conv{(max{0, s − r(S)}/w_d)e_d + 1_S : S, d} + R^n_+.
 * Returns û(x) = v(s) and the membership's combination at the level found (the corners and their
 * weights, Σ μ_j y_j ≤ x): the proof of Proposition 1's h ∈ conv ψ, with free disposal.
 */
export function quasiconcaveCoverLp(u: UnitDemand, x: readonly number[], solve: LpSolve, iterations = 50): { s: number; value: number; corners: number[][]; weights: number[] } {
  const D = u.w.length;
  const I = u.r.length;
  const corners = (s: number) => {
    const pts: number[][] = [];
    for (let S = 0; S < 1 << I; S++) {
      const held = Array.from({ length: I }, (_, i) => (S >> i) & 1);
      const t = Math.max(0, s - held.reduce((a, h, i) => a + h * u.r[i], 0));
      for (let d = 0; d < D; d++) pts.push([...u.w.map((w, e) => (e === d ? t / w : 0)), ...held]);
    }
    return pts;
  };
  const member = (s: number) => {
    const pts = corners(s);
    const A = [...x.map((_, k) => pts.map((p) => p[k])), pts.map(() => 1)];
    const r = solve({ cost: pts.map(() => 0), A, rowLower: [...x.map(() => -Infinity), 1], rowUpper: [...x, 1] }, { certify: false });
    return r.status === 'optimal' && r.x ? { pts, weights: Array.from(r.x) } : undefined;
  };
  let lo = 0;
  let hi = u.w.reduce((a, w, d) => a + w * x[d], 0) + coverThreshold(u) + 1;
  let best = member(0)!;
  for (let k = 0; k < iterations; k++) {
    const mid = (lo + hi) / 2;
    const m = member(mid);
    if (m) (lo = mid), (best = m);
    else hi = mid;
  }
  return { s: lo, value: vValue(u.v, lo), corners: best.pts, weights: best.weights };
}
