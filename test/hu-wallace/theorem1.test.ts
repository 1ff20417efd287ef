/**
 * Hu & Wallace (2012), proof of Theorem 1 (theorem1.ts): compositions, N from M, the nondefector's consumption
 * against the stage-2 solver's own, the defector's (10) as a best response, and the exact expectation (23)
 * against Monte Carlo on a small economy.
 */
import { expect, test } from 'vitest';
import { utilityValue } from '../../src/economy/two-goods.ts';
import { expectedUtility, posterior, type HwEconomy } from '../../src/models/hu-wallace/economy.ts';
import { payoff, stage2Equilibrium } from '../../src/models/hu-wallace/stage2.ts';
import { solveStage1 } from '../../src/models/hu-wallace/stage1.ts';
import {
  activeFor, compositionCount, compositions, drawOthers, EquilibriumCache, expectedStage2Exact, expectedStage2MonteCarlo, populationFor, stage2Consumption,
} from '../../src/models/hu-wallace/theorem1.ts';
import { makeRng } from '../../src/numeric/rng.ts';

const e: HwEconomy = {
  endowment: { q: 1, r: 1 },
  epsilon: { q: 0.01, r: 0.01 },
  states: [{ name: 'z1', prior: 0.4 }, { name: 'z2', prior: 0.6 }],
  types: [
    { name: 'x1', likelihood: [0.3, 0.7], utility: [{ kind: 'log', a: 3, b: 1 }, { kind: 'log', a: 2, b: 1 }] },
    { name: 'x2', likelihood: [0.7, 0.3], utility: [{ kind: 'ces', a: 1, b: 1.5, sigma: 0.5 }, { kind: 'log', a: 0.5, b: 1 }] },
  ],
};

test('compositions of n into k parts: C(n+k−1, k−1) of them, distinct, each summing to n', () => {
  for (const [n, k] of [[0, 2], [5, 2], [4, 3], [6, 4]]) {
    const all = [...compositions(n, k)];
    expect(all.length).toBe(compositionCount(n, k));
    expect(new Set(all.map((c) => c.join(','))).size).toBe(all.length);
    for (const c of all) expect(c.reduce((a, b) => a + b, 0)).toBe(n);
  }
});

test('N from M: ⌈(1 − η)N⌉ = M, the smallest such N', () => {
  expect(populationFor(17, 0.1)).toBe(18);
  expect(populationFor(3, 0.5)).toBe(5);
  expect(populationFor(5, 0.2)).toBe(6);
  for (const eta of [0.05, 0.1, 0.2, 0.25]) for (let M = 2; M < 60; M++) {
    const N = populationFor(M, eta);
    expect(activeFor(N, eta)).toBe(M);
    expect(activeFor(N - 1, eta)).toBeLessThan(M);
  }
});

test('a nondefector consumes what the stage-2 solver gives its type at the true configuration', () => {
  const cache = new EquilibriumCache(e);
  const xi = [3, 5];
  const c = stage2Consumption(cache, 0, 0, xi);
  const eq = stage2Equilibrium(e, [4, 5]);
  expect(c.q).toBeCloseTo(eq.consumption[0].q, 13);
  expect(c.r).toBeCloseTo(eq.consumption[0].r, 13);
});

test('the defector\'s offer (10) is a best response to the others\' totals under its own posterior', () => {
  const cache = new EquilibriumCache(e);
  const xi = [3, 5];
  const c = stage2Consumption(cache, 0, 1, xi); // type x1 read as x2
  const u = expectedUtility(e.types[0], posterior(e, [4, 5]).phi);
  const beta = cache.get([3, 6]);
  const Qm = 9 * e.epsilon.q + 3 * beta.offers[0].q + 5 * beta.offers[1].q;
  const Rm = 9 * e.epsilon.r + 3 * beta.offers[0].r + 5 * beta.offers[1].r;
  const at = utilityValue(u, c.q, c.r);
  for (let i = 0; i <= 50; i++) {
    for (const b of [{ q: i / 50, r: 0 }, { q: 0, r: i / 50 }]) {
      const d = payoff(e.endowment, b, Qm, Rm);
      if (d.q > 0 && d.r > 0) expect(utilityValue(u, d.q, d.r)).toBeLessThanOrEqual(at + 1e-12);
    }
  }
});

test('F_x (23): exact enumeration and Monte Carlo with common random numbers agree within 4 standard errors', () => {
  const s = solveStage1(e);
  const cache = new EquilibriumCache(e);
  const M = 8;
  const exact = expectedStage2Exact(cache, s, 1, [0, 1], M);
  expect(exact.skippedMass).toBeLessThan(1e-12);
  const mc = expectedStage2MonteCarlo(cache, s, 1, [0, 1], drawOthers(e, M, 400, makeRng('theorem1-test')));
  const gainExact = exact.F[0] - exact.F[1];
  const gainMc = mc.F[0] - mc.F[1];
  expect(mc.se[0]).toBeGreaterThan(0);
  expect(Math.abs(gainMc - gainExact)).toBeLessThan(4 * mc.se[0]);
  expect(Math.abs(mc.F[1] - exact.F[1])).toBeLessThan(0.05 * Math.abs(exact.F[1]) + 0.05);
});
