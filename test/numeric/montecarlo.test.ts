import { expect, test } from 'vitest';
import { bernoulliMeanSd, mcBound, quantileDraws, rareEventMass } from '../../src/numeric/montecarlo.ts';
import { makeRng } from '../../src/numeric/rng.ts';

test('quantileDraws is the seeded stream pushed through the quantile function, in order', () => {
  const X = quantileDraws((u) => 2 * u, 5, 'seed-a');
  const rand = makeRng('seed-a');
  expect([...X]).toEqual(Array.from({ length: 5 }, () => 2 * rand()));
  expect([...quantileDraws((u) => u, 3, 'seed-a')]).not.toEqual([...quantileDraws((u) => u, 3, 'seed-b')]);
});

test('Bernoulli sd, rare-event mass and the combined bound', () => {
  expect(bernoulliMeanSd(0.5, 100)).toBeCloseTo(0.05, 15);
  expect(bernoulliMeanSd(0, 100)).toBe(0);
  // 1000 draws: q = 0.01 expected 10 times (rare), 0.5 (not), 3 capped at 1 … but 3000 expected, not rare
  expect(rareEventMass([0.01, 0.5, 3], 1000)).toBeCloseTo(0.01, 15);
  expect(rareEventMass([0.01, 0.02], 1000, 15)).toBeCloseTo(0.01, 15);
  expect(rareEventMass([5], 1, 30)).toBe(1);
  expect(mcBound(1e-10, 3, 4, 0.5, 2)).toBeCloseTo(1e-10 + 10 + 0.5, 12);
});
