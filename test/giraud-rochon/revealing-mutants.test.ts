/**
 * Mutation-testing gaps of src/models/giraud-rochon/revealing.ts and endowments.ts
 * (mutation/results/mut-gr.md): the separation against a brute force over pairs with two real
 * goods, the non-generic exceptions on cases built to sit next to them, and the premise matrix
 * against a solution of Σ_i d_i(t_i) = c written down by hand.
 */
import { describe, expect, test } from 'vitest';
import { Fraction } from '../../src/numeric/rational.ts';
import { economy, profiles, type EconomySpec } from '../../src/models/giraud-rochon/economy.ts';
import { exchangeableAgents, identicalTypes, priceMap, separation } from '../../src/models/giraud-rochon/revealing.ts';
import { kernel, premiseMatrix } from '../../src/models/giraud-rochon/endowments.ts';

// two real goods (L = 3), two agents with two types: four states. Goods are separable, so λ_h moves
// only with good h's (a, b): agent 1's types differ on good 1 only, and the states differing in
// agent 1's type share λ_2 (the last good's difference alone would put the gap at 0)
const spec2: EconomySpec = {
  types: [2, 2],
  a: [[[10, 9], [10.5, 9]], [[11, 10], [10.25, 9.5]]],
  b: [[[1, 1], [1, 1]], [[2, 1], [1, 1]]],
  omega: [[1, 1, 5], [1, 1, 5]],
  prior: [1, 1, 1, 1],
};

describe('separation', () => {
  test('two real goods: the largest difference over goods, the smallest over pairs (brute force)', () => {
    const e = economy(spec2);
    const p = priceMap(e);
    let best: Fraction | null = null;
    for (let s = 0; s < p.length; s++)
      for (let r = s + 1; r < p.length; r++) {
        const d0 = p[s][0].sub(p[r][0]).abs();
        const d1 = p[s][1].sub(p[r][1]).abs();
        const d = d0.compare(d1) > 0 ? d0 : d1;
        if (best === null || d.compare(best) < 0) best = d;
      }
    // the case discriminates: the last good's difference alone would give another gap
    let lastOnly: Fraction | null = null;
    for (let s = 0; s < p.length; s++)
      for (let r = s + 1; r < p.length; r++) {
        const d = p[s][1].sub(p[r][1]).abs();
        if (lastOnly === null || d.compare(lastOnly) < 0) lastOnly = d;
      }
    expect(lastOnly!.equals(best!)).toBe(false);
    const { gap, pair } = separation(e);
    expect(gap.toFraction()).toBe(best!.toFraction());
    const [s, r] = pair;
    expect([0, 1].map((h) => p[s][h].sub(p[r][h]).abs()).reduce((m, x) => (x.compare(m) > 0 ? x : m)).toFraction()).toBe(gap.toFraction());
  });

  test('a single state: no pair, gap 0, the pair (0, 0)', () => {
    const e = economy({ types: [1, 1], a: [[[10]], [[11]]], b: [[[1]], [[1]]], omega: [[1, 5], [1, 5]], prior: [1] });
    expect(separation(e)).toEqual({ gap: new Fraction(0), pair: [0, 0] });
  });
});

describe('identicalTypes: same v means every good\'s a and b', () => {
  test('same a, different b on one good, or same on good 1 and not on good 2: not identical', () => {
    const s1 = { ...spec2, a: [[[10, 9], [10, 9]], spec2.a[1]], b: [[[1, 1], [1, 2]], spec2.b[1]] };
    expect(identicalTypes(economy(s1))).toEqual([]);
    const s2 = { ...spec2, a: [[[10, 9], [10, 12]], spec2.a[1]], b: [[[1, 1], [1, 1]], spec2.b[1]] };
    expect(identicalTypes(economy(s2))).toEqual([]);
    const s3 = { ...spec2, a: [[[10, 9], [10, 9]], spec2.a[1]], b: [[[1, 1], [1, 1]], spec2.b[1]] };
    expect(identicalTypes(economy(s3))).toEqual([0]);
  });
});

describe('exchangeableAgents', () => {
  test('the same two types listed in the other order are still exchangeable', () => {
    const s = { ...spec2, a: [spec2.a[0], [spec2.a[0][1], spec2.a[0][0]]], b: [spec2.b[0], [spec2.b[0][1], spec2.b[0][0]]] };
    expect(exchangeableAgents(economy(s))).toEqual([[0, 1]]);
  });

  test('agents with one distinct type each are not reported (swapping them changes no state)', () => {
    const one = { types: [1, 1, 1], a: [[[10]], [[10]], [[11]]], b: [[[1]], [[1]], [[2]]], omega: [[1, 5], [1, 5], [1, 5]], prior: [1] };
    expect(exchangeableAgents(economy(one))).toEqual([]);
    const twice = { types: [2, 2], a: [[[10], [10]], [[10], [10]]], b: [[[1], [1]], [[1], [1]]], omega: [[1, 5], [1, 5]], prior: [1, 1, 1, 1] };
    expect(exchangeableAgents(economy(twice))).toEqual([]);
  });

  test('goods are told apart: (a, b) = (1, 2), (35, 4) is not (1, 23), (5, 4)', () => {
    const s: EconomySpec = {
      types: [2, 2],
      a: [[[1, 35], [7, 7]], [[1, 5], [7, 7]]],
      b: [[[2, 4], [1, 1]], [[23, 4], [1, 1]]],
      omega: [[1, 1, 5], [1, 1, 5]],
      prior: [1, 1, 1, 1],
    };
    expect(exchangeableAgents(economy(s))).toEqual([]);
  });
});

describe('the premise matrix', () => {
  test('c enters with −1: d_1 ≡ 1, d_2 ≡ 0, c = 1 solves every row (|T| = (2, 2), full support)', () => {
    const types = [2, 2];
    const m = premiseMatrix(types, profiles(types).map(() => true));
    const v = [1, 1, 0, 0, 1].map((x) => new Fraction(x));
    for (const row of m) expect(row.reduce((s, x, j) => s.add(x.mul(v[j])), new Fraction(0)).n).toBe(0n);
    expect(m.every((row) => row[4].equals(-1))).toBe(true);
    // and the kernel holds it: rank 3 of 5 columns, two free
    expect(kernel(m, 5).rank).toBe(3);
  });
});
