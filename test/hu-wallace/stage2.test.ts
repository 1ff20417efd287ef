/**
 * Stage 2 (Sections 2.2, 3.1, 4) against characterisations that share no code with the solver:
 * payoff (2) against form (11) and a whole profile's outcome; Lemma 1's one-sided offer against
 * the two-sided one's payoff; the best response against a brute-force grid of (2) over both
 * branches; the equilibrium against the form-(11) deviation search, the wedge bound 1/(σ(x) − 1),
 * and the printed competitive price 163/143 of INTERFACES.md's example as M grows.
 */
import { describe, expect, test } from 'vitest';
import { utilityValue, type TwoGoodUtility } from '../../src/economy/two-goods.ts';
import { completeInformation, type HwEconomy } from '../../src/models/hu-wallace/economy.ts';
import { bestResponse, deviationGains, oneSided, payoff, payoff11, profileOutcome, stage2Equilibrium } from '../../src/models/hu-wallace/stage2.ts';

const E = { q: 1, r: 1 };
const example = completeInformation(E, { q: 0.01, r: 0.01 }, [
  { name: 'x1', utility: { kind: 'log', a: 2, b: 1 } },
  { name: 'x2', utility: { kind: 'log', a: 0.5, b: 1 } },
]);

describe('payoffs', () => {
  test('(2) with (3) equals form (11) and the profile outcome, two-sided offers included', () => {
    const offers = [
      { q: 0.3, r: 0 },
      { q: 0, r: 0.7 },
      { q: 0.2, r: 0.4 },
      { q: 0, r: 0 },
    ];
    const eps = { q: 0.05, r: 0.02 };
    const out = profileOutcome(E, eps, offers);
    offers.forEach((b, n) => {
      const Qm = out.Q - b.q;
      const Rm = out.R - b.r;
      const a = payoff(E, b, Qm, Rm);
      const c = payoff11(E, b, Qm, Rm);
      expect(a.q).toBeCloseTo(c.q, 14);
      expect(a.r).toBeCloseTo(c.r, 14);
      expect(out.consumption[n].q).toBeCloseTo(c.q, 14);
      expect(out.consumption[n].r).toBeCloseTo(c.r, 14);
    });
  });

  test("Lemma 1: the one-sided b'' has the two-sided payoff and offers no more of either good", () => {
    for (const [b, Qm, Rm] of [
      [{ q: 0.2, r: 0.5 }, 3, 2],
      [{ q: 0.6, r: 0.1 }, 3, 2],
      [{ q: 0.4, r: 0.6 }, 3, 2],
    ] as const) {
      const bb = oneSided(b, Qm, Rm);
      expect(bb.q * bb.r).toBe(0);
      expect(bb.q).toBeLessThanOrEqual(b.q);
      expect(bb.r).toBeLessThanOrEqual(b.r);
      const x = payoff(E, b, Qm, Rm);
      const y = payoff(E, bb, Qm, Rm);
      expect(y.q).toBeCloseTo(x.q, 13);
      expect(y.r).toBeCloseTo(x.r, 13);
    }
    // case (iii): b'_r Q_− = b'_q R_− — no trade
    expect(oneSided({ q: 0.25, r: 0.5 }, 2, 4)).toEqual({ q: 0, r: 0 });
  });
});

/** The best of (2) over a grid of both branches of O, refined twice around the best point. */
function gridBest(u: TwoGoodUtility, Qm: number, Rm: number): { b: { q: number; r: number }; v: number } {
  let best = { b: { q: 0, r: 0 }, v: utilityValue(u, E.q, E.r) };
  for (const side of ['q', 'r'] as const) {
    let lo = 0;
    let hi = E[side];
    for (let round = 0; round < 4; round++) {
      const n = 200;
      let arg = lo;
      let top = -Infinity;
      for (let i = 0; i <= n; i++) {
        const t = lo + ((hi - lo) * i) / n;
        if (t >= E[side]) continue;
        const b = side === 'q' ? { q: t, r: 0 } : { q: 0, r: t };
        const c = payoff(E, b, Qm, Rm);
        const v = utilityValue(u, c.q, c.r);
        if (v > top) {
          top = v;
          arg = t;
        }
      }
      if (top > best.v) best = { b: side === 'q' ? { q: arg, r: 0 } : { q: 0, r: arg }, v: top };
      const w = (hi - lo) / n;
      [lo, hi] = [Math.max(0, arg - w), Math.min(E[side], arg + w)];
    }
  }
  return best;
}

describe('best response (Prop. 1 proof)', () => {
  test.each<[string, TwoGoodUtility, number, number]>([
    ['seller of q', { kind: 'log', a: 0.5, b: 1 }, 2, 3],
    ['seller of r', { kind: 'log', a: 2, b: 1 }, 2, 3],
    ['CES σ = 0.3', { kind: 'ces', a: 1, b: 2, sigma: 0.3 }, 0.5, 0.4],
    ['sum, thin market', { kind: 'sum', terms: [{ kind: 'ces', a: 3, b: 1, sigma: 4 }, { kind: 'log', a: 0.2, b: 0.2 }] }, 0.05, 0.02],
    ['non-trader', { kind: 'log', a: 1, b: 1.5 }, 1, 1.5],
  ])('%s: the grid over both branches of (2) finds nothing better', (_n, u, Qm, Rm) => {
    const b = bestResponse(u, E, Qm, Rm);
    expect(b.q * b.r).toBe(0);
    const c = payoff(E, b, Qm, Rm);
    const v = utilityValue(u, c.q, c.r);
    const g = gridBest(u, Qm, Rm);
    expect(g.v - v).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(v)));
    expect(Math.abs(g.b.q - b.q) + Math.abs(g.b.r - b.r)).toBeLessThan(1e-5);
  });
});

describe('symmetric stage-2 equilibrium', () => {
  test("INTERFACES.md's example: certified, wedges within 1/(σ(x) − 1), price → 163/143 as M grows", () => {
    let prev = Infinity;
    for (const M of [10, 100, 1000, 1e4, 1e6, 1e9]) {
      const counts = [0.6 * M, 0.4 * M];
      const eq = stage2Equilibrium(example, counts);
      const cert = deviationGains(example, eq.utilities, counts, eq.offers);
      cert.gains.forEach((g, x) => expect(g).toBeLessThanOrEqual(1e-14 * Math.max(1, cert.scale[x])));
      eq.mrsWedge.forEach((w, x) => expect(w).toBeLessThanOrEqual(1 / (counts[x] - 1)));
      const err = Math.abs(eq.price - 163 / 143);
      expect(err).toBeLessThan(prev);
      prev = err;
      // the excess of (2)–(3) is value-neutral at p_2: (ε_q − ε_r/p, ε_r − p ε_q) per capita
      expect(eq.feasibilityGap.q).toBeCloseTo(0.01 - 0.01 / eq.price, 14);
      expect(eq.feasibilityGap.r).toBeCloseTo(0.01 - eq.price * 0.01, 14);
    }
    expect(prev).toBeLessThan(1e-9);
  });

  test('the certificate finds the gain of a profile that is not an equilibrium: the g/h best response\'s gain, to 1e-12', () => {
    // x2 = log(0.05, 1) wants to sell most of its q; make it offer nothing, and x1 offer a little too much
    const e = completeInformation(E, { q: 0.01, r: 0.01 }, [
      { name: 'x1', utility: { kind: 'log', a: 2, b: 1 } },
      { name: 'x2', utility: { kind: 'log', a: 0.05, b: 1 } },
    ]);
    const counts = [5, 3];
    const eq = stage2Equilibrium(e, counts);
    const offers = [{ q: 0, r: eq.offers[0].r * 1.1 }, { q: 0, r: 0 }];
    const cert = deviationGains(e, eq.utilities, counts, offers);
    let Q = 8 * 0.01;
    let R = 8 * 0.01 + 5 * offers[0].r;
    offers.forEach((b, x) => {
      const Qm = Q - b.q;
      const Rm = R - b.r;
      const u = eq.utilities[x];
      const br = bestResponse(u, E, Qm, Rm);
      const val = (o: { q: number; r: number }) => ((c) => utilityValue(u, c.q, c.r))(payoff(E, o, Qm, Rm));
      expect(cert.gains[x]).toBeCloseTo(val(br) - val(b), 12);
    });
    expect(cert.gains[1]).toBeGreaterThan(0.1);
    expect(cert.best[1].q).toBeGreaterThan(0.6);
  });

  test('the cost does not depend on M: the same number of price iterations at M = 10^6 and 10^12', () => {
    const a = stage2Equilibrium(example, [6e5, 4e5]);
    const b = stage2Equilibrium(example, [6e11, 4e11]);
    expect(Math.abs(a.iterations - b.iterations)).toBeLessThanOrEqual(2);
  });

  test('with states: the posterior weights the states, and a thin market (σ(x) = 1) is still certified', () => {
    const e: HwEconomy = {
      endowment: { q: 2, r: 0.5 },
      epsilon: { q: 1e-6, r: 1e-6 },
      states: [
        { name: 'z1', prior: 0.5 },
        { name: 'z2', prior: 0.5 },
      ],
      types: [
        { name: 'x1', likelihood: [0.7, 0.2], utility: [{ kind: 'ces', a: 1, b: 3, sigma: 0.2 }, { kind: 'log', a: 1, b: 1 }] },
        { name: 'x2', likelihood: [0.3, 0.8], utility: [{ kind: 'log', a: 3, b: 1 }, { kind: 'ces', a: 2, b: 0.5, sigma: 5 }] },
      ],
    };
    for (const counts of [
      [1, 1],
      [1, 30],
      [700, 300],
    ]) {
      const eq = stage2Equilibrium(e, counts);
      const cert = deviationGains(e, eq.utilities, counts, eq.offers);
      cert.gains.forEach((g, x) => expect(g).toBeLessThanOrEqual(1e-14 * Math.max(1, cert.scale[x])));
      expect(eq.posterior.phi[0] + eq.posterior.phi[1]).toBeCloseTo(1, 14);
      eq.offers.forEach((b) => expect(b.q * b.r).toBe(0));
    }
  });

  test('a seller keeping less than 1e-16 of its endowment: kept amount from the logarithm, wedge within its bound', () => {
    const e = completeInformation({ q: 0.938, r: 4.92 }, { q: 1.18e-6, r: 9.93e-5 }, [
      { name: 'x1', utility: { kind: 'ces', a: 0.105, b: 0.871, sigma: 6.52 } },
      { name: 'x2', utility: { kind: 'ces', a: 0.106, b: 0.452, sigma: 0.108 } },
    ]);
    const eq = stage2Equilibrium(e, [5, 257]);
    expect(eq.consumption[0].q).toBeGreaterThan(0);
    expect(eq.consumption[0].q).toBeLessThan(1e-16);
    expect(eq.mrsWedge[0]).toBeLessThanOrEqual(1 / 4);
    expect(eq.mrsWedge[1]).toBeLessThanOrEqual(1 / 256);
  });
});
