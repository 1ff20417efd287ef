/**
 * Section 3.3 (Hu & Wallace 2012): bipartitions, A1's margin, and the signal-based posterior (29) in log
 * space — against the product formula in exact rationals on a small case, and against the M·KL slope of
 * the log odds when the counts are large (where the plain product underflows).
 */
import { expect, test } from 'vitest';
import { a1Margin, bipartitions, kl, othersCounts, signalPosterior, signalProbabilities } from '../../src/models/hu-wallace/signals.ts';
import { Fraction, toNumber } from '../../src/numeric/rational.ts';

test('bipartitions of n types: 2^(n−1) − 1, each once, both sides non-empty', () => {
  for (const n of [2, 3, 4, 5, 6]) {
    const ps = bipartitions(n);
    expect(ps.length).toBe(2 ** (n - 1) - 1);
    const keys = new Set(ps.map((p) => p.join('')));
    expect(keys.size).toBe(ps.length);
    for (const p of ps) {
      expect(p.includes(0) && p.includes(1)).toBe(true);
      // its complement is not listed (type 0 always in Y_1)
      expect(keys.has(p.map((k) => 1 - k).join(''))).toBe(false);
    }
  }
});

test('A1\'s margin: zero exactly when two states give some bipartition the same mass', () => {
  // μ_z1(Y={0,1}) = 0.5 = μ_z2(Y={0,1}) although μ_z1 ≠ μ_z2: informative but not A1
  expect(a1Margin([[0.2, 0.3, 0.5], [0.4, 0.1, 0.5]]).margin).toBeCloseTo(0, 15);
  const m = a1Margin([[0.2, 0.3, 0.5], [0.25, 0.35, 0.4]]);
  // bipartitions: {0}|{1,2}: 0.05; {0,1}|{2}: 0.1; {0,2}|{1}: 0.05
  expect(m.margin).toBeCloseTo(0.05, 15);
});

test('(29) in log space equals the product formula in exact rationals (K = 2, three states)', () => {
  const kappa = [new Fraction(1, 2), new Fraction(1, 3), new Fraction(1, 6)];
  const mu = [
    [new Fraction(1, 5), new Fraction(3, 10), new Fraction(1, 2)],
    [new Fraction(1, 4), new Fraction(1, 4), new Fraction(1, 2)],
    [new Fraction(1, 2), new Fraction(1, 5), new Fraction(3, 10)],
  ];
  const part = [0, 1, 1];
  const lambda = [7, 12];
  const own = 2; // type 2 in signal 1
  const lm = othersCounts(lambda, part[own]);
  const w = kappa.map((k, z) => {
    const y0 = mu[z][0];
    const y1 = mu[z][1].add(mu[z][2]);
    return k.mul(mu[z][own]).mul(y0.pow(lm[0])).mul(y1.pow(lm[1]));
  });
  const tot = w.reduce((a, b) => a.add(b));
  const exact = w.map((v) => toNumber(v.div(tot)));
  const got = signalPosterior(kappa.map(toNumber), mu.map((r) => r.map(toNumber)), part, own, lm).posterior;
  got.forEach((g, z) => expect(Math.abs(g - exact[z])).toBeLessThan(1e-14));
});

test('large counts: the log odds fall at the KL of the signal distributions per agent, with no underflow', () => {
  const kappa = [0.5, 0.5];
  const mu = [[0.2, 0.3, 0.5], [0.3, 0.3, 0.4]];
  const part = [0, 0, 1];
  const pY = mu.map((m) => signalProbabilities(m, part));
  const at = (M: number) => {
    const lambda = pY[0].map((p) => Math.round(M * p));
    return signalPosterior(kappa, mu, part, 0, othersCounts(lambda, 0)).logPosterior;
  };
  const a = at(1e5);
  const b = at(2e5);
  const slope = (b[1] - b[0] - (a[1] - a[0])) / 1e5;
  expect(slope).toBeCloseTo(-kl(pY[0], pY[1]), 10);
  expect(Number.isFinite(b[1])).toBe(true);
  expect(b[1]).toBeLessThan(-100);
});
