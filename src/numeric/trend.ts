/** Trends along a growing sequence (CLAIMS.md: "≈ and limits: check the trend, not a single large N"). */

/** Least-squares fit of log y = intercept + slope · log x: the empirical rate y ≈ e^intercept · x^slope. */
export function fitPowerLaw(xs: readonly number[], ys: readonly number[]): { slope: number; intercept: number; constant: number } {
  const pts = xs.map((x, i) => [Math.log(x), Math.log(ys[i])]).filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b));
  const k = pts.length;
  if (k < 2) return { slope: NaN, intercept: NaN, constant: NaN };
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
  return { slope, intercept, constant: Math.exp(intercept) };
}

/** Whether ys[from..] decreases at every step (each later error below the one before). */
export function decreasingFrom(ys: readonly number[], from: number): boolean {
  for (let i = Math.max(1, from); i < ys.length; i++) if (!(ys[i] < ys[i - 1])) return false;
  return true;
}
