/**
 * Mutation gaps of src/models/dagan-serrano-volij/eval-walrasian.ts (issue #14; mutation/results/mut10-dsv.md):
 * which types are refused for a demand correspondence (example1 first, then a smooth type), the
 * field a solver refusal is charged to, and the answer's shape (converged, the certificate with its
 * measured quantities and its tolerances).
 */
import { describe, expect, test } from 'vitest';
import { DEFAULT_TOLERANCES } from '../../src/economy/walrasian.ts';
import { InputError } from '../../src/errors.ts';
import { dsvWalrasianEquilibrium as q } from '../../src/models/dagan-serrano-volij/eval-walrasian.ts';

const ex1 = (r: number, cash: number, unit: number, mass = 1) => ({ mass, endowment: [cash, unit], utility: { kind: 'example1', v: { kind: 'exp', a: 1 }, r } });
const refusal = (req: unknown): InputError => {
  try {
    q.evaluate(req);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error(`accepted ${JSON.stringify(req)}`);
};

describe('dsv.walrasian-equilibrium', () => {
  test('example1 listed before a smooth type is the one refused, with the whole reason', () => {
    const e = refusal({ indivisible: [1], types: [ex1(2, 1, 0), { mass: 1, endowment: [1, 1], utility: { kind: 'cobb-douglas', alpha: [0.5, 0.5] } }] });
    expect(e.message).toBe('types[0].utility.kind: example1 has a demand correspondence; the certified solver needs ces or cobb-douglas (or example1 for every type)');
  });

  test('a refusal of Example 1\'s route that is not about indivisibility is charged to types', () => {
    // S sells one unit; A1 (mass 2) and A3 (cash 0.5) share r = 1: no interval clears and at p = 1 only A1 can pay, with mass 2
    const e = refusal({ indivisible: [1], types: [ex1(0.1, 0, 1), ex1(1, 1, 0, 2), ex1(1, 0.5, 0)] });
    expect(e.field).toBe('types');
    expect(e.detail).toMatch(/without splitting a type/);
  });

  test('the answer: converged, the certificate\'s measured quantities and the default tolerances', () => {
    const r = q.evaluate({ indivisible: [1], types: [ex1(2, 1, 0), ex1(0.5, 1, 1)] }) as {
      converged: boolean; allocation: number[][]; certificate: { method: string; clearing: number; budget: number; tolerances: Record<string, number> };
    };
    expect(r.converged).toBe(true);
    expect(r.certificate.method).toBe('unit-demand');
    expect(r.certificate.clearing).toBe(0);
    expect(r.certificate.budget).toBeLessThan(1e-15);
    expect(r.certificate.tolerances).toEqual({ ...DEFAULT_TOLERANCES });
  });
});
