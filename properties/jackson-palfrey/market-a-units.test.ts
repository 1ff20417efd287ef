/**
 * Unit tests of the market claims' own parts (part A): the exact Example 1 arithmetic and its
 * certificate kinds (they must reject what is not a case), the independent routes on cases with
 * known answers, decoding of saved cases (one error naming the field), and the second-method
 * certification of a Corollary 1(ii) case away from Example 1.
 */
import Fraction from 'fraction.js';
import { describe, expect, test } from 'vitest';
import { verifyCertificate } from '../../src/claims/certificates.ts';
import { InputError } from '../../src/errors.ts';
import { homogeneousSellers, makeEconomy, uniformBuyers } from '../../src/models/jackson-palfrey/economy.ts';
import { cutoffRule, evolve } from '../../src/models/jackson-palfrey/evolution.ts';
import { sellerTakesAll } from '../../src/models/jackson-palfrey/utility.ts';
import { competitiveCase, crossingExact, cStarExact, EX1_COMPETITIVE_KIND, EX1_PRINTED_KIND, printedCase } from './certificates-eff-a.ts';
import { cor1BelowCompetitive, ex1BelowCompetitive, ex1PrintedEquation, reservationIdentity } from './claims-market-a.ts';
import { argmax01, competitiveByBisection, forwardPriceFree, forwardTotal, maximiseCutoffs } from './market-a-routes.ts';
import { buildEconomy, homogeneous } from './generators-eff-a.ts';

const ctx = (abs: number) => ({ precision: 'standard' as const, tolerance: { abs, why: 'test' } });

describe('Example 1 in Q(√(1 − m))', () => {
  test('c*(1/2) = √2 − 1 and c*(4/5) = (√5 − 1)/4, exactly', () => {
    expect(cStarExact(new Fraction(1, 2)).toString()).toBe('-1 + √2');
    expect(cStarExact(new Fraction(4, 5)).toString()).toBe('-1/4 + 1/4√5');
  });
  test('the printed equation: residual −0.586 at m = 1/2, a pole at m = 3/4, the corrected one exact', () => {
    const h = printedCase(new Fraction(1, 2));
    expect(h.corrected.sign()).toBe(0);
    expect(h.printed!.toString()).toBe('-2 + √2'); // the catalogue's −0.586
    expect(printedCase(new Fraction(3, 4)).printed).toBeNull();
  });
  test('the crossing: c*((√5 − 1)/2) = 1 − m, and the sign of c* − (1 − m) on either side', () => {
    expect(crossingExact().identity).toBe(true);
    expect(competitiveCase(new Fraction(61, 100)).gap.sign()).toBe(-1);
    expect(competitiveCase(new Fraction(62, 100)).gap.sign()).toBe(1);
  });
  test('certificate kinds verify cases and reject non-cases and bad data', () => {
    expect(verifyCertificate({ kind: EX1_COMPETITIVE_KIND, data: { m: '4/5' } }).verified).toBe(true);
    expect(verifyCertificate({ kind: EX1_COMPETITIVE_KIND, data: { m: '1/2' } }).verified).toBe(false);
    expect(verifyCertificate({ kind: EX1_PRINTED_KIND, data: { m: '1/2' } }).verified).toBe(true);
    const bad = verifyCertificate({ kind: EX1_PRINTED_KIND, data: { m: '3/2' } });
    expect(bad.verified).toBe(false);
    expect(bad.why).toMatch(/data\.m/);
  });
});

describe('independent routes', () => {
  test('uniform buyers, every seller at 0, one period of full trade: surplus 1/2 by both forward routes', () => {
    const e = makeEconomy(uniformBuyers(1), homogeneousSellers(1, 0));
    const path = evolve(e, cutoffRule([[0, 1]]));
    expect(forwardTotal(path, [sellerTakesAll(path.sellers)], 1)).toBeCloseTo(0.5, 15);
    expect(forwardPriceFree(path, 1)).toBeCloseTo(0.5, 15);
  });
  test('argmax01 finds the vertex of a parabola; the bisection price of Example 1 is 1 − m', () => {
    expect(argmax01((c) => -((c - 0.3) ** 2)).x).toBeCloseTo(0.3, 7);
    expect(competitiveByBisection(makeEconomy(uniformBuyers(1), homogeneousSellers(0.9, 0.1)))).toBeCloseTo(0.1, 14);
  });
  test('direct maximisation recovers Example 1 at m = 1/2 (c* = √2 − 1)', () => {
    expect(maximiseCutoffs(makeEconomy(uniformBuyers(1), homogeneousSellers(0.5, 0.5)), 2).cuts[0]).toBeCloseTo(Math.SQRT2 - 1, 7);
  });
});

describe('findings', () => {
  test('the search’s own crossing is (√5 − 1)/2 to 1e-6', () => {
    const n = ex1BelowCompetitive.property({ m: 0.7 }, ctx(1e-6)).numbers;
    expect(Math.abs((n.crossingBySearch as number) - (Math.sqrt(5) - 1) / 2)).toBeLessThan(1e-6);
  });
  test('a Corollary 1(ii) case away from Example 1 (two pieces, an atom, T = 3) is certified by direct maximisation', () => {
    const c = { buyers: { cuts: [0.5], weights: [1, 0.3], atom0: 0.1 }, m0: 0.8, T: 3 };
    expect(cor1BelowCompetitive.property(c, ctx(1e-6)).holds).toBe(false);
    const r = cor1BelowCompetitive.certify!(c, ctx(1e-6));
    expect(r.holds).toBe(false);
    expect(verifyCertificate(r.certificate!).verified).toBe(true);
    expect(buildEconomy({ buyers: c.buyers, sellers: homogeneous(c.m0) }).sellers.mass[0]).toBeCloseTo(0.8, 15);
  });
});

describe('decoding saved cases', () => {
  const field = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return (e as InputError).message;
    }
    throw new Error('no error');
  };
  test('bad inputs name their field', () => {
    expect(field(() => ex1PrintedEquation.decode!({ m: 1.5 }))).toMatch(/input\.m/);
    expect(field(() => cor1BelowCompetitive.decode!({ buyers: { cuts: [], weights: [1], atom0: 0 }, m0: 0.5, T: 9 }))).toMatch(/input\.T/);
    expect(field(() => reservationIdentity.decode!({ economy: { buyers: { cuts: [], weights: [1], atom0: 0 }, sellers: { atoms: [[0, 1]] } }, rule: [{ kind: 'cutoff', beta: [0.5, 0.5] }], prices: [[{ cuts: [], a: [[0]], g: [[1]] }]], delta: 1 }))).toMatch(/rule/);
    const one = { economy: { buyers: { cuts: [], weights: [1], atom0: 0 }, sellers: { atoms: [[0, 1]] } }, rule: [{ kind: 'cutoff', beta: [0.5] }], delta: 1 };
    expect(field(() => reservationIdentity.decode!({ ...one, prices: [[{ cuts: [], a: [[0], [0]], g: [[1]] }]] }))).toMatch(/input\.prices\[0\]\[0\]\.a/);
  });
});
