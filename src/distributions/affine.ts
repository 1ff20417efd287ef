/**
 * Affine reframing of a distribution: X = c + s·Y, with Y's spec built from X's parameters
 * (not by wrapping X's functions, which would round c + s·y and lose what a far or narrow
 * support holds). Every family is closed under affine maps, so Y is the same kind of spec.
 *
 * Why: a support far from 0 relative to its width (uniform on [1e8, 1e8 + 1e-6] has 67 doubles
 * across it) or a truncated normal whose sd is 1e-15 of its interval cannot be integrated in its
 * own coordinates. Quantities that are affine-covariant (Pycia–Wang's T_1 and T_2 are
 * translation-invariant and scale with s) are computed in Y's frame, where the mass lies on
 * [0, 1], and mapped back.
 */
import type { DistSpec } from './types.ts';

/** X = c + s·Y (s > 0). */
export interface Frame {
  c: number;
  s: number;
}

/**
 * The spec of Y = (X − c)/s. Parameters are shifted before they are scaled, so (p − c) is exact
 * when p and c are close. With `clip` (the default) a truncated normal is also cut to its mass
 * window (see the case below); without, the map is the plain affine image.
 */
export function affineSpec(spec: DistSpec, f: Frame, clip = true): DistSpec {
  const y = (x: number) => (x - f.c) / f.s;
  switch (spec.kind) {
    case 'uniform':
      return { kind: 'uniform', lo: y(spec.lo), hi: y(spec.hi) };
    case 'beta':
      return { kind: 'beta', a: spec.a, b: spec.b, lo: y(spec.lo), hi: y(spec.hi) };
    case 'truncated-normal': {
      // Cut to its mass window (what lies beyond is below the smallest double), so the frame's
      // support is where the mass is, not 10^13 widths around it.
      // Only a support far wider than the frame is cut: cutting at ±38.6 sd where the support is
      // of the frame's own size gains nothing, and the cut's kinks cost accuracy (two normals of
      // sd 2^-8 at 4.25 and 4.75 on [4, 5]: T1 off by 5.6e-12 against an estimate of 6.4e-13).
      if (!clip || spec.hi - spec.lo <= 16 * f.s) return { kind: 'truncated-normal', mean: y(spec.mean), sd: spec.sd / f.s, lo: y(spec.lo), hi: y(spec.hi) };
      // The window's ends from its anchor's offset, (anchor − c) + d, never through a double of the window itself.
      const { anchor, dlo, dhi } = massWindow(spec);
      const off = anchor - f.c;
      return { kind: 'truncated-normal', mean: y(spec.mean), sd: spec.sd / f.s, lo: (off + dlo) / f.s, hi: (off + dhi) / f.s };
    }
    case 'piecewise-uniform':
      return { kind: 'piecewise-uniform', pieces: spec.pieces.map((p) => ({ lo: y(p.lo), hi: y(p.hi), weight: p.weight })) };
    case 'atoms':
      return { kind: 'atoms', points: spec.points.map(([x, m]) => [y(x), m] as [number, number]) };
    case 'mixture':
      return { kind: 'mixture', parts: spec.parts.map((p) => ({ weight: p.weight, dist: affineSpec(p.dist, f, clip) })) };
    case 'density':
      // f_Y(y) ∝ f_X(c + s·y): substitute the variable (the density is normalised numerically).
      return { kind: 'density', expr: substituteX(spec.expr, `(${num(f.c)} + ${num(f.s)} * x)`), lo: y(spec.lo), hi: y(spec.hi) };
  }
}

/** A double as text that parses back to the same double (JS's shortest round-trip form). */
function num(x: number): string {
  return String(x);
}

/** Replace the variable x (a whole identifier, not part of exp or max) by a parenthesised expression. */
export function substituteX(expr: string, by: string): string {
  return expr.replace(/(?<![A-Za-z0-9_.$])x(?![A-Za-z0-9_$(])/g, by);
}

/**
 * Where the mass of a spec effectively lies, as an anchor (one of the spec's own numbers, exact)
 * and offsets from it: [anchor + dlo, anchor + dhi]. A truncated normal is narrowed to the window
 * outside which its density has fallen below e^{−745} of its peak (the mass cut off is below the
 * smallest double), anchored at the end it piles against or at its mean — so a normal of sd 7e-15
 * whose mean lies 8.8e12 sd above v̄ = 1 keeps its window of width 6e-25 below 1, which
 * [1 − 6e-25, 1] as doubles would lose.
 */
export interface MassWindow {
  anchor: number;
  dlo: number;
  dhi: number;
}

export function massWindow(spec: DistSpec): MassWindow {
  const span = (a: number, b: number): MassWindow => ({ anchor: a, dlo: 0, dhi: b - a });
  switch (spec.kind) {
    case 'uniform':
    case 'beta':
    case 'density':
      return span(spec.lo, spec.hi);
    case 'truncated-normal': {
      const { mean, sd, lo, hi } = spec;
      // Mass piled against an end decays like exp(−a t − t²/2) in t = distance/sd, a = (end − mean)/sd.
      const reach = (a: number) => sd * Math.min(38.6, 745 / Math.max(a, 1e-300));
      if (lo >= mean) return { anchor: lo, dlo: 0, dhi: Math.min(hi - lo, reach((lo - mean) / sd)) };
      if (hi <= mean) return { anchor: hi, dlo: -Math.min(hi - lo, reach((mean - hi) / sd)), dhi: 0 };
      return { anchor: mean, dlo: Math.max(lo - mean, -38.6 * sd), dhi: Math.min(hi - mean, 38.6 * sd) };
    }
    case 'piecewise-uniform': {
      const live = spec.pieces.filter((p) => p.weight > 0);
      return span(Math.min(...live.map((p) => p.lo)), Math.max(...live.map((p) => p.hi)));
    }
    case 'atoms': {
      const xs = spec.points.filter(([, m]) => m > 0).map(([x]) => x);
      return span(Math.min(...xs), Math.max(...xs));
    }
    case 'mixture': {
      // The parts' windows in doubles (a part narrower than the doubles near it is a rare corner).
      const ws = spec.parts.filter((p) => p.weight > 0).map((p) => massWindow(p.dist));
      return span(Math.min(...ws.map((w) => w.anchor + w.dlo)), Math.max(...ws.map((w) => w.anchor + w.dhi)));
    }
  }
}

/**
 * The frame in which a spec is well conditioned, or undefined when its own is: the mass window
 * mapped onto a unit interval when that window is far from 0 relative to its width (|x|/width > 4:
 * a quarter of the digits of every abscissa is spent on the offset), much narrower than the
 * nominal support (a spike), or so small or large in scale that densities or products of them
 * overflow.
 */
export function wellConditionedFrame(spec: DistSpec): Frame | undefined {
  const { anchor, dlo, dhi } = massWindow(spec);
  const w = dhi - dlo;
  if (!(w > 0)) return undefined;
  const far = Math.max(Math.abs(anchor + dlo), Math.abs(anchor + dhi)) > 4 * w || Math.abs(anchor) > 4 * w;
  const scale = w < 2 ** -20 || w > 2 ** 20;
  const nominal = supportOf(spec);
  const narrowed = w < (nominal[1] - nominal[0]) / 16;
  if (!far && !scale && !narrowed) return undefined;
  return { c: anchor, s: w };
}

function supportOf(spec: DistSpec): [number, number] {
  switch (spec.kind) {
    case 'truncated-normal':
      return [spec.lo, spec.hi];
    case 'mixture': {
      const ws = spec.parts.filter((p) => p.weight > 0).map((p) => supportOf(p.dist));
      return [Math.min(...ws.map((w) => w[0])), Math.max(...ws.map((w) => w[1]))];
    }
    default: {
      const { anchor, dlo, dhi } = massWindow(spec);
      return [anchor + dlo, anchor + dhi];
    }
  }
}
