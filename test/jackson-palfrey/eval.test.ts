import { fc, test as ptest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { cStar } from '../../src/models/jackson-palfrey/efficient.ts';
import { makeDist } from '../../src/distributions/index.ts';
import type { DistSpec } from '../../src/distributions/types.ts';
import { buyerTotal, sellerMean, sellerTotal } from '../../src/models/jackson-palfrey/economy.ts';
import { buyersFromDist, jpEfficientCutoffs, parseCutoffsRequest, sellersFromDist } from '../../src/models/jackson-palfrey/eval.ts';

const U = { kind: 'uniform', lo: 0, hi: 1 };
const atoms = (points: [number, number][]) => ({ kind: 'atoms', points });
const req = (over: Record<string, unknown> = {}) => ({
  periods: 2,
  delta: 1,
  buyers: { mass: 1, dist: U },
  sellers: { mass: 1, dist: atoms([[0, 0.9], [1, 0.1]]) },
  at: [0, 1],
  ...over,
});
type Out = { cutoffs: number[][]; surplus: number; competitivePrice: { lo: number; hi: number }; abserr: Record<string, number>; converged: boolean; exact: boolean; roots?: number[][] };
const evaluate = (r: unknown) => jpEfficientCutoffs.evaluate(r) as unknown as Out;

/** The field a bad request is refused for (undefined when it is accepted). */
function refused(r: unknown): string | undefined {
  try {
    jpEfficientCutoffs.evaluate(r);
  } catch (e) {
    if (e instanceof InputError) return e.field;
    throw e;
  }
  return undefined;
}

describe('eval jp.efficient-cutoffs', () => {
  it("Example 1, m = 0.9: β_1(0) = 0.2403… against the competitive price 0.1, β_2 = s, exact", () => {
    const out = evaluate(req());
    expect(out.cutoffs[0][0]).toBeCloseTo(cStar(0.9), 12);
    expect(out.cutoffs[0][0]).toBeCloseTo(0.2403, 4);
    expect(out.cutoffs[0][1]).toBe(1);
    expect(out.cutoffs[1]).toEqual([0, 1]);
    expect(out.competitivePrice.lo).toBeCloseTo(0.1, 14);
    expect(out.converged).toBe(true);
    expect(out.exact).toBe(true);
    // W(c*) = m(1 − c²)/2 + m c·c (c* = E_2 at the fixed point)
    const c = cStar(0.9);
    expect(Math.abs(out.surplus - (0.9 * (1 - c * c)) / 2 - 0.9 * c * c)).toBeLessThanOrEqual(out.abserr.surplus + 1e-15);
  });

  it('Theorem 2 reduction case, m = 1/2, s = 0, δ = 0.8: 0.3146', () => {
    const out = evaluate(req({ delta: 0.8, sellers: { mass: 1, dist: atoms([[0, 0.5], [1, 0.5]]) }, at: [0] }));
    expect(out.cutoffs[0][0]).toBeCloseTo(0.3146, 4);
  });

  it('T = 4, homogeneous, δ = 1: decreasing β_t(0), one root per level, β_T(0) = 0', () => {
    const out = evaluate(req({ periods: 4, sellers: { mass: 1, dist: atoms([[0, 0.6], [1, 0.4]]) } }));
    const b0 = out.cutoffs.map((r) => r[0]);
    for (let t = 1; t < 4; t++) expect(b0[t - 1]).toBeGreaterThan(b0[t]);
    expect(b0[3]).toBe(0);
    expect(out.cutoffs.every((r) => r[1] === 1)).toBe(true);
    expect(out.roots!.every((r) => r.length === 1)).toBe(true);
    expect(out.converged).toBe(true);
  });

  it('T = 1 trades whenever b ≥ s; zero-mass seller values get their own cutoff', () => {
    const one = evaluate(req({ periods: 1, at: [0, 0.3] }));
    expect(one.cutoffs).toEqual([[0, 0.3]]);
    const two = evaluate(req({ delta: 0.9, sellers: { mass: 1, dist: atoms([[0.2, 0.5], [0.6, 0.5]]) }, at: [0.2, 0.4, 0.6] }));
    const row = two.cutoffs[0];
    expect(row[0]).toBeLessThanOrEqual(row[1]);
    expect(row[1]).toBeLessThanOrEqual(row[2]);
    for (const [k, s] of [0.2, 0.4, 0.6].entries()) expect(row[k]).toBeGreaterThanOrEqual(s);
  });

  it("continuous Dists become cells; the stated error covers the distance to a 16× finer answer", () => {
    const r = (cells: number) => evaluate(req({ delta: 0.9, buyers: { mass: 1, dist: { kind: 'beta', a: 2, b: 3, lo: 0, hi: 1 } }, sellers: { mass: 1, dist: { kind: 'beta', a: 2, b: 2, lo: 0, hi: 1 } }, at: [0.1, 0.5], cells }));
    const coarse = r(40);
    const fine = r(640);
    expect(coarse.exact).toBe(false);
    for (let k = 0; k < 2; k++) expect(Math.abs(coarse.cutoffs[0][k] - fine.cutoffs[0][k])).toBeLessThanOrEqual(coarse.abserr.cutoffs);
    expect(Math.abs(coarse.surplus - fine.surplus)).toBeLessThanOrEqual(coarse.abserr.surplus);
    expect(Math.abs(coarse.competitivePrice.lo - fine.competitivePrice.lo)).toBeLessThanOrEqual(coarse.abserr.competitivePrice);
  });

  it('the competitive price of continuous Dists is within its stated error of the exact one, for every cell count', () => {
    // Beta(2, 3) buyers and Beta(2, 2) sellers: S(p) = 3p² − 2p³ and B(p) = 6p² − 8p³ + 3p⁴ in closed form;
    // the price solves S(p) = 1 − B(p) (bisection). Halving the cells says little here: the price jumps
    // between cell atoms and buyer quantiles as the cells change.
    const g = (p: number) => 3 * p * p - 2 * p ** 3 - (1 - (6 * p * p - 8 * p ** 3 + 3 * p ** 4));
    let lo = 0;
    let hi = 1;
    for (let k = 0; k < 100; k++) {
      const mid = (lo + hi) / 2;
      if (g(mid) < 0) lo = mid;
      else hi = mid;
    }
    const exact = (lo + hi) / 2;
    for (const cells of [10, 17, 60, 99, 100, 160, 401, 1000]) {
      const out = evaluate(req({ periods: 1, buyers: { mass: 1, dist: { kind: 'beta', a: 2, b: 3, lo: 0, hi: 1 } }, sellers: { mass: 1, dist: { kind: 'beta', a: 2, b: 2, lo: 0, hi: 1 } }, at: [0], cells }));
      for (const p of [out.competitivePrice.lo, out.competitivePrice.hi]) expect(Math.abs(p - exact), `cells ${cells}`).toBeLessThanOrEqual(out.abserr.competitivePrice);
    }
  });

  it('cells keep the mass: an atom at 0 beside a Beta part stays an atom, and seller cells sit at their midpoints', () => {
    const spec = { kind: 'mixture', parts: [{ weight: 1, dist: { kind: 'atoms', points: [[0, 1]] } }, { weight: 3, dist: { kind: 'beta', a: 2, b: 3, lo: 0, hi: 1 } }] } as DistSpec;
    const { buyers, exact } = buyersFromDist(spec, makeDist(spec), 2, 50);
    expect(exact).toBe(false);
    expect(buyers.atom0).toBeCloseTo(0.5, 14);
    expect(buyerTotal(buyers)).toBeCloseTo(2, 13);
    const uni = { kind: 'uniform', lo: 0, hi: 1 } as DistSpec;
    const { sellers } = sellersFromDist(uni, makeDist(uni), 3, 10);
    expect(sellerTotal(sellers)).toBeCloseTo(3, 14);
    expect(sellerMean(sellers)).toBeCloseTo(0.5, 14); // midpoints: exact for a uniform; left ends would give 0.45
  });

  it('deterministic: the same request gives the same bytes (the random starts are seeded)', () => {
    const r = req({ delta: 0.7, sellers: { mass: 1, dist: { kind: 'beta', a: 2, b: 2, lo: 0, hi: 1 } }, at: [0.1, 0.3], cells: 30 });
    expect(JSON.stringify(jpEfficientCutoffs.evaluate(r))).toBe(JSON.stringify(jpEfficientCutoffs.evaluate(structuredClone(r))));
  });

  it('mixtures of uniform pieces and an atom at 0 are represented exactly', () => {
    const dist = { kind: 'mixture', parts: [{ weight: 1, dist: atoms([[0, 1]]) }, { weight: 3, dist: U }, { weight: 1, dist: { kind: 'piecewise-uniform', pieces: [{ lo: 0.5, hi: 1, weight: 1 }] } }] };
    const out = evaluate(req({ buyers: { mass: 2, dist }, sellers: { mass: 2, dist: atoms([[0, 1], [0.5, 1]]) } }));
    expect(out.exact).toBe(true);
    expect(out.converged).toBe(true);
  });

  describe('bad input: one line naming the field', () => {
    const cases: [string, unknown, string][] = [
      ['masses that differ', req({ sellers: { mass: 0.9, dist: atoms([[0, 1]]) } }), 'sellers.mass'],
      ['a negative mass', req({ buyers: { mass: -1, dist: U } }), 'buyers.mass'],
      ['a zero mass', req({ sellers: { mass: 0, dist: U } }), 'sellers.mass'],
      ['periods < 1', req({ periods: 0 }), 'periods'],
      ['periods above the cap', req({ periods: 6 }), 'periods'],
      ['periods not whole', req({ periods: 2.5 }), 'periods'],
      ['δ above 1', req({ delta: 1.5 }), 'delta'],
      ['δ below 0', req({ delta: -0.1 }), 'delta'],
      ['T = 3 with heterogeneous sellers', req({ periods: 3, sellers: { mass: 1, dist: atoms([[0.2, 1]]) } }), 'periods'],
      ['T = 3 with continuous sellers', req({ periods: 3, sellers: { mass: 1, dist: U } }), 'periods'],
      ['T = 3 with δ < 1', req({ periods: 3, delta: 0.9 }), 'delta'],
      ['T = 3 and a seller value other than 0 or 1', req({ periods: 3, at: [0, 0.5] }), 'at[1]'],
      ['buyers with an atom away from 0', req({ buyers: { mass: 1, dist: atoms([[0.5, 1]]) } }), 'buyers.dist'],
      ['buyers in a mixture with an atom away from 0', req({ buyers: { mass: 1, dist: { kind: 'mixture', parts: [{ weight: 1, dist: U }, { weight: 1, dist: atoms([[1, 1]]) }] } } }), 'buyers.dist'],
      ['an at value above 1', req({ at: [0, 1.5] }), 'at[1]'],
      ['an at value below 0', req({ at: [-0.1] }), 'at[0]'],
      ['an empty at', req({ at: [] }), 'at'],
      ['cells < 10', req({ cells: 5 }), 'cells'],
      ['cells above the cap', req({ cells: 1e6 }), 'cells'],
      ['an invalid Dist', req({ buyers: { mass: 1, dist: { kind: 'uniform', lo: 1, hi: 0 } } }), 'buyers.dist.hi'],
      ['an unknown Dist kind', req({ sellers: { mass: 1, dist: { kind: 'cauchy' } } }), 'sellers.dist.kind'],
      ['a Dist outside [0, 1]', req({ buyers: { mass: 1, dist: { kind: 'uniform', lo: 0, hi: 2 } } }), 'buyers.dist'],
      ['an unknown field', { ...req(), extra: 1 }, 'extra'],
      ['an unknown field inside buyers', req({ buyers: { mass: 1, dist: U, atom: 0 } }), 'buyers.atom'],
      ['a missing field', { delta: 1, buyers: { mass: 1, dist: U }, sellers: { mass: 1, dist: U } }, 'periods'],
      ['a missing dist', req({ buyers: { mass: 1 } }), 'buyers.dist'],
      ['a string for δ', req({ delta: '1' }), 'delta'],
    ];
    it.each(cases)('%s', (_, r, field) => {
      expect(refused(r)).toBe(field);
      try {
        parseCutoffsRequest(r);
      } catch (e) {
        expect((e as Error).message).not.toMatch(/\n/);
        expect((e as Error).message.startsWith(`${field}: `)).toBe(true);
      }
    });
  });

  // The edge, fuzzed: a request with one field replaced, dropped or added is answered (finite
  // numbers, a converged flag) or refused with an InputError naming a field — nothing else.
  const value = fc.oneof(
    fc.double({ noNaN: false }),
    fc.constantFrom(0, 1, -1, 0.5, 1e-300, 1e300, 2, 5, 6, 10, 9, 20001),
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom(U, atoms([[0, 1]]), atoms([[0, 0.5], [1, 0.5]]), atoms([[0.3, 1]]), { kind: 'beta', a: 2, b: 2, lo: 0, hi: 1 }, { kind: 'piecewise-uniform', pieces: [{ lo: 0, hi: 0.2, weight: 0 }, { lo: 0.2, hi: 1, weight: 1 }] }),
  );
  const paths = ['periods', 'delta', 'buyers.mass', 'buyers.dist', 'sellers.mass', 'sellers.dist', 'at', 'cells', 'at.0', 'buyers', 'sellers', 'extra'];
  const mutation = fc.record({ path: fc.constantFrom(...paths), op: fc.constantFrom('set', 'drop'), v: value });
  ptest.prop([fc.array(mutation, { minLength: 1, maxLength: 3 })], { numRuns: 120, seed: 11 })('a result or a one-line refusal naming a field', (muts) => {
    const r: Record<string, unknown> = JSON.parse(JSON.stringify(req({ cells: 20 })));
    for (const m of muts) {
      const keys = m.path.split('.');
      let o: Record<string, unknown> = r;
      for (const k of keys.slice(0, -1)) {
        if (o[k] === null || typeof o[k] !== 'object') o[k] = {};
        o = o[k] as Record<string, unknown>;
      }
      const last = keys[keys.length - 1];
      if (m.op === 'drop') delete o[last];
      else o[last] = m.v;
    }
    let out: Out | undefined;
    try {
      out = evaluate(r);
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      const err = e as InputError;
      expect(err.message).not.toMatch(/[\r\n]/);
      expect(err.message.length).toBeLessThan(400);
      return;
    }
    expect(typeof out.converged).toBe('boolean');
    for (const x of [out.surplus, out.competitivePrice.lo, out.competitivePrice.hi, ...out.cutoffs.flat(), ...Object.values(out.abserr)]) expect(Number.isFinite(x)).toBe(true);
  });
});
