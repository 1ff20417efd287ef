/**
 * Formulas written once (issue #10, "duplicates"): G = F^{n−1} and its derivative live in the
 * model's market.ts, and the Lemma 1 mechanism's allocation rules are made of them.
 */
import { describe, expect, test } from 'vitest';
import { makeDist } from '../src/distributions/index.ts';
import { dG, G } from '../src/models/pycia-wang/market.ts';
import { efficientRule, lotteryRule } from '../src/models/pycia-wang/mechanism.ts';

const uniform = makeDist({ kind: 'uniform', lo: 0, hi: 1 });
const beta = makeDist({ kind: 'beta', a: 2, b: 3, lo: 0, hi: 2 });

describe('G = F^{n−1}, g = (n−1)F^{n−2}f', () => {
  test('closed forms on uniform(0, 1)', () => {
    expect(G(uniform, 3, 0.5)).toBe(0.25);
    expect(dG(uniform, 3, 0.5)).toBe(1);
    expect(G(uniform, 2, 0.3)).toBe(0.3);
    // n = 2: g = f, also where F = 0 (no 0^0).
    expect(dG(uniform, 2, 0)).toBe(1);
  });

  test('the (D1) and lottery rules are G and g, to the bit', () => {
    const qo = { epsabs: 1e-12, epsrel: 1e-10 };
    for (const n of [2, 3, 7]) {
      const d1 = efficientRule(beta, n, qo);
      const lot = lotteryRule(beta, n, 0.4, qo);
      for (const w of [0, 0.1, 0.7, 1.3, 2]) {
        expect(d1.S(w)).toBe(G(beta, n, w));
        expect(d1.dS(w)).toBe(dG(beta, n, w));
        expect(lot.S(w)).toBe(0.4 * G(beta, n, w) + 0.6 / n);
        expect(lot.dS(w)).toBe(0.4 * dG(beta, n, w));
      }
    }
  });
});
