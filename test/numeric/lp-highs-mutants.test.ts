/**
 * lp.ts's routes through HiGHS that lp.test.ts does not pin (found by Stryker on lines 1–540 and
 * 541–1138): the empty problem, duals in the problem's sense for a maximum, a stop by the time
 * limit, certify: false on every status, names in messages. Every expected value is worked out by
 * hand in the comment beside it (tiny LPs, complementary slackness), not read from the code.
 */
import { describe, expect, test } from 'vitest';
import { solveLp, type LinearProgram, type OptimalityCertificate } from '../../src/numeric/lp.ts';

describe('solveWith: statuses and duals', () => {
  test('no rows and no columns: optimal with value 0 and an empty certificate', async () => {
    // HiGHS calls a model without columns "empty"; its optimum over the single point of R^0 is 0.
    const r = await solveLp({ cost: [], A: [] });
    expect([r.status, r.certified, r.objective]).toEqual(['optimal', true, 0]);
    expect(Array.from(r.x!)).toEqual([]);
    const c = r.certificate as OptimalityCertificate;
    expect([c.x, c.y, c.lower, c.upper]).toEqual([[], [], '0', '0']);
  });

  test('max x₁ + 2x₂, x₁ + x₂ ≤ 4, x ≤ (2, 1): duals in the problem’s sense, value 4', async () => {
    // The optimum is the box corner (2, 1); the row is slack (3 < 4) so its dual is 0 (complementary
    // slackness), and c = Aᵀy + z leaves z = c = (1, 2) on the two tight upper bounds.
    const p: LinearProgram = { sense: 'maximize', cost: [1, 2], A: [[1, 1]], rowUpper: [4], colUpper: [2, 1] };
    const r = await solveLp(p);
    expect(r.objective).toBe(4);
    expect(Array.from(r.x!)).toEqual([2, 1]);
    expect(Array.from(r.rowActivity!)).toEqual([3]);
    expect(Array.from(r.rowDual!).map((v) => v + 0)).toEqual([0]);
    expect(Array.from(r.colDual!)).toEqual([1, 2]);
    const c = r.certificate as OptimalityCertificate;
    expect([c.lower, c.upper, c.x]).toEqual(['4', '4', ['2', '1']]);
  });

  test('a zero time limit stops HiGHS before it solves: an error naming its status, nothing certified', async () => {
    const r = await solveLp({ cost: [1, 1], A: [[1, 1], [1, -1]], rowLower: [1, -1] }, { timeLimit: 0 });
    expect(r).toEqual({ status: 'error', solverStatus: 'timeLimit', certified: false, why: 'HiGHS stopped with status timeLimit' });
  });

  test('certify: false returns the solver’s status alone for infeasible and unbounded problems', async () => {
    // x + y ≥ 3 in the unit box is empty; min −x over x ≥ 0 is unbounded.
    const inf = await solveLp({ cost: [0, 0], A: [[1, 1]], rowLower: [3], colUpper: [1, 1] }, { certify: false });
    expect(inf).toEqual({ status: 'infeasible', solverStatus: 'infeasible', certified: false });
    const unb = await solveLp({ cost: [-1], A: [] }, { certify: false });
    expect(unb).toEqual({ status: 'unbounded', solverStatus: 'unbounded', certified: false });
  });
});
