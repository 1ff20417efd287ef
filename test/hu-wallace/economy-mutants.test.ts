/**
 * Tests written against the mutation run of src/models/hu-wallace/economy.ts (mutation/results/mut8-hw.md):
 * a type absent from the configuration (count 0) whose likelihood is 0 in some state leaves Bayes untouched
 * (0·ln 0 must not enter), and the complete-information economy is one state of prior 1 whose posterior is
 * that state for any counts.
 */
import { expect, test } from 'vitest';
import { completeInformation, posterior, type HwEconomy } from '../../src/models/hu-wallace/economy.ts';

test('a count of 0 drops its type from Bayes, even where its likelihood is 0 (products: 0^0 = 1)', () => {
  const e: HwEconomy = {
    endowment: { q: 1, r: 1 },
    epsilon: { q: 0.01, r: 0.01 },
    states: [{ name: 'z1', prior: 0.25 }, { name: 'z2', prior: 0.75 }],
    types: [
      { name: 'x1', likelihood: [0.5, 1], utility: [{ kind: 'log', a: 1, b: 1 }, { kind: 'log', a: 1, b: 1 }] },
      { name: 'x2', likelihood: [0.5, 0], utility: [{ kind: 'log', a: 1, b: 1 }, { kind: 'log', a: 1, b: 1 }] },
    ],
  };
  // counts (3, 0): φ ∝ (0.25·0.5³, 0.75·1) = (1/32, 3/4)
  const p = posterior(e, [3, 0]);
  expect(p.phi[0]).toBeCloseTo(1 / 32 / (1 / 32 + 3 / 4), 15);
  expect(p.phi[1]).toBeCloseTo(3 / 4 / (1 / 32 + 3 / 4), 15);
});

test('complete information: one state "z" of prior 1, likelihood 1 for each type, its utility the one given', () => {
  const u = { kind: 'ces' as const, a: 1, b: 2, sigma: 0.5 };
  const e = completeInformation({ q: 2, r: 3 }, { q: 0.1, r: 0.2 }, [{ name: 'a', utility: u }, { name: 'b', utility: { kind: 'log', a: 1, b: 1 } }]);
  expect(e.states).toEqual([{ name: 'z', prior: 1 }]);
  expect(e.types[0]).toEqual({ name: 'a', likelihood: [1], utility: [u] });
  expect(e.types[1].name).toBe('b');
  expect(e.endowment).toEqual({ q: 2, r: 3 });
  expect(e.epsilon).toEqual({ q: 0.1, r: 0.2 });
  expect(posterior(e, [4, 7])).toEqual({ phi: [1], logPhi: [0] });
});
