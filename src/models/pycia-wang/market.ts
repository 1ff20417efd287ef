/**
 * Pycia & Wang (2015), Section 2: a market (n, r, F) with interdependence β ≥ 0.
 * Agent i values the good at v_i + (β/n)Σ_j v_j (the mean includes i's own signal).
 */
import type { Dist, DistSpec } from '../../distributions/types.ts';

/** A market as plain data (what generators produce, files store and `eval` reads). */
export interface MarketSpec {
  n: number;
  /** r on the simplex: r_i ∈ [0, 1], Σ r_i = 1. */
  shares: number[];
  dist: DistSpec;
}

/** A market with its distribution built. */
export interface Market {
  n: number;
  shares: readonly number[];
  dist: Dist;
}

/** Equal shares r_i = 1/n. */
export function equalShares(n: number): number[] {
  return Array.from({ length: n }, () => 1 / n);
}

/**
 * G(w) = F(w)^{n−1}: the probability that the n − 1 others are all below w — the interim share of
 * the efficient rule (D1) and the distribution of the others' highest type (Theorem 1's proof).
 * The one place the model writes it (mechanism.ts uses it for S, ∫S and its Monte Carlo bounds).
 */
export function G(dist: Dist, n: number, w: number): number {
  return Math.pow(dist.cdf(w), n - 1);
}

/** g = G' = (n−1)F^{n−2}f; for n = 2 just f, without evaluating F (F^0 = 1 for every F, Math.pow(0, 0) included). */
export function dG(dist: Dist, n: number, w: number): number {
  return n === 2 ? dist.pdf(w) : (n - 1) * Math.pow(dist.cdf(w), n - 2) * dist.pdf(w);
}

/**
 * v_i* = F^{-1}(r_i^{1/(n−1)}) (Theorem 1): the type whose interim share S_i = G equals r_i.
 * Near the top, 1 − r^{1/(n−1)} = −expm1(log r/(n−1)) is computed without cancellation and
 * inverted through the upper tail, so large n keeps its digits.
 */
export function vStar(dist: Dist, r: number, n: number): number {
  if (r <= 0) return dist.lo;
  if (r >= 1) return dist.hi;
  const logU = Math.log(r) / (n - 1);
  if (logU > -Math.LN2) return dist.isf(-Math.expm1(logU));
  return dist.quantile(Math.exp(logU));
}
