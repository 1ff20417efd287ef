/**
 * Theorem 1's recursion (3) and Theorem 2's eq. (4) against fixtures/jp/efficient-reference.json:
 * cutoffs found by scripts/reference/jp_reference.py as the zero of the gradient of total surplus
 * (mpmath, 50 digits) — an optimality condition, not the recursions the model solves.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeBuyers, makeEconomy, makeSellers } from '../../src/models/jackson-palfrey/economy.ts';
import { theorem1Cutoffs, theorem2Cutoffs, theorem2Surplus } from '../../src/models/jackson-palfrey/efficient.ts';
import { cutoffRule, evolve } from '../../src/models/jackson-palfrey/evolution.ts';
import { totalSurplus } from '../../src/models/jackson-palfrey/utility.ts';

interface Case {
  name: string;
  buyers: [string, string, string][];
  atom0: string;
  sellers: [string, string][];
  T: number;
  delta: string;
  cutoffs: string[];
  surplus: string;
}
const ref: { cases: Case[] } = JSON.parse(readFileSync(new URL('../../fixtures/jp/efficient-reference.json', import.meta.url), 'utf8'));

function economy(c: Case) {
  const knots = [0, ...c.buyers.map((p) => Number(p[1]))];
  const buyers = makeBuyers({ atom0: Number(c.atom0), knots, density: c.buyers.map((p) => Number(p[2])) });
  return makeEconomy(buyers, makeSellers(c.sellers.map((s) => Number(s[0])), c.sellers.map((s) => Number(s[1]))));
}

describe('JP efficient cutoffs against the mpmath optimality reference', () => {
  // T = 5 costs ~17× T = 4 (the nested scan is (points + Brent steps)^(T − 1)): one T = 5 case in this tier
  const tier = ref.cases.filter((c) => c.T < 5 || c.name.includes('m = 0.9'));
  it('the reference holds every case the tier leaves out', () => expect(ref.cases.length - tier.length).toBe(2));
  for (const c of tier) {
    const homogeneous = c.sellers.every((s) => Number(s[0]) === 0 || Number(s[0]) === 1);
    it(c.name, () => {
      const e = economy(c);
      const delta = Number(c.delta);
      const want = c.cutoffs.map(Number);
      if (homogeneous && delta === 1) {
        // fewer scan points at depth: the cost is (points + Brent steps)^(T − 1), and these roots are unique
        const r = theorem1Cutoffs(e, c.T, { scanPoints: c.T <= 3 ? 16 : c.T === 4 ? 8 : 5 });
        expect(r.unique).toBe(true);
        for (let t = 0; t < c.T - 1; t++) expect(Math.abs(r.beta0[t] - want[t])).toBeLessThan(1e-12);
        expect(r.beta0[c.T - 1]).toBe(0);
        const rule = cutoffRule(r.beta0.map((b) => Array.from(e.sellers.values, (v) => (v === 0 ? b : 1))));
        expect(Math.abs(totalSurplus(evolve(e, rule), 1) - Number(c.surplus))).toBeLessThan(1e-13);
      } else {
        const r = theorem2Cutoffs(e, delta);
        expect(r.converged).toBe(true);
        const got = Array.from(r.beta);
        for (let j = 0; j < want.length; j++) expect(Math.abs(got[j] - want[j])).toBeLessThan(1e-12);
        expect(Math.abs(theorem2Surplus(e, r.beta, delta) - Number(c.surplus))).toBeLessThan(1e-13);
      }
    });
  }
});
