import { expect, test } from 'vitest';
import { nestedExpectation, type Marginal } from '../../src/numeric/nested-quadrature.ts';

// What nested-quadrature.test.ts leaves free (mutation testing, issue #9): the empty nest, the
// convergence flag of an inner level, and the decade-per-level tightening seen through abserr.

const U01: Marginal = { lo: 0, hi: 1, pdf: () => 1, breakpoints: [0, 1] };

test('no free coordinate: h at the profile, its values and its error bounds as they are', () => {
  const r = nestedExpectation(U01, { qo: {}, epsabs: 1e-10, epsrel: 1e-10, jumps: false }, Float64Array.from([0.25, 2]), [], 2, (v, out) => {
    out[0] = v[0] * v[1];
    out[1] = v[1];
    out[2] = 1e-7;
    out[3] = 2e-7;
  }, []);
  expect([...r.value]).toEqual([0.5, 2]);
  expect([...r.abserr]).toEqual([1e-7, 2e-7]);
  expect(r.converged).toBe(true);
});

test('an inner level that does not converge makes the nest not converged, even when the outer level does', () => {
  // limit 1: each inner integral is one G10K21 panel on a jump at y = 0.3 (not a breakpoint):
  // it cannot meet 1e-3. The inner value does not depend on x, so the outer integrand is
  // const·6t(1 − t), integrated exactly by the outer panel: the outer level alone converges.
  const r = nestedExpectation(U01, { qo: { limit: 1 }, epsabs: 1e-2, epsrel: 0, jumps: false }, new Float64Array(2), [0, 1], 1, (v, out) => {
    out[0] = v[1] > 0.3 ? 1 : 0;
    out[1] = 0;
  }, []);
  expect(r.converged).toBe(false);
  // the inner error (one panel on a jump) is carried up and covers the true error
  expect(Math.abs(r.value[0] - 0.7)).toBeLessThanOrEqual(r.abserr[0]);
});

test('inner levels are a decade tighter: E|x − y| = 1/3 with the total error within 1.1× the outer tolerance', () => {
  // The kink of |y − x| at the outer coordinate is not a breakpoint (jumps: false), so the inner
  // level bisects until it meets its own tolerance: its error is what that tolerance allows.
  // Outer tolerance T, inner T/10: abserr = outer error + largest inner error ≤ 1.1·T.
  const h = (v: Float64Array, out: Float64Array) => {
    out[0] = Math.abs(v[1] - v[0]);
    out[1] = 0;
  };
  const abs = nestedExpectation(U01, { qo: { limit: 200 }, epsabs: 1e-8, epsrel: 0, jumps: false }, new Float64Array(2), [0, 1], 1, h, []);
  expect(abs.converged).toBe(true);
  expect(Math.abs(abs.value[0] - 1 / 3)).toBeLessThanOrEqual(abs.abserr[0]);
  expect(abs.abserr[0]).toBeLessThanOrEqual(1.1e-8);
  // the same through the relative tolerance (|E| = 1/3)
  const rel = nestedExpectation(U01, { qo: { limit: 200 }, epsabs: 0, epsrel: 3e-8, jumps: false }, new Float64Array(2), [0, 1], 1, h, []);
  expect(rel.converged).toBe(true);
  expect(Math.abs(rel.value[0] - 1 / 3)).toBeLessThanOrEqual(rel.abserr[0]);
  expect(rel.abserr[0]).toBeLessThanOrEqual(1.1e-8);
});

test('three levels: the innermost errors reach the top, E|z − y| = 1/3', () => {
  const w = nestedExpectation(U01, { qo: { limit: 200 }, epsabs: 1e-6, epsrel: 0, jumps: false }, new Float64Array(3), [0, 1, 2], 1, (v, out) => {
    out[0] = Math.abs(v[2] - v[1]);
    out[1] = 0;
  }, []);
  expect(w.converged).toBe(true);
  expect(Math.abs(w.value[0] - 1 / 3)).toBeLessThanOrEqual(w.abserr[0]);
  expect(w.abserr[0]).toBeLessThanOrEqual(1.11e-6);
  // the innermost level's own error (tolerance 1e-8) is part of the total: not only the outer's
  expect(w.abserr[0]).toBeGreaterThan(1e-12);
});
