/**
 * The HW posterior (Section 3.1) against Bayes by plain products on small counts, the KL identity
 * log φ(z')/φ(z) = log κ(z')/κ(z) − M·KL(μ_z‖μ_z') at σ = M μ_z, and no underflow at large M; the
 * expected utility as a sum against the weighted values.
 */
import { describe, expect, test } from 'vitest';
import { utilityValue } from '../../src/economy/two-goods.ts';
import { expectedUtility, klLikelihood, minKl, posterior, roundedCounts, type HwEconomy } from '../../src/models/hu-wallace/economy.ts';

const econ: HwEconomy = {
  endowment: { q: 1, r: 1 },
  epsilon: { q: 0.01, r: 0.01 },
  states: [
    { name: 'z1', prior: 0.3 },
    { name: 'z2', prior: 0.7 },
  ],
  types: [
    { name: 'x1', likelihood: [0.5, 0.25], utility: [{ kind: 'log', a: 2, b: 1 }, { kind: 'ces', a: 1, b: 1, sigma: 0.5 }] },
    { name: 'x2', likelihood: [0.3, 0.25], utility: [{ kind: 'log', a: 1, b: 1 }, { kind: 'log', a: 1, b: 3 }] },
    { name: 'x3', likelihood: [0.2, 0.5], utility: [{ kind: 'ces', a: 2, b: 1, sigma: 3 }, { kind: 'log', a: 0.5, b: 1 }] },
  ],
};

const completeOf = (e: HwEconomy): HwEconomy => ({ ...e, states: [{ name: 'z', prior: 1 }], types: e.types.map((t) => ({ ...t, likelihood: [t.likelihood[0]], utility: [t.utility[0]] })) });

describe('posterior', () => {
  test('small counts: Bayes by products of probabilities', () => {
    for (const counts of [
      [1, 1, 1],
      [3, 0, 2],
      [5, 2, 7],
    ]) {
      const joint = econ.states.map((s, z) => s.prior * econ.types.reduce((p, t, x) => p * t.likelihood[z] ** counts[x], 1));
      const total = joint[0] + joint[1];
      const p = posterior(econ, counts);
      expect(p.phi[0]).toBeCloseTo(joint[0] / total, 14);
      expect(p.phi[1]).toBeCloseTo(joint[1] / total, 14);
      expect(Math.exp(p.logPhi[0])).toBeCloseTo(p.phi[0], 14);
    }
  });

  test('σ = M μ_z: log φ(z′)/φ(z) = log κ(z′)/κ(z) − M·KL(μ_z‖μ_z′), exactly where 1 − φ underflows', () => {
    for (const M of [20, 400, 4000, 4e8]) {
      const counts = econ.types.map((t) => M * t.likelihood[0]);
      const p = posterior(econ, counts);
      const expected = Math.log(0.7 / 0.3) - M * klLikelihood(econ, 0, 1);
      expect(p.logPhi[1] - p.logPhi[0]).toBeCloseTo(expected, 6 - Math.log10(M) / 2);
      expect(Number.isFinite(p.logPhi[1])).toBe(true);
    }
    // at M = 4000 the wrong state's φ is e^{−~500}: 1 − φ(z1) is 0 in doubles, log φ(z2) is not
    const p = posterior(econ, roundedCounts(econ, 0, 4000));
    expect(p.phi[0]).toBe(1);
    expect(p.logPhi[1]).toBeLessThan(-300);
  });

  test('roundedCounts is round(M μ_z(x)), at least 1; minKl the smallest KL to another state', () => {
    expect(roundedCounts(econ, 0, 7)).toEqual([4, 2, 1]); // 3.5, 2.1, 1.4
    expect(roundedCounts(econ, 1, 1)).toEqual([1, 1, 1]); // 0.25, 0.25, 0.5: each at least 1
    const three: HwEconomy = { ...econ, states: [...econ.states, { name: 'z3', prior: 0 }], types: econ.types.map((t, x) => ({ ...t, likelihood: [...t.likelihood, [0.45, 0.3, 0.25][x]], utility: [...t.utility, t.utility[0]] })) };
    expect(minKl(three, 0)).toBe(Math.min(klLikelihood(three, 0, 1), klLikelihood(three, 0, 2)));
    expect(klLikelihood(three, 0, 2)).toBeLessThan(klLikelihood(three, 0, 1));
    expect(minKl(completeOf(econ), 0)).toBe(Infinity);
  });

  test('KL is ≥ 0 and 0 only against itself', () => {
    expect(klLikelihood(econ, 0, 0)).toBe(0);
    expect(klLikelihood(econ, 0, 1)).toBeGreaterThan(0);
    expect(klLikelihood(econ, 1, 0)).toBeGreaterThan(0);
  });
});

describe('expectedUtility', () => {
  test('Σ_z φ(z) u(·; x, z) as a sum utility', () => {
    const phi = [0.25, 0.75];
    for (const t of econ.types) {
      const u = expectedUtility(t, phi);
      for (const [q, r] of [
        [0.5, 2],
        [1.7, 0.3],
      ]) {
        expect(utilityValue(u, q, r)).toBeCloseTo(0.25 * utilityValue(t.utility[0], q, r) + 0.75 * utilityValue(t.utility[1], q, r), 12);
      }
    }
  });

  test('a state whose φ underflowed to 0 is dropped; φ = 1 gives the state utility itself', () => {
    expect(expectedUtility(econ.types[0], [1, 0])).toBe(econ.types[0].utility[0]);
  });
});
