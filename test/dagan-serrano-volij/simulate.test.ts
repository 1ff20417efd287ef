/**
 * The Section 5 simulation on small hand-made economies whose targets are a Walrasian allocation by
 * construction (each type's target on its budget line at p, the counts clearing every market):
 * deterministic in the seed, every agent leaves at his target, incomes constant, and the Wicksell
 * triangle (nobody holds good 1) stalls for good.
 */
import { expect, test } from 'vitest';
import { makeRng } from '../../src/numeric/rng.ts';
import { responderAccepts, simulate, stalled, type SimSpec } from '../../src/models/dagan-serrano-volij/simulate.ts';

const small: SimSpec = {
  prices: [1, 1, 2, 0.5],
  indivisible: [false, true, false, false],
  types: [
    { count: 5, endowment: [2, 3, 0, 0], target: [1.5, 1, 1, 1] },
    { count: 5, endowment: [2, 0, 3, 0], target: [4.5, 1, 1, 1] },
    { count: 5, endowment: [2, 0, 0, 3], target: [0, 1, 1, 1] },
    { count: 5, endowment: [5, 1, 1, 1], target: [5, 1, 1, 1] },
  ],
  sizes: [0.2, 0.7, 0.1],
  tau: 0.01,
  maxRounds: 2000,
};

test('the hand-made economy is Walrasian at p by construction: budgets hold and markets clear', () => {
  for (const t of small.types) expect(t.endowment.reduce((s, e, k) => s + small.prices[k] * (t.target[k] - e), 0)).toBe(0);
  for (let k = 0; k < 4; k++) expect(small.types.reduce((s, t) => s + t.count * (t.target[k] - t.endowment[k]), 0)).toBe(0);
});

test('same seed, same path; every agent leaves at his target; incomes constant', () => {
  const a = simulate(small, makeRng('s1'));
  const b = simulate(small, makeRng('s1'));
  expect(a.share).toEqual(b.share);
  expect(a.rounds).toBe(b.rounds);
  expect(a.empty).toBe(true);
  expect(a.share[a.share.length - 1]).toBe(0);
  expect(a.share[0]).toBe(0.75); // three types of four start away from their targets (β = 4, 4, 4)
  for (let ag = 0; ag < 20; ag++) {
    const f = small.types[a.typeOf[ag]].target;
    for (let k = 1; k < 4; k++) expect(a.holdings[ag * 4 + k]).toBe(f[k]);
    expect(a.holdings[ag * 4]).toBeCloseTo(f[0], 9);
  }
  expect(a.incomeDrift).toBeLessThan(1e-9);
  const c = simulate(small, makeRng('s2'));
  expect(c.share).not.toEqual(a.share);
});

test('the Wicksell triangle stalls: every pairwise g-trade is zero and nobody can ever finish', () => {
  const wicksell: SimSpec = {
    ...small,
    prices: [1, 1, 1, 1],
    indivisible: [false, true, true, true],
    types: [
      { count: 1, endowment: [0, 1, 0, 0], target: [0, 0, 1, 0] },
      { count: 1, endowment: [0, 0, 1, 0], target: [0, 0, 0, 1] },
      { count: 1, endowment: [0, 0, 0, 1], target: [0, 1, 0, 0] },
    ],
    maxRounds: 50,
  };
  const r = simulate(wicksell, makeRng('w'));
  expect(r.empty).toBe(false);
  expect(r.trades).toBe(0);
  expect(stalled(wicksell, r)).toBe(true);
  // with one unit of good 1 each, the same triangle clears
  const liquid = { ...wicksell, types: wicksell.types.map((t) => ({ ...t, endowment: [1, ...t.endowment.slice(1)], target: [1, ...t.target.slice(1)] })), maxRounds: 2000 };
  const q = simulate(liquid, makeRng('w'));
  expect(q.empty).toBe(true);
  expect(stalled(liquid, q)).toBe(false);
});

test('the acceptance rule (4): income must not fall; at the target it must rise', () => {
  expect(responderAccepts([1, 2], [1, 1], [0, 2], [-2, 1])).toBe(true); // income unchanged
  expect(responderAccepts([1, 2], [1, 1], [0, 2], [-2.5, 1])).toBe(false); // income falls
  expect(responderAccepts([1, 2], [0, 2], [0, 2], [-2, 1])).toBe(false); // at target, unchanged
  expect(responderAccepts([1, 2], [0, 2], [0, 2], [-1.5, 1])).toBe(true); // at target, rises
});

test('a lone agent at his target leaves: a coalition cut short by the end of the round keeps him matched', () => {
  // with one agent left every drawn coalition is cut to one seat; were that "unmatched", he could never leave
  const lone: SimSpec = { ...small, types: [{ count: 1, endowment: [1, 2, 0, 0], target: [1, 2, 0, 0] }], maxRounds: 200 };
  const r = simulate(lone, makeRng('lone'));
  expect(r.empty).toBe(true);
  expect(r.rounds).toBeLessThan(50);
});
