import { describe, expect, it } from 'vitest';
import { quadVec, quadVecBatch, type BatchIntegrand } from '../../src/numeric/quadrature.ts';
import { atFreshVecDepth } from './quad-helpers.ts';

// Mutation testing of quadVecBatch, partialSums and resum (quadrature.ts, issue #9, mut13-qv):
// results the other quadrature tests leave free, each against an independent reference (closed
// forms, the number of calls of f counted here, the heap's priority rule on a case built so that
// only one choice of panel can meet the tolerance). Everything is built inside the tests (Stryker's
// per-test coverage cannot attribute module-level code).

/** A batched integrand that counts its points: `calls()` is the number of x at which f was asked. */
function countedBatch(dim: number, f: (x: number, out: Float64Array) => void): { g: BatchIntegrand; calls: () => number } {
  let calls = 0;
  const tmp = new Float64Array(dim);
  const g: BatchIntegrand = (xs, count, out) => {
    for (let i = 0; i < count; i++) {
      calls++;
      f(xs[i], tmp);
      for (let q = 0; q < dim; q++) out[i * dim + q] = tmp[q];
    }
  };
  return { g, calls: () => calls };
}

describe('quadVecBatch: bad limits and empty intervals', () => {
  it.each([
    [NaN, 1],
    [0, NaN],
    [-Infinity, 1],
    [0, Infinity],
    [-Infinity, Infinity],
  ])('[%d, %d]: no call of f, every component NaN with abserr ∞, partial sums sized partialAt × dim', (a, b) => {
    const { g, calls } = countedBatch(2, (x, out) => ((out[0] = 1), (out[1] = x)));
    const r = quadVecBatch(g, 2, a, b, { partialAt: [0.25, 0.5, 0.75] });
    expect(calls()).toBe(0);
    expect(r.neval).toBe(0);
    expect(r.converged).toBe(false);
    expect(r.value.length).toBe(2);
    expect(Array.from(r.value).every(Number.isNaN)).toBe(true);
    expect(Array.from(r.abserr)).toEqual([Infinity, Infinity]);
    expect(r.partial!.value.length).toBe(6);
    expect(Array.from(r.partial!.value).every(Number.isNaN)).toBe(true);
    expect(Array.from(r.partial!.abserr)).toEqual(new Array(6).fill(Infinity));
  });

  it('a = b: zero for every component, exact (abserr 0, converged) without calling f', () => {
    const { g, calls } = countedBatch(3, (x, out) => out.fill(1 / x));
    const r = quadVecBatch(g, 3, 0.5, 0.5);
    expect(calls()).toBe(0);
    expect(r.neval).toBe(0);
    expect(r.converged).toBe(true);
    expect(Array.from(r.value)).toEqual([0, 0, 0]);
    expect(Array.from(r.abserr)).toEqual([0, 0, 0]);
  });

  it('b < a: every component negated (∫_1^0 of 1, x, x² = −1, −1/2, −1/3), errors and evaluations as for [0, 1]', () => {
    const { g, calls } = countedBatch(3, (x, out) => ((out[0] = 1), (out[1] = x), (out[2] = x * x)));
    const r = quadVecBatch(g, 3, 1, 0);
    expect(r.converged).toBe(true);
    expect(r.neval).toBe(21);
    expect(calls()).toBe(21);
    const exact = [-1, -1 / 2, -1 / 3];
    for (let q = 0; q < 3; q++) expect(Math.abs(r.value[q] - exact[q])).toBeLessThanOrEqual(4 * Number.EPSILON);
    // exact on polynomials: each error is the roundoff floor 50·ε·∫|f_q| ≤ 50·ε
    expect(Array.from(r.abserr).every((e) => e >= 0 && e <= 50 * Number.EPSILON)).toBe(true);
  });
});

describe('quadVecBatch: options', () => {
  it('the default epsrel is 1e-10: √x on [0, 1] (exact 2/3) bisects to it; a looser epsrel given is used', () => {
    const f = (x: number, out: Float64Array) => (out[0] = Math.sqrt(x));
    const d = quadVec(f, 1, 0, 1, { epsabs: 0 });
    expect(d.converged).toBe(true);
    expect(d.abserr[0]).toBeLessThanOrEqual(1e-10 * (2 / 3));
    expect(d.abserr[0]).toBeGreaterThan(1e-14); // not met by luck on the first panel
    expect(Math.abs(d.value[0] - 2 / 3)).toBeLessThanOrEqual(d.abserr[0]);
    expect(d.neval).toBeGreaterThan(21);
    const loose = quadVec(f, 1, 0, 1, { epsabs: 0, epsrel: 1e-4 });
    expect(loose.converged).toBe(true);
    expect(loose.abserr[0]).toBeLessThanOrEqual(1e-4 * (2 / 3));
    expect(Math.abs(loose.value[0] - 2 / 3)).toBeLessThanOrEqual(loose.abserr[0]);
    expect(loose.neval).toBeLessThan(d.neval);
  });
});


describe('quadVecBatch: the first allocation', () => {
  it('200 pieces on a fresh workspace (past the 128 slots a first allocation of 65 gives): ∫_0^1 of 1 and x exact, 21 calls a piece', () => {
    const points = Array.from({ length: 199 }, (_, k) => (k + 1) / 200);
    const { g, calls } = countedBatch(2, (x, out) => ((out[0] = 1), (out[1] = x)));
    const r = atFreshVecDepth(() => quadVecBatch(g, 2, 0, 1, { points, limit: 10 }));
    expect(r.converged).toBe(true);
    expect(r.neval).toBe(200 * 21);
    expect(calls()).toBe(200 * 21);
    expect(Math.abs(r.value[0] - 1)).toBeLessThanOrEqual(1e-14);
    expect(Math.abs(r.value[1] - 0.5)).toBeLessThanOrEqual(1e-14);
  });
});

describe('quadVecBatch: the stop at panels too narrow to halve', () => {
  it.each([0.1, 0.7])(
    '|x − %d|^(−1/2) on [0, 1], not a breakpoint: stops when the worst panel is one ulp wide, long before limit 2000 (every call counted)',
    (c) => {
      const { g, calls } = countedBatch(2, (x, out) => ((out[0] = x === c ? 0 : 1 / Math.sqrt(Math.abs(x - c))), (out[1] = x)));
      const r = quadVecBatch(g, 2, 0, 1, { epsabs: 0, epsrel: 1e-12, limit: 2000 });
      expect(r.neval).toBe(calls());
      // about two bisections (42 calls, ≤ 3 more for a probe of the ends) per binary digit of c down to
      // its ulp, far under the limit's 21 + 1999·42; bisecting on past a one-ulp panel (its halves
      // one of zero width, one the panel again) doubles the count
      expect(r.neval).toBeLessThan(21 + 2 * 53 * 45);
      const exact = 2 * Math.sqrt(c) + 2 * Math.sqrt(1 - c);
      expect(r.converged).toBe(false); // the mass within an ulp of c is out of reach of doubles
      expect(Math.abs(r.value[0] - exact)).toBeLessThanOrEqual(r.abserr[0]);
      expect(Math.abs(r.value[1] - 0.5)).toBeLessThanOrEqual(Math.max(r.abserr[1], 1e-15));
    },
  );
});

describe('quadVecBatch: the panel bisected is the one with the largest error-to-tolerance ratio over all components', () => {
  it.each([false, true])(
    'pieces [0, ½], [½, 1]; √x on the first (one component), ∛(x − ½) on the second (the other; swapped %s): one bisection (limit 3) goes to the ∛ piece',
    (swap) => {
      // relative errors of one G10K21 panel: 0.74 % for √x on [0, ½], 2.4 % for ∛ on [½, 1]; the
      // tolerances are both relative, so the ∛ piece has the larger ratio whichever slot it sits in
      const sq = swap ? 1 : 0;
      const cb = 1 - sq;
      const f = (x: number, out: Float64Array) => {
        out[sq] = x < 0.5 ? Math.sqrt(x) : 0;
        out[cb] = x < 0.5 ? 0 : Math.cbrt(x - 0.5);
      };
      const r = quadVec(f, 2, 0, 1, { points: [0.5], epsabs: 0, epsrel: 1e-10, limit: 3 });
      expect(r.converged).toBe(false);
      expect(r.neval).toBe(2 * 21 + 42);
      // the two panels alone (one each)
      const p0 = quadVec((x, o) => (o[0] = Math.sqrt(x)), 1, 0, 0.5, { limit: 1 });
      const p1 = quadVec((x, o) => (o[0] = Math.cbrt(x - 0.5)), 1, 0.5, 1, { limit: 1 });
      // the √ piece untouched: the same panel, the same numbers
      expect(r.value[sq]).toBe(p0.value[0]);
      expect(r.abserr[sq]).toBe(p0.abserr[0]);
      // the ∛ piece halved: a smaller error, still covering the true one
      expect(r.abserr[cb]).toBeLessThan(0.5 * p1.abserr[0]);
      const exact = [(2 / 3) * 0.5 ** 1.5, 0.75 * 0.5 ** (4 / 3)];
      expect(Math.abs(r.value[sq] - exact[0])).toBeLessThanOrEqual(r.abserr[sq]);
      expect(Math.abs(r.value[cb] - exact[1])).toBeLessThanOrEqual(r.abserr[cb]);
    },
  );
});

describe('quadVecBatch: partial sums', () => {
  it('partialAt 0.2, 0.5 (also a given breakpoint), 0.8: ∫_0^p of 1 and eˣ at each (closed forms), errors growing to the total', () => {
    const at = [0.2, 0.5, 0.8];
    const { g, calls } = countedBatch(2, (x, out) => ((out[0] = 1), (out[1] = Math.exp(x))));
    const r = quadVecBatch(g, 2, 0, 1, { points: [0.5], partialAt: at, epsabs: 0, epsrel: 1e-12 });
    expect(r.converged).toBe(true);
    expect(r.neval).toBe(4 * 21); // four pieces, each exact to 1e-12 at once
    expect(r.neval).toBe(calls());
    for (let k = 0; k < at.length; k++) {
      const exact = [at[k], Math.expm1(at[k])];
      for (let q = 0; q < 2; q++) {
        const v = r.partial!.value[k * 2 + q];
        const e = r.partial!.abserr[k * 2 + q];
        expect(Math.abs(v - exact[q])).toBeLessThanOrEqual(Math.max(e, 4 * Number.EPSILON));
        expect(e).toBeGreaterThan(0);
        expect(e).toBeLessThan(r.abserr[q]);
        if (k > 0) expect(e).toBeGreaterThan(r.partial!.abserr[(k - 1) * 2 + q]);
      }
    }
    expect(Math.abs(r.value[1] - Math.expm1(1))).toBeLessThanOrEqual(r.abserr[1]);
  });
});

describe('quadVecBatch: roundoffLimited', () => {
  it('a component that is 0 everywhere, with epsabs 0: exact (0 ± 0), converged, not roundoff-limited (its floor 0 is not above a tolerance 0)', () => {
    const r = quadVec((x, out) => ((out[0] = 0), (out[1] = x)), 2, 0, 1, { epsabs: 0, epsrel: 1e-10 });
    expect(r.converged).toBe(true);
    expect(r.neval).toBe(21);
    expect(r.value[0]).toBe(0);
    expect(r.abserr[0]).toBe(0);
    expect(r.roundoffLimited).toBe(false);
  });
});

describe('quadVecBatch: the roundoff floor through bisections', () => {
  it('√x (bisected to 1e-10) beside sin 2πx (∫ = 0, floor 2·50·ε·2/π): the sine is roundoff-limited, both within their errors', () => {
    const { g, calls } = countedBatch(2, (x, out) => ((out[0] = Math.sqrt(x)), (out[1] = Math.sin(2 * Math.PI * x))));
    const r = quadVecBatch(g, 2, 0, 1, { epsabs: 0, epsrel: 1e-10 });
    expect(r.converged).toBe(true);
    expect(r.neval).toBeGreaterThan(21 + 5 * 42); // the √x component needed bisections
    expect(r.neval).toBe(calls());
    expect(r.roundoffLimited).toBe(true);
    expect(Math.abs(r.value[0] - 2 / 3)).toBeLessThanOrEqual(r.abserr[0]);
    expect(r.abserr[0]).toBeLessThanOrEqual(1e-10 * (2 / 3));
    expect(Math.abs(r.value[1])).toBeLessThanOrEqual(r.abserr[1]);
    // the floor is 50·ε·∫|sin 2πx| = 50·ε·2/π summed over panels: the sine's error sits at about it
    expect(r.abserr[1]).toBeGreaterThanOrEqual(50 * Number.EPSILON * (2 / Math.PI) * 0.99);
    expect(r.abserr[1]).toBeLessThan(1e-13);
    // epsabs 3e-14, above the sine's 2·floor = 1.4e-14 (the bisected panels' floors replace their
    // parent's, they do not add to it): not roundoff-limited, the same partition
    const a = quadVecBatch(g, 2, 0, 1, { epsabs: 3e-14, epsrel: 1e-10 });
    expect(a.roundoffLimited).toBe(false);
    expect(a.converged).toBe(true);
    expect(a.neval).toBe(r.neval);
    expect(Math.abs(a.value[1])).toBeLessThanOrEqual(Math.min(a.abserr[1], 3e-14));
  });
});

describe('quadVecBatch: stops at the first partition that meets every tolerance', () => {
  it.each([
    ['√x and eˣ', (x: number, out: Float64Array) => ((out[0] = Math.sqrt(x)), (out[1] = Math.exp(x))), [2 / 3, Math.E - 1]],
    ['x^0.3 and cos 20x', (x: number, out: Float64Array) => ((out[0] = x ** 0.3), (out[1] = Math.cos(20 * x))), [1 / 1.3, Math.sin(20) / 20]],
  ] as const)('%s on [0, 1] to 1e-11: converged; with room for one bisection fewer, not converged', (_name, f, exact) => {
    const opts = { epsabs: 0, epsrel: 1e-11, points: [0.5] };
    const { g, calls } = countedBatch(2, f);
    const r = quadVecBatch(g, 2, 0, 1, opts);
    expect(r.converged).toBe(true);
    expect(r.neval).toBe(calls());
    for (let q = 0; q < 2; q++) {
      expect(Math.abs(r.value[q] - exact[q])).toBeLessThanOrEqual(r.abserr[q] + 1e-15);
      expect(r.abserr[q]).toBeLessThanOrEqual(1e-11 * Math.abs(r.value[q]));
    }
    // two pieces, then 42 calls a bisection: the run had 2 + k intervals at the end
    const k = (r.neval - 2 * 21) / 42;
    expect(Number.isInteger(k) && k > 2).toBe(true);
    // the error is checked after every bisection, so at 2 + k − 1 intervals it was not yet met
    const s = quadVecBatch(g, 2, 0, 1, { ...opts, limit: 2 + k - 1 });
    expect(s.neval).toBe(r.neval - 42);
    expect(s.converged).toBe(false);
  });
});
