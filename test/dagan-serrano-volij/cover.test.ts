/**
 * Example 1's cover (src/models/dagan-serrano-volij/cover.ts) against hand-worked values and
 * against each other's routes: the closed form v(x_1 + min{x_2, 1}) on the domain; below it, the
 * quasiconcave cover worked by hand from the definition (the upper contour set at level s < 1 is
 * {y_2 = 0, y_1 ≥ s} ∪ {y_2 ≥ 1}, whose hull holds (z_1, z_2), 0 < z_2 < 1, iff z_1 ≥ s(1 − z_2):
 * û(z) = v(z_1/(1 − z_2))); v's curvature bounds against finite differences.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import {
  almostStrictConstant, concaveHullOnGrid, concavityGap, coverIndex, ex1Cover, example1, gridPoints, hullByEnumeration, inCoverDomain, linearIndex,
  quasiconcaveCover1x1, quasiconcaveCoverLp, segmentDominated, unitDemandOf, unitDemandValue, vCurvature, vValue, type LpSolve, type UnitDemand, type VFamily,
} from '../../src/models/dagan-serrano-volij/cover.ts';
import { utilityValue } from '../../src/economy/utilities.ts';
import { lpSolver } from '../../src/numeric/lp.ts';

let solve: LpSolve;
beforeAll(async () => {
  solve = (await lpSolver()).solve;
});

const expV: VFamily = { kind: 'exp', a: 1 };
const u1 = example1(expV);
const grid = gridPoints(0.25, 4, 2);
const values = grid.map((p) => unitDemandValue(u1, p));

describe('Example 1', () => {
  test('u = v(x_1 + I(x_2)): the indivisible unit is worth one unit of money, a second one nothing', () => {
    expect(unitDemandValue(u1, [0.5, 0])).toBeCloseTo(1 - Math.exp(-0.5), 15);
    expect(unitDemandValue(u1, [0.5, 1])).toBeCloseTo(1 - Math.exp(-1.5), 15);
    expect(unitDemandValue(u1, [0.5, 2])).toBe(unitDemandValue(u1, [0.5, 1]));
    expect(linearIndex(u1, [0.5, 0.99])).toBe(0.5);
    expect(coverIndex(u1, [0.5, 0.5])).toBe(1);
  });

  test('the same u as the shared economy\'s example1 utility (src/economy/utilities.ts), written apart', () => {
    for (const r of [1, 0.75]) {
      const shared = { kind: 'example1' as const, v: { kind: 'exp' as const, a: 0.5 }, r };
      for (const x of [[0, 0], [0.5, 0], [0.5, 1], [2, 3], [1.25, 2]]) expect(unitDemandValue(unitDemandOf(shared), x)).toBeCloseTo(utilityValue(shared, x), 14);
    }
  });

  test('on the domain both hull routes and the definition give v(x_1 + min{x_2, 1})', () => {
    for (const x of [[0.5, 0.5], [1, 0], [0, 1], [1.25, 0.75], [2, 1.5], [0.25, 2]] as [number, number][]) {
      expect(inCoverDomain(u1, x)).toBe(true);
      const want = vValue(expV, x[0] + Math.min(x[1], 1));
      expect(ex1Cover(u1, x)).toBeCloseTo(want, 15);
      expect(hullByEnumeration(grid, values, x)).toBeCloseTo(want, 12);
      expect(concaveHullOnGrid(grid, values, x, solve)!.value).toBeCloseTo(want, 7);
      expect(quasiconcaveCover1x1(u1, x).value).toBeCloseTo(want, 12);
    }
  });

  test('below the domain the cover is v(z_1/(1 − z_2)), smaller than the formula', () => {
    for (const z of [[0, 0.5], [0.25, 0.25], [0.5, 0.25], [0.25, 0.5]] as [number, number][]) {
      expect(inCoverDomain(u1, z)).toBe(false);
      const q = quasiconcaveCover1x1(u1, z);
      expect(q.s).toBeCloseTo(z[0] / (1 - z[1]), 12);
      expect(q.value).toBeLessThan(ex1Cover(u1, z) - 1e-3);
    }
  });

  test('almost strictly concave across levels, flat along a level (not strictly concave)', () => {
    const f = (x: readonly number[]) => hullByEnumeration(grid, values, x as [number, number]);
    // (0, 1) and (1, 0) lie on the level x_1 + min{x_2, 1} = 1: no gap
    expect(Math.abs(concavityGap(f, [0, 1], [1, 0], 0.5))).toBeLessThan(1e-12);
    // (1, 0) and (2, 1) differ: gap ≥ (κ/2)·λ(1−λ)·Δs² with κ = v''s bound on [1, 3]
    const gap = concavityGap(f, [1, 0], [2, 1], 0.5);
    expect(gap).toBeGreaterThanOrEqual((vCurvature(expV, 1, 3).kappa / 2) * 0.25 * 4);
    const dU = f([1, 0]) - f([2, 1]);
    expect(gap).toBeGreaterThanOrEqual(almostStrictConstant(expV, 1, 3) * 0.25 * dU * dU);
  });
});

describe('the routes', () => {
  test('the grid LP and the enumeration agree, on and off the domain', () => {
    for (const x of [[0.25, 0.25], [0.75, 0.5], [1.5, 1.25], [3, 0.75]] as [number, number][]) {
      expect(concaveHullOnGrid(grid, values, x, solve)!.value).toBeCloseTo(hullByEnumeration(grid, values, x), 7);
    }
  });

  test('the LP membership cover matches the plane one for Example 1 and the closed form on the domain with more goods', () => {
    // 30 bisection steps (each an LP): the level to 2^-30 of its range
    for (const x of [[0.25, 0.5]]) expect(quasiconcaveCoverLp(u1, x, solve, 30).value).toBeCloseTo(quasiconcaveCover1x1(u1, x as [number, number]).value, 6);
    const u: UnitDemand = { v: { kind: 'ratio', b: 2 }, w: [1, 0.5], r: [0.75, 1.25] };
    for (const x of [[2, 1, 0.5, 0.25], [1, 2, 1.5, 0]]) {
      expect(inCoverDomain(u, x)).toBe(true);
      expect(quasiconcaveCoverLp(u, x, solve, 30).value).toBeCloseTo(ex1Cover(u, x), 6);
    }
  });

  test('segment domination', () => {
    expect(segmentDominated([2, 0], [1, 1], [1.5, 0.5])).toBe(true); // the midpoint itself
    expect(segmentDominated([2, 0], [1, 1], [1.4, 0.5])).toBe(false);
    expect(segmentDominated([2, 0], [1, 1], [1, 3])).toBe(true); // above B
    expect(segmentDominated([2, 0], [1, 1], [0.5, 3])).toBe(false);
  });
});

describe('v', () => {
  test('curvature bounds against central differences', () => {
    for (const v of [{ kind: 'exp', a: 0.7 }, { kind: 'ratio', b: 1.5 }] as VFamily[]) {
      const d1 = (s: number) => (vValue(v, s + 1e-5) - vValue(v, s - 1e-5)) / 2e-5;
      const d2 = (s: number) => (vValue(v, s + 1e-3) - 2 * vValue(v, s) + vValue(v, s - 1e-3)) / 1e-6;
      const { kappa, slopeMax } = vCurvature(v, 1, 3);
      expect(kappa).toBeCloseTo(-d2(3), 4);
      expect(slopeMax).toBeCloseTo(d1(1), 6);
      // strictly increasing and concave on a grid
      for (let s = 0; s < 5; s += 0.5) expect(vValue(v, s + 0.5)).toBeGreaterThan(vValue(v, s));
    }
  });
});
