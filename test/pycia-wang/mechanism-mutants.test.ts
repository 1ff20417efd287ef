/**
 * Tests that pin what mutation testing of src/models/pycia-wang/mechanism.ts found unguarded
 * (mutation/equivalent/pycia-wang-mechanism.md lists what cannot change a result). Every value is
 * compared with a second route: a closed form for uniform F (polynomial integrands), a different
 * derivation (Fubini, integration by parts the other way), or a brute-force count.
 */
import { describe, expect, test } from 'vitest';
import { makeDist } from '../../src/distributions/index.ts';
import { quad } from '../../src/numeric/index.ts';
import type { MarketSpec } from '../../src/models/pycia-wang/market.ts';
import { Lemma1Mechanism, NODES_PER_DIMENSION_MAX, choosePath, nodesPerDimension, type RuleSpec } from '../../src/models/pycia-wang/mechanism.ts';

const U01: MarketSpec['dist'] = { kind: 'uniform', lo: 0, hi: 1 };
const PIECES: MarketSpec['dist'] = {
  kind: 'piecewise-uniform',
  pieces: [
    { lo: -1, hi: 0, weight: 3 },
    { lo: 0, hi: 1, weight: 1 },
    { lo: 1, hi: 2, weight: 2 },
  ],
};
const TNORM: MarketSpec['dist'] = { kind: 'truncated-normal', mean: 0.3, sd: 0.4, lo: 0, hi: 1 };
const EFF: RuleSpec = { kind: 'efficient' };
const POWER: RuleSpec = { kind: 'power', k: 2, offset: 0.3 };
const LOTTERY: RuleSpec = { kind: 'lottery', lambda: 0.6 };
const RULES: [string, RuleSpec][] = [
  ['efficient', EFF],
  ['power', POWER],
  ['lottery', LOTTERY],
];

describe('φ_i(w) = (1+β/n)∫_{v̲}^{w} p dS_i(p) (Appendix A.1)', () => {
  // The other route: ∫ p S'(p) dp directly, where phi() integrates by parts (wS(w) − v̲S(v̲) − ∫S).
  const direct = (m: Lemma1Mechanism, w: number) => {
    const b = Math.min(Math.max(w, m.lo), m.hi);
    if (b === m.lo) return 0;
    const pts = m.dist.breakpoints.filter((x) => x < b);
    return (1 + m.beta / m.n) * quad((p) => p * m.rule.dS(p), m.lo, b, { epsabs: 1e-15, epsrel: 1e-14, points: pts }).value;
  };
  for (const [name, rule] of RULES) {
    test(`${name}: by parts equals the direct integral, inside the support and beyond its ends (dS = 0 there)`, () => {
      const m = new Lemma1Mechanism({ n: 3, shares: [0.2, 0.3, 0.5], dist: PIECES }, 1.7, rule);
      for (const w of [-1, -0.4, 0.3, 1.6, 2]) {
        const e = m.phi(w);
        expect(Math.abs(e.value - direct(m, w))).toBeLessThanOrEqual(e.abserr + 1e-14);
      }
      // Outside [v̲, v̄] nobody's share moves: φ is 0 below and φ(v̄) above. (Before the fix, (D1) and the
      // lottery took ∫S up to w but wS(w) at v̄, so φ fell by (w − v̄)·S(v̄); the power rule's ∫S below v̲
      // extrapolated its Chebyshev table.)
      expect(Math.abs(m.phi(-1.5).value)).toBeLessThanOrEqual(m.phi(-1.5).abserr + 1e-15);
      expect(Math.abs(m.phi(2.5).value - m.phi(2).value)).toBeLessThanOrEqual(1e-15);
    });
  }

  test('(D1), uniform(0,1), n = 3: S = w², so φ(w) = (1+β/3)·2w³/3 to roundoff', () => {
    const m = new Lemma1Mechanism({ n: 3, shares: [0.2, 0.3, 0.5], dist: U01 }, 1.2);
    for (const w of [0.1, 0.45, 0.8, 1]) expect(Math.abs(m.phi(w).value - ((1 + 1.2 / 3) * 2 * w ** 3) / 3)).toBeLessThan(1e-15);
  });
});
