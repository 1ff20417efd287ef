/**
 * Jackson & Palfrey (1996), Section 4, "Dynamic Efficiency": the dynamically efficient cutoff rule
 * — Theorem 1's recursion (3) with (2) for homogeneous sellers and δ = 1 (a nested fixed point,
 * every sign change scanned at each level), Theorem 2's eq. (4) for T = 2, any sellers and any δ
 * (a fixed point in the profile β_1(·), solved from several starts with sorted prefix sums and
 * Anderson acceleration), the static competitive price, and Example 1's closed forms.
 */
import { brent } from '../../numeric/roots.ts';
import { makeRng } from '../../numeric/rng.ts';
import { buyerCdf, buyerExcess, buyerTotal, cellMass, refineBuyers, sellerTotal } from './economy.ts';
import type { Buyers, Economy, Sellers } from './types.ts';

// =============================================================================================
// Example 1 (Section 4): uniform buyers of mass 1, sellers m at 0 and 1 − m at 1, T = 2, δ = 1.

/** Example 1's closed form c*(m) = (√(1 − m) − (1 − m))/m, computed as √(1 − m)/(1 + √(1 − m)) (no cancellation near m = 0). */
export function cStar(m: number): number {
  // (√r − r)/m with r = 1 − m equals √r(1 − √r)/m = √r/(1 + √r) since 1 − r = m: no cancellation near m = 0
  const q = Math.sqrt(1 - m);
  return q / (1 + q);
}

/** Example 1's E_2(c) = ∫ b dB_2/B_2(1) for cutoff c: (1 − m(1 − c)(1 + c)) / (2(1 − m(1 − c))) (the corrected denominator). */
export function example1E2(m: number, c: number): number {
  return (1 - m * (1 - c) * (1 + c)) / (2 * (1 - m * (1 - c)));
}

/** Example 1's total surplus W(c) = m(1 − c²)/2 + m·c·E_2(c) (period 1's trades, then the mc sellers left meet the mean buyer). */
export function example1W(m: number, c: number): number {
  return (m * (1 - c * c)) / 2 + m * c * example1E2(m, c);
}

/** Residual of Example 1's fixed-point equation as corrected: c − (1 − m(1−c)(1+c)) / (2(1 − m(1 − c))). */
export function example1Residual(m: number, c: number): number {
  return c - example1E2(m, c);
}

/** Residual of Example 1's fixed-point equation as printed: c − (1 − m(1−c)(1+c)) / (2(1 − m(1 + c))) (a misprint; CLAIMS.md). */
export function example1PrintedResidual(m: number, c: number): number {
  return c - (1 - m * (1 - c) * (1 + c)) / (2 * (1 - m * (1 + c)));
}

// =============================================================================================
// The static competitive price.

/** Inverse of B on [0, 1] from below: inf{b ∈ [0, 1] : B(b) ≥ y} (0 when the atom at 0 covers y; 1 when nothing does). */
export function buyerQuantileLo(b: Buyers, y: number): number {
  if (y <= b.atom0) return 0;
  let acc = b.atom0;
  for (let i = 0; i < b.density.length; i++) {
    const m = cellMass(b, i);
    // acc < y on entry to every cell (else the atom or an earlier cell returned): a cell of mass 0 never passes
    if (acc + m >= y) return Math.min(b.knots[i + 1], b.knots[i] + (y - acc) / b.density[i]);
    acc += m;
  }
  return 1;
}

/** Inverse of B on [0, 1] from above: sup{b ∈ [0, 1] : B(b) ≤ y} (−∞ when even B(0) > y). */
export function buyerQuantileHi(b: Buyers, y: number): number {
  if (y < b.atom0) return -Infinity;
  let acc = b.atom0;
  for (let i = 0; i < b.density.length; i++) {
    const m = cellMass(b, i);
    // acc ≤ y on entry to every cell (else the atom or an earlier cell returned): a cell of mass 0 never passes
    if (acc + m > y) return Math.max(b.knots[i], b.knots[i] + (y - acc) / b.density[i]);
    acc += m;
  }
  return 1;
}

/**
 * The static competitive price (Section 4; Corollary 1(ii)): every p ∈ [0, 1] at which the sellers
 * with s < p fit in the demand and the sellers with s ≤ p cover it — S(p−) ≤ B(1) − B(p) ≤ S(p).
 * An interval {lo, hi} where atoms or gaps in the buyers' density make it one. For homogeneous sellers
 * it is the paper's B_1^{-1}(B_1(1) − S_1(0)).
 */
export function competitivePrice(e: Economy): { lo: number; hi: number } {
  const { buyers, sellers } = e;
  const B1 = buyerTotal(buyers);
  const v = sellers.values;
  const n = v.length;
  // Between atoms, S is constant: on [v_j, v_{j+1}) the demand D(p) = B1 − B(p) ≤ S_j iff p ≥ B^{-1}_lo(B1 − S_j).
  let lo = NaN;
  let S = 0;
  for (let j = -1; j < n && Number.isNaN(lo); j++) {
    if (j >= 0) S += sellers.mass[j];
    const from = j >= 0 ? v[j] : 0;
    const to = j + 1 < n ? v[j + 1] : 1;
    const p = Math.max(from, buyerQuantileLo(buyers, B1 - S));
    if (p < to) lo = p;
  }
  // nothing below 1 clears: the last atom's p was 1
  if (Number.isNaN(lo)) lo = 1;
  // On (v_j, v_{j+1}] S(p−) = S_j is constant: S_j ≤ D(p) iff p ≤ B^{-1}_hi(B1 − S_j).
  let hi = NaN;
  // upTo[j + 1] = Σ_{i ≤ j} mass_i, summed from the bottom as the loop above sums S: below the first
  // atom it is 0 exactly (subtracting from the total left round-off there, 1e-16, and in a gap of the
  // buyers' density that moved hi from the gap's right end to its left one).
  const upTo = new Float64Array(n + 1);
  for (let j = 0; j < n; j++) upTo[j + 1] = upTo[j] + sellers.mass[j];
  for (let j = n - 1; j >= -1 && Number.isNaN(hi); j--) {
    const Sj = upTo[j + 1]; // S(p−) on (v_j, v_{j+1}] counts atoms ≤ v_j
    const to = j + 1 < n ? v[j + 1] : 1;
    const p = Math.min(to, buyerQuantileHi(buyers, B1 - Sj));
    // at j = −1, p = min(v_0, B^{-1}_hi(B_1(1))) = v_0 ≥ 0 (B never exceeds B_1(1)): the loop always ends with hi set
    if (j < 0 || p > v[j]) hi = p;
  }
  return { lo, hi: Math.max(lo, hi) };
}

/** Corollary 1(ii)'s competitive price as printed, B_1^{-1}(B_1(1) − S_1(0)), as the interval of the inverse where B_1 is flat. */
export function competitivePriceHomogeneous(e: Economy): { lo: number; hi: number } {
  const y = buyerTotal(e.buyers) - (e.sellers.values[0] === 0 ? e.sellers.mass[0] : 0);
  const lo = buyerQuantileLo(e.buyers, y);
  return { lo, hi: Math.max(lo, buyerQuantileHi(e.buyers, y)) };
}

// =============================================================================================
// Theorem 1: homogeneous sellers, δ = 1, recursion (3) with (2).

/** Options of the nested scan: points per level (every sign change between them is bracketed) and Brent's tolerance. */
export interface ScanOptions {
  scanPoints?: number;
  xtol?: number;
}

/** The result of Theorem 1's recursion: β_t(0) for t = 1..T (β_T(0) = 0), every root found at each level on the solution's path, the residuals. */
export interface Theorem1Result {
  beta0: number[];
  /** roots[t − 1]: every root of level t's equation found by the scan, given the cutoffs before it. */
  roots: number[][];
  /** |β_t − RHS of (3)| at the returned cutoffs. */
  residuals: number[];
  unique: boolean;
  converged: boolean;
}

/**
 * B_t under a homogeneous cutoff rule, kept as B_1 times a step factor: after the cutoffs c_1..c_{t−1},
 * the buyers at b keep the share Π_{i: c_i ≤ b} keep_i (eq. (2): a buyer above c_i met a 0-valued seller
 * with probability S_i(0)/S_i(1) and traded). Integrals of B_t are then a few prefix-sum lookups on B_1,
 * O(t log K), whatever the number of cells — the nested scan below evaluates them ~10^5–10^6 times.
 */
export class LayeredBuyers {
  private readonly M: Float64Array; // M[i] = ∫_0^{knots[i]} dB_1 (without the atom)
  private readonly P: Float64Array; // P[i] = ∫_0^{knots[i]} b dB_1
  constructor(
    readonly base: Buyers,
    readonly cuts: readonly { c: number; keep: number }[] = [],
  ) {
    const K = base.density.length;
    this.M = new Float64Array(K + 1);
    this.P = new Float64Array(K + 1);
    for (let i = 0; i < K; i++) {
      const lo = base.knots[i];
      const hi = base.knots[i + 1];
      this.M[i + 1] = this.M[i] + base.density[i] * (hi - lo);
      this.P[i + 1] = this.P[i] + (base.density[i] * (hi - lo) * (hi + lo)) / 2;
    }
  }
  private withCuts(cuts: { c: number; keep: number }[]): LayeredBuyers {
    const l = Object.create(LayeredBuyers.prototype) as LayeredBuyers;
    Object.assign(l, { base: this.base, cuts, M: this.M, P: this.P });
    return l;
  }
  /** ∫_0^x dB_1 and ∫_0^x b dB_1 (continuous part), x ∈ [0, 1]. */
  private prefix(x: number): [number, number] {
    const k = this.base.knots;
    let lo = 0;
    let hi = k.length - 2;
    if (x >= 1) return [this.M[hi + 1], this.P[hi + 1]];
    if (x <= 0) return [0, 0];
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (k[mid] <= x) lo = mid;
      else hi = mid - 1;
    }
    const d = this.base.density[lo];
    return [this.M[lo] + d * (x - k[lo]), this.P[lo] + (d * (x - k[lo]) * (x + k[lo])) / 2];
  }
  private factor(b: number): number {
    let f = 1;
    for (const { c, keep } of this.cuts) if (c <= b) f *= keep;
    return f;
  }
  /** ∫_{b ≥ x} dB_t and ∫_{b ≥ x} b dB_t, the atom at 0 included when x ≤ 0. */
  above(x: number): [number, number] {
    const pts = [Math.max(0, x)];
    for (const { c } of this.cuts) if (c > x && c < 1) pts.push(c);
    pts.sort((a, b) => a - b);
    pts.push(1);
    let m = x <= 0 ? this.base.atom0 * this.factor(0) : 0;
    let p = 0;
    let [m0, p0] = this.prefix(pts[0]);
    for (let k = 0; k + 1 < pts.length; k++) {
      const [m1, p1] = this.prefix(pts[k + 1]);
      // the factor on (pts[k], pts[k+1]) is the factor just above pts[k]
      const f = this.factor(pts[k]);
      m += f * (m1 - m0);
      p += f * (p1 - p0);
      m0 = m1;
      p0 = p1;
    }
    return [m, p];
  }
  /** B_t(1). */
  total(): number {
    return this.above(0)[0];
  }
  /** ∫ max(b, β) dB_t/B_t(1) = β + E(b − β)⁺ (the right side of (3)); 0 in an emptied market. */
  expectedMax(beta: number): number {
    const B = this.total();
    if (!(B > 0)) return 0;
    // ∫_{b ≥ β} (b − β) dB_t; at β = 0 the atom at 0 is in m but weighs 0 (cutoffs are ≥ 0)
    const [m, p] = this.above(beta);
    return beta + Math.max(0, p - beta * m) / B;
  }
  /** One period of (2) under cutoff c with s0 sellers at 0: buyers b ≥ c trade with probability s0/B_t(1). */
  step(s0: number, c: number): { buyers: LayeredBuyers; s0: number } {
    const B = this.total();
    if (!(B > 0)) return { buyers: this, s0 };
    const keep = Math.max(0, 1 - s0 / B);
    const [above] = this.above(c);
    return { buyers: this.withCuts([...this.cuts, { c, keep }]), s0: s0 * Math.max(0, 1 - above / B) };
  }
}

/**
 * Theorem 1, eq. (3): β_t(0) = ∫ max[b, β_{t+1}(0)] dB_{t+1}(b)/B_{t+1}(1) for t < T, β_T(0) = 0,
 * B_{t+1} from (2). Solved as a nested fixed point: at level t, F(c) = c − RHS(c), where RHS needs
 * B_{t+1} after cutoff c and the level-(t + 1) solution given it. F(0) ≤ 0 ≤ F(1), and the scan
 * brackets every sign change between its points (Brent on each), so several roots are reported,
 * not hidden; the path continues with the smallest. Sellers at 1 never trade (β_t(1) = 1).
 */
export function theorem1Cutoffs(e: Economy, T: number, opts: ScanOptions = {}): Theorem1Result {
  const N = opts.scanPoints ?? 16;
  const xtol = opts.xtol ?? 1e-14;
  const s0 = e.sellers.values[0] === 0 ? e.sellers.mass[0] : 0;
  const roots: number[][] = [];
  let converged = true;

  /** The cutoffs from level t on, given the market at t; `record` collects the roots on the solution path. */
  const solve = (t: number, buyers: LayeredBuyers, s: number, record: boolean): number[] => {
    if (t === T) return [0];
    const F = (c: number) => {
      const nx = buyers.step(s, c);
      const rest = solve(t + 1, nx.buyers, nx.s0, false);
      return c - nx.buyers.expectedMax(rest[0]);
    };
    const found: number[] = [];
    let prevX = 0;
    let prevF = F(0);
    if (prevF === 0) found.push(0);
    for (let k = 1; k <= N; k++) {
      const x = k / N;
      const f = F(x);
      if (f === 0) found.push(x);
      else if (prevF !== 0 && prevF < 0 !== f < 0) {
        const r = brent(F, prevX, x, { xtol });
        if (!r.converged) converged = false;
        found.push(r.root);
      }
      prevX = x;
      prevF = f;
    }
    if (found.length === 0) {
      converged = false;
      found.push(1);
    }
    const c = found[0];
    const next = buyers.step(s, c);
    const rest = solve(t + 1, next.buyers, next.s0, record);
    if (record) roots[t - 1] = found;
    return [c, ...rest];
  };

  const start = new LayeredBuyers(e.buyers);
  const beta0 = solve(1, start, s0, true);
  roots[T - 1] = [0];
  // residuals of (3) along the path, recomputed forwards
  const residuals: number[] = [];
  let b = start;
  let s = s0;
  for (let t = 1; t < T; t++) {
    const nx = b.step(s, beta0[t - 1]);
    residuals.push(Math.abs(beta0[t - 1] - nx.buyers.expectedMax(beta0[t])));
    b = nx.buyers;
    s = nx.s0;
  }
  residuals.push(0);
  return { beta0, roots, residuals, unique: roots.every((r) => r.length === 1), converged };
}

// =============================================================================================
// Theorem 2: T = 2, any sellers, any δ ∈ [0, 1], eq. (4).

/** The market in period 2 after the period-1 cutoffs β (per seller atom), eqs. (1)–(2), built with sorted prefix sums. */
export interface Period2 {
  /** B_2 on the buyers' knots merged with the cutoffs. */
  buyers: Buyers;
  /** S_2's masses per seller atom. */
  sellerMass: Float64Array;
  B2: number;
  S2: number;
  /** R_B(s_j) = ∫ max(b′ − s_j, 0) dB_2/B_2(1) for each seller atom. */
  RB: Float64Array;
  /** K = ∫∫ max(b′ − s′, 0) dB_2/B_2(1) dS_2(s′)/S_2(1): the displaced match of eq. (4). */
  K: number;
  /** Prefix sums over the atoms: P[k] = Σ_{j<k} σ2_j, Q[k] = Σ_{j<k} σ2_j s_j. */
  P: Float64Array;
  Q: Float64Array;
}

/** B_2, S_2 and eq. (4)'s ingredients after period-1 cutoffs β (Theorem 2's setting), in O((n + K) log n). */
export function period2(e: Economy, beta: Float64Array): Period2 {
  const { buyers, sellers } = e;
  const v = sellers.values;
  const n = v.length;
  const B1 = buyerTotal(buyers);
  const S1 = sellerTotal(sellers);
  // sellers' cutoffs in increasing order, with the mass that trades from each cutoff up
  // β_1 is increasing in s near the fixed point (Theorem 2), so the atoms' own order is usually already sorted
  let sorted = true;
  for (let j = 1; j < n && sorted; j++) sorted = beta[j] >= beta[j - 1];
  const order = sorted ? Uint32Array.from({ length: n }, (_, j) => j) : Uint32Array.from(Array.from({ length: n }, (_, j) => j).sort((a, b) => beta[a] - beta[b]));
  const cuts: number[] = [];
  for (const j of order) if (beta[j] > 0 && beta[j] < 1 && (cuts.length === 0 || cuts[cuts.length - 1] !== beta[j])) cuts.push(beta[j]);
  const b = refineBuyers(buyers, cuts);
  // r(b) = Σ_{j: β_j ≤ b} σ_j / S_1, for each cell's left end
  const K = b.density.length;
  const density = new Float64Array(K);
  let k = 0;
  let acc = 0;
  let atomShare = 0;
  while (k < n && beta[order[k]] <= 0) acc += sellers.mass[order[k++]];
  atomShare = acc / S1;
  for (let c = 0; c < K; c++) {
    while (k < n && beta[order[k]] <= b.knots[c]) acc += sellers.mass[order[k++]];
    density[c] = b.density[c] * Math.max(0, 1 - acc / S1);
  }
  const b2: Buyers = { atom0: b.atom0 * Math.max(0, 1 - atomShare), knots: b.knots, density };
  // S_2: seller j keeps the share of buyers below β_j. B_1(β−) = B_1(β) except the atom at 0 (β = 0: nothing below).
  const sellerMass = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const below = beta[j] <= 0 ? 0 : buyerCdf(buyers, beta[j]);
    sellerMass[j] = sellers.mass[j] * Math.min(1, Math.max(0, below / B1));
  }
  // Suffix sums of mass and first moment over B_2's cells: E(b − s)⁺·B_2 for each s in one sweep.
  let B2 = b2.atom0;
  const sm = new Float64Array(K + 1);
  const sp = new Float64Array(K + 1);
  for (let c = K - 1; c >= 0; c--) {
    const m = b2.density[c] * (b2.knots[c + 1] - b2.knots[c]);
    sm[c] = sm[c + 1] + m;
    sp[c] = sp[c + 1] + (m * (b2.knots[c] + b2.knots[c + 1])) / 2;
  }
  B2 += sm[0];
  const RB = new Float64Array(n);
  let c = 0;
  for (let j = 0; j < n; j++) {
    const s = v[j];
    while (c < K - 1 && b2.knots[c + 1] <= s) c++;
    const hi = b2.knots[c + 1];
    const lo = Math.max(b2.knots[c], s);
    const part = hi > lo ? (b2.density[c] * (hi - lo) * (hi + lo - 2 * s)) / 2 : 0;
    const ex = part + sp[c + 1] - s * sm[c + 1];
    RB[j] = B2 > 0 ? Math.max(0, ex) / B2 : 0;
  }
  const P = new Float64Array(n + 1);
  const Q = new Float64Array(n + 1);
  for (let j = 0; j < n; j++) {
    P[j + 1] = P[j] + sellerMass[j];
    Q[j + 1] = Q[j] + sellerMass[j] * v[j];
  }
  const S2 = P[n];
  let Ksum = 0;
  for (let j = 0; j < n; j++) Ksum += sellerMass[j] * RB[j];
  return { buyers: b2, sellerMass, B2, S2, RB, K: S2 > 0 ? Ksum / S2 : 0, P, Q };
}

/**
 * Eq. (4) for one seller value s given period 2: β − s = δ[R_B(s) + ∫ max(β − s′, 0) dS_2/S_2(1) − K],
 * β = 1 where no β < 1 solves it. The right side's seller term is piecewise linear in β with slope
 * S_2(β−)/S_2(1) ≤ 1, so h(β) = β − s − δ[…] is non-decreasing: the root is found exactly on the
 * segment between two atoms that a binary search over the atoms picks. RB is R_B(s).
 */
export function solveEq4(values: Float64Array, p2: Period2, s: number, RB: number, delta: number): number {
  const n = values.length;
  if (!(p2.S2 > 0) || !(p2.B2 > 0)) return s; // emptied market: period 2 adds nothing, trade iff b ≥ s
  const c0 = s + delta * RB - delta * p2.K;
  // with k atoms strictly below β: h(β) = β(1 − δP_k/S2) + δQ_k/S2 − c0
  const hk = (beta: number, k: number) => beta * (1 - (delta * p2.P[k]) / p2.S2) + (delta * p2.Q[k]) / p2.S2 - c0;
  const below = (x: number) => {
    // atoms with value < x
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  // h(1) < 0: no root below 1. But with every atom below 1 and δ = 1 the last segment is flat (slope
  // 1 − δ·P_n/S2 = 0 exactly) and h there is h at the last atom, 0 for the seller whose equation ties
  // (one atom: 0 = 0 on [s, 1]) up to the round-off of RB, K and Q/S2: that round-off must not pick 1
  // over the smallest root (mut-jp.md, "Noticed, not fixed"; test/jackson-palfrey/efficient-theorem2-mutants.test.ts).
  const top = below(1);
  const h1 = hk(1, top);
  const flat = !(1 - (delta * p2.P[top]) / p2.S2 > 0);
  if (h1 < 0 && !(flat && h1 >= -64 * Number.EPSILON * (1 + Math.abs(c0)))) return 1;
  if (hk(0, 0) >= 0) return 0;
  // the last atom index k (value in (0, 1)) with h(values[k]) ≤ 0; the root lies after it
  let lo = below(0);
  let hi = below(1);
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (hk(values[mid], mid) <= 0) lo = mid + 1;
    else hi = mid;
  }
  // atoms 0..lo−1 lie below the root (h at them ≤ 0), atoms lo.. above
  const slope = 1 - (delta * p2.P[lo]) / p2.S2;
  const from = lo > 0 ? values[lo - 1] : 0;
  const to = lo < n ? Math.min(1, values[lo]) : 1;
  if (!(slope > 0)) return from; // flat: h = 0 on the segment, the smallest root
  const root = (c0 - (delta * p2.Q[lo]) / p2.S2) / slope;
  return Math.min(to, Math.max(from, root));
}

/** Φ(β): eq. (4) solved per seller atom given the period-2 market that β induces. */
export function eq4Map(e: Economy, beta: Float64Array, delta: number): { next: Float64Array; p2: Period2 } {
  const p2 = period2(e, beta);
  const v = e.sellers.values;
  return { next: Float64Array.from(v, (s, j) => solveEq4(v, p2, s, p2.RB[j], delta)), p2 };
}

/** Options of the eq. (4) solver. */
export interface Theorem2Options {
  /** Starts besides β = s and β = 1 (seeded random profiles in [s, 1]). */
  randomStarts?: number;
  tol?: number;
  maxIter?: number;
  seed?: string;
}

export interface Theorem2Result {
  /** β_1(s_j) per seller atom (β_2(s) = s). */
  beta: Float64Array;
  /** max_j |Φ(β)_j − β_j| at the answer. */
  residual: number;
  /** Largest difference between the profiles the starts reached. */
  spread: number;
  starts: number;
  iterations: number;
  converged: boolean;
  p2: Period2;
  /** Where each start ended and its residual max_j |Φ(β)_j − β_j| (starts: β = s, β = 1, then the random ones). */
  runs: { beta: Float64Array; residual: number }[];
}

/** Anderson-accelerated fixed-point iteration of Φ from one start, with a plain step whenever the mixed step does not lower the residual. */
function iterate(e: Economy, start: Float64Array, delta: number, tol: number, maxIter: number) {
  const m = 5;
  const n = start.length;
  let x = start;
  let { next: fx } = eq4Map(e, x, delta);
  // differences of successive iterates and of their residuals g = Φ(x) − x, the last m of them
  const dX: Float64Array[] = [];
  const dG: Float64Array[] = [];
  let prevX: Float64Array | null = null;
  let prevG: Float64Array | null = null;
  const resNorm = (a: Float64Array, b: Float64Array) => {
    let r = 0;
    for (let j = 0; j < n; j++) r = Math.max(r, Math.abs(a[j] - b[j]));
    return r;
  };
  let res = resNorm(fx, x);
  let it = 0;
  while (res > tol && it < maxIter) {
    it++;
    const g = new Float64Array(n);
    for (let j = 0; j < n; j++) g[j] = fx[j] - x[j];
    if (prevX && prevG) {
      const ddx = new Float64Array(n);
      const ddg = new Float64Array(n);
      for (let j = 0; j < n; j++) {
        ddx[j] = x[j] - prevX[j];
        ddg[j] = g[j] - prevG[j];
      }
      dX.push(ddx);
      dG.push(ddg);
      if (dX.length > m) {
        dX.shift();
        dG.shift();
      }
    }
    prevX = x;
    prevG = g;
    let cand = fx;
    const k = dX.length;
    if (k >= 1) {
      // min ||g − ΔG γ|| by the normal equations with a small ridge; x⁺ = Φ(x) − (ΔX + ΔG) γ
      const A = Array.from({ length: k }, (_, a) => Array.from({ length: k }, (_, b) => dot(dG[a], dG[b])));
      const rhs = Array.from({ length: k }, (_, a) => dot(dG[a], g));
      const ridge = 1e-12 * Math.max(1e-300, ...A.map((r, i) => r[i]));
      for (let i = 0; i < k; i++) A[i][i] += ridge;
      const gamma = solveSmall(A, rhs);
      if (gamma) {
        cand = new Float64Array(n);
        for (let j = 0; j < n; j++) {
          let z = fx[j];
          for (let i = 0; i < k; i++) z -= gamma[i] * (dX[i][j] + dG[i][j]);
          cand[j] = Math.min(1, Math.max(0, z));
        }
      }
    }
    let { next: fc } = eq4Map(e, cand, delta);
    let rc = resNorm(fc, cand);
    if (cand !== fx && !(rc < res)) {
      // the mixed step did not help: take the plain step and forget the history
      cand = fx;
      ({ next: fc } = eq4Map(e, cand, delta));
      rc = resNorm(fc, cand);
      dX.length = 0;
      dG.length = 0;
      prevX = null;
      prevG = null;
    }
    // Φ can be expansive (a steep buyer density just above a cutoff): the plain step then overshoots
    // and the iteration cycles without converging. Damp it, x + λ(Φ(x) − x) with λ = 1/2, 1/4, …,
    // taking the first step that lowers the residual (λ = 1/64 if none does).
    for (let lam = 0.5; !(rc < res) && lam >= 1 / 64; lam /= 2) {
      cand = Float64Array.from(x, (v, j) => v + lam * (fx[j] - v));
      ({ next: fc } = eq4Map(e, cand, delta));
      rc = resNorm(fc, cand);
      dX.length = 0;
      dG.length = 0;
      prevX = null;
      prevG = null;
    }
    x = cand;
    fx = fc;
    res = rc;
  }
  return { x, res, it };
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j] * b[j];
  return s;
}

/** Gaussian elimination with partial pivoting for the Anderson system (k ≤ 5); null when singular. */
function solveSmall(A: number[][], b: number[]): number[] | null {
  const k = b.length;
  const M = A.map((r, i) => [...r, b[i]]);
  for (let c = 0; c < k; c++) {
    let p = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    if (!(Math.abs(M[p][c]) > 0)) return null;
    [M[c], M[p]] = [M[p], M[c]];
    for (let r = c + 1; r < k; r++) {
      const f = M[r][c] / M[c][c];
      for (let q = c; q <= k; q++) M[r][q] -= f * M[c][q];
    }
  }
  const x = new Array<number>(k).fill(0);
  for (let r = k - 1; r >= 0; r--) {
    let s = M[r][k];
    for (let q = r + 1; q < k; q++) s -= M[r][q] * x[q];
    x[r] = s / M[r][r];
  }
  return x.every(Number.isFinite) ? x : null;
}

/**
 * Theorem 2, eq. (4): the period-1 cutoffs β_1(s_j) of the dynamically efficient rule for T = 2,
 * any sellers, δ ∈ [0, 1] (β_2(s) = s). A fixed point of Φ solved from β = s, β = 1 and seeded random
 * starts; `spread` says how far apart the starts ended (Theorem 2: one profile), `residual` how far
 * the answer is from a fixed point. The answer is the start with the smallest residual.
 */
export function theorem2Cutoffs(e: Economy, delta: number, opts: Theorem2Options = {}): Theorem2Result {
  const tol = opts.tol ?? 1e-13;
  const maxIter = opts.maxIter ?? 500;
  const v = e.sellers.values;
  const rng = makeRng(opts.seed ?? 'jp-theorem2-starts');
  const starts = [Float64Array.from(v), new Float64Array(v.length).fill(1)];
  for (let k = 0; k < (opts.randomStarts ?? 2); k++) starts.push(Float64Array.from(v, (s) => s + (1 - s) * rng()));
  const runs = starts.map((s) => iterate(e, s, delta, tol, maxIter));
  let best = runs[0];
  for (const r of runs) if (r.res < best.res) best = r;
  let spread = 0;
  for (const r of runs) for (let j = 0; j < v.length; j++) spread = Math.max(spread, Math.abs(r.x[j] - best.x[j]));
  const { p2 } = eq4Map(e, best.x, delta);
  return {
    beta: best.x,
    residual: best.res,
    spread,
    starts: runs.length,
    iterations: runs.reduce((a, r) => a + r.it, 0),
    converged: runs.every((r) => r.res <= tol * 10) && spread <= 1e-9,
    p2,
    runs: runs.map((r) => ({ beta: r.x, residual: r.res })),
  };
}

/** β_1(s) of eq. (4) at any seller value s (an atom or a seller of mass 0), given the fixed point's period 2. */
export function theorem2CutoffAt(e: Economy, res: Theorem2Result, s: number, delta: number): number {
  const RB = res.p2.B2 > 0 ? buyerExcess(res.p2.buyers, s) / res.p2.B2 : 0;
  return solveEq4(e.sellers.values, res.p2, s, RB, delta);
}

/**
 * Total surplus of the T = 2 cutoff rule (β_1 per atom, β_2(s) = s): Σ_j σ_j ∫_{b≥β_j}(b − s_j)dB_1/B_1(1)
 * + δ Σ_j σ2_j R_B(s_j) — Section 3's price-free form, from period 2's ingredients.
 */
export function theorem2Surplus(e: Economy, beta: Float64Array, delta: number, p2: Period2 = period2(e, beta)): number {
  const B1 = buyerTotal(e.buyers);
  let w1 = 0;
  for (let j = 0; j < beta.length; j++) {
    const s = e.sellers.values[j];
    const above = B1 - (beta[j] <= 0 ? 0 : buyerCdf(e.buyers, beta[j]));
    // ∫_{b≥β}(b − s)dB_1 = ∫(b − β)⁺dB_1 + (β − s)·(mass at or above β); β ∈ [0, 1]
    w1 += e.sellers.mass[j] * (buyerExcess(e.buyers, beta[j]) + (beta[j] - s) * above);
  }
  let w2 = 0;
  for (let j = 0; j < beta.length; j++) w2 += p2.sellerMass[j] * p2.RB[j];
  return w1 / B1 + delta * w2;
}

/**
 * The homogeneous reduction of eq. (4) (Section 4; CLAIMS.md JP.Thm2.homogeneous-reduction): sellers of
 * mass ms at s and the rest at 1; `corrected`: β − s = δ(1 − q)/(1 − δq)·E_2(b′ − s)⁺, q = S_2(s)/S_2(1);
 * `printed`: β − s = δ·E_2(b′ − s)⁺ (right only at δ = 1). Solved for β ∈ [s, 1] by Brent on the residual.
 */
export function homogeneousReduction(buyers: Buyers, ms: number, s: number, delta: number, form: 'corrected' | 'printed'): { beta: number; converged: boolean } {
  const B1 = buyerTotal(buyers);
  const resid = (beta: number) => {
    const b2 = refineBuyers(buyers, [beta]);
    const keep = Math.max(0, 1 - ms / B1);
    const d = Float64Array.from(b2.density, (x, i) => (b2.knots[i] >= beta ? x * keep : x));
    const B2b: Buyers = { atom0: beta <= 0 ? b2.atom0 * keep : b2.atom0, knots: b2.knots, density: d };
    const B2 = buyerTotal(B2b);
    const E = B2 > 0 ? buyerExcess(B2b, s) / B2 : 0;
    if (form === 'printed') return beta - s - delta * E;
    const ms2 = ms * (beta <= 0 ? 0 : buyerCdf(buyers, beta) / B1);
    const q = B2 > 0 ? ms2 / B2 : 0; // S_2(1) = B_2(1)
    return beta - s - (delta * (1 - q) * E) / (1 - delta * q);
  };
  if (resid(1) <= 0) return { beta: 1, converged: true };
  if (resid(s) >= 0) return { beta: s, converged: true };
  const r = brent(resid, s, 1, { xtol: 1e-15 });
  return { beta: r.root, converged: r.converged };
}

/** Whether a set of sellers is characterised by Theorem 1 (atoms at 0 and 1 only), re-exported for the callers of this file. */
export { isHomogeneous } from './economy.ts';
export type { Sellers };
