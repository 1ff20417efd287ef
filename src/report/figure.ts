/**
 * Draws a claim's FigureSpec as static SVG, in Node: Observable Plot builds the chart against a
 * linkedom document (no browser, nothing fetched; the markup is inlined into the report).
 *
 * Why Plot: it is a maintained grammar-of-graphics library that takes a `document` option, so
 * the same call that draws in a browser draws here into a DOM shim, and its output is plain SVG
 * with each mark's `aria-description` (which the browser test counts by). Vega renders server-side too,
 * but through an async view and a much larger runtime for what is here lines, dots and bands.
 */
import * as Plot from '@observablehq/plot';
import { createRequire } from 'node:module';
import type { FigureSpec, RegionFigure, ScatterFigure, XYFigure } from '../claims/types.ts';
import { esc, num } from './text.ts';

/** Colours for series that do not name one (Tableau 10, readable on white and distinct in greyscale order). */
const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

let doc: Document | undefined;
function documentShim(): Document {
  if (!doc) {
    // linkedom's CommonJS build, through require: its ES module graph is ~60 small files, and each
    // crosses to the TypeScript loader's hook thread (0.5 s at start-up against 0.1 s this way).
    const { parseHTML } = createRequire(import.meta.url)('linkedom') as typeof import('linkedom');
    doc = parseHTML('<!doctype html><html><head></head><body></body></html>').document as unknown as Document;
  }
  return doc;
}


/** A series' points that a log axis can show (both coordinates finite, positive on log axes). */
function drawable(spec: XYFigure | ScatterFigure, points: [number, number][]): [number, number][] {
  const xl = spec.x.scale === 'log';
  const yl = spec.y.scale === 'log';
  return points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y) && (!xl || x > 0) && (!yl || y > 0));
}

export interface RenderedFigure {
  id: string;
  /** `<figure>` with the title, the SVG, a legend and the caption. */
  html: string;
}

type LegendItem = { label: string; color: string; kind: 'line' | 'dash' | 'band' | 'dot' };

/** The figure as a `<figure>` element (string): title, inline SVG, legend, caption — whatever its kind. */
export function renderFigure(spec: FigureSpec, width = 720, height = 380): RenderedFigure {
  const { svg, legend } = spec.kind === 'region' ? drawRegion(spec, width, height) : spec.kind === 'scatter' ? drawScatter(spec, width, height) : drawXY(spec, width, height);
  return wrap(spec, svg, legend);
}

type Svg = { outerHTML: string; setAttribute(k: string, v: string): void };

/** xy series with their marks (shaded spans, fitted power lines). */
function drawXY(spec: XYFigure, width: number, height: number): { svg: Svg; legend: LegendItem[] } {
  const series = spec.series.map((s, i) => ({ ...s, color: s.color ?? PALETTE[i % PALETTE.length], points: drawable(spec, s.points) }));
  const marks: Plot.Markish[] = [];
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const xMin = Math.min(...xs);
  const xMax = Math.max(...xs);
  const legend: LegendItem[] = [];

  for (const m of spec.marks ?? []) {
    if (m.kind === 'x-span') {
      marks.push(Plot.rectX([m], { x1: 'from', x2: 'to', fill: '#f2c94c', fillOpacity: 0.25, ariaDescription: `span: ${m.label}` }));
      legend.push({ label: m.label, color: 'rgba(242, 201, 76, 0.45)', kind: 'band' });
    }
  }
  marks.push(Plot.ruleY([0], { stroke: '#bbb' }));
  for (const s of series) {
    const data = s.points.map(([x, y]) => ({ x, y }));
    const style = s.style ?? 'line+dots';
    if (style !== 'dots') marks.push(Plot.line(data, { x: 'x', y: 'y', stroke: s.color, strokeWidth: 1.6, ariaDescription: `line: ${s.name}` }));
    if (style !== 'line') marks.push(Plot.dot(data, { x: 'x', y: 'y', fill: s.color, r: 2.2, ariaDescription: `series: ${s.name}`, title: (d: { x: number; y: number }) => `${s.name}: (${num(d.x)}, ${num(d.y)})` }));
    legend.push({ label: s.name, color: s.color, kind: 'line' });
  }
  for (const m of spec.marks ?? []) {
    if (m.kind !== 'power-fit') continue;
    const s = series.find((q) => q.name === m.series);
    if (!s || s.points.length < 2) continue;
    const lo = m.from ?? Math.min(...s.points.map((p) => p[0]));
    const hi = m.to ?? Math.max(...s.points.map((p) => p[0]));
    const k = 24;
    const line = Array.from({ length: k + 1 }, (_, i) => {
      const x = lo * Math.pow(hi / lo, i / k);
      return { x, y: Math.exp(m.intercept) * Math.pow(x, m.slope) };
    }).filter((d) => Number.isFinite(d.y) && d.y > 0);
    marks.push(Plot.line(line, { x: 'x', y: 'y', stroke: s.color, strokeDasharray: '5,4', strokeOpacity: 0.8, ariaDescription: `fit: ${m.label}` }));
    legend.push({ label: m.label, color: s.color, kind: 'dash' });
  }

  const svg = Plot.plot({
    document: documentShim(),
    width,
    height,
    marginLeft: 64,
    marginBottom: 40,
    style: { fontSize: '12px', background: 'white' },
    x: { label: spec.x.label, type: spec.x.scale === 'log' ? 'log' : 'linear', grid: true, ...(spec.x.scale === 'log' ? { tickFormat: logTick(xs) } : {}), ...(Number.isFinite(xMin) && Number.isFinite(xMax) && spec.x.scale !== 'log' ? { domain: [xMin, xMax], nice: true } : {}) },
    y: { label: spec.y.label, type: spec.y.scale === 'log' ? 'log' : 'linear', grid: true, ...(spec.y.scale === 'log' ? { tickFormat: logTick(series.flatMap((q) => q.points.map((p) => p[1]))) } : {}) },
    ariaLabel: spec.title,
    marks,
  }) as unknown as Svg;
  return { svg, legend };
}

/** The extent of a list of numbers, widened to a unit interval when it is empty or a point. */
function extent(vals: number[]): [number, number] {
  const v = vals.filter(Number.isFinite);
  if (v.length === 0) return [0, 1];
  const lo = Math.min(...v);
  const hi = Math.max(...v);
  return lo < hi ? [lo, hi] : [lo - 0.5, hi + 0.5];
}

/** A boolean grid as rectangles, one per run of set cells along each row (fewer, larger rects than one per cell). */
export function gridRects(grid: NonNullable<RegionFigure['regions'][number]['grid']>): [number, number, number, number][] {
  const rows = grid.cells.length;
  const out: [number, number, number, number][] = [];
  grid.cells.forEach((row, j) => {
    const cols = row.length;
    const dx = (grid.x[1] - grid.x[0]) / cols;
    const dy = (grid.y[1] - grid.y[0]) / rows;
    let i = 0;
    while (i < cols) {
      if (!row[i]) {
        i++;
        continue;
      }
      const start = i;
      while (i < cols && row[i]) i++;
      out.push([grid.x[0] + start * dx, grid.y[0] + j * dy, grid.x[0] + i * dx, grid.y[0] + (j + 1) * dy]);
    }
  });
  return out;
}

/** Regions of the plane (rects, polygons, grids) shaded, with curves drawn over them. */
function drawRegion(spec: RegionFigure, width: number, height: number): { svg: Svg; legend: LegendItem[] } {
  const marks: Plot.Markish[] = [];
  const legend: LegendItem[] = [];
  const xs: number[] = [];
  const ys: number[] = [];
  spec.regions.forEach((r, i) => {
    const color = r.color ?? PALETTE[i % PALETTE.length];
    const rects = [...(r.rects ?? []), ...(r.grid ? gridRects(r.grid) : [])].map(([x1, y1, x2, y2]) => ({ x1, y1, x2, y2 }));
    for (const q of rects) xs.push(q.x1, q.x2), ys.push(q.y1, q.y2);
    if (r.grid) xs.push(...r.grid.x), ys.push(...r.grid.y);
    if (rects.length) marks.push(Plot.rect(rects, { x1: 'x1', y1: 'y1', x2: 'x2', y2: 'y2', fill: color, fillOpacity: 0.35, ariaDescription: `region: ${r.name}` }));
    // A polygon is a filled line closed by the linear-closed curve, one path per polygon (z).
    const poly = (r.polygons ?? []).flatMap((vs, p) => vs.map(([x, y]) => ({ x, y, p })));
    for (const d of poly) xs.push(d.x), ys.push(d.y);
    if (poly.length) marks.push(Plot.line(poly, { x: 'x', y: 'y', z: 'p', fill: color, fillOpacity: 0.35, stroke: color, strokeWidth: 1, curve: 'linear-closed', ariaDescription: `polygon: ${r.name}` }));
    legend.push({ label: r.name, color, kind: 'band' });
  });
  (spec.curves ?? []).forEach((c, i) => {
    const color = c.color ?? PALETTE[(spec.regions.length + i) % PALETTE.length];
    const data = c.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y)).map(([x, y]) => ({ x, y }));
    for (const d of data) xs.push(d.x), ys.push(d.y);
    marks.push(Plot.line(data, { x: 'x', y: 'y', stroke: color, strokeWidth: 1.8, ariaDescription: `curve: ${c.name}` }));
    legend.push({ label: c.name, color, kind: 'line' });
  });
  const svg = Plot.plot({
    document: documentShim(),
    width,
    height,
    marginLeft: 64,
    marginBottom: 40,
    style: { fontSize: '12px', background: 'white' },
    x: { label: spec.x.label, domain: spec.x.domain ?? extent(xs), grid: true },
    y: { label: spec.y.label, domain: spec.y.domain ?? extent(ys), grid: true },
    ariaLabel: spec.title,
    marks,
  }) as unknown as Svg;
  return { svg, legend };
}

/** Points with their text labels beside them; a legend entry per group. */
function drawScatter(spec: ScatterFigure, width: number, height: number): { svg: Svg; legend: LegendItem[] } {
  const groups = [...new Set(spec.points.map((p) => p.group ?? ''))];
  const colorOf = (p: ScatterFigure['points'][number]) => p.color ?? PALETTE[groups.indexOf(p.group ?? '') % PALETTE.length];
  const ok = new Set(drawable(spec, spec.points.map((p) => [p.x, p.y])).map((p) => `${p[0]},${p[1]}`));
  const data = spec.points.filter((p) => ok.has(`${p.x},${p.y}`)).map((p) => ({ ...p, color: colorOf(p) }));
  const marks: Plot.Markish[] = [
    Plot.dot(data, { x: 'x', y: 'y', fill: 'color', r: 3.5, ariaDescription: 'points', title: (d: { x: number; y: number; label: string }) => `${d.label}: (${num(d.x)}, ${num(d.y)})` }),
    Plot.text(data, { x: 'x', y: 'y', text: 'label', dx: 6, textAnchor: 'start', fill: '#333', ariaDescription: 'labels' }),
  ];
  const legend: LegendItem[] = groups.filter((g) => g !== '').map((g) => ({ label: g, color: colorOf(spec.points.find((p) => (p.group ?? '') === g)!), kind: 'dot' }));
  const svg = Plot.plot({
    document: documentShim(),
    width,
    height,
    marginLeft: 64,
    // Room on the right for the longest label beside the rightmost point (~7 px a character at 12 px).
    marginRight: Math.min(220, 16 + 7 * Math.max(0, ...data.map((d) => d.label.length))),
    marginBottom: 40,
    style: { fontSize: '12px', background: 'white' },
    color: { type: 'identity' },
    // Insets keep points off the frame, where a dot would be cut in half.
    x: { label: spec.x.label, type: spec.x.scale === 'log' ? 'log' : 'linear', grid: true, inset: 12 },
    y: { label: spec.y.label, type: spec.y.scale === 'log' ? 'log' : 'linear', grid: true, inset: 12 },
    ariaLabel: spec.title,
    marks,
  }) as unknown as Svg;
  return { svg, legend };
}

/** The `<figure>` around a drawn SVG: title, legend, caption. */
function wrap(spec: FigureSpec, svg: Svg, legend: LegendItem[]): RenderedFigure {
  svg.setAttribute('data-figure', spec.id);
  svg.setAttribute('role', 'img');

  const items = legend
    .map((l) => {
      const swatch =
        l.kind === 'band'
          ? `<span class="sw band" style="background:${l.color}"></span>`
          : l.kind === 'dot'
            ? `<span class="sw dot" style="background:${l.color};width:10px;height:10px;border-radius:50%"></span>`
            : `<span class="sw ${l.kind}" style="border-color:${l.color}"></span>`;
      return `<li>${swatch}${esc(l.label)}</li>`;
    })
    .join('');
  const html = [
    `<figure class="fig" id="fig-${esc(spec.id)}">`,
    `<figcaption class="fig-title">${esc(spec.title)}</figcaption>`,
    svg.outerHTML,
    `<ul class="legend">${items}</ul>`,
    spec.caption ? `<p class="fig-caption">${esc(spec.caption)}</p>` : '',
    `</figure>`,
  ].join('');
  return { id: spec.id, html };
}

/**
 * Log-axis ticks: powers of ten as 10⁻⁴ (not Plot's SI prefixes: "100µ" reads as a unit), the
 * ticks between them unlabelled; an axis whose data span less than a decade labels every tick.
 */
function logTick(values: number[]): (v: number) => string {
  const pos = values.filter((v) => v > 0);
  const narrow = pos.length > 0 && Math.max(...pos) / Math.min(...pos) < 10;
  return (v: number) => {
    if (!(v > 0)) return '';
    if (narrow) return num(v);
    const k = Math.round(Math.log10(v));
    if (Math.abs(Math.log10(v) - k) > 1e-9) return '';
    return k >= 0 && k <= 4 ? String(10 ** k) : `10${sup(k)}`;
  };
}
const SUP: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };
const sup = (k: number) => [...String(k)].map((c) => SUP[c] ?? c).join('');
