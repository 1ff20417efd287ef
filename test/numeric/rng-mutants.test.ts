/**
 * rng.ts with scripted uniforms: Marsaglia's polar method checked step by step (rejections at
 * s = 1 and s = 0, the spare returned without a draw), and monteCarlo's Welford mean and standard
 * error against the two-pass textbook formulas on a fixed sample.
 */
import { describe, expect, it } from 'vitest';
import { makeRng, monteCarlo, normalSampler } from '../../src/numeric/rng.ts';

/** A rand() that plays back a list and counts the draws. */
function scripted(vals: number[]) {
  let i = 0;
  const rand = () => {
    if (i >= vals.length) throw new Error('script exhausted');
    return vals[i++];
  };
  return { rand, used: () => i };
}

describe('normalSampler', () => {
  it('rejects s = 1 and s = 0, returns u·k then the spare v·k, k = √(−2 ln s / s)', () => {
    // (0.8, 0.9) → (u, v) = (0.6, 0.8), s = 1: rejected; (0.5, 0.5) → s = 0: rejected;
    // (0.65, 0.7) → (0.3, 0.4), s = 0.25 accepted; then (0.25, 0.5) → (−0.5, 0), s = 0.25
    const s = scripted([0.8, 0.9, 0.5, 0.5, 0.65, 0.7, 0.25, 0.5]);
    const z = normalSampler(s.rand);
    const k = Math.sqrt((-2 * Math.log(0.25)) / 0.25);
    const first = z();
    expect(Math.abs(first - 0.3 * k)).toBeLessThan(1e-15);
    expect(s.used()).toBe(6);
    expect(Math.abs(z() - 0.4 * k)).toBeLessThan(1e-15);
    expect(s.used()).toBe(6); // the spare costs no draw
    expect(Math.abs(z() + 0.5 * k)).toBeLessThan(1e-15);
    expect(s.used()).toBe(8);
    expect(z()).toBe(0); // the spare of (−0.5, 0)
  });

  it('rejects a point exactly on the circle (s = 1 would give k = 0, a normal of 0)', () => {
    // (0.5, 0) → (u, v) = (0, −1), s = 1 exactly; then (0.6, 0.5) → (0.2, 0), s = 0.04
    const s = scripted([0.5, 0, 0.6, 0.5]);
    const v = normalSampler(s.rand)();
    expect(Math.abs(v - 0.2 * Math.sqrt((-2 * Math.log(0.04)) / 0.04))).toBeLessThan(1e-14);
  });

  it('rejects points outside the unit disc', () => {
    // (0.95, 0.95) → s = 1.62; then (0.6, 0.5) → (0.2, 0), s = 0.04
    const s = scripted([0.95, 0.95, 0.6, 0.5]);
    const v = normalSampler(s.rand)();
    expect(Math.abs(v - 0.2 * Math.sqrt((-2 * Math.log(0.04)) / 0.04))).toBeLessThan(1e-14);
  });
});

describe('monteCarlo', () => {
  it('mean, standard error and 99 % half-width of a fixed sample by the two-pass formulas', () => {
    const xs = [3, 1, 4, 1, 5, 9, 2, 6];
    let i = 0;
    const r = monteCarlo(() => xs[i++], xs.length, 'unused');
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const v = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
    expect(Math.abs(r.mean - mean)).toBeLessThan(1e-15);
    expect(Math.abs(r.stderr - Math.sqrt(v / xs.length))).toBeLessThan(1e-15);
    // Φ⁻¹(0.995) = 2.5758293035489004 (mpmath)
    expect(Math.abs(r.halfWidth99 - 2.5758293035489004 * r.stderr)).toBeLessThan(1e-15);
    expect(r.n).toBe(8);
  });

  it('one draw has a mean but no standard error; none has neither', () => {
    const one = monteCarlo(() => 7, 1, 's');
    expect(one.mean).toBe(7);
    expect(one.stderr).toBeNaN();
    const none = monteCarlo(() => 7, 0, 's');
    expect(none.mean).toBeNaN();
    expect(none.n).toBe(0);
  });

  it('draws from the seeded stream', () => {
    const r = monteCarlo((rand) => rand(), 3, 'seed-x');
    const g = makeRng('seed-x');
    expect(Math.abs(r.mean - (g() + g() + g()) / 3)).toBeLessThan(1e-16);
  });
});
