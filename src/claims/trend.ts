/**
 * Claims checked as a trend (an error along a growing sequence): the numeric fit lives in
 * src/numeric/trend.ts; this turns it into what a claim reports — numbers with the rate ± its
 * standard error, and a log–log FigureSpec with the points and the fitted power line.
 */
import { trend, type Trend, type TrendOptions } from '../numeric/trend.ts';
import type { FigureSpec, Numbers } from './types.ts';

/** One curve of a trend figure: the error ys along xs. */
export interface TrendCurve {
  name: string;
  color?: string;
  xs: number[];
  ys: number[];
}

/** A trend's numbers under `prefix`: rate (the fitted slope), its standard error, the confidence half-width, the constant, the fit window. */
export function trendNumbers(t: Trend, prefix = 'rate'): Numbers {
  return {
    [prefix]: t.slope,
    [`${prefix}SE`]: t.slopeSE,
    [`${prefix}CI${Math.round(t.confidence * 100)}`]: t.slopeHalfWidth,
    [`${prefix}Constant`]: t.constant,
    [`${prefix}FitN`]: [t.fitFrom, t.fitTo],
  };
}

/** A label for a fitted rate: "N^−0.998 ± 0.004 over the last six points (empirical)". */
export function rateLabel(name: string, t: Trend, xName = 'N'): string {
  const se = Number.isFinite(t.slopeSE) ? ` ± ${t.slopeSE.toPrecision(2)} (s.e.)` : '';
  return `${name}: fitted rate ${xName}^${t.slope.toFixed(3)}${se} over ${xName} = ${t.fitFrom}..${t.fitTo} (empirical)`;
}

/** A log–log figure of trend curves, each with its points and its fitted power line (over the fit window). */
export function trendFigure(
  spec: { id: string; title: string; caption?: string; xLabel?: string; yLabel: string },
  curves: TrendCurve[],
  opts: TrendOptions = {},
): FigureSpec {
  const xName = spec.xLabel ?? 'N';
  const fits = curves.map((c) => trend(c.xs, c.ys, opts));
  return {
    id: spec.id,
    title: spec.title,
    ...(spec.caption ? { caption: spec.caption } : {}),
    x: { label: xName, scale: 'log' },
    y: { label: spec.yLabel, scale: 'log' },
    series: curves.map((c) => ({ name: c.name, ...(c.color ? { color: c.color } : {}), style: 'line+dots' as const, points: c.xs.map((x, i) => [x, c.ys[i]] as [number, number]) })),
    marks: curves.map((c, i) => ({ kind: 'power-fit' as const, series: c.name, slope: fits[i].slope, intercept: fits[i].intercept, from: fits[i].fitFrom, to: fits[i].fitTo, label: rateLabel(c.name, fits[i], xName) })),
  };
}
