/**
 * `eval hw.stage2-equilibrium` (INTERFACES.md): the result's shape and numbers on the documented
 * example (complete information and with states), every bad input of issue #13 refused with a
 * one-line error naming its field, and the edge fuzzed: a valid request with one leaf replaced or
 * one array shortened is answered (finite numbers) or refused with an InputError — never a crash.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { answeredOrRefused, paths as allPaths, replaced } from '../edge.ts';
import { hwStage2Equilibrium, parseHwRequest, STAGE2_GAIN_REL, stage2Errors } from '../../src/models/hu-wallace/eval.ts';
import { deviationGains, stage2Equilibrium } from '../../src/models/hu-wallace/stage2.ts';

type J = null | boolean | number | string | J[] | { [k: string]: J };

const complete: J = {
  endowment: { q: 1, r: 1 },
  epsilon: { q: 0.01, r: 0.01 },
  types: [
    { name: 'x1', count: 60, utility: { kind: 'log', a: 2, b: 1 } },
    { name: 'x2', count: 40, utility: { kind: 'log', a: 0.5, b: 1 } },
  ],
};
const withStates: J = {
  endowment: { q: 1, r: 1 },
  epsilon: { q: 0.01, r: 0.01 },
  states: [
    { name: 'z1', prior: 0.5 },
    { name: 'z2', prior: 0.5 },
  ],
  types: [
    { name: 'x1', count: 6, likelihood: { z1: 0.6, z2: 0.3 }, utility: { z1: { kind: 'log', a: 2, b: 1 }, z2: { kind: 'ces', a: 1, b: 1, sigma: 0.5 } } },
    { name: 'x2', count: 4, likelihood: { z1: 0.4, z2: 0.7 }, utility: { z1: { kind: 'log', a: 0.5, b: 1 }, z2: { kind: 'sum', terms: [{ kind: 'log', a: 1, b: 1 }] } } },
  ],
};

interface Result {
  price: number;
  offers: Record<string, { q: number; r: number }>;
  consumption: Record<string, { q: number; r: number }>;
  totals: { Q: number; R: number };
  feasibilityGap: { q: number; r: number };
  posterior?: Record<string, number>;
  maxDeviationGain: number;
  mrsWedge: Record<string, number>;
}

describe('hw.stage2-equilibrium', () => {
  test('complete information: the documented fields, one-sided offers, totals (3), a certified equilibrium', () => {
    const r = hwStage2Equilibrium.evaluate(complete) as unknown as Result;
    expect(Object.keys(r).sort()).toEqual(['abserr', 'certifiedBy', 'consumption', 'converged', 'feasibilityGap', 'maxDeviationGain', 'mrsWedge', 'offers', 'price', 'relDeviationGain', 'totals']);
    expect(r.offers.x1.q).toBe(0); // x1 wants q: sells r
    expect(r.offers.x2.r).toBe(0);
    expect(r.totals.Q).toBeCloseTo(100 * 0.01 + 40 * r.offers.x2.q, 12);
    expect(r.totals.R).toBeCloseTo(100 * 0.01 + 60 * r.offers.x1.r, 12);
    expect(r.price).toBeCloseTo(r.totals.R / r.totals.Q, 14);
    expect(r.maxDeviationGain).toBeLessThan(1e-14);
    expect(r.mrsWedge.x1).toBeLessThanOrEqual(1 / 59);
    // near the continuum's 163/143 already at M = 100
    expect(Math.abs(r.price - 163 / 143)).toBeLessThan(1e-3);
  });

  test('converged, and the error bounds: an equilibrium moved off its fixed point is reported with that distance and not certified', () => {
    const r = hwStage2Equilibrium.evaluate(complete) as any;
    expect(r.converged).toBe(true);
    expect(r.relDeviationGain).toBeLessThanOrEqual(STAGE2_GAIN_REL);
    expect(r.abserr.offers).toBeLessThan(1e-12);
    expect(r.abserr.price).toBeLessThan(1e-12);
    const { economy, weights } = parseHwRequest(complete, 'count');
    const eq = stage2Equilibrium(economy, weights);
    // x1's offer moved by 1e-4: the others' totals move with it, its best response barely (1/100 of the market)
    const moved = { ...eq, offers: eq.offers.map((b, x) => (x === 0 ? { q: b.q, r: b.r + 1e-4 } : b)) };
    moved.totals = { Q: eq.totals.Q, R: eq.totals.R + weights[0] * 1e-4 };
    const cert = deviationGains(economy, eq.utilities, weights, moved.offers);
    const e = stage2Errors(moved, weights, cert, economy.endowment);
    // the residual covers the true distance (1e-4) and is of its size (x2's best response moves with R too)
    expect(e.abserr.offers).toBeGreaterThanOrEqual(1e-4);
    expect(e.abserr.offers).toBeLessThan(5e-4);
    // the price of the moved profile is off the equilibrium's by about 60e-4/R: the stated bound covers it
    expect(Math.abs(moved.totals.R / moved.totals.Q - eq.price)).toBeLessThanOrEqual(e.abserr.price);
    expect(e.converged).toBe(false);
    expect(e.reason).toMatch(/not certified/);
  });

  test('with states: the posterior by Bayes from the counts', () => {
    const r = hwStage2Equilibrium.evaluate(withStates) as unknown as Result;
    const l1 = 0.5 * 0.6 ** 6 * 0.4 ** 4;
    const l2 = 0.5 * 0.3 ** 6 * 0.7 ** 4;
    expect(r.posterior!.z1).toBeCloseTo(l1 / (l1 + l2), 14);
    expect(r.maxDeviationGain).toBeLessThan(1e-14);
  });

  const t0 = (patch: Record<string, J>) => ({ ...(complete as Record<string, J>), types: [{ ...((complete as { types: J[] }).types[0] as Record<string, J>), ...patch }, (complete as { types: J[] }).types[1]] });
  const s0 = (patch: Record<string, J>) => ({ ...(withStates as Record<string, J>), types: [{ ...((withStates as { types: J[] }).types[0] as Record<string, J>), ...patch }, (withStates as { types: J[] }).types[1]] });
  test.each<[string, J, RegExp]>([
    ['count not an integer', t0({ count: 1.5 }), /^types\[0\]\.count: must be an integer/],
    ['count 0', t0({ count: 0 }), /^types\[0\]\.count: must be an integer/],
    ['count missing', t0({ count: null }), /^types\[0\]\.count/],
    ['share instead of count', t0({ share: 0.5 }), /^types\[0\]\.share: unknown field/],
    ['endowment 0', { ...(complete as Record<string, J>), endowment: { q: 0, r: 1 } }, /^endowment\.q: must be > 0/],
    ['epsilon negative', { ...(complete as Record<string, J>), epsilon: { q: 0.01, r: -1 } }, /^epsilon\.r: must be > 0/],
    ['no types', { ...(complete as Record<string, J>), types: [] }, /^types: must list at least 1 type/],
    ['duplicate names', { ...(complete as Record<string, J>), types: [(complete as { types: J[] }).types[0], (complete as { types: J[] }).types[0]] }, /^types\[1\]\.name: duplicate type name "x1"/],
    ['utility kind', t0({ utility: { kind: 'cobb', a: 1, b: 1 } }), /^types\[0\]\.utility\.kind: must be "log", "ces" or "sum"/],
    ['CES σ = 1', t0({ utility: { kind: 'ces', a: 1, b: 1, sigma: 1 } }), /^types\[0\]\.utility\.sigma: must not be 1/],
    ['CES σ ≤ 0', t0({ utility: { kind: 'ces', a: 1, b: 1, sigma: -2 } }), /^types\[0\]\.utility\.sigma: must be > 0/],
    ['a ≤ 0', t0({ utility: { kind: 'log', a: 0, b: 1 } }), /^types\[0\]\.utility\.a: must be > 0/],
    ['empty sum', t0({ utility: { kind: 'sum', terms: [] } }), /^types\[0\]\.utility\.terms: must be a non-empty array/],
    ['unknown utility field', t0({ utility: { kind: 'log', a: 1, b: 1, c: 2 } }), /^types\[0\]\.utility\.c: unknown field/],
    ['likelihood without states', t0({ likelihood: { z1: 1 } }), /^types\[0\]\.likelihood: only with "states"/],
    ['priors not summing to 1', { ...(withStates as Record<string, J>), states: [{ name: 'z1', prior: 0.5 }, { name: 'z2', prior: 0.6 }] }, /^states: priors must sum to 1/],
    ['prior negative', { ...(withStates as Record<string, J>), states: [{ name: 'z1', prior: -0.5 }, { name: 'z2', prior: 1.5 }] }, /^states\[0\]\.prior: must be > 0/],
    ['likelihood negative', s0({ likelihood: { z1: -0.6, z2: 0.3 } }), /^types\[0\]\.likelihood\.z1: must be in \(0, 1\]/],
    ['likelihoods not summing to 1', s0({ likelihood: { z1: 0.5, z2: 0.3 } }), /^types\[\]\.likelihood\.z1: must sum to 1 over the types/],
    ['likelihood of an unknown state', s0({ likelihood: { z1: 0.6, z2: 0.3, z3: 0.1 } }), /^types\[0\]\.likelihood\.z3: unknown state/],
    ['utility of an unknown state', s0({ utility: { z1: { kind: 'log', a: 1, b: 1 }, z9: { kind: 'log', a: 1, b: 1 } } }), /^types\[0\]\.utility\.z9: unknown state/],
    ['utility of a state missing', s0({ utility: { z1: { kind: 'log', a: 1, b: 1 } } }), /^types\[0\]\.utility\.z2: is required/],
    ['state with counts', { ...(withStates as Record<string, J>), state: 'z1' }, /^state: unknown field/],
    ['duplicate state', { ...(withStates as Record<string, J>), states: [{ name: 'z1', prior: 0.5 }, { name: 'z1', prior: 0.5 }] }, /^states\[1\]\.name: duplicate state name/],
    ['unknown top-level field', { ...(complete as Record<string, J>), extra: 1 }, /^extra: unknown field/],
  ])('%s', (_name, req, message) => {
    let err: unknown;
    try {
      hwStage2Equilibrium.evaluate(req);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toMatch(/\n/);
  });

  test('an equilibrium where a type keeps less than doubles resolve of the good it sells is refused naming the type, not answered with a non-finite certificate', () => {
    // σ = 100 against σ = 0.01 with r̄/q̄ ≈ 10^8: x2 sells all but e^−800 of its r
    const req = {
      endowment: { q: 0.00077, r: 85020 },
      epsilon: { q: 1e-9, r: 0.01 },
      types: [
        { name: 'x1', count: 2, utility: { kind: 'ces', a: 1, b: 0.39, sigma: 0.01 } },
        { name: 'x2', count: 2, utility: { kind: 'ces', a: 1, b: 1, sigma: 100 } },
      ],
    };
    expect(() => hwStage2Equilibrium.evaluate(req)).toThrow(/^types\[1\]: at the equilibrium this type keeps .* of its endowment/);
  });

  test('share mode (hw.competitive-equilibrium): shares sum to 1; with states the shares are μ_z of "state"', () => {
    const shares = { ...(complete as Record<string, J>), types: [{ name: 'x1', share: 0.6, utility: { kind: 'log', a: 2, b: 1 } }, { name: 'x2', share: 0.4, utility: { kind: 'log', a: 0.5, b: 1 } }] };
    expect(parseHwRequest(shares, 'share').weights).toEqual([0.6, 0.4]);
    expect(() => parseHwRequest({ ...shares, types: [{ name: 'x1', share: 0.7, utility: { kind: 'log', a: 2, b: 1 } }, { name: 'x2', share: 0.4, utility: { kind: 'log', a: 1, b: 1 } }] }, 'share')).toThrow(/^types: shares must sum to 1/);
    const noCounts = { ...(withStates as Record<string, J>), state: 'z2', types: (withStates as { types: Record<string, J>[] }).types.map(({ count: _c, ...t }) => t) };
    const p = parseHwRequest(noCounts, 'share');
    expect(p.state).toBe(1);
    expect(p.weights[0]).toBeCloseTo(0.3, 15);
    expect(() => parseHwRequest({ ...noCounts, state: 'z7' }, 'share')).toThrow(/^state: unknown state "z7"/);
  });
});

const edgy: fc.Arbitrary<J> = fc.oneof(
  fc.constantFrom<J>(0, -1, 1e-300, 1e300, 1e-12, 1e12, 1, 0.5, 2, 1e15, '1', null, true, [], {}, [1], 'z1', 'x1', { kind: 'log', a: 1, b: 1 }, { kind: 'ces', a: 1, b: 1, sigma: 0.001 }, { kind: 'ces', a: 1e12, b: 1e-12, sigma: 1000 }),
  fc.integer({ min: -5, max: 5 }),
);

test('the edge, fuzzed: an answer with finite numbers or a one-line InputError', () => {
  for (const valid of [complete, withStates]) {
    const ps = allPaths(valid, { objects: true });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: ps.length - 1 }), edgy, fc.boolean(), (k, leaf, shorten) => {
        const req = replaced(valid, ps[k], (old) => (shorten && Array.isArray(old) ? old.slice(0, -1) : leaf));
        answeredOrRefused(() => hwStage2Equilibrium.evaluate(req), JSON.stringify(req));
      }),
      { numRuns: 100, seed: 13 },
    );
  }
});
