/**
 * Mutation-testing gaps of src/models/giraud-rochon/contract.ts (mutation/results/mut-gr.md): the
 * proof of Theorem 1's arbitrage scene rebuilt here step by step from the proof's text, j's
 * arbitrage strategy by the net trades it forces (every k ∉ {i, i_o, j} ends at −ω_k), and a
 * coalition's deviation by the properties `deviate` promises (members' and outsiders' budgets bind,
 * trades with outsiders paid at the outsider's quote, members' trades with each other not paid).
 */
import { describe, expect, test } from 'vitest';
import { Fraction, exactRational } from '../../src/numeric/rational.ts';
import { economy, type Economy } from '../../src/models/giraud-rochon/economy.ts';
import { arbitrage, arbitrageScene, arbitrageThresholds, contractProfile, deviate, type ArbitrageScene } from '../../src/models/giraud-rochon/contract.ts';
import { budgetLhs, netTrade, outcome, type Profile } from '../../src/models/giraud-rochon/outcome.ts';

const F = (n: number, d = 1) => new Fraction(n, d);
const ZERO = F(0);
const str = (xs: readonly Fraction[]) => xs.map((v) => v.toFraction());
const strP = (p: Profile) => ({ quotes: p.quotes.map(str), demands: p.demands.map((row) => row.map(str)) });
const max0 = (q: Fraction) => (q.compare(0) > 0 ? q : ZERO);

// N = 4, L = 3 (two real goods): p* = (76/7, 54/7, 1), x* real (8/7, 9/7), (1/7, 8/7), (11/7, 2/7), (15/7, 23/7)
const e = economy({
  types: [1, 1, 1, 1],
  a: [[[12, 9]], [[11, 10]], [[14, 8]], [[13, 11]]],
  b: [[[1, 1]], [[1, 2]], [[2, 1]], [[1, 1]]],
  omega: [[1, 2, 20], [2, 1, 20], [1, 1, 20], [1, 2, 20]],
  prior: [1],
});
const t = [0, 0, 0, 0];
const zeros = (N: number, L: number) => Array.from({ length: N }, () => Array.from({ length: L }, () => 0));

/** The scene as the proof builds it, written out here: the contract; the others' actions; i_o under-quoting h; j quoting p_j. */
function sceneByHand(ec: Economy, s: ArbitrageScene): Profile {
  const [io, j, i] = s.roles;
  const c = contractProfile(ec, t);
  const quotes = c.quotes.map((q) => [...q]);
  const demands = c.demands.map((row) => row.map((z) => [...z]));
  for (const o of s.others) {
    for (let h = 0; h < ec.L - 1; h++) quotes[o.player][h] = max0(c.quotes[o.player][h].add(exactRational(o.quoteOffset[h])));
    for (let k = 0; k < ec.N; k++) {
      if (k === o.player) continue; // z_i^i is no trade
      for (let g = 0; g < ec.L; g++) demands[o.player][k][g] = demands[o.player][k][g].add(exactRational(o.demand[k][g]));
    }
  }
  quotes[io][s.h] = max0(quotes[i][s.h].sub(exactRational(s.under)));
  for (let h = 0; h < ec.L - 1; h++) quotes[j][h] = exactRational(s.pj[h]);
  return { quotes, demands, endowments: c.endowments };
}

const scenes: { name: string; s: ArbitrageScene; binds: 'W' | 'Y' | 'none' }[] = [
  {
    name: 'Ỹ binds (i_o under-quotes good 1 by 1)',
    s: { roles: [0, 1, 2], h: 0, under: 1, pj: [3, 2], others: [{ player: 0, quoteOffset: [0.5, -0.25], demand: [[7, 7, 7], [1, 0, -2], [0, 0.5, 0], [0.25, 0, 3]] }], extra: 1 },
    binds: 'Y',
  },
  {
    name: 'W binds (j quotes good 2 at 1/256), player 4 acts too',
    s: {
      roles: [3, 1, 0],
      h: 1,
      under: 2,
      pj: [3, 1 / 256],
      others: [
        { player: 3, quoteOffset: [-0.5, 0], demand: [[0, 1, -1], [0.5, 0, 0], [0, 0, 2], [0, 0, 0]] },
        { player: 2, quoteOffset: [1, -100], demand: [[0, -0.5, 0], [0, 0, 1], [1, 1, 1], [0, 0.25, 0]] },
      ],
      extra: 0.25,
    },
    binds: 'W',
  },
  {
    name: 'W, Ỹ < 0: z* = extra (others\' actions found by a seeded search; i_o\'s quote clamped at 0)',
    s: {
      roles: [0, 1, 2],
      h: 0,
      under: 19,
      pj: [24, 2],
      others: [
        { player: 0, quoteOffset: [-39, -26], demand: [[0, 0, 0], [-15, -16, 20], [39, 2, 60], [33, 35, 350]] },
        { player: 3, quoteOffset: [5, 19], demand: [[-33, -28, -20], [35, 12, -380], [-25, 20, 230], [0, 0, 0]] },
      ],
      extra: 1,
    },
    binds: 'none',
  },
];

describe('arbitrageScene: the proof\'s scene built step by step', () => {
  for (const { name, s, binds } of scenes) {
    test(name, () => {
      const [io, j, i] = s.roles;
      const a = sceneByHand(e, s);
      const { W, Y } = arbitrageThresholds(e, a, { io, j, i, h: s.h });
      const got = arbitrageScene(e, t, s);
      expect(got.W.toFraction()).toBe(W.toFraction());
      expect(got.Y.toFraction()).toBe(Y.toFraction());
      // which threshold sets z*, as the case was built
      if (binds === 'W') expect(W.compare(Y) > 0 && W.compare(0) > 0).toBe(true);
      if (binds === 'Y') expect(Y.compare(W) > 0 && Y.compare(0) > 0).toBe(true);
      if (binds === 'none') expect(W.compare(0) < 0 && Y.compare(0) < 0).toBe(true);
      const top = binds === 'W' ? W : binds === 'Y' ? Y : ZERO;
      expect(got.zStar.toFraction()).toBe(top.add(exactRational(s.extra)).toFraction());
      expect(strP(got.profile)).toEqual(strP(arbitrage(e, a, { io, j, i, h: s.h, zStar: got.zStar })));
      // the proof's conclusion at that z*: j solvent, i bankrupt, all of ω̄ to j
      const o = outcome(got.profile, 0);
      expect(o.solvent[j]).toBe(true);
      expect(o.solvent[i]).toBe(false);
      expect(str(o.phi[j])).toEqual(str(e.total));
    });
  }

  test('i_o\'s quote is p*^h − under when positive, 0 (not negative) below', () => {
    const p = arbitrageScene(e, t, scenes[0].s).profile;
    expect(p.quotes[0][0].toFraction()).toBe('69/7'); // 76/7 − 1
    expect(arbitrageScene(e, t, scenes[2].s).profile.quotes[0][0].n).toBe(0n); // 76/7 − 19 < 0
  });
});

describe('arbitrage: j\'s strategy by the net trades it forces', () => {
  test('every k ∉ {i, i_o, j} ends at −ω_k, i at z*e_h − ω_i, i_o at −(z*e_h + ω̄ − ω_j + ω_io), j at 2(ω̄ − ω_j); j\'s own entry untouched', () => {
    const s = scenes[1].s;
    const [io, j, i] = s.roles;
    const a = sceneByHand(e, s);
    const zStar = F(5, 4);
    const p = arbitrage(e, a, { io, j, i, h: s.h, zStar });
    const zh = (g: number) => (g === s.h ? zStar : ZERO);
    for (let k = 0; k < e.N; k++) {
      const want = e.omega[k].map((w, g) => {
        if (k === j) return e.total[g].sub(e.omega[j][g]).mul(2);
        if (k === i) return zh(g).sub(w);
        if (k === io) return zh(g).add(e.total[g]).sub(e.omega[j][g]).add(w).neg();
        return w.neg();
      });
      expect(str(netTrade(p, k)), `player ${k + 1}`).toEqual(str(want));
    }
    expect(str(p.demands[j][j])).toEqual(str(a.demands[j][j]));
  });
});

describe('contractProfile', () => {
  test('no player addresses a demand to itself (z_i^i = 0)', () => {
    const c = contractProfile(e, t);
    for (let i = 0; i < e.N; i++) expect(c.demands[i][i].every((v) => v.n === 0n)).toBe(true);
  });
});

describe('deviate: what it promises', () => {
  // members 1 (settles with 2) and 3 (settles with 4); player 1's good-1 quote clamped at 0
  const members = [
    { player: 0, quoteOffset: [-100, 0.5], real: [[3, 3], [1, -0.5], [0.25, 0.5], [-1, 0]], settle: 1 },
    { player: 2, quoteOffset: [0.25, -0.5], real: [[0.5, 0], [-0.25, 1], [2, 2], [0, 0.75]], settle: 3 },
  ];
  // built inside each test, not when the file is collected: Stryker switches a mutant on per test
  const run = () => ({ c: contractProfile(e, t), p: deviate(e, t, members) });
  const Lr = e.L - 1;

  test('quotes: max(p* + offset, 0) on the real goods, 1 on the numéraire; outsiders keep p*', () => {
    const { c, p } = run();
    expect(str(p.quotes[0])).toEqual(['0', '115/14', '1']);
    expect(str(p.quotes[2])).toEqual(['311/28', '101/14', '1']);
    expect(str(p.quotes[1])).toEqual(str(c.quotes[1]));
    expect(str(p.quotes[3])).toEqual(str(c.quotes[3]));
  });

  test('real demands move by `real`, the own row ignored; no demand to oneself', () => {
    const { c, p } = run();
    for (const m of members)
      for (let k = 0; k < e.N; k++) {
        if (k === m.player) expect(p.demands[k][k].every((v) => v.n === 0n)).toBe(true);
        else for (let h = 0; h < Lr; h++) expect(p.demands[m.player][k][h].toFraction()).toBe(c.demands[m.player][k][h].add(exactRational(m.real[k][h])).toFraction());
      }
  });

  test('members\' trades with each other carry no payment; a trade with an outsider (not the settling partner) is paid at its quote', () => {
    const { c, p } = run();
    expect(p.demands[0][2][Lr].toFraction()).toBe(c.demands[0][2][Lr].toFraction());
    expect(p.demands[2][0][Lr].toFraction()).toBe(c.demands[2][0][Lr].toFraction());
    // member 3 buys (−1/4, 1) from outsider 2 at p*: pays (76/7)(−1/4) + (54/7)(1) = 5 numéraire
    expect(p.demands[2][1][Lr].toFraction()).toBe(c.demands[2][1][Lr].sub(F(5)).toFraction());
  });

  test('budgets: members and outsiders bind, but the first member\'s settling partner, whose left side is the sum of all', () => {
    const { p } = run();
    const b = [0, 1, 2, 3].map((k) => budgetLhs(p, k));
    expect([b[0], b[2], b[3]].map((v) => v.toFraction())).toEqual(['0', '0', '0']);
    // Σ_k budget_k = Σ_{a<b} (p_b − p_a)·(z_b^a − z_a^b), from the definition
    let total = ZERO;
    for (let x = 0; x < e.N; x++)
      for (let y = x + 1; y < e.N; y++)
        for (let g = 0; g < e.L; g++) total = total.add(p.quotes[y][g].sub(p.quotes[x][g]).mul(p.demands[x][y][g].sub(p.demands[y][x][g])));
    expect(b[1].toFraction()).toBe(total.toFraction());
    expect(b[1].n).not.toBe(0n);
  });

  test('a member settling with another member is refused, naming the player from 1', () => {
    const bad = [
      { player: 0, quoteOffset: [0, 0], real: zeros(4, 2), settle: 2 },
      { player: 2, quoteOffset: [0, 0], real: zeros(4, 2), settle: 1 },
    ];
    expect(() => deviate(e, t, bad)).toThrow('deviate: player 1 must settle with a player outside the coalition');
  });
});
