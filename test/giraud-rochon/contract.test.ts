/**
 * The proof of Theorem 1's contract, deviations from it and the arbitrage strategy
 * (src/models/giraud-rochon/contract.ts) against hand-worked values and closed forms derived
 * here, not by the module's route.
 */
import { describe, expect, test } from 'vitest';
import { Fraction } from '../../src/numeric/rational.ts';
import { economy, type EconomySpec } from '../../src/models/giraud-rochon/economy.ts';
import { arbitrage, arbitrageThresholds, contractProfile, deviate, gains, utility, walrasian } from '../../src/models/giraud-rochon/contract.ts';
import { netTrade, outcome, type Profile } from '../../src/models/giraud-rochon/outcome.ts';

const spec: EconomySpec = {
  types: [2, 2, 2],
  a: [[[10], [12]], [[11], [9]], [[14], [13]]],
  b: [[[1], [2]], [[1], [1]], [[2], [1]]],
  omega: [[1, 20], [2, 20], [1, 20]],
  prior: [1, 1, 1, 1, 1, 1, 1, 1],
};
const e = economy(spec);
const t = [0, 0, 0];
const str = (xs: readonly Fraction[]) => xs.map((v) => v.toFraction());
const F = (n: number, d = 1) => new Fraction(n, d);

describe('the contract', () => {
  test('hand-worked: λ = 48/5, x* real (2/5, 7/5, 11/5), numéraire from p*·x* = p*·ω', () => {
    const { p, x } = walrasian(e, t);
    expect(str(p)).toEqual(['48/5', '1']);
    // x_1^L = 20 + (48/5)(1 − 2/5) = 20 + 144/25; x_2^L = 20 + (48/5)(2 − 7/5); x_3^L = 20 + (48/5)(1 − 11/5)
    expect(x.map((r) => r[1].toFraction())).toEqual(['644/25', '644/25', '212/25']);
  });

  test('every player solvent, budgets binding, φ = x* exactly', () => {
    const o = outcome(contractProfile(e, t), 0);
    expect(o.solvent).toEqual([true, true, true]);
    expect(o.budget.every((b) => b.n === 0n)).toBe(true);
    expect(o.phi.map(str)).toEqual(walrasian(e, t).x.map(str));
  });

  test('the divisor N, not N − 1: each net trade is x_i* − ω_i (with N − 1 it would be N/(N − 1) times that)', () => {
    const p = contractProfile(e, t);
    const { x } = walrasian(e, t);
    for (let i = 0; i < 3; i++) expect(str(netTrade(p, i))).toEqual(str(x[i].map((v, h) => v.sub(e.omega[i][h]))));
    const wrong: Profile = { ...p, demands: p.demands.map((row) => row.map((z) => z.map((v) => v.mul(3).div(2)))) };
    expect(str(netTrade(wrong, 0))).toEqual(str(x[0].map((v, h) => v.sub(e.omega[0][h]).mul(3).div(2))));
  });
});

describe('deviations', () => {
  test('a unilateral short sale at p*: the seller stays solvent, proj_F lifts it to 0, and it gains', () => {
    // player 1 holds 2/5 of the good and sells 1 to each of players 2 and 3 at p* = 48/5
    const p = deviate(e, t, [{ player: 0, quoteOffset: [0], real: [[0], [-1], [-1]], settle: 1 }]);
    const { gain, outcome: o } = gains(e, t, p);
    expect(o.solvent).toEqual([true, true, true]);
    expect(o.phi[0][0].n).toBe(0n);
    // numéraire before proj_F: 644/25 + 96/5, 644/25 − 48/5, 212/25 − 48/5 < 0; the two positive
    // ones exceed Σe^L = 60 by 28/25, shared: θ_L = 14/25
    expect(o.theta[0].compare(0)).toBeGreaterThan(0);
    expect(o.theta[1].toFraction()).toBe('14/25');
    const numeraire = F(644, 25).add(F(96, 5)).sub(F(14, 25));
    expect(o.phi[0][1].toFraction()).toBe(numeraire.toFraction());
    // gain = u(0, that) − u(2/5, 644/25) = that − 644/25 − (10·2/5 − (2/5)²/2)
    expect(gain[0].toFraction()).toBe(numeraire.sub(F(644, 25)).sub(F(4)).add(F(2, 25)).toFraction());
    expect(gain[0].compare(0)).toBeGreaterThan(0);
  });

  test('a small trade at p* without a short sale loses (second order only)', () => {
    const p = deviate(e, t, [{ player: 0, quoteOffset: [0], real: [[0], [0.25], [0]], settle: 1 }]);
    const { gain } = gains(e, t, p);
    // buying 1/4 at λ = marginal utility: loss b·(1/4)²/2 = 1/32
    expect(gain[0].toFraction()).toBe('-1/32');
  });

  test('a pair changing only its quotes: gain_i = (p_j − p*)·(d_j − d_i)/N, paid by the settling outsider', () => {
    // budget (1) of i values its contract trade with j, (d_i − d_j)/N, at p_j: moving p_j by δ moves i's budget by δ·(d_i − d_j)/N
    const { x } = walrasian(e, t);
    const d = x.map((r, i) => r.map((v, h) => v.sub(e.omega[i][h])));
    // d = (−3/5, −3/5, 6/5): the pair {1, 3} trades (d_1 − d_3)/3 = −3/5 with each other under the contract
    const p = deviate(e, t, [
      { player: 0, quoteOffset: [-0.25], real: [[0], [0], [0]], settle: 1 },
      { player: 2, quoteOffset: [0.5], real: [[0], [0], [0]], settle: 1 },
    ]);
    const { gain, outcome: o } = gains(e, t, p);
    expect(o.solvent).toEqual([true, true, true]);
    expect(gain[0].toFraction()).toBe(F(1, 2).mul(d[2][0].sub(d[0][0])).div(3).toFraction()); // 3/10
    expect(gain[2].toFraction()).toBe(F(-1, 4).mul(d[0][0].sub(d[2][0])).div(3).toFraction()); // 3/20
    expect(gain[1].toFraction()).toBe(gain[0].add(gain[2]).neg().toFraction());
  });

  test('utility is v plus the numéraire', () => {
    expect(utility(e, 0, 0, [F(2), F(3)]).toFraction()).toBe('21'); // 10·2 − 2²/2 + 3
  });

  test('a coalition member may not settle with a member', () => {
    expect(() => deviate(e, t, [{ player: 0, quoteOffset: [0], real: [[0], [0], [0]], settle: 0 }])).toThrow(/outside the coalition/);
  });
});

describe('the arbitrage step of the proof', () => {
  // N = 4: i_o = player 1 under-quotes, j = player 2 arbitrages, i = player 3 quotes p*
  const spec4: EconomySpec = {
    types: [1, 1, 1, 1],
    a: [[[12]], [[11]], [[14]], [[13]]],
    b: [[[1]], [[1]], [[2]], [[1]]],
    omega: [[1, 20], [2, 20], [1, 20], [1, 20]],
    prior: [1],
  };
  const e4 = economy(spec4);
  const t4 = [0, 0, 0, 0];
  const base = contractProfile(e4, t4);
  const quotes = base.quotes.map((q) => [...q]);
  quotes[0][0] = quotes[0][0].sub(1); // i_o under-quotes good 1
  quotes[1][0] = F(3); // j quotes something > 0
  const a: Profile = { ...base, quotes };
  const r = { io: 0, j: 1, i: 2, h: 0 };

  test('above the thresholds: j solvent, i bankrupt, ψ_j = 2(ω̄ − ω_j), φ_j = ω̄ and everyone else 0', () => {
    const { W, Y } = arbitrageThresholds(e4, a, r);
    const zStar = (W.compare(Y) > 0 ? W : Y).add(1);
    const o = outcome(arbitrage(e4, a, { ...r, zStar }), 0);
    expect(o.solvent[1]).toBe(true);
    expect(o.solvent[2]).toBe(false);
    expect(str(o.psi[1])).toEqual(str(e4.total.map((v, h) => v.sub(e4.omega[1][h]).mul(2))));
    expect(str(o.phi[1])).toEqual(str(e4.total));
    for (const k of [0, 2, 3]) expect(o.phi[k].every((v) => v.n === 0n)).toBe(true);
  });

  test('the thresholds are exact: i bankrupt exactly above W, j solvent exactly from Y on', () => {
    const { W, Y } = arbitrageThresholds(e4, a, r);
    const eps = F(1, 1000);
    const at = (z: Fraction) => outcome(arbitrage(e4, a, { ...r, zStar: z }), 0).solvent;
    expect(at(W)[2]).toBe(true);
    expect(at(W.add(eps))[2]).toBe(false);
    expect(at(Y)[1]).toBe(true);
    expect(at(Y.sub(eps))[1]).toBe(false);
  });
});

describe('relabelling a deviation case (the shrink puts the coalition first)', () => {
  test('agents, prior, state and deviation move together: every payoff change follows its agent', async () => {
    const { permuteDeviationCase } = await import('../../properties/giraud-rochon/contract-cases.ts');
    const { profiles } = await import('../../src/models/giraud-rochon/economy.ts');
    const c = {
      economy: { ...spec, omega: [[1, 30], [2, 30], [1, 30]], prior: [1, 2, 3, 4, 5, 6, 7, 8] },
      state: 3,
      deviation: [
        { player: 2, quoteOffset: [0.5], real: [[0.25], [0], [0]], settle: 1 },
        { player: 0, quoteOffset: [-0.25], real: [[0], [0], [0.5]], settle: 1 },
      ],
    };
    const payoffs = (x: typeof c) => {
      const ee = economy(x.economy);
      const tt = profiles(ee.types)[x.state];
      return gains(ee, tt, deviate(ee, tt, x.deviation)).gain.map((v) => v.toFraction());
    };
    const perm = [2, 0, 1];
    const p = permuteDeviationCase(c, perm);
    const before = payoffs(c);
    expect(payoffs(p)).toEqual(perm.map((k) => before[k]));
    // the prior follows: new profile (t'_1, t'_2, t'_3) is old (t'_2, t'_3, t'_1)
    expect(p.economy.prior).toEqual([1, 3, 5, 7, 2, 4, 6, 8]);
    expect(p.deviation.map((m) => m.player)).toEqual([0, 1]);
  });
});

describe('eval gr.contract', () => {
  const req = { a: [[10], [11], [14]], b: [[1], [1], [2]], omega: [[1, 20], [2, 20], [1, 20]] };

  test('the hand-worked state: p* = (48/5, 1), φ = x*, budgets binding', async () => {
    const { grContract } = await import('../../src/models/giraud-rochon/eval-contract.ts');
    const r = grContract.evaluate(req) as { prices: number[]; xStar: number[][]; solvent: boolean[]; budget: number[]; phiIsXStar: boolean };
    expect(r.prices).toEqual([9.6, 1]);
    expect(r.xStar.map((x) => x[0])).toEqual([0.4, 1.4, 2.2]);
    expect(r.solvent).toEqual([true, true, true]);
    expect(r.budget).toEqual([0, 0, 0]);
    expect(r.phiIsXStar).toBe(true);
  });

  test('bad input names the field in one line', async () => {
    const { grContract } = await import('../../src/models/giraud-rochon/eval-contract.ts');
    const { InputError } = await import('../../src/errors.ts');
    const cases: [Record<string, unknown>, string][] = [
      [{ a: [[10], [11]] }, 'a'],
      [{ b: [[1], [0], [2]] }, 'b[1][0]'],
      [{ a: [[10], [11], [1]] }, 'a[2][0]'],
      [{ omega: [[1, 20], [2, 20], [0, 0]] }, 'omega[2]'],
      [{ omega: [[1], [2], [1]] }, 'omega[0]'],
      [{ extra: 1 }, ''],
    ];
    for (const [patch, field] of cases) {
      let err: unknown;
      try {
        grContract.evaluate({ ...req, ...patch });
      } catch (e) {
        err = e;
      }
      expect(err, JSON.stringify(patch)).toBeInstanceOf(InputError);
      if (field) expect((err as InstanceType<typeof InputError>).field).toBe(field);
      expect((err as Error).message).not.toContain('\n');
    }
  });
});
