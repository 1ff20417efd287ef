/**
 * Mutation-testing gaps of src/models/giraud-rochon/compatibility.ts (mutation/results/mut-gr.md):
 * the condition's residuals against the transpose of B (the module comment's κ = (Bᵀλ)_{i,t}, a
 * different derivation from the paper's equation), three types (where a profile with t_i neither
 * the type nor the report exists), violatesCondition next to each of its tests, the condition's own
 * LP against the primal's Farkas pair, v̂ against interim.ts's incentive slacks, and the undecided
 * branches with solvers that cannot certify.
 */
import { describe, expect, test } from 'vitest';
import { Fraction } from '../../src/numeric/rational.ts';
import { economy, profiles, type EconomySpec } from '../../src/models/giraud-rochon/economy.ts';
import {
  balancedTransfers, balancedTransfersWith, compatibility, compatibilityWith, conditionFormWith, conditionLp, conditionResiduals, efficientRule, incentiveRow, lyingGains,
  spanningDirections, typeSpace, violatesCondition, type ConditionPair, type RealRule,
} from '../../src/models/giraud-rochon/compatibility.ts';
import { icSlacks } from '../../src/models/giraud-rochon/interim.ts';
import { lpSolver, type LinearProgram, type LpOptions, type LpResult } from '../../src/numeric/lp.ts';
import { F, type Solver } from './helpers.ts';

const solver: Solver = await lpSolver();

const ZERO = F(0);
/** Agent 1 with three types, agent 2 with two; the prior's weights over (t1, t2) lexicographic. */
const threeTwo = (prior: number[]): EconomySpec => ({ types: [3, 2], a: [[[3], [4], [5]], [[3], [5]]], b: [[[1], [1], [1]], [[1], [1]]], omega: [[1, 1], [1, 1]], prior });

/** (Bᵀλ)_{i,t} − κ(t) for every i and t (agent-major, as conditionResiduals lists them), from incentiveRow. */
function viaTranspose(e: ReturnType<typeof economy>, p: ConditionPair): Fraction[] {
  const S = typeSpace(e);
  const bt = Array.from({ length: e.N * S.P }, () => ZERO);
  S.ics.forEach((ic, r) => {
    for (const [c, v] of incentiveRow(S, ic)) bt[c] = bt[c].add(v.mul(p.lambda[r]));
  });
  return bt.map((v, c) => v.sub(p.kappa[c % S.P]));
}

describe('the repaired condition\'s residuals are (Bᵀλ)_{i,t} − κ(t)', () => {
  test('three types and two, a correlated prior, λ and κ with no structure', () => {
    const e = economy(threeTwo([1, 2, 3, 1, 1, 4]));
    const S = typeSpace(e);
    const p = { kappa: S.ps.map((_, k) => F(k * k - 3, 7)), lambda: S.ics.map((_, r) => F(r + 1, r % 3 + 2)) };
    expect(conditionResiduals(e, S, p).map((v) => v.toFraction())).toEqual(viaTranspose(e, p).map((v) => v.toFraction()));
  });
});

describe('violatesCondition', () => {
  const pairOf = (prior: number[]) => {
    const e = economy(threeTwo(prior));
    const r = compatibilityWith(solver, e);
    expect(r.verdict).toBe('fails');
    return { e, S: typeSpace(e), p: r.pair! };
  };

  test('the primal\'s Farkas pair violates the repaired condition, not the printed one (the default is the repaired)', () => {
    const { e, S, p } = pairOf([1, 1, 4, 2, 1, 2]);
    expect(p.lambda.some((l) => l.n === 0n)).toBe(true); // λ ≥ 0 with zeros: "≥", not "> 0"
    expect(violatesCondition(e, S, p)).toBe(true);
    expect(violatesCondition(e, S, p, true)).toBe(false);
  });

  test('κ with zero entries (not all) still violates', () => {
    const { e, S, p } = pairOf([1, 1, 1, 2, 2, 1]);
    expect(p.kappa.some((k) => k.n === 0n)).toBe(true);
    expect(violatesCondition(e, S, p)).toBe(true);
  });

  test('refused: λ < 0 (the pair negated, its residuals still 0), κ = 0 = λ, one κ entry moved', () => {
    const { e, S, p } = pairOf([1, 1, 4, 2, 1, 2]);
    const neg = { kappa: p.kappa.map((v) => v.neg()), lambda: p.lambda.map((v) => v.neg()) };
    expect(conditionResiduals(e, S, neg).every((r) => r.n === 0n)).toBe(true);
    expect(violatesCondition(e, S, neg)).toBe(false);
    expect(violatesCondition(e, S, { kappa: p.kappa.map(() => ZERO), lambda: p.lambda.map(() => ZERO) })).toBe(false);
    const moved = { kappa: p.kappa.map((v, k) => (k === 0 ? v.add(1) : v)), lambda: p.lambda };
    const res = conditionResiduals(e, S, moved);
    expect(res.some((r) => r.n === 0n) && res.some((r) => r.n !== 0n)).toBe(true);
    expect(violatesCondition(e, S, moved)).toBe(false);
  });
});

describe('the condition\'s own LP', () => {
  test('the Farkas pair scaled to Σλ = 1 satisfies every equation row of conditionLp (the repaired by default), not the printed form\'s', () => {
    const e = economy(threeTwo([1, 1, 4, 2, 1, 2]));
    const S = typeSpace(e);
    const r = compatibilityWith(solver, e);
    const p = r.pair!;
    const sum = p.lambda.reduce((s, v) => s.add(v), ZERO);
    const x = [...p.kappa, ...p.lambda].map((v) => v.div(sum));
    const d = spanningDirections(S.P)[r.direction!];
    const rowsZero = (lp: LinearProgram) =>
      (lp.A as string[][]).slice(0, -1).map((row) => row.reduce((s, a, j) => s.add(new Fraction(a).mul(x[j])), ZERO).n === 0n);
    expect(rowsZero(conditionLp(e, S, d)).every(Boolean)).toBe(true);
    expect(rowsZero(conditionLp(e, S, d, true)).every(Boolean)).toBe(false);
    // its objective −d·κ is positive: the direction is not absorbed
    const obj = d.reduce((s, v, k) => s.sub(v.mul(x[k])), ZERO);
    expect(obj.compare(0)).toBeGreaterThan(0);
  });

  test('the condition\'s form agrees with the primal on three types, fails and holds', () => {
    const fails = economy(threeTwo([1, 1, 4, 2, 1, 2]));
    expect(conditionFormWith(solver, fails).verdict).toBe('fails');
    const indep = economy(threeTwo([2, 6, 1, 3, 4, 12])); // (2, 1, 4) × (1, 3)
    expect(compatibilityWith(solver, indep).verdict).toBe('holds');
    expect(conditionFormWith(solver, indep).verdict).toBe('holds');
  });
});

describe('v̂ of Appendix 6.1 is minus the incentive slack with no transfers (interim.ts, from Definition 1)', () => {
  test('three types, a rule that is not efficient', () => {
    const e = economy(threeTwo([1, 2, 3, 1, 1, 4]));
    const S = typeSpace(e);
    const rule: RealRule = profiles(e.types).map((t) => [[F(t[0] + t[1], 3)], [F(2).sub(F(t[0] + t[1], 3))]]);
    const num = S.ps.map(() => [ZERO, ZERO]);
    expect(lyingGains(e, S, rule).map((v) => v.toFraction())).toEqual(icSlacks(e, { real: rule, num }, S).map((v) => v.neg().toFraction()));
  });
});

/** A solver whose certified answers are replaced by `certified` (the fast, uncertified route made to fail). */
function uncertain(certified: (r: LpResult, p: LinearProgram) => LpResult, seen: LinearProgram[] = []): Solver {
  return {
    solve: (p: LinearProgram, o?: LpOptions) => {
      const r = solver.solve(p, o);
      if (o?.certify === false) return { ...r, status: 'infeasible' };
      seen.push(p);
      return certified(r, p);
    },
  };
}

describe('undecided: the solver cannot certify', () => {
  test('compatibility: an infeasible status without a certificate is undecided, naming the direction', () => {
    const e = economy(threeTwo([1, 2, 3, 1, 1, 4]));
    const r = compatibilityWith(uncertain((x) => ({ ...x, status: 'infeasible', certified: false, certificate: undefined, why: 'no Farkas vector' })), e);
    expect(r).toEqual({ verdict: 'undecided', why: 'direction 0: LP infeasible (not certified): no Farkas vector', solves: 1 });
    const r2 = compatibilityWith(uncertain((x) => ({ ...x, certified: false, certificate: undefined, why: undefined, solverStatus: 'Time limit reached' })), e);
    expect(r2.why).toBe('direction 0: LP infeasible (not certified): Time limit reached');
  });

  test('a failing direction counts its solves: direction + 1', () => {
    const r = compatibilityWith(solver, economy(threeTwo([1, 1, 1, 2, 2, 1])));
    expect(r.direction).toBe(2);
    expect(r.solves).toBe(3);
  });

  test('the condition\'s form: uncertified, or an optimum straddling 0, is undecided; it solves the repaired LP', () => {
    const e = economy(threeTwo([1, 2, 3, 1, 1, 4]));
    const seen: LinearProgram[] = [];
    const f = conditionFormWith(uncertain((x) => ({ ...x, certified: false, why: 'snap failed' }), seen), e);
    expect(f).toEqual({ verdict: 'undecided', optima: [], why: 'LP optimal: snap failed' });
    expect(JSON.stringify(seen[0])).toBe(JSON.stringify(conditionLp(e, typeSpace(e), spanningDirections(6)[0])));
    const straddle = conditionFormWith(uncertain((x) => ({ ...x, certified: true, certificate: { ...x.certificate!, lower: '-1/10', upper: '1/10' } as LpResult['certificate'] })), e);
    expect(straddle).toEqual({ verdict: 'undecided', optima: [['-1/10', '1/10']], why: 'optimum in [-1/10, 1/10]' });
    const upOnly = conditionFormWith(uncertain((x) => ({ ...x, certified: true, certificate: { ...x.certificate!, lower: '0', upper: '1/10' } as LpResult['certificate'] })), e);
    expect(upOnly.verdict).toBe('undecided');
    const loOnly = conditionFormWith(uncertain((x) => ({ ...x, certified: true, certificate: { ...x.certificate!, lower: '-1/10', upper: '0' } as LpResult['certificate'] })), e);
    expect(loOnly.verdict).toBe('undecided');
  });

  test('balanced transfers: an uncertified infeasible status is undecided, with the solver\'s word', () => {
    const e = economy(threeTwo([1, 2, 3, 1, 1, 4]));
    const r = balancedTransfersWith(uncertain((x) => ({ ...x, status: 'infeasible', certified: false, certificate: undefined, why: undefined, solverStatus: 'Infeasible' })), e, efficientRule(e));
    expect(r.status).toBe('undecided');
    expect(r.why).toBe('LP infeasible: Infeasible');
    expect(r.farkas).toBeUndefined();
  });
});

describe('the async entry points load HiGHS themselves', () => {
  test('compatibility and balancedTransfers give the synchronous answers', async () => {
    const e = economy(threeTwo([1, 1, 4, 2, 1, 2]));
    expect((await compatibility(e)).verdict).toBe('fails');
    expect((await balancedTransfers(e, efficientRule(e))).status).toBe(balancedTransfersWith(solver, e, efficientRule(e)).status);
  });
});
