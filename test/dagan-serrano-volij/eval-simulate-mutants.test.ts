/**
 * Mutation gaps of src/models/dagan-serrano-volij/eval-simulate.ts (issue #14; mutation/results/mut10-dsv.md):
 * the refusals' one-line messages, the limits at their boundaries (10⁶ agents, N × maxRounds = 10⁸,
 * the relative tolerance of given targets at p·e = 100), the default seed, and the answer's words
 * (the targets' source, why a run did not converge: out of rounds, or stalled by the liquidity gap).
 */
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { dsvSimulate } from '../../src/models/dagan-serrano-volij/eval-simulate.ts';

/** Two types whose given targets clear at prices (1, 2, 1) with counts 6 and 3 (eval-simulate.test.ts's GIVEN). */
const given = () => ({
  types: [
    { count: 6, endowment: [2, 3, 0], target: [4.5, 1, 1.5] },
    { count: 3, endowment: [6, 0, 3], target: [1, 4, 0] },
  ] as Record<string, unknown>[],
  prices: [1, 2, 1] as number[] | undefined,
  indivisible: [1] as number[] | undefined,
  alpha: 0.25,
  p: [0.5, 0.25],
  seed: 7 as number | undefined,
});
const solved = () => ({
  types: [
    { count: 20, endowment: [1, 2, 0.5], utility: { kind: 'cobb-douglas', alpha: [0.3, 0.4, 0.3] } },
    { count: 10, endowment: [2, 0.5, 1], utility: { kind: 'ces', alpha: [1, 1, 2], sigma: 2 } },
  ] as Record<string, unknown>[],
  alpha: 0.2,
  p: [0.8],
});
const message = (req: unknown): string => {
  try {
    dsvSimulate.evaluate(req);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as InputError).message;
  }
  throw new Error(`accepted ${JSON.stringify(req)}`);
};
const withType = <T extends { types: Record<string, unknown>[] }>(r: T, i: number, patch: Record<string, unknown>): T => ({ ...r, types: r.types.map((t, j) => (j === i ? { ...t, ...patch } : t)) });
type Out = { converged: boolean; empty: boolean; stalled: boolean; reason?: string; targetSource: string; share: number[] };

describe('refusals say what is wrong', () => {
  test('α and p', () => {
    expect(message({ ...given(), alpha: 1 })).toBe('alpha: α = p(1), the share left unmatched each round, must lie in (0, 1) (got 1)');
    expect(message({ ...given(), p: [0.8, -0.05] })).toBe('p[1]: p(3) must be ≥ 0 (got -0.05)');
    expect(message({ ...given(), p: [0, 0.75] })).toBe('p[0]: p(2) must be > 0: without bilateral meetings nothing is ever traded (Section 5)');
    expect(message({ ...given(), p: [0.5, 0.5] })).toBe('p: α + Σ p(n) must be 1 (got 1.25)');
  });

  test('utility or target, the same for every type', () => {
    expect(message(withType(given(), 1, { utility: { kind: 'cobb-douglas', alpha: [0.3, 0.4, 0.3] } }))).toBe('types[1]: must give exactly one of utility (targets solved) and target (with prices)');
    expect(message(withType(given(), 1, { target: undefined, utility: { kind: 'cobb-douglas', alpha: [0.3, 0.4, 0.3] } }))).toBe('types[1]: must give a target, as types[0] does');
    expect(message(withType(solved(), 1, { utility: undefined, target: [1, 1, 1] }))).toBe('types[1]: must give a utility, as types[0] does');
  });

  test('prices', () => {
    expect(message({ ...solved(), prices: [1, 1, 1] })).toBe('prices: are solved from the utilities: give them only with targets');
    expect(message({ ...given(), prices: undefined })).toBe('prices: are required when the types give targets');
    expect(message({ ...given(), prices: [1, 2] })).toBe('prices: must have 3 entries, one per good (got 2)');
    expect(message({ ...given(), prices: [1, 2, 0] })).toBe('prices[2]: must be > 0 (got 0)');
  });

  test('indivisible goods', () => {
    expect(message({ ...given(), indivisible: [0] })).toBe("indivisible[0]: good 0 is the paper's good 1, the divisible good that balances the budget: it cannot be indivisible");
    expect(message({ ...given(), indivisible: [1.5] })).toBe('indivisible[0]: must be a good index from 1 to 2 (got 1.5)');
    expect(message({ ...given(), indivisible: [3] })).toBe('indivisible[0]: must be a good index from 1 to 2 (got 3)');
    expect(message({ ...given(), indivisible: [-1] })).toBe('indivisible[0]: must be a good index from 1 to 2 (got -1)');
    expect(message({ ...given(), indivisible: [1, 1] })).toBe('indivisible[1]: lists good 1 twice');
  });

  test('endowments and targets', () => {
    expect(message(withType(given(), 1, { endowment: [6, 0] }))).toBe('types[1].endowment: must have 3 entries, as types[0] (got 2)');
    expect(message(withType(given(), 1, { target: [1, 4] }))).toBe('types[1].target: must have 3 entries, one per good (got 2)');
    expect(message(withType(given(), 0, { endowment: [2, 3, -1] }))).toBe('types[0].endowment[2]: must be ≥ 0 (got -1)');
    expect(message(withType(given(), 0, { target: [4.5, 1.5, 1.5] }))).toBe('types[0].target[1]: must be an integer: good 1 is indivisible (got 1.5)');
    expect(message(withType(given(), 0, { target: [5, 1, 1.5] }))).toBe('types[0].target: must cost what the endowment is worth at the prices (p·f = 8.5, p·e = 8): f is a Walrasian bundle');
    expect(message(withType(given(), 0, { count: 5 }))).toBe("types[*].target[0]: good 0's market does not clear with the counts (excess -2.5): targets must be a Walrasian allocation of this population");
  });

  test('a Walrasian refusal of the realised population is charged to types', () => {
    const ex1 = (r: number, cash: number, unit: number, count = 1) => ({ count, endowment: [cash, unit], utility: { kind: 'example1', v: { kind: 'exp', a: 1 }, r } });
    const m = message({ types: [ex1(0.1, 0, 1), ex1(1, 1, 0, 2), ex1(1, 0.5, 0)], indivisible: [1], alpha: 0.5, p: [0.5] });
    expect(m).toMatch(/^types: .*without splitting a type/);
  });
});

describe('limits at their boundaries', () => {
  test('10⁶ agents pass the count (and the default 100 rounds its work limit); 10⁶ + 1 do not', () => {
    // one type whose target does not clear: refused after the limits, before any simulation
    const one = (count: number) => ({ types: [{ count, endowment: [1, 1], target: [2, 0] }], prices: [1, 1], alpha: 0.5, p: [0.5] });
    expect(message(one(1_000_000))).toMatch(/^types\[\*\]\.target\[0\]: good 0's market does not clear/);
    expect(message(one(1_000_001))).toBe('types: at most 1000000 agents in all (got 1000001)');
  });

  test('N × maxRounds = 10⁸ exactly is accepted; one round more is refused, naming the largest', () => {
    const still = (maxRounds: number) => ({ types: [{ count: 8, endowment: [1, 1], target: [1, 1] }], prices: [1, 1], alpha: 0.5, p: [0.5], maxRounds });
    expect((dsvSimulate.evaluate(still(12_500_000)) as unknown as Out).empty).toBe(true);
    expect(message(still(12_500_001))).toBe('maxRounds: N × maxRounds must be at most 100000000 (N = 8: maxRounds ≤ 12500000)');
  });

  test('given targets within 10⁻⁹ relative of p·e = 100 and of the supply 100 are accepted', () => {
    const req = { types: [{ count: 1, endowment: [100, 0], target: [100 + 5e-9, 0] }], prices: [1, 1], alpha: 0.5, p: [0.5], maxRounds: 5 };
    expect(() => dsvSimulate.evaluate(req)).not.toThrow();
  });
});

describe('the answer', () => {
  test('a positive τ is accepted (only τ ≤ 0 is refused)', () => {
    expect((dsvSimulate.evaluate({ ...given(), tau: 0.5 }) as unknown as Out).empty).toBe(true);
  });

  test('no seed is seed 1', () => {
    expect(dsvSimulate.evaluate({ ...given(), seed: undefined })).toEqual(dsvSimulate.evaluate({ ...given(), seed: 1 }));
  });

  test('the targets\' source is named', () => {
    expect((dsvSimulate.evaluate(given()) as unknown as Out).targetSource).toBe('given (checked: every budget binds and every market clears with the counts)');
    expect((dsvSimulate.evaluate(solved()) as unknown as Out).targetSource).toBe('the certified Walrasian allocation of the realised population (counts as masses)');
  });

  test('out of rounds: not converged, and why', () => {
    const out = dsvSimulate.evaluate({ ...given(), maxRounds: 1 }) as unknown as Out;
    expect(out.converged).toBe(false);
    expect(out.reason).toBe('not empty after maxRounds = 1 rounds');
  });

  test('stalled by the liquidity gap: a cycle of wants with no good 0 to pay', () => {
    // A has good 1 and wants good 2, B has 2 and wants 3, C has 3 and wants 1; nobody holds good 0
    const req = {
      types: [
        { count: 1, endowment: [0, 1, 0, 0], target: [0, 0, 1, 0] },
        { count: 1, endowment: [0, 0, 1, 0], target: [0, 0, 0, 1] },
        { count: 1, endowment: [0, 0, 0, 1], target: [0, 1, 0, 0] },
      ],
      prices: [1, 1, 1, 1],
      alpha: 0.5,
      p: [0.5],
    };
    const out = dsvSimulate.evaluate(req) as unknown as Out;
    expect(out.stalled).toBe(true);
    expect(out.converged).toBe(false);
    expect(out.reason).toBe('stalled: no pair of active agents has a non-zero g-trade while some agent is away from his target (the liquidity gap: payers without good 1)');
  });
});
