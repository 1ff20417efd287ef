/**
 * Issue #9, item 1: every Pycia–Wang claim certifies a case by a route its property does not
 * take. A bug injected into the property's route (the model's cutoffGroups) makes the property
 * report a counterexample that is not there; certification must then disagree (not interesting),
 * and on a true counterexample it must agree. The runner records the route as `certifiedBy`.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { Dist } from '../../src/distributions/types.ts';

const bug = vi.hoisted(() => ({ bracket: 0, betaStarAt: 0, betaStarScale: 1 }));

vi.mock('../../src/models/pycia-wang/cutoff.ts', async (importOriginal) => {
  const orig = await importOriginal<typeof import('../../src/models/pycia-wang/cutoff.ts')>();
  /** cutoffGroups with every bracket (so T_1) off by bug.bracket, and β* scaled at n = bug.betaStarAt. */
  const cutoffGroups: typeof orig.cutoffGroups = (dist: Dist, n, groups, precision, extra) => {
    const g = orig.cutoffGroups(dist, n, groups, precision, extra);
    if (bug.bracket === 0 && bug.betaStarAt !== n) return g;
    const T1 = { ...g.T1, value: g.T1.value + n * bug.bracket };
    const bs = orig.betaStar(T1.value, g.T2.value, n) * (bug.betaStarAt === n ? bug.betaStarScale : 1);
    return { ...g, T1, betaStar: bs, groups: g.groups.map((x) => ({ ...x, bracket: x.bracket + bug.bracket })) };
  };
  return { ...orig, cutoffGroups };
});

const { interesting } = await import('../../src/claims/runner.ts');
const { pwClaims } = await import('./claims.ts');
const { negativeSum, t25Printed } = await import('./cutoff.ts');
const { monotone } = await import('./example1.ts');
const { EXACT_ROUTE, QUANTILE_ROUTE } = await import('./common.ts');

afterEach(() => {
  bug.bracket = 0;
  bug.betaStarAt = 0;
  bug.betaStarScale = 1;
});

const std = (c: { tolerance: { abs?: number; rel?: number; why: string } }) => ({ precision: 'standard' as const, tolerance: c.tolerance });
const uniform = { kind: 'uniform' as const, lo: 0, hi: 1 };
const beta23 = { kind: 'beta' as const, a: 2, b: 3, lo: 0, hi: 1 };

test('every PW claim certifies by a route it names in words', () => {
  for (const c of pwClaims) expect(typeof c.certify, c.id).toBe('function');
  const r = t25Printed.certify!({ market: { n: 2, shares: [0.5, 0.5], dist: uniform }, agent: 0 }, std(t25Printed));
  expect(r.route).toBe(EXACT_ROUTE);
});

describe('PW.T2-5.as-printed (the finding)', () => {
  test('the printed (T2-5) is certified false: exactly on uniform, by quantile-space quadrature on Beta(2, 3)', () => {
    const u = { market: { n: 2, shares: [0.5, 0.5], dist: uniform }, agent: 0 };
    const eu = t25Printed.certify!(u, std(t25Printed));
    expect(interesting(t25Printed, eu), JSON.stringify(eu.numbers)).toBe(true);
    // left 1/24 against printed −1/4 (CLAIMS.md)
    expect(eu.numbers.lhs as number).toBeCloseTo(1 / 24, 15);
    expect(eu.numbers.printedRhs as number).toBeCloseTo(-1 / 4, 15);
    const b = { market: { n: 3, shares: [0.5, 0.3, 0.2], dist: beta23 }, agent: 1 };
    const eb = t25Printed.certify!(b, std(t25Printed));
    expect(eb.route).toContain(QUANTILE_ROUTE);
    expect(interesting(t25Printed, eb)).toBe(true);
  });

  for (const dist of [uniform, beta23]) {
    test(`a bracket bug in the model fakes a counterexample where (T2-5) as printed is true (r_i = 1, ${dist.kind}); certification disagrees`, () => {
      // With r_i = 1, v_i* = v̄ and the printed and corrected forms coincide: no counterexample.
      const ac = { market: { n: 2, shares: [1, 0], dist }, agent: 0 };
      expect(interesting(t25Printed, t25Printed.property(ac, std(t25Printed)))).toBe(false);
      bug.bracket = 0.05;
      expect(interesting(t25Printed, t25Printed.property(ac, std(t25Printed)))).toBe(true);
      const c = t25Printed.certify!(ac, std(t25Printed));
      expect(interesting(t25Printed, c), JSON.stringify(c.numbers)).toBe(false);
    });
  }
});

describe('PW.Ex1.beta-star-monotone (refuted)', () => {
  test('the saved drop (density ∝ (x − 3)² + 0.01 on [1, 5], n = 2 → 3) is certified by quantile-space quadrature', () => {
    const mc = { dist: { kind: 'density' as const, expr: '(x - 3)^2 + 0.01', lo: 1, hi: 5 }, n: 2 };
    const c = monotone.certify!(mc, std(monotone));
    expect(c.route).toContain(QUANTILE_ROUTE);
    expect(interesting(monotone, c), JSON.stringify(c.numbers)).toBe(true);
    expect(c.numbers.drop as number).toBeCloseTo(1.5769572921982, 9);
  });

  for (const dist of [uniform, beta23]) {
    test(`a β* bug at n = 4 fakes a drop for ${dist.kind} (monotone there); certification disagrees`, () => {
      const mc = { dist, n: 3 };
      expect(interesting(monotone, monotone.property(mc, std(monotone)))).toBe(false);
      bug.betaStarAt = 4;
      bug.betaStarScale = 0.5;
      expect(interesting(monotone, monotone.property(mc, std(monotone)))).toBe(true);
      const c = monotone.certify!(mc, std(monotone));
      expect(c.route).toBe(dist.kind === 'uniform' ? EXACT_ROUTE : `${QUANTILE_ROUTE}, high precision`);
      expect(interesting(monotone, c), JSON.stringify(c.numbers)).toBe(false);
    });
  }
});

test('PW.Thm2.negative-sum: T1 off by +1 fakes a violation; quantile-space quadrature and exact arithmetic disagree', () => {
  for (const dist of [uniform, beta23]) {
    const spec = { n: 3, shares: [0.2, 0.3, 0.5], dist };
    bug.bracket = 1 / 3;
    expect(interesting(negativeSum, negativeSum.property(spec, std(negativeSum)))).toBe(true);
    const c = negativeSum.certify!(spec, std(negativeSum));
    expect(interesting(negativeSum, c), `${dist.kind}: ${JSON.stringify(c.numbers)}`).toBe(false);
  }
});
