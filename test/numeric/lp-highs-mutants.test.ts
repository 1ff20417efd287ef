/**
 * lp.ts's routes through HiGHS that lp.test.ts does not pin (found by Stryker on lines 1–540 and
 * 541–1138): the empty problem, duals in the problem's sense for a maximum, a stop by the time
 * limit, certify: false on every status, names in messages. Every expected value is worked out by
 * hand in the comment beside it (tiny LPs, complementary slackness), not read from the code.
 */
import { describe, expect, test } from 'vitest';
import { lpSolver, solveLp, type LinearProgram, type OptimalityCertificate, type RayCertificate } from '../../src/numeric/lp.ts';
import { exactRational, Fraction } from '../../src/numeric/rational.ts';

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
    expect(c.kind).toBe('optimality');
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

describe('solveWith: the other entry points and options', () => {
  test('lpSolver().solve answers like solveLp; an explicit minimize is accepted', async () => {
    // max x + y, x + 2y ≤ 4, 3x + y ≤ 6: both rows tight at (8/5, 6/5), value 14/5 (lp.test.ts's first problem).
    const s = await lpSolver();
    const r = s.solve({ sense: 'maximize', cost: [1, 1], A: [[1, 2], [3, 1]], rowUpper: [4, 6] });
    expect([r.status, r.certified, (r.certificate as OptimalityCertificate).lower]).toEqual(['optimal', true, '14/5']);
    // HiGHS's y₂ here is 0.19999999999999996: only the snapped duals (2/5, 1/5) close the interval, and the route says so
    expect((r.certificate as OptimalityCertificate).y).toEqual(['2/5', '1/5']);
    expect((r.certificate as OptimalityCertificate).route).toBe('x snapped, y snapped');
    const m = s.solve({ sense: 'minimize', cost: [1], A: [[2]], rowLower: [1] }); // min x, 2x ≥ 1: 1/2
    expect((m.certificate as OptimalityCertificate).x).toEqual(['1/2']);
  });

  test('sparse rows named by strings reach HiGHS as their values', async () => {
    // min x with x/3 − y = 1/3, x/7 + y ≥ 2/7, both free: x ≥ 13/10 (lp.test.ts's dense problem), here as CSR.
    const p: LinearProgram = {
      cost: [1, 0],
      A: { format: 'csr', numRows: 2, numCols: 2, starts: [0, 2, 4], indices: [0, 1, 0, 1], values: ['1/3', '-1', '1/7', '1'] },
      rowLower: ['1/3', '2/7'],
      rowUpper: ['1/3', Infinity],
      colLower: [-Infinity, -Infinity],
    };
    const r = await solveLp(p);
    expect(r.objective).toBeCloseTo(1.3, 12);
    expect((r.certificate as OptimalityCertificate).x).toEqual(['13/10', '1/10']);
  });

  test('maxExactSupport below the support forbids the exact re-solve: each status stays uncertified, with a reason', async () => {
    // min x, 0.3x ≥ 0.1 in doubles: the optimum fl(0.1)/fl(0.3) is no double, so neither x nor y verifies as given.
    const o = await solveLp({ cost: [1], A: [[0.3]], rowLower: [0.1] }, { maxExactSupport: 0 });
    expect([o.status, o.certified, o.certificate]).toEqual(['optimal', false, undefined]);
    expect(o.why).toMatch(/exact/);
    // 0.1x = 0.3y, max x + y, both free: the ray (3, 1)·k misses fl(0.1)·3 = fl(0.3) (lp.test.ts), so it needs a snap.
    const u = await solveLp({ sense: 'maximize', cost: [1, 1], A: [[0.1, -0.3]], rowLower: [0], rowUpper: [0], colLower: [-Infinity, -Infinity] }, { maxExactSupport: 1 });
    expect(u).toMatchObject({ status: 'unbounded', certified: false, why: "the ray's support 2 is above 1" });
    expect(u.certificate).toBeUndefined();
    // 0.1x ≥ 1, 0.3x ≤ 1, x free: only the support re-solve finds y (lp.test.ts).
    const f = await solveLp({ cost: [0], A: [[0.1], [0.3]], rowLower: [1, -Infinity], rowUpper: [Infinity, 1], colLower: [-Infinity] }, { maxExactSupport: 1 });
    expect([f.status, f.certified, f.certificate]).toEqual(['infeasible', false, undefined]);
    expect(f.why).toMatch(/support re-solve: support 2 above 1\)$/);
    // the first tries fail on the free column, named without names as "col 0"
    expect(f.why).toMatch(/^no Farkas certificate verified exactly \(solver: \(Aᵀy\)\[0\] = \S+ is not 0 or of the sign the bounds of col 0 allow;/);
  });

  test('rows without columns: every activity is 0, so optimal iff each row allows 0, else infeasible', async () => {
    // 0 ≥ 1 is impossible: y = −1 on that row gives h(y) = σ_[1,∞)(−1) = −1·1 = −1 < 0.
    const r = await solveLp({ cost: [], A: [[]], rowLower: [1] });
    expect([r.status, r.certified]).toEqual(['infeasible', true]);
    expect(r.certificate).toMatchObject({ kind: 'farkas', y: ['-1'], bound: '-1' });
    // −1 ≤ 0 ≤ 1 and 0 ≤ 2 hold, 1/2 ≤ 0 fails: only row 2 can carry y, h = −1·(1/2).
    const r2 = await solveLp({ cost: [], A: [[], [], []], rowLower: [-1, -Infinity, '1/2'], rowUpper: [1, 2, 3] });
    expect([r2.status, r2.certified]).toEqual(['infeasible', true]);
    expect(r2.certificate).toMatchObject({ kind: 'farkas', y: ['0', '0', '-1'], bound: '-1/2' });
    // a row ≤ −1 (CSR, 0 columns): y = +1 there, h = 1·(−1)
    const r3 = await solveLp({ cost: [], A: { format: 'csr', numRows: 2, numCols: 0, starts: [0, 0, 0], indices: [], values: [] }, rowUpper: [2, -1] });
    expect(r3.certificate).toMatchObject({ kind: 'farkas', y: ['0', '1'], bound: '-1' });
    // bounds that meet at 0 (0 ≤ 0 ≤ 0) and a free row: x = [] is optimal, value 0, activities 0
    const o = await solveLp({ cost: [], A: [[], []], rowLower: [0, -Infinity], rowUpper: [0, Infinity] });
    expect([o.status, o.certified, o.objective]).toEqual(['optimal', true, 0]);
    expect([Array.from(o.x!), Array.from(o.rowActivity!), Array.from(o.rowDual!)]).toEqual([[], [0, 0], [0, 0]]);
    expect(o.certificate).toMatchObject({ kind: 'optimality', x: [], lower: '0', upper: '0' });
  });

  test('maxExactSupport equal to the support allows the exact re-solve (the cap is inclusive)', async () => {
    // The same three problems: the snap or re-solve needs 1 unknown (x), 2 (the ray's d) and 2 (y).
    const o = await solveLp({ cost: [1], A: [[0.3]], rowLower: [0.1] }, { maxExactSupport: 1 });
    expect(o.certified, o.why).toBe(true);
    // x = fl(0.1)/fl(0.3) exactly, y = 1/fl(0.3): the interval closes
    expect((o.certificate as OptimalityCertificate).lower).toBe((o.certificate as OptimalityCertificate).upper);
    const u = await solveLp({ sense: 'maximize', cost: [1, 1], A: [[0.1, -0.3]], rowLower: [0], rowUpper: [0], colLower: [-Infinity, -Infinity] }, { maxExactSupport: 2 });
    expect([u.status, u.certified]).toEqual(['unbounded', true]);
    // d must satisfy fl(0.1)·d₁ = fl(0.3)·d₂ exactly, which the solver's doubles miss: snapped; x = 0 needs no snap
    const ray = u.certificate as RayCertificate;
    expect(ray.route).toBe('d snapped, x snapped');
    expect(ray.kind).toBe('ray');
    expect(new Fraction(ray.d[0]).mul(exactRational(0.1)).equals(new Fraction(ray.d[1]).mul(exactRational(0.3)))).toBe(true);
    const f = await solveLp({ cost: [0], A: [[0.1], [0.3]], rowLower: [1, -Infinity], rowUpper: [Infinity, 1], colLower: [-Infinity] }, { maxExactSupport: 2 });
    expect([f.status, f.certified]).toEqual(['infeasible', true]);
  });

  test('a snap that is not allowed falls back to the solver’s own x and y when they are exact', async () => {
    // min x + 2y, x + y ≥ 2, x, y ≥ 0: the vertex (2, 0), row dual 1, value 2 — all integers, so
    // HiGHS's doubles verify as they are, with no re-solve (maxExactSupport: 0 forbids one).
    const r = await solveLp({ cost: [1, 2], A: [[1, 1]], rowLower: [2] }, { maxExactSupport: 0 });
    expect(r.certified, r.why).toBe(true);
    const c = r.certificate as OptimalityCertificate;
    expect([c.x, c.y, c.lower, c.upper, c.route]).toEqual([['2', '0'], ['1'], '2', '2', 'x solver, y solver']);
  });

  test('bounds far from 1 are recognised as tight relative to their size', async () => {
    // min x, 0.3x ≥ 1e11: the optimum is x* = 1e11/fl(0.3) exactly, which no double equals; the row is
    // tight only up to ~1e-5 in absolute terms, so the snap must compare relative to 1e11.
    const r = await solveLp({ cost: [1], A: [[0.3]], rowLower: [1e11] });
    expect(r.certified, r.why).toBe(true);
    const c = r.certificate as OptimalityCertificate;
    const x = new Fraction(c.x[0]);
    expect(x.mul(exactRational(0.3)).equals(1e11)).toBe(true);
    expect([c.lower, c.upper]).toEqual([c.x[0], c.x[0]]);
  });

  test('a column at a rational bound that is no double is snapped onto it', async () => {
    // min x over x ≥ 1/3 is 1/3 exactly; HiGHS returns fl(1/3) < 1/3, infeasible as it stands.
    const r = await solveLp({ cost: [1], A: [], colLower: ['1/3'] });
    expect(r.certified, r.why).toBe(true);
    const c = r.certificate as OptimalityCertificate;
    expect([c.x, c.lower, c.upper]).toEqual([['1/3'], '1/3', '1/3']);
  });

  test('a ray the solver gives exactly is kept as it is; an x that is infeasible and may not be snapped is refused', async () => {
    // min −x over x ≥ 0: d = (1) verifies as HiGHS gives it, x = 0 sits on its bound.
    const r = await solveLp({ cost: [-1], A: [] });
    expect((r.certificate as RayCertificate).route).toBe('d solver, x snapped');
    // max x, 0.3x ≤ 0.1: HiGHS's x = fl(0.1/0.3) = 0.33333333333333337 puts 0.3x above fl(0.1) exactly, and no snap is allowed
    const o = await solveLp({ sense: 'maximize', cost: [1], A: [[0.3]], rowUpper: [0.1] }, { maxExactSupport: 0 });
    expect([o.status, o.certified]).toEqual(['optimal', false]);
    expect(o.why).toBe('x is not exactly feasible (row 0 above its upper bound) and snapping it failed (the snap has no exact solution)');
  });
});
