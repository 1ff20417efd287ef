/**
 * The grid-economy inputs of the equilibrium claims (properties/jackson-palfrey/generators-jp-equilibria.ts):
 * generated inputs build valid economies and survive decode, and bad saved inputs fail with one line
 * naming the field.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { buyerTotal, sellerTotal } from '../../src/models/jackson-palfrey/economy.ts';
import {
  buildEconomy, decodeGridEconomy, describeGridEconomy, heterogeneousInput, homogeneousInput, simplifyGridEconomy,
} from '../../properties/jackson-palfrey/generators-jp-equilibria.ts';

describe('grid economy inputs', () => {
  test('generated inputs: equal masses, decode round trip, simplify stays valid', () => {
    const xs = [...fc.sample(homogeneousInput(fc.constant(1)), { numRuns: 30, seed: 1 }), ...fc.sample(heterogeneousInput(fc.constant(0.9)), { numRuns: 30, seed: 2 })];
    for (const x of xs) {
      const e = buildEconomy(x);
      expect(Math.abs(buyerTotal(e.buyers) - sellerTotal(e.sellers))).toBeLessThan(1e-12);
      expect(decodeGridEconomy(JSON.parse(JSON.stringify(x)))).toEqual(x);
      for (const y of simplifyGridEconomy(x)) expect(() => buildEconomy(decodeGridEconomy(y))).not.toThrow();
      expect(describeGridEconomy(x)).not.toMatch(/\n/);
    }
  });
  test('bad saved inputs: one line naming the field', () => {
    const ok = { cuts: [0.5], weights: [1, 2], sellers: [[0, 0.5], [1, 0.5]], N: 10, delta: 1 };
    const msg = (j: unknown) => {
      try {
        decodeGridEconomy(j);
      } catch (e) {
        return e instanceof InputError ? e.message : `not an InputError: ${e}`;
      }
      return 'no error';
    };
    expect(msg(ok)).toBe('no error');
    expect(msg({ ...ok, weights: [1] })).toMatch(/^input\.weights: /);
    expect(msg({ ...ok, delta: 2 })).toMatch(/^input\.delta: /);
    expect(msg({ ...ok, cuts: [0.6, 0.4], weights: [1, 1, 1] })).toMatch(/^input\.cuts\.1: /);
    expect(msg({ ...ok, sellers: [[0.5, 1], [0.2, 1]] })).toMatch(/^input\.sellers\.1\.0: /);
    expect(msg({ ...ok, N: 1 })).toMatch(/^input\.N: /);
    expect(msg({ ...ok, extra: 1 })).toMatch(/^input: /);
  });
});

describe('saved equilibrium-claim cases', () => {
  test('a bad mechanism in a saved JP.Thm3 case: one line naming the field', async () => {
    const { thm3NecessaryConditions } = await import('../../properties/jackson-palfrey/claims-equilibria.ts');
    const economy = { cuts: [], weights: [1], sellers: [[0, 0.5], [1, 0.5]], N: 8, delta: 1 };
    const ok = { economy, mechs: [{ kind: 'fixed', price: 0.4 }, { kind: 'seller-offers', gridN: 4 }] };
    expect(thm3NecessaryConditions.decode!(ok)).toEqual(ok);
    const bad = (j: unknown) => {
      try {
        thm3NecessaryConditions.decode!(j);
      } catch (e) {
        return e instanceof InputError ? e.message : `not an InputError: ${e}`;
      }
      return 'no error';
    };
    expect(bad({ ...ok, mechs: [{ kind: 'fixed', price: 2 }, ok.mechs[1]] })).toMatch(/^input\.mechs\.0\.price: /);
    expect(bad({ ...ok, mechs: [{ kind: 'auction' }, ok.mechs[1]] })).toMatch(/^input\.mechs\.0\.kind: /);
    expect(bad({ ...ok, economy: { ...economy, N: 0 } })).toMatch(/^input\.economy\.N: /);
  });
});
