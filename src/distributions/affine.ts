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

/** The spec of Y = (X − c)/s. Parameters are shifted before they are scaled, so (p − c) is exact when p and c are close. */
export function affineSpec(spec: DistSpec, f: Frame): DistSpec {
  const y = (x: number) => (x - f.c) / f.s;
  switch (spec.kind) {
    case 'uniform':
      return { kind: 'uniform', lo: y(spec.lo), hi: y(spec.hi) };
    case 'beta':
      return { kind: 'beta', a: spec.a, b: spec.b, lo: y(spec.lo), hi: y(spec.hi) };
    case 'truncated-normal': {
      // Cut to its mass window (what lies beyond is below the smallest double), so the frame's
      // support is where the mass is, not 10^13 widths around it.
      const [lo, hi] = massWindow(spec);
      return { kind: 'truncated-normal', mean: y(spec.mean), sd: spec.sd / f.s, lo: y(lo), hi: y(hi) };
    }
    case 'piecewise-uniform':
      return { kind: 'piecewise-uniform', pieces: spec.pieces.map((p) => ({ lo: y(p.lo), hi: y(p.hi), weight: p.weight })) };
    case 'atoms':
      return { kind: 'atoms', points: spec.points.map(([x, m]) => [y(x), m] as [number, number]) };
    case 'mixture':
      return { kind: 'mixture', parts: spec.parts.map((p) => ({ weight: p.weight, dist: affineSpec(p.dist, f) })) };
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
 * Where the mass of a spec effectively lies: [lo, hi] of its support, narrowed for a truncated
 * normal to the window outside which its density has fallen below e^{−745} of its peak (the mass
 * cut off is below the smallest double) — so a normal of sd 1e-15 inside [0, 1] is framed on its
 * 8e-14-wide window, not on [0, 1].
 */
export function massWindow(spec: DistSpec): [number, number] {
  switch (spec.kind) {
    case 'uniform':
    case 'beta':
    case 'density':
      return [spec.lo, spec.hi];
    case 'truncated-normal': {
      const { mean, sd, lo, hi } = spec;
      const reach = 38.6 * sd; // φ(38.6)/φ(0) < e^{−745}
      if (lo >= mean) {
        // Mass piled against lo, decaying like exp(−a t − t²/2) in t = (x − lo)/sd, a = (lo − mean)/sd.
        const a = (lo - mean) / sd;
        return [lo, Math.min(hi, lo + sd * Math.min(38.6, 745 / Math.max(a, 1e-300)))];
      }
      if (hi <= mean) {
        const a = (mean - hi) / sd;
        return [Math.max(lo, hi - sd * Math.min(38.6, 745 / Math.max(a, 1e-300))), hi];
      }
      return [Math.max(lo, mean - reach), Math.min(hi, mean + reach)];
    }
    case 'piecewise-uniform': {
      const live = spec.pieces.filter((p) => p.weight > 0);
      return [Math.min(...live.map((p) => p.lo)), Math.max(...live.map((p) => p.hi))];
    }
    case 'atoms': {
      const xs = spec.points.filter(([, m]) => m > 0).map(([x]) => x);
      return [Math.min(...xs), Math.max(...xs)];
    }
    case 'mixture': {
      const ws = spec.parts.filter((p) => p.weight > 0).map((p) => massWindow(p.dist));
      return [Math.min(...ws.map((w) => w[0])), Math.max(...ws.map((w) => w[1]))];
    }
  }
}

/**
 * The frame in which a spec is well conditioned, or undefined when its own is: the mass window
 * mapped onto [0, 1] when that window is far from 0 relative to its width (|lo|/width > 4: a
 * quarter of the digits of every abscissa is spent on the offset), much narrower than the nominal
 * support (a spike), or so small or large in scale that densities or products of them overflow.
 */
export function wellConditionedFrame(spec: DistSpec): Frame | undefined {
  const [a, b] = massWindow(spec);
  const w = b - a;
  if (!(w > 0)) return undefined;
  const far = Math.max(Math.abs(a), Math.abs(b)) > 4 * w;
  const scale = w < 2 ** -20 || w > 2 ** 20;
  const nominal = supportOf(spec);
  const narrowed = w < (nominal[1] - nominal[0]) / 16;
  if (!far && !scale && !narrowed) return undefined;
  return { c: a, s: w };
}

function supportOf(spec: DistSpec): [number, number] {
  switch (spec.kind) {
    case 'truncated-normal':
      return [spec.lo, spec.hi];
    case 'mixture': {
      const ws = spec.parts.filter((p) => p.weight > 0).map((p) => supportOf(p.dist));
      return [Math.min(...ws.map((w) => w[0])), Math.max(...ws.map((w) => w[1]))];
    }
    default:
      return massWindow(spec);
  }
}
