/**
 * Mutation gaps of src/models/dagan-serrano-volij/cover.ts (issue #14; mutation/results/mut10-dsv.md):
 * the linear v, the almost-strict constant against its hand-simplified closed form, the two hull
 * routes on the smallest point sets that isolate each branch (one point, one horizontal or vertical
 * segment), segment domination with a flat coordinate, and the bisections' budgets (the level after
 * n halvings is the largest multiple of hi/2^n below the true level). Data is built inside each test.
 */
import { describe, expect, test } from 'vitest';
import {
  almostStrictConstant, concaveHullOnGrid, coverIndex, ex1Cover, gridPoints, hullByEnumeration, linearIndex, quasiconcaveCover1x1, quasiconcaveCoverLp,
  segmentDominated, unitDemandValue, vCurvature, vValue, type UnitDemand,
} from '../../src/models/dagan-serrano-volij/cover.ts';
import { lpSolver } from '../../src/numeric/lp.ts';

describe('v', () => {
  test('linear v (DSV.Prop2.needs-almost-strict): v(s) = s, no curvature, slope 1, constant 0', () => {
    const v = { kind: 'linear' as const };
    expect(vValue(v, 2.5)).toBe(2.5);
    expect(vCurvature(v, 1, 3)).toEqual({ kappa: 0, slopeMax: 1 });
    expect(almostStrictConstant(v, 1, 3)).toBe(0);
  });

  test('exp: the slope bound at lo = 2 is v\'(2) by central differences', () => {
    const v = { kind: 'exp' as const, a: 0.7 };
    const d1 = (vValue(v, 2 + 1e-5) - vValue(v, 2 - 1e-5)) / 2e-5;
    expect(vCurvature(v, 2, 3).slopeMax).toBeCloseTo(d1, 8);
  });

  test('the constant κ/(2M²) simplified by hand: exp gives e^{a(2lo − hi)}/2, ratio (b + lo)⁴/(b(b + hi)³)', () => {
    // exp, a = 1 on [1, 3]: κ = e^{−3}, M = e^{−1}, κ/(2M²) = e^{−1}/2
    expect(almostStrictConstant({ kind: 'exp', a: 1 }, 1, 3)).toBeCloseTo(Math.exp(-1) / 2, 15);
    // ratio, b = 1 on [1, 3]: 2⁴/(1·4³) = 1/4
    expect(almostStrictConstant({ kind: 'ratio', b: 1 }, 1, 3)).toBeCloseTo(0.25, 15);
  });

  test('linearIndex counts each indivisible good once and nothing beyond the listed goods', () => {
    const u: UnitDemand = { v: { kind: 'linear' }, w: [2], r: [3] };
    expect(linearIndex(u, [0.5, 1])).toBe(4);
    expect(unitDemandValue(u, [0.5, 0])).toBe(1);
  });
});

describe('hullByEnumeration, branch by branch', () => {
  test('a single point: x on it gets its value, x elsewhere nothing', () => {
    expect(hullByEnumeration([[1, 1]], [0.5], [1, 1])).toBe(0.5);
    expect(hullByEnumeration([[1, 1]], [0.5], [1, 2])).toBe(-Infinity);
    expect(hullByEnumeration([[1, 1]], [-0.5], [1, 1])).toBe(-0.5);
  });

  test('a horizontal segment: linear interpolation at t = 1/4 (no triangle exists)', () => {
    // a = (1, 0), b = (3, 0), x = (1.5, 0): t = 1/4, value 3/4·1 + 1/4·5 = 2
    expect(hullByEnumeration([[1, 0], [3, 0]], [1, 5], [1.5, 0])).toBeCloseTo(2, 14);
    expect(hullByEnumeration([[1, 0], [3, 0]], [1, 5], [1.5, 0.5])).toBe(-Infinity);
  });

  test('a vertical segment: the same along the second coordinate', () => {
    expect(hullByEnumeration([[0, 1], [0, 3]], [1, 5], [0, 1.5])).toBeCloseTo(2, 14);
  });

  test('agrees with the grid LP on a two-row grid, inside and outside', async () => {
    const solve = (await lpSolver()).solve;
    const pts = gridPoints(0.5, 1, 1);
    const vals = pts.map((p) => Math.sqrt(p[0] + 2 * p[1]));
    const x: [number, number] = [0.6, 0.3];
    expect(hullByEnumeration(pts, vals, x)).toBeCloseTo(concaveHullOnGrid(pts, vals, x, solve)!.value, 7);
    // outside the grid's hull: no combination
    expect(concaveHullOnGrid(pts, vals, [2, 0], solve)).toBeUndefined();
  });
});

describe('segmentDominated', () => {
  test('a coordinate where A and B agree decides alone: x_k = A_k passes, below fails, above passes', () => {
    expect(segmentDominated([2, 1], [1, 1], [1.5, 1])).toBe(true);
    expect(segmentDominated([2, 1], [1, 1], [1.5, 0.5])).toBe(false);
    expect(segmentDominated([2, 1], [1, 1], [1.5, 2])).toBe(true);
  });

  test('slopes of size 2: t ∈ [0.4, 0.6] holds (1.2, 1.2), t ≤ 0.3 and t ≥ 0.4 exclude (1.2, 0.6)', () => {
    expect(segmentDominated([2, 0], [0, 2], [1.2, 1.2])).toBe(true);
    expect(segmentDominated([2, 0], [0, 2], [1.2, 0.6])).toBe(false);
  });
});

describe('quasiconcaveCover1x1', () => {
  test('refuses more than one good of either kind', () => {
    const v = { kind: 'linear' as const };
    expect(() => quasiconcaveCover1x1({ v, w: [1, 1], r: [1] }, [1, 1])).toThrow(/one divisible and one indivisible/);
    expect(() => quasiconcaveCover1x1({ v, w: [1], r: [1, 1] }, [1, 1])).toThrow(/one divisible and one indivisible/);
  });

  test('weight w = 2: v(2x_1 + min{x_2, 1}) on the domain, w·z_1/(1 − z_2) below it (worked by hand)', () => {
    const u: UnitDemand = { v: { kind: 'linear' }, w: [2], r: [1] };
    expect(quasiconcaveCover1x1(u, [1, 0.5]).s).toBeCloseTo(ex1Cover(u, [1, 0.5]), 12); // 2.5
    expect(ex1Cover(u, [1, 0.5])).toBe(2.5);
    // below: at level s < r the hull of {y_2 = 0, 2y_1 ≥ s} ∪ {y_2 ≥ 1} holds z iff z_1 ≥ (s/2)(1 − z_2)
    expect(quasiconcaveCover1x1(u, [0.2, 0.5]).s).toBeCloseTo(0.8, 12);
  });

  test('5 halvings: the level is the largest multiple of hi/32 at or below the true one, hi = w x_1 + r + 1', () => {
    const u: UnitDemand = { v: { kind: 'linear' }, w: [1], r: [1] };
    // true level 1.35 + 0.4 = 1.75 (on the domain); hi = 3.35, step 3.35/32: 16 steps (1.675), where 6 halvings give 33/64
    const step = 3.35 / 32;
    const s = quasiconcaveCover1x1(u, [1.35, 0.4], 5).s;
    expect(s).toBeCloseTo(Math.floor(1.75 / step) * step, 12);
    expect(s).toBeCloseTo(1.675, 12);
    expect(coverIndex(u, [1.35, 0.4])).toBeCloseTo(1.75, 15);
  });
});

describe('quasiconcaveCoverLp', () => {
  test('4 halvings: the level is the largest multiple of hi/16 below the true one; corners and weights certify it', async () => {
    const solve = (await lpSolver()).solve;
    const u: UnitDemand = { v: { kind: 'linear' }, w: [1], r: [1] };
    // x = (10, 1): true level 11, hi = 10 + 1 + 1 = 12, step 3/4 → 10.5
    const q = quasiconcaveCoverLp(u, [10, 1], solve, 4);
    expect(q.s).toBeCloseTo(10.5, 12);
    expect(q.value).toBeCloseTo(10.5, 12);
    // the membership behind it: Σ μ_j = 1, Σ μ_j y_j ≤ x, every corner at level ≥ s
    expect(q.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    for (let k = 0; k < 2; k++) expect(q.corners.reduce((a, y, j) => a + q.weights[j] * y[k], 0)).toBeLessThanOrEqual([10, 1][k] + 1e-9);
    for (const y of q.corners) expect(linearIndex(u, y)).toBeGreaterThanOrEqual(10.5 - 1e-12);
  });
});
