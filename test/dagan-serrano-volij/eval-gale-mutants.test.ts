/**
 * Mutation gaps of src/models/dagan-serrano-volij/eval-gale.ts (issue #14; mutation/results/mut10-dsv.md):
 * the refusals' one-line messages (what the user reads), the enumeration limit counted on the
 * indivisible goods that trade only, and the budget residual p·x checked against exact rationals.
 */
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { dsvGaleTrade } from '../../src/models/dagan-serrano-volij/eval-gale.ts';
import { ENUMERATION_MAX } from '../../src/models/dagan-serrano-volij/trading-rule.ts';
import { Fraction } from '../../src/numeric/rational.ts';

const refusal = (req: unknown): InputError => {
  try {
    dsvGaleTrade.evaluate(req);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error(`accepted ${JSON.stringify(req)}`);
};

describe('dsv.gale-trade refusals say what is wrong', () => {
  const base = () => ({
    prices: [1, 2, 3],
    indivisible: [2],
    proposer: { holdings: [1, 0, 2], target: [0.5, 1, 1] },
    responder: { holdings: [1, 2, 0], target: [1, 0.5, 1] },
  });
  test('indivisible goods: good 0, out of range, twice', () => {
    expect(refusal({ ...base(), indivisible: [0] }).message).toBe("indivisible[0]: good 0 is the paper's good 1, the divisible good that balances the budget: it cannot be indivisible");
    expect(refusal({ ...base(), indivisible: [3] }).message).toBe('indivisible[0]: must be a good index from 1 to 2 (got 3)');
    expect(refusal({ ...base(), indivisible: [-1] }).message).toBe('indivisible[0]: must be a good index from 1 to 2 (got -1)');
    expect(refusal({ ...base(), indivisible: [1, 2, 1] }).message).toBe('indivisible[2]: lists good 1 twice');
  });
  test('lengths and integer holdings', () => {
    expect(refusal({ ...base(), responder: { holdings: [1, 2, 0], target: [1, 0.5] } }).message).toBe('responder.target: must have 3 entries, one per price (got 2)');
    expect(refusal({ ...base(), proposer: { holdings: [1, 0, 2], target: [0.5, 1, 1.5] } }).message).toBe('proposer.target[2]: must be an integer: good 2 is indivisible (got 1.5)');
  });
});

describe('the enumeration limit', () => {
  const oneGood = (cap: number, indivisible: number[]) => ({
    prices: [1, 1],
    indivisible,
    proposer: { holdings: [1e9, 0], target: [0, cap] },
    responder: { holdings: [1e9, cap], target: [1e9, 0] },
  });
  test('one indivisible good with cap c gives c + 1 integer trades: c = ENUMERATION_MAX is refused, naming the count', () => {
    expect(refusal(oneGood(ENUMERATION_MAX, [1])).message).toBe(`indivisible: the indivisible goods allow ${ENUMERATION_MAX + 1} integer trades, more than the ${ENUMERATION_MAX} the exact enumeration accepts`);
  });
  test('a divisible good with the same cap is not counted: answered (the proposer buys c of it)', () => {
    const out = dsvGaleTrade.evaluate(oneGood(ENUMERATION_MAX, [])) as { trade: number[] };
    expect(out.trade[1]).toBe(ENUMERATION_MAX);
  });
  test('an indivisible good nobody trades is not counted (its cap is 0): answered', () => {
    const req = {
      prices: [1, 1, 1],
      indivisible: [1, 2],
      proposer: { holdings: [10, 5e5, 0], target: [9, 5e5, 1] },
      responder: { holdings: [10, 5e5, 1], target: [11, 5e5, 0] },
    };
    expect((dsvGaleTrade.evaluate(req) as { trade: number[] }).trade).toEqual([-1, 0, 1]);
  });
});

describe('the budget residual', () => {
  test('is p·x of the returned trade: 0 to rounding, as the exact rational sum of the same doubles', () => {
    // prices (1, 0.1, 0.3), both goods divisible: the proposer buys 0.7 of good 1 and sells 0.2 of good 2
    const req = {
      prices: [1, 0.1, 0.3],
      proposer: { holdings: [5, 0, 0.2], target: [5, 0.7, 0] },
      responder: { holdings: [5, 0.7, 0], target: [5, 0, 0.2] },
    };
    const out = dsvGaleTrade.evaluate(req) as { trade: number[]; budgetResidual: number };
    expect(out.trade[1]).toBeCloseTo(0.7, 14);
    expect(out.trade[2]).toBeCloseTo(-0.2, 14);
    const exact = out.trade.reduce((s, x, k) => s.add(new Fraction(req.prices[k]).mul(new Fraction(x))), new Fraction(0));
    expect(Math.abs(out.budgetResidual - exact.valueOf())).toBeLessThanOrEqual(4 * Number.EPSILON);
    expect(Math.abs(out.budgetResidual)).toBeLessThan(1e-15);
  });
});
