/**
 * Hu & Wallace (2012), Section 3.2: stage 1 of the candidate separating equilibrium.
 *
 * An inactive agent trades its stage-1 offer a ∈ O at the fixed price p_1 = r̄/q̄ (eq. 1), so contingent
 * on being inactive a type-x agent maximises G_x(a) of eq. (4) under its interim belief τ_x(z) ∝ κ(z) μ_z(x).
 * Every a ∈ O moves the agent along the one budget line p_1 q + r = p_1 q̄ + r̄, indexed by q_1(a) of (5);
 * G_x(a) = L_x(q_1(a)) with L_x(q) = Σ_z τ_x(z) u(q, p_1(2q̄ − q); x, z) (proof of Claim 1), strictly
 * concave with L_x' running from +∞ to −∞ on (0, 2q̄) (Inada), so α*(x) is the root of L_x' — found here
 * by bisection on its sign, which needs no derivative bound and no bracket guess.
 *
 * The intervals I(x) of (6), the beliefs φ* of (7)–(8), the separation margin and Claim 1's ϵ (proof of
 * Theorem 1) are built on q_1(α*(x)). States and types are indexed 0..S−1 and 0..k−1.
 */
import { marginalUtilities, utilityValue } from '../../economy/two-goods.ts';
import type { HwEconomy } from './economy.ts';

/** Stage 1 reads endowment, prior κ, likelihoods μ_z(x) and utilities of an HW economy (ε plays no part). */
export type Stage1Economy = Pick<HwEconomy, 'endowment' | 'states' | 'types'>;

/** A one-sided offer (a_q, a_r) ∈ O: a_q·a_r = 0. */
export interface Offer {
  q: number;
  r: number;
}

/** The fixed stage-1 price p_1 = r̄/q̄ (Section 2.2, before eq. 1). */
export function p1Of(e: Stage1Economy): number {
  return e.endowment.r / e.endowment.q;
}

/** log-sum-exp of a vector (−∞ for an empty one). */
function logSumExp(v: readonly number[]): number {
  const m = Math.max(...v);
  if (!Number.isFinite(m)) return m;
  return m + Math.log(v.reduce((s, x) => s + Math.exp(x - m), 0));
}

/** τ_x(z) = P[z | x] ∝ κ(z) μ_z(x) (Section 2.1), normalised in log space. */
export function tau(e: Stage1Economy, x: number): number[] {
  const l = e.states.map((st, z) => Math.log(st.prior) + Math.log(e.types[x].likelihood[z]));
  const n = logSumExp(l);
  return l.map((v) => Math.exp(v - n));
}

/** q_1(a) = q̄ − a_q + a_r/p_1 ∈ [0, 2q̄], eq. (5): the stage-1 consumption of q an offer implies. */
export function q1(e: Stage1Economy, a: Offer): number {
  return e.endowment.q - a.q + a.r / p1Of(e);
}

/** The inactive agent's bundle (eq. 1): (q̄ − a_q + a_r/p_1, r̄ − a_r + p_1 a_q). */
export function inactiveBundle(e: Stage1Economy, a: Offer): { q: number; r: number } {
  const p = p1Of(e);
  return { q: e.endowment.q - a.q + a.r / p, r: e.endowment.r - a.r + p * a.q };
}

/** G_x(a) = Σ_z τ_x(z) u(inactive bundle of a; x, z), eq. (4). */
export function G(e: Stage1Economy, x: number, a: Offer, t: readonly number[] = tau(e, x)): number {
  const b = inactiveBundle(e, a);
  return t.reduce((s, w, z) => s + w * utilityValue(e.types[x].utility[z], b.q, b.r), 0);
}

/** The one offer of O with q_1(a) = q (inverse of (5)): sell q if q < q̄, sell r if q > q̄. */
export function offerOfQ1(e: Stage1Economy, q: number): Offer {
  const qb = e.endowment.q;
  return q <= qb ? { q: qb - q, r: 0 } : { q: 0, r: p1Of(e) * (q - qb) };
}

/** L_x(q) = Σ_z τ_x(z) u(q, p_1 q̄ + r̄ − p_1 q; x, z), proof of Claim 1 (Theorem 1). */
export function L(e: Stage1Economy, x: number, q: number, t: readonly number[] = tau(e, x)): number {
  const p = p1Of(e);
  const r = p * e.endowment.q + e.endowment.r - p * q;
  return t.reduce((s, w, z) => s + w * utilityValue(e.types[x].utility[z], q, r), 0);
}

/** L_x'(q) = Σ_z τ_x(z) (u_q − p_1 u_r) along the p_1 budget line (proof of Claim 1). */
export function dL(e: Stage1Economy, x: number, q: number, t: readonly number[] = tau(e, x)): number {
  const p = p1Of(e);
  const r = p * e.endowment.q + e.endowment.r - p * q;
  let uq = 0;
  let ur = 0;
  t.forEach((w, z) => {
    const m = marginalUtilities(e.types[x].utility[z], q, r);
    uq += w * m.uq;
    ur += w * m.ur;
  });
  // Both infinite only at a corner the bisection never reaches; the larger side wins there.
  if (!Number.isFinite(uq) || !Number.isFinite(ur)) return uq === ur ? 0 : uq > p * ur ? Infinity : -Infinity;
  return uq - p * ur;
}

/**
 * q_1(α*(x)): the root of L_x' on (0, 2q̄) (Section 3.2; unique since L_x is strictly concave and
 * Inada makes L_x' change sign), by bisection on its sign to the last representable bit.
 */
export function alphaStarQ1(e: Stage1Economy, x: number, t: readonly number[] = tau(e, x)): number {
  let lo = 0;
  let hi = 2 * e.endowment.q;
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if (dL(e, x, mid, t) > 0) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** α*(x) = argmax_{a ∈ O} G_x(a) (Section 3.2, after eq. 4). */
export function alphaStar(e: Stage1Economy, x: number): Offer {
  return offerOfQ1(e, alphaStarQ1(e, x));
}

/** Stage 1 solved: τ_x, q_1(α*(x)), α*(x), the order of types by q_1(α*), and the cut points of (6). */
export interface Stage1Solution {
  tau: number[][];
  q1Star: number[];
  alpha: Offer[];
  /** Types sorted by q_1(α*(x)) increasing (the x_1, …, x_k of (6)). */
  order: number[];
  /** cuts[i] = (q_1(α*(x_i)) + q_1(α*(x_{i+1})))/2, i = 1..k−1: I(x_i) = [cuts[i−1], cuts[i]). */
  cuts: number[];
  /** min_{x≠y} |q_1(α*(x)) − q_1(α*(y))| (0 when two types pool): the separation margin, in units of q. */
  margin: number;
  /** min_{x≠y} |α*(x) − α*(y)| in the Euclidean norm of offers. */
  offerMargin: number;
}

/** α* for every type, the ordering and the intervals I(x) of eq. (6) (Section 3.2). */
export function solveStage1(e: Stage1Economy): Stage1Solution {
  const k = e.types.length;
  const t = Array.from({ length: k }, (_, x) => tau(e, x));
  const q1Star = t.map((tx, x) => alphaStarQ1(e, x, tx));
  const alpha = q1Star.map((q) => offerOfQ1(e, q));
  const order = [...q1Star.keys()].sort((a, b) => q1Star[a] - q1Star[b] || a - b);
  const cuts = order.slice(1).map((y, i) => 0.5 * (q1Star[order[i]] + q1Star[y]));
  let margin = Infinity;
  let offerMargin = Infinity;
  for (let x = 0; x < k; x++)
    for (let y = x + 1; y < k; y++) {
      margin = Math.min(margin, Math.abs(q1Star[x] - q1Star[y]));
      offerMargin = Math.min(offerMargin, Math.hypot(alpha[x].q - alpha[y].q, alpha[x].r - alpha[y].r));
    }
  return { tau: t, q1Star, alpha, order, cuts, margin, offerMargin };
}

/** I(x) of eq. (6) as [lo, hi] with whether hi is included (only for the last type, hi = 2q̄). */
export function interval(e: Stage1Economy, s: Stage1Solution, x: number): { lo: number; hi: number; hiClosed: boolean } {
  const i = s.order.indexOf(x);
  const k = s.order.length;
  return { lo: i === 0 ? 0 : s.cuts[i - 1], hi: i === k - 1 ? 2 * e.endowment.q : s.cuts[i], hiClosed: i === k - 1 };
}

/** The type y with q_1(a) ∈ I(y) (eq. 6): how every agent reads a stage-1 offer under φ* (7). */
export function readType(s: Stage1Solution, q: number): number {
  let i = 0;
  while (i < s.cuts.length && q >= s.cuts[i]) i++;
  return s.order[i];
}

/**
 * σ* of eq. (8): an active agent of type x reads each other active agent's offer by (7) and adds itself.
 * `others` is the histogram ν^{−a} of the other active agents' stage-1 offers.
 */
export function believedConfiguration(e: Stage1Economy, s: Stage1Solution, x: number, others: readonly { offer: Offer; count: number }[]): number[] {
  const sigma = new Array<number>(e.types.length).fill(0);
  for (const o of others) sigma[readType(s, q1(e, o.offer))] += o.count;
  sigma[x] += 1;
  return sigma;
}

/**
 * Claim 1 of the proof of Theorem 1: δ = min_{x≠y}|q_1(α*(x)) − q_1(α*(y))|/2,
 * A_x = min{−L_x'(q*_x + δ/2), L_x'(q*_x − δ/2)}, ϵ = ½ min_x (δ/2) A_x (> 0 when α* separates).
 * Our reading: a side of I(x) with no interval beyond it (x first or last in the order of (6)) has no
 * q ∉ I(x) there, and q*_x ∓ δ/2 may leave [0, 2q̄]; that side's term is left out of A_x.
 */
export function claim1Epsilon(e: Stage1Economy, s: Stage1Solution): { epsilon: number; delta: number; A: number[] } {
  const delta = s.margin / 2;
  const k = s.order.length;
  const A = s.q1Star.map((q, x) => {
    const i = s.order.indexOf(x);
    const right = i < k - 1 ? -dL(e, x, q + delta / 2, s.tau[x]) : Infinity;
    const left = i > 0 ? dL(e, x, q - delta / 2, s.tau[x]) : Infinity;
    return Math.min(right, left);
  });
  return { epsilon: 0.5 * Math.min(...A.map((a) => (delta / 2) * a)), delta, A };
}

/**
 * ℓ_x(x̄) = G_x(α*(x)) − sup_{q_1(a) ∈ I(x̄)} G_x(a): the inactive loss of an offer read as x̄ (proof of
 * Theorem 1). L_x is concave with its peak at q*_x, so the sup over I(x̄) is at the point of I(x̄) nearest q*_x.
 */
export function inactiveLoss(e: Stage1Economy, s: Stage1Solution, x: number, xbar: number): number {
  const I = interval(e, s, xbar);
  // the point of I(x̄) nearest q*_x: q*_x itself when it lies in I(x̄) (two pooled types, loss 0), else an end
  const q = Math.min(Math.max(s.q1Star[x], I.lo), I.hi);
  return L(e, x, s.q1Star[x], s.tau[x]) - L(e, x, q, s.tau[x]);
}
