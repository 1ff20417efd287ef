/**
 * Numeric contracts (ARCHITECTURE.md, "Numeric contracts"): every routine reports
 * what it knows about its own answer, as SciPy's quad/brentq do.
 */

/** Result of a quadrature: value, absolute error estimate, integrand evaluations, and whether the requested tolerance was met. */
export interface QuadResult {
  value: number;
  /**
   * Estimated |value − ∫f|. When `converged`, tested as a bound against closed forms and
   * mpmath references (test/numeric/quadrature*.test.ts). When not, the engine's best estimate:
   * where the run stopped at the resolution of doubles around an interior singularity that was
   * not given as a breakpoint, |x − c|^p, it bounds the error down to p ≈ −0.75 and falls below it
   * beyond (0.92× at p = −0.8, 0.46× at −0.9): the mass within an ulp of c, ~2·ulp^(1+p)/(1+p),
   * is out of sight of samples in doubles and unbounded as p → −1. Give such points as breakpoints.
   * Far from 0, `quad`'s abserr includes the worst case of the nodes' own rounding, ½·ε·max|x|
   * times f's variation: sharp for oscillating f (cos(50(x − 1000)): 13× the error), pessimistic
   * where the roundings cancel (x − 10⁶ on [10⁶, 10⁶ + 1]: 1.1e-10 for an error of 5.5e-17).
   */
  abserr: number;
  neval: number;
  /** Whether abserr met max(epsabs, epsrel·|value|). */
  converged: boolean;
}

export interface QuadOptions {
  /** Absolute tolerance (default 1e-12). */
  epsabs?: number;
  /** Relative tolerance (default 1e-10). */
  epsrel?: number;
  /** Maximum number of subintervals (default 400). */
  limit?: number;
  /** Interior breakpoints (kinks, thresholds); values outside (a, b) are ignored. */
  points?: readonly number[];
  /**
   * 'gk' adaptive Gauss–Kronrod; 'ts' tanh-sinh (integrable endpoint singularities);
   * 'auto' Gauss–Kronrod, falling back to tanh-sinh on pieces that do not converge.
   */
  method?: 'gk' | 'ts' | 'auto';
}

/** Result of a bracketing root finder. */
export interface RootResult {
  root: number;
  iterations: number;
  converged: boolean;
  /** f(root). */
  fval: number;
}

export interface RootOptions {
  xtol?: number;
  rtol?: number;
  maxiter?: number;
}

/** Precision tier: 'standard' for search, 'high' for certification of a counterexample. */
export type Precision = 'standard' | 'high';
