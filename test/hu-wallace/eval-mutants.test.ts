/**
 * Tests written against the mutation runs of src/models/hu-wallace/eval.ts (mutation/results/mut8-hw.md): the
 * ranges' ends are accepted (PARAM_RANGE, SIGMA_RANGE, COUNT_MAX, for each count and for M), and probabilities
 * typed within PROB_SUM_TOL of 1 are normalised onto the simplex (shares, and likelihoods per state).
 */
import { expect, test } from 'vitest';
import { parseHwRequest } from '../../src/models/hu-wallace/eval.ts';

function req(types: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { endowment: { q: 1, r: 1 }, epsilon: { q: 0.01, r: 0.01 }, types, ...extra };
}

test("the ranges' ends are accepted: a, b = 1e-6 and 1e6, σ = 0.01 and 100, a count of 1e15 (and M = 1e15)", () => {
  const p = parseHwRequest(req([
    { name: 'x1', count: 1e15 - 2, utility: { kind: 'log', a: 1e-6, b: 1e6 } },
    { name: 'x2', count: 1, utility: { kind: 'ces', a: 1e6, b: 1e-6, sigma: 0.01 } },
    { name: 'x3', count: 1, utility: { kind: 'ces', a: 1, b: 1, sigma: 100 } },
  ]), 'count');
  expect(p.weights).toEqual([1e15 - 2, 1, 1]);
  expect(p.economy.types[1].utility[0]).toEqual({ kind: 'ces', a: 1e6, b: 1e-6, sigma: 0.01 });
  expect(parseHwRequest(req([{ name: 'x1', count: 1e15, utility: { kind: 'log', a: 1, b: 1 } }]), 'count').weights).toEqual([1e15]);
  expect(() => parseHwRequest(req([{ name: 'x1', count: 1e15, utility: { kind: 'log', a: 1, b: 1 } }, { name: 'x2', count: 1, utility: { kind: 'log', a: 1, b: 1 } }]), 'count')).toThrow(/^types: counts must sum to at most/);
});

test('shares and likelihoods typed within 1e-9 of 1 are normalised to sum to 1', () => {
  const d = 5e-10;
  const s = parseHwRequest(req([
    { name: 'x1', share: 0.6, utility: { kind: 'log', a: 2, b: 1 } },
    { name: 'x2', share: 0.4 + d, utility: { kind: 'log', a: 1, b: 1 } },
  ]), 'share');
  expect(s.weights[0]).toBeCloseTo(0.6 / (1 + d), 15);
  expect(s.weights[0]).not.toBe(0.6);
  expect(Math.abs(s.weights[0] + s.weights[1] - 1)).toBeLessThan(2e-16);
  const st = parseHwRequest(req([
    { name: 'x1', likelihood: { z1: 0.6, z2: 0.3 }, utility: { z1: { kind: 'log', a: 2, b: 1 }, z2: { kind: 'log', a: 1, b: 1 } } },
    { name: 'x2', likelihood: { z1: 0.4 + d, z2: 0.7 }, utility: { z1: { kind: 'log', a: 1, b: 1 }, z2: { kind: 'log', a: 1, b: 2 } } },
  ], { states: [{ name: 'z1', prior: 0.5 }, { name: 'z2', prior: 0.5 }], state: 'z1' }), 'share');
  expect(st.economy.types[0].likelihood[0]).toBeCloseTo(0.6 / (1 + d), 15);
  expect(st.economy.types[0].likelihood[0]).not.toBe(0.6);
  expect(st.weights[1]).toBe(st.economy.types[1].likelihood[0]);
  expect(st.state).toBe(0);
  expect(st.withStates).toBe(true);
});
