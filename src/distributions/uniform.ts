import type { Precision } from '../numeric/types.ts';
import type { Dist, DistSpec } from './types.ts';
import { clamp, continuous } from './common.ts';

type UniformSpec = Extract<DistSpec, { kind: 'uniform' }>;

/** Uniform on [lo, hi]; every quantity is a closed form, so `at` returns the same object. */
export function uniform(spec: UniformSpec, precision: Precision = 'standard'): Dist {
  const { lo, hi } = spec;
  const w = hi - lo;
  const density = 1 / w;
  return continuous({
    spec: { kind: 'uniform', lo, hi },
    lo,
    hi,
    precision,
    cdf: (x) => (x <= lo ? 0 : x >= hi ? 1 : (x - lo) / w),
    sf: (x) => (x <= lo ? 1 : x >= hi ? 0 : (hi - x) / w),
    pdf: (x) => (x >= lo && x <= hi ? density : x === x ? 0 : NaN),
    quantile: (u) => (!(u >= 0 && u <= 1) ? NaN : u <= 0.5 ? clamp(lo + u * w, lo, hi) : clamp(hi - (1 - u) * w, lo, hi)),
    isf: (q) => (!(q >= 0 && q <= 1) ? NaN : q <= 0.5 ? clamp(hi - q * w, lo, hi) : clamp(lo + (1 - q) * w, lo, hi)),
    mean: lo + w / 2,
  });
}
