/**
 * Tests written against mutants of src/models/hu-wallace/eval-continuum.ts applied by hand (mutation/results/mut8-hw.md):
 * the printed example's consumption against the log closed form q = a(p q̄ + r̄)/((a + b)p) and its feasibility gap
 * (ε_q − ε_r/p, ε_r − p ε_q), and a with-states request equal to the complete-information request of its true state.
 */
import { expect, test } from 'vitest';
import { hwCompetitiveEquilibrium as q } from '../../src/models/hu-wallace/eval-continuum.ts';

const LOG = (a: number, b: number) => ({ kind: 'log', a, b });

test('the printed example: consumption by the log closed form, the gap (ε_q − ε_r/p, ε_r − p ε_q)', () => {
  const out = q.evaluate({
    endowment: { q: 1, r: 1 },
    epsilon: { q: 0.01, r: 0.01 },
    types: [{ name: 'x1', share: 0.6, utility: LOG(2, 1) }, { name: 'x2', share: 0.4, utility: LOG(0.5, 1) }],
  }) as any;
  const p = 163 / 143;
  expect(out.consumption.x1.q).toBeCloseTo(((2 / 3) * (p + 1)) / p, 13);
  expect(out.consumption.x1.r).toBeCloseTo((1 / 3) * (p + 1), 13);
  expect(out.consumption.x2.q).toBeCloseTo(((0.5 / 1.5) * (p + 1)) / p, 13);
  expect(out.feasibilityGap.q).toBeCloseTo(0.01 - 0.01 / p, 14);
  expect(out.feasibilityGap.r).toBeCloseTo(0.01 - 0.01 * p, 14);
  expect(out.totals.R).toBeCloseTo(0.01 + 0.6 * (1 - out.consumption.x1.r), 14);
});

test('with states, the answer is the complete-information one of the true state (its μ_z as shares, its utilities)', () => {
  const ces = { kind: 'ces', a: 1, b: 1, sigma: 0.5 };
  const sum = { kind: 'sum', terms: [LOG(1, 1), { kind: 'ces', a: 2, b: 1, sigma: 3 }] };
  const withStates = q.evaluate({
    endowment: { q: 1, r: 1 },
    epsilon: { q: 0.01, r: 0.01 },
    states: [{ name: 'z1', prior: 0.5 }, { name: 'z2', prior: 0.5 }],
    state: 'z2',
    types: [
      { name: 'x1', likelihood: { z1: 0.6, z2: 0.25 }, utility: { z1: LOG(2, 1), z2: ces } },
      { name: 'x2', likelihood: { z1: 0.4, z2: 0.75 }, utility: { z1: LOG(0.5, 1), z2: sum } },
    ],
  }) as any;
  const complete = q.evaluate({
    endowment: { q: 1, r: 1 },
    epsilon: { q: 0.01, r: 0.01 },
    types: [{ name: 'x1', share: 0.25, utility: ces }, { name: 'x2', share: 0.75, utility: sum }],
  }) as any;
  expect(withStates).toEqual(complete);
});
