/**
 * Pycia & Wang (2015), large markets (Lemma 3, Theorem 3): the tail of F at v̄ that sets the
 * rates, and m-fold replication of a market.
 */
import { makeDist } from '../../distributions/index.ts';
import type { Dist, DistSpec } from '../../distributions/types.ts';
import { lgamma } from '../../numeric/index.ts';
import type { Precision } from '../../numeric/types.ts';
import type { MarketSpec } from './market.ts';
import { cutoffBy, type Route } from './routes.ts';

/**
 * Near v̄, 1 − F(v) ≈ c(v̄ − v)^α (Appendix A.3): α = 1 and c = f(v̄) when f(v̄) > 0; Beta with
 * integer b has α = b and c = w^{−b}/(b·B(a, b)). Undefined (null) outside those cases.
 */
export function tailOf(spec: DistSpec): { alpha: number; c: number } | null {
  switch (spec.kind) {
    case 'beta': {
      if (!Number.isInteger(spec.b)) return null;
      const w = spec.hi - spec.lo;
      const logB = lgamma(spec.a) + lgamma(spec.b) - lgamma(spec.a + spec.b);
      return { alpha: spec.b, c: Math.exp(-spec.b * Math.log(w) - Math.log(spec.b) - logB) };
    }
    case 'mixture': {
      const hi = Math.max(...spec.parts.map((p) => makeDist(p.dist).hi));
      const total = spec.parts.reduce((s, p) => s + p.weight, 0);
      const tails = spec.parts.map((p) => ({ w: p.weight / total, t: makeDist(p.dist).hi === hi ? tailOf(p.dist) : undefined }));
      if (tails.some((x) => x.t === null)) return null;
      const alpha = Math.min(...tails.filter((x) => x.t).map((x) => x.t!.alpha));
      return { alpha, c: tails.filter((x) => x.t && x.t.alpha === alpha).reduce((s, x) => s + x.w * x.t!.c, 0) };
    }
    case 'atoms':
      return null;
    default: {
      const d = makeDist(spec);
      const f = d.pdf(d.hi);
      return f > 0 ? { alpha: 1, c: f } : null;
    }
  }
}

/** T_1, T_2 and β* of the m-fold replication of a market (each share r_i becomes m agents of share r_i/m). */
export function replicatedT1(spec: MarketSpec, m: number, precision: Precision, dist: Dist, route: Route = 'density') {
  const groups = new Map<number, number>();
  for (const r of spec.shares) groups.set(r / m, (groups.get(r / m) ?? 0) + m);
  return cutoffBy(route, dist, spec.n * m, [...groups].map(([share, count]) => ({ share, count })), precision);
}
