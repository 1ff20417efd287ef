/**
 * `eval hw.competitive-equilibrium` (INTERFACES.md): the printed example's result, the with-states form
 * (the true state's likelihoods and utilities), every bad input of issue #13 refused with one line naming its
 * field (the schema is eval.ts's parseHwRequest, shared with hw.stage2-equilibrium: these pin it for this
 * quantity's 'share' mode), and the edge fuzzed (a leaf replaced by any JSON value: an answer or a one-field
 * InputError).
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { answeredOrRefused, finite, paths as allPaths, refusal, replaced } from '../edge.ts';
import { continuumResult, hwCompetitiveEquilibrium as q, parseContinuumRequest } from '../../src/models/hu-wallace/eval-continuum.ts';

type J = null | boolean | number | string | J[] | { [k: string]: J };
const LOG = (a: number, b: number): J => ({ kind: 'log', a, b });
const COMPLETE: J = {
  endowment: { q: 1, r: 1 },
  epsilon: { q: 0.01, r: 0.01 },
  types: [
    { name: 'x1', share: 0.6, utility: LOG(2, 1) },
    { name: 'x2', share: 0.4, utility: LOG(0.5, 1) },
  ],
};
const STATES: J = {
  endowment: { q: 1, r: 1 },
  epsilon: { q: 0.01, r: 0.01 },
  states: [{ name: 'z1', prior: 0.5 }, { name: 'z2', prior: 0.5 }],
  state: 'z1',
  types: [
    { name: 'x1', likelihood: { z1: 0.6, z2: 0.3 }, utility: { z1: LOG(2, 1), z2: { kind: 'ces', a: 1, b: 1, sigma: 0.5 } } },
    { name: 'x2', likelihood: { z1: 0.4, z2: 0.7 }, utility: { z1: LOG(0.5, 1), z2: { kind: 'sum', terms: [LOG(1, 1), { kind: 'ces', a: 2, b: 1, sigma: 3 }] } } },
  ],
};

test('the printed example: price 163/143, one-sided offers by name, totals whose ratio is the price', () => {
  const out = q.evaluate(COMPLETE) as any;
  expect(out.price).toBeCloseTo(163 / 143, 14);
  expect(out.offers.x1.q).toBe(0);
  expect(out.offers.x2.r).toBe(0);
  expect(out.totals.R / out.totals.Q).toBeCloseTo(out.price, 13);
  expect(out.signChanges).toBe(1);
  expect(Object.keys(out).sort()).toEqual(['abserr', 'certifiedBy', 'consumption', 'converged', 'feasibilityGap', 'offers', 'price', 'signChanges', 'totals']);
});

test('the stated errors bound the true ones (exact: p = 163/143, x1 sells 41/143 of r, x2 sells 61/163 of q) without being wildly larger', () => {
  const out = q.evaluate(COMPLETE) as any;
  expect(out.converged).toBe(true);
  expect(out.certifiedBy).toMatch(/first-order conditions/);
  const p = 163 / 143;
  expect(Math.abs(out.price - p)).toBeLessThanOrEqual(out.abserr.price);
  expect(out.abserr.price).toBeLessThan(1e-11);
  // consumption (log demand: shares a/(a+b), b/(a+b) of wealth p + 1): x1 keeps r = (p + 1)/3 = 102/143, x2 buys q = 102/163
  expect(Math.abs(out.offers.x1.r - 41 / 143)).toBeLessThanOrEqual(out.abserr.offers);
  expect(Math.abs(out.offers.x2.q - 61 / 163)).toBeLessThanOrEqual(out.abserr.offers);
  expect(Math.abs(out.consumption.x1.r - 102 / 143)).toBeLessThanOrEqual(out.abserr.consumption);
  expect(Math.abs(out.consumption.x2.q - 102 / 163)).toBeLessThanOrEqual(out.abserr.consumption);
  expect(out.abserr.offers).toBeLessThan(1e-11);
});

test('when the certification route cannot bracket the price, the result says so: converged false, a reason, no error bounds', () => {
  const out = continuumResult(parseContinuumRequest(COMPLETE), () => ({ lo: NaN, hi: NaN, relWidth: NaN, ok: false })) as any;
  expect(out.converged).toBe(false);
  expect(out.reason).toMatch(/not certified/);
  expect(out.abserr).toBeNull();
  expect(out.price).toBeCloseTo(163 / 143, 14);
});

test('with states, the true state\'s likelihoods are the shares and its utilities the types\' (z1 here is the printed example)', () => {
  const a = q.evaluate(STATES) as any;
  expect(a.price).toBeCloseTo(163 / 143, 14);
  const b = q.evaluate({ ...(STATES as object), state: 'z2' }) as any;
  expect(Math.abs(b.price - a.price)).toBeGreaterThan(1e-3);
});

/** A request with the value at `path` replaced (undefined deletes the key). */
function edit(v: J, path: (string | number)[], by: J | undefined): J {
  const copy = JSON.parse(JSON.stringify(v));
  let o = copy;
  for (const k of path.slice(0, -1)) o = o[k];
  const last = path[path.length - 1];
  if (by === undefined) delete o[last];
  else o[last] = by;
  return copy;
}

const BAD: [string, J, string][] = [
  ['shares not summing to 1', edit(COMPLETE, ['types', 1, 'share'], 0.3), 'types'],
  ['a share ≤ 0', edit(COMPLETE, ['types', 1, 'share'], 0), 'types[1].share'],
  ['a missing share', edit(COMPLETE, ['types', 0, 'share'], undefined), 'types[0].share'],
  ['a count instead of a share', edit(COMPLETE, ['types', 0, 'count'], 3), 'types[0].count'],
  ['a non-positive endowment', edit(COMPLETE, ['endowment', 'q'], 0), 'endowment.q'],
  ['a negative endowment', edit(COMPLETE, ['endowment', 'r'], -1), 'endowment.r'],
  ['ε = 0', edit(COMPLETE, ['epsilon', 'r'], 0), 'epsilon.r'],
  ['ε < 0', edit(COMPLETE, ['epsilon', 'q'], -0.01), 'epsilon.q'],
  ['no types', edit(COMPLETE, ['types'], []), 'types'],
  ['duplicate type names', edit(COMPLETE, ['types', 1, 'name'], 'x1'), 'types[1].name'],
  ['an unknown utility kind', edit(COMPLETE, ['types', 0, 'utility', 'kind'], 'cobb-douglas'), 'types[0].utility.kind'],
  ['a ≤ 0', edit(COMPLETE, ['types', 0, 'utility', 'a'], 0), 'types[0].utility.a'],
  ['b < 0', edit(COMPLETE, ['types', 0, 'utility', 'b'], -2), 'types[0].utility.b'],
  ['σ = 1 for CES', edit(COMPLETE, ['types', 0, 'utility'], { kind: 'ces', a: 1, b: 1, sigma: 1 }), 'types[0].utility.sigma'],
  ['σ ≤ 0 for CES', edit(COMPLETE, ['types', 0, 'utility'], { kind: 'ces', a: 1, b: 1, sigma: 0 }), 'types[0].utility.sigma'],
  ['σ missing for CES', edit(COMPLETE, ['types', 0, 'utility'], { kind: 'ces', a: 1, b: 1 }), 'types[0].utility.sigma'],
  ['an empty sum', edit(COMPLETE, ['types', 0, 'utility'], { kind: 'sum', terms: [] }), 'types[0].utility.terms'],
  ['a bad term in a sum', edit(COMPLETE, ['types', 0, 'utility'], { kind: 'sum', terms: [LOG(1, 1), { kind: 'ces', a: 1, b: -1, sigma: 2 }] }), 'types[0].utility.terms[1].b'],
  ['σ with a log utility', edit(COMPLETE, ['types', 0, 'utility', 'sigma'], 2), 'types[0].utility.sigma'],
  ['a state without states', edit(COMPLETE, ['state'], 'z1'), 'state'],
  ['priors not summing to 1', edit(STATES, ['states', 1, 'prior'], 0.6), 'states'],
  ['a negative prior', edit(STATES, ['states', 1, 'prior'], -0.5), 'states[1].prior'],
  ['duplicate state names', edit(STATES, ['states', 1, 'name'], 'z1'), 'states[1].name'],
  ['likelihoods not summing to 1', edit(STATES, ['types', 0, 'likelihood', 'z2'], 0.4), 'types[].likelihood.z2'],
  ['a negative likelihood', edit(STATES, ['types', 0, 'likelihood', 'z2'], -0.3), 'types[0].likelihood.z2'],
  ['a likelihood naming an unknown state', edit(STATES, ['types', 0, 'likelihood', 'z3'], 0.1), 'types[0].likelihood.z3'],
  ['a likelihood missing a state', edit(STATES, ['types', 0, 'likelihood', 'z2'], undefined), 'types[0].likelihood.z2'],
  ['a utility naming an unknown state', edit(STATES, ['types', 1, 'utility', 'z9'], LOG(1, 1)), 'types[1].utility.z9'],
  ['a utility missing a state', edit(STATES, ['types', 1, 'utility', 'z2'], undefined), 'types[1].utility.z2'],
  ['a bare utility with states (its "kind" read as a state)', edit(STATES, ['types', 1, 'utility'], LOG(1, 1)), 'types[1].utility.kind'],
  ['a bad utility in another state', edit(STATES, ['types', 0, 'utility', 'z2', 'sigma'], 1), 'types[0].utility.z2.sigma'],
  ['no true state', edit(STATES, ['state'], undefined), 'state'],
  ['an unknown true state', edit(STATES, ['state'], 'z7'), 'state'],
  ['a share with states', edit(STATES, ['types', 0, 'share'], 0.6), 'types[0].share'],
  ['an unknown top-level field', edit(COMPLETE, ['eta'], 0.1), 'eta'],
];

test.each(BAD)('refuses %s with one line naming the field', (_, req, field) => {
  expect(refusal(() => q.evaluate(req)).field).toBe(field);
});

const edgy: fc.Arbitrary<J> = fc.oneof(
  fc.constantFrom<J>(0, -1, -1e-300, 1e-300, 1e300, 1, 0.5, 2, '1', 'z1', 'kind', '__proto__', null, true, [], {}, [1], { kind: 'log', a: 1, b: 1 }),
  fc.integer({ min: -5, max: 5 }),
);

test('a valid request with one leaf changed or one array shortened: a finite answer or a one-field InputError', () => {
  for (const valid of [COMPLETE, STATES]) {
    const ps = allPaths(valid, { objects: true });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: ps.length - 1 }), edgy, fc.boolean(), (k, leaf, shorten) => {
        const req = replaced(valid, ps[k], (old) => (shorten && Array.isArray(old) ? old.slice(0, -1) : leaf));
        answeredOrRefused(() => q.evaluate(req), JSON.stringify(req));
      }),
      { numRuns: 100, seed: 13 },
    );
  }
});

test('extreme but valid economies still answer finitely (tiny ε, lopsided CES, huge endowment ratio)', () => {
  const req: J = {
    endowment: { q: 1e-6, r: 1e6 },
    epsilon: { q: 1e-9, r: 1e-9 }, // the smallest ε the request schema accepts (shared with hw.stage2-equilibrium)
    types: [
      { name: 'a', share: 0.5, utility: { kind: 'ces', a: 1e-3, b: 1e3, sigma: 0.05 } },
      { name: 'b', share: 0.5, utility: { kind: 'ces', a: 1e3, b: 1e-3, sigma: 20 } },
    ],
  };
  const out = q.evaluate(req) as any;
  expect(finite(out)).toBe(true);
  expect(out.price).toBeGreaterThan(0);
});

test('ε below the accepted range is refused naming the field, not answered', () => {
  const req: J = {
    endowment: { q: 1, r: 1 },
    epsilon: { q: 1e-12, r: 0.01 },
    types: [{ name: 'a', share: 1, utility: { kind: 'log', a: 1, b: 1 } }],
  };
  expect(() => q.evaluate(req)).toThrow(/^epsilon\.q: must be in \[1e-9, /);
});
