import type { Precision } from '../numeric/types.ts';
import { erf, erfcx } from '../numeric/index.ts';
import type { Dist, DistSpec } from './types.ts';
import { continuous, gaussLegendre, Inverter } from './common.ts';
import { uniform } from './uniform.ts';

type TruncatedNormalSpec = Extract<DistSpec, { kind: 'truncated-normal' }>;

const SQRT2PI = Math.sqrt(2 * Math.PI);
const SQRT_HALF_PI = Math.sqrt(Math.PI / 2);
const GL = gaussLegendre(10);

/**
 * exp(−t²/2) to a few ulp for any t: t = th + tl with th on a 1/256 grid, so th² is exact
 * and the rounding of t² (which costs t²·ε relative, 1e-13 at t = 30) never happens.
 */
function expHalfSq(t: number): number {
  if (!(Math.abs(t) < 40)) return t === t ? 0 : NaN; // e^(−800) underflows
  const th = Math.round(t * 256) / 256;
  const tl = t - th;
  return Math.exp(-0.5 * th * th) * Math.exp(-0.5 * tl * (t + th));
}

/** Standard normal density φ(t). */
function phi(t: number): number {
  return expHalfSq(t) / SQRT2PI;
}

/** Mills ratio R(t) = Q(t)/φ(t) = √(π/2)·erfcx(t/√2) for t ≥ 0: relative accuracy, no underflow. */
function mills(t: number): number {
  return SQRT_HALF_PI * erfcx(t * Math.SQRT1_2);
}

/**
 * E(a, h) = P(a < Z < a + h) / φ(a) for a ≥ 0, h ≥ 0: the normal mass of [a, a+h] in units
 * of the density at its left end, so it neither underflows (a = 40) nor cancels (h tiny).
 * When log φ varies by at most 1/2 over the interval (c = h(a + h/2) ≤ 1/2) the integrand
 * exp(−a s − s²/2) on [0, h] is nearly constant and a 10-point Gauss–Legendre rule is exact
 * to rounding; otherwise R(a) − e^{−c} R(a+h), whose terms differ by a factor ≥ e^{1/2}.
 */
function tailMass(a: number, h: number): number {
  if (!(h > 0)) return 0;
  if (h === Infinity) return mills(a);
  const c = h * (a + 0.5 * h);
  if (c <= 0.5) {
    let s = 0;
    for (let i = 0; i < GL.x.length; i++) {
      const u = 0.5 * h * (1 + GL.x[i]);
      s += GL.w[i] * Math.exp(-u * (a + 0.5 * u));
    }
    return 0.5 * h * s;
  }
  return mills(a) - Math.exp(-c) * mills(a + h);
}

/**
 * M1(a, h) = ∫_0^h s·e^{−as − s²/2} ds for a ≥ 1, as a^{−2}∫_0^{ah} t e^{−t} e^{−t²/(2a²)} dt by
 * 10-point Gauss–Legendre on unit panels (exact to rounding for e^{−t} there); past t = 48 the
 * integrand holds less than 1e-19 of the total.
 */
function firstMoment(a: number, h: number): number {
  const T = Math.min(a * h, 48);
  let sum = 0;
  for (let lo = 0, hi = Math.min(1, T); lo < T; lo = hi, hi = Math.min(hi + 1, T)) {
    const m = 0.5 * (lo + hi);
    const r = 0.5 * (hi - lo);
    for (let i = 0; i < GL.x.length; i++) {
      const t = m + r * GL.x[i];
      sum += r * GL.w[i] * t * Math.exp(-t - (t * t) / (2 * a * a));
    }
  }
  return sum / (a * a);
}

/** P(a < Z < b) for the standard normal Z, with h = b − a supplied (computed without rounding by the caller). */
function normMass(a: number, b: number, h: number): number {
  if (a >= 0) return phi(a) * tailMass(a, h);
  if (b <= 0) return phi(b) * tailMass(-b, h);
  // straddles 0: two positive terms, no cancellation
  return 0.5 * (erf(b * Math.SQRT1_2) - erf(a * Math.SQRT1_2));
}

interface Core {
  cdf(x: number): number;
  sf(x: number): number;
  pdf(x: number): number;
  mean: number;
}

/**
 * The interval is on the right of the mean (α = (lo − μ)/σ ≥ 0): every mass is measured in
 * units of φ(α) so that a truncation 40 standard deviations out is as accurate as one at 0.
 */
function rightTailCore(mu: number, sd: number, lo: number, hi: number): Core {
  const alpha = (lo - mu) / sd;
  const hT = (hi - lo) / sd;
  const Etot = tailMass(alpha, hT);
  // log φ(α) − log φ(α + s) = s(α + s/2)
  const decay = (s: number): number => Math.exp(-s * (alpha + 0.5 * s));
  return {
    cdf: (x) => tailMass(alpha, (x - lo) / sd) / Etot,
    sf: (x) => {
      const s = (x - lo) / sd;
      return (decay(s) * tailMass(alpha + s, (hi - x) / sd)) / Etot;
    },
    pdf: (x) => decay((x - lo) / sd) / (sd * Etot),
    // μ + σ (φ(α) − φ(β))/Z, written around lo = μ + σα; far out (α ≥ 1) as lo + σ·M1/E with
    // M1 = ∫_0^h s e^{−αs−s²/2} ds directly, since (1 − e^{−c})/E − α cancels to ~1/α
    // (α = 2e9: every digit lost, the mean off by half the interval).
    mean: alpha >= 1 ? lo + sd * (firstMoment(alpha, hT) / Etot) : lo + sd * (-Math.expm1(-hT * (alpha + 0.5 * hT)) / Etot - alpha),
  };
}

/** The interval contains the mean's standardised 0 (α < 0 < β): plain masses. */
function straddleCore(mu: number, sd: number, lo: number, hi: number): Core {
  const alpha = (lo - mu) / sd;
  const beta = (hi - mu) / sd;
  const Z = normMass(alpha, beta, (hi - lo) / sd);
  return {
    cdf: (x) => normMass(alpha, (x - mu) / sd, (x - lo) / sd) / Z,
    sf: (x) => normMass((x - mu) / sd, beta, (hi - x) / sd) / Z,
    pdf: (x) => phi((x - mu) / sd) / (sd * Z),
    mean: mu + (sd * (phi(alpha) - phi(beta))) / Z,
  };
}

/**
 * Normal(mean, sd²) conditioned on [lo, hi]. Every probability is computed as a mass of the
 * side of the interval away from the mean, so the CDF and SF are accurate to a few ulp
 * relative (not just absolute) everywhere — including truncations far in a tail
 * (lo − mean = 40 sd) and nearly-flat ones (sd ≫ hi − lo). An interval left of the mean is
 * mirrored onto the right. Quantiles: safeguarded Newton on the CDF (or SF for u > 1/2) from a
 * tabulated bracket. Everything is accurate to rounding, so `at` returns the same object.
 */
export function truncatedNormal(spec: TruncatedNormalSpec, precision: Precision = 'standard'): Dist {
  const { mean: mu, sd, lo, hi } = spec;
  // sd so large that the density varies across [lo, hi] by a relative (β − α)(|α| + |β|)/2 below
  // rounding: it is the uniform, exactly (and the masses below would underflow).
  const ab = Math.max(Math.abs(lo - mu), Math.abs(hi - mu)) / sd;
  if (((hi - lo) / sd) * (1 + ab) < 1e-17) {
    const flat: Dist = { ...uniform({ kind: 'uniform', lo, hi }, precision), spec: { kind: 'truncated-normal', mean: mu, sd, lo, hi }, at: () => flat };
    return flat;
  }
  let cdf: (x: number) => number;
  let sf: (x: number) => number;
  let pdfIn: (x: number) => number;
  let mean: number;
  if (lo >= mu) {
    const c = rightTailCore(mu, sd, lo, hi);
    ({ cdf, sf, mean } = c);
    pdfIn = c.pdf;
  } else if (hi <= mu) {
    const c = rightTailCore(-mu, sd, -hi, -lo);
    cdf = (x) => c.sf(-x);
    sf = (x) => c.cdf(-x);
    pdfIn = (x) => c.pdf(-x);
    mean = -c.mean;
  } else {
    const c = straddleCore(mu, sd, lo, hi);
    ({ cdf, sf, mean } = c);
    pdfIn = c.pdf;
  }
  mean = Math.min(hi, Math.max(lo, mean));
  const clampedCdf = (x: number): number => (x > lo ? (x < hi ? Math.min(1, cdf(x)) : 1) : x <= lo ? 0 : NaN);
  const clampedSf = (x: number): number => (x > lo ? (x < hi ? Math.min(1, sf(x)) : 0) : x <= lo ? 1 : NaN);
  const pdf = (x: number): number => (x >= lo && x <= hi ? pdfIn(x) : x === x ? 0 : NaN);
  const inv = new Inverter({ lo, hi, cdf: clampedCdf, sf: clampedSf, pdfC: pdf, atoms: [] });

  return continuous({
    spec: { kind: 'truncated-normal', mean: mu, sd, lo, hi },
    lo,
    hi,
    precision,
    cdf: clampedCdf,
    sf: clampedSf,
    pdf,
    quantile: (u) => inv.quantile(u),
    isf: (q) => inv.isf(q),
    mean,
  });
}
