/**
 * Tests written against the survivors of the first mutation run of src/models/hu-wallace/stage2.ts
 * (mutation/results/mut-hwdsv.md): the helpers the solver does not call — the inactive payoff (1),
 * the branches g and h of Proposition 1's proof and their slopes at 0 — against hand values, the
 * payoff (2) and difference quotients; and the totals (3) of a profile worked out by hand.
 */
import { describe, expect, test } from 'vitest';
import { marginalUtilities, utilityValue, type TwoGoodUtility } from '../../src/economy/two-goods.ts';
import { completeInformation } from '../../src/models/hu-wallace/economy.ts';
import { bestResponse, deviationGains, gBranch, hBranch, inactivePayoff, payoff, payoff11, profileOutcome, slopesAtZero, stage2Equilibrium } from '../../src/models/hu-wallace/stage2.ts';

const u: TwoGoodUtility = { kind: 'sum', terms: [{ kind: 'log', a: 1, b: 2 }, { kind: 'ces', a: 0.5, b: 1, sigma: 0.6 }] };
const e = { q: 2, r: 3 };

describe('helpers of Section 2.2 and Proposition 1', () => {
  test('inactive payoff (1): trade at p_1 = r̄/q̄ = 3 by hand', () => {
    expect(inactivePayoff({ q: 2, r: 6 }, { q: 0.5, r: 0 })).toEqual({ q: 1.5, r: 7.5 });
    expect(inactivePayoff({ q: 2, r: 6 }, { q: 0, r: 3 })).toEqual({ q: 3, r: 3 });
  });

  test('g and h are U at the payoff (2) of the one-sided offers (b, 0) and (0, b)', () => {
    const Qm = 1.3;
    const Rm = 2.1;
    for (const b of [0.1, 0.7, 1.5]) {
      const cg = payoff(e, { q: b, r: 0 }, Qm, Rm);
      expect(gBranch(u, e, Qm, Rm, b)).toBeCloseTo(utilityValue(u, cg.q, cg.r), 13);
      const ch = payoff(e, { q: 0, r: b }, Qm, Rm);
      expect(hBranch(u, e, Qm, Rm, b)).toBeCloseTo(utilityValue(u, ch.q, ch.r), 13);
    }
  });

  test("g'(0) and h'(0) match difference quotients of g and h", () => {
    const { uq, ur } = marginalUtilities(u, e.q, e.r);
    for (const [Qm, Rm] of [
      [1.3, 2.1],
      [4, 0.5],
    ]) {
      const s = slopesAtZero(uq, ur, Qm, Rm);
      const h = 1e-6;
      expect(s.g0).toBeCloseTo((gBranch(u, e, Qm, Rm, h) - gBranch(u, e, Qm, Rm, -h)) / (2 * h), 7);
      expect(s.h0).toBeCloseTo((hBranch(u, e, Qm, Rm, h) - hBranch(u, e, Qm, Rm, -h)) / (2 * h), 7);
    }
  });

  test('profile totals (3) and consumption (2) by hand: M = 3, ε = (0.1, 0.2)', () => {
    const o = profileOutcome({ q: 1, r: 1 }, { q: 0.1, r: 0.2 }, [{ q: 0.5, r: 0 }, { q: 0, r: 0.3 }, { q: 0, r: 0 }]);
    expect(o.Q).toBeCloseTo(0.8, 15); // 3·0.1 + 0.5
    expect(o.R).toBeCloseTo(0.9, 15); // 3·0.2 + 0.3
    expect(o.price).toBeCloseTo(1.125, 15);
    expect(o.consumption[0].q).toBeCloseTo(0.5, 15);
    expect(o.consumption[0].r).toBeCloseTo(1 + 1.125 * 0.5, 15);
    expect(o.consumption[1].q).toBeCloseTo(1 + 0.3 / 1.125, 15);
    expect(o.consumption[1].r).toBeCloseTo(0.7, 15);
    expect(o.consumption[2]).toEqual({ q: 1, r: 1 });
  });
});

describe('scale invariance (second run, mutation/results/mut8-hw.md)', () => {
  test('homothetic utilities: scaling q̄, r̄ and ε by λ = 1e-6 scales β^σ by λ and keeps p_2 (the solver tolerances are relative)', async () => {
    const { completeInformation } = await import('../../src/models/hu-wallace/economy.ts');
    const { stage2Equilibrium, bestResponse, deviationGains } = await import('../../src/models/hu-wallace/stage2.ts');
    const types = [
      { name: 'a', utility: { kind: 'log', a: 3, b: 1 } as TwoGoodUtility },
      { name: 'b', utility: { kind: 'ces', a: 1, b: 2, sigma: 0.5 } as TwoGoodUtility },
      { name: 'c', utility: { kind: 'ces', a: 1, b: 1, sigma: 3 } as TwoGoodUtility },
    ];
    const lam = 1e-6;
    const econ = completeInformation({ q: 2, r: 3 }, { q: 0.02, r: 0.03 }, types);
    const big = stage2Equilibrium(econ, [2, 3, 4]);
    // certified by the form-(11) search, which shares no code with the solver's first-order equations
    const cert = deviationGains(econ, big.utilities, [2, 3, 4], big.offers);
    cert.gains.forEach((g, x) => expect(g).toBeLessThan(1e-13 * cert.scale[x]));
    const small = stage2Equilibrium(completeInformation({ q: 2 * lam, r: 3 * lam }, { q: 0.02 * lam, r: 0.03 * lam }, types), [2, 3, 4]);
    expect(small.price / big.price - 1).toBeCloseTo(0, 12);
    big.offers.forEach((b, x) => {
      expect(small.offers[x].q / lam).toBeCloseTo(b.q, 11);
      expect(small.offers[x].r / lam).toBeCloseTo(b.r, 11);
    });
    // a best response alone, at the same totals scaled
    const u = types[1].utility;
    const r1 = bestResponse(u, { q: 2, r: 3 }, 5, 1);
    const r2 = bestResponse(u, { q: 2 * lam, r: 3 * lam }, 5 * lam, 1 * lam);
    expect(r2.q / lam).toBeCloseTo(r1.q, 11);
    expect(r2.r / lam).toBeCloseTo(r1.r, 11);
    const s1 = bestResponse(types[0].utility, { q: 2, r: 3 }, 1, 20);
    const s2 = bestResponse(types[0].utility, { q: 2 * lam, r: 3 * lam }, lam, 20 * lam);
    expect(s1.q).toBeGreaterThan(0);
    expect(s2.q / lam).toBeCloseTo(s1.q, 11);
  });
});

describe('the certificate away from an equilibrium (mut8-hw)', () => {
  test('deviationGains at the no-trade profile: the gain is the best deviation a dense search by payoff (2) finds, and scale is the larger |U|', async () => {
    const { completeInformation } = await import('../../src/models/hu-wallace/economy.ts');
    const { deviationGains } = await import('../../src/models/hu-wallace/stage2.ts');
    const us: TwoGoodUtility[] = [
      { kind: 'log', a: 3, b: 1 },
      { kind: 'log', a: 1, b: 4 },
      { kind: 'ces', a: 2, b: 1, sigma: 3 },
      { kind: 'ces', a: 1, b: 3, sigma: 0.4 },
    ];
    const econ = completeInformation({ q: 0.8, r: 1.3 }, { q: 0.05, r: 0.07 }, us.map((u, i) => ({ name: `x${i}`, utility: u })));
    const counts = [3, 2, 2, 1];
    const M = 8;
    const zero = us.map(() => ({ q: 0, r: 0 }));
    const cert = deviationGains(econ, us, counts, zero, 64);
    us.forEach((u, x) => {
      const at = utilityValue(u, 0.8, 1.3);
      // others' totals: Mε (nobody else offers)
      let best = at;
      const n = 20000;
      for (let i = 1; i < n; i++) {
        for (const b of [{ q: (0.8 * i) / n, r: 0 }, { q: 0, r: (1.3 * i) / n }]) {
          const c = payoff({ q: 0.8, r: 1.3 }, b, M * 0.05, M * 0.07);
          best = Math.max(best, utilityValue(u, c.q, c.r));
        }
      }
      expect(best - at).toBeGreaterThan(1e-4);
      // the certificate refines around the grid: at least the dense search's value, and not beyond the true max by more than its step's reach
      expect(cert.gains[x]).toBeGreaterThanOrEqual(best - at - 1e-12);
      expect(cert.gains[x]).toBeLessThan(best - at + 1e-7);
      expect(cert.scale[x]).toBeCloseTo(Math.max(Math.abs(at), Math.abs(at + cert.gains[x])), 14);
    });
  });
});

test("§3.1's price bounds are reached in the limit: a type that wants only r (only q) sells all its q (r), p → ε_r/(q̄ + ε_q) (→ (r̄ + ε_r)/ε_q)", () => {
  // a = 1e-6, b = 1e6: the agent keeps ~1e-10 of its q, so p = R/Q = ε_r/(ε_q + q̄ − ~1e-10), just above the lower bound
  const lowE = completeInformation({ q: 1, r: 1 }, { q: 0.01, r: 0.01 }, [{ name: 'x', utility: { kind: 'log', a: 1e-6, b: 1e6 } }]);
  const low = stage2Equilibrium(lowE, [3]).price;
  expect(low).toBeGreaterThanOrEqual(0.01 / 1.01);
  expect(low / (0.01 / 1.01) - 1).toBeLessThan(1e-9);
  const highE = completeInformation({ q: 1, r: 1 }, { q: 0.01, r: 0.01 }, [{ name: 'x', utility: { kind: 'log', a: 1e6, b: 1e-6 } }]);
  const high = stage2Equilibrium(highE, [3]).price;
  expect(high).toBeLessThanOrEqual(101);
  expect(1 - high / 101).toBeLessThan(1e-9);
});

test("deviationGains refines between the grid's first points: the best deviation at t* ≈ 1.42/64 against Proposition 1's best response", () => {
  // x0 (log a = 3, b = 1) offers 0.5 of q, far from its best response to the others' (Q_−, R_−) = (0.02, 0.32)
  const u = { kind: 'log' as const, a: 3, b: 1 };
  const v = { kind: 'log' as const, a: 2, b: 1 };
  const e = completeInformation({ q: 1, r: 1 }, { q: 0.01, r: 0.01 }, [{ name: 'x0', utility: u }, { name: 'x1', utility: v }]);
  const offers = [{ q: 0.5, r: 0 }, { q: 0, r: 0.3 }];
  const br = bestResponse(u, e.endowment, 0.02, 0.32);
  expect(br.q * 64).toBeGreaterThan(1);
  expect(br.q * 64).toBeLessThan(1.5); // nearest grid point: i = 1
  const H = (b: { q: number; r: number }) => {
    const c = payoff11(e.endowment, b, 0.02, 0.32);
    return utilityValue(u, c.q, c.r);
  };
  const g = deviationGains(e, [u, v], [1, 1], offers);
  expect(g.gains[0]).toBeCloseTo(H(br) - H(offers[0]), 12);
  expect(g.best[0].q).toBeCloseTo(br.q, 7);
  // log utility is homothetic: at λ = 1e-6 (endowment, ε, offers) every utility shifts by (a + b) ln λ and the
  // gain is unchanged, so the minimiser's tolerance must scale with q̄
  const lam = 1e-6;
  const small = completeInformation({ q: lam, r: lam }, { q: 0.01 * lam, r: 0.01 * lam }, [{ name: 'x0', utility: u }, { name: 'x1', utility: v }]);
  const gs = deviationGains(small, [u, v], [1, 1], offers.map((b) => ({ q: b.q * lam, r: b.r * lam })));
  expect(gs.gains[0]).toBeCloseTo(g.gains[0], 9);
});
