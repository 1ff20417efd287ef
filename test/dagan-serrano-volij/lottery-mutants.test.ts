/**
 * Mutation gaps of src/models/dagan-serrano-volij/lottery.ts (issue #14; mutation/results/mut10-dsv.md):
 * the exact expected utilities and the total-gain bound worked by hand and against the LP's optimum,
 * the resource total as the largest use over the support, the ε-system on both sides of the best gain,
 * and splitCell's corner cases (no divisible wealth, equal fractional parts). Data built inside each test.
 */
import { describe, expect, test } from 'vitest';
import { ex1Cover, unitDemandValue, type UnitDemand } from '../../src/models/dagan-serrano-volij/cover.ts';
import {
  expectedLinearUtilities, improvementLp, resourceTotal, splitAllocation, splitCell, totalGainBound, type ExactLinearLottery,
} from '../../src/models/dagan-serrano-volij/lottery.ts';
import { lpSolver } from '../../src/numeric/lp.ts';
import { Fraction } from '../../src/numeric/rational.ts';

const q = (n: number, d = 1) => new Fraction(n, d);
/** Two cells of masses 1 and 2; outcome 0 (prob 1/4) uses (2, 0) and (0, 1), outcome 1 (prob 3/4) (1, 1) and (1, 0). */
function uneven(w: Fraction[][]): ExactLinearLottery {
  return {
    masses: [q(1), q(2)],
    w,
    probs: [q(1, 4), q(3, 4)],
    bundles: [
      [[q(2), q(0)], [q(0), q(1)]],
      [[q(1), q(1)], [q(1), q(0)]],
    ],
  };
}

describe('exact linear lotteries', () => {
  test('resource total: the componentwise largest use over the support', () => {
    // uses: outcome 0 (2, 2), outcome 1 (3, 1)
    expect(resourceTotal(uneven([[q(1), q(1)], [q(1), q(1)]])).map(Number)).toEqual([3, 2]);
  });

  test('expected utilities Σ_k π_k w_c·f_k(c), worked by hand', () => {
    const L = uneven([[q(1), q(3)], [q(2), q(1)]]);
    // cell 0: 1/4·2 + 3/4·(1 + 3) = 7/2; cell 1: 1/4·1 + 3/4·2 = 7/4
    expect(expectedLinearUtilities(L).map(Number)).toEqual([3.5, 1.75]);
  });

  test('the total-gain bound: T to the cells valuing each good most, minus Σ m EU; it equals the LP optimum here', async () => {
    const solve = (await lpSolver()).solve;
    const L = uneven([[q(1), q(3)], [q(2), q(1)]]);
    // T = (3, 2); best weights (2, 3): 6 + 6 = 12; Σ m EU = 7/2 + 2·7/4 = 7 → 5
    expect(totalGainBound(L).valueOf()).toBe(5);
    // the LP (every cell at least its EU): give good 0 to cell 1 (y = 3/2 per unit mass, 2·3/2·2 = 6 ≥ 2·7/4) and
    // good 1 to cell 0 (2·3 = 6 ≥ 7/2): the bound is reached; objective Σ m w·g = 12
    const r = solve(improvementLp(L));
    expect(r.status).toBe('optimal');
    expect(r.objective!).toBeCloseTo(12, 9);
    // identical utilities using all of T in every outcome: the bound is exactly 0
    const same: ExactLinearLottery = {
      masses: [q(1), q(1)],
      w: [[q(1), q(2)], [q(1), q(2)]],
      probs: [q(1, 2), q(1, 2)],
      bundles: [
        [[q(1), q(0)], [q(0), q(1)]],
        [[q(0), q(1)], [q(1), q(0)]],
      ],
    };
    expect(totalGainBound(same).valueOf()).toBe(0);
  });

  test('the ε-system is feasible below the best gain and infeasible above it', async () => {
    const solve = (await lpSolver()).solve;
    const L = uneven([[q(1), q(3)], [q(2), q(1)]]);
    expect(solve(improvementLp(L, q(9, 2))).status).toBe('optimal');
    expect(solve(improvementLp(L, q(11, 2))).status).toBe('infeasible');
  });
});

describe('improvementLp\'s rows bind', () => {
  test('nobody worse off caps the gain below the bound: w = (2, 2) and (1, 1) on the uneven lottery, worked by hand', async () => {
    const solve = (await lpSolver()).solve;
    // EU = (4, 1); with A = g_00 + g_01, B = g_10 + g_11: max 2A + 2B s.t. A + 2B ≤ 5, A ≥ 2, B ≥ 1 → A = 3, B = 1: 8
    // (without the cells' rows all to cell 0: 10, the bound T·max w)
    const L = uneven([[q(2), q(2)], [q(1), q(1)]]);
    expect(solve(improvementLp(L)).objective!).toBeCloseTo(8, 9);
    expect(totalGainBound(L).valueOf()).toBe(4);
  });

  test('three goods, two cells (C·n columns, not C/n): the sure swap gains as with two', async () => {
    const solve = (await lpSolver()).solve;
    const L: ExactLinearLottery = {
      masses: [q(1), q(1)],
      w: [[q(1), q(0), q(1)], [q(0), q(1), q(1)]],
      probs: [q(1, 2), q(1, 2)],
      bundles: [
        [[q(1), q(0), q(0)], [q(0), q(1), q(0)]],
        [[q(0), q(1), q(0)], [q(1), q(0), q(0)]],
      ],
    };
    // EU = 1/2 each; T = (1, 1, 0): good 0 to cell 0, good 1 to cell 1: objective 2
    expect(solve(improvementLp(L)).objective!).toBeCloseTo(2, 9);
  });
});

describe('splitCell corner cases', () => {
  test('no divisible wealth: the parts hold no money, on the level set (h = (0, 1.5))', () => {
    const u: UnitDemand = { v: { kind: 'linear' }, w: [1], r: [1] };
    const parts = splitCell(u, [0, 1.5]);
    expect(parts).toEqual([{ share: 0.5, bundle: [0, 1] }, { share: 0.5, bundle: [0, 2] }]);
    for (const p of parts) expect(unitDemandValue(u, p.bundle)).toBe(ex1Cover(u, [0, 1.5]));
  });

  test('equal fractional parts: two vertices, the floor and the floor plus both units', () => {
    const u: UnitDemand = { v: { kind: 'linear' }, w: [1], r: [1, 2] };
    const parts = splitCell(u, [3, 0.5, 1.5]);
    expect(parts.map((p) => [p.share, p.bundle[1], p.bundle[2]])).toEqual([[0.5, 0, 1], [0.5, 1, 2]]);
    // level ℓ̂ = 3 + 0.5 + 2 = 5.5: money 5.5 − 2 = 3.5 with one unit of good 2, 5.5 − 3 = 2.5 with both
    expect(parts.map((p) => p.bundle[0])).toEqual([3.5, 2.5]);
  });

  test('splitAllocation keeps each cell\'s index and its parts', () => {
    const u: UnitDemand = { v: { kind: 'linear' }, w: [1], r: [1] };
    const g = splitAllocation([u, u], [[1.5, 1], [0.5, 0.5]]);
    expect(g.map((p) => [p.cell, p.share])).toEqual([[0, 1], [1, 0.5], [1, 0.5]]);
    expect(g[0].bundle).toEqual([1.5, 1]);
  });
});
