/**
 * Lemma 1's price map (src/models/giraud-rochon/revealing.ts): injectivity against a route that
 * does not measure gaps (distinct price strings), and the non-generic exceptions by construction.
 */
import { describe, expect, test } from 'vitest';
import { economy, type EconomySpec } from '../../src/models/giraud-rochon/economy.ts';
import { exchangeableAgents, identicalTypes, priceMap, separation } from '../../src/models/giraud-rochon/revealing.ts';

// interior in every state, no coincidence of prices (unlike round numbers: a = (10, 12), (11, 9), (14, 13)
// with b = (1, 2), (1, 1), (2, 1) gives λ = 10 in three states, two of them with an agent at a corner)
const spec: EconomySpec = {
  types: [2, 2, 2],
  a: [[[10.25], [10.75]], [[10.5], [10.125]], [[11], [10.625]]],
  b: [[[1], [1.25]], [[0.75], [1]], [[1.5], [1]]],
  omega: [[1, 5], [2, 5], [1, 5]],
  prior: [1, 1, 1, 1, 1, 1, 1, 1],
};
const distinct = (e: ReturnType<typeof economy>) => new Set(priceMap(e).map((l) => l.map((v) => v.toFraction()).join(','))).size;

describe('Lemma 1: the price map', () => {
  test('hand-worked state (1, 1, 1): λ = (10.25 + 10.5/0.75 + 11/1.5 − 4)/(1 + 4/3 + 2/3) = 331/36; all 8 states separated', () => {
    const e = economy(spec);
    expect(priceMap(e)[0][0].toFraction()).toBe('331/36');
    expect(distinct(e)).toBe(8);
    const { gap, pair } = separation(e);
    expect(gap.compare(0)).toBeGreaterThan(0);
    // the gap is the distance of the reported pair
    const p = priceMap(e);
    expect(p[pair[0]][0].sub(p[pair[1]][0]).abs().equals(gap)).toBe(true);
  });

  test('identical types of one agent: the states differing in its type share prices (gap 0)', () => {
    const s = { ...spec, a: spec.a.map((ai, i) => (i === 1 ? [ai[0], ai[0]] : ai)), b: spec.b.map((bi, i) => (i === 1 ? [bi[0], bi[0]] : bi)) };
    const e = economy(s);
    expect(identicalTypes(e)).toEqual([1]);
    expect(separation(e).gap.n).toBe(0n);
    expect(distinct(e)).toBe(4);
  });

  test('two agents with the same pair of types are exchangeable: swapping their types keeps the prices', () => {
    const s = { ...spec, a: [spec.a[0], spec.a[0], spec.a[2]], b: [spec.b[0], spec.b[0], spec.b[2]] };
    const e = economy(s);
    expect(identicalTypes(e)).toEqual([]);
    expect(exchangeableAgents(e)).toEqual([[0, 1]]);
    expect(separation(e).gap.n).toBe(0n);
    expect(distinct(e)).toBeLessThan(8);
  });
});
