/**
 * betaIncInv and betaIncCInv on a grid that reaches every route of the solver (starting points from
 * both tails and the normal approximation, Halley, the log–log tail step, the bisections), checked by
 * their defining equation: G(x) = target, G = I or 1 − I, to I's own error plus the step to the next
 * double (the bound of the round-trip property in special.test.ts, here on fixed hard points:
 * parameters from 0.2 to 300, targets from 1e-300 to 1 − 1e-12).
 */
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
