import { expect, test } from 'vitest';
import { Cheb, chebAntiderivatives, chebCoefficients, chebDerivative, clenshaw, clenshawMany, cosTable } from '../../src/numeric/chebyshev.ts';
import { Cheb as ChebFromMechanism } from '../../src/models/pycia-wang/mechanism.ts';

test('the DCT-I coefficients reproduce a polynomial exactly: T_0 + 2T_1 − 3T_3 sampled at degree 8', () => {
  const n = 8;
  const cs = cosTable(n);
  const f = (t: number) => 1 + 2 * t - 3 * (4 * t ** 3 - 3 * t);
  const v = Array.from({ length: n + 1 }, (_, j) => f(cs[j]));
  const c = chebCoefficients(v, n);
  const want = [1, 2, 0, -3, 0, 0, 0, 0, 0];
  for (let k = 0; k <= n; k++) expect(Math.abs(c[k] - want[k])).toBeLessThan(1e-15);
});

test('Clenshaw: one point and many points agree, on both sides of the even/odd split (degree 11 and 12)', () => {
  for (const m of [5, 11, 12, 33]) {
    const c = Float64Array.from({ length: m }, (_, k) => 1 / (k + 1) ** 2);
    const ts = Float64Array.from({ length: 9 }, (_, j) => -1 + j / 4);
    const out = new Float64Array(ts.length);
    clenshawMany(c, ts, out);
    for (let j = 0; j < ts.length; j++) {
      const direct = c.reduce((s, ck, k) => s + ck * Math.cos(k * Math.acos(ts[j])), 0);
      expect(Math.abs(clenshaw(c, ts[j]) - direct)).toBeLessThan(1e-14);
      expect(Math.abs(out[j] - direct)).toBeLessThan(1e-14);
    }
  }
});

test('derivative and antiderivatives of a series: d/dt T_2 = 4T_1, ∫_{-1}^{t} T_0 = t + 1, left + right = mass', () => {
  expect([...chebDerivative(new Float64Array([0, 0, 1]))]).toEqual([0, 4]);
  const { left, right, mass } = chebAntiderivatives(new Float64Array([1]), 1);
  expect(clenshaw(left, 0.5)).toBeCloseTo(1.5, 15);
  expect(mass).toBe(2);
  for (const t of [-1, -0.2, 0.9, 1]) expect(Math.abs(clenshaw(left, t) + clenshaw(right, t) - mass)).toBeLessThan(1e-15);
});

test('Cheb on an interval: value, derivative and antiderivative of e^x on [−1, 2]; the model re-exports the same class', () => {
  expect(ChebFromMechanism).toBe(Cheb);
  const c = Cheb.fit(Math.exp, -1, 2, 32);
  const d = c.derivative();
  const I = c.integral();
  for (const x of [-1, -0.3, 0.7, 2]) {
    expect(Math.abs(c.value(x) - Math.exp(x))).toBeLessThan(1e-14 * Math.exp(2));
    expect(Math.abs(d.value(x) - Math.exp(x))).toBeLessThan(1e-12 * Math.exp(2));
    expect(Math.abs(I.value(x) - (Math.exp(x) - Math.exp(-1)))).toBeLessThan(1e-14 * Math.exp(2));
  }
  expect(c.tail()).toBeLessThan(1e-14);
  // A degree too low for the function leaves a tail that says so.
  expect(Cheb.fit(Math.exp, -1, 2, 4).tail()).toBeGreaterThan(1e-4);
});
