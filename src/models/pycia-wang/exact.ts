/**
 * T_1, T_2 and β* for uniform and piecewise-uniform F at 40 significant digits (decimal.js).
 * F is linear on each piece, so with u = F(p) every integral of T_1 and T_2 is a polynomial
 * integral in u: no quadrature, only rounding at 40 digits. Used to certify counterexamples
 * on these families ("decimal.js where the arithmetic allows").
 */
import { Decimal } from 'decimal.js';
import type { DistSpec } from '../../distributions/types.ts';

const D = Decimal.clone({ precision: 40 });
type Dec = InstanceType<typeof D>;

/** A linear piece of F: on [a, b], F = F0 + c(p − a), c = w/(b − a). */
interface Piece {
  a: Dec;
  b: Dec;
  F0: Dec;
  F1: Dec;
  c: Dec;
}

/** Whether the exact path applies. */
export function hasExactPath(spec: DistSpec): boolean {
  return spec.kind === 'uniform' || spec.kind === 'piecewise-uniform';
}

function pieces(spec: DistSpec): Piece[] {
  const raw =
    spec.kind === 'uniform'
      ? [{ lo: spec.lo, hi: spec.hi, weight: 1 }]
      : spec.kind === 'piecewise-uniform'
        ? [...spec.pieces].sort((x, y) => x.lo - y.lo)
        : undefined;
  if (!raw) throw new Error(`no exact path for ${spec.kind}`);
  const total = raw.reduce((s, p) => s.plus(new D(p.weight)), new D(0));
  let F = new D(0);
  const out: Piece[] = [];
  for (const p of raw) {
    const a = new D(p.lo);
    const b = new D(p.hi);
    const w = new D(p.weight).div(total);
    out.push({ a, b, F0: F, F1: F.plus(w), c: w.div(b.minus(a)) });
    F = F.plus(w);
  }
  return out;
}

export interface ExactCutoff {
  T1: Dec;
  T2: Dec;
  betaStar: Dec;
  vStar: Dec[];
  brackets: Dec[];
}

/**
 * Exact (to 40 digits) T_1, T_2 = v̄_0 − E[max] with E[max] = v̄ − ∫F^n, and β*.
 * On a piece, p = A + Bu with A = a − F0/c, B = 1/c, and dG = (n−1)u^{n−2}du, so
 *   ∫(1−F)p dG = (n−1)∫[A u^{n−2} + (B−A)u^{n−1} − B u^n]du,  ∫F p dG = (n−1)∫[A u^{n−1} + B u^n]du,
 *   ∫F^n dp = ∫u^n du / c.
 */
export function exactCutoff(n: number, shares: readonly number[], spec: DistSpec): ExactCutoff {
  const ps = pieces(spec);
  const N = new D(n);
  const nm1 = new D(n - 1);
  const pow = (u: Dec, k: number) => (k === 0 ? new D(1) : u.pow(k));
  // Antiderivatives in u on a piece.
  const upper = (p: Piece, u: Dec) => {
    const A = p.a.minus(p.F0.div(p.c));
    const B = new D(1).div(p.c);
    return nm1.times(
      A.times(pow(u, n - 1)).div(nm1)
        .plus(B.minus(A).times(pow(u, n)).div(N))
        .minus(B.times(pow(u, n + 1)).div(n + 1)),
    );
  };
  const lower = (p: Piece, u: Dec) => {
    const A = p.a.minus(p.F0.div(p.c));
    const B = new D(1).div(p.c);
    return nm1.times(A.times(pow(u, n)).div(N).plus(B.times(pow(u, n + 1)).div(n + 1)));
  };
  const lo = ps[0].a;
  const hi = ps[ps.length - 1].b;
  const vStarOf = (r: number): Dec => {
    if (r <= 0) return lo;
    if (r >= 1) return hi;
    const u = new D(r).pow(new D(1).div(nm1));
    const p = ps.find((q) => u.lte(q.F1)) ?? ps[ps.length - 1];
    return p.a.plus(u.minus(p.F0).div(p.c));
  };
  const Fof = (x: Dec): { piece: Piece; u: Dec } => {
    const p = ps.find((q) => x.lte(q.b)) ?? ps[ps.length - 1];
    return { piece: p, u: p.F0.plus(p.c.times(x.minus(p.a))) };
  };
  const bracket = (v: Dec): Dec => {
    let s = new D(0);
    const { piece, u: uv } = Fof(v);
    for (const p of ps) {
      if (p.b.lte(v) && p !== piece) s = s.minus(lower(p, p.F1).minus(lower(p, p.F0)));
      else if (p.a.gte(v) && p !== piece) s = s.plus(upper(p, p.F1).minus(upper(p, p.F0)));
      else {
        // v inside this piece: F p dG below v, (1−F)p dG above.
        s = s.minus(lower(p, uv).minus(lower(p, p.F0))).plus(upper(p, p.F1).minus(upper(p, uv)));
      }
    }
    return s;
  };
  const vs = shares.map(vStarOf);
  const cache = new Map<string, Dec>();
  const brackets = vs.map((v) => {
    const k = v.toString();
    if (!cache.has(k)) cache.set(k, bracket(v));
    return cache.get(k)!;
  });
  const T1 = brackets.reduce((s, b) => s.plus(b), new D(0));
  const intFn = ps.reduce((s, p) => s.plus(pow(p.F1, n + 1).minus(pow(p.F0, n + 1)).div(p.c.times(n + 1))), new D(0));
  const mean = ps.reduce((s, p) => s.plus(p.F1.minus(p.F0).times(p.a.plus(p.b)).div(2)), new D(0));
  const T2 = mean.minus(hi.minus(intFn));
  return { T1, T2, betaStar: N.neg().times(T1).div(T1.plus(T2)), vStar: vs, brackets };
}

/** ∫_x^y F^k dp exactly, for the corrected (T2-5) and (T2-6) identities' certification. */
export function exactIntFk(spec: DistSpec, k: number, x: number, y: number): Dec {
  const ps = pieces(spec);
  const X = new D(x);
  const Y = new D(y);
  let s = new D(0);
  for (const p of ps) {
    const a = Decimal.max(p.a, X) as Dec;
    const b = Decimal.min(p.b, Y) as Dec;
    if (a.gte(b)) continue;
    const ua = p.F0.plus(p.c.times(a.minus(p.a)));
    const ub = p.F0.plus(p.c.times(b.minus(p.a)));
    s = s.plus(ub.pow(k + 1).minus(ua.pow(k + 1)).div(p.c.times(k + 1)));
  }
  return s;
}

export { D as ExactDecimal };
