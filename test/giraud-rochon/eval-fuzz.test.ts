/**
 * `eval gr.*` at the edge, fuzzed: a valid request with one leaf replaced by any JSON value (a
 * negative or huge number, 0, a string, null, an array, an object) or one array shortened is either
 * answered or refused with an InputError naming a field — never a crash, never NaN in a result.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { answeredOrRefused, paths, replaced } from '../edge.ts';
import { grOutcome } from '../../src/models/giraud-rochon/eval.ts';
import { grContract } from '../../src/models/giraud-rochon/eval-contract.ts';
import { grAgv, grCompatibility } from '../../src/models/giraud-rochon/eval-incentives.ts';
import type { Quantity } from '../../src/models/quantity.ts';

type J = null | boolean | number | string | J[] | { [k: string]: J };

const economy = { types: [2, 2, 1], a: [[[9], [8]], [[7], [9]], [[8]]], b: [[[1], [2]], [[1], [1]], [[1]]], omega: [[1, 2], [1, 1], [2, 3]], prior: [0.1, 0.2, 0.3, 0.4] };
const VALID: [Quantity, J][] = [
  [grOutcome, { quotes: [[2, 1], [2, 1], [3, 1]], demands: [[[0, 0], [1, -2], [0, 0]], [[-1, 2], [0, 0], [0, 1]], [[0, 0], [0, 0], [0, 0]]], endowments: [[1, 1], [1, 1], [1, 1]], tolerance: 0 }],
  [grContract, { a: [[4.25], [4.25], [3.75]], b: [[1.25], [1.25], [0.75]], omega: [[0, 3], [1, 1], [0, 2]] }],
  [grAgv, economy],
  [grCompatibility, economy],
];


const edgy: fc.Arbitrary<J> = fc.oneof(
  fc.constantFrom<J>(0, -1, -1e-300, 1e300, 1, 0.5, 2, '1', null, true, [], {}, [1], [[1]]),
  fc.integer({ min: -5, max: 5 }),
);

test('a valid request with one leaf changed or one array shortened: an answer or a one-field InputError', async () => {
  await grCompatibility.prepare!();
  for (const [q, valid] of VALID) {
    const ps = paths(valid);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: ps.length - 1 }), edgy, fc.boolean(), (k, leaf, shorten) => {
        const req = replaced(valid, ps[k], (old) => (shorten && Array.isArray(old) ? old.slice(0, -1) : leaf));
        answeredOrRefused(() => q.evaluate(req), `${q.name} ${JSON.stringify(req)}`);
      }),
      { numRuns: 150 },
    );
  }
});
