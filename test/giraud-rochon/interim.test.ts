/**
 * Interim efficiency, IC and Lemma 2's dominance (src/models/giraud-rochon/interim.ts) against
 * hand-worked numbers and second routes: interim utilities by hand on a two-agent economy, the
 * efficient real part by the first-order conditions against economy.ts's water-filling, icSlacks
 * (Definition 1 directly) against agv.ts's bicSlacks, and the saved Lemma 2 case re-decided.
 */
import { describe, expect, test } from 'vitest';
import { economy, profiles, type EconomySpec } from '../../src/models/giraud-rochon/economy.ts';
import { agvTransfers, bicSlacks } from '../../src/models/giraud-rochon/agv.ts';
import { efficientRule } from '../../src/models/giraud-rochon/compatibility.ts';
import {
  dominanceShortfallWith, dominatedWith, dominates, feasible, icSlacks, interimUtilities, realPartEfficientAt, searchImprovementWith, strictTransfersWith,
  verifyNotDominated, type Allocation,
} from '../../src/models/giraud-rochon/interim.ts';
import { lpSolver } from '../../src/numeric/lp.ts';
import { F, type Solver } from './helpers.ts';

const solver: Solver = await lpSolver();

const two: EconomySpec = { types: [2, 2], a: [[[3], [3]], [[3], [5]]], b: [[[1], [1]], [[1], [1]]], omega: [[1, 1], [1, 1]], prior: [1, 1, 1, 2] };
const three: EconomySpec = { types: [2, 2, 2], a: [[[10], [12]], [[11], [9]], [[14], [13]]], b: [[[1], [2]], [[1], [1]], [[2], [1]]], omega: [[1, 5], [2, 5], [1, 5]], prior: [1, 2, 1, 2, 3, 6, 3, 6] };

describe('interim utilities and feasibility (Definition 1)', () => {
  test('by hand: agent 2 of type 1 with everything of the real good, numéraire 1', () => {
    const e = economy(two);
    const x: Allocation = { real: profiles(e.types).map(() => [[F(0)], [F(2)]]), num: profiles(e.types).map(() => [F(1), F(1)]) };
    // v_2(2, type 1) = 5·2 − 2²/2 = 8, plus numéraire 1, whatever agent 1's type
    expect(interimUtilities(e, x)[1][1].equals(F(9))).toBe(true);
    // v_1(0) + 1 = 1
    expect(interimUtilities(e, x)[0][0].equals(F(1))).toBe(true);
    expect(feasible(e, x)).toBe(true);
    expect(feasible(e, { ...x, num: profiles(e.types).map(() => [F(1), F(2)]) })).toBe(false);
  });

  test('the real part\'s first-order conditions agree with water-filling at every profile; a moved unit is not efficient', () => {
    const e = economy(three);
    const star = efficientRule(e);
    profiles(e.types).forEach((t, k) => {
      expect(realPartEfficientAt(e, t, star[k])).toBe(true);
      const moved = star[k].map((b) => b.slice());
      const from = moved.findIndex((b) => b[0].compare(F(1, 4)) >= 0);
      moved[from][0] = moved[from][0].sub(F(1, 4));
      moved[(from + 1) % 3][0] = moved[(from + 1) % 3][0].add(F(1, 4));
      expect(realPartEfficientAt(e, t, moved)).toBe(false);
    });
  });

  test('icSlacks (Definition 1 directly) equals agv.ts\'s bicSlacks for the efficient rule with AGV transfers', () => {
    const e = economy(three);
    const theta = agvTransfers(e);
    const x: Allocation = { real: efficientRule(e), num: theta.map((row) => row.map((v, i) => e.omega[i][1].add(v))) };
    const a = icSlacks(e, x);
    bicSlacks(e, theta).forEach((s, c) => expect(s.slack.equals(a[c])).toBe(true));
  });
});

describe('the improvement search', () => {
  test('the efficient real part: no improvement, total gain exactly 0', () => {
    const e = economy(three);
    const x: Allocation = { real: efficientRule(e), num: profiles(e.types).map(() => [F(5), F(5), F(5)]) };
    const r = searchImprovementWith(solver, e, x, [profiles(e.types).map(() => [[F(4)], [F(0)], [F(0)]])]);
    expect(r.verdict).toBe('none found');
    expect(r.gain).toEqual(['0', '0']);
  });

  test('everything to agent 1: improvable, and the improvement dominates by direct interim utilities', () => {
    const e = economy(three);
    const x: Allocation = { real: profiles(e.types).map(() => [[F(4)], [F(0)], [F(0)]]), num: profiles(e.types).map(() => [F(5), F(5), F(5)]) };
    const r = searchImprovementWith(solver, e, x, [efficientRule(e)]);
    expect(r.verdict).toBe('improvable');
    expect(feasible(e, r.improvement!)).toBe(true);
    expect(dominates(e, r.improvement!, x)).toBe(true);
    expect(dominates(e, x, r.improvement!)).toBe(false);
  });
});

describe('Lemma 2\'s dominance', () => {
  test('an IC interim-efficient allocation dominates itself weakly: shortfall ≤ 0', () => {
    const e = economy(three);
    const star = efficientRule(e);
    const x: Allocation = { real: star, num: agvTransfers(e).map((row) => row.map((v, i) => e.omega[i][1].add(v))) };
    expect(dominatedWith(solver, e, x, star).status).toBe('dominated');
    expect(dominanceShortfallWith(solver, e, x, star).shortfall![1].compare(0)).toBeLessThanOrEqual(0);
  });

  test('the saved Lemma 2 case: strictly IC, not dominated (Farkas, exact), shortfall > 0', () => {
    const spec: EconomySpec = { a: [[[8], [9.25]], [[8.25], [3.25]], [[8.25], [5.5]]], b: [[[0.5], [1]], [[0.5], [0.25]], [[0.5], [0.25]]], omega: [[3.5, 2.5], [3, 3.5], [2.5, 3]], prior: [16, 64, 12, 48, 12, 48, 9, 36], types: [2, 2, 2] };
    const weights = [[1, 0, 2], [0, 1, 0], [1, 0, 3], [4, 0, 4], [2, 0, 2], [2, 2, 2], [0, 1, 4], [2, 2, 2]];
    const mix = [4, 0, 4, 4, 4, 0, 4, 4];
    const e = economy(spec);
    const star = efficientRule(e);
    const real = star.map((row, k) => (mix[k] === 0 ? row : row.map((_, i) => [e.total[0].mul(weights[k][i]).div(weights[k].reduce((s, v) => s + v, 0))])));
    const st = strictTransfersWith(solver, e, real);
    expect(st.status).toBe('optimal');
    expect(st.slack!.compare(0)).toBeGreaterThan(0);
    const x: Allocation = { real, num: st.theta!.map((row) => row.map((v, i) => e.omega[i][1].add(v))) };
    expect(icSlacks(e, x).every((v) => v.compare(0) > 0)).toBe(true);
    const d = dominatedWith(solver, e, x, star);
    expect(d.status).toBe('not dominated');
    expect(verifyNotDominated(e, x, star, d.farkas!.y)).toBe(true);
    expect(dominanceShortfallWith(solver, e, x, star).shortfall![0].compare(0)).toBeGreaterThan(0);
    // yet x is not interim efficient: a feasible allocation (not IC) dominates it
    expect(searchImprovementWith(solver, e, x, [star]).verdict).toBe('improvable');
  });
});
