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

  /**
   * By parts, φ(w) = (1+β/n)[wS(w) − v̲S(v̲) − ∫S]: with S off by up to sErr (the power rule's table), the
   * two end terms alone are off by up to (|w| + |v̲|)·sErr, whatever the signs (mut10-pw: v̲ = −1 here).
   */
  test('power rule: φ’s bound carries both end terms of the by-parts form, (1+β/n)(|w| + |v̲|)·sErr', () => {
    const m = new Lemma1Mechanism({ n: 3, shares: [0.2, 0.3, 0.5], dist: PIECES }, 1.7, POWER);
    expect(m.rule.sErr).toBeGreaterThan(0);
    for (const w of [-0.4, 0.3, 1.6]) expect(m.phi(w).abserr).toBeGreaterThanOrEqual((1 + 1.7 / 3) * (Math.abs(w) + 1) * m.rule.sErr);
  });

  test('(D1), uniform(0,1), n = 3: S = w², so φ(w) = (1+β/3)·2w³/3 to roundoff', () => {
    const m = new Lemma1Mechanism({ n: 3, shares: [0.2, 0.3, 0.5], dist: U01 }, 1.2);
    for (const w of [0.1, 0.45, 0.8, 1]) expect(Math.abs(m.phi(w).value - ((1 + 1.2 / 3) * 2 * w ** 3) / 3)).toBeLessThan(1e-15);
  });
});

describe('E[φ_j(v_j)] (t_i⁰’s second term)', () => {
  // Fubini: E[∫_{v̲}^{v} p dS(p)] = ∫ p S'(p)(1 − F(p)) dp — one integral, where Ephi() nests φ's by-parts form in E.
  for (const [name, rule] of RULES) {
    test(`${name}: equals (1+β/n)∫ p S'(p)(1 − F(p)) dp within its error bound, which carries φ's own error`, () => {
      const m = new Lemma1Mechanism({ n: 3, shares: [0.2, 0.3, 0.5], dist: PIECES }, 2.5, rule);
      const ref = (1 + 2.5 / 3) * quad((p) => p * m.rule.dS(p) * (1 - m.dist.cdf(p)), m.lo, m.hi, { epsabs: 1e-15, epsrel: 1e-14, points: [0, 1] }).value;
      const e = m.Ephi();
      expect(Math.abs(e.value - ref)).toBeLessThanOrEqual(e.abserr + 1e-15);
      expect(e.abserr).toBeLessThan(1e-10);
      // If φ were off by its whole error bound everywhere, E[φ] would be off by as much: the bound must cover it.
      const phiErr = Math.max(...[-1, -0.5, 0.5, 1.5, 2].map((w) => m.phi(w).abserr));
      expect(e.abserr).toBeGreaterThanOrEqual(phiErr);
    });
  }
});

test('shareVector: the ex-post shares of a profile ((D1): the highest type takes the unit; ties split it)', () => {
  const m = new Lemma1Mechanism({ n: 3, shares: [0.2, 0.3, 0.5], dist: U01 }, 1);
  expect(Array.from(m.shareVector([0.2, 0.9, 0.5]))).toEqual([0, 1, 0]);
  expect(Array.from(m.shareVector([0.7, 0.1, 0.7]))).toEqual([0.5, 0, 0.5]);
});

describe('nodesPerDimension and choosePath', () => {
  test('uniform F: ∫dF and ∫x dF are polynomials in t (degree 2 and 5), which one G10K21 panel integrates exactly: 21 nodes', () => {
    expect(nodesPerDimension(makeDist(U01))).toBe(21);
    expect(nodesPerDimension(makeDist({ kind: 'uniform', lo: -40, hi: 60 }))).toBe(21);
    // far from 0 (x = v̲ + W·s(t) must stay inside the support, or f jumps to 0 inside the panel)
    expect(nodesPerDimension(makeDist({ kind: 'uniform', lo: 1000, hi: 1001 }))).toBe(21);
  });
  test('scale covariance: a bump on [0, 1] and the same bump on [0, 1000] cost the same nodes', () => {
    // ∫dF is the same integral in t; ∫x dF scales by 1000 with its tolerance (epsabs = tol·max(1, |v̄|)):
    // the adaptive rule makes the same decisions on both.
    const small = nodesPerDimension(makeDist({ kind: 'truncated-normal', mean: 0.3, sd: 0.05, lo: 0, hi: 1 }));
    const large = nodesPerDimension(makeDist({ kind: 'truncated-normal', mean: 300, sd: 50, lo: 0, hi: 1000 }));
    expect(small).toBeGreaterThan(21);
    expect(large).toBe(small);
    // Straddling 0 (mut10-pw): ∫x dF is near 0 and the absolute tolerance decides, scaled with the type
    // size max(1, |v̲|, |v̄|) as the nests' own (tol·1 on [−1, 1], tol·1000 on [−1000, 1000]): the same
    // decisions again (231 nodes; an unscaled or shrinking tolerance spends 273 on the wide one).
    const mid = nodesPerDimension(makeDist({ kind: 'truncated-normal', mean: 0.1, sd: 0.1, lo: -1, hi: 1 }));
    const wide = nodesPerDimension(makeDist({ kind: 'truncated-normal', mean: 100, sd: 100, lo: -1000, hi: 1000 }));
    expect(mid).toBeGreaterThan(21);
    expect(wide).toBe(mid);
  });
  test('piecewise-uniform F: one exact panel per piece when the breakpoints are passed (3 pieces: 63 nodes)', () => {
    expect(nodesPerDimension(makeDist(PIECES))).toBe(63);
  });
  test('a narrow normal bump costs more nodes at the high tier’s tighter tolerance', () => {
    const d = makeDist({ kind: 'truncated-normal', mean: 100.3, sd: 0.05, lo: 100, hi: 101 });
    const std = nodesPerDimension(d);
    expect(nodesPerDimension(d, 'high')).toBeGreaterThan(std);
    expect(nodesPerDimension(d, 'standard')).toBe(std);
    // It is too costly for a three-deep nest: n = 3 goes to Monte Carlo, n = 2 still integrates.
    expect(std).toBeGreaterThan(NODES_PER_DIMENSION_MAX);
    expect(choosePath(3, d)).toBe('monte-carlo');
    expect(choosePath(2, d)).toBe('quadrature');
  });
});

describe('constructor', () => {
  test('type and transfer scales, Monte Carlo draws by tier, and the path option', () => {
    const m = new Lemma1Mechanism({ n: 3, shares: [0.2, 0.3, 0.5], dist: PIECES }, 1.5);
    expect([m.lo, m.hi, m.scaleV, m.scaleT]).toEqual([-1, 2, 2, (1 + 1.5) * 3 * 2]);
    expect(m.path).toBe('quadrature');
    expect(m.draws).toBe(0);
    expect(m.precision).toBe('standard');
    const u = new Lemma1Mechanism({ n: 2, shares: [0.5, 0.5], dist: { kind: 'uniform', lo: -0.5, hi: 0.25 } }, 1);
    expect(u.scaleV).toBe(1);
    const mc = new Lemma1Mechanism({ n: 5, shares: [0.2, 0.2, 0.2, 0.2, 0.2], dist: U01 }, 1);
    expect([mc.path, mc.draws]).toEqual(['monte-carlo', 4000]);
    const hi = new Lemma1Mechanism({ n: 5, shares: [0.2, 0.2, 0.2, 0.2, 0.2], dist: U01 }, 1, EFF, { precision: 'high' });
    expect([hi.path, hi.draws, hi.precision]).toEqual(['monte-carlo', 16000, 'high']);
    const forced = new Lemma1Mechanism({ n: 2, shares: [0.5, 0.5], dist: U01 }, 1, EFF, { path: 'monte-carlo', draws: 100 });
    expect([forced.path, forced.draws]).toEqual(['monte-carlo', 100]);
  });

  test('seeds: the default is seed 1, other seeds draw other samples, and the high tier never reuses the standard sample', () => {
    const market: MarketSpec = { n: 4, shares: [0.25, 0.25, 0.25, 0.25], dist: U01 };
    const at = (opts: object) => new Lemma1Mechanism(market, 1, EFF, { draws: 500, ...opts }).interim(0, 0.7).EY.value;
    expect(at({})).toBe(at({ seed: 1 }));
    expect(at({ seed: 2 })).not.toBe(at({ seed: 1 }));
    expect(at({ precision: 'high' })).not.toBe(at({}));
  });
});

describe('v_i* and whether r_i is in the range of S_i', () => {
  // Lottery λ = 0.6, n = 2: S = 0.6F + 0.2 runs from exactly 0.2 to 0.8.
  const lot = (shares: number[]) => new Lemma1Mechanism({ n: 2, shares, dist: PIECES }, 1, LOTTERY);
  test('r at either end of the range of S is in range, at the end of the support', () => {
    const m = lot([0.2, 0.8]);
    expect(m.rule.S(m.lo)).toBe(0.2);
    expect(m.rule.S(m.hi)).toBe(0.8);
    expect(m.vStar).toEqual([m.lo, m.hi]);
    expect(m.inRange).toEqual([true, true]);
  });
  test('r a rounding error outside the range counts as in range; a real gap does not', () => {
    const near = lot([0.2 - 4e-15, 0.8 + 4e-15]);
    expect(near.vStar).toEqual([near.lo, near.hi]);
    expect(near.inRange).toEqual([true, true]);
    const far = lot([0.19, 0.81]);
    expect(far.vStar).toEqual([far.lo, far.hi]);
    expect(far.inRange).toEqual([false, false]);
  });
  test('r inside the range: S(v*) = r to roundoff (lottery and power rule)', () => {
    const m = lot([0.35, 0.65]);
    expect(m.inRange).toEqual([true, true]);
    for (let i = 0; i < 2; i++) expect(Math.abs(m.rule.S(m.vStar[i]) - m.shares[i])).toBeLessThan(1e-15);
    // F is piecewise uniform with weights 3:1:2 on [−1,0], [0,1], [1,2]: F(v*) = (r − 0.2)/0.6.
    expect(Math.abs(m.vStar[0] - (-1 + ((0.35 - 0.2) / 0.6) * 2))).toBeLessThan(1e-15);
    const p = new Lemma1Mechanism({ n: 3, shares: [0.1, 0.3, 0.6], dist: PIECES }, 1, POWER);
    for (let i = 0; i < 3; i++) {
      if (!p.inRange[i]) continue;
      // S is increasing with slope ≥ S'(v*) near v*: |S(v*) − r| ≤ slope × (Brent's xtol of 1e-15 × scale) plus roundoff.
      expect(Math.abs(p.rule.S(p.vStar[i]) - p.shares[i])).toBeLessThan(p.rule.dS(p.vStar[i]) * 2e-15 + 2e-16);
    }
    expect(p.converged).toBe(true);
  });
  /**
   * (D1) on a support with a gap (mut10-pw): S = G = F^{n−1} is flat across (1, 2), so every point of
   * it solves S(w) = r; v* is the lowest, F⁻¹(r^{1/(n−1)}) = 1 in closed form (F = 1/2 on [1, 2]),
   * the one cutoff.ts reports — not wherever a root finder on S happens to land in the gap.
   */
  test('(D1), a gap in the support: v* is the gap’s lower end, as cutoffValues reports', async () => {
    const { cutoffValues } = await import('../../src/models/pycia-wang/cutoff.ts');
    const gap: MarketSpec['dist'] = { kind: 'piecewise-uniform', pieces: [{ lo: 0, hi: 1, weight: 1 }, { lo: 2, hi: 3, weight: 1 }] };
    const market: MarketSpec = { n: 2, shares: [0.5, 0.5], dist: gap };
    const m = new Lemma1Mechanism(market, 1, EFF);
    expect(m.vStar).toEqual([1, 1]);
    expect(m.inRange).toEqual([true, true]);
    expect(cutoffValues({ ...market, dist: makeDist(gap) }).vStar).toEqual([1, 1]);
  });
});

describe('interim expectations: sharing, and exactness where the integrands are piecewise polynomial', () => {
  test('quadrature path: one integration per report serves every agent (the very same pieces)', () => {
    const m = new Lemma1Mechanism({ n: 3, shares: [0.2, 0.3, 0.5], dist: U01 }, 1);
    const a = m.interim(0, 0.6);
    expect(m.interim(2, 0.6)).toBe(a);
    expect(m.interim(1, 0.6)).toBe(a);
    expect(m.interim(1, 0.6, true)).not.toBe(a);
    expect(m.interim(0, 0.3)).not.toBe(a);
    expect(m.EYbar(1)).toBe(m.EYbar(0));
    expect(m.EYbar(1, true)).not.toBe(m.EYbar(0));
  });

  test('Monte Carlo path: every agent has its own draws (other columns of the sample)', () => {
    const m = new Lemma1Mechanism({ n: 4, shares: [0.25, 0.25, 0.25, 0.25], dist: U01 }, 1, EFF, { draws: 400 });
    expect(m.path).toBe('monte-carlo');
    const [a, b] = [m.interim(1, 0.7), m.interim(2, 0.7)];
    expect(a).not.toBe(b);
    expect(a.EY.value).not.toBe(b.EY.value);
    expect(m.interim(1, 0.7)).toBe(a);
    expect(m.EYbar(1).value).not.toBe(m.EYbar(2).value);
    expect(m.EYbar(1)).toBe(m.EYbar(1));
  });

  test('(D1), uniform(0,1), n = 2: E s = w, E Y = w²/2, E Y_2 = E Ȳ_2 = w(1 − w), to roundoff, with error bounds at roundoff', () => {
    const m = new Lemma1Mechanism({ n: 2, shares: [0.5, 0.5], dist: U01 }, 1);
    for (const w of [0.15, 0.5, 0.83]) {
      const a = m.interim(0, w);
      const exact = { Es: w, EY: (w * w) / 2, EYo: w * (1 - w), EYbo: w * (1 - w) };
      for (const k of ['Es', 'EY', 'EYo', 'EYbo'] as const) {
        expect(Math.abs(a[k].value - exact[k])).toBeLessThan(1e-15);
        expect(a[k].abserr).toBeLessThan(1e-14);
      }
    }
    // E[Ȳ_1] = E[Y_1] over both types = E[v_2 1{v_1 > v_2}] = 1/6.
    expect(Math.abs(m.EYbar(0).value - 1 / 6)).toBeLessThan(1e-15);
    expect(m.EYbar(0).abserr).toBeLessThan(1e-14);
  });

  test('(D1), truncated normal, n = 2: E[Ȳ_1] = ∫ x f(x)(1 − F(x)) dx within a bound of the nest’s size (Ȳ’s own quadrature two decades tighter)', () => {
    const m = new Lemma1Mechanism({ n: 2, shares: [0.5, 0.5], dist: TNORM }, 1);
    const ref = quad((x) => x * m.dist.pdf(x) * (1 - m.dist.cdf(x)), 0, 1, { epsabs: 1e-16, epsrel: 1e-15 }).value;
    const e = m.EYbar(0);
    expect(Math.abs(e.value - ref)).toBeLessThanOrEqual(e.abserr);
    // Ȳ's quadrature enters the bound: run looser than two decades below the nest (1e-11), the bound grows to ~1e-9.
    expect(e.abserr).toBeLessThan(1e-11);
  });

  test('(D1), uniform(0,1), n = 3: E s = w², E Y = w³ (the others’ sum when both are below w), Σ E Ȳ_j in closed form, E Ȳ = 1/4', () => {
    const m = new Lemma1Mechanism({ n: 3, shares: [0.2, 0.3, 0.5], dist: U01 }, 1);
    for (const w of [0.2, 0.7]) {
      const a = m.interim(0, w);
      expect(Math.abs(a.Es.value - w * w)).toBeLessThan(1e-15);
      expect(Math.abs(a.EY.value - w ** 3)).toBeLessThan(1e-15);
      expect(a.EY.abserr).toBeLessThan(1e-13);
      // Σ_{j≠1} E[Ȳ_j] = 2·E_v[(w + v)(1 − max(w, v))] (j's type replaced by a fresh p, which wins
      // when above w and the third type v): (1−w)·3w²/2 + ∫_w^1 (w + v)(1 − v) dv, twice. Its error
      // is the sum of the two nests' errors (1.4e-14 here, so a dropped or negated one is seen).
      const EYbo = 2 * ((1 - w) * 1.5 * w * w + w * (1 - w) + (1 - w * w) / 2 - (w * (1 - w * w)) / 2 - (1 - w ** 3) / 3);
      expect(Math.abs(a.EYbo.value - EYbo)).toBeLessThanOrEqual(a.EYbo.abserr);
      expect(a.EYbo.abserr).toBeLessThan(1e-13);
    }
    // E[Y_1] = E[(v_2 + v_3)1{v_1 > v_2, v_3}] = 2·E[v_2 1{v_2 < v_1, v_3 < v_1}] = 2∫ (v²/2)·v dv = 1/4.
    expect(Math.abs(m.EYbar(0).value - 0.25)).toBeLessThan(1e-15);
    expect(m.EYbar(0).abserr).toBeLessThan(1e-13);
  });
});

test('the shifted ex-post transfer t̂_i integrates to T̂_i (asymmetric shares, so d_i ≠ Σd/n), and (D1) has every r_i in range', () => {
  const m = new Lemma1Mechanism({ n: 2, shares: [0.15, 0.85], dist: PIECES }, 1.3);
  expect(m.inRange).toEqual([true, true]);
  expect(Math.abs(m.d(0).value - m.D().value / 2)).toBeGreaterThan(1e-3);
  for (const i of [0, 1]) {
    for (const w of [-0.7, 0.4, 1.6]) {
      const v = [0, 0];
      v[i] = w;
      const direct = quad((x) => ((v[1 - i] = x), m.tHat(v)[i] * m.dist.pdf(x)), m.lo, m.hi, { epsabs: 1e-13, epsrel: 1e-12, points: [0, 1, w] }).value;
      expect(Math.abs(direct - m.That(i, w).value)).toBeLessThan(1e-9);
    }
  }
});

describe('convergence flags', () => {
  // Fault injection: tolerances of 0 and one panel per level, which no quadrature of a truncated normal
  // meets. Each route must report its own failure (the claims turn it into an undecided case).
  const starved = (n: number) => {
    const m = new Lemma1Mechanism({ n, shares: n === 2 ? [0.4, 0.6] : [0.2, 0.3, 0.5], dist: TNORM }, 1.5);
    const priv = m as unknown as { qo: object; relNested: number; epsNested: number };
    priv.qo = { ...priv.qo, epsabs: 0, epsrel: 0, limit: 1 };
    priv.relNested = 0;
    priv.epsNested = 0;
    return m;
  };
  const cases: [string, (m: Lemma1Mechanism) => unknown][] = [
    ['interim pieces', (m) => m.interim(0, 0.4)],
    ['E[Ȳ_i]', (m) => m.EYbar(0)],
    ['E[φ]', (m) => m.Ephi()],
    ['∫p dS (L4)', (m) => m.pdS(0.2, 0.5)],
    ['externality difference (L4)', (m) => m.externalityDiff(0, 0.9, 0.05)],
    ['(L1-1) brackets', (m) => m.L11()],
    ['(L1-1) second term', (m) => m.L11()],
  ];
  for (const [label, run] of cases) {
    test(`${label}: reported when it misses its tolerance`, () => {
      const m = starved(3);
      expect(m.converged).toBe(true);
      run(m);
      expect(m.converged).toBe(false);
      expect([...m.failures]).toContain(label);
    });
  }
  test('a failure inside Ȳ’s own quadrature (the innermost level) is reported although the nest around it converged', () => {
    const m = new Lemma1Mechanism({ n: 3, shares: [0.2, 0.3, 0.5], dist: TNORM }, 1.5);
    const Ybar = m.Ybar.bind(m);
    m.Ybar = (v, k, qo) => ({ ...Ybar(v, k, qo), converged: false });
    m.EYbar(0);
    expect([...m.failures]).toEqual(['E[Ȳ_i]']);
    m.interim(0, 0.4);
    expect([...m.failures]).toEqual(['E[Ȳ_i]', 'interim pieces']);
  });

  test('(L1-1) brackets: one side failing is enough (r = 0 and r = 1 leave one side of each bracket empty)', () => {
    const m = new Lemma1Mechanism({ n: 2, shares: [0, 1], dist: TNORM }, 1.5);
    const priv = m as unknown as { qo: object };
    priv.qo = { ...priv.qo, epsabs: 0, epsrel: 0, limit: 1 };
    expect(m.vStar).toEqual([m.lo, m.hi]);
    m.L11();
    expect([...m.failures]).toContain('(L1-1) brackets');
  });

  test('an ordinary market converges everywhere', () => {
    const m = new Lemma1Mechanism({ n: 3, shares: [0.2, 0.3, 0.5], dist: TNORM }, 1.5);
    m.net(0, 0.4);
    m.pdS(0.2, 0.5);
    m.externalityDiff(0, 0.9, 0.05);
    m.L11();
    expect(m.converged).toBe(true);
    expect(m.failures.size).toBe(0);
  });
});

describe('the second routes of (L4) and (L1-1)', () => {
  test('∫_w^v p dS by its own quadrature = (φ(v) − φ(w))/(1+β/n) (by parts), either order, 0 when v = w', () => {
    for (const [, rule] of RULES) {
      const m = new Lemma1Mechanism({ n: 3, shares: [0.2, 0.3, 0.5], dist: PIECES }, 2, rule);
      const k = 1 + 2 / 3;
      for (const [w, v] of [
        [-0.6, 1.4],
        [1.4, -0.6],
        [0.2, 0.9],
      ]) {
        const e = m.pdS(w, v);
        const byParts = (m.phi(v).value - m.phi(w).value) / k;
        const err = (m.phi(v).abserr + m.phi(w).abserr) / k;
        expect(Math.abs(e.value - byParts)).toBeLessThanOrEqual(e.abserr + err + 1e-15);
        expect(e.abserr).toBeLessThan(1e-10);
      }
      expect(m.pdS(0.3, 0.3).value).toBe(0);
      expect(m.pdS(0.3, 0.3).abserr).toBe(0); // an empty integral has no error, whatever the rule's table error
      // The power rule's table error enters the bound (4 × scale × sErr); the closed forms' does not.
      if (rule.kind === 'power') expect(m.pdS(0.2, 0.9).abserr).toBeGreaterThanOrEqual(4 * m.scaleV * m.rule.sErr);
    }
  });

  test('the externality difference as one integral = E Y_i(v,·) − E Y_i(w,·) as two (quadrature; Monte Carlo on common draws)', () => {
    for (const [, rule] of RULES) {
      const m = new Lemma1Mechanism({ n: 3, shares: [0.2, 0.3, 0.5], dist: PIECES }, 2, rule);
      for (const [v, w] of [
        [1.4, -0.6],
        [0.1, 0.8],
      ]) {
        const e = m.externalityDiff(1, v, w);
        const two = m.interim(1, v).EY.minus(m.interim(1, w).EY);
        expect(Math.abs(e.value - two.value)).toBeLessThanOrEqual(e.abserr + two.abserr);
        expect(e.abserr).toBeLessThan(1e-9);
      }
    }
    const mc = new Lemma1Mechanism({ n: 4, shares: [0.25, 0.25, 0.25, 0.25], dist: U01 }, 2, EFF, { draws: 300 });
    for (const i of [0, 2]) {
      const e = mc.externalityDiff(i, 0.8, 0.3);
      expect(e.stderr).toBeGreaterThan(0);
      expect(Math.abs(e.value - mc.interim(i, 0.8).EY.minus(mc.interim(i, 0.3).EY).value)).toBeLessThan(1e-15);
    }
  });

  test('(D1): the left side of (L1-1) is (1+β/n)T_1 + (β/n)T_2 term by term, and Σ_k d_k', async () => {
    const { cutoffValues } = await import('../../src/models/pycia-wang/cutoff.ts');
    const market: MarketSpec = { n: 3, shares: [0.05, 0.25, 0.7], dist: PIECES };
    const c = cutoffValues({ n: 3, shares: market.shares, dist: makeDist(market.dist) });
    const beta = 1.7;
    const m = new Lemma1Mechanism(market, beta);
    const L = m.L11();
    expect(Math.abs(L.first.value - (1 + beta / 3) * c.T1.value)).toBeLessThanOrEqual(L.first.abserr + c.T1.abserr * 2 + 1e-14);
    expect(Math.abs(L.second.value - (beta / 3) * c.T2.value)).toBeLessThanOrEqual(L.second.abserr + c.T2.abserr + 1e-14);
    for (let i = 0; i < 3; i++) expect(Math.abs(L.brackets[i] - c.brackets[i])).toBeLessThan(1e-12);
    expect(Math.abs(L.lhs.value - m.D().value)).toBeLessThan(1e-9);
    expect(L.first.abserr).toBeLessThan(1e-10);
    expect(L.second.abserr).toBeLessThan(1e-9);
  });

  /**
   * The high tier's tolerances (mut10-pw; the claims run it, the other unit tests do not): its nests
   * run at 1e-11 relative (1e-9 at 'standard') and the rule's ∫S at the tier's epsabs / 100. Measured
   * on (D1), truncated normal: (L1-1)'s second term ± 5.6e-13 at n = 2 (6.8e-11 at the standard tier's
   * nests) and φ(0.9) ± 5.7e-15 at n = 3 (6.3e-14 with ∫S at 1e-13). References: (β/n)T_2 from cutoffValues
   * at 'high' (Theorem 1's proof, term by term) and φ's direct integral ∫ p dS.
   */
  test('(D1) at the high tier: (L1-1)’s second term within 1e-11 of (β/n)T_2, φ within 2e-14 of its direct integral', async () => {
    const { cutoffValues } = await import('../../src/models/pycia-wang/cutoff.ts');
    const market: MarketSpec = { n: 2, shares: [0.4, 0.6], dist: TNORM };
    const beta = 1.5;
    const m = new Lemma1Mechanism(market, beta, EFF, { precision: 'high' });
    const c = cutoffValues({ n: 2, shares: market.shares, dist: makeDist(market.dist, 'high') }, 'high');
    const L = m.L11();
    expect(Math.abs(L.second.value - (beta / 2) * c.T2.value)).toBeLessThanOrEqual(L.second.abserr + c.T2.abserr + 1e-15);
    expect(L.second.abserr).toBeLessThan(1e-11);
    const m3 = new Lemma1Mechanism({ n: 3, shares: [0.2, 0.3, 0.5], dist: TNORM }, beta, EFF, { precision: 'high' });
    const phi = m3.phi(0.9);
    const direct = (1 + beta / 3) * quad((p) => p * m3.rule.dS(p), 0, 0.9, { epsabs: 1e-16, epsrel: 1e-15 }).value;
    expect(Math.abs(phi.value - direct)).toBeLessThanOrEqual(phi.abserr + 1e-15);
    expect(phi.abserr).toBeLessThan(2e-14);
    expect(m.converged && m3.converged).toBe(true);
  });

  /**
   * Each bracket is two quadratures, ∫_{v*}^{v̄}(1−F)p dS and ∫_{v̲}^{v*}F p dS: their errors add (mut10-pw).
   * On (D1) with Beta(2.5, 1.5) (not polynomial: both estimates nonzero) the first term must lie within
   * its bound of (1+β/n)T_1 from cutoffValues (Theorem 1's proof), for shares that put v* in the middle
   * and near the top.
   */
  test('(D1), Beta(2.5, 1.5), n = 2: (L1-1)’s first term within its bound of (1+β/n)T_1, the bound positive', async () => {
    const { cutoffValues } = await import('../../src/models/pycia-wang/cutoff.ts');
    const dist: MarketSpec['dist'] = { kind: 'beta', a: 2.5, b: 1.5, lo: 0, hi: 1 };
    for (const shares of [[0.5, 0.5], [0.9, 0.1]]) {
      const L = new Lemma1Mechanism({ n: 2, shares, dist }, 1.5).L11();
      const c = cutoffValues({ n: 2, shares, dist: makeDist(dist) });
      expect(L.first.abserr).toBeGreaterThan(0);
      expect(Math.abs(L.first.value - 1.75 * c.T1.value)).toBeLessThanOrEqual(L.first.abserr + 1.75 * c.T1.abserr);
    }
  });

  test('power rule: the brackets’ error bound carries the table’s error (by parts, the end term alone is up to v̄·sErr per integral)', () => {
    const m = new Lemma1Mechanism({ n: 3, shares: [0.2, 0.3, 0.5], dist: PIECES }, 1.5, POWER);
    const L = m.L11();
    expect(L.first.abserr).toBeGreaterThanOrEqual((1 + 1.5 / 3) * 3 * 2 * m.scaleV * m.rule.sErr);
    expect(L.first.abserr).toBeLessThan(1e-10);
  });

  test('(L1-1) on the Monte Carlo path: fresh draws of its own, within its standard error of the quadrature value', () => {
    const market: MarketSpec = { n: 3, shares: [0.2, 0.3, 0.5], dist: TNORM };
    const q = new Lemma1Mechanism(market, 2).L11();
    const mcOf = (seed: number) => new Lemma1Mechanism(market, 2, EFF, { path: 'monte-carlo', draws: 3000, seed }).L11();
    const a = mcOf(1);
    expect(a.second.stderr).toBeGreaterThan(0);
    expect(Math.abs(a.lhs.value - q.lhs.value)).toBeLessThan(5 * a.lhs.stderr + 1e-9);
    expect(Math.abs(a.first.value - q.first.value)).toBeLessThan(1e-9);
    expect(mcOf(2).second.value).not.toBe(a.second.value);
  });
});

test('(L1-1) on the Monte Carlo path: its standard error is calibrated (independent rows), over 30 seeds', () => {
  // Uniform(0,1), n = 3: E[Σ_i Y_i] = 3·E[(v_2 + v_3)1{v_1 wins}] = 3/4, so the second term is (β/3)(3/4) − β·2·½/3.
  const market: MarketSpec = { n: 3, shares: [0.2, 0.3, 0.5], dist: U01 };
  const beta = 2;
  const truth = (beta / 3) * 0.75 - (beta * 2 * 0.5) / 3;
  let ss = 0;
  for (let seed = 1; seed <= 30; seed++) {
    const L = new Lemma1Mechanism(market, beta, EFF, { path: 'monte-carlo', draws: 200, seed }).L11();
    ss += ((L.second.value - truth) / L.second.stderr) ** 2;
  }
  const zRms = Math.sqrt(ss / 30);
  expect(zRms).toBeGreaterThan(0.6);
  expect(zRms).toBeLessThan(1.4);
});

test('d_i and Σ d_k are computed once (the transfers at every profile reuse them)', () => {
  const m = new Lemma1Mechanism({ n: 3, shares: [0.2, 0.3, 0.5], dist: U01 }, 1);
  expect(m.d(1)).toBe(m.d(1));
  expect(m.D()).toBe(m.D());
});

describe('Monte Carlo error allowances at rank changes (jumpSd, rareEventAllowance)', () => {
  const mcMarket: MarketSpec = { n: 4, shares: [0.25, 0.25, 0.25, 0.25], dist: U01 };
  test('zero on the quadrature path and for the power rule (continuous shares)', () => {
    const q = new Lemma1Mechanism({ n: 3, shares: [0.2, 0.3, 0.5], dist: U01 }, 1);
    expect([q.jumpSd(0.2, 0.6), q.rareEventAllowance(0.2, 0.6), q.boundFor(q.icGain(0, 0.2, 0.6), 0.2, 0.6, 3)]).toEqual([0, 0, q.icGain(0, 0.2, 0.6).abserr]);
    const p = new Lemma1Mechanism(mcMarket, 1, { kind: 'power', k: 1, offset: 0.5 }, { draws: 200 });
    expect([p.jumpSd(0.2, 0.6), p.rareEventAllowance(0.001, 0.002)]).toEqual([0, 0]);
  });
  test('(D1): the jump sd is √(q(1−q)/N) for the frequency of the rank event times a jump size, symmetric in (v, w)', () => {
    const m = new Lemma1Mechanism(mcMarket, 1, EFF, { draws: 400 });
    const big = new Lemma1Mechanism(mcMarket, 1, EFF, { draws: 1600 });
    for (const [a, b] of [
      [0.3, 0.7],
      [0.5, 0.5],
    ]) {
      expect(m.jumpSd(a, b)).toBeGreaterThan(0);
      expect(m.jumpSd(b, a)).toBe(m.jumpSd(a, b));
      // Four times the draws: half the standard deviation.
      expect(Math.abs(big.jumpSd(a, b) / m.jumpSd(a, b) - 0.5)).toBeLessThan(1e-12);
    }
    // The event "the others' maximum lies in (a, b)" has probability b³ − a³ here; the draws' frequency of
    // it (E s_i(b) − E s_i(a), draw by draw) has standard error ≈ √(q(1−q)/N), and the jump of a draw is at
    // least the share jump times the type, (1 + β/n)·b.
    const q = 0.7 ** 3 - 0.3 ** 3;
    const freq = m.interim(0, 0.7).Es.minus(m.interim(0, 0.3).Es);
    expect(Math.abs(freq.stderr / Math.sqrt((q * (1 - q)) / 400) - 1)).toBeLessThan(0.1);
    const size = m.jumpSd(0.3, 0.7) / Math.sqrt((q * (1 - q)) / 400);
    expect(size).toBeGreaterThanOrEqual((1 + 1 / 4) * 0.7);
    // … and at most the share jump times the type plus every Y_j jump in g_i, in all n profiles of a draw.
    expect(size).toBeLessThanOrEqual(((1 + 1 / 4) * 0.7 + 4 * (1 / 4) * 1) * (1 + 1e-12));
    // A narrow interval near the middle: q = G(0.51) − G(0.5) ≈ 0.0077, far below G(0.51) ≈ 0.13.
    const qn = 0.51 ** 3 - 0.5 ** 3;
    const narrow = m.jumpSd(0.5, 0.51) / Math.sqrt((qn * (1 - qn)) / 400);
    expect(narrow).toBeGreaterThanOrEqual((1 + 1 / 4) * 0.51);
    expect(narrow).toBeLessThanOrEqual(((1 + 1 / 4) * 0.51 + 4 * (1 / 4) * 1) * (1 + 1e-12));
    // A single point: the event is "i wins", probability G(a) = a³.
    const single = m.jumpSd(0.5, 0.5) / Math.sqrt((0.125 * 0.875) / 400);
    expect(single).toBeGreaterThanOrEqual((1 + 1 / 4) * 0.5);
    expect(single).toBeLessThan(size);
  });
  test('(D1): the rare-event allowance is 0 when every rank event is drawn often, and covers the event’s mass when it is not', () => {
    const m = new Lemma1Mechanism(mcMarket, 1, EFF, { draws: 400 });
    expect(m.rareEventAllowance(0.4, 0.8)).toBe(0);
    // (0.01, 0.02): the others' maximum lies between with probability ≈ 7e-6, and below both with ≈ 1e-6.
    const r = m.rareEventAllowance(0.01, 0.02);
    expect(r).toBeGreaterThan(0);
    const mass = 4 * (0.02 ** 3 - 0.01 ** 3) + 4 * 0.02 ** 3;
    expect(r).toBeGreaterThanOrEqual((1 + 1 / 4) * 0.02 * mass);
    expect(r).toBeLessThanOrEqual(10 * mass);
    expect(m.rareEventAllowance(0.02, 0.01)).toBe(r);
  });
  /**
   * The allowance is (largest change of a draw) × (mass of the rare events), and the first factor
   * depends on (a, b) only through |a| + |b|: for two pairs with the same sum, the ratio of allowances
   * is the ratio of rare masses, in closed form here (G = x³, n = 4, N = 400; an event is rare when
   * expected fewer than 30 times). Near 0 the rare events are "between" (4(b³ − a³)) and "below both"
   * (4b³); near 1 "between" and "above a" (4(1 − a³)) — at (0.994, 1) both 28.6 expected draws (mut10-pw).
   */
  /**
   * The jump size M = jumpSd / √(q(1−q)/N), q in closed form (F = x/2 on [0, 2], G = F³; n = 4, β = 1,
   * so scaleV = 2): (i) the share jump is worth (1+β/n)·type, so M rises by (1+β/n) per unit of the
   * larger type; (ii) the rest is the jump of g_i = c_g Σ_{j≠i} Y_j, c_g = β/(n(n−1)), when i's win takes
   * the unit from another agent j, whose Y_j is at most n − 1 types: c_g(n−1)·scaleV = 0.5 for a single
   * point (the main profile only), and n times that for an interval (each of the n − 1 fresh profiles
   * can jump too) (mut10-pw).
   */
  test('(D1): the jump size by its parts: (1+β/n) per unit of type, c_g(n−1)·scaleV per profile that can jump', () => {
    const m = new Lemma1Mechanism({ n: 4, shares: [0.25, 0.25, 0.25, 0.25], dist: { kind: 'uniform', lo: 0, hi: 2 } }, 1, EFF, { draws: 400 });
    const G = (x: number) => (x / 2) ** 3;
    const sd = (q: number) => Math.sqrt((q * (1 - q)) / 400);
    const size = (a: number, b: number) => m.jumpSd(a, b) / sd(a === b ? G(a) : G(b) - G(a));
    const close = (x: number, y: number) => expect(Math.abs(x - y), `${x} against ${y}`).toBeLessThan(1e-9);
    close((size(0.6, 1.6) - size(0.6, 1.2)) / 0.4, 1.25);
    close(size(0.9, 0.9) - 1.25 * 0.9, 0.5);
    close(size(0.6, 1.6) - 1.25 * 1.6, 4 * 0.5);
  });
  test('(D1): the rare events’ mass, by ratios at equal |a| + |b| (the draw’s largest change cancels)', () => {
    const m = new Lemma1Mechanism(mcMarket, 1, EFF, { draws: 400 });
    const low = (a: number, b: number) => 4 * (b ** 3 - a ** 3) + 4 * b ** 3;
    const ratioLow = m.rareEventAllowance(0.01, 0.02) / m.rareEventAllowance(0.005, 0.025);
    expect(Math.abs(ratioLow / (low(0.01, 0.02) / low(0.005, 0.025)) - 1)).toBeLessThan(1e-12);
    // The largest change then rises by the share jump's worth, (1+β/n) per unit of |a| + |b|.
    const M = (a: number, b: number) => m.rareEventAllowance(a, b) / low(a, b);
    expect(Math.abs((M(0.01, 0.03) - M(0.01, 0.02)) / 0.01 - 1.25)).toBeLessThan(1e-9);
    const high = (a: number, b: number) => 4 * (b ** 3 - a ** 3) + 4 * (1 - a ** 3);
    const ratioHigh = m.rareEventAllowance(0.995, 0.999) / m.rareEventAllowance(0.994, 1);
    expect(Math.abs(ratioHigh / (high(0.995, 0.999) / high(0.994, 1)) - 1)).toBeLessThan(1e-12);
  });
});
