import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chebFit } from '../../src/numeric/chebyshev.ts';

interface Ref {
  s: string;
  d: number;
}
interface ChebCase {
  a: number;
  b: number;
  breakpoint?: number;
  f: { x: number; v: Ref }[];
  F: { x: number; v: Ref }[];
  total: Ref;
}
const ref = JSON.parse(readFileSync(new URL('../../fixtures/numeric/reference.json', import.meta.url), 'utf8')) as {
  cheb: { sine: ChebCase; mixture: ChebCase; abs: ChebCase };
};

const npdf = (x: number, m: number, s: number) => Math.exp(-0.5 * ((x - m) / s) ** 2) / (s * Math.sqrt(2 * Math.PI));
/** The twins of scripts/reference/numeric.py's functions. */
const fns = {
  // Pycia & Wang, Example 1: the unnormalised density 0.1 + 0.1 sin x on [0, 8.4438]
  sine: (x: number) => 0.1 + 0.1 * Math.sin(x),
  // bimodal: 0.3 N(2, 0.5²) + 0.7 N(5, 1) on [0, 8]
  mixture: (x: number) => 0.3 * npdf(x, 2, 0.5) + 0.7 * npdf(x, 5, 1),
  abs: (x: number) => Math.abs(x - 0.3),
};

/**
 * Panels are accepted at tail coefficients ≤ 1e-15·scale; the interpolant's error is about that
 * tail plus Clenshaw's rounding (a few eps·Σ|c_k| ≈ 1e-15·scale): 1e-14·scale is the bound.
 */
const FIT = 1e-14;

describe('chebFit against 50-digit references', () => {
  for (const name of ['sine', 'mixture', 'abs'] as const) {
    it(name, () => {
      const c = ref.cheb[name];
      const fit = chebFit(fns[name], c.a, c.b, { breakpoints: c.breakpoint === undefined ? [] : [c.breakpoint] });
      expect(fit.ok).toBe(true);
      const scale = fit.vscale;
      for (const p of c.f) expect(Math.abs(fit.evaluate(p.x) - p.v.d), `f(${p.x})`).toBeLessThanOrEqual(FIT * scale);
      const F = fit.integral();
      const total = c.total.d;
      // the running integral inherits the fit's error times the length (≤ 8.5) and its own rounding
      for (const p of c.F) expect(Math.abs(F.evaluate(p.x) - p.v.d), `F(${p.x})`).toBeLessThanOrEqual(FIT * total);
      expect(Math.abs(fit.total() - total)).toBeLessThanOrEqual(FIT * total);
      // F(b) and total() are two routes to the same number (rounding only)
      expect(Math.abs(F.evaluate(c.b) - fit.total())).toBeLessThanOrEqual(4 * Number.EPSILON * total);
      expect(F.evaluate(c.a)).toBe(0);
    });
  }

  it('uses few panels and low degrees on smooth densities, the breakpoint on |x − 0.3|', () => {
    const sine = chebFit(fns.sine, 0, 8.4438);
    expect(sine.pieces.length).toBe(1);
    expect(sine.degree.max).toBeLessThanOrEqual(32); // Bessel-type decay: sin on a half-width of 4.2 needs ~25
    const abs = chebFit(fns.abs, 0, 1, { breakpoints: [0.3] });
    expect(abs.pieces).toEqual([
      { a: 0, b: 0.3, degree: 1 },
      { a: 0.3, b: 1, degree: 1 },
    ]);
  });

  it('without the breakpoint the kink is found by splitting, still to tolerance', () => {
    const fit = chebFit(fns.abs, 0, 1);
    expect(fit.ok).toBe(true);
    expect(fit.pieces.length).toBeGreaterThan(2);
    expect(Math.abs(fit.total() - ref.cheb.abs.total.d)).toBeLessThanOrEqual(FIT);
  });

  it('min and max estimate the range (a density must stay ≥ 0)', () => {
    const fit = chebFit(fns.sine, 0, 8.4438);
    // true minimum 0 at 3π/2; the sampled estimate is within the sampling step's quadratic error
    expect(fit.min()).toBeGreaterThanOrEqual(-FIT * fit.vscale);
    expect(fit.min()).toBeLessThan(1e-4);
    expect(fit.max()).toBeLessThanOrEqual(0.2 + FIT);
    expect(fit.max()).toBeGreaterThan(0.2 - 1e-4);
    const neg = chebFit((x) => x * x - 0.25, 0, 1);
    expect(neg.min()).toBeCloseTo(-0.25, 14);
  });

  it('flags what it cannot represent', () => {
    expect(chebFit((x) => 1 / x, 0, 1).ok).toBe(false); // f(0) = ∞
    expect(chebFit(fns.abs, 0, 1, { maxPieces: 4 }).ok).toBe(false); // the kink needs ~40 panels
  });

  it('evaluates outside [a, b] at the nearest end (a CDF is 0 before and total after)', () => {
    const F = chebFit(fns.sine, 0, 8.4438).integral();
    expect(F.evaluate(-1)).toBe(0);
    expect(F.evaluate(100)).toBe(F.evaluate(8.4438));
    expect(F.evaluate(NaN)).toBeNaN();
  });
});
