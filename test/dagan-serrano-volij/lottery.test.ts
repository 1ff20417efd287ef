/**
 * Lotteries over allocations (src/models/dagan-serrano-volij/lottery.ts) on hand-worked cases:
 * mean bundles, the split of a cell (Proposition 1's construction: Example 1 at h = (1/2, 1/2) is
 * half (1, 0) and half (0, 1), both on the level x_1 + I(x_2) = 1), and the linear-utility LP
 * (identical utilities: no gain; complementary ones: swapping the goods gains, worked by hand).
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { coverIndex, ex1Cover, example1, unitDemandValue, type UnitDemand } from '../../src/models/dagan-serrano-volij/cover.ts';
import { aggregate, expectedUtilities, improvementLp, meanBundles, resourceTotal, splitCell, utilityVariances, type ExactLinearLottery, type Lottery } from '../../src/models/dagan-serrano-volij/lottery.ts';
import { lpSolver, type LpResult, type LinearProgram } from '../../src/numeric/lp.ts';
import { Fraction } from '../../src/numeric/rational.ts';

let solve: (p: LinearProgram) => LpResult;
beforeAll(async () => {
  const s = await lpSolver();
  solve = (p) => s.solve(p);
});

const u1 = example1({ kind: 'exp', a: 1 });

describe('lotteries', () => {
  const L: Lottery = {
    masses: [1, 2],
    outcomes: [
      { prob: 0.25, bundles: [[2, 0], [0, 1]] },
      { prob: 0.75, bundles: [[1, 1], [2, 0]] },
    ],
  };
  test('mean bundles, expected utilities, variances', () => {
    expect(meanBundles(L)).toEqual([[1.25, 0.75], [1.5, 0.25]]);
    const util = (_: number, x: readonly number[]) => unitDemandValue(u1, x);
    const v = (s: number) => 1 - Math.exp(-s);
    expect(expectedUtilities(L, util)[0]).toBeCloseTo(0.25 * v(2) + 0.75 * v(2), 15);
    expect(utilityVariances(L, util)[0]).toBeCloseTo(0, 15); // the same level in both: degenerate for cell 1
    // cell 2: levels 1 and 2 with probabilities 1/4, 3/4: variance (1/4)(3/4)(v(2) − v(1))²
    expect(utilityVariances(L, util)[1]).toBeCloseTo(0.1875 * (Math.exp(-1) - Math.exp(-2)) ** 2, 15);
    expect(aggregate(L.masses, L.outcomes[1].bundles)).toEqual([5, 1]);
  });
});

describe('splitCell (Proposition 1)', () => {
  test('Example 1 at h = (1/2, 1/2): half (1, 0), half (0, 1)', () => {
    const parts = splitCell(u1, [0.5, 0.5]);
    expect(parts.map((p) => p.share).sort()).toEqual([0.5, 0.5]);
    const byUnit = Object.fromEntries(parts.map((p) => [p.bundle[1], p.bundle[0]]));
    expect(byUnit[0]).toBeCloseTo(1, 15);
    expect(byUnit[1]).toBeCloseTo(0, 15);
  });

  test('two indivisible goods: the staircase of fractional parts, the mean back at h, every part on û(h)', () => {
    const u: UnitDemand = { v: { kind: 'ratio', b: 2 }, w: [1, 0.5], r: [0.75, 1.25] };
    const h = [2, 1, 0.25, 1.75];
    const parts = splitCell(u, h);
    // fractional parts 0.25 and 0.75: vertices (0, 1), (0, 2), (1, 2) with weights 0.25, 0.5, 0.25
    expect(parts.map((p) => [p.share, p.bundle[2], p.bundle[3]])).toEqual([[0.25, 0, 1], [0.5, 0, 2], [0.25, 1, 2]]);
    const mean = h.map((_, k) => parts.reduce((s, p) => s + p.share * p.bundle[k], 0));
    mean.forEach((m, k) => expect(m).toBeCloseTo(h[k], 14));
    for (const p of parts) {
      expect(unitDemandValue(u, p.bundle)).toBeCloseTo(ex1Cover(u, h), 14);
      expect(p.bundle.slice(0, 2).every((d) => d >= 0)).toBe(true);
    }
    expect(coverIndex(u, h)).toBeCloseTo(2 + 0.5 + 0.75 * 0.25 + 1.25, 15);
  });

  test('an integer h is not split', () => {
    expect(splitCell(u1, [1.5, 1])).toEqual([{ share: 1, bundle: [1.5, 1] }]);
  });
});

describe('improvementLp', () => {
  const q = (n: number, d = 1) => new Fraction(n, d);
  // two cells swap a unit of good 0 and a unit of good 1 with probability 1/2
  const swap = (w: Fraction[][]): ExactLinearLottery => ({
    masses: [q(1), q(1)],
    w,
    probs: [q(1, 2), q(1, 2)],
    bundles: [
      [[q(1), q(0)], [q(0), q(1)]],
      [[q(0), q(1)], [q(1), q(0)]],
    ],
  });
  test('identical linear utilities: the best total gain is 0', () => {
    const L = swap([[q(1), q(2)], [q(1), q(2)]]);
    expect(resourceTotal(L).map((v) => v.valueOf())).toEqual([1, 1]);
    const r = solve(improvementLp(L));
    expect(r.status).toBe('optimal');
    expect(r.objective!).toBeCloseTo(3, 9); // Σ EU = 1.5 + 1.5: nothing to gain
    expect(solve(improvementLp(L, q(1, 1024))).status).toBe('infeasible');
  });
  test('cell 1 wants good 0 only, cell 2 good 1 only: the sure allocation gains 1 in total', () => {
    // EU = 1/2 each; giving good 0 to cell 1 and good 1 to cell 2 yields 1 each
    const r = solve(improvementLp(swap([[q(1), q(0)], [q(0), q(1)]])));
    expect(r.objective!).toBeCloseTo(2, 9);
  });
});
