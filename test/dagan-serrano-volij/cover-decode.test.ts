/**
 * Saved cases of the DSV cover and lottery claims are validated field by field
 * (properties/dagan-serrano-volij/generators-covers.ts): a bad one is an InputError whose one-line
 * message names the field; generated cases decode to themselves.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors.ts';
import {
  decodeEx1Cover, decodeLinearLottery, decodeLotteryEconomy, ex1CoverArb, linearLotteryArb, lotteryEconomyArb,
} from '../../properties/dagan-serrano-volij/generators-covers.ts';

function fieldOf(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).not.toMatch(/\n/);
    return (err as InputError).field;
  }
  throw new Error('no error');
}

const ex1 = { v: { kind: 'exp', a: 1 }, x: [1, 0], y: [0.5, 1.5], a: 0, z: [0.25, 0.5] };
const lottery = {
  D: 1, I: 1,
  utilities: [{ v: { kind: 'exp', a: 1 }, w: [1], r: [1] }],
  cellType: [0, 0], masses: [1, 2], weights: [1, 3],
  bundles: [[[1, 0], [2, 1]], [[1.5, 1], [1, 0]]],
};
const linear = { D: 1, I: 1, w: [[1, 2]], cellType: [0, 0], masses: [1, 1], weights: [1, 1], bundles: [[[1, 0], [0, 1]], [[0, 1], [1, 0]]] };

describe('decoders', () => {
  test('generated cases decode to themselves', () => {
    for (const s of fc.sample(ex1CoverArb, { seed: 1, numRuns: 30 })) expect(decodeEx1Cover(JSON.parse(JSON.stringify(s)))).toEqual(s);
    for (const s of fc.sample(lotteryEconomyArb, { seed: 1, numRuns: 30 })) expect(decodeLotteryEconomy(JSON.parse(JSON.stringify(s)))).toEqual(s);
    for (const s of fc.sample(linearLotteryArb, { seed: 1, numRuns: 30 })) expect(decodeLinearLottery(JSON.parse(JSON.stringify(s)))).toEqual(s);
  });

  test('Example 1 cases: the field named', () => {
    expect(fieldOf(() => decodeEx1Cover({ ...ex1, v: { kind: 'exp', a: -1 } }))).toBe('v.a');
    expect(fieldOf(() => decodeEx1Cover({ ...ex1, x: [0.5, 0] }))).toBe('x'); // below the domain
    expect(fieldOf(() => decodeEx1Cover({ ...ex1, y: [0.3, 1] }))).toBe('y'); // off the half lattice
    expect(fieldOf(() => decodeEx1Cover({ ...ex1, z: [0.5, 0.5] }))).toBe('z'); // on the domain's edge
    expect(fieldOf(() => decodeEx1Cover({ ...ex1, a: 0.3 }))).toBe('a');
    expect(fieldOf(() => decodeEx1Cover({ ...ex1, extra: 1 }))).toBe('');
  });

  test('lottery economies: the field named', () => {
    expect(fieldOf(() => decodeLotteryEconomy({ ...lottery, masses: [1] }))).toBe('masses');
    expect(fieldOf(() => decodeLotteryEconomy({ ...lottery, cellType: [0, 3] }))).toBe('cellType.1');
    expect(fieldOf(() => decodeLotteryEconomy({ ...lottery, bundles: [[[1, 0.5], [2, 1]], [[1.5, 1], [1, 0]]] }))).toBe('bundles.0.0'); // a half unit
    expect(fieldOf(() => decodeLotteryEconomy({ ...lottery, bundles: [[[0.5, 0], [2, 1]], [[1.5, 1], [1, 0]]] }))).toBe('bundles.0.0'); // below the domain
    expect(fieldOf(() => decodeLotteryEconomy({ ...lottery, utilities: [{ v: { kind: 'exp', a: 1 }, w: [1, 1], r: [1] }] }))).toBe('utilities.0.w');
    expect(fieldOf(() => decodeLotteryEconomy({ ...lottery, weights: [1] }))).toBe('bundles');
    expect(fieldOf(() => decodeLinearLottery({ ...linear, w: [[1]] }))).toBe('w.0');
    expect(fieldOf(() => decodeLinearLottery({ ...linear, masses: [1, -1] }))).toBe('masses.1');
  });
});
