/**
 * `eval dsv.simulate` at the edge: targets solved and certified from utilities or given and checked,
 * the same seed giving the same path, each bad input refused naming its field, and a small fuzz.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { answeredOrRefused, paths, refusal, replaced } from '../edge.ts';
import { dsvSimulate } from '../../src/models/dagan-serrano-volij/eval-simulate.ts';

type J = null | boolean | number | string | J[] | { [k: string]: J };

const GIVEN = {
  types: [
    { count: 6, endowment: [2, 3, 0], target: [4.5, 1, 1.5] },
    { count: 3, endowment: [6, 0, 3], target: [1, 4, 0] },
  ],
  prices: [1, 2, 1],
  indivisible: [1],
  alpha: 0.25,
  p: [0.5, 0.25],
  seed: 7,
};
const SOLVED = {
  types: [
    { count: 20, endowment: [1, 2, 0.5], utility: { kind: 'cobb-douglas', alpha: [0.3, 0.4, 0.3] } },
    { count: 10, endowment: [2, 0.5, 1], utility: { kind: 'ces', alpha: [1, 1, 2], sigma: 2 } },
  ],
  alpha: 0.2,
  p: [0.8],
};

interface Out {
  prices: number[];
  targets: number[][];
  rounds: number;
  empty: boolean;
  share: number[];
  active: number[];
  converged: boolean;
  incomeDrift: number;
}

test('given targets: checked, simulated to an empty market, deterministic in the seed', () => {
  const a = dsvSimulate.evaluate(GIVEN) as unknown as Out;
  const b = dsvSimulate.evaluate(GIVEN) as unknown as Out;
  expect(a).toEqual(b);
  expect(a.empty && a.converged).toBe(true);
  expect(a.share[0]).toBe(1);
  expect(a.share.at(-1)).toBe(0);
  expect(a.active.length).toBe(a.rounds + 1);
  const c = dsvSimulate.evaluate({ ...GIVEN, seed: 8 }) as unknown as Out;
  expect(c.share).not.toEqual(a.share);
});

test('targets from the certified Walrasian solver: every budget binds at the returned prices, the market empties', () => {
  const a = dsvSimulate.evaluate(SOLVED) as unknown as Out;
  SOLVED.types.forEach((t, i) => {
    const pe = t.endowment.reduce((s, x, k) => s + a.prices[k] * x, 0);
    const pf = a.targets[i].reduce((s, x, k) => s + a.prices[k] * x, 0);
    expect(Math.abs(pe - pf)).toBeLessThan(1e-12 * pe);
  });
  expect(a.empty).toBe(true);
  expect(a.incomeDrift).toBeLessThan(1e-12);
});

const refuse = (req: unknown, field: string) => expect(refusal(() => dsvSimulate.evaluate(req), JSON.stringify(req)).field).toBe(field);

test('each bad input is refused naming its field', () => {
  refuse({ ...GIVEN, alpha: 0 }, 'alpha');
  refuse({ ...GIVEN, alpha: 1 }, 'alpha');
  refuse({ ...GIVEN, p: [0.5, 0.5] }, 'p');
  refuse({ ...GIVEN, p: [0, 0.75] }, 'p[0]');
  refuse({ ...GIVEN, p: [0.8, -0.05] }, 'p[1]');
  refuse({ ...GIVEN, prices: [1, 0, 1] }, 'prices[1]');
  refuse({ ...GIVEN, prices: [1, 2] }, 'prices');
  refuse({ ...GIVEN, indivisible: [0] }, 'indivisible[0]');
  refuse({ ...GIVEN, types: [{ ...GIVEN.types[0], target: [4.5, 1.5, 1.5] }, GIVEN.types[1]] }, 'types[0].target[1]');
  refuse({ ...GIVEN, types: [{ ...GIVEN.types[0], target: [5, 1, 1.5] }, GIVEN.types[1]] }, 'types[0].target');
  refuse({ ...GIVEN, types: [{ ...GIVEN.types[0], count: 5 }, GIVEN.types[1]] }, 'types[*].target[0]');
  refuse({ ...GIVEN, types: [{ ...GIVEN.types[0], count: 1.5 }, GIVEN.types[1]] }, 'types[0].count');
  refuse({ ...GIVEN, types: [GIVEN.types[0], { ...GIVEN.types[1], endowment: [6, 0] }] }, 'types[1].endowment');
  refuse({ ...GIVEN, tau: 0 }, 'tau');
  refuse({ ...GIVEN, maxRounds: 1e9 }, 'maxRounds');
  refuse({ ...GIVEN, prices: undefined }, 'prices');
  refuse({ ...SOLVED, prices: [1, 1, 1] }, 'prices');
  refuse({ ...SOLVED, types: [{ ...SOLVED.types[0], utility: { kind: 'ces', alpha: [1, 1, 1], sigma: 0.5 } }, SOLVED.types[1]] }, 'types[0].utility.sigma');
  refuse({ ...SOLVED, types: [{ ...SOLVED.types[0], count: 0 }, SOLVED.types[1]] }, 'types[0].count');
  refuse({ ...SOLVED, types: [SOLVED.types[0], GIVEN.types[0]] }, 'types[1]');
});


test('fuzzed edge: one leaf changed or one array shortened is answered with finite numbers or refused naming a field', () => {
  const edgy: fc.Arbitrary<J> = fc.oneof(fc.constantFrom<J>(0, -1, 1e300, 1e-300, 1, 0.5, 2, '1', null, true, [], {}, [1]), fc.integer({ min: -3, max: 5 }));
  for (const valid of [GIVEN, SOLVED] as unknown as J[]) {
    const ps = paths(valid);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: ps.length - 1 }), edgy, fc.boolean(), (k, leaf, shorten) => {
        const req = replaced(valid, ps[k], (old) => (shorten && Array.isArray(old) ? old.slice(0, -1) : leaf));
        answeredOrRefused(() => dsvSimulate.evaluate(req), JSON.stringify(req));
      }),
      { numRuns: 120, seed: 9 },
    );
  }
});
