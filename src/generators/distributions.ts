/**
 * Random continuous distributions (DistSpec) for models that need a density positive on the
 * open support (Pycia–Wang, Section 2). Every kind of INTERFACES.md except atoms; each
 * constraint below says which assumption it enforces.
 */
import fc from 'fast-check';
import type { DistSpec } from '../distributions/types.ts';
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

/** The distribution in a few words. */
export function describeDist(d: DistSpec): string {
  const sup = (lo: number, hi: number) => `[${lo}, ${hi}]`;
  switch (d.kind) {
    case 'uniform': return `uniform${sup(d.lo, d.hi)}`;
    case 'beta': return `beta(${d.a}, ${d.b}) on ${sup(d.lo, d.hi)}`;
    case 'truncated-normal': return `normal(${d.mean}, sd ${d.sd}) truncated to ${sup(d.lo, d.hi)}`;
    case 'density': return `density ∝ ${d.expr} on ${sup(d.lo, d.hi)}`;
    case 'piecewise-uniform':
      return `piecewise-uniform on ${sup(d.pieces[0].lo, d.pieces[d.pieces.length - 1].hi)} with ${d.pieces.length} equal-width piece(s), weights (${d.pieces.map((p) => p.weight).join(', ')})`;
    case 'atoms': return `atoms ${JSON.stringify(d.points)}`;
    case 'mixture': return `mixture of ${d.parts.map((p) => `${p.weight}×${describeDist(p.dist)}`).join(' + ')}`;
  }
}

/** A neighbour of d, same kind and support, for the targeted phase. */
export function mutateDist(d: DistSpec, rand: () => number, scale: number): DistSpec {
  const jitter = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, roundSig(x * Math.exp(scale * (2 * rand() - 1)), 6)));
  switch (d.kind) {
    case 'piecewise-uniform': {
      const pieces = d.pieces.map((p) => ({ ...p, weight: jitter(p.weight, 0.05, 1000) }));
      return { ...d, pieces };
    }
    case 'beta': return { ...d, a: jitter(d.a, 1, 50), b: Number.isInteger(d.b) ? d.b : jitter(d.b, 1, 50) };
    case 'truncated-normal': {
      const w = d.hi - d.lo;
      return { ...d, mean: roundSig(d.mean + scale * w * 0.2 * (2 * rand() - 1), 8), sd: jitter(d.sd, 0.02 * w, 5 * w) };
    }
    case 'mixture': return { ...d, parts: d.parts.map((p) => ({ weight: jitter(p.weight, 0.05, 100), dist: mutateDist(p.dist, rand, scale) })) };
    default: return d;
  }
}

/** Simpler variants of d, simplest first: uniform, fewer pieces or parts, rounder numbers. */
export function simplifyDist(d: DistSpec): DistSpec[] {
  const out: DistSpec[] = [];
  const round = (x: number, sig: number) => roundSig(x, sig);
  switch (d.kind) {
    case 'piecewise-uniform': {
      const { pieces } = d;
      if (pieces.length > 1) {
        // Merge two neighbouring pieces (keeping equal widths is not required by the model).
        for (let k = 0; k + 1 < pieces.length; k++) {
          const merged = [...pieces.slice(0, k), { lo: pieces[k].lo, hi: pieces[k + 1].hi, weight: pieces[k].weight + pieces[k + 1].weight }, ...pieces.slice(k + 2)];
          out.push({ ...d, pieces: merged });
        }
      }
      const g = gcdAll(pieces.map((p) => p.weight));
      if (g > 1) out.push({ ...d, pieces: pieces.map((p) => ({ ...p, weight: p.weight / g })) });
      for (const sig of [1, 2]) {
        const r = pieces.map((p) => ({ ...p, weight: Math.max(1, round(p.weight, sig)) }));
        if (r.some((p, i) => p.weight !== pieces[i].weight)) out.push({ ...d, pieces: r });
      }
      break;
    }
    case 'mixture':
      for (let k = 0; k < d.parts.length; k++) {
        const rest = d.parts.filter((_, j) => j !== k);
        out.push(rest.length === 1 ? rest[0].dist : { ...d, parts: rest });
      }
      d.parts.forEach((p, k) => {
        for (const s of simplifyDist(p.dist)) out.push({ ...d, parts: d.parts.map((q, j) => (j === k ? { ...q, dist: s } : q)) });
      });
      break;
    case 'beta':
      if (d.a === 1 && d.b === 1) out.push({ kind: 'uniform', lo: d.lo, hi: d.hi });
      for (const sig of [1, 2]) if (round(d.a, sig) !== d.a || round(d.b, sig) !== d.b) out.push({ ...d, a: Math.max(1, round(d.a, sig)), b: Math.max(1, round(d.b, sig)) });
      break;
    case 'density': {
      // Rounder literals and a rounder support (the expression does not depend on the support;
      // a candidate whose density turns negative is rejected by validation and skipped).
      for (const sig of [1, 2]) {
        const expr = d.expr.replace(/\d+\.\d+|\d+/g, (t) => String(roundSig(Number(t), sig)));
        if (expr !== d.expr) out.push({ ...d, expr });
      }
      for (const [lo, hi] of [[Math.floor(d.lo), Math.ceil(d.hi)], [roundSig(d.lo, 1), roundSig(d.hi, 1)]]) {
        if ((lo !== d.lo || hi !== d.hi) && lo < hi) out.push({ ...d, lo, hi });
      }
      break;
    }
    case 'truncated-normal':
      for (const sig of [1, 2]) if (round(d.mean, sig) !== d.mean || round(d.sd, sig) !== d.sd) out.push({ ...d, mean: round(d.mean, sig), sd: round(d.sd, sig) || d.sd });
      break;
    default:
      break;
  }
  const unit = toUnitSupport(d);
  if (unit) out.push(unit);
  return out;
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
      const lo = d.pieces[0].lo;
      const hi = d.pieces[d.pieces.length - 1].hi;
      if (lo === 0 && hi === 1) return undefined;
      const m = map(lo, hi);
      return { ...d, pieces: d.pieces.map((p) => ({ lo: m(p.lo), hi: m(p.hi), weight: p.weight })) };
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
