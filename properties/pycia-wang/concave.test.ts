/**
 * PW.T1.concave's gradient check on the cases that broke it (issue #8 item 7, issue #9).
 * The inputs are stored by value: generators may change, these cases must not.
 */
import { describe, expect, test } from 'vitest';
import { concave } from './cutoff.ts';

/**
 * `check PW.T1.concave --runs 300 --seed 215`: v_j* (r_j = 0.005) sits 7.6e-5 in r below the
 * kink of v*(r) at r = F(1/6)² = 0.0050755781192754 (f jumps from 0.4638 to 0.4066 at the
 * piecewise-uniform part's join 1/6). A Richardson central difference with step 1e-3 straddled
 * it: −0.829144505 with an error estimate 6e-6, against the truth −0.829250592634.
 */
const seed215 = {
  market: {
    n: 3,
    shares: [0.99, 0.005, 0.005],
    dist: {
      kind: 'mixture' as const,
      parts: [
        { weight: 3, dist: { kind: 'truncated-normal' as const, mean: 0.65, sd: 0.2, lo: 0, hi: 1 } },
        {
          weight: 3,
          dist: {
            kind: 'piecewise-uniform' as const,
            pieces: [
              { lo: 0, hi: 0.166666666667, weight: 7 },
              { lo: 0.166666666667, hi: 0.333333333333, weight: 6 },
              { lo: 0.333333333333, hi: 0.5, weight: 8 },
              { lo: 0.5, hi: 0.666666666667, weight: 5 },
              { lo: 0.666666666667, hi: 0.833333333333, weight: 13 },
              { lo: 0.833333333333, hi: 1, weight: 6 },
            ],
          },
        },
        { weight: 1, dist: { kind: 'density' as const, expr: 'x^2 + 0.01', lo: 0, hi: 1 } },
      ],
    },
  },
  other: [1 / 3, 1 / 3, 1 / 3],
  lambda: 0,
};

/** v_j* − v_i* for seed215 by mpmath at 30 digits (quantile by safeguarded Newton, scripts/reference/pw_reference.py's distributions). */
const TRUE_GRADIENT = -0.82925059263402956889;
/** The second-largest share where v*(r) has its kink: F(0.166666666667)² by mpmath. */
const KINK_SHARE = 0.0050755781192754398589;

describe('PW.T1.concave gradient', () => {
  for (const precision of ['standard', 'high'] as const) {
    test(`seed 215's case holds, its difference and bound cover the true derivative (${precision})`, () => {
      const r = concave.property(concave.decode!(JSON.parse(JSON.stringify(seed215))), { precision, tolerance: concave.tolerance });
      const x = r.numbers as Record<string, number | boolean | string>;
      expect(r.holds, JSON.stringify(x)).toBe(true);
      expect(x.gradJudged).toBe(true);
      // The bound must be honest: the 30-digit truth lies within the difference's own error bound.
      expect(Math.abs((x.gradFD as number) - TRUE_GRADIENT)).toBeLessThanOrEqual(x.fdErr as number);
      // and the stencil stays on one side of the kink (in t, r_j − t reaches the kink at t = −7.6e-5).
      expect(x.gradStep as number).toBeLessThanOrEqual(KINK_SHARE - 0.005);
    });
  }

  test('v_j* exactly at a kink of F: a one-sided stencil, and its bound covers the truth', () => {
    // f = 1/2 on [0, 1/2], 3/2 on [1/2, 1]; n = 2, r = (3/4, 1/4): v_j* = F^{-1}(1/4) = 1/2 is the
    // join itself and v_i* = F^{-1}(3/4) = 5/6, so the gradient is exactly 1/2 − 5/6 = −1/3.
    const atKink = {
      market: { n: 2, shares: [0.75, 0.25], dist: { kind: 'piecewise-uniform' as const, pieces: [{ lo: 0, hi: 0.5, weight: 1 }, { lo: 0.5, hi: 1, weight: 3 }] } },
      other: [0.5, 0.5],
      lambda: 0.5,
    };
    const r = concave.property(atKink, { precision: 'standard', tolerance: concave.tolerance });
    const x = r.numbers as Record<string, number | boolean | string>;
    expect(r.holds, JSON.stringify(x)).toBe(true);
    expect(x.gradJudged).toBe(true);
    expect(x.gradStencil).not.toBe('central');
    expect(Math.abs((x.gradFD as number) + 1 / 3)).toBeLessThanOrEqual(x.fdErr as number);
  });

  test('no gradient computed means gradJudged: false, with the reason (issue #9)', () => {
    // The second-largest share is 0: no two-sided difference inside the simplex's interior.
    const vertex = { ...seed215, market: { ...seed215.market, shares: [1, 0, 0] } };
    const r = concave.property(vertex, { precision: 'standard', tolerance: concave.tolerance });
    expect(r.numbers.gradJudged).toBe(false);
    expect(String(r.numbers.gradNote)).toMatch(/share/);
    expect(r.holds).toBe(true);
  });
});
