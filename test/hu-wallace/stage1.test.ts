/**
 * Hu & Wallace (2012), Section 3.2 (stage1.ts): α* against closed forms it does not use (Cobb–Douglas shares,
 * the price-taking demand of two-goods.ts at p_1), the intervals of (6) and the reading (7) at their ends,
 * σ* of (8), and Claim 1's ϵ on the catalogue's three-type economy.
 */
import { expect, test } from 'vitest';
import { demand, type TwoGoodUtility } from '../../src/economy/two-goods.ts';
import type { HwEconomy } from '../../src/models/hu-wallace/economy.ts';
import { alphaStar, alphaStarQ1, believedConfiguration, claim1Epsilon, G, inactiveLoss, interval, L, offerOfQ1, q1, readType, solveStage1, tau } from '../../src/models/hu-wallace/stage1.ts';

function econ(endowment: { q: number; r: number }, prior: number[], likelihood: number[][], utility: TwoGoodUtility[][]): HwEconomy {
  return {
    endowment,
    epsilon: { q: 0.01, r: 0.01 },
    states: prior.map((p, z) => ({ name: `z${z}`, prior: p })),
    types: likelihood.map((l, x) => ({ name: `x${x}`, likelihood: l, utility: utility[x] })),
  };
}

const three = econ({ q: 1, r: 1 }, [1], [[1 / 3], [1 / 3], [1 / 3]], [[{ kind: 'log', a: 3, b: 1 }], [{ kind: 'log', a: 1.5, b: 1 }], [{ kind: 'log', a: 0.5, b: 1 }]]);

test('log utilities: q_1(α*) is the Cobb–Douglas share a/(a+b) of the wealth at p_1, in q (one state)', () => {
  const e = econ({ q: 0.7, r: 2.3 }, [1], [[0.4], [0.6]], [[{ kind: 'log', a: 3, b: 1 }], [{ kind: 'log', a: 0.5, b: 2 }]]);
  const wealthInQ = 2 * 0.7; // p_1 q̄ + r̄ = 2 r̄, in units of q: 2 q̄
  expect(alphaStarQ1(e, 0)).toBeCloseTo((3 / 4) * wealthInQ, 14);
  expect(alphaStarQ1(e, 1)).toBeCloseTo((0.5 / 2.5) * wealthInQ, 14);
  // a > b buys q: it offers r; the other sells q
  expect(alphaStar(e, 0).q).toBe(0);
  expect(alphaStar(e, 0).r).toBeGreaterThan(0);
  expect(alphaStar(e, 1).r).toBe(0);
});

test('two states, log: the τ-weighted coefficients A = Σ τ a_z, B = Σ τ b_z give the share (τ ∝ κ μ_z(x))', () => {
  const e = econ({ q: 1, r: 1 }, [0.3, 0.7], [[0.2, 0.6], [0.8, 0.4]], [
    [{ kind: 'log', a: 1, b: 2 }, { kind: 'log', a: 4, b: 1 }],
    [{ kind: 'log', a: 2, b: 2 }, { kind: 'log', a: 1, b: 3 }],
  ]);
  for (const x of [0, 1]) {
    const w0 = 0.3 * e.types[x].likelihood[0];
    const w1 = 0.7 * e.types[x].likelihood[1];
    const t = [w0 / (w0 + w1), w1 / (w0 + w1)];
    expect(tau(e, x)[0]).toBeCloseTo(t[0], 15);
    const A = t[0] * (e.types[x].utility[0] as { a: number }).a + t[1] * (e.types[x].utility[1] as { a: number }).a;
    const B = t[0] * (e.types[x].utility[0] as { b: number }).b + t[1] * (e.types[x].utility[1] as { b: number }).b;
    expect(alphaStarQ1(e, x)).toBeCloseTo((2 * A) / (A + B), 14);
  }
});

test('CES (σ = 0.3 and 3), one state: q_1(α*) is the price-taking demand at p_1 (two-goods.ts closed form)', () => {
  for (const sigma of [0.3, 3]) {
    const u: TwoGoodUtility = { kind: 'ces', a: 1.7, b: 0.6, sigma };
    const e = econ({ q: 1.5, r: 0.8 }, [1], [[0.5], [0.5]], [[u], [{ kind: 'log', a: 1, b: 1 }]]);
    const p1 = 0.8 / 1.5;
    const d = demand(u, p1, p1 * 1.5 + 0.8);
    expect(alphaStarQ1(e, 0) / d.q - 1).toBeLessThan(1e-12);
    expect(d.q / alphaStarQ1(e, 0) - 1).toBeLessThan(1e-12);
  }
});

test('G in offer coordinates equals L on the p_1 budget line, on both branches of O', () => {
  const t = tau(three, 1);
  for (const q of [0.1, 0.6, 1, 1.4, 1.9]) expect(G(three, 1, offerOfQ1(three, q), t)).toBeCloseTo(L(three, 1, q, t), 14);
  expect(q1(three, { q: 0.25, r: 0 })).toBe(0.75);
  expect(q1(three, { q: 0, r: 0.25 })).toBe(1.25);
});

test('intervals (6): ordered by q_1(α*), cut at midpoints, left-closed; the last one closed at 2q̄', () => {
  const s = solveStage1(three);
  // a = 3, 1.5, 0.5 (b = 1): q_1 = 2a/(a+1) = 1.5, 1.2, 2/3
  expect(s.order).toEqual([2, 1, 0]);
  expect(s.cuts[0]).toBeCloseTo((2 / 3 + 1.2) / 2, 14);
  expect(s.cuts[1]).toBeCloseTo((1.2 + 1.5) / 2, 14);
  expect(readType(s, 0)).toBe(2);
  expect(readType(s, s.cuts[0])).toBe(1);
  expect(readType(s, s.cuts[1])).toBe(0);
  expect(readType(s, 2)).toBe(0);
  expect(interval(three, s, 0)).toEqual({ lo: s.cuts[1], hi: 2, hiClosed: true });
  expect(s.margin).toBeCloseTo(0.3, 14);
});

test('σ* of (8): others read by (7) plus oneself; a defector into I(x\') is counted as x\'', () => {
  const s = solveStage1(three);
  const others = [
    { offer: s.alpha[0], count: 4 },
    { offer: s.alpha[1], count: 2 },
    { offer: s.alpha[2], count: 5 },
    { offer: offerOfQ1(three, 0.05), count: 1 }, // deep inside I(x_3)
  ];
  expect(believedConfiguration(three, s, 1, others)).toEqual([4, 3, 6]);
});

test('Claim 1 on the catalogue economy: ϵ > 0 and every offer outside I(x) loses at least 2ϵ', () => {
  const s = solveStage1(three);
  const { epsilon, delta } = claim1Epsilon(three, s);
  expect(delta).toBeCloseTo(0.15, 14);
  expect(epsilon).toBeGreaterThan(0);
  for (let x = 0; x < 3; x++) for (let y = 0; y < 3; y++) if (x !== y) expect(inactiveLoss(three, s, x, y)).toBeGreaterThanOrEqual(2 * epsilon);
});
