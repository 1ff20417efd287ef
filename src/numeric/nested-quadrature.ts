/**
 * Expectations over several independent coordinates, each distributed by the same law F, by
 * nested adaptive quadrature (G10K21, vector-valued), with the substitution
 * x = lo + (hi − lo)(3t² − 2t³) on every coordinate.
 */
import { quadVec } from './quadrature.ts';
import type { QuadOptions } from './types.ts';

/** The law of each coordinate: its support, density and the points where the density is not smooth. */
export interface Marginal {
  readonly lo: number;
  readonly hi: number;
  pdf(x: number): number;
  readonly breakpoints: readonly number[];
}

/** Tolerances and splitting of a nested expectation. */
export interface NestedOptions {
  /** Base options of every level (limit, rule); epsabs/epsrel/points are set per level. */
  readonly qo: QuadOptions;
  /** Absolute and relative tolerance of the outermost level; each inner level is a decade tighter. */
  readonly epsabs: number;
  readonly epsrel: number;
  /** The integrand jumps where two coordinates tie: split every level at the outer levels' values and at `kinks`. */
  readonly jumps: boolean;
}

/** A vector of integrals with their error bounds. */
export interface VecEstimate {
  value: Float64Array;
  abserr: Float64Array;
  converged: boolean;
}

/** t ∈ [0, 1] with 3t² − 2t³ = u (u clamped to [0, 1]): the trigonometric root of the cubic. */
export function smoothstepInverse(u: number): number {
  const c = Math.min(1, Math.max(0, u));
  return 0.5 - Math.sin(Math.asin(1 - 2 * c) / 3);
}

/** The points xs of [lo, hi] in the t variable of the smoothstep substitution. */
export function smoothstepPoints(xs: readonly number[], lo: number, hi: number): number[] {
  const W = hi - lo;
  return xs.map((x) => smoothstepInverse((x - lo) / W));
}

/**
 * E over the coordinates `free` (independent, each ~F) of h(profile), by nested adaptive
 * quadrature; `profile` holds the other coordinates. h writes `dim` values and then `dim`
 * error bounds. The result's error is this level's own estimate plus the largest inner error
 * (∫ err dF ≤ max err: the inner errors are bounded, not integrated, so that their roughness
 * does not drive the adaptive subdivision). Tolerances are a decade tighter per level so that
 * inner noise does not stall the outer level. Integrals over a coordinate split at F's
 * breakpoints and, when the integrand jumps at ties, at every value in `kinks` and at the
 * coordinates fixed by the outer levels. Each coordinate is integrated in t ∈ [0, 1] with
 * x = lo + (hi − lo)(3t² − 2t³), whose Jacobian 6t(1−t) vanishes at both ends: a density like
 * Beta's (hi − x)^{b−1} with non-integer b becomes smooth there, which plain Gauss–Kronrod
 * (quadVec has no tanh-sinh rescue) would otherwise resolve by ~25 bisections per level —
 * squared in a nest.
 */
export function nestedExpectation(
  F: Marginal,
  o: NestedOptions,
  profile: Float64Array,
  free: readonly number[],
  dim: number,
  h: (v: Float64Array, out: Float64Array) => void,
  kinks: readonly number[],
  depth = 0,
): VecEstimate {
  const out2 = new Float64Array(2 * dim);
  if (free.length === 0) {
    h(profile, out2);
    return { value: out2.slice(0, dim), abserr: out2.slice(dim), converged: true };
  }
  const c = free[0];
  const rest = free.slice(1);
  const { lo, hi } = F;
  const W = hi - lo;
  const points = smoothstepPoints(o.jumps ? [...F.breakpoints, ...kinks] : F.breakpoints, lo, hi);
  const tighten = 10 ** depth;
  const opts: QuadOptions = { ...o.qo, epsabs: o.epsabs / tighten, epsrel: o.epsrel / tighten, points };
  let ok = true;
  const innerErr = new Float64Array(dim);
  const innerKinks = o.jumps ? [...kinks, 0] : kinks;
  const r = quadVec(
    (t, out) => {
      const x = lo + W * t * t * (3 - 2 * t);
      profile[c] = x;
      const f = F.pdf(x) * 6 * W * t * (1 - t);
      if (rest.length === 0) {
        h(profile, out2);
        for (let q = 0; q < dim; q++) {
          out[q] = out2[q] * f;
          if (out2[dim + q] > innerErr[q]) innerErr[q] = out2[dim + q];
        }
        return;
      }
      if (o.jumps) (innerKinks as number[])[innerKinks.length - 1] = x;
      const inner = nestedExpectation(F, o, profile, rest, dim, h, innerKinks.slice(), depth + 1);
      ok &&= inner.converged;
      for (let q = 0; q < dim; q++) {
        out[q] = inner.value[q] * f;
        if (inner.abserr[q] > innerErr[q]) innerErr[q] = inner.abserr[q];
      }
    },
    dim,
    0,
    1,
    opts,
  );
  const abserr = new Float64Array(dim);
  for (let q = 0; q < dim; q++) abserr[q] = r.abserr[q] + innerErr[q];
  return { value: r.value, abserr, converged: ok && r.converged };
}
