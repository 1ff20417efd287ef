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

test('a law on [2, 4] (lo ≠ 0, width 2): E[xy] = 9, E[x] = 3, and each component carries its own largest inner error', () => {
  const U24: Marginal = { lo: 2, hi: 4, pdf: () => 0.5, breakpoints: [2, 4] };
  const r = nestedExpectation(U24, { qo: {}, epsabs: 1e-12, epsrel: 1e-12, jumps: false }, new Float64Array(2), [0, 1], 2, (v, out) => {
    out[0] = v[0] * v[1];
    out[1] = v[0];
    // error bounds that vary over the inner coordinate, differently per component:
    // the largest is 1e-9·4 (at y = 4) for the first, 2e-9·3 (at y = 2) for the second
    out[2] = 1e-9 * v[1];
    out[3] = 2e-9 * (5 - v[1]);
  }, []);
  expect(r.converged).toBe(true);
  expect(Math.abs(r.value[0] - 9)).toBeLessThan(1e-12);
  expect(Math.abs(r.value[1] - 3)).toBeLessThan(1e-12);
  // the max over the nodes (which come within 1e-3 of the ends of [2, 4]), plus the outer level's ≤ 1e-11
  expect(r.abserr[0]).toBeGreaterThan(0.999 * 4e-9);
  expect(r.abserr[0]).toBeLessThan(4e-9 + 2e-11);
  expect(r.abserr[1]).toBeGreaterThan(0.999 * 6e-9);
  expect(r.abserr[1]).toBeLessThan(6e-9 + 2e-11);
});

test('three levels: the largest inner error over the outer nodes, not the last one', () => {
  const s = nestedExpectation(U01, { qo: { limit: 200 }, epsabs: 1e-10, epsrel: 0, jumps: false }, new Float64Array(3), [0, 1, 2], 1, (v, out) => {
    out[0] = v[0];
    out[1] = 1e-9 * v[0] * v[1] * v[2]; // largest (→ 1e-9) where every coordinate is near 1
  }, []);
  expect(Math.abs(s.value[0] - 0.5)).toBeLessThan(1e-12);
  expect(s.abserr[0]).toBeGreaterThan(0.99e-9);
  expect(s.abserr[0]).toBeLessThan(1e-9 + 1.2e-10);
});

test('ties are split at the outer coordinate: P(y > x) = 1/2 with two panels per inner level', () => {
  // limit 2: each inner integral has room only for its two pieces [0, t(x)], [t(x), 1], on which
  // 1{y > x}·6t(1 − t) is a polynomial. Without the split at x it could not converge.
  const k = nestedExpectation(U01, { qo: { limit: 2 }, epsabs: 1e-10, epsrel: 1e-10, jumps: true }, new Float64Array(2), [0, 1], 1, (v, out) => {
    out[0] = v[1] > v[0] ? 1 : 0;
    out[1] = 0;
  }, []);
  expect(k.converged).toBe(true);
  expect(Math.abs(k.value[0] - 0.5)).toBeLessThan(1e-14);
});

test("the caller's kinks are not written to (jumps off)", () => {
  const kinks = [0.3];
  nestedExpectation(U01, { qo: {}, epsabs: 1e-10, epsrel: 1e-10, jumps: false }, new Float64Array(2), [0, 1], 1, (v, out) => {
    out[0] = v[0] + v[1];
    out[1] = 0;
  }, kinks);
  expect(kinks).toEqual([0.3]);
});
