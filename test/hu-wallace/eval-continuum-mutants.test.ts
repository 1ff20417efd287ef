/**
 * Tests written against mutants of src/models/hu-wallace/eval-continuum.ts applied by hand (mutation/results/mut8-hw.md):
 * the printed example's consumption against the log closed form q = a(p q̄ + r̄)/((a + b)p) and its feasibility gap
 * (ε_q − ε_r/p, ε_r − p ε_q), and a with-states request equal to the complete-information request of its true state.
 */
import { expect, test } from 'vitest';
import { rational, toNumber } from '../../src/numeric/rational.ts';
import { logEquilibriumPriceExact } from '../../src/models/hu-wallace/continuum-exact.ts';
import { competitiveEquilibrium, demandByFoc, offerFromConsumption } from '../../src/models/hu-wallace/continuum.ts';
import { continuumResult, hwCompetitiveEquilibrium as q, parseContinuumRequest } from '../../src/models/hu-wallace/eval-continuum.ts';

const LOG = (a: number, b: number) => ({ kind: 'log', a, b });

test('the printed example: consumption by the log closed form, the gap (ε_q − ε_r/p, ε_r − p ε_q)', () => {
  const out = q.evaluate({
    endowment: { q: 1, r: 1 },
    epsilon: { q: 0.01, r: 0.01 },
    types: [{ name: 'x1', share: 0.6, utility: LOG(2, 1) }, { name: 'x2', share: 0.4, utility: LOG(0.5, 1) }],
  }) as any;
  const p = 163 / 143;
  expect(out.consumption.x1.q).toBeCloseTo(((2 / 3) * (p + 1)) / p, 13);
  expect(out.consumption.x1.r).toBeCloseTo((1 / 3) * (p + 1), 13);
  expect(out.consumption.x2.q).toBeCloseTo(((0.5 / 1.5) * (p + 1)) / p, 13);
  expect(out.feasibilityGap.q).toBeCloseTo(0.01 - 0.01 / p, 14);
  expect(out.feasibilityGap.r).toBeCloseTo(0.01 - 0.01 * p, 14);
  expect(out.totals.R).toBeCloseTo(0.01 + 0.6 * (1 - out.consumption.x1.r), 14);
});

test('with states, the answer is the complete-information one of the true state (its μ_z as shares, its utilities)', () => {
  const ces = { kind: 'ces', a: 1, b: 1, sigma: 0.5 };
  const sum = { kind: 'sum', terms: [LOG(1, 1), { kind: 'ces', a: 2, b: 1, sigma: 3 }] };
  const withStates = q.evaluate({
    endowment: { q: 1, r: 1 },
    epsilon: { q: 0.01, r: 0.01 },
    states: [{ name: 'z1', prior: 0.5 }, { name: 'z2', prior: 0.5 }],
    state: 'z2',
    types: [
      { name: 'x1', likelihood: { z1: 0.6, z2: 0.25 }, utility: { z1: LOG(2, 1), z2: ces } },
      { name: 'x2', likelihood: { z1: 0.4, z2: 0.75 }, utility: { z1: LOG(0.5, 1), z2: sum } },
    ],
  }) as any;
  const complete = q.evaluate({
    endowment: { q: 1, r: 1 },
    epsilon: { q: 0.01, r: 0.01 },
    types: [{ name: 'x1', share: 0.25, utility: ces }, { name: 'x2', share: 0.75, utility: sum }],
  }) as any;
  expect(withStates).toEqual(complete);
});

test('q̄ = 2, r̄ = 3, ε = (1/100, 1/50): the stated errors bound the exact rational answer (continuum-exact.ts) and are of double size', () => {
  // exact: p = (ε_r + r̄ A)/(q̄(1 − A) + ε_q), A = Σ μ a/(a + b); log demand q = α(p q̄ + r̄)/p, r = (1 − α)(p q̄ + r̄)
  const types = [{ share: '3/5', a: 2, b: 1 }, { share: '2/5', a: 1, b: 3 }];
  const pe = logEquilibriumPriceExact({ endowment: { q: 2, r: 3 }, epsilon: { q: '1/100', r: '1/50' }, types });
  const p = toNumber(pe);
  const out = q.evaluate({
    endowment: { q: 2, r: 3 },
    epsilon: { q: 0.01, r: 0.02 },
    types: [{ name: 'x1', share: 0.6, utility: LOG(2, 1) }, { name: 'x2', share: 0.4, utility: LOG(1, 3) }],
  }) as any;
  expect(out.converged).toBe(true);
  expect(Math.abs(out.price - p)).toBeLessThanOrEqual(out.abserr.price);
  expect(out.abserr.price).toBeLessThan(1e-11 * p);
  const w = pe.mul(2).add(3);
  // α = a/(a + b) = 2/3 and 1/4
  const cq = ['2/3', '1/4'].map((a) => toNumber(w.mul(rational(a)).div(pe)));
  const cr = ['1/3', '3/4'].map((a) => toNumber(w.mul(rational(a))));
  ['x1', 'x2'].forEach((n, i) => {
    expect(Math.abs(out.consumption[n].q - cq[i])).toBeLessThanOrEqual(out.abserr.consumption);
    expect(Math.abs(out.consumption[n].r - cr[i])).toBeLessThanOrEqual(out.abserr.consumption);
    // (18): the good given up, q̄ − q or r̄ − r
    expect(Math.abs(out.offers[n].q - Math.max(0, 2 - cq[i]))).toBeLessThanOrEqual(out.abserr.offers);
    expect(Math.abs(out.offers[n].r - Math.max(0, 3 - cr[i]))).toBeLessThanOrEqual(out.abserr.offers);
  });
  expect(out.abserr.offers).toBeLessThan(1e-10);
  expect(out.abserr.consumption).toBeLessThan(1e-10);
  expect(out.abserr.offers).toBeGreaterThan(0);
});

test('with a zero-width certified bracket the stated errors are the disagreement of the closed-form and first-order-condition demands, not less', () => {
  const e = parseContinuumRequest({
    endowment: { q: 1.3, r: 0.7 },
    epsilon: { q: 0.01, r: 0.02 },
    types: [
      { name: 'x1', share: 0.35, utility: { kind: 'ces', a: 1.7, b: 0.6, sigma: 0.45 } },
      { name: 'x2', share: 0.65, utility: { kind: 'ces', a: 0.8, b: 1.9, sigma: 2.3 } },
    ],
  });
  const ce = competitiveEquilibrium(e);
  const out = continuumResult(e, () => ({ lo: ce.price, hi: ce.price, relWidth: 0, ok: true })) as any;
  const w = ce.price * e.endowment.q + e.endowment.r;
  const gap = (a: { q: number; r: number }, b: { q: number; r: number }) => Math.max(Math.abs(a.q - b.q), Math.abs(a.r - b.r));
  let dOffers = 0;
  let dCons = 0;
  e.types.forEach((t, x) => {
    const foc = demandByFoc(t.utility, ce.price, w);
    dOffers = Math.max(dOffers, gap(offerFromConsumption(foc, e.endowment), ce.offers[x]));
    dCons = Math.max(dCons, gap(foc, ce.consumption[x]));
  });
  // the two routes differ in the last bits here: the bounds must still cover them
  expect(dOffers).toBeGreaterThan(0);
  expect(dCons).toBeGreaterThan(0);
  expect(out.abserr.offers).toBeGreaterThanOrEqual(dOffers);
  expect(out.abserr.consumption).toBeGreaterThanOrEqual(dCons);
  expect(out.abserr.price).toBe(0);
});

test('hw.competitive-equilibrium takes shares: a count is refused naming the field and the quantity\'s own word', () => {
  expect(() => q.evaluate({ endowment: { q: 1, r: 1 }, epsilon: { q: 0.01, r: 0.01 }, types: [{ name: 'x1', count: 2, utility: LOG(1, 1) }] })).toThrow(
    'types[0].count: unknown field (this quantity takes "share")',
  );
});
