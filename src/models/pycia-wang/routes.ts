/**
 * Pycia & Wang (2015): the two routes to T_1, T_2 and β* (Theorem 2, eq. (5)) — density-space
 * quadrature (cutoffGroups, the model's) and quantile-space quadrature (cutoffQuantile, the
 * certification route) — and β* at equal shares (Example 1, Figure 1).
 */
import type { Dist } from '../../distributions/types.ts';
import type { Precision } from '../../numeric/types.ts';
import { cutoffGroups, type Estimate, type ShareGroup } from './cutoff.ts';
import { cutoffQuantile } from './quantile.ts';

/** Which route gives T_1, T_2 and β*: density space (cutoffGroups) or quantile space (cutoffQuantile). */
export type Route = 'density' | 'quantile';

/** T_1, T_2 and β* of a market given by its share groups, by the chosen route. */
export function cutoffBy(route: Route, dist: Dist, N: number, groups: readonly ShareGroup[], precision: Precision): { T1: Estimate; T2: Estimate; betaStar: number; betaStarErr: number } {
  return route === 'density' ? cutoffGroups(dist, N, groups, precision) : cutoffQuantile(dist, N, groups, precision);
}

/**
 * β*(n) at equal shares with an error bound propagated from T_1's and T_2's error estimates: by
 * the model's density-space quadrature (cutoffGroups), or by quantile-space quadrature
 * (cutoffQuantile), the certification route.
 */
export function betaStarEqual(dist: Dist, n: number, precision: Precision, route: Route = 'density') {
  const g = cutoffBy(route, dist, n, [{ share: 1 / n, count: n }], precision);
  return { value: g.betaStar, err: g.betaStarErr, T1: g.T1.value, T2: g.T2.value };
}
