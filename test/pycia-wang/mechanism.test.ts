/**
 * Unit tests of the Lemma 1 mechanism (src/models/pycia-wang/mechanism.ts), and the four
 * Lemma 1 claims run through the claim runner.
 */
import { describe, expect, test } from 'vitest';
import { makeDist } from '../../src/distributions/index.ts';
import { makeRng, quad } from '../../src/numeric/index.ts';
import { conditionT11, cutoffValues } from '../../src/models/pycia-wang/cutoff.ts';
import type { MarketSpec } from '../../src/models/pycia-wang/market.ts';
import { Cheb, Lemma1Mechanism, choosePath, type RuleSpec } from '../../src/models/pycia-wang/mechanism.ts';
import { lemma1Claims } from '../../properties/pycia-wang/lemma1.ts';

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
const POWER: RuleSpec = { kind: 'power', k: 2, offset: 0.3 };
const LOTTERY: RuleSpec = { kind: 'lottery', lambda: 0.6 };

describe('the notes’ hand check: uniform(0,1), n = 2, r = (½, ½)', () => {
  const market: MarketSpec = { n: 2, shares: [0.5, 0.5], dist: U01 };
  for (const beta of [0, 1, 2, 3.5]) {
    test(`IR slack = (2−β)/48 + (1+β/2)(v−½)²/2 at β = ${beta}`, () => {
      const m = new Lemma1Mechanism(market, beta);
      for (const i of [0, 1]) {
        for (const v of [0, 0.1, 0.37, 0.5, 0.8, 1]) {
          const exact = (2 - beta) / 48 + ((1 + beta / 2) * (v - 0.5) ** 2) / 2;
          expect(Math.abs(m.net(i, v).value - exact)).toBeLessThan(1e-12);
        }
      }
      // The smallest slack is at v* = ½ and has the sign of β* − β = 2 − β.
      expect(Math.sign(m.net(0, 0.5).value)).toBe(Math.sign(2 - beta));
    });
    test(`ex-post t̂_1 = (1+β/2)(v₂²−v₁²)/2 + (β/2)[v₂(1−v₂) − v₁(1−v₁) + v₁1{v₂>v₁} − v₂1{v₁>v₂}] at β = ${beta}`, () => {
      const m = new Lemma1Mechanism(market, beta);
      const rand = makeRng(`hand:${beta}`);
      for (let k = 0; k < 20; k++) {
        const [v1, v2] = [rand(), rand()];
        const t = m.tHat([v1, v2]);
        const hand =
          ((1 + beta / 2) * (v2 * v2 - v1 * v1)) / 2 +
          (beta / 2) * (v2 * (1 - v2) - v1 * (1 - v1) + (v2 > v1 ? v1 : 0) - (v1 > v2 ? v2 : 0));
        expect(Math.abs(t[0] - hand)).toBeLessThan(1e-13);
        expect(Math.abs(t[0] + t[1])).toBeLessThan(1e-15);
      }
    });
  }
});

describe('ex-post budget balance on random profiles', () => {
  const cases: [string, MarketSpec, RuleSpec][] = [
    ['(D1), n = 3, piecewise', { n: 3, shares: [0.2, 0.3, 0.5], dist: PIECES }, { kind: 'efficient' }],
    ['(D1), n = 7, truncated normal', { n: 7, shares: [0.4, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1], dist: TNORM }, { kind: 'efficient' }],
    ['power, n = 3', { n: 3, shares: [0.2, 0.3, 0.5], dist: PIECES }, POWER],
    ['power, n = 5', { n: 5, shares: [0.2, 0.2, 0.2, 0.2, 0.2], dist: U01 }, POWER],
    ['lottery, n = 4', { n: 4, shares: [0, 0.5, 0.25, 0.25], dist: TNORM }, LOTTERY],
  ];
  for (const [name, market, rule] of cases) {
    test(name, () => {
      const m = new Lemma1Mechanism(market, 3.7, rule);
      const rand = makeRng(`bb:${name}`);
      for (let k = 0; k < 25; k++) {
        const v = Array.from({ length: market.n }, () => m.dist.quantile(rand()));
        const t = m.tHat(v);
        const sum = t.reduce((a, b) => a + b, 0);
        expect(Math.abs(sum)).toBeLessThan(1e-12 * m.scaleT);
        // Before the shift too: Σ_i t_i⁰ = 0 for every profile (Appendix A.1).
        expect(Math.abs(m.t0(v).reduce((a, b) => a + b, 0))).toBeLessThan(1e-12 * m.scaleT);
      }
    });
  }
});

describe('interim expectations', () => {
  test('term by term equals the nested integral of the whole ex-post t_i⁰ (n = 2 and n = 3, every agent)', () => {
    for (const market of [
      { n: 2, shares: [0.3, 0.7], dist: PIECES },
      { n: 3, shares: [0.2, 0.3, 0.5], dist: U01 },
    ] as MarketSpec[]) {
      const m = new Lemma1Mechanism(market, 1.3);
      const { n, lo, hi } = m;
      const opts = { epsabs: 1e-11, epsrel: 1e-10, points: [...m.dist.breakpoints] };
      for (let i = 0; i < n; i++) {
        const others = Array.from({ length: n }, (_, j) => j).filter((j) => j !== i);
        for (const w of [lo + 0.21 * (hi - lo), m.vStar[i], hi]) {
          const v = new Array<number>(n).fill(0);
          v[i] = w;
          let direct: number;
          if (n === 2) {
            direct = quad((x) => ((v[others[0]] = x), m.t0(v)[i] * m.dist.pdf(x)), lo, hi, { ...opts, points: [...opts.points, w] }).value;
          } else {
            direct = quad(
              (x) => {
                v[others[0]] = x;
                const inner = quad((y) => ((v[others[1]] = y), m.t0(v)[i] * m.dist.pdf(y)), lo, hi, { ...opts, points: [...opts.points, w, x] });
                return inner.value * m.dist.pdf(x);
              },
              lo,
              hi,
              { ...opts, points: [...opts.points, w] },
            ).value;
          }
          expect(Math.abs(m.T0(i, w).value - direct)).toBeLessThan(1e-8);
        }
      }
    }
  });

  test('the shared interim pieces equal each agent’s own integration (anonymity)', () => {
    for (const rule of [{ kind: 'efficient' } as RuleSpec, POWER, LOTTERY]) {
      const m = new Lemma1Mechanism({ n: 3, shares: [0.1, 0.2, 0.7], dist: PIECES }, 2, rule);
      for (const w of [-0.5, 0.4, 1.7]) {
        const shared = m.interim(0, w);
        for (const i of [1, 2]) {
          const own = m.interim(i, w, true);
          for (const k of ['Es', 'EY', 'EYo', 'EYbo'] as const) expect(Math.abs(own[k].value - shared[k].value)).toBeLessThan(1e-9);
        }
      }
      expect(Math.abs(m.EYbar(2, true).value - m.EYbar(0).value)).toBeLessThan(1e-9);
    }
  });

  test('E_{−i}[g_i(w, ·)] = 0 for every report (Appendix A.1)', () => {
    for (const rule of [{ kind: 'efficient' } as RuleSpec, POWER, LOTTERY]) {
      const m = new Lemma1Mechanism({ n: 3, shares: [0.1, 0.2, 0.7], dist: TNORM }, 5, rule);
      for (const w of [0, 0.13, 0.5, 0.92, 1]) expect(Math.abs(m.Eg(0, w).value)).toBeLessThan(1e-9);
    }
  });

  test('E_{−i} s_i(w, ·) from the ex-post rule equals the rule’s S_i(w) (power: Laplace route and Chebyshev table)', () => {
    for (const rule of [{ kind: 'efficient' } as RuleSpec, POWER, { kind: 'power', k: 1, offset: 0.2 } as RuleSpec, LOTTERY]) {
      for (const n of [2, 3]) {
        const m = new Lemma1Mechanism({ n, shares: Array(n).fill(1 / n), dist: PIECES }, 0, rule);
        for (const w of [-1, -0.3, 0.5, 1.2, 2]) expect(Math.abs(m.interim(0, w).Es.value - m.rule.S(w))).toBeLessThan(1e-10);
        // Σ_i E[s_i] = 1: ∫ S dF = 1/n.
        const mass = quad((x) => m.rule.S(x) * m.dist.pdf(x), m.lo, m.hi, { points: [...m.dist.breakpoints] }).value;
        expect(Math.abs(mass - 1 / n)).toBeLessThan(1e-11);
      }
    }
  });

  test('power rule S for n = 6 (Laplace route) against a Monte Carlo of the ex-post shares', () => {
    const m = new Lemma1Mechanism({ n: 6, shares: Array(6).fill(1 / 6), dist: TNORM }, 0, { kind: 'power', k: 3, offset: 0.25 });
    for (const w of [0.05, 0.5, 0.95]) {
      const a = m.interim(0, w).Es;
      expect(Math.abs(a.value - m.rule.S(w))).toBeLessThan(5 * a.stderr);
    }
    // S is increasing and its table's derivative matches a difference quotient.
    for (const w of [0.1, 0.4, 0.8]) {
      expect(m.rule.dS(w)).toBeGreaterThan(0);
      const fd = (m.rule.S(w + 1e-5) - m.rule.S(w - 1e-5)) / 2e-5;
      expect(Math.abs(fd - m.rule.dS(w))).toBeLessThan(1e-6);
    }
  });

  test('Monte Carlo path agrees with the quadrature path (n = 3)', () => {
    const market: MarketSpec = { n: 3, shares: [0.2, 0.3, 0.5], dist: TNORM };
    const q = new Lemma1Mechanism(market, 2);
    const mc = new Lemma1Mechanism(market, 2, { kind: 'efficient' }, { path: 'monte-carlo', draws: 20_000, seed: 3 });
    expect(mc.path).toBe('monte-carlo');
    const D = mc.D();
    expect(Math.abs(D.value - q.D().value)).toBeLessThan(5 * D.stderr);
    for (const v of [0.1, 0.6]) {
      const a = mc.net(1, v);
      expect(Math.abs(a.value - q.net(1, v).value)).toBeLessThan(5 * a.stderr + 1e-9);
    }
  });

  test('(D1): the IR slack at v_i* is [(1+β/n)T1 + (β/n)T2]/n for every agent', () => {
    const market: MarketSpec = { n: 3, shares: [0.05, 0.25, 0.7], dist: PIECES };
    const c = cutoffValues({ n: 3, shares: market.shares, dist: makeDist(market.dist) });
    for (const beta of [0, c.betaStar * 0.999, c.betaStar * 1.001, 40]) {
      const m = new Lemma1Mechanism(market, beta);
      const target = conditionT11(c.T1.value, c.T2.value, 3, beta) / 3;
      for (let i = 0; i < 3; i++) expect(Math.abs(m.net(i, m.vStar[i]).value - target)).toBeLessThan(1e-9);
      expect(Math.sign(m.net(0, m.vStar[0]).value)).toBe(beta <= c.betaStar ? 1 : -1);
    }
  });

  test('a lottery with r_i = 0: v_i* = v̲ (outside the range of S_i) and the slack there exceeds D/n by (1+β/n)v̲(S(v̲) − 0)', () => {
    const m = new Lemma1Mechanism({ n: 3, shares: [0, 0.4, 0.6], dist: PIECES }, 1.5, LOTTERY);
    expect(m.vStar[0]).toBe(m.lo);
    expect(m.inRange).toEqual([false, true, true]);
    const expected = m.D().value / 3 + (1 + 1.5 / 3) * m.lo * m.rule.S(m.lo);
    expect(Math.abs(m.net(0, m.lo).value - expected)).toBeLessThan(1e-9);
    const L = m.L11();
    expect(Math.abs(L.lhs.value - m.D().value)).toBeLessThan(1e-9);
  });

  test('n = 3 markets whose F needs many nodes per dimension go to Monte Carlo', () => {
    expect(choosePath(3, makeDist(U01))).toBe('quadrature');
    expect(choosePath(2, makeDist({ kind: 'density', expr: '1.2 + sin(60 * x)', lo: 0, hi: 1 }))).toBe('quadrature');
    expect(choosePath(3, makeDist({ kind: 'density', expr: '1.2 + sin(60 * x)', lo: 0, hi: 1 }))).toBe('monte-carlo');
    expect(choosePath(4, makeDist(U01))).toBe('monte-carlo');
  });
});

test('Chebyshev tables: value, derivative and antiderivative of e^x on [−1, 2]', () => {
  const c = Cheb.fit(Math.exp, -1, 2, 32);
  const d = c.derivative();
  const I = c.integral();
  for (const x of [-1, -0.3, 0.7, 2]) {
    expect(Math.abs(c.value(x) - Math.exp(x))).toBeLessThan(1e-14 * Math.exp(2));
    expect(Math.abs(d.value(x) - Math.exp(x))).toBeLessThan(1e-12 * Math.exp(2));
    expect(Math.abs(I.value(x) - (Math.exp(x) - Math.exp(-1)))).toBeLessThan(1e-14 * Math.exp(2));
  }
  expect(c.tail()).toBeLessThan(1e-14);
});

test('Monte Carlo: a rank change too rare to be drawn is covered by the allowance, not by a zero standard error', () => {
  // Found by a deep run: n = 7, β = 0, a lottery; between types 0 and 0.19 agent 1 wins with
  // probability ~1e-5, no draw separates the two reports, the sample variance of the gain is 0,
  // and the exact φ difference alone showed a "gain" of 1.9e-7.
  const input = {
    market: { n: 7, shares: Array(7).fill(1 / 7), dist: { kind: 'density', expr: '1 + sin(3.14159 * (x - 0) + 0)', lo: 0, hi: 1 } },
    beta: { value: 0 },
    rule: { kind: 'lottery', lambda: 0.1 },
    levels: [0.15],
    seed: 1,
  };
  const m = new Lemma1Mechanism(input.market as MarketSpec, 0, input.rule as RuleSpec, { seed: 1 });
  const v = m.dist.quantile(0.15);
  const g = m.icGain(0, v, m.lo);
  expect(g.stderr).toBe(0);
  expect(g.value).toBeGreaterThan(0);
  expect(g.value).toBeLessThan(m.rareEventAllowance(v, m.lo));
  expect(lemma1Claims[1].property(input as never, { precision: 'standard', tolerance: lemma1Claims[1].tolerance }).holds).toBe(true);
});

test('Monte Carlo: a share jump drawn far fewer times than expected is judged by its exact-probability standard error', () => {
  // Found by a deep run: n = 4, uniform, β = 0; between types 0.2435 and 0.2635 the others' maximum
  // was drawn 5 times where 15.6 were expected, and the sample standard error alone made a 4.3σ "gain".
  const input = {
    market: { n: 4, shares: [0.01829, 0.5732, 0.006098, 0.4024], dist: U01 },
    beta: { value: 0 },
    rule: { kind: 'efficient' },
    levels: [0.1],
    seed: 426436,
  };
  const m = new Lemma1Mechanism(input.market, 0, { kind: 'efficient' }, { seed: input.seed });
  const v = m.vStar[0];
  const w = v - 0.02;
  const g = m.icGain(0, v, w);
  const z = 4.2;
  expect(g.value).toBeGreaterThan(g.abserr + z * g.stderr);
  expect(g.value).toBeLessThan(m.boundFor(g, v, w, z));
  expect(lemma1Claims[0].property(input as never, { precision: 'standard', tolerance: lemma1Claims[0].tolerance }).holds).toBe(true);
});

test('decode: a saved input is validated, and a bad field is named', () => {
  const good = { market: { n: 2, shares: [0.5, 0.5], dist: U01 }, beta: { nearStar: -0.01 }, rule: { kind: 'power', k: 2, offset: 0.5 }, levels: [0.3], seed: 4 };
  const [mech, general] = lemma1Claims;
  expect(general.decode!(good)).toEqual(good);
  expect(mech.decode!(good)).toEqual({ ...good, rule: { kind: 'efficient' } });
  const fieldOf = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return (e as { field?: string }).field;
    }
    return undefined;
  };
  expect(fieldOf(() => general.decode!({ ...good, beta: { value: -1 } }))).toMatch(/^input\.beta/);
  expect(fieldOf(() => general.decode!({ ...good, market: { ...good.market, shares: [0.5, 0.6] } }))).toBe('input.market.shares');
  expect(fieldOf(() => general.decode!({ ...good, rule: { kind: 'efficient' } }))).toBe('input.rule.kind');
  expect(fieldOf(() => general.decode!({ ...good, levels: [1.5] }))).toMatch(/^input\.levels/);
});

// The four claims themselves run in properties/pycia-wang/lemma1.test.ts, through the shared runner.
