import type { Precision } from '../numeric/types.ts';

/** A distribution spec as JSON (INTERFACES.md, "Distribution spec"). */
export type DistSpec =
  | { kind: 'uniform'; lo: number; hi: number }
  | { kind: 'beta'; a: number; b: number; lo: number; hi: number }
  | { kind: 'truncated-normal'; mean: number; sd: number; lo: number; hi: number }
  | { kind: 'density'; expr: string; lo: number; hi: number }
  | { kind: 'piecewise-uniform'; pieces: { lo: number; hi: number; weight: number }[] }
  | { kind: 'atoms'; points: [number, number][] }
  | { kind: 'mixture'; parts: { weight: number; dist: DistSpec }[] };

/**
 * A distribution on the real line with compact support [lo, hi].
 * cdf/pdf/quantile are accurate to ~1e-14 absolute in the CDF (expression densities
 * are represented by piecewise Chebyshev interpolants of their normalised density).
 */
export interface Dist {
  readonly spec: DistSpec;
  /** Support [lo, hi]. */
  readonly lo: number;
  readonly hi: number;
  /** True when the distribution has atoms (no density). */
  readonly discrete: boolean;
  /** Points where the density is not smooth (piece boundaries, mixture part ends), sorted, inside (lo, hi). */
  readonly breakpoints: readonly number[];
  /** Whether the density may be unbounded at lo / hi (e.g. Beta with a < 1): quadrature should use tanh-sinh there. */
  readonly singularAt: { lo: boolean; hi: boolean };
  /** [lo, hi]. */
  readonly support: readonly [number, number];
  /** Point masses as [value, probability], sorted by value (empty for a continuous distribution). */
  readonly atoms: readonly (readonly [number, number])[];
  /** The precision tier its internal approximations were built at. */
  readonly precision: Precision;
  cdf(x: number): number;
  /**
   * cdf at xs[0..count) into out, where the family can share work between points (an
   * interpolated density evaluates the points of one piece together). cdf's values to rounding.
   */
  cdfMany?(xs: Float64Array, count: number, out: Float64Array): void;
  /** Upper tail 1 − F(x), computed without cancellation where the family allows. */
  sf(x: number): number;
  pdf(x: number): number;
  /**
   * Density of the continuous part: pdf for a continuous distribution, 0 for atoms, the weighted
   * density of the continuous parts for a mixture with atoms (where pdf throws). F′ between atoms.
   */
  pdfContinuous(x: number): number;
  /** F^{-1}(u) for u in [0,1], accurate near 0 and 1. */
  quantile(u: number): number;
  /** Quantile of the upper tail: the x with 1 − F(x) = q, accurate for tiny q. */
  isf(q: number): number;
  mean(): number;
  /** A copy whose internal approximations are built at the given precision tier. */
  at(precision: Precision): Dist;
}
