/**
 * Random continuous distributions (DistSpec) for models that need a density positive on the
 * open support (Pycia–Wang, Section 2). Every kind of INTERFACES.md except atoms; each
 * constraint below says which assumption it enforces.
 */
import fc from 'fast-check';
import type { DistSpec } from '../distributions/types.ts';
import { checkDensity, compileExpr } from '../distributions/density.ts';
// Generated markets include expression densities: load their engine (density.ts does not).
import '../distributions/expression-engine.ts';
import { edgyReal, gridReal, roundSig } from './numbers.ts';

export interface Support {
  lo: number;
  hi: number;
}

/** Supports: [0,1] most often, the sine market's [0, 8.4438], and shifted/scaled intervals (lo < hi). */
export const supportArb: fc.Arbitrary<Support> = fc.oneof(
  { arbitrary: fc.constant({ lo: 0, hi: 1 }), weight: 4 },
  { arbitrary: fc.constant({ lo: 0, hi: 8.4438 }), weight: 1 },
  {
    arbitrary: fc
      .record({ lo: edgyReal(-2, 5, [0, 1, -1], 70), width: edgyReal(0.1, 10, [1, 2, 0.5], 99) })
      .map(({ lo, width }) => ({ lo, hi: roundSig(lo + width, 10) })),
    weight: 2,
  },
);

/** Piecewise-uniform with 1–6 equal-width pieces; weights ≥ 1 keep the density positive on the support. */
export const piecewiseArb = (s: Support): fc.Arbitrary<DistSpec> =>
  fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 6 }).map((ws) => ({
    kind: 'piecewise-uniform' as const,
    pieces: ws.map((weight, k) => ({
      lo: roundSig(s.lo + ((s.hi - s.lo) * k) / ws.length, 12),
      hi: k === ws.length - 1 ? s.hi : roundSig(s.lo + ((s.hi - s.lo) * (k + 1)) / ws.length, 12),
      weight,
    })),
  }));

/** Beta with a, b ≥ 1: the density is continuous (bounded) on the closed support, as Section 2 assumes. */
export const betaArb = (s: Support, integerB = false): fc.Arbitrary<DistSpec> =>
  fc
    .record({
      a: edgyReal(1, 8, [1, 2], 14),
      b: integerB ? fc.integer({ min: 1, max: 4 }) : edgyReal(1, 8, [1, 2], 14),
    })
    .map(({ a, b }) => ({ kind: 'beta' as const, a, b, lo: s.lo, hi: s.hi }));

/** Truncated normal: any mean near the support, sd from 5% to 2× its width. */
export const truncNormalArb = (s: Support): fc.Arbitrary<DistSpec> =>
  fc
    .record({ m: gridReal(-0.25, 1.25, 30), sd: edgyReal(0.05, 2, [0.2], 39) })
    .map(({ m, sd }) => ({
      kind: 'truncated-normal' as const,
      mean: roundSig(s.lo + m * (s.hi - s.lo), 10),
      sd: roundSig(sd * (s.hi - s.lo), 10),
      lo: s.lo,
      hi: s.hi,
    }));

/** Density expressions: oscillating c + sin(kx + φ) with c > 1 (positive), bumps over a floor, U shapes. */
export const expressionArb = (s: Support): fc.Arbitrary<DistSpec> => {
  const w = s.hi - s.lo;
  const osc = fc
    // c > 1 keeps the density positive (c = 1 would touch 0 where sin = −1).
    .record({ c: edgyReal(1.1, 3, [1.2], 19), k: fc.integer({ min: 1, max: 24 }), phi: gridReal(0, 6, 12) })
    .map(({ c, k, phi }) => `${c} + sin(${roundSig((k * Math.PI) / w, 6)} * ${s.lo === 0 ? 'x' : `(x - ${s.lo})`}${phi ? ` + ${phi}` : ''})`);
  const bump = fc
    .record({ m: gridReal(0, 1, 20), sd: edgyReal(0.03, 0.5, [0.1], 47), floor: edgyReal(0.01, 1, [0.1], 99) })
    .map(({ m, sd, floor }) => `${floor} + exp(-((x - ${roundSig(s.lo + m * w, 8)}) / ${roundSig(sd * w, 8)})^2)`);
  const ushape = fc
    .record({ m: gridReal(0, 1, 20), e: edgyReal(0.001, 1, [0.01], 99) })
    .map(({ m, e }) => {
      const c = roundSig(s.lo + m * w, 8);
      return `${c === 0 ? 'x' : `(x - ${c})`}^2 + ${roundSig(e * w * w, 6)}`;
    });
  return fc.oneof(osc, bump, ushape).map((expr) => ({ kind: 'density' as const, expr, lo: s.lo, hi: s.hi }));
};

/** The paper's Example 1 market: f(x) = 0.1 + 0.1 sin x on [0, 8.4438]. */
export const SINE_MARKET: DistSpec = { kind: 'density', expr: '0.1+0.1*sin(x)', lo: 0, hi: 8.4438 };
export const UNIFORM01: DistSpec = { kind: 'uniform', lo: 0, hi: 1 };

const simpleDistArb = (s: Support, opts: { integerBetaB?: boolean } = {}): fc.Arbitrary<DistSpec> =>
  fc.oneof(
    { arbitrary: fc.constant<DistSpec>({ kind: 'uniform', lo: s.lo, hi: s.hi }), weight: 2 },
    { arbitrary: piecewiseArb(s), weight: 4 },
    { arbitrary: betaArb(s, opts.integerBetaB), weight: 2 },
    { arbitrary: truncNormalArb(s), weight: 2 },
    { arbitrary: expressionArb(s), weight: 2 },
  );

/**
 * Every continuous kind, on one support: shrinks towards uniform, then towards fewer pieces and
 * round parameters. Mixtures of 2–3 parts make multimodal densities.
 * `analyticTop` keeps F real-analytic near v̄ (Theorem 3): Beta only with integer b.
 */
export function distSpecArb(opts: { analyticTop?: boolean; withoutPaperMarkets?: boolean } = {}): fc.Arbitrary<DistSpec> {
  return supportArb.chain((s) =>
    fc.oneof(
      { arbitrary: simpleDistArb(s, { integerBetaB: opts.analyticTop }), weight: 6 },
      ...(opts.withoutPaperMarkets ? [] : [{ arbitrary: fc.constant(SINE_MARKET), weight: 1 }]),
      {
        arbitrary: fc
          .array(fc.record({ weight: fc.integer({ min: 1, max: 5 }), dist: simpleDistArb(s, { integerBetaB: opts.analyticTop }) }), { minLength: 2, maxLength: 3 })
          .map((parts) => ({ kind: 'mixture' as const, parts })),
        weight: 2,
      },
    ),
  );
}

/** Coverage labels of a distribution. */
export function distLabels(d: DistSpec): string[] {
  switch (d.kind) {
    case 'uniform': return ['dist:uniform'];
    case 'piecewise-uniform': {
      const ws = d.pieces.map((p) => p.weight);
      const modes = ws.filter((w, i) => (i === 0 || w > ws[i - 1]) && (i === ws.length - 1 || w > ws[i + 1])).length;
      return ['dist:piecewise-uniform', `pieces:${d.pieces.length}`, ...(modes > 1 ? ['density:multimodal'] : [])];
    }
    case 'beta': return ['dist:beta'];
    case 'truncated-normal': return ['dist:truncated-normal'];
    case 'density':
      if (d.kind !== 'density') return [];
      return ['dist:density', ...(d.expr.includes('sin') ? ['density:oscillating'] : []), ...(d.expr === (SINE_MARKET as { expr: string }).expr ? ['dist:paper-sine'] : [])];
    case 'mixture': return ['dist:mixture', 'density:multimodal'];
    case 'atoms': return ['dist:atoms'];
  }
}

type Piece = { lo: number; hi: number; weight: number };

/** The pieces of a piecewise-uniform spec in order of position. */
function sortedPieces(d: { pieces: Piece[] }): Piece[] {
  return [...d.pieces].sort((a, b) => a.lo - b.lo);
}

/** [lo, hi] of a continuous spec (a mixture's hull of its parts). */
export function supportOfSpec(d: DistSpec): Support {
  switch (d.kind) {
    case 'piecewise-uniform': {
      const ps = sortedPieces(d);
      return { lo: ps[0].lo, hi: ps[ps.length - 1].hi };
    }
    case 'mixture': {
      const ss = d.parts.map((p) => supportOfSpec(p.dist));
      return { lo: Math.min(...ss.map((s) => s.lo)), hi: Math.max(...ss.map((s) => s.hi)) };
    }
    case 'atoms': return { lo: Math.min(...d.points.map((p) => p[0])), hi: Math.max(...d.points.map((p) => p[0])) };
    default: return { lo: d.lo, hi: d.hi };
  }
}

/** Whether a piecewise-uniform spec's pieces have equal widths (to 1e-9 of the support). */
function equalWidths(ps: Piece[]): boolean {
  const w = (ps[ps.length - 1].hi - ps[0].lo) / ps.length;
  return ps.every((p) => Math.abs(p.hi - p.lo - w) <= 1e-9 * ps.length * w);
}

/** The distribution in a few words. */
export function describeDist(d: DistSpec): string {
  const sup = (lo: number, hi: number) => `[${lo}, ${hi}]`;
  switch (d.kind) {
    case 'uniform': return `uniform${sup(d.lo, d.hi)}`;
    case 'beta': return `beta(${d.a}, ${d.b}) on ${sup(d.lo, d.hi)}`;
    case 'truncated-normal': return `normal(${d.mean}, sd ${d.sd}) truncated to ${sup(d.lo, d.hi)}`;
    case 'density': return `density ∝ ${d.expr} on ${sup(d.lo, d.hi)}`;
    case 'piecewise-uniform': {
      const ps = sortedPieces(d);
      const on = sup(ps[0].lo, ps[ps.length - 1].hi);
      const ws = `weights (${ps.map((p) => p.weight).join(', ')})`;
      // Merged pieces have unequal widths: then the breaks are the shape, so they are named.
      if (equalWidths(ps)) return `piecewise-uniform on ${on} with ${ps.length} equal-width piece(s), ${ws}`;
      return `piecewise-uniform on ${on} with breaks at ${ps.slice(1).map((p) => p.lo).join(', ')}, ${ws}`;
    }
    case 'atoms': return `atoms ${JSON.stringify(d.points)}`;
    case 'mixture': return `mixture of ${d.parts.map((p) => `${p.weight}×${describeDist(p.dist)}`).join(' + ')}`;
  }
}

// ------------------------------------------------------------------ search moves

/**
 * Numeric literals of an expression (decimal or scientific); exponents (after ^) are left alone,
 * and so are digits inside names (log10, atan2).
 */
const LITERAL = /(\^\s*)?(?<![A-Za-z_\d.])(\d+(?:\.\d+)?(?:e[-+]?\d+)?)/gi;

/** Rewrite each literal of `expr` not in an exponent with `f` (its index among them, its value). */
function mapLiterals(expr: string, f: (x: number, k: number) => number): string {
  let k = 0;
  return expr.replace(LITERAL, (whole, caret: string | undefined, lit: string) => (caret ? whole : String(f(Number(lit), k++))));
}

/** Points at which an expression density is sampled for Section 2's positivity (open support). */
const POSITIVITY_GRID = 2000;

/**
 * Whether an expression density stays inside Section 2's assumptions on (lo, hi): it builds, and
 * is positive (above 1e-9 of its maximum) at every interior grid point. A shrink or a mutation
 * that rounds c in `c + sin(…)` down to 1 would otherwise touch 0 and leave the model.
 */
export function densityInsideAssumptions(expr: string, lo: number, hi: number): boolean {
  if (!(lo < hi)) return false;
  const c = compileExpr(expr);
  if (!c.ok) return false;
  const N = POSITIVITY_GRID;
  const x = (i: number) => lo + ((hi - lo) * i) / N;
  const v = new Float64Array(N + 1);
  let max = 0;
  for (let i = 1; i < N; i++) {
    v[i] = c.f(x(i));
    if (!Number.isFinite(v[i])) return false;
    max = Math.max(max, v[i]);
  }
  if (!(max > 0)) return false;
  // A zero between grid points (1 + sin(20x) touches 0 at x ≈ 0.2356, the grid only comes within
  // 1e-5): refine every interior local minimum of the grid by golden section.
  for (let i = 1; i < N; i++) {
    if (v[i] <= 1e-9 * max) return false;
    if (i === 1 || i === N - 1 || v[i] > v[i - 1] || v[i] > v[i + 1]) continue;
    if (goldenMin(c.f, x(i - 1), x(i + 1)) <= 1e-9 * max) return false;
  }
  return checkDensity(expr, lo, hi) === null;
}

/** min of f on [a, b] by golden-section search (f unimodal there), 60 steps. */
function goldenMin(f: (x: number) => number, a: number, b: number): number {
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let k = 0; k < 60; k++) {
    if (fc <= fd) {
      b = d; d = c; fd = fc; c = b - g * (b - a); fc = f(c);
    } else {
      a = c; c = d; fc = fd; d = a + g * (b - a); fd = f(d);
    }
  }
  return Math.min(fc, fd);
}

/** A neighbour of d inside the assumptions, for the targeted phase: every kind moves. */
export function mutateDist(d: DistSpec, rand: () => number, scale: number): DistSpec {
  const jitter = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, roundSig(x * Math.exp(scale * (2 * rand() - 1)), 6)));
  switch (d.kind) {
    case 'uniform': {
      // The uniform is a point of the piecewise-uniform family: leave it by 2–3 perturbed pieces.
      const k = 2 + Math.floor(rand() * 2);
      const ws = Array.from({ length: k }, () => jitter(1, 0.05, 1000));
      return {
        kind: 'piecewise-uniform',
        pieces: ws.map((weight, i) => ({ lo: i === 0 ? d.lo : roundSig(d.lo + ((d.hi - d.lo) * i) / k, 12), hi: i === k - 1 ? d.hi : roundSig(d.lo + ((d.hi - d.lo) * (i + 1)) / k, 12), weight })),
      };
    }
    case 'piecewise-uniform': {
      const pieces = sortedPieces(d).map((p) => ({ ...p, weight: jitter(p.weight, 0.05, 1000) }));
      // Move one break too: the counterexamples of Example 1's conjecture live at unequal widths.
      if (pieces.length > 1 && rand() < 0.5) {
        const k = 1 + Math.floor(rand() * (pieces.length - 1));
        const a = pieces[k - 1].lo;
        const b = pieces[k].hi;
        const at = pieces[k].lo;
        const room = Math.min(at - a, b - at);
        const moved = roundSig(at + 0.5 * scale * room * (2 * rand() - 1), 6);
        if (moved > a && moved < b) {
          pieces[k - 1] = { ...pieces[k - 1], hi: moved };
          pieces[k] = { ...pieces[k], lo: moved };
        }
      }
      return { ...d, pieces };
    }
    case 'beta': return { ...d, a: jitter(d.a, 1, 50), b: Number.isInteger(d.b) ? d.b : jitter(d.b, 1, 50) };
    case 'truncated-normal': {
      const w = d.hi - d.lo;
      return { ...d, mean: roundSig(d.mean + scale * w * 0.2 * (2 * rand() - 1), 8), sd: jitter(d.sd, 0.02 * w, 5 * w) };
    }
    case 'density': {
      // Perturb the literals (coefficients, frequencies, phases, centres; not exponents) by up to
      // e^{±scale/5}; a draw that leaves the assumptions is retried smaller, then d is kept.
      for (let attempt = 0, s = scale; attempt < 3; attempt++, s /= 2) {
        const expr = mapLiterals(d.expr, (x) => (x === 0 ? 0 : roundSig(x * Math.exp((s / 5) * (2 * rand() - 1)), 6)));
        if (expr !== d.expr && densityInsideAssumptions(expr, d.lo, d.hi)) return { ...d, expr };
      }
      return d;
    }
    case 'mixture': return { ...d, parts: d.parts.map((p) => ({ weight: jitter(p.weight, 0.05, 100), dist: mutateDist(p.dist, rand, scale) })) };
    default: return d;
  }
}

// ------------------------------------------------------------------ shrinking

/**
 * What "simplest" means for a distribution (the order the shrink moves down):
 *   kind: uniform < piecewise-uniform < beta < truncated normal < density < mixture;
 *   a piecewise-uniform: fewer pieces, then a smaller weight sum (weights in lowest integer
 *   terms), then rounder breaks (the smallest denominator as fractions of the support);
 *   then the support [0, 1], then rounder parameters.
 * The simplest non-uniform shapes are `canonicalShapes`.
 */
export const KIND_RANK: Record<DistSpec['kind'], number> = { uniform: 0, 'piecewise-uniform': 1, beta: 2, 'truncated-normal': 3, density: 4, mixture: 5, atoms: 6 };

/** Denominators of the round breaks: halves, thirds, quarters, fifths, tenths. */
const ROUND_DENOMINATORS = [2, 3, 4, 5, 10];

/** The smallest q ≤ 1000 with x·q an integer (to 1e-9), Infinity when there is none. */
function denominatorOf(x: number): number {
  for (let q = 1; q <= 1000; q++) if (Math.abs(x * q - Math.round(x * q)) <= 1e-9 * q) return q;
  return Number.POSITIVE_INFINITY;
}

/** [pieces, weight sum in lowest integer terms, largest break denominator]: lower is simpler. */
export function piecewiseKey(d: DistSpec): [number, number, number] {
  if (d.kind !== 'piecewise-uniform') return [Infinity, Infinity, Infinity];
  const ps = sortedPieces(d);
  const lo = ps[0].lo;
  const w = ps[ps.length - 1].hi - lo;
  const ws = ps.map((p) => p.weight);
  const sum = ws.every(Number.isInteger) ? ws.reduce((a, b) => a + b, 0) / gcdAll(ws) : Number.POSITIVE_INFINITY;
  const q = Math.max(1, ...ps.slice(1).map((p) => denominatorOf((p.lo - lo) / w)));
  return [ps.length, sum, q];
}

function lexLess(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}

/** A piecewise-uniform on [lo, hi] with breaks at the fractions `at` of the support and the given weights. */
function piecewiseAt(s: Support, at: readonly number[], weights: readonly number[]): DistSpec {
  const cut = (f: number) => (f === 0 ? s.lo : f === 1 ? s.hi : roundSig(s.lo + (s.hi - s.lo) * f, 12));
  const bounds = [0, ...at, 1];
  return { kind: 'piecewise-uniform', pieces: weights.map((weight, i) => ({ lo: cut(bounds[i]), hi: cut(bounds[i + 1]), weight })) };
}

/**
 * The simplest non-uniform shapes on a support, simplest first: two pieces of equal weight with
 * the break at 1/3, 2/3, 1/4 or 3/4 of the support (one number, the break, of smallest
 * denominator), then two equal-width pieces of weights 1:2 and 2:1.
 */
export function canonicalShapes(s: Support): DistSpec[] {
  return [
    ...[1 / 3, 2 / 3, 1 / 4, 3 / 4].map((f) => piecewiseAt(s, [f], [1, 1])),
    piecewiseAt(s, [1 / 2], [1, 2]),
    piecewiseAt(s, [1 / 2], [2, 1]),
  ];
}

/** The round fractions strictly between a and b (fractions of a support), roundest first. */
function roundFractionsBetween(a: number, b: number): number[] {
  const out: number[] = [];
  for (const q of ROUND_DENOMINATORS) {
    for (let p = 1; p < q; p++) {
      const f = p / q;
      if (f > a + 1e-12 && f < b - 1e-12 && denominatorOf(f) === q) out.push(f);
    }
  }
  return out;
}

/**
 * Simpler variants of d in two tiers, each simplest first. `structure`: a simpler kind or fewer
 * pieces or parts (uniform first, then the canonical two-piece shapes, merges, dropped parts).
 * `numbers`: the same structure with rounder numbers (equal or smaller integer weights, round
 * breaks, rounded parameters, the support [0, 1]). Every candidate is inside Section 2's
 * assumptions (a density that rounding would make touch 0 is not offered).
 */
export function simplifyDistTiers(d: DistSpec, opts: { shapes?: boolean } = {}): { structure: DistSpec[]; numbers: DistSpec[] } {
  const structure: DistSpec[] = [];
  const numbers: DistSpec[] = [];
  const s = supportOfSpec(d);
  const unitS = { lo: 0, hi: 1 };
  const isUnit = s.lo === 0 && s.hi === 1;
  if (d.kind !== 'uniform' && d.kind !== 'atoms') {
    structure.push({ kind: 'uniform', lo: s.lo, hi: s.hi });
    if (!isUnit) structure.push({ kind: 'uniform', lo: 0, hi: 1 });
    if (opts.shapes !== false) {
      const key = piecewiseKey(d);
      // Only shapes simpler than d (no cycles): before it in the canonical order when d is one of
      // them, else of a smaller piecewiseKey.
      const own = canonicalShapes(s).findIndex((c) => JSON.stringify(c) === JSON.stringify(d));
      const shapes = [...(isUnit ? [] : canonicalShapes(unitS)), ...canonicalShapes(s).slice(0, own < 0 ? undefined : own)];
      for (const c of shapes) if (d.kind !== 'piecewise-uniform' || own >= 0 || lexLess(piecewiseKey(c), key)) structure.push(c);
    }
  }
  const round = (x: number, sig: number) => roundSig(x, sig);
  switch (d.kind) {
    case 'piecewise-uniform': {
      const pieces = sortedPieces(d);
      const w = s.hi - s.lo;
      for (let k = 0; k + 1 < pieces.length - (pieces.length === 2 ? 1 : 0); k++) {
        // Merge two neighbours (equal widths are not required by the model); two pieces merged
        // are the uniform, offered first already.
        structure.push({ ...d, pieces: [...pieces.slice(0, k), { lo: pieces[k].lo, hi: pieces[k + 1].hi, weight: pieces[k].weight + pieces[k + 1].weight }, ...pieces.slice(k + 2)] });
      }
      if (pieces.length > 1 && !pieces.every((p) => p.weight === pieces[0].weight)) numbers.push({ ...d, pieces: pieces.map((p) => ({ ...p, weight: 1 })) });
      const g = gcdAll(pieces.map((p) => p.weight));
      if (g > 1) numbers.push({ ...d, pieces: pieces.map((p) => ({ ...p, weight: p.weight / g })) });
      for (const sig of [1, 2]) {
        const r = pieces.map((p) => ({ ...p, weight: Math.max(1, round(p.weight, sig)) }));
        if (r.some((p, i) => p.weight !== pieces[i].weight)) numbers.push({ ...d, pieces: r });
      }
      // Each break to a rounder fraction of the support (between its neighbours), roundest first.
      for (let k = 1; k < pieces.length; k++) {
        const f = (x: number) => (x - s.lo) / w;
        const q = denominatorOf(f(pieces[k].lo));
        const fr = roundFractionsBetween(f(pieces[k - 1].lo), f(pieces[k].hi)).filter((x) => denominatorOf(x) < q);
        for (const x of fr.slice(0, 8)) {
          const at = x === 0 ? s.lo : roundSig(s.lo + w * x, 12);
          numbers.push({ ...d, pieces: pieces.map((p, i) => (i === k - 1 ? { ...p, hi: at } : i === k ? { ...p, lo: at } : p)) });
        }
      }
      if (!equalWidths(pieces)) numbers.push(piecewiseAt(s, pieces.slice(1).map((_, i) => (i + 1) / pieces.length), pieces.map((p) => p.weight)));
      break;
    }
    case 'mixture':
      for (let k = 0; k < d.parts.length; k++) {
        const rest = d.parts.filter((_, j) => j !== k);
        structure.push(rest.length === 1 ? rest[0].dist : { ...d, parts: rest });
      }
      d.parts.forEach((p, k) => {
        const t = simplifyDistTiers(p.dist, { shapes: false });
        for (const c of t.structure) structure.push({ ...d, parts: d.parts.map((q, j) => (j === k ? { ...q, dist: c } : q)) });
        for (const c of t.numbers) numbers.push({ ...d, parts: d.parts.map((q, j) => (j === k ? { ...q, dist: c } : q)) });
      });
      if (d.parts.some((p) => p.weight !== 1)) numbers.push({ ...d, parts: d.parts.map((p) => ({ ...p, weight: 1 })) });
      break;
    case 'beta':
      if (d.a !== 1 && d.b !== 1) numbers.push({ ...d, a: 1 }, { ...d, b: 1 });
      for (const sig of [1, 2]) if (round(d.a, sig) !== d.a || round(d.b, sig) !== d.b) numbers.push({ ...d, a: Math.max(1, round(d.a, sig)), b: Math.max(1, round(d.b, sig)) });
      break;
    case 'density': {
      // Rounder literals and a rounder support (the expression does not depend on the support),
      // kept only where the density stays positive.
      for (const sig of [1, 2]) {
        const expr = mapLiterals(d.expr, (x) => roundSig(x, sig));
        if (expr !== d.expr && densityInsideAssumptions(expr, d.lo, d.hi)) numbers.push({ ...d, expr });
      }
      for (const [lo, hi] of [[Math.floor(d.lo), Math.ceil(d.hi)], [roundSig(d.lo, 1), roundSig(d.hi, 1)]]) {
        if ((lo !== d.lo || hi !== d.hi) && densityInsideAssumptions(d.expr, lo, hi)) numbers.push({ ...d, lo, hi });
      }
      break;
    }
    case 'truncated-normal':
      for (const sig of [1, 2]) if (round(d.mean, sig) !== d.mean || round(d.sd, sig) !== d.sd) numbers.push({ ...d, mean: round(d.mean, sig), sd: round(d.sd, sig) || d.sd });
      break;
    default:
      break;
  }
  const unit = toUnitSupport(d);
  if (unit) numbers.push(unit);
  const seen = new Set([JSON.stringify(d)]);
  const fresh = (c: DistSpec) => {
    const k = JSON.stringify(c);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  };
  return { structure: structure.filter(fresh), numbers: numbers.filter(fresh) };
}

/** Simpler variants of d, simplest first: uniform, the canonical shapes, fewer pieces or parts, rounder numbers. */
export function simplifyDist(d: DistSpec): DistSpec[] {
  const t = simplifyDistTiers(d);
  return [...t.structure, ...t.numbers];
}

/** The same shape on [0, 1], where the family allows rescaling without rewriting an expression. */
function toUnitSupport(d: DistSpec): DistSpec | undefined {
  const map = (lo: number, hi: number) => (x: number) => roundSig((x - lo) / (hi - lo), 12);
  switch (d.kind) {
    case 'uniform':
    case 'beta':
      return d.lo === 0 && d.hi === 1 ? undefined : { ...d, lo: 0, hi: 1 };
    case 'truncated-normal': {
      if (d.lo === 0 && d.hi === 1) return undefined;
      const w = d.hi - d.lo;
      return { ...d, mean: map(d.lo, d.hi)(d.mean), sd: roundSig(d.sd / w, 12), lo: 0, hi: 1 };
    }
    case 'piecewise-uniform': {
      const ps = sortedPieces(d);
      const lo = ps[0].lo;
      const hi = ps[ps.length - 1].hi;
      if (lo === 0 && hi === 1) return undefined;
      const m = map(lo, hi);
      return { ...d, pieces: ps.map((p) => ({ lo: m(p.lo), hi: m(p.hi), weight: p.weight })) };
    }
    default:
      return undefined;
  }
}

function gcdAll(xs: number[]): number {
  if (!xs.every(Number.isInteger)) return 1;
  const gcd = (a: number, b: number): number => (b ? gcd(b, a % b) : a);
  return xs.reduce((a, b) => gcd(a, b), 0) || 1;
}
