/**
 * Type-independent endowments as linear algebra (src/models/giraud-rochon/endowments.ts): the exact
 * kernel on hand-worked matrices, and the premise's solutions on full and holed supports.
 */
import { describe, expect, test } from 'vitest';
import { Fraction } from '../../src/numeric/rational.ts';
import { kernel, premiseMatrix, typeDependentAgents } from '../../src/models/giraud-rochon/endowments.ts';
import { profiles } from '../../src/models/giraud-rochon/economy.ts';

const F = (n: number) => new Fraction(n);
const str = (v: readonly Fraction[]) => v.map((x) => x.toFraction());

describe('kernel', () => {
  test('[[1, 1, 0], [0, 1, 1]]: rank 2, kernel spanned by (1, −1, 1)', () => {
    const k = kernel([[F(1), F(1), F(0)], [F(0), F(1), F(1)]], 3);
    expect(k.rank).toBe(2);
    expect(k.basis.map(str)).toEqual([['1', '-1', '1']]);
  });

  test('a zero row and a repeated row change nothing', () => {
    const k = kernel([[F(2), F(4)], [F(0), F(0)], [F(1), F(2)]], 2);
    expect(k.rank).toBe(1);
    expect(k.basis.map(str)).toEqual([['-2', '1']]);
  });
});

describe('the premise Σ_i d_i(t_i) = c', () => {
  test('full support on |T| = (2, 2, 3): the solutions are the N = 3 type-constant families', () => {
    const types = [2, 2, 3];
    const k = kernel(premiseMatrix(types, profiles(types).map(() => true)), 8);
    expect(k.basis).toHaveLength(3);
    expect(k.rank).toBe(5);
    for (const v of k.basis) expect(typeDependentAgents(types, v)).toEqual([]);
  });

  test('support only on t_1 = t_2 (off the premise): d_1 = (0, 1), d_2 = (0, −1) is a type-dependent solution', () => {
    const types = [2, 2, 2];
    const support = profiles(types).map((t) => t[0] === t[1]);
    const k = kernel(premiseMatrix(types, support), 7);
    expect(k.basis.some((v) => typeDependentAgents(types, v).length > 0)).toBe(true);
    // the named solution lies in the span: it solves every supported row
    const d = [F(0), F(1), F(0), F(-1), F(0), F(0), F(0)];
    for (const row of premiseMatrix(types, support)) expect(row.reduce((s, x, j) => s.add(x.mul(d[j])), F(0)).n).toBe(0n);
  });
});
