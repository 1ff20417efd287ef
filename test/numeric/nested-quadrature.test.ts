import { expect, test } from 'vitest';
import { nestedExpectation, smoothstepInverse, smoothstepPoints, type Marginal } from '../../src/numeric/nested-quadrature.ts';

const U01: Marginal = { lo: 0, hi: 1, pdf: () => 1, breakpoints: [0, 1] };
const opts = (jumps: boolean) => ({ qo: { limit: 200 }, epsabs: 1e-10, epsrel: 1e-10, jumps });

test('smoothstepInverse inverts 3t² − 2t³ on [0, 1] and clamps outside', () => {
  for (const t of [0, 0.1, 0.5, 0.77, 1]) expect(smoothstepInverse(3 * t * t - 2 * t ** 3)).toBeCloseTo(t, 14);
  expect(smoothstepInverse(-1)).toBe(smoothstepInverse(0)); // 5.6e-17: the rounding of sin(π/6)
  expect(smoothstepInverse(2)).toBe(1);
  expect(smoothstepPoints([2, 3, 4], 2, 4)).toEqual([smoothstepInverse(0), smoothstepInverse(0.5), smoothstepInverse(1)]);
});

test('nested expectations over uniforms: E[x y] = 1/4, E[x + y + z] = 3/2 (coordinate 0 fixed at 5 outside the nest)', () => {
  const r = nestedExpectation(U01, opts(false), new Float64Array(2), [0, 1], 1, (v, out) => {
    out[0] = v[0] * v[1];
    out[1] = 0;
  }, []);
  expect(r.converged).toBe(true);
  expect(Math.abs(r.value[0] - 0.25)).toBeLessThan(1e-12);
  const p = new Float64Array([5, 0, 0, 0]);
  const s = nestedExpectation(U01, opts(false), p, [1, 2, 3], 2, (v, out) => {
    out[0] = v[1] + v[2] + v[3];
    out[1] = v[0];
    out[2] = 1e-14;
    out[3] = 0;
  }, []);
  expect(Math.abs(s.value[0] - 1.5)).toBeLessThan(1e-11);
  expect(Math.abs(s.value[1] - 5)).toBeLessThan(1e-11);
  expect(s.abserr[0]).toBeGreaterThanOrEqual(1e-14); // the inner error bounds are carried up
});

test('a jump at a tie is split at the outer coordinate: P(y > x) = 1/2, and P(y > 0.3) = 0.7 with the kink given', () => {
  const r = nestedExpectation(U01, opts(true), new Float64Array(2), [0, 1], 1, (v, out) => {
    out[0] = v[1] > v[0] ? 1 : 0;
    out[1] = 0;
  }, []);
  expect(Math.abs(r.value[0] - 0.5)).toBeLessThan(1e-12);
  const k = nestedExpectation(U01, opts(true), new Float64Array(1), [0], 1, (v, out) => {
    out[0] = v[0] > 0.3 ? 1 : 0;
    out[1] = 0;
  }, [0.3]);
  expect(Math.abs(k.value[0] - 0.7)).toBeLessThan(1e-13);
});
