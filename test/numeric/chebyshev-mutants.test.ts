/**
 * chebyshev.ts against characterisations other than its own formulas: the interpolant passes
 * through the data at the Lobatto points, T_k(t) = cos(k·arccos t), the antiderivatives
 * differentiate back to the series and vanish at their ends, ∫T_j over [−1, 1] = 2/(1 − j²) for
 * even j; at every degree from 1 to 14 (odd and even, both Clenshaw variants, the index wrap of
 * the DCT, all four lanes of the interleaved evaluation and its remainder loop).
 */
import { describe, expect, it } from 'vitest';
import { Cheb, chebAntiderivatives, chebCoefficients, chebDerivative, clenshaw, clenshawMany, cosTable } from '../../src/numeric/chebyshev.ts';

/** A fixed, irregular sequence in [−1, 1] (no seed needed: the data only have to be generic). */
const data = (n: number, shift: number) => Float64Array.from({ length: n }, (_, j) => Math.sin(1.7 * j + 0.3 * shift + 0.11 * j * j));
/** T_k(t) by its trigonometric definition, independent of any recurrence. */
const T = (k: number, t: number) => Math.cos(k * Math.acos(t));
const direct = (c: ArrayLike<number>, t: number) => {
  let s = 0;
  for (let k = 0; k < c.length; k++) s += c[k] * T(k, t);
  return s;
};

describe('DCT-I coefficients', () => {
  it('the degree-n interpolant passes through every datum, n = 1…14', () => {
    for (let n = 1; n <= 14; n++) {
      const v = data(n + 1, n);
      const c = chebCoefficients(v, n);
      expect(c.length).toBe(n + 1);
      const cs = cosTable(n);
      for (let j = 0; j <= n; j++) expect(Math.abs(direct(c, cs[j]) - v[j]), `n = ${n}, j = ${j}`).toBeLessThan(1e-14);
    }
  });

  it('cosTable holds cos(kπ/n) for k < 2n, also when asked again', () => {
    for (const n of [3, 8, 3]) {
      const cs = cosTable(n);
      expect(cs.length).toBe(2 * n);
      for (let k = 0; k < 2 * n; k++) expect(Math.abs(cs[k] - Math.cos((Math.PI * k) / n))).toBeLessThan(1e-16);
    }
  });
});

describe('Clenshaw', () => {
  it('one point, many points and the remainder loop agree with Σ c_k cos(k·arccos t), lengths 1…14', () => {
    const ts = Float64Array.from({ length: 11 }, (_, j) => -1 + j / 5);
    for (let m = 1; m <= 14; m++) {
      const c = data(m, 100 + m);
      // Clenshaw's error: a few roundings per step, each relative to the partial sums (≤ Σ|c_k|)
      const tol = 2 * (m + 1) * Number.EPSILON * c.reduce((s, x) => s + Math.abs(x), 0);
      for (const count of [11, 7, 4, 3]) {
        const out = new Float64Array(ts.length).fill(NaN);
        clenshawMany(c, ts, out, count);
        for (let j = 0; j < ts.length; j++) {
          const want = direct(c, ts[j]);
          expect(Math.abs(clenshaw(c, ts[j]) - want), `m = ${m}, t = ${ts[j]}`).toBeLessThan(tol);
          if (j < count) expect(Math.abs(out[j] - want), `many: m = ${m}, t = ${ts[j]}, count ${count}`).toBeLessThan(tol);
          else expect(out[j]).toBeNaN(); // beyond count nothing is written
        }
      }
    }
  });

  it('an empty series is 0 everywhere, in the four lanes and in the remainder', () => {
    expect(clenshaw(new Float64Array(0), 0.3)).toBe(0);
    const out = new Float64Array(5);
    clenshawMany(new Float64Array(0), [0.1, 0.2, 0.3, 0.4, 0.5], out);
    expect([...out]).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('derivative and antiderivatives', () => {
  it('the derivative series matches the slope of the series (central differences), degrees 0…13', () => {
    expect([...chebDerivative(new Float64Array([5]))]).toEqual([0]);
    for (let n = 1; n <= 13; n++) {
      const c = data(n + 1, 200 + n);
      const d = chebDerivative(c);
      expect(d.length).toBe(n);
      for (const t of [-0.9, -0.35, 0.2, 0.75]) {
        // T_k'(t) = k·sin(kθ)/sin θ, θ = arccos t
        const th = Math.acos(t);
        let want = 0;
        for (let k = 1; k <= n; k++) want += (c[k] * k * Math.sin(k * th)) / Math.sin(th);
        expect(Math.abs(clenshaw(d, t) - want), `n = ${n}, t = ${t}`).toBeLessThan(1e-12);
      }
    }
  });

  it('antiderivatives: left(−1) = 0, right(1) = 0, left + right = mass, d/dt left = half·series, mass = Σ even c_j·2/(1 − j²)·half', () => {
    for (let n = 0; n <= 13; n++) {
      const c = data(n + 1, 300 + n);
      const half = 0.75;
      const { left, right, mass } = chebAntiderivatives(c, half);
      expect(left.length).toBe(n + 2);
      expect(right.length).toBe(n + 2);
      expect(Math.abs(clenshaw(left, -1))).toBeLessThan(1e-14);
      expect(Math.abs(clenshaw(right, 1))).toBeLessThan(1e-14);
      let want = 0;
      for (let j = 0; j <= n; j += 2) want += (c[j] * 2) / (1 - j * j);
      expect(Math.abs(mass - half * want), `mass at n = ${n}`).toBeLessThan(1e-14);
      for (const t of [-0.8, -0.1, 0.4, 0.95]) {
        expect(Math.abs(clenshaw(left, t) + clenshaw(right, t) - mass)).toBeLessThan(1e-14);
        // d/dt of the antiderivative by T_k'(t) = k sin(kθ)/sin θ, against half·Σ c_k T_k(t)
        const th = Math.acos(t);
        let slope = 0;
        for (let k = 1; k < left.length; k++) slope += (left[k] * k * Math.sin(k * th)) / Math.sin(th);
        expect(Math.abs(slope - half * direct(c, t)), `n = ${n}, t = ${t}`).toBeLessThan(1e-13);
      }
    }
  });
});

describe('Cheb on an interval', () => {
  it('a cubic on [2, 5] at degree 3 is reproduced with its derivative and integral', () => {
    const f = (x: number) => x ** 3 - 4 * x + 1;
    const c = Cheb.fit(f, 2, 5, 3);
    const d = c.derivative();
    const I = c.integral();
    const F = (x: number) => x ** 4 / 4 - 2 * x * x + x;
    for (const x of [2, 2.6, 3.9, 5]) {
      expect(Math.abs(c.value(x) - f(x))).toBeLessThan(1e-12);
      expect(Math.abs(d.value(x) - (3 * x * x - 4))).toBeLessThan(1e-12);
      expect(Math.abs(I.value(x) - (F(x) - F(2)))).toBeLessThan(1e-12);
    }
    expect([c.a, c.b, d.a, d.b, I.a, I.b]).toEqual([2, 5, 2, 5, 2, 5]);
  });

  it('tail is the size of the last three coefficients', () => {
    expect(new Cheb(0, 1, new Float64Array([9, 8, -1, 2, -4])).tail()).toBe(7);
  });
});
