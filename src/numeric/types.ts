/**
 * Numeric contracts (ARCHITECTURE.md, "Numeric contracts"): every routine reports
 * what it knows about its own answer, as SciPy's quad/brentq do.
 */

/** Result of a quadrature: value, absolute error estimate, integrand evaluations, and whether the requested tolerance was met. */
export interface QuadResult {
  value: number;
  abserr: number;
  neval: number;
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
