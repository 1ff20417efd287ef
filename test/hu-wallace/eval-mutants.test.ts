/**
 * Tests written against the mutation runs of src/models/hu-wallace/eval.ts (mutation/results/mut8-hw.md): the
 * ranges' ends are accepted (PARAM_RANGE, SIGMA_RANGE, COUNT_MAX, for each count and for M), and probabilities
 * typed within PROB_SUM_TOL of 1 are normalised onto the simplex (shares, and likelihoods per state).
 * mut9-hw (first Stryker run): each validation's own field and message (the printed bounds as reference), the
 * kept share at a tiny endowment, the certificate's largest gain and its scale max(1, |U|) on synthetic gains,
 * and the price bound against the price change of a moved profile (within a factor 10).
 */
import { expect, test } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { completeInformation } from '../../src/models/hu-wallace/economy.ts';
import { hwStage2Equilibrium, parseHwRequest, stage2Errors } from '../../src/models/hu-wallace/eval.ts';
import { deviationGains, stage2Equilibrium } from '../../src/models/hu-wallace/stage2.ts';

function req(types: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { endowment: { q: 1, r: 1 }, epsilon: { q: 0.01, r: 0.01 }, types, ...extra };
}

test("the ranges' ends are accepted: a, b = 1e-6 and 1e6, σ = 0.01 and 100, a count of 1e15 (and M = 1e15)", () => {
  const p = parseHwRequest(req([
    { name: 'x1', count: 1e15 - 2, utility: { kind: 'log', a: 1e-6, b: 1e6 } },
    { name: 'x2', count: 1, utility: { kind: 'ces', a: 1e6, b: 1e-6, sigma: 0.01 } },
    { name: 'x3', count: 1, utility: { kind: 'ces', a: 1, b: 1, sigma: 100 } },
  ]), 'count');
  expect(p.weights).toEqual([1e15 - 2, 1, 1]);
  expect(p.economy.types[1].utility[0]).toEqual({ kind: 'ces', a: 1e6, b: 1e-6, sigma: 0.01 });
  expect(parseHwRequest(req([{ name: 'x1', count: 1e15, utility: { kind: 'log', a: 1, b: 1 } }]), 'count').weights).toEqual([1e15]);
  expect(() => parseHwRequest(req([{ name: 'x1', count: 1e15, utility: { kind: 'log', a: 1, b: 1 } }, { name: 'x2', count: 1, utility: { kind: 'log', a: 1, b: 1 } }]), 'count')).toThrow(/^types: counts must sum to at most/);
});

test('shares and likelihoods typed within 1e-9 of 1 are normalised to sum to 1', () => {
  const d = 5e-10;
  const s = parseHwRequest(req([
    { name: 'x1', share: 0.6, utility: { kind: 'log', a: 2, b: 1 } },
    { name: 'x2', share: 0.4 + d, utility: { kind: 'log', a: 1, b: 1 } },
  ]), 'share');
  expect(s.weights[0]).toBeCloseTo(0.6 / (1 + d), 15);
  expect(s.weights[0]).not.toBe(0.6);
  expect(Math.abs(s.weights[0] + s.weights[1] - 1)).toBeLessThan(2e-16);
  const st = parseHwRequest(req([
    { name: 'x1', likelihood: { z1: 0.6, z2: 0.3 }, utility: { z1: { kind: 'log', a: 2, b: 1 }, z2: { kind: 'log', a: 1, b: 1 } } },
    { name: 'x2', likelihood: { z1: 0.4 + d, z2: 0.7 }, utility: { z1: { kind: 'log', a: 1, b: 1 }, z2: { kind: 'log', a: 1, b: 2 } } },
  ], { states: [{ name: 'z1', prior: 0.5 }, { name: 'z2', prior: 0.5 }], state: 'z1' }), 'share');
  expect(st.economy.types[0].likelihood[0]).toBeCloseTo(0.6 / (1 + d), 15);
  expect(st.economy.types[0].likelihood[0]).not.toBe(0.6);
  expect(st.weights[1]).toBe(st.economy.types[1].likelihood[0]);
  expect(st.state).toBe(0);
  expect(st.withStates).toBe(true);
});

/** The one-line InputError message that parseHwRequest throws, or 'accepted'. */
function refusal(r: unknown, mode: 'count' | 'share'): string {
  try {
    parseHwRequest(r, mode);
    return 'accepted';
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
}

test('each validation names its own field and says why (run of 06:38: every refusal reached only through a later check)', () => {
  const log = { kind: 'log', a: 1, b: 1 };
  const c = (u: unknown = log, extra: Record<string, unknown> = {}) => req([{ name: 'x1', count: 2, utility: u, ...extra }]);
  const st = (t0: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    req([{ name: 'x1', likelihood: { z1: 0.5, z2: 0.5 }, utility: { z1: log, z2: log }, ...t0 }, { name: 'x2', likelihood: { z1: 0.5, z2: 0.5 }, utility: { z1: log, z2: log } }], {
      states: [{ name: 'z1', prior: 0.5 }, { name: 'z2', prior: 0.5 }],
      ...extra,
    });
  // quantities: the upper end 1e9 is in, above it out
  expect(refusal({ ...c(), endowment: { q: 1e9, r: 1 } }, 'count')).toBe('accepted');
  expect(refusal({ ...c(), endowment: { q: 2e9, r: 1 } }, 'count')).toMatch(/^endowment\.q: must be in \[1e-9, 1000000000\]$/);
  // a, b beyond PARAM_RANGE (the families accept any a, b > 0), also inside a sum
  expect(refusal(c({ kind: 'log', a: 2e6, b: 1 }), 'count')).toBe('types[0].utility.a: must be in [0.000001, 1000000] (got 2000000)');
  expect(refusal(c({ kind: 'ces', a: 1, b: 5e-7, sigma: 2 }), 'count')).toBe('types[0].utility.b: must be in [0.000001, 1000000] (got 5e-7)');
  expect(refusal(c({ kind: 'sum', terms: [log, { kind: 'log', a: 1, b: 2e6 }] }), 'count')).toMatch(/^types\[0\]\.utility\.terms\[1\]\.b: must be in/);
  // σ beyond SIGMA_RANGE
  expect(refusal(c({ kind: 'ces', a: 1, b: 1, sigma: 0.005 }), 'count')).toBe('types[0].utility.sigma: must be in [0.01, 100] (got 0.005)');
  expect(refusal(c({ kind: 'ces', a: 1, b: 1, sigma: 200 }), 'count')).toBe('types[0].utility.sigma: must be in [0.01, 100] (got 200)');
  // counts
  expect(refusal(req([{ name: 'x1', utility: log }]), 'count')).toMatch(/^types\[0\]\.count: is required/);
  expect(refusal(c(log, { count: 2e15 }), 'count')).toMatch(/^types\[0\]\.count: must be an integer in \[1, 1000000000000000\] \(got 2000000000000000\)$/);
  // the "state" field: with counts, or in share mode without states
  expect(refusal({ ...req([{ name: 'x1', share: 1, utility: log }]), state: 'z' }, 'share')).toBe('state: only with "states"');
  // priors
  expect(refusal(st({}, { states: [{ name: 'z1', prior: 0 }, { name: 'z2', prior: 1 }] }), 'count')).toMatch(/^states\[0\]\.prior: must be > 0/);
  expect(refusal(st({ count: 1 }, { states: [{ name: 'z1', prior: 0.5 }, { name: 'z2', prior: 0.625 }] }), 'count')).toBe('states: priors must sum to 1 (got 1.125)');
  // likelihoods and utilities keyed by state
  expect(refusal(st({ likelihood: undefined, count: 1 }), 'count')).toBe('types[0].likelihood: is required with "states" (μ_z(x) per state)');
  expect(refusal(st({ utility: null, count: 1 }), 'count')).toBe('types[0].utility: must be an object keyed by state name (known states: z1, z2)');
  expect(refusal(st({ likelihood: { z1: 0, z2: 0.5 }, count: 1 }), 'count')).toMatch(/^types\[0\]\.likelihood\.z1: must be in \(0, 1\]/);
  expect(refusal(st({ likelihood: { z1: 1.5, z2: 0.5 }, count: 1 }), 'count')).toMatch(/^types\[0\]\.likelihood\.z1: must be in \(0, 1\]/);
  // one type with states: its likelihood is 1 in every state, the upper end of (0, 1]
  const one = req([{ name: 'x1', count: 1, likelihood: { z1: 1, z2: 1 }, utility: { z1: log, z2: log } }], { states: [{ name: 'z1', prior: 0.5 }, { name: 'z2', prior: 0.5 }] });
  expect(refusal(one, 'count')).toBe('accepted');
  // share mode
  expect(refusal(st({}), 'share')).toBe('state: is required with "states" (the true state z, whose μ_z are the shares)');
  expect(refusal(st({ share: 0.5 }, { state: 'z1' }), 'share')).toBe('types[0].share: unknown field with "states" (the shares are μ_z of "state")');
  expect(refusal(req([{ name: 'x1', utility: log }]), 'share')).toBe('types[0].share: is required (μ_z(x) > 0)');
  expect(refusal(req([{ name: 'x1', share: 1.5, utility: log }]), 'share')).toBe('types[0].share: must be a number in (0, 1] (got 1.5)');
  expect(refusal(req([{ name: 'x1', share: '1', utility: log }]), 'share')).toBe('types[0].share: must be a number in (0, 1] (got "1")');
  expect(refusal(req([{ name: 'x1', share: 1, utility: log }]), 'share')).toBe('accepted');
  expect(refusal(req([{ name: 'x1', share: 0.5, utility: log }, { name: 'x2', share: 0.625, utility: log }]), 'share')).toBe('types: shares must sum to 1 (got 1.125)');
});

test('complete information: the one state of economy.ts\'s completeInformation, and no "state" key in the request read', () => {
  const log = { kind: 'log' as const, a: 2, b: 1 };
  const p = parseHwRequest(req([{ name: 'x1', count: 3, utility: log }]), 'count');
  expect(p.economy).toEqual(completeInformation({ q: 1, r: 1 }, { q: 0.01, r: 0.01 }, [{ name: 'x1', utility: log }]));
  expect('state' in p).toBe(false);
  expect(p.withStates).toBe(false);
});

const twoTypes = (E: number, eps: number) => ({
  endowment: { q: E, r: E },
  epsilon: { q: eps, r: eps },
  types: [
    { name: 'x1', count: 60, utility: { kind: 'log', a: 2, b: 1 } },
    { name: 'x2', count: 40, utility: { kind: 'log', a: 0.5, b: 1 } },
  ],
});

test('the kept share is scale-free: an economy with q̄ = r̄ = 1e-7 keeps about half of each good and is answered', () => {
  const r = hwStage2Equilibrium.evaluate(twoTypes(1e-7, 1e-9)) as { converged: boolean; consumption: Record<string, { q: number; r: number }> };
  expect(r.converged).toBe(true);
  // consumption of order 1e-7: kept shares of order 1, their products with q̄ below KEPT_MIN
  expect(r.consumption.x1.q / 1e-7).toBeGreaterThan(0.5);
});

test('maxDeviationGain is the largest of the types\' gains, relDeviationGain the largest relative to max(1, |U|), converged at ≤ 1e-12', () => {
  const { economy, weights } = parseHwRequest(twoTypes(10, 0.1), 'count');
  const eq = stage2Equilibrium(economy, weights);
  const cert = deviationGains(economy, eq.utilities, weights, eq.offers);
  // the two gains differ (one is 0), so the largest is told from the smallest
  expect(Math.max(...cert.gains)).toBeGreaterThan(Math.min(...cert.gains));
  const r = hwStage2Equilibrium.evaluate(twoTypes(10, 0.1)) as { maxDeviationGain: number };
  expect(r.maxDeviationGain).toBe(Math.max(...cert.gains));
  const E = economy.endowment;
  // synthetic certificates: gain 5e-6 at |U| = 10 is 5e-7 relative; |U| = 0.5 counts as 1
  const a = stage2Errors(eq, weights, { gains: [0, 5e-6], scale: [1, 10] }, E);
  expect(a.relDeviationGain).toBeCloseTo(5e-7, 20);
  expect(a.converged).toBe(false);
  const b = stage2Errors(eq, weights, { gains: [1e-12, 0], scale: [0.5, 1] }, E);
  expect(b.relDeviationGain).toBe(1e-12);
  expect(b.converged).toBe(true);
  expect(b.reason).toBeUndefined();
});

test('the price bound p(ΔQ/Q + ΔR/R) covers, and is of the size of, the price change when a seller of q moves (totals ~150)', () => {
  const { economy, weights } = parseHwRequest(twoTypes(10, 0.1), 'count');
  const eq = stage2Equilibrium(economy, weights);
  // x2 (a seller of q) offers 1e-3 more: Q moves by 40e-3, the price R/Q by about p·0.04/Q
  const moved = { ...eq, offers: eq.offers.map((b, x) => (x === 1 ? { q: b.q + 1e-3, r: b.r } : b)) };
  moved.totals = { Q: eq.totals.Q + weights[1] * 1e-3, R: eq.totals.R };
  const e = stage2Errors(moved, weights, deviationGains(economy, eq.utilities, weights, moved.offers), economy.endowment);
  const dp = Math.abs(moved.totals.R / moved.totals.Q - eq.price);
  expect(e.abserr.price).toBeGreaterThanOrEqual(dp);
  expect(e.abserr.price).toBeLessThan(10 * dp);
});
