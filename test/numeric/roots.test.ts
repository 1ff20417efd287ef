import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { test as ftest, fc } from '@fast-check/vitest';
import { brent, goldenSectionMax } from '../../src/numeric/roots.ts';
import { normCdf } from '../../src/numeric/special.ts';

interface RootCase {
  id: string;
  expr: string;
  a: number;
  b: number;
  root: { s: string; d: number };
}
const ref = JSON.parse(readFileSync(new URL('../../fixtures/numeric/reference.json', import.meta.url), 'utf8')) as {
  roots: RootCase[];
};

const fns: Record<string, (x: number) => number> = {
  'cos-x': (x) => Math.cos(x) - x,
  wallis: (x) => x ** 3 - 2 * x - 5,
  exp: (x) => Math.exp(x) - 1e4,
  'near-end': (x) => x - 1e-9,
  flat: (x) => (x - 0.3) ** 3,
  normcdf: (x) => normCdf(x) - 1e-300,
};

const XTOL = 2e-14;
const RTOL = 4 * Number.EPSILON;

describe('brent against 50-digit roots', () => {
  for (const c of ref.roots) {
    it(`${c.id}: ${c.expr}`, () => {
      const r = brent(fns[c.id], c.a, c.b);
      expect(r.converged).toBe(true);
      // Brent's guarantee: the final bracket is ≤ xtol + rtol·|x| wide and holds a sign change;
      // 4 eps more for the rounding of f near a simple root (a cubic root is flat: exact here)
      expect(Math.abs(r.root - c.root.d)).toBeLessThanOrEqual(XTOL + RTOL * Math.abs(c.root.d) + 4 * Number.EPSILON * Math.abs(c.root.d));
      expect(r.fval).toBe(fns[c.id](r.root));
      // superlinear on simple roots (a dozen steps); the triple root of 'flat' falls back to bisection steps
      expect(r.iterations).toBeLessThan(c.id === 'flat' ? 200 : 30);
    });
  }
});

describe('brent contract', () => {
  it('same signs at the ends: root NaN, not converged', () => {
    const r = brent((x) => x * x + 1, -1, 1);
    expect(r.converged).toBe(false);
    expect(r.root).toBeNaN();
  });

  it('an exact zero at an end returns that end', () => {
    expect(brent((x) => x - 2, 2, 5)).toEqual({ root: 2, iterations: 0, converged: true, fval: 0 });
    expect(brent((x) => x - 5, 2, 5).root).toBe(5);
  });

  it('reports maxiter exhaustion, and NaN from f', () => {
    const r = brent((x) => Math.cos(x) - x, 0, 1, { maxiter: 2 });
    expect(r.converged).toBe(false);
    expect(Number.isFinite(r.root)).toBe(true);
    expect(brent((x) => (x > 0.5 ? NaN : x - 0.7), 0, 1).converged).toBe(false);
  });

  it('honours a loose xtol', () => {
    const r = brent((x) => Math.cos(x) - x, 0, 1, { xtol: 1e-3, rtol: 0 });
    expect(Math.abs(r.root - 0.7390851332151607)).toBeLessThanOrEqual(1e-3);
  });
});

/** Value-uniform draws on [lo, hi] (fc.double would cluster near 0 and the subnormals). */
const uniform = (lo: number, hi: number) => fc.integer({ min: 0, max: 2 ** 30 }).map((k) => lo + ((hi - lo) * k) / 2 ** 30);

ftest.prop([uniform(-5, 5), uniform(0.01, 10), uniform(0, 10), uniform(0.1, 20), uniform(0.1, 20)])(
  'brent finds the root of a random monotone cubic c3(x−r)³ + c1(x−r)',
  (r, c3, c1, left, right) => {
    // c3 > 0, c1 ≥ 0: strictly increasing; the computed x − r is exact near r (Sterbenz), so the
    // sign change of the computed f is exactly at r
    const f = (x: number) => {
      const d = x - r;
      return c3 * d * d * d + c1 * d;
    };
    const res = brent(f, r - left, r + right);
    expect(res.converged).toBe(true);
    expect(Math.abs(res.root - r)).toBeLessThanOrEqual(XTOL + RTOL * Math.abs(r));
  },
);

describe('goldenSectionMax', () => {
  it('the maximiser of a concave function to ~1e-15 relative, at the ends too, without derivatives', () => {
    expect(goldenSectionMax((x) => -((x - 0.3) ** 2), 0, 1)).toBeCloseTo(0.3, 7);
    expect(goldenSectionMax((x) => Math.log(x) - x / 5, 1e-9, 20)).toBeCloseTo(5, 6);
    // increasing on the interval: the search ends at the right end
    expect(goldenSectionMax((x) => x, 0, 2)).toBeCloseTo(2, 12);
    // it stops once the bracket is within 1e-15 of its scale (~75 steps on [0, 1], ~90 on [0, 1000]), not at the cap
    for (const b of [1, 1000]) {
      let evals = 0;
      const x = goldenSectionMax((t) => (evals++, -((t - b / 3) ** 2)), 0, b);
      expect(x).toBeCloseTo(b / 3, 5);
      expect(evals, `[0, ${b}]`).toBeLessThan(100);
      expect(evals, `[0, ${b}]`).toBeGreaterThan(60);
    }
    // the step count caps the work
    let n = 0;
    goldenSectionMax((x) => (n++, -x * x), -1, 1, 10);
    expect(n).toBe(12);
  });
});
