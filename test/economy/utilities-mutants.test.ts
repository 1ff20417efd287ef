/**
 * Tests written against the survivors of the first mutation run of src/economy/utilities.ts
 * (mutation/results/mut-hwdsv.md): CES values in closed form (unnormalised weights, zero
 * coordinates), Example 1's gradient against a difference quotient of its value, the selections of
 * the non-smooth demands at their ties, CES demand at extreme prices against the budget and the
 * first-order ratio, and every message of checkUtility.
 */
import { describe, expect, test } from 'vitest';
import { checkUtility, demand, goodsOf, gradient, utilityValue, type Utility } from '../../src/economy/utilities.ts';
import { InputError } from '../../src/errors.ts';

const ces = (alpha: number[], sigma: number): Utility => ({ kind: 'ces', alpha, sigma });
const ex1 = (r?: number): Utility => ({ kind: 'example1', v: { kind: 'exp', a: 1 }, ...(r === undefined ? {} : { r }) });

describe('values and gradients in closed form', () => {
  test('goodsOf counts the goods of each kind', () => {
    expect(goodsOf(ces([1, 2, 3], 2))).toBe(3);
    expect(goodsOf({ kind: 'cobb-douglas', alpha: [0.5, 0.25, 0.25] })).toBe(3);
    expect(goodsOf({ kind: 'exp', w: [1, 2, 3, 4] })).toBe(4);
    expect(goodsOf(ex1())).toBe(2);
  });

  test('CES weights are normalised: α = (2, 6), σ = 2 at (1, 4) is (¼·1 + ¾·2)² = 3.0625', () => {
    expect(utilityValue(ces([2, 6], 2), [1, 4])).toBeCloseTo(3.0625, 13);
  });

  test('CES with σ > 1 at a zero coordinate keeps the others (ρ > 0): (½·√4)² = 1; at the origin 0', () => {
    expect(utilityValue(ces([1, 1], 2), [4, 0])).toBeCloseTo(1, 14);
    expect(utilityValue(ces([1, 1], 2), [0, 0])).toBe(0);
  });

  test('Example 1: ∂u/∂x_1 = a e^{−a s}, s = x_1 + r·I(x_2 ≥ 1), matches a difference quotient of the value', () => {
    for (const x of [
      [0.5, 0],
      [0.5, 1],
      [2, 0.5],
    ]) {
      const u = ex1(0.7);
      const h = 1e-6;
      const fd = (utilityValue(u, [x[0] + h, x[1]]) - utilityValue(u, [x[0] - h, x[1]])) / (2 * h);
      const g = gradient(u, x);
      expect(g[0]).toBeCloseTo(fd, 8);
      expect(g[1]).toBe(0);
    }
  });
});

describe('demand selections and extremes', () => {
  test('exp spends everything on the good with the largest w_k/p_k, the lowest index on a tie', () => {
    expect(demand({ kind: 'exp', w: [1, 1.5, 1] }, [1, 1, 0.5], 3)).toEqual([0, 0, 6]); // ratios 1, 1.5, 2
    expect(demand({ kind: 'exp', w: [1, 5, 2] }, [1, 1, 1], 3)).toEqual([0, 3, 0]);
    expect(demand({ kind: 'exp', w: [1, 2, 2] }, [1, 1, 1], 3)).toEqual([0, 3, 0]);
    expect(demand({ kind: 'exp', w: [1, 2] }, [1, 4], 3)).toEqual([3, 0]);
  });

  test('Example 1 buys iff r > p_1 and it can pay: at r = p_1 it does not, at wealth = p_1 it does', () => {
    expect(demand(ex1(0.5), [1, 0.5], 2)).toEqual([2, 0]);
    expect(demand(ex1(2), [1, 0.5], 0.5)).toEqual([0, 1]);
    expect(demand(ex1(2), [2, 3], 1)).toEqual([0.5, 0]); // cannot pay: all wealth on good 0 at p_0 = 2
  });

  test('CES at extreme prices: finite and on the budget (log-sum-exp from the largest term); x_k/x_0 = (a_k p_0 / (a_0 p_k))^σ', () => {
    const u = ces([1, 2], 50);
    const p = [1, 1e-10];
    const x = demand(u, p, 3);
    expect(x.every(Number.isFinite)).toBe(true);
    expect((p[0] * x[0] + p[1] * x[1]) / 3).toBeCloseTo(1, 12);
    expect((p[1] * x[1]) / 3).toBeCloseTo(1, 12); // good 0's share e^{−1163} is below a double
    const y = demand(u, [1, 0.9], 3);
    expect(Math.log(y[1] / y[0])).toBeCloseTo(50 * Math.log(2 / 0.9), 10);
  });
});

describe('checkUtility messages', () => {
  const msg = (u: Utility, n: number) => {
    try {
      checkUtility(u, n, 'u');
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return (e as Error).message;
    }
    return undefined;
  };
  test.each([
    [ces([1, 0], 2), 2, 'u.alpha[1]: must be a finite number > 0, got 0'],
    [ces([Infinity, 1], 2), 2, 'u.alpha[0]: must be a finite number > 0, got Infinity'],
    [ces([1, 1], 2e6), 2, 'u.sigma: must be ≤ 1e6 (beyond, CES is numerically linear), got 2000000'],
    [{ kind: 'cobb-douglas', alpha: [1, 1e-12] }, 2, 'u.alpha[0]: must lie in (0,1), got 1'],
    [ex1(0), 2, 'u.r: must be a finite number > 0, got 0'],
    [{ kind: 'example1', v: { kind: 'exp', a: -1 } }, 2, 'u.v.a: must be a finite number > 0, got -1'],
    [ex1(), 3, 'u: example1 is a two-good utility, the economy has 3 goods'],
  ] as [Utility, number, string][])('%j on %i goods', (u, n, m) => {
    expect(msg(u, n)).toBe(m);
  });
  test('the limits themselves pass: σ = 1e6, Example 1 without r', () => {
    expect(msg(ces([1, 1], 1e6), 2)).toBeUndefined();
    expect(msg(ex1(), 2)).toBeUndefined();
    expect(msg(ex1(1), 2)).toBeUndefined();
  });
});
