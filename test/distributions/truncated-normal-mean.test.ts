/**
 * The truncated normal's mean far in a tail (issue #8): lo + σ·(ratio − α) cancels to ~1/α, so at
 * α = 2e9 (a frame where the mass piles against an end) it was off by half the interval. References:
 * mpmath at 40 digits, ∫t·e^{−(αt + t²/2)}dt / ∫e^{−(αt + t²/2)}dt in sd units from the near end.
 */
import { describe, expect, test } from 'vitest';
import { makeDist } from '../../src/distributions/index.ts';

const cases: [number, number, number, number, number][] = [
  [0, 1, 40, 41, 40.02496884720726372],
  [0, 1, 1000, 1001, 1000.00099999800000999],
  [0, 1, 5, 6, 5.18314709047717351851],
  [0, 1, 2, 2.0001, 2.00004999833329177384],
  [6e15, 2.8e6, -1, 0, -0.00130666666666666666610],
  [-6e15, 2.8e6, 0, 1, 0.00130666666666666666610],
];

describe('truncated normal: mean in the tails', () => {
  for (const [mean, sd, lo, hi, want] of cases) {
    test(`N(${mean}, ${sd}) on [${lo}, ${hi}]`, () => {
      const got = makeDist({ kind: 'truncated-normal', mean, sd, lo, hi }).mean();
      // A few ulps of the larger of |mean| and the interval's offset scale.
      expect(Math.abs(got - want)).toBeLessThanOrEqual(8 * Number.EPSILON * Math.max(Math.abs(want), 1e-3));
    });
  }
});
