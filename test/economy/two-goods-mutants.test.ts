/**
 * Tests written against the survivors of the first mutation run of src/economy/two-goods.ts
 * (mutation/results/mut-hwdsv.md): logAddExp at infinite arguments, the sum whose leaves coincide
 * (a closed form: same-σ CES leaves add up to one CES leaf), the leaf's demand without a bracket, and
 * utilityRangeError's messages (what a user reads, not only which field).
 */
import { describe, expect, test } from 'vitest';
import { logAddExp, logDemand, utilityRangeError, type TwoGoodUtility } from '../../src/economy/two-goods.ts';

const log = (a: number, b: number): TwoGoodUtility => ({ kind: 'log', a, b });
const ces = (a: number, b: number, sigma: number): TwoGoodUtility => ({ kind: 'ces', a, b, sigma });
const sum = (...terms: TwoGoodUtility[]): TwoGoodUtility => ({ kind: 'sum', terms });

describe('logAddExp at the ends of the extended line', () => {
  test('ln(e^∞ + e^y) = ∞ whichever side the ∞ is on, and ln(0 + 0) = −∞', () => {
    expect(logAddExp(Infinity, 3)).toBe(Infinity);
    expect(logAddExp(3, Infinity)).toBe(Infinity);
    expect(logAddExp(-Infinity, -Infinity)).toBe(-Infinity);
    expect(logAddExp(-Infinity, 2)).toBe(2);
    expect(logAddExp(2, -Infinity)).toBe(2);
  });
});

describe('logDemand: the closed forms a sum reduces to', () => {
  test('a single leaf is a closed form: no bracket is reported', () => {
    expect(logDemand(log(2, 1), 1.5, 3).bracket).toBeUndefined();
    expect(logDemand(ces(2, 1, 0.4), 1.5, 3).bracket).toBeUndefined();
  });

  test('leaves with one ratio a/b: a sum of logs is the log of the summed weights (Cobb–Douglas share 1/3)', () => {
    // ln q + 2 ln r + 3 ln q + 6 ln r = 4 ln q + 8 ln r: p q = W/3 exactly
    const d = logDemand(sum(log(1, 2), log(3, 6)), 2, 6);
    expect(d.bracket).toHaveLength(2);
    expect(d.bracket![0]).toBe(d.x);
    expect(Math.exp(d.lq)).toBeCloseTo(1, 14);
    expect(Math.exp(d.lr)).toBeCloseTo(4, 14);
  });

  test('same-σ CES leaves add up to one CES leaf: its closed-form ratio (a/(b p))^σ to round-off', () => {
    // (a1 q^ρ + b1 r^ρ + a2 q^ρ + b2 r^ρ)/ρ = ((a1+a2) q^ρ + (b1+b2) r^ρ)/ρ; the leaves' ratios differ, so Brent runs
    for (const [p, W] of [
      [0.7, 2],
      [3, 0.5],
    ]) {
      const sigma = 0.6;
      const d = logDemand(sum(ces(1, 4, sigma), ces(3, 0.5, sigma)), p, W);
      const x = sigma * Math.log(4 / 4.5) + (1 - sigma) * Math.log(p); // ln(p q / r) = σ ln(A/B) + (1−σ) ln p
      expect(Math.abs(d.x - x)).toBeLessThan(4e-15);
    }
  });
});

describe('utilityRangeError: the message says what is wrong', () => {
  test.each([
    [5, 'u', 'must be a utility object'],
    ['log', 'u', 'must be a utility object'],
    [{ kind: 'log', a: 1 }, 'u.b', 'is required (a number)'],
    [{ kind: 'log', a: '1', b: 1 }, 'u.a', 'must be a finite number'],
    [{ kind: 'ces', a: 1, b: 1, sigma: NaN }, 'u.sigma', 'must be a finite number'],
    [{ kind: 'log', a: 0, b: 1 }, 'u.a', 'must be > 0 (got 0)'],
    [{ kind: 'ces', a: 1, b: 1, sigma: 1 }, 'u.sigma', 'must not be 1 for CES'],
    [{ kind: 'sum', terms: [] }, 'u.terms', 'must be a non-empty array'],
    [{ kind: 'cobb' }, 'u.kind', '(got "cobb")'],
    [{}, 'u.kind', '(got nothing)'],
  ])('%j: %s %s', (u, field, words) => {
    expect(utilityRangeError(u, 'u')).toBe(`${field}: ${utilityRangeError(u, 'u')!.slice(field.length + 2)}`);
    expect(utilityRangeError(u, 'u')!.startsWith(`${field}: `)).toBe(true);
    expect(utilityRangeError(u, 'u')).toContain(words);
  });
});
