import { describe, expect, it } from 'vitest';
import { EPS, approxEqual, quadOptions, relErr } from '../../src/numeric/tolerance.ts';
import { makeRng, monteCarlo, normalSampler } from '../../src/numeric/rng.ts';

describe('tolerance', () => {
  it('approxEqual is |x − y| ≤ abs + rel·max(|x|, |y|)', () => {
    expect(approxEqual(1, 1 + 1e-10, { rel: 1e-9 })).toBe(true);
    expect(approxEqual(1, 1 + 1e-8, { rel: 1e-9 })).toBe(false);
    expect(approxEqual(0, 1e-13, { abs: 1e-12 })).toBe(true);
    expect(approxEqual(0, 1e-13, {})).toBe(false);
    expect(approxEqual(NaN, NaN, { abs: 1 })).toBe(false);
    expect(approxEqual(Infinity, Infinity, {})).toBe(true);
  });

  it('relErr, EPS and the precision tiers', () => {
    expect(relErr(1.5, 1)).toBe(0.5);
    expect(relErr(1e-20, 0)).toBe(1e-20);
    expect(EPS).toBe(2 ** -52);
    expect(quadOptions('standard')).toEqual({ epsabs: 1e-13, epsrel: 1e-11, limit: 400 });
    expect(quadOptions('high')).toEqual({ epsabs: 1e-15, epsrel: 1e-13, limit: 2000 });
  });
});

describe('rng', () => {
  it('is deterministic in the seed and uniform on [0, 1)', () => {
    const a = makeRng('mechcheck');
    const b = makeRng('mechcheck');
    const c = makeRng(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(xs.slice(0, 5)).not.toEqual(Array.from({ length: 5 }, () => c()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(makeRng(42)()).toBe(makeRng('42')());
  });

  it('normalSampler has mean 0 and variance 1', () => {
    const z = normalSampler(makeRng(7));
    const n = 100_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const x = z();
      s += x;
      s2 += x * x;
    }
    const mean = s / n;
    const v = s2 / n - mean * mean;
    // 5 standard errors: sd(mean) = 1/√n ≈ 0.0032, sd(variance) ≈ √(2/n) ≈ 0.0045
    expect(Math.abs(mean)).toBeLessThan(0.016);
    expect(Math.abs(v - 1)).toBeLessThan(0.023);
  });

  it('monteCarlo reports mean, standard error and a 99% half-width', () => {
    const r = monteCarlo((rand) => rand(), 50_000, 'mc');
    expect(r.n).toBe(50_000);
    // sd of U(0,1) is 1/√12; the standard error follows to sampling noise (relative sd ≈ 1/√(2n) ≈ 0.3%)
    expect(Math.abs(r.stderr - 1 / Math.sqrt(12 * 50_000)) / r.stderr).toBeLessThan(0.02);
    expect(r.halfWidth99 / r.stderr).toBeCloseTo(2.5758293035489, 10);
    // seeded, so this is a fixed number; it sits inside its own 99% interval around 1/2
    expect(Math.abs(r.mean - 0.5)).toBeLessThan(r.halfWidth99);
    expect(monteCarlo((rand) => rand(), 1000, 'mc').mean).toBe(monteCarlo((rand) => rand(), 1000, 'mc').mean);
  });
});
