/**
 * The certified Walrasian solver (src/economy/walrasian.ts) against independent characterisations:
 * the closed-form two-good Cobb–Douglas price in exact rationals, the gross-substitutes sign
 * pattern that makes the equilibrium unique, an equilibrium built backwards (indivisible goods),
 * and refusals.
 */
import { describe, expect, test } from 'vitest';
import { utilityValue, type Economy, type Utility } from '../../src/economy/utilities.ts';
import { certifyEquilibrium, checkEconomy, excessDemand, walrasianEquilibrium, WalrasianRefusal } from '../../src/economy/walrasian.ts';
import { InputError } from '../../src/errors.ts';
import { Fraction, exactRational, toNumber } from '../../src/numeric/rational.ts';
import { makeRng } from '../../src/numeric/rng.ts';

const rng = makeRng('walrasian-test');
const draw = (lo: number, hi: number) => lo + (hi - lo) * rng();
const cd = (a1: number): Utility => ({ kind: 'cobb-douglas', alpha: [1 - a1, a1] });

describe('two-good Cobb–Douglas: the closed form in exact rationals', () => {
  // Good 1's market: p E_1 = Σ_t m_t a_t (e_t0 + p e_t1), so p = Σ m a e_0 / Σ m (1 − a) e_1.
  test('solver price = Σ m a e_0 / Σ m (1−a) e_1 to 1e-13, for 30 random economies', () => {
    for (let rep = 0; rep < 30; rep++) {
      const T = 2 + (rep % 2);
      const types = Array.from({ length: T }, () => ({ mass: draw(0.1, 5), endowment: [draw(0.01, 10), draw(0.01, 10)], utility: cd(draw(0.05, 0.95)) }));
      let num = new Fraction(0);
      let den = new Fraction(0);
      for (const t of types) {
        const a = exactRational((t.utility as { alpha: readonly number[] } & Utility).alpha[1]);
        const m = exactRational(t.mass);
        num = num.add(m.mul(a).mul(exactRational(t.endowment[0])));
        den = den.add(m.mul(new Fraction(1).sub(a)).mul(exactRational(t.endowment[1])));
      }
      const exact = toNumber(num.div(den));
      const r = walrasianEquilibrium({ types });
      expect(r.prices[0]).toBe(1);
      expect(Math.abs(r.prices[1] / exact - 1)).toBeLessThan(1e-13);
    }
  });
});

const cesEconomy = (T: number, n: number, sigma: () => number): Economy => ({
  types: Array.from({ length: T }, () => ({
    mass: draw(0.1, 3),
    endowment: Array.from({ length: n }, () => draw(0.05, 10)),
    utility: { kind: 'ces' as const, alpha: Array.from({ length: n }, () => draw(0.02, 1)), sigma: sigma() },
  })),
});

describe('CES with σ ≥ 1 (gross substitutes)', () => {
  test('certified, and unique: at any other prices the good with the largest p_k/p*_k is in excess supply', () => {
    for (let rep = 0; rep < 20; rep++) {
      const e = cesEconomy(2 + (rep % 4), 2 + (rep % 3), () => (rep % 5 === 0 ? 1 : draw(1, 20)));
      const r = walrasianEquilibrium(e);
      expect(r.certificate.clearing).toBeLessThan(1e-12);
      for (let j = 0; j < 20; j++) {
        const p = r.prices.map((x) => x * Math.exp(draw(-1, 1)));
        const ratio = p.map((x, k) => x / r.prices[k]);
        const k = ratio.indexOf(Math.max(...ratio));
        if (ratio[k] / Math.min(...ratio) < 1 + 1e-6) continue;
        expect(excessDemand(e, p)[k]).toBeLessThan(0);
      }
    }
  });
  test('10 types × 5 goods with σ up to 50, deterministic', () => {
    const e = cesEconomy(10, 5, () => draw(1, 50));
    const a = walrasianEquilibrium(e);
    expect(walrasianEquilibrium(e)).toEqual(a);
    expect(a.certificate.probes.count).toBe(480);
  });
});

describe('indivisible goods', () => {
  // Built backwards: pick prices and integer-in-good-1 bundles; Cobb–Douglas shares α_tk = p_k x_tk / p·x_t make
  // each bundle the demand; endowments with the same value that sum to the same totals.
  const p = [1, 2, 0.5];
  const x = [
    [2, 3, 4],
    [5, 1, 2],
  ];
  const share = (b: number[]) => b.map((v, k) => (p[k] * v) / b.reduce((s, w, j) => s + p[j] * w, 0));
  test('an economy whose equilibrium is integer in the indivisible good is solved and certified', () => {
    // Type 0 gives 2 of good 0 and takes 1 of good 1 (worth 2); type 1 the reverse.
    const e: Economy = {
      indivisible: [1],
      types: [
        { mass: 1, endowment: [4, 2, 4], utility: { kind: 'cobb-douglas', alpha: share(x[0]) } },
        { mass: 1, endowment: [3, 2, 2], utility: { kind: 'cobb-douglas', alpha: share(x[1]) } },
      ],
    };
    const r = walrasianEquilibrium(e);
    expect(r.allocation[0][1]).toBe(3);
    expect(r.allocation[1][1]).toBe(1);
    r.prices.forEach((v, k) => expect(v).toBeCloseTo(p[k], 12));
  });
  test('a non-integer convexified equilibrium is refused with the reason', () => {
    const e: Economy = { indivisible: [1], types: [
      { mass: 1, endowment: [1, 1], utility: cd(0.3) },
      { mass: 1, endowment: [2, 1], utility: cd(0.6) },
    ] };
    expect(() => walrasianEquilibrium(e)).toThrow(/non-integer holding .* of indivisible good 1/);
  });
});

describe('Example 1 (money and one indivisible unit)', () => {
  const buyer = (r: number, cash: number, mass = 1) => ({ mass, endowment: [cash, 0], utility: { kind: 'example1' as const, v: { kind: 'exp' as const, a: 1 }, r } });
  const seller = (r: number, cash: number, mass = 1) => ({ mass, endowment: [cash, 1], utility: { kind: 'example1' as const, v: { kind: 'exp' as const, a: 1 }, r } });
  /** Each type's best integer holding of good 1 (0..3) on its budget line, by enumeration. */
  const best = (e: Economy, p: number) =>
    e.types.map((t) => {
      const w = t.endowment[0] + p * t.endowment[1];
      let arg = 0;
      for (let x2 = 1; x2 <= 3 && p * x2 <= w; x2++) if (utilityValue(t.utility, [w - p * x2, x2]) > utilityValue(t.utility, [w - p * arg, arg])) arg = x2;
      return arg;
    });
  test('the price clears the units and each type holds its enumerated best, for a price strictly inside an equilibrium interval', () => {
    const e: Economy = { indivisible: [1], types: [buyer(1.5, 1, 2), buyer(0.3, 2), seller(0.5, 0.25, 2), seller(2, 0.5)] };
    const r = walrasianEquilibrium(e);
    const p = r.prices[1];
    expect(r.certificate.method).toBe('unit-demand');
    const units = e.types.reduce((a, t) => a + t.mass * t.endowment[1], 0);
    for (const q of [p * (1 - 1e-9), p, p * (1 + 1e-9)]) {
      const b = best(e, q);
      expect(e.types.reduce((a, t, i) => a + t.mass * b[i], 0)).toBe(units);
    }
    expect(r.allocation.map((x) => x[1])).toEqual(best(e, p));
  });
  test('a buyer without cash for the price cannot buy (liquidity); a supply inside a step is refused', () => {
    const e: Economy = { indivisible: [1], types: [buyer(3, 0.5), seller(0.2, 1)] };
    const r = walrasianEquilibrium(e);
    expect(r.prices[1]).toBeLessThanOrEqual(0.5);
    expect(r.allocation[0][1]).toBe(1);
    // The paper's market: everyone's reservation price 1. No open price interval clears (below 1 every buyer
    // wants a unit, above 1 nobody does); at p = 1 every agent is indifferent, so no trade clears: an equilibrium
    // on the breakpoint, each type at a maximiser of its enumerated holdings.
    const paper: Economy = { indivisible: [1], types: [buyer(1, 1, 2), seller(1, 0.5)] };
    const q = walrasianEquilibrium(paper);
    expect(q.prices).toEqual([1, 1]);
    expect(q.allocation).toEqual([[1, 0], [0.5, 1]]);
    paper.types.forEach((t, i) => {
      const w = t.endowment[0] + t.endowment[1];
      const top = Math.max(...[0, 1, 2].filter((x2) => x2 <= w).map((x2) => utilityValue(t.utility, [w - x2, x2])));
      expect(utilityValue(t.utility, q.allocation[i])).toBe(top);
    });
    // a supply inside a step is refused: 1.5 units (sellers of mass 1/2 with r = 3, of mass 1 with r = 1/2) against
    // buyers of mass 2 with r = 1; demand is 3.5, 2.5, 0.5 on the open intervals, and at p = 1 the r = 3 sellers keep
    // 0.5 so the buyers would need exactly 1 of their mass 2 (a split), at 1/2 and 3 too much or too little
    expect(() => walrasianEquilibrium({ indivisible: [1], types: [buyer(1, 5, 2), seller(3, 0.5, 0.5), seller(0.5, 0.5, 1)] })).toThrow(/without splitting a type/);
  });
});

describe('refusals and certificates', () => {
  test('non-smooth demand is refused, not guessed', () => {
    const e: Economy = { types: [
      { mass: 1, endowment: [1, 1], utility: { kind: 'exp', w: [1, 2] } },
      { mass: 1, endowment: [1, 1], utility: cd(0.5) },
    ] };
    expect(() => walrasianEquilibrium(e)).toThrow(WalrasianRefusal);
    expect(() => walrasianEquilibrium(e)).toThrow(/type 0 has utility kind exp/);
  });
  test('the certificate rejects a wrong allocation (probes) and wrong prices (clearing)', () => {
    const e = cesEconomy(3, 3, () => 2);
    const r = walrasianEquilibrium(e);
    // Move type 0 along its budget plane: still feasible for the budget, not optimal.
    const bad = r.allocation.map((b) => b.slice());
    bad[0][1] += 0.05 / r.prices[1];
    bad[0][2] -= 0.05 / r.prices[2];
    bad[1][1] -= 0.05 / r.prices[1];
    bad[1][2] += 0.05 / r.prices[2];
    const c = certifyEquilibrium(e, r.prices, bad);
    expect(c.failures.join(' ')).toMatch(/probe is better for type [01]/);
    expect(c.failures.join(' ')).toMatch(/first-order conditions/);
    const p2 = r.prices.map((v, k) => (k === 1 ? v * 1.01 : v));
    const c2 = certifyEquilibrium(e, p2, r.allocation);
    expect(c2.failures.join(' ')).toMatch(/budget does not bind/);
  });
  test('checkEconomy names the field', () => {
    const ok = { mass: 1, endowment: [1, 1], utility: cd(0.5) };
    const cases: [Economy, RegExp][] = [
      [{ types: [] }, /^types: must list at least one type/],
      [{ types: [ok, { ...ok, mass: 0 }] }, /^types\[1\]\.mass/],
      [{ types: [ok, { ...ok, endowment: [1, 1, 1] }] }, /^types\[1\]\.endowment: has 3 entries, expected 2/],
      [{ types: [ok, { ...ok, endowment: [1, -1] }] }, /^types\[1\]\.endowment\[1\]/],
      [{ types: [ok, { ...ok, endowment: [0, 0] }] }, /^types\[1\]\.endowment: must not be zero/],
      [{ types: [{ ...ok, endowment: [1, 0] }] }, /^types: good 1 has zero aggregate endowment/],
      [{ indivisible: [0], types: [ok] }, /^indivisible\[0\]: good 0 is the divisible numéraire/],
      [{ indivisible: [1], types: [ok, { ...ok, endowment: [1, 0.5] }] }, /^types\[1\]\.endowment\[1\]: good 1 is indivisible/],
      [{ types: [ok, { ...ok, utility: { kind: 'ces', alpha: [1, 1], sigma: 0.9 } }] }, /^types\[1\]\.utility\.sigma/],
    ];
    for (const [e, re] of cases) {
      expect(() => checkEconomy(e)).toThrow(InputError);
      expect(() => checkEconomy(e)).toThrow(re);
    }
  });
});
