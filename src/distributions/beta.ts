import type { Precision } from '../numeric/types.ts';
import { betaInc, betaIncC, betaIncInv, lbeta } from '../numeric/index.ts';
import type { Dist, DistSpec } from './types.ts';
import { clamp, continuous } from './common.ts';

type BetaSpec = Extract<DistSpec, { kind: 'beta' }>;

/**
 * Beta(a, b) stretched onto [lo, hi]: X = lo + (hi − lo) T with T ~ Beta(a, b).
 *
 * Both t = (x − lo)/w and s = 1 − t = (hi − x)/w are formed from x directly, and the lower tail
 * is always computed from the side it lives on: F = I_t(a, b) for t ≤ 1/2 and F = 1 − I_s(b, a)
 * otherwise (I the regularised incomplete beta), so neither tail loses digits to 1 − t.
 * Quantiles likewise: the lower half inverts I(a, b), the upper half inverts I(b, a) in s.
 * The density is unbounded at lo when a < 1 and at hi when b < 1 (singularAt).
 * Everything is special-function accurate, so `at` returns the same object.
 */
export function beta(spec: BetaSpec, precision: Precision = 'standard'): Dist {
  const { a, b, lo, hi } = spec;
  const w = hi - lo;
  const logB = lbeta(a, b);
  const logW = Math.log(w);

  const cdf = (x: number): number => {
    if (!(x > lo)) return x === x ? 0 : NaN;
    if (x >= hi) return 1;
    const t = (x - lo) / w;
    return t <= 0.5 ? betaInc(a, b, t) : betaIncC(b, a, (hi - x) / w);
  };
  const sf = (x: number): number => {
    if (!(x > lo)) return x === x ? 1 : NaN;
    if (x >= hi) return 0;
    const s = (hi - x) / w;
    return s <= 0.5 ? betaInc(b, a, s) : betaIncC(a, b, (x - lo) / w);
  };
  /** t^(a−1) (1−t)^(b−1) / B(a, b) / w, with the endpoint limits spelled out (0·log 0 = 0 when a = 1). */
  const pdf = (x: number): number => {
    if (!(x >= lo && x <= hi)) return x === x ? 0 : NaN;
    const t = (x - lo) / w;
    const s = (hi - x) / w;
    if ((t === 0 && a < 1) || (s === 0 && b < 1)) return Infinity;
    if ((t === 0 && a > 1) || (s === 0 && b > 1)) return 0;
    const lt = a === 1 ? 0 : (a - 1) * Math.log(t);
    const ls = b === 1 ? 0 : (b - 1) * Math.log(s);
    return Math.exp(lt + ls - logB - logW);
  };
  const quantile = (u: number): number => {
    if (!(u >= 0 && u <= 1)) return NaN;
    if (u > 0.5) return isf(1 - u);
    if (u === 0) return lo;
    return clamp(lo + w * betaIncInv(a, b, u), lo, hi);
  };
  const isf = (q: number): number => {
    if (!(q >= 0 && q <= 1)) return NaN;
    if (q > 0.5) return quantile(1 - q);
    if (q === 0) return hi;
    return clamp(hi - w * betaIncInv(b, a, q), lo, hi);
  };
  const mean = lo + w * (a / (a + b));

  return continuous({ spec: { kind: 'beta', a, b, lo, hi }, lo, hi, precision, cdf, sf, pdf, quantile, isf, mean, singularAt: { lo: a < 1, hi: b < 1 } });
}
