/**
 * `eval dsv.walrasian-equilibrium` at the edge (issue #14 "Bad input"): each bad field refused with a
 * one-line InputError naming it; a valid request with one leaf replaced by an edgy value is either
 * answered (finite, certified numbers) or refused that way — never a crash.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { answeredOrRefused, paths, refusal, replaced } from '../edge.ts';
import { dsvWalrasianEquilibrium as q } from '../../src/models/dagan-serrano-volij/eval-walrasian.ts';

type J = null | boolean | number | string | J[] | { [k: string]: J };
const VALID: J = {
  types: [
    { mass: 1, endowment: [1, 2], utility: { kind: 'cobb-douglas', alpha: [0.3, 0.7] } },
    { mass: 2, endowment: [2, 1], utility: { kind: 'ces', alpha: [1, 1], sigma: 2 } },
  ],
};
const withType = (i: number, patch: Record<string, J>): J => {
  const v = structuredClone(VALID) as { types: Record<string, J>[] };
  v.types[i] = { ...v.types[i], ...patch };
  return v as unknown as J;
};

describe('dsv.walrasian-equilibrium', () => {
  test('answers the INTERFACES.md request: p_0 = 1, markets clear, budgets bind', () => {
    const r = q.evaluate(VALID) as { prices: number[]; allocation: number[][]; converged: boolean };
    expect(r.prices[0]).toBe(1);
    expect(r.converged).toBe(true);
    const z = [0, 1].map((k) => r.allocation[0][k] + 2 * r.allocation[1][k] - (1 + 2 * 2) * (k === 0 ? 1 : 0) - (2 + 2 * 1) * (k === 1 ? 1 : 0));
    for (const v of z) expect(Math.abs(v)).toBeLessThan(1e-12);
  });
  test('Example 1: a buyer (r = 2) and a seller (r = 1/2) trade the unit at a price between them', () => {
    const r = q.evaluate({ indivisible: [1], types: [{ mass: 1, endowment: [1, 0], utility: { kind: 'example1', v: { kind: 'exp', a: 1 }, r: 2 } }, { mass: 1, endowment: [1, 1], utility: { kind: 'example1', v: { kind: 'exp', a: 1 }, r: 0.5 } }] }) as { prices: number[]; allocation: number[][] };
    expect(r.prices[1]).toBeGreaterThan(0.5);
    expect(r.prices[1]).toBeLessThan(1);
    expect(r.allocation.map((x) => x[1])).toEqual([1, 0]);
  });
  const bad: [string, J, RegExp][] = [
    ['σ < 1', withType(1, { utility: { kind: 'ces', alpha: [1, 1], sigma: 0.99 } }), /^types\[1\]\.utility\.sigma: must be ≥ 1/],
    ['α outside (0,1)', withType(0, { utility: { kind: 'cobb-douglas', alpha: [1.2, -0.2] } }), /^types\[0\]\.utility\.alpha\[1\]/],
    ['α not summing to 1', withType(0, { utility: { kind: 'cobb-douglas', alpha: [0.3, 0.6] } }), /^types\[0\]\.utility\.alpha: must sum to 1/],
    ['negative endowment', withType(0, { endowment: [1, -2] }), /^types\[0\]\.endowment\[1\]: must be a finite number ≥ 0/],
    ['zero endowment', withType(0, { endowment: [0, 0] }), /^types\[0\]\.endowment: must not be zero/],
    ['non-positive mass', withType(1, { mass: 0 }), /^types\[1\]\.mass/],
    ['mismatched lengths', withType(1, { endowment: [2, 1, 3] }), /^types\[1\]\.endowment: has 3 entries, expected 2/],
    ['mismatched α', withType(1, { utility: { kind: 'ces', alpha: [1, 1, 1], sigma: 2 } }), /^types\[1\]\.utility\.alpha: has 3 entries/],
    ['unknown kind', withType(1, { utility: { kind: 'leontief', alpha: [1, 1] } }), /^types\[1\]\.utility\.kind: must be one of/],
    ['unknown field', { ...(VALID as object), extra: 1 }, /^extra: unknown field/],
    ['good 0 indivisible', { ...(VALID as object), indivisible: [0] }, /^indivisible\[0\]: good 0 is the divisible numéraire/],
    ['non-integer indivisible holding', { types: [{ mass: 1, endowment: [1, 1.5], utility: { kind: 'cobb-douglas', alpha: [0.5, 0.5] } }], indivisible: [1] }, /^types\[0\]\.endowment\[1\]: good 1 is indivisible/],
    ['non-integer equilibrium in an indivisible good', { ...(VALID as object), indivisible: [1] }, /^indivisible: no certified Walrasian equilibrium: .*non-integer/],
    ['demand correspondence', withType(1, { utility: { kind: 'exp', w: [1, 2] } }), /^types\[1\]\.utility\.kind: exp has a demand correspondence/],
    ['no types', { types: [] }, /^types: must list at least 1 type/],
    ['example1 mixed with smooth types', withType(1, { utility: { kind: 'example1', v: { kind: 'exp', a: 1 } } }), /^types\[1\]\.utility\.kind: example1 has a demand correspondence/],
    ['example1 with good 1 divisible', { types: [{ mass: 1, endowment: [1, 0], utility: { kind: 'example1', v: { kind: 'exp', a: 1 }, r: 2 } }, { mass: 1, endowment: [1, 1], utility: { kind: 'example1', v: { kind: 'exp', a: 1 }, r: 0.5 } }] }, /^indivisible: .*need good 1 indivisible/],
  ];
  test.each(bad)('%s: one line naming the field', (_name, req, re) => {
    expect(refusal(() => q.evaluate(req)).message).toMatch(re);
  });
});


test('edge fuzz: one leaf changed or one array shortened gives an answer or a one-field InputError', () => {
  const ps = paths(VALID);
  const edgy: fc.Arbitrary<J> = fc.oneof(fc.constantFrom<J>(0, -1, 1e-300, 1e300, 1, 0.5, 2, 1e7, '1', null, true, [], {}, [1], 'exp'), fc.integer({ min: -3, max: 3 }));
  fc.assert(
    fc.property(fc.integer({ min: 0, max: ps.length - 1 }), edgy, fc.boolean(), (k, leaf, shorten) => {
      const req = replaced(VALID, ps[k], (old) => (shorten && Array.isArray(old) ? old.slice(0, -1) : leaf));
      answeredOrRefused(() => q.evaluate(req), JSON.stringify(req));
    }),
    { numRuns: 120, seed: 14 },
  );
});
