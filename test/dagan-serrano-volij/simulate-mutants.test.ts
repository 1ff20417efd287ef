/**
 * src/models/dagan-serrano-volij/simulate.ts, what simulate.test.ts leaves open (mutation testing,
 * issue #14): Section 3's coalition sizes counted on the trace (an agent is in an n-coalition with
 * probability p(n)), the multilateral meetings' zero trades, the trace replayed from the endowments
 * (each accepted g-trade moves both sides, the holdings at the end are the replay's), the bookkeeping
 * of who left when, and the stall found at the first quiet-streak check.
 */
import { describe, expect, test } from 'vitest';
import { makeRng } from '../../src/numeric/rng.ts';
import { galeTrade } from '../../src/models/dagan-serrano-volij/trading-rule.ts';
import { betaStat, responderAccepts, SNAP_REL, simulate, type SimSpec } from '../../src/models/dagan-serrano-volij/simulate.ts';

/** The Wicksell triangle (nobody holds good 1): q agents of each type, no pair can trade. */
const wicksell = (q: number, sizes: number[], maxRounds: number): SimSpec => ({
  prices: [1, 1, 1, 1],
  indivisible: [false, true, true, true],
  types: [
    { count: q, endowment: [0, 1, 0, 0], target: [0, 0, 1, 0] },
    { count: q, endowment: [0, 0, 1, 0], target: [0, 0, 0, 1] },
    { count: q, endowment: [0, 0, 0, 1], target: [0, 1, 0, 0] },
  ],
  sizes,
  tau: 0.5,
  maxRounds,
  trace: true,
});

describe('matching (Section 3) on the trace', () => {
  test('p = (0.2, 0.5, 0.3): the share of agent-rounds in 2- and 3-meetings is p(2), p(3); unmatched p(1)', () => {
    const q = 400;
    const r = simulate(wicksell(q, [0.2, 0.5, 0.3], 50), makeRng('sizes'));
    // nobody trades or leaves: the stall is found at the first check, after 3 quiet rounds
    expect(r.stalled).toBe(true);
    expect(r.rounds).toBe(3);
    expect(r.trades).toBe(0);
    const slots = 3 * q * r.rounds;
    const inSize = [0, 0, 0, 0];
    for (const m of r.meetings!) inSize[Math.min(3, m.agents.length)] += m.agents.length;
    // standard errors ≈ 0.012; the cut-short last coalition of a round moves a share by < 3/1200
    expect(inSize[2] / slots).toBeGreaterThan(0.46);
    expect(inSize[2] / slots).toBeLessThan(0.54);
    expect(inSize[3] / slots).toBeGreaterThan(0.26);
    expect(inSize[3] / slots).toBeLessThan(0.34);
    expect(inSize[1]).toBe(0); // meetings of one (drawn, or cut short) are not traced
    for (const m of r.meetings!) {
      expect(m.trade.every((v) => v === 0)).toBe(true);
      expect(m.trade.length).toBe(4);
      expect(m.accepted).toBe(true); // a zero trade: no income falls
      expect(new Set(m.agents).size).toBe(m.agents.length);
      expect(m.round).toBeGreaterThanOrEqual(1);
      expect(m.round).toBeLessThanOrEqual(r.rounds);
    }
    // every agent appears at most once a round
    for (let round = 1; round <= r.rounds; round++) {
      const seen = r.meetings!.filter((m) => m.round === round).flatMap((m) => m.agents);
      expect(new Set(seen).size).toBe(seen.length);
    }
    expect(r.active).toEqual([3 * q, 3 * q, 3 * q, 3 * q]);
    expect(r.share).toEqual([1, 1, 1, 1]); // β = 2 ≥ τ for all
    expect(Array.from(r.leftAt).every((v) => v === -1)).toBe(true);
  });

  test('p = (0, 0, 1): every traced meeting has 3 agents but the last of a round (cut short to 3q mod 3 = 0: none)', () => {
    const r = simulate(wicksell(20, [0, 0, 1], 50), makeRng('triples'));
    expect(r.meetings!.length).toBe(20 * r.rounds);
    for (const m of r.meetings!) expect(m.agents.length).toBe(3);
    // no bilateral meeting: nothing was tried, nothing could be traded
    expect(r.stalled).toBe(true);
  });

  test('p = (1): nobody is ever matched; the stall is found all the same', () => {
    const r = simulate(wicksell(5, [1], 50), makeRng('alone'));
    expect(r.meetings).toEqual([]);
    expect(r.stalled).toBe(true);
    expect(r.rounds).toBe(3);
  });
});

describe('the trace replayed from the endowments', () => {
  const spec: SimSpec = {
    // prices that are not dyadic, so that p·x = 0 leaves round-off for the residual and the drift to report;
    // good 0's targets put every budget on its line (0.6 + 2.3 = 2 + 0.9, …) and clear good 0 (−1.4 − 0.2 + 1.6)
    prices: [1, 0.3, 0.7, 1.3],
    indivisible: [false, true, false, false],
    types: [
      { count: 4, endowment: [2, 3, 0, 0], target: [0.6, 1, 1, 1] },
      { count: 4, endowment: [2, 0, 3, 0], target: [1.8, 1, 1, 1] },
      { count: 4, endowment: [2, 0, 0, 3], target: [3.6, 1, 1, 1] },
      { count: 2, endowment: [5, 1, 1, 1], target: [5, 1, 1, 1] },
    ],
    sizes: [0.2, 0.6, 0.2],
    tau: 4, // β = 4 exactly for the three trading types: counted (β ≥ τ)
    maxRounds: 2000,
    trace: true,
  };

  test('accepted trades move the proposer by x and the responder by −x; the holdings, trades, leaving rounds and shares agree', () => {
    const r = simulate(spec, makeRng('replay'));
    expect(r.empty).toBe(true);
    const L = 4;
    const N = 14;
    const h: number[][] = Array.from({ length: N }, (_, a) => [...spec.types[r.typeOf[a]].endowment]);
    const typeOf = spec.types.flatMap((t, i) => new Array<number>(t.count).fill(i));
    expect(Array.from(r.typeOf)).toEqual(typeOf);
    let trades = 0;
    for (const m of r.meetings!) {
      for (const a of m.agents) expect(r.leftAt[a] === -1 || r.leftAt[a] >= m.round).toBe(true);
      if (m.agents.length === 2) {
        // the proposal is g of the replayed holdings (Section 5 (3)); the snapping moves holdings by < 1e-9
        const [q0, q1] = m.agents;
        const side = (a: number) => ({ holdings: h[a].map((v, k) => (k > 0 && Math.abs(v - spec.types[typeOf[a]].target[k]) <= 1e-9 ? spec.types[typeOf[a]].target[k] : v)), target: spec.types[typeOf[a]].target });
        const g = galeTrade(spec.prices, spec.indivisible, side(q0), side(q1)).trade;
        for (let k = 0; k < L; k++) expect(Math.abs(m.trade[k] - g[k])).toBeLessThan(1e-8);
        // a zero proposal is accepted unless the responder is at his target (income must then rise)
        if (m.trade.every((v) => v === 0)) expect(m.accepted).toBe(!side(q1).holdings.every((v, k) => Math.abs(v - spec.types[typeOf[q1]].target[k]) <= 1e-9));
      }
      if (m.agents.length !== 2 || !m.accepted || m.trade.every((v) => v === 0)) continue;
      trades++;
      const [p0, p1] = m.agents;
      // the responder's income does not fall (4): −p·x ≥ −1e-12·gross
      expect(responderAccepts(spec.prices, h[p1], spec.types[typeOf[p1]].target, m.trade.map((v) => -v))).toBe(true);
      for (let k = 0; k < L; k++) {
        h[p0][k] += m.trade[k];
        h[p1][k] -= m.trade[k];
      }
    }
    expect(r.trades).toBe(trades);
    expect(trades).toBeGreaterThan(0);
    for (let a = 0; a < N; a++) {
      const f = spec.types[typeOf[a]].target;
      for (let k = 0; k < L; k++) {
        expect(Math.abs(h[a][k] - f[k])).toBeLessThanOrEqual(SNAP_REL * 10);
        if (k > 0) expect(r.holdings[a * L + k]).toBe(f[k]);
        else expect(Math.abs(r.holdings[a * L] - h[a][0])).toBeLessThan(1e-12);
      }
      expect(r.leftAt[a]).toBeGreaterThanOrEqual(1);
      expect(r.leftAt[a]).toBeLessThanOrEqual(r.rounds);
    }
    // active after round t: those who have not left by t
    for (let t = 0; t <= r.rounds; t++) expect(r.active[t]).toBe(Array.from(r.leftAt).filter((v) => v > t).length);
    expect(r.share.length).toBe(r.rounds + 1);
    // at the start: the three types with β = 4 ≥ τ = 4, of 14
    expect(r.share[0]).toBe(12 / 14);
    expect(r.share.at(-1)).toBe(0);
    // the residual and the drift are the largest over the agents' final holdings (frozen when they left)
    let residual = 0;
    let drift = 0;
    for (let a = 0; a < N; a++) {
      const t = spec.types[typeOf[a]];
      residual = Math.max(residual, Math.abs(t.target[0] - r.holdings[a * L]));
      const value = (x: ArrayLike<number>, o: number) => spec.prices.reduce((s, p, k) => s + p * x[o + k], 0);
      drift = Math.max(drift, Math.abs(value(r.holdings, a * L) - value(t.endowment, 0)));
    }
    expect(r.leaveResidual).toBe(residual);
    expect(r.incomeDrift).toBe(drift);
    expect(r.incomeDrift).toBeLessThan(1e-9);
    expect(r.leaveResidual).toBeLessThan(1e-9);
    expect(r.leaveResidual + r.incomeDrift).toBeGreaterThan(0); // round-off there is, and it is reported
    expect(r.stalled).toBe(false);
  });

  test('maxRounds stops the run: not empty, the active agents still there, incomes measured at the end', () => {
    const r = simulate({ ...spec, maxRounds: 1 }, makeRng('replay'));
    expect(r.rounds).toBe(1);
    expect(r.empty).toBe(false);
    expect(r.active.length).toBe(2);
    expect(r.active[1]).toBe(Array.from(r.leftAt).filter((v) => v === -1).length);
    expect(r.active[1]).toBeGreaterThan(0);
    expect(r.incomeDrift).toBeLessThan(1e-9);
  });
});

test('betaStat is Σ_{k≥1} |f^k − e^k| at an offset, good 0 left out', () => {
  // the agent at offset 3 holds (1, 2.5, 0): |3 − 2.5| + |0.5 − 0|
  expect(betaStat([9, 9, 9, 1, 2.5, 0], 3, [100, 3, 0.5], 3)).toBe(1);
});

test('responderAccepts: a zero trade does not lower income (accepted) unless the responder is at his target', () => {
  expect(responderAccepts([1, 2], [1, 1], [0, 2], [0, 0])).toBe(true);
  expect(responderAccepts([1, 2], [0, 2], [0, 2], [0, 0])).toBe(false);
});

test('unmatched agents cannot leave (Section 5 (5)): with p(1) = 1 agents at their targets stay to maxRounds', () => {
  const spec: SimSpec = { prices: [1, 1], indivisible: [false, false], types: [{ count: 3, endowment: [1, 2], target: [1, 2] }], sizes: [1], tau: 1, maxRounds: 5 };
  const r = simulate(spec, makeRng('unmatched'));
  expect(r.rounds).toBe(5);
  expect(r.empty).toBe(false);
  expect(r.active).toEqual([3, 3, 3, 3, 3, 3]);
  expect(r.stalled).toBe(false); // β = 0 for all: not a stall
});
