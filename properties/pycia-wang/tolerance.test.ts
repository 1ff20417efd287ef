/**
 * Issue #9, item 4: the declared tolerance is the one applied. Each property below is run on one
 * plain case with its declared tolerance and with the floor raised to 1: the bound it reports
 * must follow (a literal of its own would not move).
 */
import { expect, test } from 'vitest';
import type { Claim, Tolerance } from '../../src/claims/types.ts';
import { interval, lemma2, myersonSatterthwaite, t25, t26, uniformClosedForm } from './cutoff.ts';
import { monotone } from './example1.ts';
import { envelope } from './lemma1.ts';

const uniform = { kind: 'uniform' as const, lo: 0, hi: 1 };
const market = { n: 3, shares: [0.2, 0.3, 0.5], dist: uniform };

const cases: [Claim<any>, unknown, string][] = [
  [lemma2, { n: 3, shares: [1 / 3, 1 / 3, 1 / 3], dist: uniform }, 'tol'],
  [t25, { market, agent: 1 }, 'tol'],
  [t26, market, 'tol'],
  [interval, { market, betas: [1] }, 'toleranceAtBetaStar'],
  [myersonSatterthwaite, { n: 2, shares: [1, 0], dist: uniform }, 'tol'],
  [uniformClosedForm, market, 'tol1'],
  [monotone, { dist: uniform, n: 3 }, 'tol'],
];

for (const [claim, input, field] of cases) {
  test(`${claim.id} applies ctx.tolerance (${field})`, () => {
    const bound = (tolerance: Tolerance) => claim.property(input, { precision: 'standard', tolerance }).numbers[field] as number;
    const declared = bound(claim.tolerance);
    expect(declared).toBeLessThan(1e-6);
    expect(bound({ ...claim.tolerance, ...(claim.tolerance.abs !== undefined ? { abs: 1 } : { rel: 1 }) })).toBeGreaterThanOrEqual(1);
  });
}

test('PW.Lemma4.envelope applies ctx.tolerance (the roundoff floor × transfer scale)', () => {
  const input = { market: { n: 2, shares: [0.6, 0.4], dist: uniform }, beta: { value: 0.5 }, rule: { kind: 'efficient' as const }, levels: [0.3], seed: 7 };
  const b = (abs: number) => envelope.property(input, { precision: 'standard', tolerance: { ...envelope.tolerance, abs } }).numbers.bound as number;
  expect(b(envelope.tolerance.abs!)).toBeLessThan(1e-6);
  // transfer scale (1 + β)·n·max(1, |v̲|, |v̄|) = 3
  expect(b(1)).toBeGreaterThanOrEqual(3);
});
