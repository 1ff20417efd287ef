import { expect, test } from 'vitest';
import { bernoulliMeanSd, mcBound, quantileDraws, rareEventMass } from '../../src/numeric/montecarlo.ts';

// Boundary cases of montecarlo.ts (mutation testing, issue #9).

test('rareEventMass: an event expected exactly minCount times is not rare; rare masses add, each capped at 1', () => {
  // 0.03·1000 = 30 = minCount (exact in doubles): seen often enough
  expect(rareEventMass([0.03], 1000)).toBe(0);
  expect(rareEventMass([0.0625, 0.125], 100, 20)).toBe(0.1875); // 6.25 and 12.5 expected: both rare
  // a weight above 1 (a union bound summed past certainty) counts as 1, not more, and not as the smaller of the two
  expect(rareEventMass([1.5, 0.25], 10, 100)).toBe(1.25);
  expect(rareEventMass([], 10)).toBe(0);
});

test('bernoulliMeanSd is √(q(1 − q)/N) off the symmetric point too', () => {
  // q = 0.2, N = 4: √(0.16/4) = 0.2
  expect(bernoulliMeanSd(0.2, 4)).toBeCloseTo(0.2, 15);
  expect(bernoulliMeanSd(1, 10)).toBe(0);
});

test('mcBound adds the quadrature error, z times the combined sd and the allowance', () => {
  // hypot(0.3, 0.4) = 0.5
  expect(mcBound(1, 0.3, 0.4, 0.25, 2)).toBeCloseTo(1 + 1 + 0.25, 14);
  expect(mcBound(0, 0, 0.4, 0, 3)).toBeCloseTo(1.2, 14);
});

test('quantileDraws: count draws, none for count 0', () => {
  expect(quantileDraws((u) => u, 0, 's').length).toBe(0);
  const X = quantileDraws((u) => -u, 4, 's');
  expect(X.length).toBe(4);
  expect([...X].every((x) => x <= 0 && x > -1)).toBe(true);
  expect(new Set(X).size).toBe(4);
});
