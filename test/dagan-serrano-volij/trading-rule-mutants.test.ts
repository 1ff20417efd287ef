/**
 * Tests written against the survivors of the first mutation run of
 * src/models/dagan-serrano-volij/trading-rule.ts (mutation/results/mut-hwdsv.md): B's caps (i)–(iii)
 * good by good on a meeting worked out by hand, and the water-filling against brute force on a
 * fine grid of the budget line (two goods) and its corner cases (caps that fit, R = 0, R < 0).
 */
import { describe, expect, test } from 'vitest';
import { ENUMERATION_MAX, galeObjective, galeTrade, TIE_REL, tradeCaps, waterFill } from '../../src/models/dagan-serrano-volij/trading-rule.ts';

describe('tradeCaps by hand', () => {
  test('each sign pattern of (z_0^k, z_1^k) and the holdings cap', () => {
    // goods 1..6: z0 = target − holdings of the proposer, z1 of the responder
    const proposer = { holdings: [1, 2, 0, 0, 0, 1, 5], target: [1, 1, 1, 1, 1, 1, 3] };
    const responder = { holdings: [1, 0, 3, 0, 2, 1, 0], target: [1, 1, 0, 1, 2, 0, 4] };
    // z0: [−1, +1, +1, +1, 0, −2]; z1: [+1, −3, +1, 0, −1, +4]
    const { dir, cap } = tradeCaps([1, 1, 1, 1, 1, 1, 1], [false, false, false, false, false, false, false], proposer, responder);
    expect(dir).toEqual([0, -1, 1, 0, 0, 0, -1]);
    expect(cap).toEqual([0, 1, 1, 0, 0, 0, 2]);
  });

  test('indivisible caps are floored; a cap of 0 means no trade', () => {
    const proposer = { holdings: [1, 0, 0], target: [1, 2.5, 0.5] };
    const responder = { holdings: [1, 3, 0.4], target: [1, 0, 0] };
    const { dir, cap } = tradeCaps([1, 1, 1], [false, true, true], proposer, responder);
    expect(cap).toEqual([0, 2, 0]);
    expect(dir).toEqual([0, 1, 0]);
  });
});

describe('waterFill against brute force', () => {
  const value = (s: number[], goods: number[]) => goods.reduce((a, k) => a + 1 - Math.exp(-s[k]), 0);
  /** max over a fine grid of s_1 with s_2 spending the rest (capped): two goods. */
  const brute = (p: number[], c: number[], R: number) => {
    let best = -Infinity;
    const n = 200_000;
    for (let i = 0; i <= n; i++) {
      const s1 = (Math.min(c[1], R / p[1]) * i) / n;
      const s2 = Math.min(c[2], Math.max(0, (R - p[1] * s1) / p[2]));
      best = Math.max(best, 2 - Math.exp(-s1) - Math.exp(-s2));
    }
    return best;
  };

  test.each([
    [[1, 2, 0.5], [0, 1.5, 3], 1.2],
    [[1, 0.3, 4], [0, 2, 0.4], 1],
    [[1, 1, 1], [0, 0.2, 5], 1.5],
  ])('prices %j caps %j budget %s: the objective is the brute-force maximum, on the budget', (p, c, R) => {
    const s = [0, 0, 0];
    expect(waterFill(p, c, [1, 2], R, s)).toBe(true);
    expect(value(s, [1, 2])).toBeCloseTo(brute(p, c, R), 9);
    expect(p[1] * s[1] + p[2] * s[2]).toBeLessThanOrEqual(R * (1 + 1e-15));
    expect(p[1] * s[1] + p[2] * s[2]).toBeCloseTo(R, 12);
    for (const k of [1, 2]) {
      expect(s[k]).toBeGreaterThanOrEqual(0);
      expect(s[k]).toBeLessThanOrEqual(c[k]);
    }
  });

  test('caps that fit the budget are all taken; R = 0 trades nothing; R < 0 is infeasible', () => {
    const s = [9, 9, 9];
    expect(waterFill([1, 2, 0.5], [0, 1, 1], [1, 2], 3, s)).toBe(true);
    expect(s).toEqual([9, 1, 1]);
    const z = [9, 9, 9];
    expect(waterFill([1, 2, 0.5], [0, 1, 1], [1, 2], 0, z)).toBe(true);
    expect(z[1]).toBe(0);
    expect(z[2]).toBe(0);
    // equal prices: the first two breakpoints coincide (S flat between them)
    const y = [9, 9, 9];
    expect(waterFill([1, 1, 1], [0, 1, 1], [1, 2], 0, y)).toBe(true);
    expect(y).toEqual([9, 0, 0]);
    expect(waterFill([1, 2, 0.5], [0, 1, 1], [1, 2], -1e-3, [0, 0, 0])).toBe(false);
  });
});

describe('waterFill: the round-off shave keeps the budget', () => {
  // Inputs (found by a search over prices and caps on a 0.1 grid) where the interpolated μ leaves
  // Σ p s one to six ulps above R before the shave: after it, Σ p s ≤ R exactly, and still ≈ R.
  test.each([
    [[1, 2.8000000000000003, 3.8000000000000003], [0, 2, 1.2], [1, 2], 2.6],
    [[1, 0.30000000000000004, 3.2, 0.6], [0, 2.3, 2.5, 0], [1, 2, 3], 3.4],
    [[1, 3.6, 3, 3], [0, 1.3, 2.6, 2.4], [1, 2, 3], 3.5],
    // the first good takes no share (s_1 = 0): shaving it could not restore the budget, the largest share is shaved
    [[1, 2.1, 1.4000000000000001, 2.1], [0, 1.5, 3, 0.8], [1, 2, 3], 0.5],
    // the shaved share is priced below 1: the excess is divided by its price, not multiplied (search of mut9-dsv)
    [[1, 0.1, 0.6, 1.3], [0, 1.4, 1.8, 2.5], [1, 2, 3], 0.1],
    [[1, 3.1, 0.5, 0.2], [0, 0.8, 1.6, 1.2], [1, 2, 3], 0.3],
  ])('prices %j caps %j goods %j budget %s', (p, c, goods, R) => {
    const s = new Array<number>(p.length).fill(0);
    expect(waterFill(p, c, goods, R, s)).toBe(true);
    const spent = goods.reduce((a, k) => a + p[k] * s[k], 0);
    expect(spent).toBeLessThanOrEqual(R);
    expect(spent).toBeGreaterThan(R * (1 - 1e-14));
    for (const k of goods) expect(s[k]).toBeGreaterThanOrEqual(0);
  });
});

describe('galeTrade with one indivisible and one divisible good, money binding', () => {
  /** Brute force: every integer x_1 ≤ cap_1 the money allows, x_2 spending the rest (capped); ties to the greater x_1. */
  const brute = (p: number[], cap1: number, cap2: number, money: number) => {
    let best = { x1: -1, x2: 0, obj: -Infinity };
    for (let x1 = 0; x1 <= cap1 && p[1] * x1 <= money; x1++) {
      const x2 = Math.min(cap2, (money - p[1] * x1) / p[2]);
      const obj = -Math.exp(-x1) - Math.exp(-x2);
      if (obj >= best.obj - 1e-12) best = { x1, x2, obj };
    }
    return best;
  };

  test('the proposer buys both with 3 units of money: the integer/divisible split is the brute-force best', () => {
    const p = [1, 1, 0.7];
    const b = brute(p, 3, 5, 3);
    expect(b.x1).toBe(2); // −e^−2 − e^−1/0.7 beats x_1 = 1 and 3
    const g = galeTrade(p, [false, true, false], { holdings: [3, 0, 0], target: [0, 3, 5] }, { holdings: [0, 3, 5], target: [3, 0, 0] });
    expect(g.trade[1]).toBe(2);
    expect(g.trade[2]).toBeCloseTo(b.x2, 12);
    expect(g.trade[0]).toBeCloseTo(-3, 12);
    expect(g.objective).toBeCloseTo(b.obj, 12);
  });

  test('mirrored: the proposer sells both and the responder’s 3 units of money bind', () => {
    const p = [1, 1, 0.7];
    const b = brute(p, 3, 5, 3);
    const g = galeTrade(p, [false, true, false], { holdings: [0, 3, 5], target: [3, 0, 0] }, { holdings: [3, 0, 0], target: [0, 3, 5] });
    expect(g.trade[1]).toBe(-2);
    expect(g.trade[2]).toBeCloseTo(-b.x2, 12);
    expect(g.trade[0]).toBeCloseTo(3, 12);
    expect(g.objective).toBeCloseTo(b.obj, 12);
  });
});

describe('galeTrade: whose money binds, with an indivisible unit in the value (worked by hand)', () => {
  // p = (1, 1, 0.5, 0.25), good 3 indivisible. A has 0.5 of money and 2 of good 2, wants 3 of good 1 and
  // a unit of good 3; B has 10 of money, 3 of good 1 and the unit, wants 2 of good 2.
  const p = [1, 1, 0.5, 0.25];
  const ind = [false, false, false, true];
  const A = { holdings: [0.5, 0, 2, 0], target: [0.5, 3, 0, 1] };
  const B = { holdings: [10, 3, 0, 1], target: [10, 0, 2, 0] };
  // with the unit: A sells all of good 2 (worth 1) and buys good 1 with 0.5 − 0.25 + 1 = 1.25; without it, 1.5 of good 1
  // and e^0 for the missing unit: −(e^−1.25 + e^−2 + e^−1) beats −(e^−1.5 + e^−2 + 1)
  const best = -(Math.exp(-1.25) + Math.exp(-2) + Math.exp(-1));

  test('A proposes: A’s money binds (what it sells at its cap, what it buys water-filled)', () => {
    const g = galeTrade(p, ind, A, B);
    expect(g.trade[0]).toBeCloseTo(-0.5, 14);
    expect(g.trade[1]).toBeCloseTo(1.25, 14);
    expect(g.trade.slice(2)).toEqual([-2, 1]);
    expect(g.objective).toBeCloseTo(best, 14);
    expect(g.ties).toBe(1);
  });

  test('B proposes: the responder A’s money binds (what B buys at its cap, what it sells water-filled)', () => {
    const g = galeTrade(p, ind, B, A);
    expect(g.trade[0]).toBeCloseTo(0.5, 14);
    expect(g.trade[1]).toBeCloseTo(-1.25, 14);
    expect(g.trade.slice(2)).toEqual([2, -1]);
    expect(g.objective).toBeCloseTo(best, 14);
  });

  test('with money enough on both sides every cap is traded', () => {
    const rich = { ...A, holdings: [10, 0, 2, 0] };
    const g = galeTrade(p, ind, rich, B);
    expect(g.trade).toEqual([-(3 - 1 + 0.25), 3, -2, 1]);
  });
});

describe('waterFill with 12 goods (the breakpoint buffer grows past its first size)', () => {
  test('the first-order conditions: e^−s_k / p_k is one λ on goods strictly inside (0, c_k), ≤ λ at 0, ≥ λ at the cap; the budget binds', () => {
    const goods = Array.from({ length: 12 }, (_, i) => i + 1);
    const p = [1, ...goods.map((k) => 2.5 - 0.17 * k)]; // the last goods cheapest: their breakpoints come first
    const c = [0, ...goods.map((k) => 0.2 + 0.3 * (k % 4))];
    const R = 2;
    // a first call with 2 goods, then 12: the scratch buffer must be regrown
    waterFill([1, 1, 1], [0, 1, 1], [1, 2], 0.5, [0, 0, 0]);
    const s = new Array<number>(p.length).fill(0);
    expect(waterFill(p, c, goods, R, s)).toBe(true);
    expect(goods.reduce((a, k) => a + p[k] * s[k], 0)).toBeCloseTo(R, 13);
    const inside = goods.filter((k) => s[k] > 1e-12 && s[k] < c[k] - 1e-12);
    expect(inside.length).toBeGreaterThan(1);
    const lambda = Math.exp(-s[inside[0]]) / p[inside[0]];
    for (const k of goods) {
      const ratio = Math.exp(-s[k]) / p[k];
      if (inside.includes(k)) expect(ratio / lambda).toBeCloseTo(1, 12);
      else if (s[k] <= 1e-12) expect(ratio).toBeLessThanOrEqual(lambda * (1 + 1e-12));
      else expect(ratio).toBeGreaterThanOrEqual(lambda * (1 - 1e-12));
    }
    expect(goods.some((k) => s[k] === 0)).toBe(true);
    expect(goods.some((k) => s[k] === c[k])).toBe(true);
  });
});

describe('galeTrade: the integer enumeration’s tie rule and its limit (Section 5)', () => {
  // the proposer holds one unit of money and wants one unit of each of L − 1 indivisible goods at price 1; the responder has them
  const buyOne = (L: number) => ({
    A: { holdings: [1, ...new Array<number>(L - 1).fill(0)], target: [0, ...new Array<number>(L - 1).fill(1)] },
    B: { holdings: [0, ...new Array<number>(L - 1).fill(1)], target: [1, ...new Array<number>(L - 1).fill(0)] },
  });

  test('one unit of money, two goods: (1, 0) and (0, 1) tie; the lowest-indexed good is traded, ties = 2', () => {
    const { A, B } = buyOne(3);
    const g = galeTrade([1, 1, 1], [false, true, true], A, B);
    // B by hand: x ∈ {(0,0), (1,0), (0,1)} (money 1); the last two give −e^−1 − 1
    expect(galeObjective([-1, 0, 1])).toBe(galeObjective([-1, 1, 0]));
    expect(g.trade).toEqual([-1, 1, 0]);
    expect(g.objective).toBe(-Math.exp(-1) - 1);
    expect(g.ties).toBe(2);
  });

  test('three goods: three tied vectors, the first good is bought', () => {
    const { A, B } = buyOne(4);
    const g = galeTrade([1, 1, 1, 1], [false, true, true, true], A, B);
    expect(g.trade).toEqual([-1, 1, 0, 0]);
    expect(g.ties).toBe(3);
  });

  test('a strictly better vector wins though it is lexicographically smaller: (0, 2) over (1, 0)', () => {
    // money 2; good 1 costs 2 (one unit wanted), good 2 costs 1 (two wanted): −e^−1 − 1 < −1 − e^−2
    const g = galeTrade([1, 2, 1], [false, true, true], { holdings: [2, 0, 0], target: [0, 1, 2] }, { holdings: [0, 1, 2], target: [2, 0, 0] });
    expect(g.trade).toEqual([-2, 0, 2]);
    expect(g.objective).toBe(-1 - Math.exp(-2));
    expect(g.ties).toBe(1);
  });

  test('ENUMERATION_MAX integer vectors are enumerated; one more is refused with a RangeError', () => {
    const c = ENUMERATION_MAX - 1; // caps + 1 = ENUMERATION_MAX vectors
    const side = (n: number, buy: boolean) => (buy ? { holdings: [1e6, 0], target: [0, n] } : { holdings: [0, n], target: [1e6, 0] });
    const g = galeTrade([1, 1], [false, true], side(c, true), side(c, false));
    expect(g.trade).toEqual([-c, c]);
    expect(() => galeTrade([1, 1], [false, true], side(c + 1, true), side(c + 1, false))).toThrow(RangeError);
    expect(() => galeTrade([1, 1], [false, true], side(c + 1, true), side(c + 1, false))).toThrow(/allow 200001 integer trades, more than the 200000/);
  });
});

describe('tradeCaps: both sides short of (or over) a good is no trade, cap 0', () => {
  test('z_0, z_1 < 0 and z_0, z_1 > 0: (ii) fails for any x ≠ 0', () => {
    // good 1: both hold more than they want; good 2: both want more than they hold
    const proposer = { holdings: [1, 3, 0], target: [1, 1, 2] };
    const responder = { holdings: [1, 2, 0], target: [1, 0, 1] };
    const { dir, cap } = tradeCaps([1, 1, 1], [false, false, false], proposer, responder);
    expect(dir).toEqual([0, 0, 0]);
    expect(cap).toEqual([0, 0, 0]);
  });
});

describe('galeTrade: a near-tie is a tie relative to max(1, |objective|)', () => {
  test('(1, 0) and (0, 1) within TIE_REL·|obj| (|obj| ≈ 3) but more than TIE_REL apart: still a tie, the first good traded', () => {
    // goods 1, 2 indivisible (one unit wanted of each; p_1 = 1 + δ, p_2 = 1), good 3 divisible (bought with what is
    // left), goods 4, 5 divisible, sold at their caps for almost nothing: they add ≈ 2 to every objective.
    // Money 1.5 buys one unit: the rest of the money, 0.5 + 0.01 − p, goes to good 3; (0, 1) is better by ≈ e^−0.51·δ.
    const delta = 3.3e-12;
    const p = [1, 1 + delta, 1, 1, 1e-3, 1e-3];
    const ind = [false, true, true, false, false, false];
    const A = { holdings: [1.5, 0, 0, 0, 5, 5], target: [0, 1, 1, 10, 0, 0] };
    const B = { holdings: [0, 1, 1, 10, 0, 0], target: [10, 0, 0, 0, 5, 5] };
    const g = galeTrade(p, ind, A, B);
    // the two candidates, valued by the objective of Section 5
    const rest = (price: number) => 1.5 + 0.01 - price;
    const first = galeObjective([0, 1, 0, rest(p[1]), -5, -5]);
    const second = galeObjective([0, 0, 1, rest(p[2]), -5, -5]);
    const gap = second - first;
    expect(gap).toBeGreaterThan(TIE_REL); // not a tie in absolute terms …
    expect(gap).toBeLessThan(TIE_REL * Math.abs(first)); // … a tie relative to |obj| ≈ 3
    expect(g.trade.slice(1, 3)).toEqual([1, 0]);
    expect(g.trade[3]).toBeCloseTo(rest(p[1]), 12);
    expect(g.ties).toBe(2);
  });
});
