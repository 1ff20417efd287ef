/**
 * Tests written against the mutation run of src/models/hu-wallace/signals.ts (mutation/results/mut8-hw.md):
 * where A1's margin is attained (the first of tied bipartitions), signals of zero probability with zero
 * count (0·ln 0 must not enter (29)), KL's dropped zero terms, the observer's posterior at counts where the
 * plain product underflows, and the expected split (30) by hand when the posterior is a point mass.
 */
import { expect, test } from 'vitest';
import { a1Margin, expectedSplit, kl, othersCounts, signalConfigurationPosterior, signalPosterior } from '../../src/models/hu-wallace/signals.ts';

test("A1's margin reports where it is attained: the first bipartition of a tie, and the pair of states", () => {
  // bipartitions in order {0}|{1,2}, {0,1}|{2}, {0,2}|{1}: differences 1/4, 1/8, 1/8 (exact in binary) — the first of the tie
  const m = a1Margin([[0.25, 0.25, 0.5], [0.5, 0.125, 0.375]]);
  expect(m.margin).toBe(0.125);
  expect(m.partition).toEqual([0, 0, 1]);
  expect(m.states).toEqual([0, 1]);
  // three states: the closest pair on Y_1 = {0} (two types) is (1, 2) with |0.5 − 0.45| = 0.05
  const t = a1Margin([[0.2, 0.8], [0.5, 0.5], [0.45, 0.55]]);
  expect(t.margin).toBeCloseTo(0.05, 15);
  expect(t.states).toEqual([1, 2]);
  expect(t.partition).toEqual([0, 1]);
});

test('(29) and the observer posterior with a signal of zero probability in one state and no one sending it', () => {
  // state 0: Y_2 = {2} has μ = 0; λ = (3, 0). Bayes by products: κ_z μ_z(Y_1)^3 (× μ_z(x̄) for (29), x̄ = 0)
  const kappa = [0.4, 0.6];
  const mu = [[0.5, 0.5, 0], [0.2, 0.3, 0.5]];
  const part = [0, 0, 1];
  const w = [0.4 * 1 ** 3, 0.6 * 0.5 ** 3];
  const obs = signalConfigurationPosterior(kappa, mu, part, [3, 0]).posterior;
  expect(obs[0]).toBeCloseTo(w[0] / (w[0] + w[1]), 14);
  expect(obs[1]).toBeCloseTo(w[1] / (w[0] + w[1]), 14);
  const v = [0.4 * 0.5 * 1 ** 3, 0.6 * 0.2 * 0.5 ** 3];
  const own = signalPosterior(kappa, mu, part, 0, [3, 0]).posterior;
  expect(own[0]).toBeCloseTo(v[0] / (v[0] + v[1]), 14);
  expect(own[1]).toBeCloseTo(v[1] / (v[0] + v[1]), 14);
});

test('the observer posterior at counts whose plain product underflows: log odds = ln κ ratio + Σ λ_k ln μ ratio', () => {
  const kappa = [0.5, 0.5];
  const mu = [[0.2, 0.3, 0.5], [0.3, 0.3, 0.4]];
  const part = [0, 0, 1];
  const lambda = [50000, 50000];
  const lp = signalConfigurationPosterior(kappa, mu, part, lambda).logPosterior;
  // μ_0(Y) = (0.5, 0.5), μ_1(Y) = (0.6, 0.4): log odds of state 1 over 0 = 5e4 (ln 1.2 + ln 0.8) ≈ −2040
  const odds = 50000 * (Math.log(0.6 / 0.5) + Math.log(0.4 / 0.5));
  expect(lp[1] - lp[0]).toBeCloseTo(odds, 8);
  expect(lp[0]).toBe(0);
  expect(Number.isFinite(lp[1])).toBe(true);
  // the same from the other side: the likelier state listed second
  const lq = signalConfigurationPosterior([0.5, 0.5], [mu[1], mu[0]], part, lambda).logPosterior;
  expect(lq[1]).toBe(0);
  expect(lq[0] - lq[1]).toBeCloseTo(odds, 8);
});

test('KL drops the terms with P = 0, and is Σ P ln(P/Q) by hand otherwise', () => {
  expect(kl([0.5, 0.5, 0], [0.25, 0.25, 0.5])).toBeCloseTo(Math.log(2), 15);
  expect(kl([0, 1], [0.5, 0.5])).toBeCloseTo(Math.log(2), 15);
  expect(kl([0.25, 0.75], [0.5, 0.5])).toBeCloseTo(0.25 * Math.log(0.5) + 0.75 * Math.log(1.5), 15);
});

test('the expected split (30) at a point-mass posterior is λ_k μ_z(y)/μ_z(Y_k), type by type', () => {
  const mu = [[0.2, 0.3, 0.5], [0.4, 0.4, 0.2]];
  const part = [0, 1, 1];
  expect(expectedSplit(mu, part, [4, 9], [1, 0]).map((v) => +v.toFixed(12))).toEqual([4, 3.375, 5.625]);
  expect(expectedSplit(mu, part, [4, 9], [0, 1]).map((v) => +v.toFixed(12))).toEqual([4, 6, 3]);
  // a mixture is the mixture of the two
  const mix = expectedSplit(mu, part, [4, 9], [0.25, 0.75]);
  expect(mix[1]).toBeCloseTo(0.25 * 3.375 + 0.75 * 6, 12);
  expect(mix[2]).toBeCloseTo(0.25 * 5.625 + 0.75 * 3, 12);
});

test("λ_−: the configuration with the agent's own signal removed once", () => {
  expect(othersCounts([7, 12], 1)).toEqual([7, 11]);
  expect(othersCounts([1, 0, 4], 0)).toEqual([0, 0, 4]);
});
