/**
 * tailOf and replicatedT1 (Lemma 3, Theorem 3) against independent characterisations (mutation
 * testing of large-markets.ts): the tail 1 − F(v̄ − h) ≈ c·h^α read off the distribution's own
 * survival function at small h (never tailOf's formulas), and replication against the market it
 * denotes, built group by group.
 */
import { describe, expect, test } from 'vitest';
import { makeDist } from '../../src/distributions/index.ts';
import type { DistSpec } from '../../src/distributions/types.ts';
import { cutoffGroups, groupShares } from '../../src/models/pycia-wang/cutoff.ts';
import { replicatedT1, tailOf } from '../../src/models/pycia-wang/large-markets.ts';
import { cutoffQuantile } from '../../src/models/pycia-wang/quantile.ts';

/** sf(v̄ − h)/h^α at h = 1e-6 of the width: c to O(h) relative. */
function tailRatio(spec: DistSpec, alpha: number) {
  const d = makeDist(spec);
  const h = 1e-6 * (d.hi - d.lo);
  return d.sf(d.hi - h) / h ** alpha;
}

describe('tailOf: 1 − F(v̄ − h) ≈ c·h^α, read off sf', () => {
  const u = (lo: number, hi: number): DistSpec => ({ kind: 'uniform', lo, hi });
  test.each<[string, DistSpec, number]>([
    ['Beta(2, 3) on [1, 3]', { kind: 'beta', a: 2, b: 3, lo: 1, hi: 3 }, 3],
    ['Beta(3, 1) on [0, 0.5]', { kind: 'beta', a: 3, b: 1, lo: 0, hi: 0.5 }, 1],
    ['truncated normal (0.3, 0.2) on [0, 1]', { kind: 'truncated-normal', mean: 0.3, sd: 0.2, lo: 0, hi: 1 }, 1],
    ['piecewise-uniform 1 : 3', { kind: 'piecewise-uniform', pieces: [{ lo: 0, hi: 0.5, weight: 1 }, { lo: 0.5, hi: 1, weight: 3 }] }, 1],
    // Only the parts reaching v̄ count, each by its weight over the total; the smallest α wins.
    ['mixture: Beta(2,3) ×2 and uniform ×1 to v̄, uniform ×1 below', { kind: 'mixture', parts: [{ weight: 2, dist: { kind: 'beta', a: 2, b: 3, lo: 0, hi: 1 } }, { weight: 1, dist: u(0, 1) }, { weight: 1, dist: u(0, 0.5) }] }, 1],
    ['mixture: two Betas with b = 2 to v̄, a uniform below', { kind: 'mixture', parts: [{ weight: 1, dist: { kind: 'beta', a: 2, b: 2, lo: 0, hi: 2 } }, { weight: 3, dist: { kind: 'beta', a: 1, b: 2, lo: 1, hi: 2 } }, { weight: 4, dist: u(0, 1.5) }] }, 2],
    ['mixture: an atom part below v̄ does not matter', { kind: 'mixture', parts: [{ weight: 1, dist: u(0, 1) }, { weight: 1, dist: { kind: 'atoms', points: [[0.25, 1]] } }] }, 1],
  ])('%s', (_name, spec, alpha) => {
    const t = tailOf(spec)!;
    expect(t.alpha).toBe(alpha);
    const ratio = tailRatio(spec, alpha);
    expect(ratio).toBeGreaterThan(0);
    expect(Math.abs(t.c - ratio) / ratio, `c = ${t.c} against sf(v̄ − h)/h^α = ${ratio}`).toBeLessThanOrEqual(1e-4);
  });

  test.each<[string, DistSpec]>([
    ['Beta with b = 2.5 (no integer α)', { kind: 'beta', a: 2, b: 2.5, lo: 0, hi: 1 }],
    ['truncated normal far below v̄ (f(v̄) underflows to 0)', { kind: 'truncated-normal', mean: 0, sd: 0.01, lo: 0, hi: 1 }],
    ['atoms', { kind: 'atoms', points: [[0, 0.5], [1, 0.5]] }],
    ['mixture with a part at v̄ without a tail', { kind: 'mixture', parts: [{ weight: 1, dist: { kind: 'uniform', lo: 0, hi: 1 } }, { weight: 1, dist: { kind: 'beta', a: 1, b: 0.5, lo: 0, hi: 1 } }] }],
  ])('none: %s', (_name, spec) => expect(tailOf(spec)).toBeNull());
});

describe('replicatedT1: the m-fold market, group by group', () => {
  const spec = { n: 3, shares: [0.5, 0.3, 0.2], dist: { kind: 'truncated-normal' as const, mean: 0.4, sd: 0.3, lo: 0, hi: 1 } };
  const dist = makeDist(spec.dist);
  test('m = 3: nine agents with shares r_i/3, three of each; density route by default', () => {
    const shares = spec.shares.flatMap((r) => [r / 3, r / 3, r / 3]);
    const want = cutoffGroups(dist, 9, groupShares(shares));
    const got = replicatedT1(spec, 3, 'standard', dist);
    expect(got.T1).toEqual(want.T1);
    expect(got.T2).toEqual(want.T2);
    expect(got.betaStar).toBe(want.betaStar);
  });
  test('m = 2 by the quantile route: the same market by that route', () => {
    const shares = spec.shares.flatMap((r) => [r / 2, r / 2]);
    const want = cutoffQuantile(dist, 6, groupShares(shares));
    expect(replicatedT1(spec, 2, 'standard', dist, 'quantile').T1).toEqual(want.T1);
  });
  test('equal shares collapse into one group of N', () => {
    const eq = { n: 4, shares: [0.25, 0.25, 0.25, 0.25], dist: spec.dist };
    expect(replicatedT1(eq, 4, 'standard', dist).T1).toEqual(cutoffGroups(dist, 16, [{ share: 1 / 16, count: 16 }]).T1);
  });
});
