/**
 * lp.ts lines 541–800 (the Farkas alternative LP, findFarkas's routes, the support re-solve,
 * bestRational, solveAffine): the tests Stryker's first run on these lines asked for. Every expected
 * value is worked out by hand beside it (Aᵀy = 0 solved on paper, h(y) summed from the bounds,
 * continued fractions of an exact double), not read from the code.
 */
import { describe, expect, test } from 'vitest';
import { bestRational, solveAffine, solveLp, verifyFarkas, type FarkasCertificate, type LinearProgram } from '../../src/numeric/lp.ts';
import { exactRational, Fraction } from '../../src/numeric/rational.ts';

const farkas = (c: unknown) => c as FarkasCertificate;

describe('findFarkas: which route certifies, and the certificate it gives', () => {
  test('x/3 ≥ 1, x/7 ≤ 1/5, x free: the solver’s y ≈ (−0.3, 0.7) fails, y/max|y| rounded to (−3/7, 1) verifies', async () => {
    // Aᵀy = y₁/3 + y₂/7 = 0 gives y₁ = −3y₂/7: with max |y| = 1, y = (−3/7, 1); the doubles −0.3, 0.7
    // miss the equation exactly. h(y) = σ_[1,∞)(−3/7) + σ_(−∞,1/5](1) = −3/7 + 1/5 = −8/35.
    const p: LinearProgram = { cost: [0], A: [['1/3'], ['1/7']], rowLower: ['1', -Infinity], rowUpper: [Infinity, '1/5'], colLower: [-Infinity] };
    const c = farkas((await solveLp(p)).certificate);
    expect([c.route, c.y, c.bound]).toEqual(['rational reconstruction', ['-3/7', '1'], '-8/35']);
  });

  test('0 ≤ 5x ≤ 0.2 and −x ≥ 1: y = (−1/5, 0, −1) after rounding y/max|y|; row 2 (free) carries nothing', async () => {
    // Aᵀy = 5y₁ − y₃ = 0 (row 2 has no finite bound, so no multiplier): y₃ = 5y₁; max |y| = 1 gives
    // y = (−1/5, 0, −1), h = σ_[0,0.2](−1/5) + σ_[1,∞)(−1) = 0 − 1 = −1. The solver's y (normalised by
    // Σ|y| ≤ 1) is (−1/6, 0, −5/6) in doubles: not exact.
    const p: LinearProgram = { cost: [0], A: [[5], [-0.3], [-1]], rowLower: [0, -Infinity, 1], rowUpper: [0.2, Infinity, Infinity], colLower: [-Infinity] };
    const c = farkas((await solveLp(p)).certificate);
    expect([c.route, c.y, c.bound]).toEqual(['rational reconstruction', ['-1/5', '0', '-1'], '-1']);
  });

  test('feasible in exact arithmetic though HiGHS says infeasible: every route is tried, in order, and named', async () => {
    // 0.1x₁ + 0.2x₂ + 0.7x₃ ≥ 1, 0.3x₁ + 0.6x₂ + 2.1x₃ ≤ 2.9 (lp.test.ts): the doubles' 2×2 minor of columns
    // 1 and 3 is not 0, so Aᵀy = 0 forces y = 0 exactly: the support re-solve can only return y = 0, h = 0.
    const p: LinearProgram = { cost: [0, 0, 0], A: [[0.1, 0.2, 0.7], [0.3, 0.6, 2.1]], rowLower: [1, -Infinity], rowUpper: [Infinity, 2.9], colLower: [-Infinity, -Infinity, -Infinity] };
    const q = exactRational;
    expect(q(0.1).mul(q(2.1)).equals(q(0.7).mul(q(0.3)))).toBe(false);
    const r = await solveLp(p);
    expect([r.status, r.certified, r.certificate]).toEqual(['infeasible', false, undefined]);
    const col0 = String.raw`\(Aᵀy\)\[0\] = -?[0-9.e-]+ is not 0 or of the sign the bounds of col 0 allow`;
    expect(r.why).toMatch(new RegExp(`^no Farkas certificate verified exactly \\(solver: ${col0}; dropped tiny entries: ${col0}; rational reconstruction: ${col0}; support re-solve: h\\(y\\) = 0\\)$`));
  });

  test('3x₁ + 1e-8·x₂ ≤ 0, 1e-8·x₁ + x₂ ≥ 1/4, x ≥ 0: infeasible, but h(y) ≈ −6e-10 is under HiGHS’s tolerance', async () => {
    // x₁ ≥ 0 and 3x₁ ≤ −1e-8·x₂ ≤ 0 force x₁ = 0, then x₂ ≤ 0 < 1/4: infeasible. Every certificate
    // has y₁ ≈ 1e8·|y₃| (to cancel column 2), so with Σ|y| + Σ|z| ≤ 1 the best h(y) = −|y₃|/4 is about
    // −1/(16e8): HiGHS's alternative LP stops at 0, which is not a proof; nothing is claimed.
    const p: LinearProgram = { cost: [0, 0], A: [[3, 1e-8], [1e-8, 1]], rowLower: [-1, 0.25], rowUpper: [0, Infinity], colLower: [0, 0] };
    const r = await solveLp(p);
    expect(r).toEqual({ status: 'infeasible', solverStatus: 'infeasible', certified: false, why: 'the Farkas alternative LP\'s optimum is 0, not negative: HiGHS\'s "infeasible" is not confirmed' });
  });

  test('the support re-solve keeps only y’s support and equates only the columns where Aᵀy ≈ 0', async () => {
    const q = exactRational;
    // 0.1x + w ≥ 3, 0.3x ≤ 1, x free, w ∈ [0, 1]: 0.1x + w ≤ 1/3 + 1 < 3. Column x forces
    // y₁·fl(0.1) + y₂·fl(0.3) = 0 exactly (no short fraction does: fl(0.3) ≠ 3·fl(0.1)); column w is
    // bounded, so −y₁ > 0 is paid at w's upper bound 1 and must NOT be equated to 0 (that would force y = 0):
    // h = 3y₁ + 1·y₂ + 1·(−y₁) = 2y₁ + y₂.
    const a: LinearProgram = { cost: [0, 0], A: [[0.1, 1], [0.3, 0]], rowLower: [3, -Infinity], rowUpper: [Infinity, 1], colLower: [-Infinity, 0], colUpper: [Infinity, 1] };
    const c = farkas((await solveLp(a)).certificate);
    expect(c.route).toBe('support re-solve');
    const [y1, y2] = c.y.map((v) => new Fraction(v));
    expect([y1.s, y2.s, y1.n !== 0n]).toEqual([-1n, 1n, true]);
    expect(y1.mul(q(0.1)).add(y2.mul(q(0.3))).equals(0)).toBe(true);
    expect(c.bound).toBe(y1.mul(2).add(y2).toFraction());
    expect(y1.mul(2).add(y2).s).toBe(-1n);
    // A third, slack row 0.7x ≥ −1000 gets y₃ = 0: the support is 2 rows, so a cap of 2 allows the
    // re-solve, and y₃ stays exactly 0; h = 1·y₁ + 1·y₂.
    const b: LinearProgram = { cost: [0], A: [[0.1], [0.3], [0.7]], rowLower: [1, -Infinity, -1000], rowUpper: [Infinity, 1, Infinity], colLower: [-Infinity] };
    const rb = await solveLp(b, { maxExactSupport: 2 });
    const cb = farkas(rb.certificate);
    expect([rb.certified, cb.route, cb.y[2]]).toEqual([true, 'support re-solve', '0']);
    const [b1, b2] = cb.y.map((v) => new Fraction(v));
    expect(b1.mul(q(0.1)).add(b2.mul(q(0.3))).equals(0)).toBe(true);
    expect(cb.bound).toBe(b1.add(b2).toFraction());
  });

  test('rows without columns: the alternative LP has only its normalisation row, and the solver’s y verifies', async () => {
    // 0 ∈ [1, 2] fails: y = −1 on the lower bound, h = −1·1 = −1 (the largest |h| with |y| ≤ 1).
    const r = await solveLp({ cost: [], A: [[]], rowLower: [1], rowUpper: [2] });
    expect(farkas(r.certificate)).toEqual({ kind: 'farkas', y: ['-1'], bound: '-1', route: 'solver' });
  });
});

describe('bestRational: the break on a vanishing remainder', () => {
  test('x = fl(1e-15): the remainder is x itself, not below 1e-15, so the convergent 1/⌊1/x⌋ is taken', () => {
    // fl(1e-15) = 1.0000000000000000777e-15 exactly, so 1/x = 999999999999999.92…: the continued
    // fraction is [0; 999999999999999, 1, …], convergents 0/1, 1/999999999999999, 1/10^15. With the cap
    // 10^15 − 1 the middle one is the last allowed.
    const x = exactRational(1e-15);
    expect(x.gt(new Fraction(1, 10 ** 15))).toBe(true);
    const a1 = x.inverse().floor();
    expect(a1.toFraction()).toBe('999999999999999');
    expect(bestRational(1e-15, 999_999_999_999_999).toFraction()).toBe('1/999999999999999');
    expect(bestRational(-1e-15, 999_999_999_999_999).toFraction()).toBe('-1/999999999999999');
  });
});

describe('solveAffine leaves its guess alone', () => {
  test('x + y = 1 with guess (0, 5): x is the pivot, x = 1 − 5 = −4, and the guess array is not overwritten', () => {
    const g = [new Fraction(0), new Fraction(5)];
    const x = solveAffine([{ idx: [0, 1], val: [new Fraction(1), new Fraction(1)], rhs: new Fraction(1) }], g)!;
    expect(x.map((v) => v.toFraction())).toEqual(['-4', '5']);
    expect(g.map((v) => v.toFraction())).toEqual(['0', '5']);
  });
});

describe('verifyFarkas on rows without columns', () => {
  test('h(y) sums the rows’ support functions alone', () => {
    const p: LinearProgram = { cost: [], A: [[], []], rowLower: [1, -Infinity], rowUpper: [3, 4] };
    // y = (−1, 0): h = −1·1 = −1 < 0; y = (1, 0): h = 1·3 = 3, not a certificate
    expect(verifyFarkas(p, { y: ['-1', '0'] })).toEqual({ verified: true, bound: '-1' });
    expect(verifyFarkas(p, { y: ['1', '0'] }).verified).toBe(false);
  });
});
