import { describe, expect, it } from 'vitest';
import { fitLine, fitPowerLaw, makeRng, normalSampler, ratioTest, successiveRatios, tQuantile, trend } from '../src/numeric/index.ts';

const pow2 = (k: number) => 2 ** k;

describe('trend helper (src/numeric/trend.ts)', () => {
  it('recovers an exact power law: slope, constant, halving ratios, zero standard error', () => {
    const xs = Array.from({ length: 12 }, (_, k) => pow2(k + 1));
    const ys = xs.map((x) => 3 * Math.pow(x, -1));
    const t = trend(xs, ys);
    expect(t.slope).toBeCloseTo(-1, 12);
    expect(t.constant).toBeCloseTo(3, 10);
    expect(t.slopeSE).toBeLessThan(1e-12);
    expect(t.fitFrom).toBe(xs[6]);
    expect(t.fitTo).toBe(xs[11]);
    expect(t.lastRatioRate).toBeCloseTo(-1, 12);
    for (const r of t.ratios) expect(r).toBeCloseTo(0.5, 12);
    expect(ratioTest(ys, 0.5, 1e-9).ok).toBe(true);
    expect(ratioTest(ys, 0.25, 0.1).ok).toBe(false);
  });

  it('Student-t quantiles match tables', () => {
    expect(tQuantile(0.95, 4)).toBeCloseTo(2.7764, 3);
    expect(tQuantile(0.95, 1)).toBeCloseTo(12.706, 2);
    expect(tQuantile(0.99, 10)).toBeCloseTo(3.1693, 3);
    expect(tQuantile(0.95, 1000)).toBeCloseTo(1.962, 2);
  });

  it('the standard error matches the textbook formula on a small line', () => {
    // y = 1 + 2x + residuals (1, −1, −1, 1): rss = 4, σ² = 2, sxx = 5 → se = sqrt(2/5).
    const f = fitLine([0, 1, 2, 3], [2, 2, 4, 8]);
    expect(f.slope).toBeCloseTo(2, 12);
    expect(f.slopeSE).toBeCloseTo(Math.sqrt(2 / 5), 12);
    expect(fitPowerLaw([1, 2], [1, 4]).slopeSE).toBeNaN();
  });

  it('on noisy power laws the stated 95% interval covers the true slope at about 95% (seeded)', () => {
    const rand = makeRng('trend-coverage');
    const z = normalSampler(rand);
    const reps = 400;
    for (const [truth, sd, last] of [[-1, 0.05, 6], [-0.5, 0.2, 8], [-2, 0.01, 4]] as const) {
      let covered = 0;
      for (let r = 0; r < reps; r++) {
        const xs = Array.from({ length: 14 }, (_, k) => pow2(k + 1));
        const ys = xs.map((x) => 0.7 * Math.pow(x, truth) * Math.exp(sd * z()));
        const t = trend(xs, ys, { fitLast: last });
        expect(t.slopeSE).toBeGreaterThan(0);
        if (Math.abs(t.slope - truth) <= t.slopeHalfWidth) covered++;
      }
      // binomial(400, 0.95): sd 0.011, so 0.91..0.99 is ±3.6 sd
      expect(covered / reps).toBeGreaterThan(0.91);
      expect(covered / reps).toBeLessThan(0.99);
    }
  });

  it('successive ratios and the fitted window ignore non-finite points', () => {
    expect(successiveRatios([4, 2, 1])).toEqual([0.5, 0.5]);
    const t = trend([1, 2, 4, 8], [1, 0, 0.25, 0.125], { fitLast: 4 });
    expect(t.slope).toBeCloseTo(-1, 12);
  });
});
