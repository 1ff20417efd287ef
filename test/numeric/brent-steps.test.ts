/**
 * Brent's steps, not only its answers: the interpolation must pay (as few iterations as SciPy's
 * brentq, a different implementation of the same method), and `brentMin` must find the minimiser
 * to its stopping tolerance in as few evaluations as SciPy's fminbound (Brent's fmin). A broken
 * interpolation step still finds the root by bisection, so asserting the root alone cannot see it.
 */
import { describe, expect, test } from 'vitest';
import { brent, brentMin } from '../../src/numeric/roots.ts';

/**
 * SciPy 1.17.1, `brentq(f, a, b, xtol=2e-14, rtol=4*eps, maxiter=200, full_output=True)`:
 * root, iterations. Bisection alone would need ~45 iterations on [0, 1] (~50 on the wider brackets).
 */
const ROOTS: [string, (x: number) => number, number, number, number, number][] = [
  ['cos x − x', (x) => Math.cos(x) - x, 0, 1, 0.7390851332151607, 7],
  ['x³ − 2x − 5', (x) => x ** 3 - 2 * x - 5, 2, 3, 2.0945514815423265, 7],
  ['eˣ − 10⁴', (x) => Math.exp(x) - 1e4, -5, 20, 9.210340371976184, 15],
  ['sin x', Math.sin, 3, 4, Math.PI, 6],
  ['tanh(50(x − 0.123))', (x) => Math.tanh(50 * (x - 0.123)), -1, 1, 0.123, 10],
  ['log x', Math.log, 0.1, 5, 1, 10],
  // a triple root: interpolation is poor, and the safeguard falls back to bisection steps
  ['(x − 0.3)³', (x) => (x - 0.3) ** 3, -1, 2, 0.3, 140],
];

describe('brent: iterations and accuracy against SciPy brentq', () => {
  test.each(ROOTS.map(([name, f, a, b, root, iters]) => ({ name, f, a, b, root, iters })))('$name on [$a, $b]', ({ f, a, b, root, iters: scipyIters }) => {
    let calls = 0;
    const r = brent((x) => (calls++, f(x)), a, b);
    expect(r.converged).toBe(true);
    // The stopping rule: the bracket's half-width ≤ (xtol + rtol|x|)/2 with a sign change inside,
    // so the root is within xtol + rtol|x|.
    expect(Math.abs(r.root - root)).toBeLessThanOrEqual(2e-14 + 4 * Number.EPSILON * Math.abs(root));
    expect(r.iterations).toBeLessThanOrEqual(scipyIters);
    // One evaluation per iteration after the two ends.
    expect(calls).toBe(r.iterations + 1);
    expect(r.fval).toBe(f(r.root));
  });

  test('a linear f: the first secant step lands on the root (x − 1e-9 on [0, 1]: SciPy 2 iterations)', () => {
    const r = brent((x) => x - 1e-9, 0, 1);
    expect(r.iterations).toBeLessThanOrEqual(3);
    expect(Math.abs(r.root - 1e-9)).toBeLessThanOrEqual(1e-9 * 4 * Number.EPSILON + 1e-24);
  });

  test('the bracket closes to xtol, not beyond: a loose xtol stops early and the root is within it', () => {
    const loose = brent((x) => Math.cos(x) - x, 0, 1, { xtol: 1e-3, rtol: 0 });
    const tight = brent((x) => Math.cos(x) - x, 0, 1, { xtol: 1e-12, rtol: 0 });
    expect(loose.iterations).toBeLessThan(tight.iterations);
    expect(Math.abs(loose.root - 0.7390851332151607)).toBeLessThanOrEqual(1e-3);
    expect(Math.abs(tight.root - 0.7390851332151607)).toBeLessThanOrEqual(1e-12);
  });

  test('rtol alone (xtol 0) closes the bracket relative to |x|: a root at 1e6', () => {
    const r = brent((x) => Math.atan(x - 1e6), 0, 3e6, { xtol: 0, rtol: 1e-12 });
    expect(r.converged).toBe(true);
    expect(Math.abs(r.root - 1e6)).toBeLessThanOrEqual(1e-12 * 1e6);
  });

  test('maxiter: stops at exactly maxiter, not converged, with the last iterate and its f', () => {
    let calls = 0;
    const f = (x: number) => (calls++, (x - 0.3) ** 3);
    const r = brent(f, -1, 2, { maxiter: 5 });
    expect(r).toMatchObject({ iterations: 5, converged: false });
    // the two ends, then one evaluation in each of the 5 iterations
    expect(calls).toBe(7);
    expect(r.fval).toBe(f(r.root));
    expect(r.root).toBeGreaterThan(-1);
    expect(r.root).toBeLessThan(2);
  });

  test('an exact zero at the right end: converged at once, no iteration', () => {
    expect(brent((x) => x - 5, 2, 5)).toEqual({ root: 5, iterations: 0, converged: true, fval: 0 });
  });

  test('f = NaN at an iterate (not at the ends): no root, not converged, at that iteration', () => {
    // the first secant step from f(0) = −0.7, f(1) = 0.3 lands at 0.7, inside the NaN stretch
    const r = brent((x) => (x > 0.6 && x < 0.9 ? NaN : x - 0.7), 0, 1);
    expect(r.root).toBeNaN();
    expect(r).toMatchObject({ converged: false, iterations: 1 });
  });

  test('non-finite ends or f = NaN at an end: no root', () => {
    expect(brent((x) => x, -Infinity, 1).root).toBeNaN();
    expect(brent((x) => (x > 0.9 ? NaN : x - 0.5), 0, 1)).toMatchObject({ converged: false, iterations: 0 });
    expect(brent((x) => (x < 0.1 ? NaN : x - 0.5), 0, 1)).toMatchObject({ converged: false, iterations: 0 });
  });
});

/**
 * SciPy 1.17.1 `fminbound(f, a, b, xtol, full_output=True)` (Brent's fmin): function evaluations.
 * Golden section alone would need log(width/xtol)/log φ ≈ 25–40.
 */
const MINIMA: [string, (x: number) => number, number, number, number, number, number][] = [
  ['cos x', Math.cos, 2, 4, Math.PI, 1e-5, 8],
  ['cos x', Math.cos, 2, 4, Math.PI, 1e-8, 9],
  ['(x − 0.3)⁴ + (x − 0.3)²', (x) => (x - 0.3) ** 4 + (x - 0.3) ** 2, -1, 2, 0.3, 1e-5, 9],
  ['(x − 0.3)⁴ + (x − 0.3)²', (x) => (x - 0.3) ** 4 + (x - 0.3) ** 2, -1, 2, 0.3, 1e-8, 10],
  ['eˣ − 2x', (x) => Math.exp(x) - 2 * x, -1, 3, Math.LN2, 1e-5, 11],
  ['eˣ − 2x', (x) => Math.exp(x) - 2 * x, -1, 3, Math.LN2, 1e-8, 13],
  // a kink: parabolas do not fit, golden-section steps carry it
  ['|x − 0.123456|', (x) => Math.abs(x - 0.123456), 0, 1, 0.123456, 1e-5, 18],
  ['|x − 0.123456|', (x) => Math.abs(x - 0.123456), 0, 1, 0.123456, 1e-8, 26],
  // the minimum at the left end
  ['x', (x) => x, 0, 1, 0, 1e-5, 25],
  ['x', (x) => x, 0, 1, 0, 1e-8, 40],
  // at the right end
  ['−x', (x) => -x, 0, 1, 1, 1e-8, 40],
];

describe('brentMin: minimiser accuracy and evaluations against SciPy fminbound', () => {
  test.each(MINIMA.map(([name, f, a, b, xmin, xtol, evals]) => ({ name, f, a, b, xmin, xtol, evals })))('$name on [$a, $b], xtol $xtol', ({ f, a, b, xmin, xtol, evals: scipyEvals }) => {
    let calls = 0;
    const r = brentMin((x) => (calls++, f(x)), a, b, xtol);
    // Stops when the bracket around x is within 2·tol1 = 2(xtol + 1e-10|x|) on both sides: for a
    // unimodal f the minimiser is in that bracket.
    expect(Math.abs(r.x - xmin)).toBeLessThanOrEqual(2 * (xtol + 1e-10 * Math.abs(xmin)));
    // …and not much closer than asked: the stopping rule, not maxiter, ended it.
    expect(r.evals).toBeLessThanOrEqual(scipyEvals);
    expect(r.evals).toBe(calls);
    expect(r.fx).toBe(f(r.x));
    // x is the best point evaluated.
    expect(r.fx).toBeLessThanOrEqual(f(a + 0.3819660112501051 * (b - a)));
  });

  test('maxiter bounds the evaluations (one per iteration after the first)', () => {
    let calls = 0;
    const r = brentMin((x) => (calls++, Math.abs(x - 0.123456)), 0, 1, 1e-12, 5);
    expect(r.evals).toBe(6);
    expect(calls).toBe(6);
  });
});
