import { describe, expect, it } from 'vitest';
import { quad, quadVec, quadVecBatch, type BatchIntegrand } from '../../src/numeric/quadrature.ts';

// Mutation testing of quadVecBatch's a > b branch with partialAt (quadrature.ts, issue #9, mut14-qb;
// the re-basing of f2494f3): the integrals from a down to each point against closed forms, their
// errors against the error the run actually made and against the same integral run upward (the
// panels right of t carry what the left ones do not). Data built inside the tests (Stryker's
// per-test coverage cannot attribute module-level code).

/** [√(1 − x), cos 3x] node by node: the first component's error sits next to x = 1. */
function sqrtCos(): BatchIntegrand {
  return (xs, count, out) => {
    for (let i = 0; i < count; i++) {
      out[2 * i] = Math.sqrt(1 - xs[i]);
      out[2 * i + 1] = Math.cos(3 * xs[i]);
    }
  };
}

describe('quadVecBatch from 1 down to 0 with partialAt', () => {
  it('∫_1^t of √(1 − x) and cos 3x at t = 0.001, 0.25, 0.5, 0.9 (closed forms), each within its error', () => {
    const at = [0.001, 0.25, 0.5, 0.9];
    const r = quadVecBatch(sqrtCos(), 2, 1, 0, { epsabs: 0, epsrel: 1e-6, partialAt: at });
    expect(r.converged).toBe(true);
    const total = [-2 / 3, -Math.sin(3) / 3];
    for (let q = 0; q < 2; q++) expect(Math.abs(r.value[q] - total[q])).toBeLessThanOrEqual(r.abserr[q]);
    // ∫_1^t √(1 − x) dx = −⅔(1 − t)^{3/2}; ∫_1^t cos 3x dx = (sin 3t − sin 3)/3
    const exact = (t: number, q: number) => (q === 0 ? (-2 / 3) * (1 - t) ** 1.5 : (Math.sin(3 * t) - Math.sin(3)) / 3);
    const p = r.partial!;
    expect(p.value.length).toBe(8);
    for (let k = 0; k < at.length; k++) {
      for (let q = 0; q < 2; q++) {
        const e = p.abserr[k * 2 + q];
        expect(Math.abs(p.value[k * 2 + q] - exact(at[k], q))).toBeLessThanOrEqual(Math.max(e, 8 * Number.EPSILON));
        expect(e).toBeLessThanOrEqual(r.abserr[q]);
        if (k > 0) expect(e).toBeLessThanOrEqual(p.abserr[(k - 1) * 2 + q]);
      }
      // √(1 − x)'s error is made next to 1, inside every [t, 1]: each partial carries most of it,
      // and the run's value misses ∫ by far more than rounding (3e-10 here), so a zero error would fail above
      expect(p.abserr[k * 2]).toBeGreaterThan(0.5 * r.abserr[0]);
    }
    expect(Math.abs(r.value[0] - total[0])).toBeGreaterThan(1e-12);
  });

  it('against the same integral run upward: values ∫_t^1 negated, errors the upward total less the upward partial', () => {
    const at = [0.25, 0.5, 0.9];
    const down = quadVecBatch(sqrtCos(), 2, 1, 0, { epsabs: 0, epsrel: 1e-6, partialAt: at });
    const up = quadVecBatch(sqrtCos(), 2, 0, 1, { epsabs: 0, epsrel: 1e-6, partialAt: at });
    for (let q = 0; q < 2; q++) expect(down.value[q]).toBe(-up.value[q]);
    for (let k = 0; k < at.length; k++) {
      for (let q = 0; q < 2; q++) {
        const i = k * 2 + q;
        // ∫_1^t + ∫_0^t − ∫_0^1 = 0 up to the sums' rounding
        expect(Math.abs(down.partial!.value[i] + (up.value[q] - up.partial!.value[i]))).toBeLessThanOrEqual(4 * Number.EPSILON);
        // the panels right of t and those left of it make up the whole partition
        expect(Math.abs(down.partial!.abserr[i] + up.partial!.abserr[i] - up.abserr[q])).toBeLessThanOrEqual(1e-12 * up.abserr[q]);
      }
    }
    // upward, √(1 − x)'s hard panels are right of every t: small partial errors there; downward, large
    expect(up.partial!.abserr[0]).toBeLessThan(1e-3 * up.abserr[0]);
    expect(down.partial!.abserr[0]).toBeGreaterThan(0.5 * up.abserr[0]);
  });

  it('one component, one point: ∫_2^1 2x dx = −3 and ∫_2^1.5 = −1.75 (the component index k mod dim with dim = 1)', () => {
    const g: BatchIntegrand = (xs, count, out) => {
      for (let i = 0; i < count; i++) out[i] = 2 * xs[i];
    };
    const r = quadVecBatch(g, 1, 2, 1, { partialAt: [1.5] });
    expect(r.value[0]).toBeCloseTo(-3, 14);
    expect(r.partial!.value[0]).toBeCloseTo(-1.75, 14);
    expect(r.partial!.abserr[0]).toBeGreaterThanOrEqual(0);
    expect(r.partial!.abserr[0]).toBeLessThanOrEqual(r.abserr[0]);
  });

  it('without partialAt: no partial sums, the value negated (∫_1^0 of 1 and x: −1, −½)', () => {
    const g: BatchIntegrand = (xs, count, out) => {
      for (let i = 0; i < count; i++) ((out[2 * i] = 1), (out[2 * i + 1] = xs[i]));
    };
    const r = quadVecBatch(g, 2, 1, 0);
    expect(r.partial).toBeUndefined();
    expect(r.value[0]).toBeCloseTo(-1, 15);
    expect(r.value[1]).toBeCloseTo(-0.5, 15);
  });

  it('a failed run (f NaN above 0.7) keeps the failure contract: partial values NaN, partial errors ∞ (were NaN: ∞ − ∞)', () => {
    const g: BatchIntegrand = (xs, count, out) => {
      for (let i = 0; i < count; i++) ((out[2 * i] = 1), (out[2 * i + 1] = xs[i] > 0.7 ? NaN : 1));
    };
    const r = quadVecBatch(g, 2, 1, 0, { partialAt: [0.25, 0.5] });
    expect(r.converged).toBe(false);
    expect(Array.from(r.abserr)).toEqual([Infinity, Infinity]);
    expect(Array.from(r.partial!.value).every(Number.isNaN)).toBe(true);
    expect(Array.from(r.partial!.abserr)).toEqual([Infinity, Infinity, Infinity, Infinity]);
  });
});

describe('quad on (−∞, ∞): a breakpoint off ±1 lands on its kink (quadInfinite, t = 2x/(1 + √(1 + 4x²)))', () => {
  // At x = ±1 the map's 2x equals 2/x, so the tests at ±1 could not tell them apart (mut14-qb's run)
  it.each([
    // E|Z − c| = 2φ(c) + c(2Φ(c) − 1); Φ(2) = 0.9772498680518208, Φ(0.5) = 0.6914624612740131 (printed tables)
    [2, 0.9772498680518208],
    [0.5, 0.6914624612740131],
  ])('E|Z − %d|: the closed form within abserr, in under 0.6× the evaluations of the run without the point', (c, Phi) => {
    const f = (x: number) => (Math.abs(x - c) * Math.exp(-0.5 * x * x)) / Math.sqrt(2 * Math.PI);
    const exact = (2 * Math.exp(-0.5 * c * c)) / Math.sqrt(2 * Math.PI) + c * (2 * Phi - 1);
    const plain = quad(f, -Infinity, Infinity);
    const r = quad(f, -Infinity, Infinity, { points: [c] });
    expect(r.converged).toBe(true);
    expect(Math.abs(r.value - exact)).toBeLessThanOrEqual(r.abserr);
    // the kink at a panel end: smooth pieces, about half the bisections (420 against 945, 336 against 987)
    expect(r.neval).toBeLessThan(0.6 * plain.neval);
  });
});

describe('quad with a > b and an infinite limit: the reversed run, negated', () => {
  it('f = 2e^(−x) right of 0, e^x left of it: ∫_∞^0 = −2, ∫_0^(−∞) = −1 (a reversed (−∞, 0] or [0, ∞) is not the other half-line)', () => {
    const f = (x: number) => (x > 0 ? 2 * Math.exp(-x) : Math.exp(x));
    const right = quad(f, Infinity, 0);
    expect(right.converged).toBe(true);
    expect(Math.abs(right.value + 2)).toBeLessThanOrEqual(right.abserr + 4 * Number.EPSILON);
    const left = quad(f, 0, -Infinity);
    expect(left.converged).toBe(true);
    expect(Math.abs(left.value + 1)).toBeLessThanOrEqual(left.abserr + 4 * Number.EPSILON);
  });
});

describe('quadVec with six components: the probed ends have room for every component (VecWorkspace.pv, 3·dim)', () => {
  // A dimension no earlier test of this file uses, so this run sizes the workspace itself (Stryker
  // credits the allocation to the test that makes it)
  it("(x − 0.7)^(−0.7) right of 0.7 in component 0, 1 and x beside it: the singular component's error within its abserr", () => {
    const r = quadVec(
      (x, out) => {
        out[0] = x <= 0.7 ? 0 : (x - 0.7) ** -0.7;
        for (let q = 1; q < 6; q++) out[q] = q % 2 === 1 ? 1 : x;
      },
      6,
      0,
      1,
      { limit: 2000 },
    );
    const exact = (1 - 0.7) ** 0.3 / 0.3;
    const e = Math.abs(r.value[0] - exact);
    expect(e).toBeLessThanOrEqual(r.abserr[0]);
    expect(r.abserr[0]).toBeLessThan(20 * e);
    for (let q = 1; q < 6; q++) expect(Math.abs(r.value[q] - (q % 2 === 1 ? 1 : 0.5))).toBeLessThanOrEqual(r.abserr[q] + 1e-15);
  });
});
