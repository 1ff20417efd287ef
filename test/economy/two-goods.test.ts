/**
 * The two-good utility families against characterisations that share no code with their formulas:
 * demand against the first-order condition and the budget, against brute-force maximisation on a
 * grid, marginals against finite differences of the value, CES against log as σ → 1, and the
 * extremes (σ = 0.05, 20, tiny prices and wealth) that overflow a direct power formula.
 */
import { describe, expect, test } from 'vitest';
import {
  demand,
  logDemand,
  logMrs,
  marginalUtilities,
  mrs,
  scaleUtility,
  utilityRangeError,
  utilityValue,
  type TwoGoodUtility,
} from '../../src/economy/two-goods.ts';

const log = (a: number, b: number): TwoGoodUtility => ({ kind: 'log', a, b });
const ces = (a: number, b: number, sigma: number): TwoGoodUtility => ({ kind: 'ces', a, b, sigma });
const sum = (...terms: TwoGoodUtility[]): TwoGoodUtility => ({ kind: 'sum', terms });

const FAMILIES: [string, TwoGoodUtility][] = [
  ['log(2, 1)', log(2, 1)],
  ['log(0.3, 1.7)', log(0.3, 1.7)],
  ['ces(1, 2, 0.5)', ces(1, 2, 0.5)],
  ['ces(1.5, 0.7, 3)', ces(1.5, 0.7, 3)],
  ['sum(log, ces σ=0.4)', sum(log(0.6, 0.2), ces(0.4, 1.1, 0.4))],
  ['lottery of two CES states', sum(scaleUtility(ces(3, 1, 0.7), 0.25), scaleUtility(ces(0.5, 2, 2.5), 0.75))],
  ['nested sum', sum(log(1, 1), sum(ces(2, 1, 0.3), ces(1, 3, 5)))],
];

/** max of u(q, W − p q) over a fine grid of the budget share s = p q / W, refined twice around the best point. */
function gridArgmax(u: TwoGoodUtility, p: number, W: number): number {
  let lo = 0;
  let hi = 1;
  let best = 0.5;
  for (let round = 0; round < 4; round++) {
    const n = 400;
    let bestV = -Infinity;
    for (let i = 1; i < n; i++) {
      const s = lo + ((hi - lo) * i) / n;
      const v = utilityValue(u, (s * W) / p, (1 - s) * W);
      if (v > bestV) {
        bestV = v;
        best = s;
      }
    }
    const w = (hi - lo) / n;
    lo = Math.max(0, best - 2 * w);
    hi = Math.min(1, best + 2 * w);
  }
  return best;
}

describe('demand', () => {
  test.each(FAMILIES)('%s: on the budget, MRS = p, and the grid maximiser', (_name, u) => {
    for (const [p, W] of [
      [1, 1],
      [0.2, 3],
      [4.5, 0.7],
    ]) {
      const { q, r } = demand(u, p, W);
      expect(p * q + r).toBeCloseTo(W, 12);
      expect(Math.log(mrs(u, q, r))).toBeCloseTo(Math.log(p), 10);
      // brute force never sees the FOC: the share it finds agrees to the grid's resolution
      expect(Math.abs(gridArgmax(u, p, W) - (p * q) / W)).toBeLessThan(1e-6);
    }
  });

  test('log is Cobb–Douglas: share a/(a+b) of wealth on q', () => {
    const { q, r } = demand(log(3, 1), 2, 8);
    expect(q).toBeCloseTo((0.75 * 8) / 2, 14);
    expect(r).toBeCloseTo(0.25 * 8, 14);
  });

  test('a sum of leaves lies between its leaves, inside the certified bracket', () => {
    const u = sum(ces(2, 1, 0.3), ces(1, 3, 5));
    const d = logDemand(u, 1.3, 2);
    expect(d.bracket).toBeDefined();
    const [lo, hi] = d.bracket!;
    expect(d.x).toBeGreaterThanOrEqual(lo);
    expect(d.x).toBeLessThanOrEqual(hi);
    expect(hi - lo).toBeGreaterThan(0.1);
  });

  test('scaling changes the value by the factor, neither the MRS nor the demand', () => {
    for (const [, u] of FAMILIES) {
      const v = scaleUtility(u, 3.5);
      expect(utilityValue(v, 0.7, 1.9)).toBeCloseTo(3.5 * utilityValue(u, 0.7, 1.9), 12);
      expect(mrs(v, 0.7, 1.9)).toBeCloseTo(mrs(u, 0.7, 1.9), 12);
      expect(demand(v, 1.7, 2).q).toBeCloseTo(demand(u, 1.7, 2).q, 12);
    }
  });
});

describe('marginals', () => {
  test.each(FAMILIES)('%s: u_q and u_r are the derivatives of the value (central differences)', (_name, u) => {
    for (const [q, r] of [
      [0.5, 2],
      [1.3, 0.4],
    ]) {
      const h = 1e-5;
      const dq = (utilityValue(u, q + h, r) - utilityValue(u, q - h, r)) / (2 * h);
      const dr = (utilityValue(u, q, r + h) - utilityValue(u, q, r - h)) / (2 * h);
      const m = marginalUtilities(u, q, r);
      expect(m.uq / dq).toBeCloseTo(1, 7);
      expect(m.ur / dr).toBeCloseTo(1, 7);
      expect(mrs(u, q, r)).toBeCloseTo(dq / dr, 7);
    }
  });

  test('strict concavity along a budget: the value is concave in the share', () => {
    const u = FAMILIES[5][1];
    const f = (s: number) => utilityValue(u, s * 2, (1 - s) * 2);
    for (let s = 0.05; s < 0.95; s += 0.05) expect(f(s - 0.01) + f(s + 0.01) - 2 * f(s)).toBeLessThan(0);
  });
});

describe('CES tends to log as σ → 1', () => {
  test('values, marginals and demand within O(|σ − 1|)', () => {
    for (const d of [1e-4, -1e-4, 1e-7, -1e-7]) {
      const c = ces(1.3, 0.6, 1 + d);
      const l = log(1.3, 0.6);
      for (const [q, r] of [
        [0.2, 3],
        [2.5, 0.8],
      ]) {
        expect(Math.abs(utilityValue(c, q, r) - utilityValue(l, q, r))).toBeLessThan(20 * Math.abs(d));
        expect(Math.abs(Math.log(mrs(c, q, r) / mrs(l, q, r)))).toBeLessThan(20 * Math.abs(d));
      }
      expect(Math.abs(demand(c, 0.3, 2).q / demand(l, 0.3, 2).q - 1)).toBeLessThan(20 * Math.abs(d));
    }
  });
});

describe('extremes without overflow', () => {
  test.each([
    [0.05, 1e-12],
    [0.05, 1e12],
    [20, 1e-12],
    [20, 1e12],
    [0.05, 1e-150],
    [20, 1e-150],
  ])('σ = %s at p = %s: finite demand on the budget with MRS = p in logs', (sigma, p) => {
    for (const u of [ces(2, 0.5, sigma), sum(ces(2, 0.5, sigma), log(0.1, 0.1)), sum(ces(1, 1, sigma), ces(0.3, 3, 1 / sigma))]) {
      for (const W of [1e-9, 1, 1e6]) {
        const d = logDemand(u, p, W);
        expect(Number.isFinite(d.lq) && Number.isFinite(d.lr)).toBe(true);
        // budget in logs: ln(p q + r) = ln W
        const lpq = Math.log(p) + d.lq;
        const m = Math.max(lpq, d.lr);
        expect(m + Math.log(Math.exp(lpq - m) + Math.exp(d.lr - m))).toBeCloseTo(Math.log(W), 10);
        expect(logMrs(u, d.lq, d.lr)).toBeCloseTo(Math.log(p), 8);
      }
    }
  });

  test('the log marginals stay finite where q^(ρ−1) overflows a double', () => {
    const u = ces(1, 1, 0.05); // ρ − 1 = −20
    const lq = Math.log(1e-30);
    expect(Number.isFinite(logMrs(u, lq, 0))).toBe(true);
    expect(logMrs(u, lq, 0)).toBeCloseTo(-20 * lq, 8);
  });
});

describe('utilityRangeError', () => {
  test.each([
    [{ kind: 'log', a: 0, b: 1 }, 'u.a'],
    [{ kind: 'log', a: 1, b: -2 }, 'u.b'],
    [{ kind: 'log', a: 1 }, 'u.b'],
    [{ kind: 'ces', a: 1, b: 1, sigma: 1 }, 'u.sigma'],
    [{ kind: 'ces', a: 1, b: 1, sigma: 0 }, 'u.sigma'],
    [{ kind: 'ces', a: 1, b: 1, sigma: Infinity }, 'u.sigma'],
    [{ kind: 'sum', terms: [] }, 'u.terms'],
    [{ kind: 'sum', terms: [{ kind: 'log', a: 1, b: 1 }, { kind: 'ces', a: 1, b: NaN, sigma: 2 }] }, 'u.terms[1].b'],
    [{ kind: 'cobb' }, 'u.kind'],
    [null, 'u'],
  ])('%j names %s', (u, field) => {
    const e = utilityRangeError(u, 'u');
    expect(e).toBeDefined();
    expect(e!.startsWith(`${field}:`)).toBe(true);
    expect(e).not.toContain('\n');
  });

  test('valid utilities pass', () => {
    for (const [, u] of FAMILIES) expect(utilityRangeError(u, 'u')).toBeUndefined();
  });
});
