/**
 * Tests written against the mutation run of src/models/hu-wallace/continuum-exact.ts
 * (mutation/results/mut8-hw.md): the exact residual of (19) and price (20) away from the equilibrium,
 * against the double-precision route of continuum.ts (demand from two-goods.ts, offers (18), totals (20)),
 * on an asymmetric three-type economy where q̄ ≠ r̄ and ε_q ≠ ε_r; and the exact price against the solver.
 */
import { expect, test } from 'vitest';
import { competitiveEquilibrium, excessDemandQ, offerAt, price20, type ContinuumEconomy } from '../../src/models/hu-wallace/continuum.ts';
import { logClearingAt, logEquilibriumPriceExact, type ExactLogEconomy } from '../../src/models/hu-wallace/continuum-exact.ts';
import { Fraction, toNumber } from '../../src/numeric/rational.ts';

function exact(): ExactLogEconomy {
  return {
    endowment: { q: '2', r: '3' },
    epsilon: { q: '1/50', r: '1/20' },
    types: [
      { share: '1/5', a: '3', b: '1' },
      { share: '1/2', a: '1', b: '4' },
      { share: '3/10', a: '2', b: '3' },
    ],
  };
}
function double(): ContinuumEconomy {
  return {
    endowment: { q: 2, r: 3 },
    epsilon: { q: 0.02, r: 0.05 },
    types: [
      { name: 'a', share: 0.2, utility: { kind: 'log', a: 3, b: 1 } },
      { name: 'b', share: 0.5, utility: { kind: 'log', a: 1, b: 4 } },
      { name: 'c', share: 0.3, utility: { kind: 'log', a: 2, b: 3 } },
    ],
  };
}

test('the exact price of (19) is the double solver\'s, and clears (19) and (20) exactly', () => {
  const p = logEquilibriumPriceExact(exact());
  expect(competitiveEquilibrium(double()).price / toNumber(p) - 1).toBeCloseTo(0, 13);
  const at = logClearingAt(exact(), p);
  expect(at.residual19.n).toBe(0n);
  expect(at.price20.equals(p)).toBe(true);
});

test('away from the equilibrium: the exact residual of (19) and price (20) match the double route at the same price', () => {
  const e = double();
  for (const [n, d] of [[1, 2], [3, 2], [4, 1]] as const) {
    const p = new Fraction(n, d);
    const at = logClearingAt(exact(), p);
    const pd = n / d;
    expect(toNumber(at.residual19)).toBeCloseTo(excessDemandQ(e, pd), 13);
    const offers = e.types.map((t) => offerAt(t.utility, pd, e.endowment).offer);
    expect(toNumber(at.price20)).toBeCloseTo(price20(e, offers), 12);
  }
});
