import { expect, test } from 'vitest';
import { numberOrder } from '../../src/models/jackson-palfrey/games/order.ts';
import type { ContinuousPeriod } from '../../src/models/jackson-palfrey/games/theorem4.ts';
import { testClaims } from '../run-claims.ts';
import { checkPeriod, jpThm4Claims, type PeriodReport } from './claims-thm4.ts';

testClaims(jpThm4Claims);

const ID = { x: Float64Array.of(0, 1), y: Float64Array.of(0, 1) };

test('a period outside Theorem 4’s assumptions is named, not checked: a price above the buyer’s reservation price breaks IR', () => {
  // p̄ = value; p = max(s, b) + 0.01 exceeds p̄ᵇ = b on every traded pair
  const outside: ContinuousPeriod = { sellerRes: ID, buyerRes: ID, beta: (s) => s / 2, price: (s, b) => Math.max(s, b) + 0.01 };
  const r = checkPeriod(outside, 1, numberOrder(1e-9));
  expect('outside' in r && r.outside).toMatch(/outside Theorem 4's assumptions \(violations: IR [1-9]/);
});

test('the last period of the market (p̄ = value, p = (s + b)/2) passes, and the printed b′ fails (*i) there', () => {
  const last: ContinuousPeriod = { sellerRes: ID, buyerRes: ID, beta: (s) => s, price: (s, b) => (s + b) / 2 };
  const r = checkPeriod(last, 2, numberOrder(1e-9)) as PeriodReport;
  expect(r.star).toEqual({ i: 0, ii: 0, iii: 0, iv: 0, v: 0 });
  expect(r.mechanism).toEqual([]);
  expect(r.printed.i).toBeGreaterThan(0);
});

test('certification agrees with the property where the claim holds (no false alarm from the second route)', () => {
  const c = jpThm4Claims[0];
  const ctx = { precision: 'high' as const, tolerance: c.tolerance };
  for (const m of [
    { buyerWeights: [1], sellerWeights: [1], delta: 1, lambda: 0.5, p1: { a: 0, k: 1, mu: 0.5 } },
    { buyerWeights: [3, 1], sellerWeights: [1, 4], delta: 0.625, lambda: 0, p1: { a: 0.5, k: 0, mu: 0 } },
  ]) {
    expect(c.property(m, ctx).holds).toBe(true);
    const cert = c.certify!(m, ctx);
    expect(cert.undecided).toBeUndefined();
    expect(cert.holds, JSON.stringify(cert.numbers)).toBe(true);
  }
});

test('a saved input that is not a Thm4Market is refused naming the field', () => {
  const decode = jpThm4Claims[0].decode!;
  const ok = { buyerWeights: [1], sellerWeights: [1], delta: 1, lambda: 0.5, p1: { a: 0, k: 1, mu: 0.5 } };
  expect(decode(ok)).toEqual(ok);
  expect(() => decode({ ...ok, delta: 2 })).toThrow(/input\.delta/);
  expect(() => decode({ ...ok, sellerWeights: [1, 0] })).toThrow(/input\.sellerWeights\.1/);
  expect(() => decode({ ...ok, p1: { a: 0, k: 1 } })).toThrow(/input\.p1\.mu/);
});
