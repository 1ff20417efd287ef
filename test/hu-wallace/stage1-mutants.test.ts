/**
 * Tests written against the mutation run of src/models/hu-wallace/stage1.ts (mutation/results/mut8-hw.md):
 * the inactive bundle (1) and q_1 (5) at p_1 ≠ 1 by hand, L_x' at the ends of the budget line (Inada), the
 * order of (6) between types that pool, the offer margin in offer coordinates, the intervals of the first and
 * middle types, and Claim 1's A_x and the inactive loss ℓ_x(x̄) against L's closed form for log utility
 * (L(q) = a ln q + b ln(p_1(2q̄ − q)), L'(q) = a/q − b/(2q̄ − q)).
 */
import { expect, test } from 'vitest';
import type { TwoGoodUtility } from '../../src/economy/two-goods.ts';
import type { HwEconomy } from '../../src/models/hu-wallace/economy.ts';
import { claim1Epsilon, dL, inactiveBundle, inactiveLoss, interval, L, offerOfQ1, p1Of, q1, solveStage1 } from '../../src/models/hu-wallace/stage1.ts';

function oneState(endowment: { q: number; r: number }, us: TwoGoodUtility[]): HwEconomy {
  return {
    endowment,
    epsilon: { q: 0.01, r: 0.01 },
    states: [{ name: 'z', prior: 1 }],
    types: us.map((u, x) => ({ name: `x${x}`, likelihood: [1 / us.length], utility: [u] })),
  };
}
const log = (a: number, b: number): TwoGoodUtility => ({ kind: 'log', a, b });

test('p_1 = r̄/q̄ = 1.5: the inactive bundle (1) and q_1 (5) by hand on both branches of O', () => {
  const e = oneState({ q: 2, r: 3 }, [log(1, 1)]);
  expect(p1Of(e)).toBe(1.5);
  expect(inactiveBundle(e, { q: 0.5, r: 0 })).toEqual({ q: 1.5, r: 3.75 });
  const b = inactiveBundle(e, { q: 0, r: 0.6 });
  expect(b.q).toBeCloseTo(2.4, 15);
  expect(b.r).toBeCloseTo(2.4, 15);
  expect(q1(e, { q: 0, r: 0.6 })).toBeCloseTo(2.4, 15);
  expect(offerOfQ1(e, 2.4).r).toBeCloseTo(0.6, 15);
  expect(offerOfQ1(e, 1.5)).toEqual({ q: 0.5, r: 0 });
});

test("L_x' is +∞ at q = 0 and −∞ at q = 2q̄ (Inada on each good), a/q − b/(2q̄ − q) inside", () => {
  const e = oneState({ q: 2, r: 3 }, [log(1, 2)]);
  expect(dL(e, 0, 0)).toBe(Infinity);
  expect(dL(e, 0, 4)).toBe(-Infinity);
  // L(q) = ln q + 2 ln(1.5 (4 − q)): L'(q) = 1/q − 2/(4 − q)
  for (const q of [0.5, 4 / 3, 3]) expect(dL(e, 0, q)).toBeCloseTo(1 / q - 2 / (4 - q), 13);
});

test('types that pool keep their index order in (6); margin 0, the offer margin in offer coordinates', () => {
  // log a, b at q̄ = 2: q_1* = 2q̄ a/(a + b) = 4a/(a + b); x0 and x2 identical (q_1* = 2), x1 at 3
  const e = oneState({ q: 2, r: 3 }, [log(1, 1), log(3, 1), log(1, 1)]);
  const s = solveStage1(e);
  expect(s.order).toEqual([0, 2, 1]);
  expect(s.margin).toBe(0);
  const f = oneState({ q: 2, r: 3 }, [log(1, 3), log(3, 1), log(1, 1)]);
  const t = solveStage1(f);
  // q_1* = 1, 3, 2: x0 sells q 1, x1 sells r p_1(3 − 2) = 1.5, x2 offers nothing
  expect(t.order).toEqual([0, 2, 1]);
  expect(t.margin).toBeCloseTo(1, 12);
  expect(t.offerMargin).toBeCloseTo(1, 12); // x0 to x2: |(1, 0) − (0, 0)|
  expect(t.cuts[0]).toBeCloseTo(1.5, 12);
  expect(t.cuts[1]).toBeCloseTo(2.5, 12);
  expect(interval(f, t, 0)).toEqual({ lo: 0, hi: t.cuts[0], hiClosed: false });
  expect(interval(f, t, 2)).toEqual({ lo: t.cuts[0], hi: t.cuts[1], hiClosed: false });
  expect(interval(f, t, 1)).toEqual({ lo: t.cuts[1], hi: 4, hiClosed: true });
  // offer margin differs from the q margin when both sell r: x1 (3) and a type at q_1* = 2.5 sell r 1.5 and 0.75
  const g = solveStage1(oneState({ q: 2, r: 3 }, [log(3, 1), log(5, 3)]));
  expect(g.margin).toBeCloseTo(0.5, 12);
  expect(g.offerMargin).toBeCloseTo(0.75, 12);
});

test("Claim 1's A_x and the inactive loss against L's closed form (log utility, q̄ = 2, p_1 = 1.5)", () => {
  const ab: [number, number][] = [[1, 3], [3, 1], [1, 1]];
  const e = oneState({ q: 2, r: 3 }, ab.map(([a, b]) => log(a, b)));
  const s = solveStage1(e);
  const dLc = (x: number, q: number) => ab[x][0] / q - ab[x][1] / (4 - q);
  const Lc = (x: number, q: number) => ab[x][0] * Math.log(q) + ab[x][1] * Math.log(1.5 * (4 - q));
  const { epsilon, delta, A } = claim1Epsilon(e, s);
  expect(delta).toBeCloseTo(0.5, 12); // q_1* = 1, 3, 2: margin 1
  // x0 first in (6): only the right side; x1 last: only the left; x2 in the middle: both
  expect(A[0]).toBeCloseTo(-dLc(0, 1 + 0.25), 12);
  expect(A[1]).toBeCloseTo(dLc(1, 3 - 0.25), 12);
  expect(A[2]).toBeCloseTo(Math.min(-dLc(2, 2.25), dLc(2, 1.75)), 12);
  expect(epsilon).toBeCloseTo(0.5 * 0.25 * Math.min(...A), 14);
  // ℓ_x(x̄): L at q_x* minus L at I(x̄)'s end nearest q_x*
  expect(inactiveLoss(e, s, 0, 2)).toBeCloseTo(Lc(0, 1) - Lc(0, 1.5), 12);
  expect(inactiveLoss(e, s, 1, 2)).toBeCloseTo(Lc(1, 3) - Lc(1, 2.5), 12);
  expect(inactiveLoss(e, s, 2, 0)).toBeCloseTo(Lc(2, 2) - Lc(2, 1.5), 12);
  expect(inactiveLoss(e, s, 2, 1)).toBeCloseTo(Lc(2, 2) - Lc(2, 2.5), 12);
  expect(L(e, 2, 2)).toBeCloseTo(Lc(2, 2), 13);
});

test("Claim 1 leaves out the side with no interval beyond it, even where q_x* ∓ δ/2 leaves (0, 2q̄)", () => {
  // q_1* = 4a/(a + b) = 0.2 and 3.8: δ = 3.6/2 = 1.8, and 0.2 − 0.9 < 0, 3.8 + 0.9 > 4 = 2q̄
  const ab: [number, number][] = [[1, 19], [19, 1]];
  const e = oneState({ q: 2, r: 3 }, ab.map(([a, b]) => log(a, b)));
  const s = solveStage1(e);
  const dLc = (x: number, q: number) => ab[x][0] / q - ab[x][1] / (4 - q);
  const { delta, A } = claim1Epsilon(e, s);
  expect(delta).toBeCloseTo(1.8, 12);
  expect(A[0]).toBeCloseTo(-dLc(0, 0.2 + 0.9), 11);
  expect(A[1]).toBeCloseTo(dLc(1, 3.8 - 0.9), 11);
  // both below q̄ (q_1* = 0.5, 1): the last type's right side would be the smaller term, yet it stays out
  const cd: [number, number][] = [[1, 7], [1, 3]];
  const f = oneState({ q: 2, r: 3 }, cd.map(([a, b]) => log(a, b)));
  const t = claim1Epsilon(f, solveStage1(f));
  const dLf = (x: number, q: number) => cd[x][0] / q - cd[x][1] / (4 - q);
  expect(-dLf(1, 1.125)).toBeLessThan(dLf(1, 0.875));
  expect(t.A[1]).toBeCloseTo(dLf(1, 0.875), 12);
  expect(t.A[0]).toBeCloseTo(-dLf(0, 0.625), 12);
});

test('the offer margin between two sellers of q is the q margin (both offers on the q̄ − q_1 side)', () => {
  // log a, b at q̄ = 2: q_1* = 4a/(a + b) = 1 and 0.5, both below q̄: offers (1, 0) and (1.5, 0)
  const s = solveStage1(oneState({ q: 2, r: 3 }, [log(1, 3), log(1, 7)]));
  expect(s.margin).toBeCloseTo(0.5, 12);
  expect(s.offerMargin).toBeCloseTo(0.5, 12);
});

test('two pooled types: read as the other costs nothing, since α*(x) itself lies in I(x̄) (its sup of L_x is L_x(q*_x))', () => {
  // identical types: q_1* = 2 for both, the cut between them at 2, I(x1) = [2, 4]
  const e = oneState({ q: 2, r: 3 }, [log(1, 1), log(1, 1)]);
  const s = solveStage1(e);
  expect(s.margin).toBe(0);
  expect(interval(e, s, 1).lo).toBe(s.q1Star[0]);
  expect(inactiveLoss(e, s, 0, 1)).toBe(0);
  expect(inactiveLoss(e, s, 1, 0)).toBe(0);
});
