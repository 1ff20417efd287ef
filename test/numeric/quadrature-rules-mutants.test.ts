/**
 * quadrature.ts lines 1–281 (the tanh-sinh core: TsSide, tsRun): tests for survivors of the first
 * Stryker run on these lines (mut11-lp). The contract pinned: a non-finite f value anywhere stops
 * the sum at once with NaN, abserr = ∞ and the evaluations made so far.
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
    // Level 0 on [0, 1]: the midpoint and t = 1…5 on each side (δ(5) ≈ 1e-101, still inside): 11 calls.
    let calls = 0;
    const r = tanhSinh(() => (calls++ < 11 ? 1 : NaN), 0, 1);
    expect([r.value, r.abserr, r.converged, r.neval, calls]).toEqual([NaN, Infinity, false, 12, 12]);
  });
});
