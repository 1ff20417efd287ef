/** The n-good utilities of src/economy/utilities.ts against independent characterisations: finite differences, first-order conditions, brute force. */
import { describe, expect, test } from 'vitest';
import { checkUtility, demand, gradient, utilityValue, type Utility } from '../../src/economy/utilities.ts';
import { InputError } from '../../src/errors.ts';
import { makeRng } from '../../src/numeric/rng.ts';

const rng = makeRng('utilities-test');
const draw = (lo: number, hi: number) => lo + (hi - lo) * rng();
const family = (n: number): Utility[] => {
  const raw = Array.from({ length: n }, () => draw(0.1, 1));
  const s = raw.reduce((a, b) => a + b, 0);
  return [
    { kind: 'ces', alpha: raw, sigma: 1 },
    { kind: 'ces', alpha: raw, sigma: draw(1.01, 8) },
    { kind: 'ces', alpha: raw, sigma: 40 },
    { kind: 'cobb-douglas', alpha: raw.map((a) => a / s) },
    { kind: 'exp', w: raw },
  ];
};

describe('gradient', () => {
  test('matches central differences of utilityValue', () => {
    for (let rep = 0; rep < 10; rep++) {
      const n = 2 + (rep % 3);
      for (const u of family(n)) {
        const x = Array.from({ length: n }, () => draw(0.2, 5));
        const g = gradient(u, x);
        for (let k = 0; k < n; k++) {
          const h = 1e-5 * x[k];
          const up = x.slice();
          const dn = x.slice();
          up[k] += h;
          dn[k] -= h;
          const fd = (utilityValue(u, up) - utilityValue(u, dn)) / (2 * h);
          expect(Math.abs(g[k] - fd)).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
        }
      }
    }
  });
  test('example1: v′ in good 0, 0 in the indivisible good', () => {
    const u: Utility = { kind: 'example1', v: { kind: 'exp', a: 2 } };
    expect(gradient(u, [0.5, 1])[0]).toBeCloseTo(2 * Math.exp(-3), 14);
    expect(gradient(u, [0.5, 1])[1]).toBe(0);
  });
});

describe('demand', () => {
  test('spends the budget and satisfies the first-order conditions ∂_k u / p_k = λ', () => {
    for (let rep = 0; rep < 20; rep++) {
      const n = 2 + (rep % 3);
      const p = Array.from({ length: n }, (_, k) => (k === 0 ? 1 : draw(0.1, 10)));
      const w = draw(0.5, 20);
      for (const u of family(n).filter((v) => v.kind !== 'exp')) {
        const x = demand(u, p, w);
        expect(Math.abs(x.reduce((a, v, k) => a + v * p[k], 0) - w)).toBeLessThan(1e-12 * w);
        const r = gradient(u, x).map((g, k) => g / p[k]);
        for (const rk of r) expect(Math.abs(rk / r[0] - 1)).toBeLessThan(1e-10);
      }
    }
  });
  test('two goods: no point of a fine grid on the budget line does better (brute force)', () => {
    for (const u of family(2)) {
      const p = [1, 2.5];
      const w = 7;
      const best = utilityValue(u, demand(u, p, w));
      for (let i = 0; i <= 2000; i++) {
        const y0 = (w * i) / 2000;
        expect(utilityValue(u, [y0, (w - y0) / p[1]])).toBeLessThanOrEqual(best + 1e-12 * Math.abs(best));
      }
    }
  });
  test('Cobb–Douglas and CES σ = 1 are the same preferences: same demand', () => {
    const p = [1, 3, 0.5];
    expect(demand({ kind: 'ces', alpha: [2, 3, 5], sigma: 1 }, p, 10)).toEqual(demand({ kind: 'cobb-douglas', alpha: [0.2, 0.3, 0.5] }, p, 10).map((x) => expect.closeTo(x, 12)));
  });
  test('exp spends everything on the best w_k/p_k; Example 1 buys one unit iff r > p_1', () => {
    expect(demand({ kind: 'exp', w: [1, 3, 2] }, [1, 2, 1], 4)).toEqual([0, 0, 4]);
    const u: Utility = { kind: 'example1', v: { kind: 'exp', a: 1 } };
    expect(demand(u, [1, 0.6], 2)).toEqual([1.4, 1]);
    expect(demand(u, [1, 1.2], 2)).toEqual([2, 0]);
    expect(demand(u, [1, 0.6], 0.5)).toEqual([0.5, 0]);
  });
});

describe('cardinalisations (DSV preamble)', () => {
  test('Cobb–Douglas −∏x^{−α} is negative, increasing and concave along random segments', () => {
    const u: Utility = { kind: 'cobb-douglas', alpha: [0.3, 0.7] };
    for (let rep = 0; rep < 200; rep++) {
      const x = [draw(0.01, 10), draw(0.01, 10)];
      const y = [draw(0.01, 10), draw(0.01, 10)];
      const m = [(x[0] + y[0]) / 2, (x[1] + y[1]) / 2];
      expect(utilityValue(u, x)).toBeLessThan(0);
      expect(utilityValue(u, m)).toBeGreaterThanOrEqual((utilityValue(u, x) + utilityValue(u, y)) / 2 - 1e-12);
    }
    // Strictly concave along a ray, unlike ∏x^α: u(2x) − u(x) < u(x) − u(0+) style test via midpoint on a ray.
    const x = [1, 1];
    expect(utilityValue(u, [1.5, 1.5])).toBeGreaterThan((utilityValue(u, x) + utilityValue(u, [2, 2])) / 2);
  });
  test('CES is homogeneous of degree 1 and finite for extreme bundles (log space)', () => {
    const u: Utility = { kind: 'ces', alpha: [0.5, 0.5], sigma: 3 };
    expect(utilityValue(u, [2, 4])).toBeCloseTo(2 * utilityValue(u, [1, 2]), 12);
    expect(Number.isFinite(utilityValue(u, [1e300, 1e300]))).toBe(true);
    expect(utilityValue(u, [0, 1])).toBeGreaterThan(0);
  });
  test('Example 1: v(x_1 + I(x_2)) with I a step at 1', () => {
    const u: Utility = { kind: 'example1', v: { kind: 'exp', a: 1 } };
    expect(utilityValue(u, [0.5, 0.99])).toBeCloseTo(1 - Math.exp(-0.5), 15);
    expect(utilityValue(u, [0.5, 1])).toBeCloseTo(1 - Math.exp(-1.5), 15);
    expect(utilityValue(u, [0.5, 3])).toBe(utilityValue(u, [0.5, 1]));
  });
});

describe('checkUtility names the field', () => {
  const bad: [Utility, number, RegExp][] = [
    [{ kind: 'ces', alpha: [1, 1], sigma: 0.5 }, 2, /^u\.sigma: must be ≥ 1/],
    [{ kind: 'ces', alpha: [1, 0], sigma: 2 }, 2, /^u\.alpha\[1\]/],
    [{ kind: 'ces', alpha: [1, 1, 1], sigma: 2 }, 2, /^u\.alpha: has 3 entries, expected 2/],
    [{ kind: 'cobb-douglas', alpha: [0.5, 0.6] }, 2, /^u\.alpha: must sum to 1/],
    [{ kind: 'cobb-douglas', alpha: [1, 0.5, -0.5] }, 3, /^u\.alpha\[2\]/],
    [{ kind: 'exp', w: [1, Number.NaN] }, 2, /^u\.w\[1\]/],
    [{ kind: 'example1', v: { kind: 'exp', a: 1 } }, 3, /^u: example1 is a two-good utility/],
    [{ kind: 'example1', v: { kind: 'exp', a: 0 } }, 2, /^u\.v\.a/],
  ];
  test.each(bad.map((b, i) => [i, ...b] as const))('case %i', (_i, u, n, re) => {
    expect(() => checkUtility(u, n, 'u')).toThrow(InputError);
    expect(() => checkUtility(u, n, 'u')).toThrow(re);
  });
});
