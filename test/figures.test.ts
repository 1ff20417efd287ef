/**
 * Figure kinds beyond xy series (issue #10): a 2-D region plot (a set given as rectangles, polygons or
 * a boolean grid, with curves over it) and a labelled scatter. Each draws to SVG with the marks its
 * data asks for, and a FigureSpec of each kind survives `check --json` → `report --from`.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { trendFigure } from '../src/claims/trend.ts';
import type { FigureSpec, RegionFigure, ScatterFigure } from '../src/claims/types.ts';
import { main, type IO } from '../src/cli/main.ts';
import { gridRects, renderFigure } from '../src/report/figure.ts';

/** A trading rule A ⊂ [0,1]² as a grid (trade where s + b ≥ 1), a rectangle, a triangle, and a cutoff curve over it. */
const REGION: RegionFigure = {
  kind: 'region',
  id: 'test.region',
  title: 'A trading rule and its cutoff',
  x: { label: 's', domain: [0, 1] },
  y: { label: 'b', domain: [0, 1] },
  regions: [
    { name: 'A_t (grid)', grid: { x: [0, 1], y: [0, 1], cells: Array.from({ length: 8 }, (_, j) => Array.from({ length: 8 }, (_, i) => i + j >= 7)) } },
    { name: 'a rectangle', rects: [[0, 0, 0.25, 0.25]] },
    { name: 'a triangle', polygons: [[[0.5, 0], [1, 0], [1, 0.5]]] },
  ],
  curves: [{ name: 'β_t(s)', points: Array.from({ length: 11 }, (_, i) => [i / 10, 1 - i / 10] as [number, number]) }],
};

const SCATTER: ScatterFigure = {
  kind: 'scatter',
  id: 'test.scatter',
  title: 'Mechanisms by two measures',
  x: { label: 'efficiency' },
  y: { label: 'revenue' },
  points: [
    { x: 0.9, y: 0.1, label: 'double auction', group: 'auctions' },
    { x: 0.7, y: 0.3, label: 'posted price', group: 'prices' },
    { x: 0.5, y: 0.45, label: 'k-double <auction>', group: 'auctions' },
  ],
};

function svgOf(spec: FigureSpec) {
  const { document } = parseHTML(`<!doctype html><html><body>${renderFigure(spec).html}</body></html>`);
  return document.querySelector(`svg[data-figure="${spec.id}"]`)!;
}

const marksOf = (svg: Element, description: string) => svg.querySelector(`g[aria-description="${description}"]`)!;

describe('region figures', () => {
  it('a boolean grid becomes one rectangle per run of set cells', () => {
    const rects = gridRects({ x: [0, 1], y: [0, 2], cells: [[true, true, false, true], [false, false, false, false]] });
    expect(rects).toEqual([[0, 0, 0.5, 1], [0.75, 0, 1, 1]]);
  });

  it('draws grid and rect regions as rects, polygons and curves as paths', () => {
    const svg = svgOf(REGION);
    expect(svg).toBeTruthy();
    // the staircase i + j ≥ 7 on an 8×8 grid: one run per row
    expect(marksOf(svg, 'region: A_t (grid)').querySelectorAll('rect').length).toBe(8);
    expect(marksOf(svg, 'region: a rectangle').querySelectorAll('rect').length).toBe(1);
    expect(marksOf(svg, 'polygon: a triangle').querySelectorAll('path').length).toBe(1);
    expect(marksOf(svg, 'curve: β_t(s)').querySelectorAll('path').length).toBe(1);
    const html = renderFigure(REGION).html;
    for (const name of ['A_t (grid)', 'a rectangle', 'a triangle', 'β_t(s)']) expect(html).toContain(`${name}</li>`);
  });
});

describe('scatter figures', () => {
  it('draws a dot and an escaped text label per point, and a legend entry per group', () => {
    const svg = svgOf(SCATTER);
    expect(marksOf(svg, 'points').querySelectorAll('circle').length).toBe(3);
    const texts = [...marksOf(svg, 'labels').querySelectorAll('text')].map((t) => t.textContent);
    expect(texts).toEqual(['double auction', 'posted price', 'k-double <auction>']);
    const html = renderFigure(SCATTER).html;
    expect(html).toContain('auctions</li>');
    expect(html).toContain('prices</li>');
    expect(html).not.toContain('<auction>');
  });
});

describe('trend figures (src/claims/trend.ts)', () => {
  it('carry the points and a power-fit mark with the fitted slope and its standard error in the label', () => {
    const xs = [2, 4, 8, 16, 32, 64, 128, 256];
    const f = trendFigure({ id: 't', title: 't', yLabel: 'error' }, [{ name: 'c', xs, ys: xs.map((x) => 5 / x) }]);
    expect(f.kind).toBeUndefined();
    if (f.kind !== undefined && f.kind !== 'xy') throw new Error('not xy');
    expect(f.series[0].points).toHaveLength(8);
    const m = f.marks![0];
    expect(m.kind).toBe('power-fit');
    if (m.kind !== 'power-fit') return;
    expect(m.slope).toBeCloseTo(-1, 12);
    expect(Math.exp(m.intercept)).toBeCloseTo(5, 10);
    expect([m.from, m.to]).toEqual([8, 256]);
    expect(m.label).toMatch(/N\^-1\.000 ± .* \(s\.e\.\)/);
    expect(svgOf(f).querySelector('g[aria-description^="fit: c"]')).toBeTruthy();
  });
});

describe('new figure kinds through check --json → report --from', () => {
  async function run(argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const io: IO = { out: (s) => out.push(s), err: (s) => err.push(s), readStdin: () => '', isTTY: false };
    return { code: await main(argv, io), out, err };
  }

  it('the zod schema accepts region and scatter figures and the report draws them', async () => {
    const work = mkdtempSync(join(tmpdir(), 'mechcheck-figures-'));
    const c = await run(['check', 'PW.uniform.closed-form', '--runs', '2', '--json', '--no-save', '--workers', '1']);
    expect(c.code).toBe(0);
    const line = JSON.parse(c.out[0]);
    // A curve point at Infinity is written as null, as check --json writes it; the report skips it.
    const region = { ...REGION, curves: [{ ...REGION.curves![0], points: [...REGION.curves![0].points, [2, Infinity]] }] };
    line.figures = [region, SCATTER];
    const from = join(work, 'run.jsonl');
    writeFileSync(from, JSON.stringify(line) + '\n');
    const out = join(work, 'report');
    const r = await run(['report', '--from', from, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.err.join('\n')).toMatch(/^mechcheck: report written/);
    const { document } = parseHTML(readFileSync(join(out, 'index.html'), 'utf8'));
    const rs = document.querySelector('svg[data-figure="test.region"]')!;
    expect(rs.querySelector('g[aria-description="region: A_t (grid)"]')!.querySelectorAll('rect').length).toBe(8);
    expect(rs.querySelector('g[aria-description="curve: β_t(s)"] path')).toBeTruthy();
    const ss = document.querySelector('svg[data-figure="test.scatter"]')!;
    expect([...ss.querySelectorAll('g[aria-description="labels"] text')].map((t) => t.textContent)).toContain('posted price');
  });

  it('a bad field of a new kind is one error naming it, exit 2', async () => {
    const work = mkdtempSync(join(tmpdir(), 'mechcheck-figures-'));
    const c = await run(['check', 'PW.uniform.closed-form', '--runs', '2', '--json', '--no-save', '--workers', '1']);
    const line = JSON.parse(c.out[0]);
    line.figures = [{ ...SCATTER, points: [{ x: 1, y: 2 }] }];
    const from = join(work, 'bad.jsonl');
    writeFileSync(from, JSON.stringify(line) + '\n');
    const r = await run(['report', '--from', from, '--out', join(work, 'r')]);
    expect(r.code).toBe(2);
    expect(r.err.join('\n')).toMatch(/figures\[0\]\.points\[0\]\.label/);
  });
});
