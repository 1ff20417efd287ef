import type { Precision } from '../numeric/types.ts';
import type { Dist, DistSpec } from './types.ts';
import { clamp, continuous, firstAtMost, interior, lowerBound, upperBound } from './common.ts';

type PiecewiseUniformSpec = Extract<DistSpec, { kind: 'piecewise-uniform' }>;

/**
 * Piecewise-uniform: piece k carries probability weight_k / Σ weight on [lo_k, hi_k],
 * spread evenly. The CDF is exactly piecewise linear (flat across gaps between pieces).
 *
 * Conventions:
 * - pieces of weight 0 are gaps; the support is [first lo, last hi] over pieces of positive weight;
 * - the density is right-continuous at a boundary shared by two pieces (the value of the piece
 *   that starts there), and takes the piece's own value at a piece end followed by a gap;
 * - quantile(u) is the smallest x with F(x) ≥ u: on a flat stretch of F (a gap) it returns the
 *   stretch's left end, i.e. the end of the piece before the gap; isf(q) is the smallest x with
 *   1 − F(x) ≤ q, the same point.
 * Every quantity is a closed form, so `at` returns the same object.
 */
export function piecewiseUniform(spec: PiecewiseUniformSpec, precision: Precision = 'standard'): Dist {
  const live = spec.pieces.filter((p) => p.weight > 0).sort((p, q) => p.lo - q.lo);
  if (live.length === 0) throw new Error('piecewise-uniform: no piece of positive weight');
  const n = live.length;
  const W = live.reduce((s, p) => s + p.weight, 0);
  const L = Float64Array.from(live, (p) => p.lo);
  const H = Float64Array.from(live, (p) => p.hi);
  const m = Float64Array.from(live, (p) => p.weight / W);
  const len = Float64Array.from(live, (p) => p.hi - p.lo);
  const dens = Float64Array.from(live, (p, k) => m[k] / len[k]);
  // before[k] = F(lo_k) (mass of pieces left of k); after[k] = 1 − F(hi_k) (mass right of k),
  // each summed from its own side so that both tails are accurate.
  const before = new Float64Array(n);
  const after = new Float64Array(n);
  for (let k = 1; k < n; k++) before[k] = before[k - 1] + m[k - 1];
  for (let k = n - 2; k >= 0; k--) after[k] = after[k + 1] + m[k + 1];
  const lo = L[0];
  const hi = H[n - 1];
  // first piece whose right end has F ≥ u
  const endF = Float64Array.from(m, (mk, k) => (k === n - 1 ? 1 : before[k] + mk));

  const cdf = (x: number): number => {
    if (!(x > lo)) return x === x ? 0 : NaN;
    if (x >= hi) return 1;
    const k = upperBound(L, x) - 1;
    return x < H[k] ? Math.min(1, before[k] + (m[k] * (x - L[k])) / len[k]) : endF[k];
  };
  const sf = (x: number): number => {
    if (!(x > lo)) return x === x ? 1 : NaN;
    if (x >= hi) return 0;
    const k = upperBound(L, x) - 1;
    return x < H[k] ? Math.min(1, after[k] + (m[k] * (H[k] - x)) / len[k]) : after[k];
  };
  const pdf = (x: number): number => {
    if (!(x >= lo && x <= hi)) return x === x ? 0 : NaN;
    const k = upperBound(L, x) - 1;
    return x <= H[k] ? dens[k] : 0;
  };
  const isf = (q: number): number => {
    if (!(q >= 0 && q <= 1)) return NaN;
    if (q > 0.5) return quantile(1 - q);
    const k = firstAtMost(after, q); // first piece with 1 − F(hi_k) ≤ q
    return clamp(H[k] - ((q - after[k]) / m[k]) * len[k], L[k], H[k]);
  };
  const quantile = (u: number): number => {
    if (!(u >= 0 && u <= 1)) return NaN;
    if (u > 0.5) return isf(1 - u);
    const k = Math.min(n - 1, lowerBound(endF, u));
    return clamp(L[k] + ((u - before[k]) / m[k]) * len[k], L[k], H[k]);
  };
  let mean = 0;
  for (let k = 0; k < n; k++) mean += m[k] * (L[k] + len[k] / 2);

  return continuous({
    spec: { kind: 'piecewise-uniform', pieces: spec.pieces.map((p) => ({ lo: p.lo, hi: p.hi, weight: p.weight })) },
    lo,
    hi,
    precision,
    cdf,
    sf,
    pdf,
    quantile,
    isf,
    mean,
    breakpoints: interior([...L, ...H], lo, hi),
  });
}
