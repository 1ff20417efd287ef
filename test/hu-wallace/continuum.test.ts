/**
 * The continuum economy L^z(ε) (Hu & Wallace 2012, Lemma 2, (18)–(20)): the solver against INTERFACES.md's
 * printed example (163/143, derived exactly from (19) in closed form and as the fixed point of (20)), the
 * bracket's signs, the certificate by the first-order-condition route, and the offers against a direct
 * maximisation over O.
 */
import { expect, test } from 'vitest';
import {
  bestOfferAt, certifyPrice, competitiveEquilibrium, excessDemandQ, priceBracket, price20, type ContinuumEconomy,
} from '../../src/models/hu-wallace/continuum.ts';
import { logClearingAt, logEquilibriumPriceExact } from '../../src/models/hu-wallace/continuum-exact.ts';
import { Fraction } from '../../src/numeric/rational.ts';

const EXAMPLE: ContinuumEconomy = {
  endowment: { q: 1, r: 1 },
  epsilon: { q: 0.01, r: 0.01 },
  types: [
    { name: 'x1', share: 0.6, utility: { kind: 'log', a: 2, b: 1 } },
    { name: 'x2', share: 0.4, utility: { kind: 'log', a: 0.5, b: 1 } },
  ],
};
const EXAMPLE_EXACT = {
  endowment: { q: '1', r: '1' },
  epsilon: { q: '1/100', r: '1/100' },
  types: [
    { share: '3/5', a: '2', b: '1' },
    { share: '2/5', a: '1/2', b: '1' },
  ],
};

test('INTERFACES.md two-type log example: the price is 163/143 exactly, by (19) in closed form and as the fixed point of (20)', () => {
  const p = new Fraction(163, 143);
  expect(logEquilibriumPriceExact(EXAMPLE_EXACT).equals(p)).toBe(true);
  const at = logClearingAt(EXAMPLE_EXACT, p);
  expect(at.residual19.n).toBe(0n);
  expect(at.price20.equals(p)).toBe(true);
  // and not at a neighbour: (19) and (20) both pin the price
  const near = logClearingAt(EXAMPLE_EXACT, new Fraction(164, 143));
  expect(near.residual19.n).not.toBe(0n);
  expect(near.price20.equals(new Fraction(164, 143))).toBe(false);
});

test('the double-precision solver finds 163/143 with one sign change, offers (18) one-sided, price (20) its fixed point', () => {
  const ce = competitiveEquilibrium(EXAMPLE);
  expect(ce.price).toBeCloseTo(163 / 143, 14);
  expect(ce.signChanges).toBe(1);
  // x1 (a = 2) buys q and sells r; x2 sells q
  expect(ce.offers[0].q).toBe(0);
  expect(ce.offers[0].r).toBeGreaterThan(0);
  expect(ce.offers[1].r).toBe(0);
  expect(ce.offers[1].q).toBeGreaterThan(0);
  expect(price20(EXAMPLE, ce.offers)).toBeCloseTo(ce.price, 13);
  expect(ce.totals.R / ce.totals.Q).toBeCloseTo(ce.price, 13);
  // the excess is value-neutral: (ε_q − ε_r/p, ε_r − p ε_q)
  expect(ce.feasibilityGap.q).toBeCloseTo(0.01 - 0.01 / ce.price, 14);
  expect(ce.feasibilityGap.r).toBeCloseTo(0.01 - ce.price * 0.01, 14);
});

const MIXED: ContinuumEconomy = {
  endowment: { q: 2, r: 0.5 },
  epsilon: { q: 1e-3, r: 2e-4 },
  types: [
    { name: 'a', share: 0.2, utility: { kind: 'ces', a: 1, b: 3, sigma: 0.3 } },
    { name: 'b', share: 0.5, utility: { kind: 'ces', a: 2, b: 0.5, sigma: 4 } },
    { name: 'c', share: 0.3, utility: { kind: 'sum', terms: [{ kind: 'log', a: 1, b: 2 }, { kind: 'ces', a: 0.5, b: 0.5, sigma: 2 }] } },
  ],
};

test('excess demand (19) is positive at the bracket bottom and negative at its top; the root is certified by the FOC route', () => {
  for (const e of [EXAMPLE, MIXED]) {
    const { lo, hi } = priceBracket(e);
    expect(excessDemandQ(e, lo)).toBeGreaterThan(0);
    expect(excessDemandQ(e, hi)).toBeLessThan(0);
    const ce = competitiveEquilibrium(e);
    expect(ce.signChanges).toBe(1);
    const c = certifyPrice(e, ce.price);
    expect(c.ok).toBe(true);
    expect(c.relWidth).toBeLessThan(1e-8);
  }
});

test('β^z(x) is each type\'s price-taking best response over O at the equilibrium price (Lemma 2)', () => {
  const ce = competitiveEquilibrium(MIXED);
  MIXED.types.forEach((t, i) => {
    const b = bestOfferAt(t.utility, ce.price, MIXED.endowment);
    expect(Math.abs(b.offer.q - ce.offers[i].q)).toBeLessThan(1e-6);
    expect(Math.abs(b.offer.r - ce.offers[i].r)).toBeLessThan(1e-6);
  });
});

test('ε = 0 (the limit economy L^z(0)) is solved by widening the bracket; ε → 0 moves the price about linearly', () => {
  const zero = { ...MIXED, epsilon: { q: 0, r: 0 } };
  const p0 = competitiveEquilibrium(zero).price;
  expect(Math.abs(excessDemandQ(zero, p0))).toBeLessThan(1e-12);
  const d1 = competitiveEquilibrium({ ...MIXED, epsilon: { q: 1e-4, r: 2e-5 } }).price - p0;
  const d2 = competitiveEquilibrium({ ...MIXED, epsilon: { q: 5e-5, r: 1e-5 } }).price - p0;
  expect(d1 / d2).toBeGreaterThan(1.9);
  expect(d1 / d2).toBeLessThan(2.1);
});
