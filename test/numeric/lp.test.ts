/** The LP wrapper (src/numeric/lp.ts): HiGHS's answers, and certificates that verify in exact rationals or are not claimed. */
import { fc, test as ptest } from '@fast-check/vitest';
import { describe, expect, test } from 'vitest';
import {
  bestRational,
  farkasData,
  lpFromData,
  lpToData,
  solveAffine,
  solveLp,
  verifyFarkas,
  verifyFarkasData,
  verifyOptimality,
  verifyRay,
  type FarkasCertificate,
  type RayCertificate,
  type LinearProgram,
  type OptimalityCertificate,
} from '../../src/numeric/lp.ts';
import { exactRational, Fraction } from '../../src/numeric/rational.ts';

const farkas = (c: unknown) => c as FarkasCertificate;
const optimality = (c: unknown) => c as OptimalityCertificate;
const ray = (c: unknown) => c as RayCertificate;

describe('optimal problems', () => {
  test('max x + y, x + 2y ≤ 4, 3x + y ≤ 6: the vertex (8/5, 6/5), value 14/5, closed exactly', async () => {
    // The answer by hand: both rows tight, x = (2·6 − 4)/5, y = (3·4 − 6)/5.
    const p: LinearProgram = { sense: 'maximize', cost: [1, 1], A: [[1, 2], [3, 1]], rowUpper: [4, 6] };
    const r = await solveLp(p);
    expect(r.status).toBe('optimal');
    expect(r.objective).toBeCloseTo(2.8, 12);
    expect(r.certified).toBe(true);
    const c = optimality(r.certificate);
    expect(c.x).toEqual(['8/5', '6/5']);
    expect([c.lower, c.upper]).toEqual(['14/5', '14/5']);
    // The duals in the problem's sense: c = Aᵀy + z with y ≥ 0 at the upper bounds of a maximum.
    expect(c.y).toEqual(['2/5', '1/5']);
    expect(Array.from(r.rowDual!)).toEqual([expect.closeTo(0.4, 12), expect.closeTo(0.2, 12)]);
    expect(verifyOptimality(p, c)).toEqual({ verified: true });
  });

  test('rational data named by strings stay exact: min x with x/3 − y = 1/3, x/7 + y ≥ 2/7, both free', async () => {
    // Substituting y = x/3 − 1/3: x(1/3 + 1/7) ≥ 2/7 + 1/3 ⇒ x ≥ 13/10, so the minimum is 13/10 at y = 1/10.
    const p: LinearProgram = { cost: [1, 0], A: [['1/3', '-1'], ['1/7', '1']], rowLower: ['1/3', '2/7'], rowUpper: ['1/3', Infinity], colLower: [-Infinity, -Infinity] };
    const r = await solveLp(p);
    const c = optimality(r.certificate);
    expect(r.certified).toBe(true);
    expect(c.x).toEqual(['13/10', '1/10']);
    expect([c.lower, c.upper]).toEqual(['13/10', '13/10']);
  });

  test('dense and sparse rows are the same problem', async () => {
    const dense: LinearProgram = { cost: [2, 3, 1], A: [[1, 1, 0], [0, 1, 1]], rowLower: [1, 2] };
    const sparse: LinearProgram = { ...dense, A: { format: 'csr', numRows: 2, numCols: 3, starts: [0, 2, 4], indices: [0, 1, 1, 2], values: [1, 1, 1, 1] } };
    const [a, b] = await Promise.all([solveLp(dense), solveLp(sparse)]);
    // min 2x + 3y + z, x + y ≥ 1, y + z ≥ 2: both rows tight, x = 1 − y, z = 2 − y costs 4 for every y ∈ [0, 1].
    expect(optimality(a.certificate).lower).toBe('4');
    expect(b.certificate).toEqual(a.certificate);
  });

  test('with a time limit (HiGHS’s persistent model) the answer is the same; certify: false skips the certificate', async () => {
    const p: LinearProgram = { sense: 'maximize', cost: [1, 1], A: [[1, 2], [3, 1]], rowUpper: [4, 6] };
    const [a, b, c] = await Promise.all([solveLp(p), solveLp(p, { timeLimit: 60 }), solveLp(p, { certify: false })]);
    expect(b.certificate).toEqual(a.certificate);
    expect(b.objective).toBeCloseTo(2.8, 12);
    expect(c.certified).toBe(false);
    expect(c.certificate).toBeUndefined();
    expect(c.objective).toBeCloseTo(2.8, 12);
    const inf = await solveLp({ cost: [0, 0], A: [[1, 1]], rowLower: [3], colUpper: [1, 1] }, { timeLimit: 60 });
    expect([inf.status, inf.certified]).toEqual(['infeasible', true]);
  });

  test('a tampered optimality certificate does not verify', async () => {
    const p: LinearProgram = { sense: 'maximize', cost: [1, 1], A: [[1, 2], [3, 1]], rowUpper: [4, 6] };
    const c = optimality((await solveLp(p)).certificate);
    expect(verifyOptimality(p, { ...c, x: ['9/5', '6/5'] }).why).toMatch(/not feasible/);
    expect(verifyOptimality(p, { ...c, upper: '3' }).verified).toBe(false);
    expect(verifyOptimality(p, { ...c, y: ['-1', '1/5'] }).verified).toBe(false);
  });
});

describe('infeasible problems: Farkas certificates', () => {
  const boxed: LinearProgram = { cost: [0, 0], A: [[1, 1]], rowLower: [3], colUpper: [1, 1] };

  test('x + y ≥ 3 with x, y ∈ [0, 1]: a certificate that verifies exactly, re-checked from saved data alone', async () => {
    const r = await solveLp(boxed);
    expect(r.status).toBe('infeasible');
    expect(r.certified).toBe(true);
    const c = farkas(r.certificate);
    expect(new Fraction(c.bound).s).toBe(-1n);
    expect(verifyFarkas(boxed, c).verified).toBe(true);
    const data = JSON.parse(JSON.stringify(farkasData(boxed, c)));
    expect(verifyFarkasData(data)).toBeUndefined();
  });

  test('a tampered certificate fails: y negated, a saved bound changed, a row dropped', async () => {
    const c = farkas((await solveLp(boxed)).certificate);
    const neg = c.y.map((s) => new Fraction(s).neg().toFraction());
    expect(verifyFarkas(boxed, { y: neg }).verified).toBe(false);
    const data = farkasData(boxed, c);
    expect(verifyFarkasData({ ...data, problem: { ...data.problem, rowLower: [2] } })).toMatch(/not negative/);
    expect(verifyFarkasData({ ...data, y: [] })).toMatch(/entries/);
    expect(verifyFarkasData({ ...data, y: ['x'] })).toMatch(/y\[0\]|rational/);
    expect(verifyFarkasData({ problem: 7, y: c.y })).toMatch(/problem/);
  });

  test('a float certificate that needs cleaning: 0.1x ≥ 1, 0.3x ≤ 1, x free (doubles as they are)', async () => {
    // y must make (Aᵀy) = y₁·fl(0.1) + y₂·fl(0.3) exactly 0; fl(0.3) ≠ 3·fl(0.1), so no short decimal y does.
    const p: LinearProgram = { cost: [0], A: [[0.1], [0.3]], rowLower: [1, -Infinity], rowUpper: [Infinity, 1], colLower: [-Infinity] };
    expect(exactRational(0.3).equals(exactRational(0.1).mul(3))).toBe(false);
    expect(verifyFarkas(p, { y: ['-3/4', '1/4'] }).verified).toBe(false);
    const r = await solveLp(p);
    expect(r.certified).toBe(true);
    const c = farkas(r.certificate);
    expect(c.route).toBe('support re-solve');
    expect(verifyFarkas(p, c).verified).toBe(true);
    // Any perturbation of one multiplier breaks (Aᵀy) = 0 on the free column.
    const bumped = [new Fraction(c.y[0]).mul('1000001/1000000').toFraction(), c.y[1]];
    expect(verifyFarkas(p, { y: bumped }).why).toMatch(/Aᵀy/);
  });

  test('rational reconstruction: x/3 ≥ 1, x/7 ≤ 1/5, x free, data as exact strings', async () => {
    // The solver's y ≈ (−3/10, 7/10)·k in doubles misses y₁/3 + y₂/7 = 0 exactly; small denominators restore it.
    const p: LinearProgram = { cost: [0], A: [['1/3'], ['1/7']], rowLower: ['1', -Infinity], rowUpper: [Infinity, '1/5'], colLower: [-Infinity] };
    const r = await solveLp(p);
    expect(r.certified).toBe(true);
    const c = farkas(r.certificate);
    expect(['rational reconstruction', 'support re-solve', 'solver']).toContain(c.route);
    expect(verifyFarkas(p, c).verified).toBe(true);
    const y = c.y.map((s) => new Fraction(s));
    expect(y[0].div(3).add(y[1].div(7)).equals(0)).toBe(true);
  });

  test('HiGHS says infeasible, exact arithmetic says feasible: reported uncertified, nothing claimed', async () => {
    // Rows 0.1x₁ + 0.2x₂ + 0.7x₃ ≥ 1 and 0.3x₁ + 0.6x₂ + 2.1x₃ ≤ 2.9: proportional in decimals (infeasible),
    // but the doubles are not: the 2×2 minor of columns 1 and 3 is not 0, so A x takes every value in R².
    const p: LinearProgram = { cost: [0, 0, 0], A: [[0.1, 0.2, 0.7], [0.3, 0.6, 2.1]], rowLower: [1, -Infinity], rowUpper: [Infinity, 2.9], colLower: [-Infinity, -Infinity, -Infinity] };
    const q = (v: number) => exactRational(v);
    expect(q(0.1).mul(q(2.1)).equals(q(0.7).mul(q(0.3)))).toBe(false);
    const r = await solveLp(p);
    if (r.status === 'infeasible') {
      expect(r.certified).toBe(false);
      expect(r.why).toMatch(/no Farkas certificate verified exactly|not confirmed/);
    } else expect(r.status).toBe('optimal');
  });
});

describe('unbounded and malformed problems', () => {
  test('min −x over x ≥ 0 is unbounded; so is min x + y with x, y free: certified by a point and a ray', async () => {
    const p1: LinearProgram = { cost: [-1], A: [] };
    const r1 = await solveLp(p1);
    expect([r1.status, r1.certified]).toEqual(['unbounded', true]);
    expect(verifyRay(p1, ray(r1.certificate))).toEqual({ verified: true });
    const p2: LinearProgram = { cost: [1, 1], A: [[1, -1]], rowLower: [-1], rowUpper: [1], colLower: [-Infinity, -Infinity] };
    const r2 = await solveLp(p2);
    expect([r2.status, r2.certified]).toEqual(['unbounded', true]);
    const c = ray(r2.certificate);
    expect(verifyRay(p2, c).verified).toBe(true);
    // Along the row's bounded direction d₁ = d₂ the objective moves; any other direction leaves the slab.
    const d = c.d.map((v) => new Fraction(v));
    expect(d[0].equals(d[1]) && d[0].s < 0n).toBe(true);
    expect(verifyRay(p2, { ...c, d: ['-1', '0'] }).why).toMatch(/\(Ad\)\[0\]/);
    expect(verifyRay(p2, { ...c, d: ['1', '1'] }).why).toMatch(/improve/);
    expect(verifyRay(p2, { ...c, x: ['5', '0'] }).why).toMatch(/not feasible/);
  });

  test('a ray that needs snapping: 0.1x = 0.3y, max x + y, both free (doubles as they are)', async () => {
    const p: LinearProgram = { sense: 'maximize', cost: [1, 1], A: [[0.1, -0.3]], rowLower: [0], rowUpper: [0], colLower: [-Infinity, -Infinity] };
    const r = await solveLp(p);
    expect([r.status, r.certified]).toEqual(['unbounded', true]);
    const c = ray(r.certificate);
    expect(c.route).toMatch(/^d snapped/);
    expect(verifyRay(p, c).verified).toBe(true);
    const d = c.d.map((v) => new Fraction(v));
    expect(d[0].mul(exactRational(0.1)).equals(d[1].mul(exactRational(0.3)))).toBe(true);
    expect(verifyRay(p, { ...c, d: ['3', '1'] }).verified).toBe(false); // 3·fl(0.1) ≠ fl(0.3)
  });

  test('an empty feasible set found under an unbounded objective is still infeasible, with its certificate', async () => {
    const p: LinearProgram = { cost: [-1, 0], A: [[0, 1]], rowLower: [2], colUpper: [Infinity, 1] };
    const r = await solveLp(p);
    expect(r.status).toBe('infeasible');
    expect(r.certified).toBe(true);
  });

  test('bad data throw naming the field', async () => {
    await expect(solveLp({ cost: [1], A: [[NaN]] })).rejects.toThrow(/A\[0\]\[0\]: NaN/);
    await expect(solveLp({ cost: [1], A: [[1]], rowLower: [2], rowUpper: [1] })).rejects.toThrow(/rowLower\[0\]: above rowUpper/);
    await expect(solveLp({ cost: [1, 2], A: [[1]] })).rejects.toThrow(/A\[0\]: has 1 entries/);
    await expect(solveLp({ cost: [Infinity], A: [] })).rejects.toThrow(/cost\[0\]/);
    await expect(solveLp({ cost: ['1/0'], A: [] })).rejects.toThrow(/cost\[0\]/);
    expect(() => lpFromData({ cost: [1], A: [[{}]], rowLower: [], rowUpper: [], colLower: [0], colUpper: [null] })).toThrow(/problem\.A\[0\]\[0\]/);
  });
});

describe('one-column problems against their exact interval', () => {
  // One column: the feasible set is an interval, the intersection of {x : l ≤ a·x ≤ u} over the rows
  // and the column's bounds, computed here in rationals: an independent answer for status and value.
  const small = fc.integer({ min: -4, max: 4 });
  const bound = fc.option(small, { nil: null });
  ptest.prop([fc.array(fc.tuple(small, bound, bound), { minLength: 1, maxLength: 4 }), bound, bound, small], { numRuns: 20, seed: 11 })(
    'status and optimum agree with the exact interval',
    async (rows, cl, cu, c) => {
      const lo = (v: number | null) => (v === null ? -Infinity : v);
      const hi = (v: number | null) => (v === null ? Infinity : v);
      const rl = rows.map(([, l, u]) => (l !== null && u !== null && l > u ? u : l));
      const ru = rows.map(([, l, u]) => (l !== null && u !== null && l > u ? l : u));
      const colLower = cl !== null && cu !== null && cl > cu ? cu : cl;
      const colUpper = cl !== null && cu !== null && cl > cu ? cl : cu;
      const p: LinearProgram = { cost: [c], A: rows.map(([a]) => [a]), rowLower: rl.map(lo), rowUpper: ru.map(hi), colLower: [lo(colLower)], colUpper: [hi(colUpper)] };
      // The exact interval [L, U] of x (null: infinite).
      let L: Fraction | null = colLower === null ? null : new Fraction(colLower);
      let U: Fraction | null = colUpper === null ? null : new Fraction(colUpper);
      let empty = false;
      rows.forEach(([a], i) => {
        const [l, u] = [rl[i], ru[i]];
        if (a === 0) {
          if ((l !== null && l > 0) || (u !== null && u < 0)) empty = true;
          return;
        }
        let xl = l === null ? null : new Fraction(l, a);
        let xu = u === null ? null : new Fraction(u, a);
        if (a < 0) [xl, xu] = [xu, xl];
        if (xl !== null && (L === null || xl.gt(L))) L = xl;
        if (xu !== null && (U === null || xu.lt(U))) U = xu;
      });
      if (L !== null && U !== null && (L as Fraction).gt(U)) empty = true;
      const r = await solveLp(p);
      if (empty) {
        expect(r.status).toBe('infeasible');
        expect(r.certified).toBe(true);
        expect(verifyFarkas(p, farkas(r.certificate)).verified).toBe(true);
        return;
      }
      const best = c > 0 ? L : c < 0 ? U : new Fraction(0);
      if (best === null) {
        expect(r.status).toBe('unbounded');
        expect(r.certified, r.why).toBe(true);
        expect(verifyRay(p, ray(r.certificate)).verified).toBe(true);
        return;
      }
      expect(r.status).toBe('optimal');
      expect(r.certified).toBe(true);
      const cert = optimality(r.certificate);
      const value = c === 0 ? new Fraction(0) : (best as Fraction).mul(c);
      expect(new Fraction(cert.lower).lte(value) && value.lte(new Fraction(cert.upper))).toBe(true);
      expect(verifyOptimality(p, cert).verified).toBe(true);
    },
  );
});

describe('small random problems: every answer is certified and re-verifies', () => {
  const small = fc.integer({ min: -3, max: 3 });
  ptest.prop(
    [
      fc.integer({ min: 1, max: 4 }).chain((m) =>
        fc.integer({ min: 1, max: 4 }).chain((n) =>
          fc.record({
            A: fc.array(fc.array(small, { minLength: n, maxLength: n }), { minLength: m, maxLength: m }),
            cost: fc.array(small, { minLength: n, maxLength: n }),
            rowLower: fc.array(fc.option(small, { nil: -Infinity }), { minLength: m, maxLength: m }),
            width: fc.array(fc.option(fc.integer({ min: 0, max: 4 }), { nil: Infinity }), { minLength: m, maxLength: m }),
            colUpper: fc.array(fc.option(fc.integer({ min: 0, max: 3 }), { nil: Infinity }), { minLength: n, maxLength: n }),
          }),
        ),
      ),
    ],
    { numRuns: 25, seed: 5 },
  )('certified and re-verified', async ({ A, cost, rowLower, width, colUpper }) => {
    const rowUpper = rowLower.map((l, i) => (Number.isFinite(l) ? l + width[i] : width[i] === Infinity ? Infinity : width[i]));
    const p: LinearProgram = { cost, A, rowLower, rowUpper, colUpper };
    const r = await solveLp(p);
    expect(['optimal', 'infeasible', 'unbounded']).toContain(r.status);
    if (r.status === 'optimal') {
      expect(r.certified, r.why).toBe(true);
      const c = optimality(r.certificate);
      expect(verifyOptimality(p, c).verified).toBe(true);
      expect(c.lower).toBe(c.upper); // integer data: the snapped vertex closes the gap exactly
    }
    if (r.status === 'infeasible') {
      expect(r.certified, r.why).toBe(true);
      expect(verifyFarkas(p, farkas(r.certificate)).verified).toBe(true);
    }
    if (r.status === 'unbounded') {
      expect(r.certified, r.why).toBe(true);
      expect(verifyRay(p, ray(r.certificate)).verified).toBe(true);
    }
    // The data round-trip through JSON to the same exact problem.
    const back = lpFromData(JSON.parse(JSON.stringify(lpToData(p))));
    if (r.status === 'infeasible') expect(verifyFarkas(back, farkas(r.certificate)).verified).toBe(true);
  });
});

describe('float data whose only certificate has huge denominators', () => {
  // n free columns, n + 1 rows a_i·x ≥ b_i, the last row ≈ −Σλ_i a_i in doubles. The rows' exact
  // dependency is the generalised cross product g (g_i = (−1)^i det A without row i; Cramer, an
  // independent derivation), so the problem is infeasible exactly iff ±g ≥ 0 with bᵀ(±g) > 0 — and
  // then every certificate is a multiple of g, whose denominators only an exact re-solve reaches.
  const det = (M: Fraction[][]): Fraction => {
    if (M.length === 1) return M[0][0];
    let d = new Fraction(0);
    M[0].forEach((v, j) => {
      const minor = M.slice(1).map((r) => r.filter((_, k) => k !== j));
      d = d.add(v.mul(det(minor)).mul(j % 2 === 0 ? 1 : -1));
    });
    return d;
  };
  const coefs = fc.integer({ min: -9, max: 9 }).filter((k) => k !== 0).map((k) => k * 0.1);
  ptest.prop([fc.integer({ min: 2, max: 3 }).chain((n) => fc.tuple(fc.array(fc.array(coefs, { minLength: n, maxLength: n }), { minLength: n, maxLength: n }), fc.array(fc.integer({ min: 1, max: 5 }).map((k) => k * 0.3), { minLength: n, maxLength: n }), fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: n + 1, maxLength: n + 1 })))], { numRuns: 10, seed: 8 })(
    'certified through the support re-solve, and proportional to g exactly',
    async ([rows, lambda, b0]) => {
      const n = rows[0].length;
      const last = Array.from({ length: n }, (_, j) => -rows.reduce((acc, r, i) => acc + lambda[i] * r[j], 0));
      const A = [...rows, last];
      // Make it infeasible in the reals with a margin: Σλ_i b_i + b_last = 1.
      const b = b0.slice();
      b[n] = 1 - rows.reduce((acc, _, i) => acc + lambda[i] * b[i], 0);
      const p: LinearProgram = { cost: Array(n).fill(0), A, rowLower: b, colLower: Array(n).fill(-Infinity) };
      const Aq = A.map((r) => r.map(exactRational));
      const g = A.map((_, i) => det(Aq.filter((_, k) => k !== i)).mul(i % 2 === 0 ? 1 : -1));
      const sg = g[n].s; // orient g so its last entry is positive (g ≈ (λ, 1)·k)
      const gp = g.map((v) => v.mul(sg));
      fc.pre(gp.every((v) => v.s > 0n && v.n !== 0n)); // degenerate draws (a zero minor) are not this test
      const bg = gp.reduce((acc, v, i) => acc.add(v.mul(exactRational(b[i]))), new Fraction(0));
      fc.pre(bg.s > 0n);
      const r = await solveLp(p);
      expect(r.status).toBe('infeasible');
      expect(r.certified, r.why).toBe(true);
      const y = farkas(r.certificate).y.map((v) => new Fraction(v));
      // y = −κ·g for some κ > 0 (row multipliers of lower bounds are ≤ 0 in this convention).
      const kappa = y[n].div(gp[n]).neg();
      expect(kappa.s).toBe(1n);
      y.forEach((v, i) => expect(v.equals(gp[i].mul(kappa).neg())).toBe(true));
    },
  );
});

describe('solveAffine: exact solutions of rank-deficient systems', () => {
  // Systems built around a known solution x* (rhs = A x*, so consistent), rows partly combinations
  // of others; the answer is checked by substitution, and a copy of a row with rhs + 1 must be refused.
  const entry = fc.integer({ min: -6, max: 6 });
  ptest.prop(
    [
      fc.integer({ min: 1, max: 5 }).chain((n) =>
        fc.record({
          base: fc.array(fc.array(entry, { minLength: n, maxLength: n }), { minLength: 1, maxLength: 4 }),
          weights: fc.array(fc.array(fc.integer({ min: -2, max: 2 }), { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
          xstar: fc.array(fc.integer({ min: -9, max: 9 }), { minLength: n, maxLength: n }),
          guess: fc.array(fc.integer({ min: -99, max: 99 }), { minLength: n, maxLength: n }),
          den: fc.integer({ min: 1, max: 7 }),
        }),
      ),
    ],
    { numRuns: 60, seed: 21 },
  )('a solution by substitution; inconsistency refused', ({ base, weights, xstar, guess, den }) => {
    const n = xstar.length;
    const rows = [...base, ...weights.map((w) => Array.from({ length: n }, (_, j) => base.reduce((a, r, i) => a + (w[i] ?? 0) * r[j], 0)))];
    const eq = (r: number[], shift = 0) => ({
      idx: r.map((_, j) => j),
      val: r.map((v) => new Fraction(v, den)),
      rhs: new Fraction(r.reduce((a, v, j) => a + v * xstar[j], 0) + shift, den),
    });
    const eqs = rows.map((r) => eq(r));
    const g = guess.map((v) => new Fraction(v, 3));
    const x = solveAffine(eqs, g);
    expect(x).toBeDefined();
    for (const q of eqs) {
      const lhs = q.idx.reduce((a, u, k) => a.add(q.val[k].mul(x![u])), new Fraction(0));
      expect(lhs.equals(q.rhs)).toBe(true);
    }
    if (rows[0].some((v) => v !== 0)) expect(solveAffine([...eqs, eq(rows[0], 1)], g)).toBeUndefined();
  });
});

describe('bestRational', () => {
  test('continued fractions: π to 355/113, 0.3 to 3/10, denominators capped', () => {
    expect(bestRational(Math.PI, 1000).toFraction()).toBe('355/113');
    expect(bestRational(0.3, 1_000_000).toFraction()).toBe('3/10');
    expect(bestRational(-2 / 7, 100).toFraction()).toBe('-2/7');
    expect(bestRational(0, 10).toFraction()).toBe('0');
    expect(() => bestRational(NaN, 10)).toThrow(/finite/);
  });
});
