/**
 * Issue #9, item 3: claims must guard the formula they are about. A bug is injected into the
 * model (cutoffGroups' T_2 and β*, the mechanism's ex-post transfer) and the claim that is
 * about that formula must fail on a plain case — and hold on the same case without the bug.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { Dist } from '../../src/distributions/types.ts';

const bug = vi.hoisted(() => ({ t2: 0, betaStar: 1 }));

vi.mock('../../src/models/pycia-wang/cutoff.ts', async (importOriginal) => {
  const orig = await importOriginal<typeof import('../../src/models/pycia-wang/cutoff.ts')>();
  /** cutoffGroups with T_2 off by bug.t2 × (v̄ − v̲) and β* scaled by bug.betaStar. */
  const cutoffGroups: typeof orig.cutoffGroups = (dist: Dist, n, groups, precision, extra) => {
    const g = orig.cutoffGroups(dist, n, groups, precision, extra);
    if (bug.t2 === 0 && bug.betaStar === 1) return g;
    const T2 = { ...g.T2, value: g.T2.value + bug.t2 * (dist.hi - dist.lo) };
    return { ...g, T2, betaStar: bug.betaStar * orig.betaStar(g.T1.value, T2.value, n) };
  };
  const cutoffValues: typeof orig.cutoffValues = (market, precision, extra) => {
    const c = orig.cutoffValues(market, precision, extra);
    if (bug.t2 === 0 && bug.betaStar === 1) return c;
    const T2 = { ...c.T2, value: c.T2.value + bug.t2 * (market.dist.hi - market.dist.lo) };
    return { ...c, T2, betaStar: bug.betaStar * orig.betaStar(c.T1.value, T2.value, market.n) };
  };
  return { ...orig, cutoffGroups, cutoffValues };
});

const { interval, lemma2, myersonSatterthwaite } = await import('./cutoff.ts');
const { t2Limit } = await import('./asymptotics.ts');
const { envelope } = await import('./lemma1.ts');
const { Lemma1Mechanism } = await import('../../src/models/pycia-wang/mechanism.ts');

const ctxOf = (c: { tolerance: { abs?: number; rel?: number; why: string } }) => ({ precision: 'standard' as const, tolerance: c.tolerance });
const uniform3 = { n: 3, shares: [1 / 3, 1 / 3, 1 / 3], dist: { kind: 'uniform' as const, lo: 0, hi: 1 } };

afterEach(() => {
  bug.t2 = 0;
  bug.betaStar = 1;
  vi.restoreAllMocks();
});

describe('a T_2 off by 0.01·(v̄ − v̲) in the model fails the claims about T_2', () => {
  test('PW.Lemma2.T2-identity reads the model’s T_2', () => {
    expect(lemma2.property(uniform3, ctxOf(lemma2)).holds).toBe(true);
    bug.t2 = 0.01;
    const r = lemma2.property(uniform3, ctxOf(lemma2));
    expect(r.holds, JSON.stringify(r.numbers)).toBe(false);
  });

  test('PW.T2.limit compares the model’s T_2(N) with bounds on v̄ − E[max] from the quantile function', () => {
    const u = { kind: 'uniform' as const, lo: 0, hi: 1 };
    expect(t2Limit.property(u, ctxOf(t2Limit)).holds).toBe(true);
    bug.t2 = 0.01;
    const r = t2Limit.property(u, ctxOf(t2Limit));
    expect(r.holds).toBe(false);
    expect(r.numbers.firstOutside).not.toBe(null);
  });

  test('PW.MS.bilateral-impossible checks the slope of (T1-1) in β it promises', () => {
    const ms = { n: 2, shares: [1, 0], dist: { kind: 'uniform' as const, lo: 0, hi: 1 } };
    const r = myersonSatterthwaite.property(ms, ctxOf(myersonSatterthwaite));
    expect(r.holds).toBe(true);
    // T1 + T2 = 2(v̄_0 − E[max]) = −1/3 for uniform(0,1): the slope −1/6, as a number of the case.
    expect(r.numbers.slopeInBeta as number).toBeCloseTo(-1 / 6, 12);
    bug.t2 = 0.01;
    expect(myersonSatterthwaite.property(ms, ctxOf(myersonSatterthwaite)).holds).toBe(false);
  });
});

describe('PW.Thm2.interval judges (T1-1) around the model’s β*', () => {
  const bc = { market: uniform3, betas: [0.5] };
  test('its margin says how close the three-term form is to 0 at β* (not always 1)', () => {
    const r = interval.property(bc, ctxOf(interval));
    expect(r.holds).toBe(true);
    expect(r.margin!).toBeLessThan(1);
    expect(Math.abs(r.numbers.conditionAtBetaStar as number)).toBeLessThanOrEqual(r.numbers.toleranceAtBetaStar as number);
  });

  test('a β* off by 0.1% fails it', () => {
    bug.betaStar = 1.001;
    const r = interval.property(bc, ctxOf(interval));
    expect(r.holds, JSON.stringify(r.numbers)).toBe(false);
  });

  test('a T_2 off by 0.01·(v̄ − v̲) fails it', () => {
    bug.t2 = 0.01;
    expect(interval.property(bc, ctxOf(interval)).holds).toBe(false);
  });
});

describe('PW.Lemma4.envelope takes the interim transfers from the ex-post formula too', () => {
  // n = 2 (quantile-space quadrature over the other agent's type), efficient rule.
  const input = {
    market: { n: 2, shares: [0.6, 0.4], dist: { kind: 'uniform' as const, lo: 0, hi: 1 } },
    beta: { value: 0.5 },
    rule: { kind: 'efficient' as const },
    levels: [0.3],
    seed: 7,
  };

  test('a budget-balanced transfer whose interim depends on the report fails it, though T̂ (term by term) does not see it', () => {
    expect(envelope.property(input, ctxOf(envelope)).holds).toBe(true);
    // t_i += c(v_i − v̄_0) − c Σ_{j≠i}(v_j − v̄_0)/(n − 1): the sum over agents is 0 (still BB), but
    // E_{−i} of it is c(v_i − v̄_0): T_i moves with the report and (L4) fails.
    const t0 = Lemma1Mechanism.prototype.t0;
    vi.spyOn(Lemma1Mechanism.prototype, 't0').mockImplementation(function (this: InstanceType<typeof Lemma1Mechanism>, v: ArrayLike<number>) {
      const out = t0.call(this, v);
      const n = this.n;
      const c = 0.05;
      let total = 0;
      for (let j = 0; j < n; j++) total += v[j] - this.mean;
      for (let i = 0; i < n; i++) out[i] += c * (v[i] - this.mean) - (c * (total - (v[i] - this.mean))) / (n - 1);
      return out;
    });
    const r = envelope.property(input, ctxOf(envelope));
    expect(r.holds, JSON.stringify(r.numbers)).toBe(false);
    // The model's term-by-term T̂ never calls t0: its comparison alone still passes.
    expect(r.numbers.worstRatio as number).toBeLessThanOrEqual(1);
    expect(r.numbers.worstDirectRatio as number).toBeGreaterThan(1);
  });
});
