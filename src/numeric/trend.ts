/**
 * Trends along a growing sequence (CLAIMS.md: "≈ and limits: check the trend, not a single large N").
 * A claim checked as a trend has an error e_k along x_k (N = 2^k, m = 2^k, …): `trend` fits the rate
 * (log–log slope with its standard error), the constant, and the successive ratios; the claims layer
 * turns the result into numbers and a figure (src/claims/trend.ts).
 */
import { betaIncInv } from './special.ts';

/** A least-squares line y = intercept + slope · x with its standard errors (classical OLS, σ estimated from the residuals). */
export interface LineFit {
  slope: number;
  intercept: number;
  /** Standard error of the slope (NaN with fewer than three points: no residual degree of freedom). */
  slopeSE: number;
  interceptSE: number;
  /** Points used (those with both coordinates finite). */
  n: number;
  /** Residual standard deviation. */
  sigma: number;
}

/** Least-squares line through the finite points, with standard errors from the residuals. */
export function fitLine(xs: readonly number[], ys: readonly number[]): LineFit {
  const pts = xs.map((x, i) => [x, ys[i]]).filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b));
  const k = pts.length;
  if (k < 2) return { slope: NaN, intercept: NaN, slopeSE: NaN, interceptSE: NaN, n: k, sigma: NaN };
  const mx = pts.reduce((s, p) => s + p[0], 0) / k;
  const my = pts.reduce((s, p) => s + p[1], 0) / k;
  let sxx = 0;
  let sxy = 0;
  for (const [a, b] of pts) {
    sxx += (a - mx) ** 2;
    sxy += (a - mx) * (b - my);
  }
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  if (k < 3) return { slope, intercept, slopeSE: NaN, interceptSE: NaN, n: k, sigma: NaN };
  const rss = pts.reduce((s, [a, b]) => s + (b - intercept - slope * a) ** 2, 0);
  const sigma = Math.sqrt(rss / (k - 2));
  return { slope, intercept, slopeSE: sigma / Math.sqrt(sxx), interceptSE: sigma * Math.sqrt(1 / k + (mx * mx) / sxx), n: k, sigma };
}

/** Least-squares fit of log y = intercept + slope · log x: the empirical rate y ≈ e^intercept · x^slope. */
export function fitPowerLaw(xs: readonly number[], ys: readonly number[]): { slope: number; intercept: number; constant: number; slopeSE: number; n: number } {
  const f = fitLine(xs.map(Math.log), ys.map(Math.log));
  return { slope: f.slope, intercept: f.intercept, constant: Math.exp(f.intercept), slopeSE: f.slopeSE, n: f.n };
}

/** Two-sided Student-t quantile t_{ν, 1 − α/2} (e.g. 0.95 confidence, ν = 4 → 2.776), through the incomplete beta inverse. */
export function tQuantile(confidence: number, dof: number): number {
  const alpha = 1 - confidence;
  // P(|T| > t) = I_{ν/(ν+t²)}(ν/2, 1/2).
  const x = betaIncInv(dof / 2, 0.5, alpha);
  return Math.sqrt((dof * (1 - x)) / x);
}

/** Successive ratios ys[i+1]/ys[i] (e.g. the factor an error shrinks by at each doubling of N). */
export function successiveRatios(ys: readonly number[]): number[] {
  return ys.slice(1).map((y, i) => y / ys[i]);
}

/** Whether ys[from..] decreases at every step (each later error below the one before). */
export function decreasingFrom(ys: readonly number[], from: number): boolean {
  for (let i = Math.max(1, from); i < ys.length; i++) if (!(ys[i] < ys[i - 1])) return false;
  return true;
}

/** A trend's summary: the fitted rate over its last points, the ratios between successive terms. */
export interface Trend {
  xs: number[];
  ys: number[];
  /** The fitted log–log slope over the fit window (the empirical rate). */
  slope: number;
  /** Its standard error (NaN with fewer than three finite points in the window). */
  slopeSE: number;
  /** Half-width of the slope's confidence interval at `confidence` (t-based). */
  slopeHalfWidth: number;
  confidence: number;
  intercept: number;
  /** e^intercept: y ≈ constant · x^slope. */
  constant: number;
  /** The x range the fit used. */
  fitFrom: number;
  fitTo: number;
  /** ys[i+1]/ys[i] over the whole sequence. */
  ratios: number[];
  /** The rate the last ratio implies: log(ratio)/log(x step) (for halving at doubling, −1). */
  lastRatioRate: number;
}

/** Options of `trend`: how many final points the rate is fitted over (default 6), and the confidence of its interval (default 0.95). */
export interface TrendOptions {
  fitLast?: number;
  confidence?: number;
}

/** The trend of ys along xs: rate ± standard error over the last `fitLast` points, constant, successive ratios. */
export function trend(xs: readonly number[], ys: readonly number[], opts: TrendOptions = {}): Trend {
  const last = opts.fitLast ?? 6;
  const confidence = opts.confidence ?? 0.95;
  const fx = xs.slice(-last);
  const fy = ys.slice(-last);
  const f = fitPowerLaw(fx, fy);
  const ratios = successiveRatios(ys);
  const K = xs.length - 1;
  const lastRatioRate = K >= 1 ? Math.log(ys[K] / ys[K - 1]) / Math.log(xs[K] / xs[K - 1]) : NaN;
  return {
    xs: [...xs],
    ys: [...ys],
    slope: f.slope,
    slopeSE: f.slopeSE,
    slopeHalfWidth: f.n >= 3 ? tQuantile(confidence, f.n - 2) * f.slopeSE : NaN,
    confidence,
    intercept: f.intercept,
    constant: f.constant,
    fitFrom: fx[0],
    fitTo: fx[fx.length - 1],
    ratios,
    lastRatioRate,
  };
}

/**
 * Ratio test: whether each of the last `count` successive ratios lies within `expected` × [1/(1+tol), 1+tol]
 * (e.g. expected 0.5 for an error that halves at each doubling), with the worst relative deviation.
 */
export function ratioTest(ys: readonly number[], expected: number, tol: number, count = 3): { ok: boolean; worst: number; ratios: number[] } {
  const r = successiveRatios(ys).slice(-count);
  const dev = r.map((q) => Math.abs(Math.log(q / expected)));
  const worst = Math.max(...dev.map((d) => Math.expm1(d)));
  return { ok: r.length === count && dev.every((d) => Number.isFinite(d) && d <= Math.log1p(tol)), worst, ratios: r };
}
