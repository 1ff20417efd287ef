import type { Precision } from '../numeric/types.ts';
import type { Dist, DistSpec } from './types.ts';
import { firstAtMost, lowerBound, mergeAtoms, upperBound } from './common.ts';

type AtomsSpec = Extract<DistSpec, { kind: 'atoms' }>;

/**
 * Finitely many point masses: `points` are [value, weight] with weights normalised to sum
 * to 1 (equal values merged, zero weights dropped). F is the right-continuous step function;
 * quantile(u) is the smallest atom x with F(x) ≥ u, isf(q) the smallest with 1 − F(x) ≤ q
 * (computed from the upper tail sums, so tiny q is exact). There is no density: pdf throws.
 * Support [lo, hi] = [smallest, largest atom of positive weight].
 */
export function atoms(spec: AtomsSpec, precision: Precision = 'standard'): Dist {
  const W = spec.points.reduce((s, [, w]) => s + w, 0);
  const merged = mergeAtoms(spec.points.map(([x, w]) => [x, w / W] as const));
  if (merged.length === 0) throw new Error('atoms: no point of positive weight');
  const n = merged.length;
  const X = Float64Array.from(merged, ([x]) => x);
  const P = Float64Array.from(merged, ([, p]) => p);
  const cum = new Float64Array(n); // F(X[k])
  const tail = new Float64Array(n); // 1 − F(X[k]), summed from the right
  for (let k = 0, s = 0; k < n; k++) cum[k] = Math.min(1, (s += P[k]));
  cum[n - 1] = 1;
  for (let k = n - 2; k >= 0; k--) tail[k] = tail[k + 1] + P[k + 1];
  const lo = X[0];
  const hi = X[n - 1];
  let mean = 0;
  for (let k = 0; k < n; k++) mean += P[k] * X[k];
  mean = Math.min(hi, Math.max(lo, mean));

  const isf = (q: number): number => {
    if (!(q >= 0 && q <= 1)) return NaN;
    if (q > 0.5) return quantile(1 - q);
    return X[firstAtMost(tail, q)];
  };
  const quantile = (u: number): number => {
    if (!(u >= 0 && u <= 1)) return NaN;
    if (u > 0.5) return isf(1 - u);
    return X[Math.min(n - 1, lowerBound(cum, u))];
  };

  const dist: Dist = {
    spec: { kind: 'atoms', points: spec.points.map(([x, w]) => [x, w] as [number, number]) },
    lo,
    hi,
    support: [lo, hi],
    discrete: true,
    atoms: merged,
    breakpoints: merged.slice(1, -1).map(([x]) => x),
    singularAt: { lo: false, hi: false },
    precision,
    cdf: (x) => (x < lo ? 0 : x >= hi ? 1 : x === x ? cum[upperBound(X, x) - 1] : NaN),
    sf: (x) => (x < lo ? 1 : x >= hi ? 0 : x === x ? tail[upperBound(X, x) - 1] : NaN),
    pdf: () => {
      throw new Error('atoms: a discrete distribution has no density (use cdf, or the atoms list)');
    },
    pdfContinuous: (x) => (x === x ? 0 : NaN),
    quantile,
    isf,
    mean: () => mean,
    at: () => dist,
  };
  return dist;
}
