/**
 * quadrature.ts lines 1–281 (the tanh-sinh core: TsSide, tsRun): tests for survivors of the first
 * Stryker run on these lines (mut11-lp). The contract pinned: a non-finite f value anywhere stops
 * the sum at once with NaN, abserr = ∞ and the evaluations made so far; and the stop rule: level 2 is
 * the first level allowed to stop (level 1 has no previous difference to compare), whatever the tolerance.
 */
import { describe, expect, test } from 'vitest';
import { tanhSinh } from '../../src/numeric/quadrature.ts';

describe('tanhSinh: a non-finite integrand value stops the sum', () => {
  test('f = +∞ off the midpoint: NaN after two evaluations (the midpoint, then the first node), not +∞', () => {
    let calls = 0;
    const r = tanhSinh((x) => (calls++, x === 0.5 ? 1 : Infinity), 0, 1);
    expect([r.value, r.abserr, r.converged, r.neval, calls]).toEqual([NaN, Infinity, false, 2, 2]);
  });

  test('f = NaN off the midpoint: NaN and abserr = ∞ at the first level-0 node', () => {
    let calls = 0;
    const r = tanhSinh((x) => (calls++, x === 0.5 ? 1 : NaN), 0, 1);
    expect([r.value, r.abserr, r.converged, r.neval, calls]).toEqual([NaN, Infinity, false, 2, 2]);
  });

  test('f finite on the level-0 nodes, NaN from the next call on: stops at that call', () => {
    // Level 0 on [0, 1]: the midpoint, t = 1…5 on the left (δ(5)/2 ≈ 5e-102 > 0) and t = 1…3 on the
    // right (1 − δ(4)/2 rounds to 1): 9 calls; f = 1 makes every term significant, so level 1 follows.
    let calls = 0;
    const r = tanhSinh(() => (calls++ < 11 ? 1 : NaN), 0, 1);
    expect([r.value, r.abserr, r.converged, r.neval, calls]).toEqual([NaN, Infinity, false, 12, 12]);
  });
});

describe('tanhSinh: the stop rule (level 2 first, err ≤ tolerance inclusive)', () => {
  // f ≡ 0 on [0, 1], counted by hand: level 0 = the midpoint, t = 1…5 on the left (0 + δ(5)/2 > 0)
  // and t = 1…3 on the right (1 − δ(4)/2 rounds to 1): 9 calls. No term is significant, so each
  // side keeps nodes up to t = 1 (index 256): level 1 adds t = 1/2 per side (2 calls), level 2
  // t = 1/4, 3/4 per side (4 calls). Every difference is 0, so err = 0.
  test('f ≡ 0: stops at level 2 with value 0, abserr 0 after 9 + 2 + 4 = 15 calls', () => {
    let calls = 0;
    const r = tanhSinh(() => (calls++, 0), 0, 1);
    expect([r.value, r.abserr, r.converged, r.neval, calls]).toEqual([0, 0, true, 15, 15]);
  });

  test('f ≡ 0 with zero tolerances: err = 0 ≤ 0 is accepted at level 2 (the test is inclusive)', () => {
    let calls = 0;
    const r = tanhSinh(() => (calls++, 0), 0, 1, { epsabs: 0, epsrel: 0 });
    expect([r.value, r.abserr, r.converged, r.neval, calls]).toEqual([0, 0, true, 15, 15]);
  });

  test('an infinite tolerance still runs two levels (level 1 never stops: no previous difference)', () => {
    let calls = 0;
    const r = tanhSinh(() => (calls++, 0), 0, 1, { epsabs: Infinity });
    expect([r.value, r.converged, r.neval, calls]).toEqual([0, true, 15, 15]);
  });
});

describe('tanhSinh: level 0 finds how far the terms matter', () => {
  test('∫₀¹ x^(−0.9) dx = 10: the terms stay significant out to t = 5 (δ ≈ 1e-101), all kept; converged', () => {
    const r = tanhSinh((x) => Math.pow(x, -0.9), 0, 1);
    expect(r.converged).toBe(true);
    expect(Math.abs(r.value - 10)).toBeLessThanOrEqual(r.abserr);
    expect(r.abserr).toBeLessThan(1e-10);
  });

  test('∫₋₁⁰ (−x)^(−0.9) dx = 10: the same on the right side (b = 0), its t = 5 terms kept; converged', () => {
    const r = tanhSinh((x) => Math.pow(-x, -0.9), -1, 0);
    expect(r.converged).toBe(true);
    expect(Math.abs(r.value - 10)).toBeLessThanOrEqual(r.abserr);
    expect(r.abserr).toBeLessThan(1e-10);
  });

  test('∫₀¹ (1 − x)^(−1/2) dx = 2: f is never called at b = 1 (level 0 stops at the last node inside)', () => {
    let nearest = Infinity;
    const r = tanhSinh((x) => ((nearest = Math.min(nearest, 1 - x)), Math.pow(1 - x, -0.5)), 0, 1);
    expect(nearest).toBeGreaterThan(0);
    // resolved only to the spacing of doubles at 1 (2^-53): not converged to 1e-10, but honest
    expect(r.converged).toBe(false);
    expect(Math.abs(r.value - 2)).toBeLessThanOrEqual(r.abserr);
    expect(r.abserr).toBeLessThan(1e-6);
  });
});

describe('tanhSinh: the node table reaches t = 5.39', () => {
  test('x^(−0.9) on [0, 1] with zero tolerances: all levels run and the left side reaches its last index t = ⌊5.39·256⌋/256', () => {
    let calls = 0;
    let smallest = Infinity;
    const r = tanhSinh((x) => (calls++, (smallest = Math.min(smallest, x)), Math.pow(x, -0.9)), 0, 1, { epsabs: 0, epsrel: 0 });
    expect(r.converged).toBe(false);
    expect(r.neval).toBe(calls);
    // Far out δ(t) = 1 − tanh(π/2·sinh t) = 2e^(−π sinh t)/(1 + e^(−π sinh t)) ≈ 2e^(−π sinh t) (relative error ~1e-150);
    // the node is a + half·δ = δ/2 = e^(−π sinh t). Its log is compared (the value itself is ~1e-150).
    const t = Math.floor(5.39 * 256) / 256;
    expect(Math.log(smallest)).toBeCloseTo(-Math.PI * Math.sinh(t), 6);
    expect(Math.abs(r.value - 10)).toBeLessThanOrEqual(r.abserr);
  });
});

describe('tanhSinh on an interval of adjacent doubles (no double inside)', () => {
  test('the width times f at the end the midpoint rounds onto, with its whole value as the error', () => {
    for (const [a, c] of [
      [1, 1],
      [1e6, -3],
      [-2, 0.5],
    ]) {
      const bits = new Float64Array([a]);
      const u = new BigInt64Array(bits.buffer);
      u[0] += a > 0 ? 1n : -1n; // the next double up
      const b = bits[0];
      expect(b).toBeGreaterThan(a);
      const r = tanhSinh(() => c, a, b);
      expect(r.value).toBe(c * (b - a)); // was ~1/5 of it, with an abserr below the error
      expect(r.abserr).toBe(Math.abs(c * (b - a)));
      expect(r.neval).toBe(1);
    }
  });
});
