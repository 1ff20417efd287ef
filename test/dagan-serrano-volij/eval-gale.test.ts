/**
 * `eval dsv.gale-trade` at the edge: each bad input refused with an InputError naming its field, a
 * small fuzz (one leaf of a valid request replaced by any JSON value, or one array shortened) either
 * answered with finite numbers or refused naming a field — never a crash.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { answeredOrRefused, paths, refusal, replaced } from '../edge.ts';
import { dsvGaleTrade } from '../../src/models/dagan-serrano-volij/eval-gale.ts';

type J = null | boolean | number | string | J[] | { [k: string]: J };

const VALID = {
  prices: [1, 2, 3],
  indivisible: [2],
  proposer: { holdings: [1, 0, 2], target: [0.5, 1, 1] },
  responder: { holdings: [1, 2, 0], target: [1, 0.5, 1] },
};

test('a valid request: the proposer buys good 1 and sells a unit of good 2, good 0 balancing', () => {
  const out = dsvGaleTrade.evaluate(VALID) as { trade: number[]; objective: number; ties: number; budgetResidual: number };
  expect(out.trade).toEqual([1, 1, -1]);
  expect(out.objective).toBeCloseTo(-2 * Math.exp(-1), 15);
  expect(out.ties).toBe(1);
  expect(out.budgetResidual).toBe(0);
});

const refuse = (req: unknown, field: string) => expect(refusal(() => dsvGaleTrade.evaluate(req), JSON.stringify(req)).field).toBe(field);

test('each bad input is refused naming its field', () => {
  refuse({ ...VALID, prices: [1, 0, 3] }, 'prices[1]');
  refuse({ ...VALID, prices: [-1, 2, 3] }, 'prices[0]');
  refuse({ ...VALID, indivisible: [0] }, 'indivisible[0]');
  refuse({ ...VALID, indivisible: [3] }, 'indivisible[0]');
  refuse({ ...VALID, indivisible: [2, 2] }, 'indivisible[1]');
  refuse({ ...VALID, indivisible: [1.5] }, 'indivisible[0]');
  refuse({ ...VALID, proposer: { holdings: [1, 0, 2.5], target: [0.5, 1, 1] } }, 'proposer.holdings[2]');
  refuse({ ...VALID, responder: { holdings: [1, 2, 0], target: [1, 0.5, 0.5] } }, 'responder.target[2]');
  refuse({ ...VALID, proposer: { holdings: [1, 0], target: [0.5, 1, 1] } }, 'proposer.holdings');
  refuse({ ...VALID, responder: { holdings: [1, -2, 0], target: [1, 0.5, 1] } }, 'responder.holdings[1]');
  refuse({ ...VALID, extra: 1 }, 'extra');
  refuse({ ...VALID, prices: [] }, 'prices');
  refuse('x', '');
  // an integer enumeration beyond the limit is refused, not run for minutes
  refuse({ prices: [1, 1, 1], indivisible: [1, 2], proposer: { holdings: [1e9, 0, 0], target: [0, 1000, 1000] }, responder: { holdings: [1e9, 1000, 1000], target: [1e9, 0, 0] } }, 'indivisible');
});


test('fuzzed edge: a valid request with one leaf changed or one array shortened is answered or refused naming a field', () => {
  const ps = paths(VALID as J);
  const edgy: fc.Arbitrary<J> = fc.oneof(fc.constantFrom<J>(0, -1, -1e-300, 1e300, 1e-300, 1, 0.5, 2, 3, '1', null, true, [], {}, [1]), fc.integer({ min: -5, max: 5 }));
  fc.assert(
    fc.property(fc.integer({ min: 0, max: ps.length - 1 }), edgy, fc.boolean(), (k, leaf, shorten) => {
      const req = replaced(VALID as J, ps[k], (old) => (shorten && Array.isArray(old) ? old.slice(0, -1) : leaf));
      const out = answeredOrRefused(() => dsvGaleTrade.evaluate(req) as { trade: number[] }, JSON.stringify(req));
      if (!out) return;
      // what was answered keeps both holdings non-negative
      const r = req as typeof VALID;
      out.trade.forEach((x, g) => {
        expect(r.proposer.holdings[g] + x).toBeGreaterThanOrEqual(0);
        expect(r.responder.holdings[g] - x).toBeGreaterThanOrEqual(0);
      });
    }),
    { numRuns: 300, seed: 3 },
  );
});
