/**
 * Jackson & Palfrey (1996), Section 5 (Theorem 4): continuous two-period allocation rules inside
 * Theorem 4's assumptions, with the reservation prices the model computes (utility.ts).
 *
 * The economy: B_1 piecewise uniform (continuous, increasing when every weight is positive); S_1
 * piecewise uniform too, represented by N + 1 seller atoms at j/N carrying the mass of the cell
 * around them (the model's sellers are atoms: a documented approximation of a continuous S_1; p̄ˢ
 * between atoms is the linear interpolant, the continuous-seller limit).
 *
 * The rule: in period 2 (the last) IR and individual irrationality with continuity force
 * A_2 = {b ≥ s} with p_2(s, s) = s; we take p_2 = (1 − λ)s + λb. In period 1 the proof of Theorem 4
 * shows IR holds with equality at cutoff pairs, p̄ᵇ_1(β_1(s)) = p̄ˢ_1(s); continuity of both
 * cutoffs then forces P_1 to reach p̄ˢ_1(0) and p̄ᵇ_1(1), so A_1 = {(s, b) : p̄ˢ_1(s) ≤ p̄ᵇ_1(b)}. As p̄_1
 * depends on A_1 (through B_2, S_2) but not on p_1, β_1 is found as a fixed point at the atoms
 * (β ← (p̄ᵇ_1)⁻¹ ∘ p̄ˢ_1 computed under β), and p_1 is then any continuous map of the reservation
 * prices that is non-decreasing, within [p̄ˢ, p̄ᵇ] and equal to both at a cutoff pair: we take
 * p_1 = median(p̄ˢ, p̄ᵇ, a + k((1 − μ)p̄ˢ + μp̄ᵇ)) (k = 1, a = 0: a split; k = 0: a posted price a).
 */
import { buyersFromPieces, makeEconomy, makeSellers } from '../economy.ts';
import { evolve } from '../evolution.ts';
import type { Economy, PricePeriod } from '../types.ts';
import { buyerReservation, fixedPrice, sellerReservation } from '../utility.ts';
import { plAt, plMinAtLeast, type ContinuousPeriod, type Pl } from './theorem4.ts';

/** A two-period continuous market and rule (see the module comment). Weights are per equal-width cell of [0, 1]. */
export interface Thm4Market {
  readonly buyerWeights: readonly number[];
  readonly sellerWeights: readonly number[];
  readonly delta: number;
  /** p_2 = (1 − λ)s + λb. */
  readonly lambda: number;
  /** p_1 = median(p̄ˢ, p̄ᵇ, a + k((1 − μ)p̄ˢ + μp̄ᵇ)). */
  readonly p1: { readonly a: number; readonly k: number; readonly mu: number };
}

/** The equilibrium-consistent rule of a Thm4Market, period by period, and how well its fixed point converged. */
export interface Thm4Rule {
  readonly periods: readonly [ContinuousPeriod, ContinuousPeriod];
  /** max_j |β_1(s_j) − (p̄ᵇ_1)⁻¹(p̄ˢ_1(s_j))| at the last iterate (the fixed point's residual). */
  readonly residual: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** The period-1 reservation prices at the atoms, and β_1 at the atoms (1: trades with b = 1 only). */
  readonly atoms: Float64Array;
  readonly beta1: Float64Array;
  readonly economy: Economy;
}

/** Mass of a piecewise-uniform density (weights per equal cell, total 1) on [lo, hi]. */
function pieceMass(w: readonly number[], lo: number, hi: number): number {
  const K = w.length;
  const W = w.reduce((a, b) => a + b, 0);
  let m = 0;
  for (let i = 0; i < K; i++) {
    const a = Math.max(lo, i / K);
    const b = Math.min(hi, (i + 1) / K);
    if (b > a) m += (w[i] / W) * K * (b - a);
  }
  return m;
}

/** N + 1 seller atoms at j/N, each with the mass of [j/N − 1/(2N), j/N + 1/(2N)] ∩ [0, 1] (Section 3; the continuous S_1 approximated). */
export function sellerAtoms(weights: readonly number[], N: number): { values: Float64Array; mass: Float64Array } {
  const values = Float64Array.from({ length: N + 1 }, (_, j) => j / N);
  const mass = Float64Array.from(values, (v) => pieceMass(weights, Math.max(0, v - 0.5 / N), Math.min(1, v + 0.5 / N)));
  return { values, mass };
}

/** The identity on [0, 1]: p̄_T = value in the last period (Section 3, "Reservation Prices"). */
const IDENTITY: Pl = { x: Float64Array.of(0, 1), y: Float64Array.of(0, 1) };

const median3 = (a: number, b: number, c: number) => Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));

/**
 * The period-1 rule and both periods' prices of a Thm4Market (Section 5, Theorem 4's setting;
 * reservation prices by Section 3's sum of products, utility.ts), with β_1 the fixed point of
 * β ← (p̄ᵇ_1)⁻¹ ∘ p̄ˢ_1 at N + 1 atoms (from β = s; plain iteration, halved steps after an increase).
 */
export function thm4Rule(m: Thm4Market, opts: { atoms?: number; maxIter?: number; tol?: number } = {}): Thm4Rule {
  const N = opts.atoms ?? 64;
  const maxIter = opts.maxIter ?? 400;
  const tol = opts.tol ?? 1e-13;
  const buyers = buyersFromPieces(m.buyerWeights.map((weight, i, w) => ({ lo: i / w.length, hi: (i + 1) / w.length, weight })));
  const { values, mass } = sellerAtoms(m.sellerWeights, N);
  const economy = makeEconomy(buyers, makeSellers(values, mass));
  const lam = m.lambda;
  const p2: PricePeriod = { knots: Float64Array.of(0, 1), a: Array.from(values, (s) => Float64Array.of((1 - lam) * s)), g: Array.from(values, () => Float64Array.of(lam)) };
  // p̄_1 does not depend on p_1 (only on what follows period 1), so any p_1 will do here
  const price = [fixedPrice(values, 0), p2];
  const beta2 = { kind: 'cutoff' as const, beta: Float64Array.from(values) };
  const reservations = (beta1: Float64Array) => {
    const path = evolve(economy, [{ kind: 'cutoff', beta: beta1 }, beta2]);
    const Rs = Float64Array.from(values, (_, j) => sellerReservation(path, price, m.delta, 1, j));
    const Rb = Float64Array.from(path.grid, (b) => buyerReservation(path, price, m.delta, 1, b));
    return { sellerRes: { x: values, y: Rs } as Pl, buyerRes: { x: path.grid, y: Rb } as Pl };
  };
  const image = (r: { sellerRes: Pl; buyerRes: Pl }) => {
    const top = r.buyerRes.y[r.buyerRes.y.length - 1];
    return Float64Array.from(r.sellerRes.y, (q) => (q <= top ? plMinAtLeast(r.buyerRes, q) : 1));
  };
  let beta = Float64Array.from(values);
  let res = reservations(beta);
  let residual = Infinity;
  let step = 1;
  let it = 0;
  for (; it < maxIter; it++) {
    const next = image(res);
    let d = 0;
    for (let j = 0; j < next.length; j++) d = Math.max(d, Math.abs(next[j] - beta[j]));
    if (d > residual) step = Math.max(step / 2, 1 / 64);
    residual = d;
    if (d <= tol) break;
    beta = Float64Array.from(beta, (v, j) => v + step * (next[j] - v));
    res = reservations(beta);
  }
  const { sellerRes, buyerRes } = res;
  const top = buyerRes.y[buyerRes.y.length - 1];
  const { a, k, mu } = m.p1;
  const period1: ContinuousPeriod = {
    sellerRes,
    buyerRes,
    beta: (s) => {
      const q = plAt(sellerRes, s);
      return q <= top ? plMinAtLeast(buyerRes, q) : Infinity;
    },
    price: (s, b) => {
      const q = plAt(sellerRes, s);
      const r = plAt(buyerRes, b);
      return median3(q, r, a + k * ((1 - mu) * q + mu * r));
    },
  };
  const period2: ContinuousPeriod = { sellerRes: IDENTITY, buyerRes: IDENTITY, beta: (s) => s, price: (s, b) => (1 - lam) * s + lam * b };
  return { periods: [period1, period2], residual, iterations: it, converged: residual <= tol, atoms: values, beta1: beta, economy };
}
