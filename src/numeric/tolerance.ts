/**
 * Tolerances in one place, so claims and tests say how close is close enough and why.
 */
import type { Precision, QuadOptions } from './types.ts';

/** Machine epsilon, 2^-52. */
export const EPS = Number.EPSILON;

/** |x − y| ≤ abs + rel·max(|x|, |y|) (NaN is never equal; equal infinities are). */
export function approxEqual(x: number, y: number, tol: { abs?: number; rel?: number }): boolean {
  if (x === y) return true;
  if (Number.isNaN(x) || Number.isNaN(y)) return false;
  const abs = tol.abs ?? 0;
  const rel = tol.rel ?? 0;
  return Math.abs(x - y) <= abs + rel * Math.max(Math.abs(x), Math.abs(y));
}

/** |x − exact|/|exact|, or |x| when exact is 0 (an absolute error then). */
export function relErr(x: number, exact: number): number {
  if (x === exact) return 0;
  return exact === 0 ? Math.abs(x) : Math.abs(x - exact) / Math.abs(exact);
}

/**
 * Quadrature tolerances per tier: 'standard' for search (1e-11 relative leaves room for claims
 * checked to 1e-9), 'high' for certifying a counterexample (1e-13, a decade above G10K21's
 * roundoff floor 50·eps ≈ 1.1e-14, with room for 2000 subintervals).
 */
export function quadOptions(precision: Precision): QuadOptions {
  return precision === 'high'
    ? { epsabs: 1e-15, epsrel: 1e-13, limit: 2000 }
    : { epsabs: 1e-13, epsrel: 1e-11, limit: 400 };
}
