/**
 * The compatibility condition and balanced BIC transfers (src/models/giraud-rochon/compatibility.ts)
 * against hand-worked cases: with two agents and two types each, the repaired equation forces
 * λ_i(0, 1) = λ_i(1, 0) and κ = s·(1, −1, −1, 1) with s = λ_1·(q(0|0) − q(0|1)) = λ_2·(q'(0|0) − q'(0|1))
 * (worked by hand from Section 4's equation), so any correlation of one sign makes it fail; and a
 * non-monotone rule under independence has no balanced BIC transfers (type 1's and type 0's lies
 * together gain v_1(g) − v_1(0) − (v_0(g) − v_0(0)) > 0, which no transfer difference can offset).
 */
import { describe, expect, test } from 'vitest';
import { economy, profiles, type EconomySpec } from '../../src/models/giraud-rochon/economy.ts';
import { bicSlacks } from '../../src/models/giraud-rochon/agv.ts';
import {
  balancedTransfersWith, compatibilityWith, conditionFormWith, conditionResiduals, conditionLp, efficientRule, lyingGains, spanningDirections, typeSpace,
  verifyTransfersFarkas, violatesCondition, type RealRule,
} from '../../src/models/giraud-rochon/compatibility.ts';
import { lpSolver } from '../../src/numeric/lp.ts';
import { F, type Solver } from './helpers.ts';

const solver: Solver = await lpSolver();


/** Two agents, two types, one real good, the prior ∝ [1, 1, 1, 2] over (0,0), (0,1), (1,0), (1,1). */
const twoByTwo: EconomySpec = {
  types: [2, 2],
  a: [[[3], [3]], [[3], [5]]],
  b: [[[1], [1]], [[1], [1]]],
  omega: [[1, 1], [1, 1]],
  prior: [1, 1, 1, 2],
};

describe('the compatibility condition, two agents', () => {
  test('a correlated prior: it fails, with κ = s·(1, −1, −1, 1), λ_i(0,1) = λ_i(1,0), s/λ_1 = q(0|0) − q(0|1) = 1/6', () => {
    const e = economy(twoByTwo);
    const r = compatibilityWith(solver, e);
    expect(r.verdict).toBe('fails');
    const { kappa, lambda } = r.pair!;
    const s = kappa[0];
    expect(s.compare(0)).not.toBe(0);
    expect(kappa.map((k) => k.div(s).valueOf())).toEqual([1, -1, -1, 1]);
    // ics order: agent 1 (0→1), (1→0); agent 2 (0→1), (1→0)
    expect(lambda[0].equals(lambda[1])).toBe(true);
    expect(lambda[2].equals(lambda[3])).toBe(true);
    // q(t2 = 0 | t1 = 0) − q(t2 = 0 | t1 = 1) = 1/2 − 1/3; the same for agent 2 by symmetry of the prior
    expect(s.div(lambda[0]).equals(F(1, 6))).toBe(true);
    expect(s.div(lambda[2]).equals(F(1, 6))).toBe(true);
    expect(violatesCondition(e, typeSpace(e), r.pair!)).toBe(true);
  });

  test('the residuals, repaired against printed, by hand: λ_1(0, 1) = 1 alone, κ = 0, types (3, 2)', () => {
    // prior ∝ [1, 2, 3, 1, 1, 4] over (t1, t2) lexicographic: q(t2 = 0 | t1 = 0) = 1/3
    const e = economy({ types: [3, 2], a: [[[3], [4], [5]], [[3], [5]]], b: [[[1], [1], [1]], [[1], [1]]], omega: [[1, 1], [1, 1]], prior: [1, 2, 3, 1, 1, 4] });
    const S = typeSpace(e);
    const lambda = S.ics.map((c) => F(c.agent === 0 && c.type === 0 && c.report === 1 ? 1 : 0));
    const kappa = S.ps.map(() => F(0));
    const repaired = conditionResiduals(e, S, { kappa, lambda });
    const printed = conditionResiduals(e, S, { kappa, lambda }, true);
    // agent 1 at (t1, t2) = (0, 0): q(0|0)·λ(0,1) = 1/3 less, repaired, Σ_m λ(m, 0)·q(0|m) = 0; printed,
    // Σ_m λ(0, m)·q(0|m) = q(t2 = 0 | t1 = 1) = 3/4
    expect(repaired[0].equals(F(1, 3))).toBe(true);
    expect(printed[0].equals(F(1, 3).sub(F(3, 4)))).toBe(true);
    // agent 1 at (1, 0) (index 2): repaired 0 − λ(0, 1)·q(0|0) = −1/3 (the liar 0 → 1); printed 0 − Σ_m λ(1, m)·q(0|m) = 0
    expect(repaired[2].equals(F(-1, 3))).toBe(true);
    expect(printed[2].n).toBe(0n);
  });

  test('the condition\'s own LP: optimum 1/24 for the directions e_(0,1), e_(1,0) and 0 for the rest (κ = s(1,−1,−1,1), Σλ = 4λ ≤ 1, s = λ/6)', () => {
    const e = economy(twoByTwo);
    const f = conditionFormWith(solver, e);
    expect(f.verdict).toBe('fails');
    expect(f.optima).toEqual([['0', '0'], ['1/24', '1/24'], ['1/24', '1/24'], ['0', '0'], ['0', '0']]);
    expect(conditionLp(e, typeSpace(e), spanningDirections(4)[1]).sense).toBe('maximize');
  });

  test('an independent prior: it holds, and every absorbing θ is checked by agv.ts\'s interim utilities', () => {
    const e = economy({ ...twoByTwo, prior: [2, 6, 1, 3] }); // (2, 1) × (1, 3)
    const r = compatibilityWith(solver, e);
    expect(r.verdict).toBe('holds');
    expect(conditionFormWith(solver, e).verdict).toBe('holds');
    const dirs = spanningDirections(4);
    const zero = profiles(e.types).map(() => [F(0), F(0)]);
    const base = bicSlacks(e, zero);
    r.absorbing!.forEach((th, d) => {
      th.forEach((row, k) => expect(row[0].add(row[1]).equals(dirs[d][k])).toBe(true));
      bicSlacks(e, th).forEach((s, c) => expect(s.slack.sub(base[c].slack).compare(0)).toBeGreaterThanOrEqual(0));
    });
  });

  test('three agents, correlated: it holds (the primal and the condition\'s LP agree)', () => {
    const e = economy({ types: [2, 2, 2], a: [[[3], [4]], [[3], [5]], [[6], [4]]], b: [[[1], [1]], [[1], [1]], [[1], [1]]], omega: [[1, 1], [1, 1], [0, 1]], prior: [3, 1, 1, 2, 1, 1, 2, 5] });
    expect(compatibilityWith(solver, e).verdict).toBe('holds');
    expect(conditionFormWith(solver, e).verdict).toBe('holds');
  });
});

describe('balanced BIC transfers for a rule', () => {
  test('the efficient rule of the two-agent economy: θ balanced, every BIC slack ≥ 0 (agv.ts)', () => {
    const e = economy(twoByTwo);
    const r = balancedTransfersWith(solver, e, efficientRule(e));
    expect(r.status).toBe('feasible');
    r.theta!.forEach((row) => expect(row[0].add(row[1]).n).toBe(0n));
    bicSlacks(e, r.theta!).forEach((s) => expect(s.slack.compare(0)).toBeGreaterThanOrEqual(0));
  });

  test('v̂ of Appendix 6.1 by hand: type 1 of agent 2 reporting 0 under the efficient rule', () => {
    const e = economy(twoByTwo);
    // efficient split of ω̄ = 2 with a = (3, 3) b = 1: (1, 1); with a = (3, 5): (0, 2) (λ = 3 at the corner)
    // type 1 of agent 2 (a = 5) reporting 0 gets 1 instead of 2 against t1 = 0 and t1 = 1 alike:
    // v(1) − v(2) = (5 − 1/2) − (10 − 2) = −7/2, whatever the conditional weights
    const S = typeSpace(e);
    const g = lyingGains(e, S, efficientRule(e));
    const at = S.ics.findIndex((c) => c.agent === 1 && c.type === 1 && c.report === 0);
    expect(g[at].equals(F(-7, 2))).toBe(true);
  });

  test('a non-monotone rule under independence has none: a Farkas vector, verified exactly', () => {
    const e = economy({ ...twoByTwo, prior: [1, 1, 1, 1] });
    // agent 2 (a = 3 or 5) gets the whole good iff it reports type 0, its low type: both of its types' lies gain together
    const rule: RealRule = profiles(e.types).map((t) => (t[1] === 0 ? [[F(0)], [F(2)]] : [[F(2)], [F(0)]]));
    const r = balancedTransfersWith(solver, e, rule);
    expect(r.status).toBe('infeasible');
    expect(verifyTransfersFarkas(e, rule, r.farkas!.y)).toBe(true);
    expect(verifyTransfersFarkas(e, efficientRule(e), r.farkas!.y)).toBe(false);
  });
});
