/**
 * The allocation rules of Lemma 1's hypothesis (src/models/pycia-wang/rules.ts), each piece
 * checked by a second route: ex-post shares against a count of the ties, S against a direct
 * quadrature of the ex-post share (the power rule builds it through a Laplace transform and a
 * Chebyshev table), S' against a difference quotient, ∫S against a quadrature of S.
 */
import { describe, expect, test } from 'vitest';
import { makeDist } from '../../src/distributions/index.ts';
import type { Dist } from '../../src/distributions/types.ts';
import { quad } from '../../src/numeric/index.ts';
import { efficientRule, lotteryRule, makeRule, powerRule, type AllocationRule } from '../../src/models/pycia-wang/rules.ts';

const U01 = makeDist({ kind: 'uniform', lo: 0, hi: 1 });
const PIECES = makeDist({
  kind: 'piecewise-uniform',
  pieces: [
    { lo: -1, hi: 0, weight: 3 },
    { lo: 0, hi: 1, weight: 1 },
    { lo: 1, hi: 2, weight: 2 },
  ],
});
const QO = { epsabs: 1e-14, epsrel: 1e-12 };

/** (D1) by counting: the agents at the maximum split the good equally. */
function d1ByCount(v: number[]): number[] {
  const top = v.reduce((a, b) => (b > a ? b : a));
  const winners = v.filter((x) => x === top).length;
  return v.map((x) => (x === top ? 1 / winners : 0));
}

const PROFILES = [
  [0.9, 0.1, 0.5],
  [0.1, 0.5, 0.9],
  [0.3, 0.7, 0.7],
  [0.7, 0.7, 0.3],
  [0.4, 0.4, 0.4],
  [-2, -1, -3],
  [-3, -3, -5],
  [0, 0, 0],
];

/** Ex-post shares by both entry points. */
function exPost(rule: AllocationRule, v: number[]): { all: number[]; each: number[] } {
  const out = new Float64Array(v.length).fill(NaN);
  rule.shares(v, out);
  return { all: [...out], each: v.map((_, k) => rule.share(v, k)) };
}

describe('(D1) ex-post shares', () => {
  test('the highest type wins; ties at the top split equally; negative types too', () => {
    const rule = efficientRule(U01, 3, QO);
    expect(rule.jumps).toBe(true);
    for (const v of PROFILES) {
      const { all, each } = exPost(rule, v);
      expect(all).toEqual(d1ByCount(v));
      expect(each).toEqual(d1ByCount(v));
    }
  });
});

describe('lottery λ·(D1) + (1 − λ)/n', () => {
  const lambda = 0.6;
  test('ex-post shares mix the count with the flat share', () => {
    const rule = lotteryRule(U01, 3, lambda, QO);
    expect(rule.jumps).toBe(true);
    expect(rule.spec).toEqual({ kind: 'lottery', lambda });
    for (const v of PROFILES) {
      const want = d1ByCount(v).map((s) => lambda * s + (1 - lambda) / 3);
      const { all, each } = exPost(rule, v);
      for (let k = 0; k < 3; k++) {
        expect(Math.abs(all[k] - want[k])).toBeLessThan(1e-16);
        expect(Math.abs(each[k] - want[k])).toBeLessThan(1e-16);
      }
    }
  });
});

/** S, S' and ∫S of a rule against second routes, on [v̲, v̄]. */
function checkInterim(rule: AllocationRule, dist: Dist, Sref: (w: number) => number, tolS: number): void {
  const ws = [dist.lo, dist.lo + 0.13 * (dist.hi - dist.lo), dist.lo + 0.5 * (dist.hi - dist.lo), dist.lo + 0.77 * (dist.hi - dist.lo), dist.hi];
  for (const w of ws) {
    expect(Math.abs(rule.S(w) - Sref(w))).toBeLessThanOrEqual(tolS);
    // ∫_{v̲}^{w} S by a quadrature of S itself (efficient and lottery integrate G; power takes the table's antiderivative).
    const I = quad((p) => rule.S(p), dist.lo, w, { epsabs: 1e-15, epsrel: 1e-14, points: [...dist.breakpoints] });
    const got = rule.intS(w);
    expect(Math.abs(got.value - I.value)).toBeLessThanOrEqual(got.abserr + 4e-15);
    expect(got.abserr).toBeLessThan(1e-11);
  }
  for (const w of ws.slice(1, 4)) {
    const h = 1e-5 * (dist.hi - dist.lo);
    const fd = (rule.S(w + h) - rule.S(w - h)) / (2 * h);
    expect(Math.abs(rule.dS(w) - fd)).toBeLessThan(1e-6);
  }
}

describe('interim shares S, S′ and ∫S', () => {
  test('(D1) on a piecewise-uniform F: S = F^{n−1}, n = 2 and 3', () => {
    for (const n of [2, 3]) {
      const rule = efficientRule(PIECES, n, QO);
      expect(rule.sErr).toBe(0);
      expect(rule.converged).toBe(true);
      checkInterim(rule, PIECES, (w) => PIECES.cdf(w) ** (n - 1), 1e-15);
    }
    // F is 0.5 at 0 and 2/3 at 1 (weights 3:1:2): S(0) = 1/4, S(1) = 4/9 for n = 3.
    const r3 = efficientRule(PIECES, 3, QO);
    expect(Math.abs(r3.S(0) - 0.25)).toBeLessThan(1e-15);
    expect(Math.abs(r3.S(1) - 4 / 9)).toBeLessThan(1e-15);
    // ∫_{−1}^{0} F² with F = (v + 1)/2 there: 1/12.
    expect(Math.abs(r3.intS(0).value - 1 / 12)).toBeLessThan(1e-15);
  });

  test('lottery on a piecewise-uniform F: S = λF^{n−1} + (1−λ)/n', () => {
    const rule = lotteryRule(PIECES, 3, 0.6, QO);
    checkInterim(rule, PIECES, (w) => 0.6 * PIECES.cdf(w) ** 2 + 0.4 / 3, 1e-15);
    // ∫_{−1}^{0} S = 0.6/12 + (0.4/3)·1.
    expect(Math.abs(rule.intS(0).value - (0.6 / 12 + 0.4 / 3))).toBeLessThan(1e-15);
    expect(rule.intS(-1).value).toBe(0);
  });
});

describe('power rule s_i ∝ (v_i − v̲ + c)^k', () => {
  const k = 2;
  const offset = 0.3;
  const c = offset * 3; // PIECES spans [−1, 2]
  const weight = (x: number) => (x + 1 + c) ** k;
  const rules = new Map<number, AllocationRule>();
  const ruleFor = (n: number) => rules.get(n) ?? (rules.set(n, powerRule(PIECES, n, k, offset, QO, 'standard')), rules.get(n)!);

  test('ex-post shares: proportional to the weights, summing to 1', () => {
    const rule = ruleFor(3);
    expect(rule.jumps).toBe(false);
    expect(rule.spec).toEqual({ kind: 'power', k, offset });
    for (const v of PROFILES) {
      const { all, each } = exPost(rule, v);
      const tot = v.reduce((a, x) => a + weight(x), 0);
      for (let j = 0; j < 3; j++) {
        expect(Math.abs(all[j] - weight(v[j]) / tot)).toBeLessThan(1e-15);
        expect(Math.abs(each[j] - weight(v[j]) / tot)).toBeLessThan(1e-15);
      }
    }
  });

  test('S from the Laplace route and its table against a direct quadrature of the ex-post share (n = 2 and 3), within sErr', () => {
    for (const n of [2, 3]) {
      const rule = ruleFor(n);
      expect(rule.converged).toBe(true);
      expect(rule.sErr).toBeGreaterThan(0);
      expect(rule.sErr).toBeLessThan(1e-11);
      const opts = { epsabs: 1e-15, epsrel: 1e-14, points: [0, 1] };
      const Sref =
        n === 2
          ? (w: number) => quad((x) => (weight(w) / (weight(w) + weight(x))) * PIECES.pdf(x), -1, 2, opts).value
          : (w: number) =>
              quad((x) => quad((y) => (weight(w) / (weight(w) + weight(x) + weight(y))) * PIECES.pdf(y), -1, 2, opts).value * PIECES.pdf(x), -1, 2, opts).value;
      checkInterim(rule, PIECES, Sref, rule.sErr);
    }
  });

  test('the high tier’s table is finer (tail target 1e-13 vs 1e-12), and both are within their sErr of a direct quadrature', () => {
    // k = 0.7, offset = 0.15 on U(0,1), n = 2: a case where the two targets stop at different degrees.
    const w8 = (x: number) => (x + 0.15) ** 0.7;
    const Sref = (w: number) => quad((x) => w8(w) / (w8(w) + w8(x)), 0, 1, { epsabs: 1e-16, epsrel: 1e-15 }).value;
    const std = powerRule(U01, 2, 0.7, 0.15, QO, 'standard');
    const high = powerRule(U01, 2, 0.7, 0.15, QO, 'high');
    expect(high.sErr).toBeLessThan(2e-13);
    expect(std.sErr).toBeGreaterThan(high.sErr);
    expect(std.sErr).toBeLessThan(1e-11);
    for (const w of [0, 0.05, 0.37, 0.9, 1]) {
      const ref = Sref(w);
      expect(Math.abs(high.S(w) - ref)).toBeLessThanOrEqual(high.sErr);
      expect(Math.abs(std.S(w) - ref)).toBeLessThanOrEqual(std.sErr);
    }
  });

  test('k ≤ 0 or offset ≤ 0 is refused with a message naming both', () => {
    expect(() => powerRule(U01, 2, 0, 0.3, QO, 'standard')).toThrow('power rule needs k > 0 and offset > 0 (got k = 0, offset = 0.3)');
    expect(() => powerRule(U01, 2, 1, 0, QO, 'standard')).toThrow('power rule needs k > 0 and offset > 0 (got k = 1, offset = 0)');
    expect(() => powerRule(U01, 2, 1, NaN, QO, 'standard')).toThrow(/power rule needs/);
  });
});

test('makeRule builds the rule its spec names', () => {
  expect(makeRule({ kind: 'efficient' }, U01, 2, QO, 'standard').spec).toEqual({ kind: 'efficient' });
  expect(makeRule({ kind: 'lottery', lambda: 0.3 }, U01, 2, QO, 'standard').spec).toEqual({ kind: 'lottery', lambda: 0.3 });
  const p = makeRule({ kind: 'power', k: 1.5, offset: 0.4 }, U01, 2, QO, 'standard');
  expect(p.spec).toEqual({ kind: 'power', k: 1.5, offset: 0.4 });
  // Σ_i E[s_i] = 1 and the agents are symmetric: ∫ S dF = ½ for n = 2.
  expect(Math.abs(quad((x) => p.S(x), 0, 1, { epsabs: 1e-15, epsrel: 1e-14 }).value - 0.5)).toBeLessThan(1e-12);
});
