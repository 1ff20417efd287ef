/**
 * `eval pw.cutoff` (src/models/pycia-wang/eval.ts), pinned where mutation testing found it loose:
 * every branch of `combine` with exact expected outputs, the request's bounds at their edges, the
 * reason the second route ran for a case that needs each reason, and the condition's error checked
 * as the exact worst case of (T1-1) over the box T1 ± abserr × T2 ± abserr (a linear function: its
 * extremes are at the box's corners), not by re-typing the propagation formula.
 */
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/distributions/schema.ts';
import { conditionT11 } from '../../src/models/pycia-wang/cutoff.ts';
import { combine, N_MAX, parseCutoffRequest, pwCutoff, QUANTILE_ROUTE_SAFETY } from '../../src/models/pycia-wang/eval.ts';
// This file builds expression densities: load their engine (density.ts does not import it).
import '../../src/distributions/expression-engine.ts';

interface Out {
  T1: number;
  T2: number;
  betaStar: number;
  efficient?: boolean;
  condition?: number;
  abserr: { T1: number; T2: number; betaStar: number; condition?: number };
  converged: boolean;
  reason?: string;
  routes: string;
}
const evalPw = (req: unknown) => pwCutoff.evaluate(req) as unknown as Out;
const U01 = { kind: 'uniform', lo: 0, hi: 1 };
const e = (value: number, abserr: number, converged = true) => ({ value, abserr, converged });

/** The refusal a request gets, as its message (field: detail), or undefined if accepted. */
function refusal(req: unknown): string | undefined {
  try {
    parseCutoffRequest(req);
    return undefined;
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
}

describe('combine: each branch, exact outputs', () => {
  test('consistent, equal errors: the first route (the density route) wins the tie', () => {
    expect(combine('T1', e(1, 1e-6), e(1 + 1e-9, 1e-6))).toEqual({ value: 1, abserr: 1e-6, converged: true });
  });

  test('consistent at the edge: a gap exactly the sum of the errors is still consistent', () => {
    // 0.5 + 0.25 = 0.75 = |1 − 1.75|, all exact in binary
    expect(combine('T1', e(1, 0.5), e(1.75, 0.25))).toEqual({ value: 1.75, abserr: 0.25, converged: true });
    // and the other order picks the tighter value too
    expect(combine('T1', e(1.75, 0.25), e(1, 0.5))).toEqual({ value: 1.75, abserr: 0.25, converged: true });
  });

  test('inconsistent: the tighter value, with an error covering the other route (gap + the looser error), not converged', () => {
    const r = combine('T2', e(1, 0.125), e(2, 0.25));
    expect(r.value).toBe(1);
    expect(r.abserr).toBe(1.25);
    expect(r.converged).toBe(false);
    expect(r.reason).toBe('T2: the density route gives 1 ± 0.125 and the quantile route 2 ± 0.25, which disagree');
    // the interval then holds the other route's value and its whole error bar
    expect(r.value + r.abserr).toBeGreaterThanOrEqual(2 + 0.25);
    const s = combine('T2', e(2, 0.25), e(1, 0.125));
    expect([s.value, s.abserr, s.converged]).toEqual([1, 1.25, false]);
  });

  test('only one route usable: that one alone, converged (either side; NaN or infinite values or errors are not usable)', () => {
    for (const bad of [e(0.5, 0.1, false), e(NaN, 0.1), e(0.5, NaN), e(Infinity, 0.1), e(0.5, Infinity)]) {
      expect(combine('T1', e(0.25, 1e-14), bad)).toEqual({ value: 0.25, abserr: 1e-14, converged: true });
      expect(combine('T1', bad, e(0.25, 1e-14))).toEqual({ value: 0.25, abserr: 1e-14, converged: true });
    }
  });

  test('neither converged: the finite one with the smaller error (the first on a tie), flagged with the error to 2 digits', () => {
    expect(combine('T2', e(0.4, 0.3, false), e(0.5, 0.1, false))).toEqual({ value: 0.5, abserr: 0.1, converged: false, reason: 'T2: neither route reached its tolerance (error 0.10)' });
    expect(combine('T2', e(0.5, 0.1, false), e(0.4, 0.3, false))).toMatchObject({ value: 0.5, abserr: 0.1 });
    expect(combine('T2', e(0.4, 0.2, false), e(0.5, 0.2, false))).toMatchObject({ value: 0.4, abserr: 0.2, converged: false });
    // non-finite candidates are dropped even when their error is smaller
    expect(combine('T1', e(NaN, 1e-20, false), e(0.5, 0.1, false))).toMatchObject({ value: 0.5, abserr: 0.1 });
    expect(combine('T1', e(0.5, 0.1, false), e(0.7, NaN, false))).toMatchObject({ value: 0.5, abserr: 0.1 });
    expect(() => combine('T2', e(NaN, 1, false), e(1, Infinity, false))).toThrow(
      'distribution: T2 cannot be computed for this distribution (both the density and the quantile route fail); it is outside what the numerics can answer',
    );
  });
});

describe('the request at its bounds', () => {
  test('n: a whole number in [2, N_MAX]', () => {
    expect(refusal({ n: 2, distribution: U01 })).toBeUndefined();
    expect(refusal({ n: N_MAX, distribution: U01 })).toBeUndefined();
    expect(N_MAX).toBe(10_000);
    expect(refusal({ n: 1, distribution: U01 })).toBe('n: must be at least 2');
    expect(refusal({ n: N_MAX + 1, distribution: U01 })).toBe('n: must be at most 10000');
    // type errors are worded by firstIssue (src/distributions/schema.ts), not by the schema's messages
    expect(refusal({ n: 2.5, distribution: U01 })).toBe('n: must be an integer (got 2.5)');
  });

  test('shares: numbers in [0, 1], n of them, summing to 1 within 1e-9, then normalised exactly', () => {
    expect(refusal({ n: 2, shares: [0, 1], distribution: U01 })).toBeUndefined();
    expect(refusal({ n: 2, shares: [-Number.MIN_VALUE, 1], distribution: U01 })).toMatch(/^shares(\.0|\[0\])?: must be ≥ 0$/);
    expect(refusal({ n: 2, shares: [0, 1 + Number.EPSILON], distribution: U01 })).toMatch(/^shares(\.1|\[1\])?: must be ≤ 1$/);
    expect(refusal({ n: 3, shares: [0.5, 0.5], distribution: U01 })).toBe('shares: must have n = 3 entries (got 2)');
    expect(refusal({ n: 2, shares: [0.5, 0.5 + 2e-9], distribution: U01 })).toBe(`shares: must sum to 1 (got ${0.5 + (0.5 + 2e-9)})`);
    expect(refusal({ n: 2, shares: [0.5, 0.5 - 2e-9], distribution: U01 })).toMatch(/^shares: must sum to 1/);
    // within the tolerance: accepted and divided by the sum
    const p = parseCutoffRequest({ n: 2, shares: [0.25, 0.75 + 5e-10], distribution: U01 });
    expect(p.shares).toEqual([0.25 / (1 + 5e-10), (0.75 + 5e-10) / (1 + 5e-10)]);
    expect(parseCutoffRequest({ n: 4, distribution: U01 }).shares).toEqual([0.25, 0.25, 0.25, 0.25]);
  });

  test('beta ≥ 0; distribution required and continuous', () => {
    expect(refusal({ n: 2, distribution: U01, beta: 0 })).toBeUndefined();
    expect(parseCutoffRequest({ n: 2, distribution: U01, beta: 0 }).beta).toBe(0);
    expect(refusal({ n: 2, distribution: U01, beta: -Number.MIN_VALUE })).toBe('beta: must be ≥ 0 (the paper assumes β ≥ 0)');
    expect(refusal({ n: 2 })).toBe('distribution: is required');
    const atoms = 'distribution: atoms are outside the model: Pycia–Wang need a continuous F (ties break the efficient rule)';
    expect(refusal({ n: 2, distribution: { kind: 'atoms', points: [[0, 1], [1, 1]] } })).toBe(atoms);
    expect(refusal({ n: 2, distribution: { kind: 'mixture', parts: [{ weight: 1, dist: U01 }, { weight: 1, dist: { kind: 'atoms', points: [[0.5, 1]] } }] } })).toBe(atoms);
  });

  test('a density that cannot be built is refused naming its field path in the request', () => {
    const narrow = { kind: 'density', expr: 'max(0, 1e-6 - abs(x - 0.3))', lo: 0, hi: 1 };
    expect(refusal({ n: 2, distribution: narrow })).toMatch(/^distribution\.expr: is positive only on a sliver of width 2e-6 near x = 0\.3/);
    expect(refusal({ n: 2, distribution: { kind: 'mixture', parts: [{ weight: 1, dist: narrow }] } })).toMatch(/^distribution\.parts\[0\]\.dist\.expr: is positive only/);
  });

  test('a distribution asked for again is answered identically (the cache of built distributions)', () => {
    const req = { n: 3, distribution: { kind: 'beta', a: 2, b: 3, lo: 0, hi: 1 } };
    const first = parseCutoffRequest(req).dist;
    expect(parseCutoffRequest(req).dist).toBe(first);
    // more distinct distributions than the cache holds, then the first again: rebuilt, same answer
    for (let k = 0; k < 20; k++) parseCutoffRequest({ n: 2, distribution: { kind: 'uniform', lo: 0, hi: 1 + k } });
    expect(JSON.stringify(evalPw(req))).toBe(JSON.stringify(evalPw({ ...req })));
  });
});

describe('why the second route ran: each reason pinned by a case that needs it', () => {
  test('a tame market: the density route alone, with its own errors', () => {
    const o = evalPw({ n: 3, distribution: U01 });
    expect(o.routes).toBe('density route (converged well within tolerance on a well-conditioned F)');
    // uniform(0,1), n = 3, equal shares: T1 = 2/4 − (2/3)·3·(1/3)^{3/2}, T2 = −1/4
    expect(Math.abs(o.T1 - (0.5 - 2 * (1 / 3) ** 1.5))).toBeLessThanOrEqual(o.abserr.T1);
    expect(Math.abs(o.T2 + 0.25)).toBeLessThanOrEqual(o.abserr.T2);
    expect(o.abserr.T1).toBeLessThan(1e-12);
  });

  test('the density route did not converge: Beta(½, ½) (density unbounded at both ends)', () => {
    expect(evalPw({ n: 3, distribution: { kind: 'beta', a: 0.5, b: 0.5, lo: 0, hi: 1 } }).routes).toBe('density and quantile routes (the density route did not converge)');
  });

  test('the density is unbounded at an end, but the density route converged: Beta(0.7, 2)', () => {
    expect(evalPw({ n: 3, distribution: { kind: 'beta', a: 0.7, b: 2, lo: 0, hi: 1 } }).routes).toBe('density and quantile routes (the density is unbounded at an end)');
  });

  test('the density route’s error is above 1e-9 of the values: a spike of width 1e-4 holding most of the mass', () => {
    const o = evalPw({ n: 3, distribution: { kind: 'piecewise-uniform', pieces: [{ lo: 0, hi: 0.5, weight: 1 }, { lo: 0.5, hi: 0.5001, weight: 1e3 }, { lo: 0.5001, hi: 1, weight: 1 }] } });
    expect(o.routes).toBe('density and quantile routes (the density route’s error is above 1e-9 of the values)');
    expect(o.converged).toBe(true);
  });

  test('F was reframed: a narrow uniform far from 0 (closed form, and the quantile route’s error widened ×10 still within 1e-6 relative)', () => {
    const lo = 1e8;
    const hi = 100000000.000001;
    const w = hi - lo;
    const o = evalPw({ n: 3, distribution: { kind: 'uniform', lo, hi } });
    expect(o.routes).toBe('density and quantile routes (F was reframed: far from 0, narrow or at an extreme scale)');
    const T1 = w * (0.5 - 2 * (1 / 3) ** 1.5);
    expect(Math.abs(o.T1 - T1)).toBeLessThanOrEqual(o.abserr.T1);
    expect(Math.abs(o.T2 + w / 4)).toBeLessThanOrEqual(o.abserr.T2);
    expect(QUANTILE_ROUTE_SAFETY).toBe(10);
  });
});

describe('β* and condition (T1-1)', () => {
  /** The exact worst case of the condition over the box of T1 and T2 within their errors. */
  function cornerError(o: Out, n: number, beta: number): number {
    const c = conditionT11(o.T1, o.T2, n, beta);
    let worst = 0;
    for (const s1 of [-1, 1]) for (const s2 of [-1, 1]) worst = Math.max(worst, Math.abs(conditionT11(o.T1 + s1 * o.abserr.T1, o.T2 + s2 * o.abserr.T2, n, beta) - c));
    return worst;
  }

  test('uniform(0,1), n = 3, β = 0.5: efficient, condition and its error as the box’s worst case', () => {
    const n = 3;
    const o = evalPw({ n, distribution: U01, beta: 0.5 });
    const T1 = 0.5 - 2 * (1 / 3) ** 1.5;
    // (1 + β/n)T1 + (β/n)T2 with T2 = −1/4
    expect(Math.abs(o.condition! - ((1 + 0.5 / n) * T1 - 0.5 / n / 4))).toBeLessThanOrEqual(o.abserr.condition!);
    expect(Math.abs(o.abserr.condition! - cornerError(o, n, 0.5))).toBeLessThanOrEqual(1e-3 * o.abserr.condition!);
    expect(o.efficient).toBe(true);
    expect(o.converged).toBe(true);
    expect(o.reason).toBeUndefined();
    expect(Object.keys(o.abserr)).toEqual(['T1', 'T2', 'betaStar', 'condition']);
  });

  test('β = 3 above β* ≈ 2.56: not efficient, decided; without β no condition in the output', () => {
    const o = evalPw({ n: 3, distribution: U01, beta: 3 });
    expect(o.efficient).toBe(false);
    expect(o.condition!).toBeLessThan(-o.abserr.condition!);
    expect(Math.abs(o.abserr.condition! - cornerError(o, 3, 3))).toBeLessThanOrEqual(1e-3 * o.abserr.condition!);
    expect(o.converged).toBe(true);
    const p = evalPw({ n: 3, distribution: U01 });
    expect(p.efficient).toBeUndefined();
    expect(p.condition).toBeUndefined();
    expect(Object.keys(p.abserr)).toEqual(['T1', 'T2', 'betaStar']);
  });

  test('β at β* itself: the condition is 0 within its error, so the answer says it is undecided', () => {
    const b = evalPw({ n: 3, distribution: U01 }).betaStar;
    const o = evalPw({ n: 3, distribution: U01, beta: b });
    expect(Math.abs(o.condition!)).toBeLessThanOrEqual(o.abserr.condition!);
    expect(o.converged).toBe(false);
    expect(o.reason).toBe(`condition (T1-1) is ${o.condition} ± ${o.abserr.condition}: whether trade can be efficient at beta = ${b} is undecided`);
  });

  test('β* = −nT1/(T1 + T2) and its error: the closed form within it (uniform, n = 3)', () => {
    const o = evalPw({ n: 3, distribution: U01 });
    const T1 = 0.5 - 2 * (1 / 3) ** 1.5;
    const bs = (-3 * T1) / (T1 - 0.25);
    expect(Math.abs(o.betaStar - bs)).toBeLessThanOrEqual(o.abserr.betaStar);
    expect(o.abserr.betaStar).toBeGreaterThan(0);
    expect(o.abserr.betaStar).toBeLessThan(1e-10);
  });
});
