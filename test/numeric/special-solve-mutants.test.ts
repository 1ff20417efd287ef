/**
 * betaIncInv and betaIncCInv on a grid that reaches every route of the solver (starting points from
 * both tails and the normal approximation, Halley, the log–log tail step, the bisections), checked by
 * their defining equation: G(x) = target, G = I or 1 − I, to I's own error plus the step to the next
 * double (the bound of the round-trip property in special.test.ts, here on fixed hard points:
 * parameters from 0.2 to 300, targets from 1e-300 to 1 − 1e-12); then x itself against 100-digit
 * mpmath roots (fixtures/numeric/special-solve.json) where a path mutant lands on another x.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { betaInc, betaIncC, betaIncCInv, betaIncInv, lbeta } from '../../src/numeric/special.ts';

const EPS = Number.EPSILON;
const params = [0.2, 0.7, 1, 2.5, 9, 15, 60, 300];
const targets = [1e-300, 1e-100, 1e-30, 1e-10, 1e-4, 0.01, 0.0499, 0.0501, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 1 - 1e-6, 1 - 1e-12];

it('G(x) = target at the returned x, for I and 1 − I, across the parameter grid', () => {
  for (const a of params) {
    for (const b of params) {
      const lb = lbeta(a, b);
      for (const p of targets) {
        for (const upper of [false, true]) {
          const x = upper ? betaIncCInv(a, b, p) : betaIncInv(a, b, p);
          const name = `${upper ? 'Ic' : 'I'}⁻¹(${a}, ${b}, ${p}) = ${x}`;
          expect(x >= 0 && x <= 1, name).toBe(true);
          if (x === 0 || x === 1) {
            // the root is within the last double of the end: G at the neighbouring double is already past p
            const inner = x === 0 ? Number.MIN_VALUE : 1 - EPS / 2;
            const g = upper ? betaIncC(a, b, inner) : betaInc(a, b, inner);
            expect(upper === (x === 0) ? g <= p : g >= p, `${name}: G(${inner}) = ${g}`).toBe(true);
            continue;
          }
          const g = upper ? betaIncC(a, b, x) : betaInc(a, b, x);
          const lx = Math.abs(Math.log(x));
          const ly = Math.abs(Math.log1p(-x));
          const own = (16 + 4 * (a * lx + b * ly)) * EPS * p;
          const pdf = Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - lb);
          // G formed as 1 − v from the other side's value v ≈ 1 − p (special.ts, betaIncBoth) carries v's rounding
          const complement = x < (a + 1) / (a + b + 2) === upper ? 2 * EPS * (1 - p) : 0;
          expect(Math.abs(g - p), `${name}: G = ${g}`).toBeLessThanOrEqual(own + complement + 2 * pdf * EPS * x);
        }
      }
    }
  }
});

interface SolveCase {
  a: number;
  b: number;
  t: number;
  upper: boolean;
  x: { s: string; d: number };
}

it('x itself against mpmath roots (fixtures/numeric/special-solve.json), where a solver path mutant moves it', () => {
  // The residual test above cannot see a wrong start, step or stop that lands on another x with
  // nearly the same G: these points (parameters 0.05 to 3000, both tails, roots from 1e-243 to
  // 1 − 1e-16 and past the smallest double) are where such mutants leave the bound on x itself.
  const cases = (JSON.parse(readFileSync(new URL('../../fixtures/numeric/special-solve.json', import.meta.url), 'utf8')) as { cases: SolveCase[] }).cases;
  for (const { a, b, t, upper, x: ref } of cases) {
    const x = upper ? betaIncCInv(a, b, t) : betaIncInv(a, b, t);
    const want = ref.d;
    const name = `${upper ? 'Ic' : 'I'}⁻¹(${a}, ${b}, ${t}) = ${x} vs ${ref.s}`;
    if (want === 0 || want === 1) {
      // the root lies beyond the last double before 0 or 1: the solver must say so exactly
      expect(x, name).toBe(want);
      continue;
    }
    // The bound of special-inverse-mutants.test.ts: 8ε plus G's own error (16 roundings plus
    // a·|ln x| + b·|ln(1 − x)|, times (1 − G)/G where G is formed as the complement of the other
    // side's value) divided by the elasticity x·G'(x)/G of the tail solved for.
    const G = Math.min(t, 1 - t);
    const solvedUpper = t <= 0.5 ? upper : !upper;
    const complement = want < (a + 1) / (a + b + 2) === solvedUpper ? Math.max(1, (1 - G) / G) : 1;
    const own = (16 + a * Math.abs(Math.log(want)) + b * Math.abs(Math.log1p(-want))) * complement;
    const elasticity = Math.exp(a * Math.log(want) + (b - 1) * Math.log1p(-want) - lbeta(a, b)) / G;
    expect(Math.abs(x - want) / (want * EPS), name).toBeLessThanOrEqual(8 + own / elasticity);
  }
});

it('a zero parameter is refused (NaN), as a negative one is', () => {
  expect(betaIncInv(1, 0, 0.5)).toBeNaN();
  expect(betaIncCInv(1, 0, 0.5)).toBeNaN();
  expect(betaIncInv(0, 1, 0.5)).toBeNaN();
  expect(betaIncCInv(0, 1, 0.5)).toBeNaN();
});
