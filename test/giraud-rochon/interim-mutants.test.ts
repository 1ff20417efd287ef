/**
 * Mutation-testing gaps of src/models/giraud-rochon/interim.ts (mutation/results/mut-gr.md): ex post
 * feasibility and interim dominance next to each of their tests, with two real goods; the first-order
 * conditions' corner test; Lemma 2's shortfall against a value derived here (an IC interim-efficient
 * allocation with c more numéraire to everyone is missed by exactly c: sum the dominance rows with
 * the prior's weights, Σ_i E[τ_i] = 0); the τ of the dominance LP checked by direct interim utilities;
 * and the undecided branches with solvers that cannot certify.
 */
import { describe, expect, test } from 'vitest';
import { Fraction } from '../../src/numeric/rational.ts';
import { economy, profiles, type EconomySpec } from '../../src/models/giraud-rochon/economy.ts';
import { balancedTransfersWith, efficientRule, type RealRule } from '../../src/models/giraud-rochon/compatibility.ts';
import {
  dominanceShortfallWith, dominatedWith, dominates, feasible, icSlacks, interimUtilities, realPartEfficientAt, searchImprovement, searchImprovementWith, strictTransfersWith,
  type Allocation,
} from '../../src/models/giraud-rochon/interim.ts';
import { lpSolver, type LinearProgram, type LpOptions, type LpResult } from '../../src/numeric/lp.ts';
import { F, type Solver } from './helpers.ts';

const solver: Solver = await lpSolver();
const ZERO = F(0);

const two: EconomySpec = { types: [2, 2], a: [[[3], [3]], [[3], [5]]], b: [[[1], [1]], [[1], [1]]], omega: [[1, 1], [1, 1]], prior: [1, 1, 1, 2] };
// two real goods (L = 3): ω̄ = (2, 2, 2)
const twoGoods: EconomySpec = { types: [2, 2], a: [[[3, 4], [3, 5]], [[3, 4], [5, 3]]], b: [[[1, 1], [1, 1]], [[1, 1], [1, 1]]], omega: [[1, 1, 1], [1, 1, 1]], prior: [1, 1, 1, 2] };

describe('feasible, with two real goods', () => {
  const e = economy(twoGoods);
  const P = profiles(e.types).length;
  const alloc = (real: [number, number][], num: [number, number] = [1, 1]): Allocation => ({
    real: Array.from({ length: P }, () => real.map((b) => b.map((v) => new Fraction(v)))),
    num: Array.from({ length: P }, () => num.map((v) => new Fraction(v))),
  });
  test('each condition alone refuses: a negative bundle, the second good not used up, the numéraire not summing', () => {
    expect(feasible(e, alloc([[1, 0.5], [1, 1.5]]))).toBe(true);
    expect(feasible(e, alloc([[3, 0.5], [-1, 1.5]]))).toBe(false); // sums hold, one entry < 0
    expect(feasible(e, alloc([[1, 0.5], [1, 1]]))).toBe(false); // good 2 sums to 3/2, not 2
    expect(feasible(e, alloc([[1, 0.5], [1, 1.5]], [1, 2]))).toBe(false);
    // a single profile off: every profile is checked
    const x = alloc([[1, 0.5], [1, 1.5]]);
    x.real[P - 1][0][1] = F(1);
    expect(feasible(e, x)).toBe(false);
  });
});

describe('dominates: every type weakly, one strictly (Definition 1)', () => {
  test('itself: no; one type strictly better: yes; one type better and another worse: no', () => {
    const e = economy(two);
    const P = profiles(e.types).length;
    const real: RealRule = profiles(e.types).map(() => [[F(1)], [F(1)]]);
    const x: Allocation = { real, num: Array.from({ length: P }, () => [F(1), F(1)]) };
    expect(dominates(e, x, x)).toBe(false);
    // agent 2 gets 1/2 more numéraire at profile (0, 0) only: its type 0 is strictly better off
    const better: Allocation = { real, num: x.num.map((r, k) => (k === 0 ? [F(1, 2), F(3, 2)] : r)) };
    expect(interimUtilities(e, better)[1][0].compare(interimUtilities(e, x)[1][0])).toBe(1);
    expect(dominates(e, { real, num: x.num.map((r, k) => (k === 0 ? [F(1), F(3, 2)] : r)) }, x)).toBe(true);
    // … at agent 1's expense (its type 0 loses): not a domination
    expect(dominates(e, better, x)).toBe(false);
    expect(dominates(e, x, better)).toBe(false);
  });
});

describe('realPartEfficientAt: the corners', () => {
  test('a non-holder whose marginal utility exceeds the holders\' λ: not efficient; a bundle not using the good up: not efficient', () => {
    const e = economy(two);
    // profile (0, 1): a = (3, 5), b = 1, ω̄ = 2: efficient (0, 2) with λ = 3 (agent 1 at its corner, μ_1 = 3 ≤ λ)
    expect(realPartEfficientAt(e, [0, 1], [[F(0)], [F(2)]])).toBe(true);
    // (2, 0): agent 2 holds nothing with μ_2 = 5 > λ = μ_1 = 1
    expect(realPartEfficientAt(e, [0, 1], [[F(2)], [F(0)]])).toBe(false);
    expect(realPartEfficientAt(e, [0, 1], [[F(0)], [F(1)]])).toBe(false);
  });

  test('a good nobody holds (ω̄^h = 0) has nothing to share', () => {
    const e = economy({ ...twoGoods, omega: [[1, 0, 1], [1, 0, 1]] });
    expect(realPartEfficientAt(e, [0, 0], [[F(1), F(0)], [F(1), F(0)]])).toBe(true);
  });
});

describe('Lemma 2\'s shortfall, by the summed dominance rows', () => {
  test('an IC interim-efficient allocation with c = 1/3 more numéraire to everyone: shortfall exactly c, not dominated; without c, dominated by a τ that checks', () => {
    const e = economy(two);
    const star = efficientRule(e);
    const bal = balancedTransfersWith(solver, e, star);
    expect(bal.status).toBe('feasible');
    const base: Allocation = { real: star, num: bal.theta!.map((row) => row.map((v, i) => e.omega[i][e.L - 1].add(v))) };
    const c = F(1, 3);
    const richer: Allocation = { real: star, num: base.num.map((row) => row.map((v) => v.add(c))) };
    const s = dominanceShortfallWith(solver, e, richer, star);
    expect(s.status).toBe('optimal');
    expect(s.shortfall!.map((v) => v.toFraction())).toEqual(['1/3', '1/3']);
    expect(dominatedWith(solver, e, richer, star).status).toBe('not dominated');
    // the τ found for `base`: (star, ω^L + τ) is balanced, BIC and weakly dominates base, by Definition 1 directly
    const d = dominatedWith(solver, e, base, star);
    expect(d.status).toBe('dominated');
    const y: Allocation = { real: star, num: d.tau!.map((row) => row.map((v, i) => e.omega[i][e.L - 1].add(v))) };
    d.tau!.forEach((row) => expect(row.reduce((a, v) => a.add(v), ZERO).n).toBe(0n));
    expect(icSlacks(e, y).every((v) => v.compare(0) >= 0)).toBe(true);
    const uy = interimUtilities(e, y);
    interimUtilities(e, base).forEach((row, i) => row.forEach((u, t) => expect(uy[i][t].compare(u)).toBeGreaterThanOrEqual(0)));
  });
});

describe('the improvement', () => {
  test('has the L − 1 real goods in every bundle (two real goods), and the async entry point agrees', async () => {
    const e = economy(twoGoods);
    const P = profiles(e.types).length;
    const x: Allocation = { real: Array.from({ length: P }, () => [[F(2), F(2)], [F(0), F(0)]]), num: Array.from({ length: P }, () => [F(1), F(1)]) };
    const r = searchImprovementWith(solver, e, x, [efficientRule(e)]);
    expect(r.verdict).toBe('improvable');
    r.improvement!.real.forEach((row) => row.forEach((b) => expect(b).toHaveLength(2)));
    expect(feasible(e, r.improvement!)).toBe(true);
    expect((await searchImprovement(e, x, [efficientRule(e)])).gain).toEqual(r.gain);
  });
});

/** A solver whose answers pass through `f`. */
const through = (f: (r: LpResult) => LpResult): Solver => ({ solve: (p: LinearProgram, o?: LpOptions) => f(solver.solve(p, o)) });
const uncertified = through((r) => ({ ...r, certified: false, certificate: undefined, why: undefined, solverStatus: 'Time limit reached' }));

describe('undecided: the solver cannot certify', () => {
  const e = economy(two);
  const star = () => efficientRule(e);
  const x = (): Allocation => ({ real: star(), num: profiles(e.types).map(() => [F(1), F(1)]) });

  test('every LP of the module says so, with the solver\'s status', () => {
    expect(searchImprovementWith(uncertified, e, x(), [])).toEqual({ verdict: 'undecided', why: 'LP optimal: Time limit reached' });
    expect(strictTransfersWith(uncertified, e, star())).toEqual({ status: 'undecided', why: 'LP optimal: Time limit reached' });
    const d = dominatedWith(uncertified, e, x(), star());
    expect([d.status, d.why, d.tau, d.farkas]).toEqual(['undecided', `LP ${solver.solve(d.lp).status}: Time limit reached`, undefined, undefined]);
    expect(dominanceShortfallWith(uncertified, e, x(), star())).toEqual({ status: 'undecided', why: 'LP optimal: Time limit reached' });
    const inf = through((r) => ({ ...r, status: 'infeasible', certified: false, certificate: undefined, why: 'no Farkas vector' }));
    expect(dominatedWith(inf, e, x(), star()).why).toBe('LP infeasible: no Farkas vector');
  });

  test('an improvement whose certified interval straddles 0 is undecided', () => {
    const straddle = through((r) => (r.certified ? { ...r, certificate: { ...r.certificate!, lower: '-1000', upper: '1000' } as LpResult['certificate'] } : r));
    const r = searchImprovementWith(straddle, e, x(), []);
    expect(r.verdict).toBe('undecided');
    expect(r.why).toMatch(/^total gain in \[/);
    // x efficient: the true optimum is the base (gain 0); an upper end moved up leaves [0, 1]: still undecided
    const upper = through((q) => (q.certified ? { ...q, certificate: { ...q.certificate!, upper: new Fraction((q.certificate as { upper: string }).upper).add(1).toFraction() } as LpResult['certificate'] } : q));
    const u = searchImprovementWith(upper, e, x(), []);
    expect(u.gain).toEqual(['0', '1']);
    expect(u.verdict).toBe('undecided');
  });
});
