/**
 * `eval pw.cutoff`'s decisions (src/models/pycia-wang/eval.ts) on route outputs no real market
 * gives on demand: the two routes are replaced by stand-ins returning chosen estimates, so that each
 * branch — when the second route runs, its ×10 safety factor, T1 + T2 = 0 within its error, a β*
 * that is not finite — is pinned by a case that needs it. The real routes are checked against
 * references in eval-mutants.test.ts, eval-illcond.test.ts and eval-reference.test.ts.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { Estimate } from '../../src/models/pycia-wang/cutoff.ts';

const routes = vi.hoisted(() => ({
  a: undefined as undefined | { T1: Estimate; T2: Estimate },
  b: undefined as undefined | { T1: Estimate; T2: Estimate },
  quantileCalls: 0,
}));

vi.mock('../../src/models/pycia-wang/cutoff.ts', async (orig) => {
  const real = await orig<typeof import('../../src/models/pycia-wang/cutoff.ts')>();
  return { ...real, cutoffGroups: (...args: Parameters<typeof real.cutoffGroups>) => (routes.a ? { ...real.cutoffGroups(...args), ...routes.a } : real.cutoffGroups(...args)) };
});
vi.mock('../../src/models/pycia-wang/quantile.ts', async (orig) => {
  const real = await orig<typeof import('../../src/models/pycia-wang/quantile.ts')>();
  return {
    ...real,
    cutoffQuantile: (...args: Parameters<typeof real.cutoffQuantile>) => {
      routes.quantileCalls++;
      return routes.b ? { ...real.cutoffQuantile(...args), ...routes.b } : real.cutoffQuantile(...args);
    },
  };
});

const { pwCutoff } = await import('../../src/models/pycia-wang/eval.ts');

interface Out {
  T1: number;
  T2: number;
  betaStar: number;
  abserr: { T1: number; T2: number; betaStar: number; condition?: number };
  converged: boolean;
  reason?: string;
  routes: string;
}
const evalPw = (req: unknown) => pwCutoff.evaluate(req) as unknown as Out;
const U01 = { kind: 'uniform', lo: 0, hi: 1 };
const est = (value: number, abserr: number, converged = true): Estimate => ({ value, abserr, converged });

afterEach(() => {
  routes.a = undefined;
  routes.b = undefined;
  routes.quantileCalls = 0;
});

describe('when the quantile route runs', () => {
  test('a density route within 1e-9 of the values (|T1| + |T2| = 1) on a tame F: alone, at the edge too', () => {
    routes.a = { T1: est(0.25, 1e-9), T2: est(-0.75, 1e-9) };
    const o = evalPw({ n: 3, distribution: U01 });
    expect(o.routes).toBe('density route (converged well within tolerance on a well-conditioned F)');
    expect(routes.quantileCalls).toBe(0);
    expect([o.T1, o.T2, o.abserr.T1, o.abserr.T2]).toEqual([0.25, -0.75, 1e-9, 1e-9]);
    expect(o.converged).toBe(true);
  });

  test('the 1e-9 is relative to |T1| + |T2| (here 2): an error of 1.5e-9 in each is within it', () => {
    routes.a = { T1: est(0.5, 1.5e-9), T2: est(-1.5, 1.5e-9) };
    expect(evalPw({ n: 3, distribution: U01 }).routes).toBe('density route (converged well within tolerance on a well-conditioned F)');
    expect(routes.quantileCalls).toBe(0);
  });

  test.each([
    ['T1 not converged', est(0.25, 1e-12, false), est(-0.75, 1e-12)],
    ['T2 not converged', est(0.25, 1e-12), est(-0.75, 1e-12, false)],
    ['T1 NaN', est(NaN, 1e-12), est(-0.75, 1e-12)],
    ['T1’s error infinite', est(0.25, Infinity), est(-0.75, 1e-12)],
    ['T2 NaN', est(0.25, 1e-12), est(NaN, 1e-12)],
    ['T2’s error NaN', est(0.25, 1e-12), est(-0.75, NaN)],
  ])('%s: the density route did not converge', (_, T1, T2) => {
    routes.a = { T1, T2 };
    expect(evalPw({ n: 3, distribution: U01 }).routes).toBe('density and quantile routes (the density route did not converge)');
    expect(routes.quantileCalls).toBe(1);
  });

  test.each([
    ['T1', est(0.25, 1.0000001e-9), est(-0.75, 0)],
    ['T2', est(0.25, 0), est(-0.75, 1.0000001e-9)],
    ['T1, scale from |T2| alone', est(0, 2e-9), est(-1, 0)],
    ['T2, scale from |T1| alone', est(1, 0), est(0, 2e-9)],
  ])('%s error just above 1e-9 of |T1| + |T2|: the second route runs', (_, T1, T2) => {
    routes.a = { T1, T2 };
    expect(evalPw({ n: 3, distribution: U01 }).routes).toBe('density and quantile routes (the density route’s error is above 1e-9 of the values)');
  });

  test('the quantile route’s errors count ×10 (QUANTILE_ROUTE_SAFETY) when it is the tighter one', () => {
    routes.a = { T1: est(0.25, 1e-3, false), T2: est(-0.75, 1e-3, false) };
    routes.b = { T1: est(0.2500001, 1e-8), T2: est(-0.7500001, 2e-8) };
    const o = evalPw({ n: 3, distribution: U01 });
    expect(o.T1).toBe(0.2500001);
    expect(o.abserr.T1).toBeCloseTo(1e-7, 22);
    expect(o.abserr.T2).toBeCloseTo(2e-7, 22);
    expect(o.converged).toBe(true);
  });

  test('inconsistent routes: the result is not converged and names the quantity', () => {
    routes.a = { T1: est(0.25, 1e-3, true), T2: est(-0.75, 1e-12) };
    routes.b = { T1: est(2.5, 0.0625), T2: est(-0.75, 1e-12) };
    const o = evalPw({ n: 3, distribution: U01 });
    expect(o.converged).toBe(false);
    // the quantile route's error is shown widened: 10 × 0.0625
    expect(o.reason).toMatch(/^T1: the density route gives 0.25 ± 0.001 and the quantile route 2.5 ± 0.625, which disagree/);
    expect([o.T1, o.abserr.T1]).toEqual([0.25, 2.25 + 0.625]);
  });
});

describe('β* undetermined or not finite', () => {
  test('T1 + T2 = 0 within its error: β* is not determined, said so', () => {
    routes.a = { T1: est(0.5, 1e-12), T2: est(-0.5 - 1e-12, 1e-12) };
    const o = evalPw({ n: 3, distribution: U01 });
    expect(o.converged).toBe(false);
    expect(o.reason).toBe('T1 + T2 is 0 within its error: β* is not determined');
    // just outside: decided
    routes.a = { T1: est(0.5, 1e-12), T2: est(-0.5 - 2.5e-12, 1e-12) };
    expect(evalPw({ n: 3, distribution: U01 }).converged).toBe(true);
  });

  test('T1 + T2 = 0 exactly at the edge of its error (|T1 + T2| = the errors’ sum): not determined', () => {
    // 0.5 − 0.75 = −0.25 = −(0.125 + 0.125), all exact; both routes give the same (consistent)
    routes.a = { T1: est(0.5, 0.125), T2: est(-0.75, 0.125) };
    routes.b = { T1: est(0.5, 0.0125), T2: est(-0.75, 0.0125) };
    const o = evalPw({ n: 3, distribution: U01 });
    expect([o.abserr.T1, o.abserr.T2]).toEqual([0.125, 0.125]);
    expect(o.reason).toBe('T1 + T2 is 0 within its error: β* is not determined');
  });

  test('T1 + T2 = 0 exactly: β* is infinite and the request is refused naming distribution', () => {
    routes.a = { T1: est(0.5, 1e-12), T2: est(-0.5, 1e-12) };
    expect(() => evalPw({ n: 3, distribution: U01 })).toThrow('distribution: betaStar is not finite for this distribution: outside what the numerics can answer');
  });

  test('condition (T1-1) exactly 0 (T1 = 0 at β = 0): efficient, as the condition is ≥ 0, but undecided within its error', () => {
    routes.a = { T1: est(0, 1e-12), T2: est(-0.5, 1e-12) };
    const o = evalPw({ n: 3, distribution: U01, beta: 0 }) as Out & { efficient: boolean; condition: number };
    expect(o.condition).toBe(0);
    expect(o.efficient).toBe(true);
    expect(o.converged).toBe(false);
  });

  test('condition (T1-1) exactly at its error (|cond| = err): undecided', () => {
    // β = 0: cond = T1 = 0.25 and err = T1's error = 0.25 (the routes agree, the tighter one's error)
    routes.a = { T1: est(0.25, 0.25), T2: est(-0.75, 1e-12) };
    routes.b = { T1: est(0.25, 0.03125), T2: est(-0.75, 1e-12) };
    const o = evalPw({ n: 3, distribution: U01, beta: 0 }) as Out & { condition: number };
    expect([o.condition, o.abserr.condition]).toEqual([0.25, 0.25]);
    expect(o.converged).toBe(false);
    expect(o.reason).toMatch(/^condition \(T1-1\) is 0\.25 ± 0\.25: whether trade can be efficient at beta = 0 is undecided/);
  });

  test('the reasons are joined in order: a route disagreement, then β* undetermined', () => {
    routes.a = { T1: est(0.5, 1e-12, false), T2: est(-0.5, 1e-3) };
    routes.b = { T1: est(0.75, 1e-13), T2: est(-2.5, 0.0625) };
    const o = evalPw({ n: 3, distribution: U01 });
    expect(o.reason).toBe('T2: the density route gives -0.5 ± 0.001 and the quantile route -2.5 ± 0.625, which disagree; T1 + T2 is 0 within its error: β* is not determined');
  });
});
