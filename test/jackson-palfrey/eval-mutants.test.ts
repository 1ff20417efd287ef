/**
 * eval.ts (`mechcheck eval jp.efficient-cutoffs`), its survivors (issue #11): the Dists as the
 * model's buyers and sellers checked against the Dist's own CDF (distributions/, no shared code) —
 * exact representations everywhere, cells at their knots — and the T = 1 surplus in closed form.
 */
import { describe, expect, test } from 'vitest';
import { makeDist } from '../../src/distributions/index.ts';
import type { DistSpec } from '../../src/distributions/types.ts';
import { InputError } from '../../src/errors.ts';
import { buyerCdf, makeEconomy, makeSellers, sellerCdf, uniformBuyers } from '../../src/models/jackson-palfrey/economy.ts';
import { cStar, theorem1Cutoffs, theorem2Cutoffs } from '../../src/models/jackson-palfrey/efficient.ts';
import { ATOMS_MAX, buyersFromDist, CELLS_DEFAULT, jpEfficientCutoffs, parseCutoffsRequest, sellersFromDist } from '../../src/models/jackson-palfrey/eval.ts';

const U = (lo = 0, hi = 1) => ({ kind: 'uniform', lo, hi });
const atoms = (points: [number, number][]) => ({ kind: 'atoms', points });
const mix = (parts: [number, unknown][]) => ({ kind: 'mixture', parts: parts.map(([weight, dist]) => ({ weight, dist })) });
const pw = (pieces: [number, number, number][]) => ({ kind: 'piecewise-uniform', pieces: pieces.map(([lo, hi, weight]) => ({ lo, hi, weight })) });
const BETA = { kind: 'beta', a: 2, b: 3, lo: 0, hi: 1 };
const grid = Array.from({ length: 41 }, (_, k) => k / 40);

describe('buyers and sellers from a Dist', () => {
  test.each([
    ['uniform on (0.2, 0.7)', U(0.2, 0.7)],
    ['piecewise uniform, a zero-weight piece', pw([[0, 0.3, 1], [0.3, 1, 3], [0.45, 0.55, 0]])],
    ['an atom at 0 only', atoms([[0, 1]])],
    ['a mixture: atom at 0, overlapping uniform pieces, a zero-weight part', mix([[1, atoms([[0, 1]])], [2, U()], [1, pw([[0.5, 1, 1]])], [0, BETA]])],
    ['a mixture inside a mixture', mix([[1, mix([[1, U(0, 0.5)], [1, atoms([[0, 2]])]])], [3, U(0.25, 1)]])],
  ])('buyers exactly: B(v) = mass·F(v) everywhere (%s)', (_, spec) => {
    const d = makeDist(spec as DistSpec);
    const { buyers, exact } = buyersFromDist(spec as DistSpec, d, 2, 10);
    expect(exact).toBe(true);
    for (const v of grid) expect(buyerCdf(buyers, v), `${v}`).toBeCloseTo(2 * d.cdf(v), 13);
  });

  test.each([
    ['beta', BETA],
    ['a beta beside an atom at 0', mix([[1, atoms([[0, 1]])], [3, BETA]])],
  ])('buyers as cells: B = mass·F at every knot k/cells (%s)', (_, spec) => {
    const d = makeDist(spec as DistSpec);
    const { buyers, exact } = buyersFromDist(spec as DistSpec, d, 2, 20);
    expect(exact).toBe(false);
    for (let k = 0; k <= 20; k++) expect(buyerCdf(buyers, k / 20), `${k}`).toBeCloseTo(2 * d.cdf(k / 20), 13);
  });

  test.each([
    ['atoms', atoms([[0.1, 1], [0.5, 3]])],
    ['a mixture of atoms with a zero-weight part', mix([[1, atoms([[0, 1]])], [3, atoms([[0.4, 1], [1, 1]])], [0, atoms([[0.7, 1]])]])],
  ])('sellers exactly: S(v) = mass·F(v) (%s)', (_, spec) => {
    const d = makeDist(spec as DistSpec);
    const { sellers, exact } = sellersFromDist(spec as DistSpec, d, 2, 10);
    expect(exact).toBe(true);
    for (const v of grid) expect(sellerCdf(sellers, v), `${v}`).toBeCloseTo(2 * d.cdf(v), 13);
  });

  test.each([
    ['beta', BETA],
    ['an atom at 0.35 beside a uniform part', mix([[1, atoms([[0.35, 1]])], [3, U()]])],
    ['an atom on a knot, 0.5', mix([[1, atoms([[0.5, 1]])], [1, BETA]])],
  ])('sellers as cells: the Dist\'s atoms where they are, S = mass·F at every knot (%s)', (_, spec) => {
    const d = makeDist(spec as DistSpec);
    const { sellers, exact } = sellersFromDist(spec as DistSpec, d, 2, 10);
    expect(exact).toBe(false);
    for (let k = 0; k <= 10; k++) expect(sellerCdf(sellers, k / 10), `${k}`).toBeCloseTo(2 * d.cdf(k / 10), 13);
    for (const [x, w] of d.atoms) expect(sellerCdf(sellers, x) - sellerCdf(sellers, x - 1e-12), `${x}`).toBeGreaterThanOrEqual(2 * w - 1e-13);
    // the continuous part sits at the cells' midpoints
    for (const v of sellers.values) expect(d.atoms.some(([x]) => x === v) || Math.abs(((v * 10) % 1) - 0.5) < 1e-9, `${v}`).toBe(true);
  });
});

describe('answers in closed form', () => {
  test('T = 1: every pair with b ≥ s trades once, surplus Σ σ_j ∫(b − s_j)⁺ dB / B(1)', () => {
    // uniform buyers of mass 2; sellers 1.8 at 0 and 0.2 at 1: 1.8 · (2 · 1/2) / 2 = 0.9
    const out = jpEfficientCutoffs.evaluate({ periods: 1, delta: 1, buyers: { mass: 2, dist: U() }, sellers: { mass: 2, dist: atoms([[0, 0.9], [1, 0.1]]) }, at: [0, 0.25] }) as Record<string, any>;
    expect(out.surplus).toBeCloseTo(0.9, 14);
    expect(out.cutoffs).toEqual([[0, 0.25]]);
    expect(out.converged).toBe(true);
    expect(out.exact).toBe(true);
    expect(out.approximation).toBeUndefined();
    expect(out.roots).toBeUndefined();
    // sellers 0.5 at 0.5 too: ∫_{1/2}^1 (b − 1/2) db = 1/8
    const two = jpEfficientCutoffs.evaluate({ periods: 1, delta: 1, buyers: { mass: 1, dist: U() }, sellers: { mass: 1, dist: atoms([[0, 0.5], [0.5, 0.5]]) } }) as Record<string, any>;
    expect(two.surplus).toBeCloseTo(0.5 * 0.5 + 0.5 * 0.125, 14);
    expect(two.cutoffs).toEqual([[0]]);
  });
});

test('a zero-weight part of the sellers is the same Dist, so the same answer to the byte (no seller of mass 0 enters the fixed point)', () => {
  const base = { periods: 2, delta: 0.9, buyers: { mass: 1, dist: U() }, at: [0, 0.3, 0.7] };
  const two = atoms([[0, 0.5], [0.6, 0.5]]);
  const a = jpEfficientCutoffs.evaluate({ ...base, sellers: { mass: 1, dist: two } });
  const b = jpEfficientCutoffs.evaluate({ ...base, sellers: { mass: 1, dist: mix([[1, two], [0, atoms([[0.3, 1]])]]) } });
  expect(JSON.stringify(b)).toBe(JSON.stringify(a));
});

test('sellers as cells: no atom where the Dist has no mass (a gap in the support)', () => {
  const spec = pw([[0, 0.3, 1], [0.6, 1, 1]]) as DistSpec;
  const d = makeDist(spec);
  const { sellers } = sellersFromDist(spec, d, 1, 10);
  expect(Array.from(sellers.mass).every((m) => m > 0)).toBe(true);
  expect(Array.from(sellers.values).some((v) => v > 0.3 && v < 0.6)).toBe(false);
});

// mut9-jp: the survivors of the measured runs (mutation/results/mut9-jp.md)
describe('request checks: each names its field and says why', () => {
  const ok = () => ({ periods: 2, delta: 1, buyers: { mass: 1, dist: U() }, sellers: { mass: 1, dist: atoms([[0, 0.6], [1, 0.4]]) } });
  function refusal(r: unknown): string {
    try {
      parseCutoffsRequest(r);
    } catch (err) {
      return err instanceof InputError ? err.message : `not an InputError: ${err}`;
    }
    return 'accepted';
  }

  test('a side without a dist; a shape error; a bad Dist named by its side', () => {
    expect(refusal({ ...ok(), buyers: { mass: 1 } })).toBe('buyers.dist: is required');
    expect(refusal({ ...ok(), periods: 0 })).toBe('periods: must be at least 1');
    expect(refusal({ ...ok(), buyers: { mass: 1, dist: U(0.5, 0.2) } })).toMatch(/^buyers\.dist(\.\w+)?: /);
    expect(refusal({ ...ok(), sellers: { mass: 1, dist: U(0.5, 0.2) } })).toMatch(/^sellers\.dist(\.\w+)?: /);
  });

  test('the masses agree to 1e-12 relative to the larger', () => {
    // mass 2: 1e-12 apart is 5e-13 relative, accepted; 3e-12·2 apart is not
    expect(refusal({ ...ok(), buyers: { mass: 2, dist: U() }, sellers: { mass: 2 + 1e-12, dist: atoms([[0, 1]]) } })).toBe('accepted');
    expect(refusal({ ...ok(), buyers: { mass: 2, dist: U() }, sellers: { mass: 2 + 6e-12, dist: atoms([[0, 1]]) } })).toMatch(/^sellers\.mass: must equal buyers\.mass \(B_1\(1\) = S_1\(1\); got 2\.000000000006 against 2\)$/);
    expect(refusal({ ...ok(), buyers: { mass: 1, dist: U() } })).toBe('accepted');
  });

  test('values outside [0, 1]; buyer atoms away from 0 (a zero-weight one is no atom)', () => {
    expect(refusal({ ...ok(), buyers: { mass: 1, dist: U(0, 1.5) } })).toBe('buyers.dist: must lie in [0, 1] (values are reservation values; got support [0, 1.5])');
    expect(refusal({ ...ok(), sellers: { mass: 1, dist: atoms([[0, 1], [1.2, 1]]) } })).toMatch(/^sellers\.dist: must lie in \[0, 1\]/);
    expect(refusal({ ...ok(), sellers: { mass: 1, dist: U(-0.5, 1) } })).toBe('sellers.dist: must lie in [0, 1] (values are reservation values; got support [-0.5, 1])');
    expect(refusal({ ...ok(), buyers: { mass: 1, dist: mix([[1, U()], [1, atoms([[0.5, 1]])]]) } })).toBe(
      'buyers.dist: atoms are allowed only at 0 (the paper assumes B_1 continuous and increasing on (0, 1]); got an atom at 0.5',
    );
    expect(refusal({ ...ok(), buyers: { mass: 1, dist: mix([[1, U()], [1, atoms([[0, 1], [0.5, 0]])]]) } })).toBe('accepted');
  });

  test('at most ATOMS_MAX seller atoms', () => {
    const pts = (n: number) => Array.from({ length: n }, (_, i): [number, number] => [i / n, 1]);
    expect(refusal({ ...ok(), sellers: { mass: 1, dist: atoms(pts(ATOMS_MAX + 1)) } })).toBe(`sellers.dist.points: must have at most ${ATOMS_MAX} atoms`);
    expect(refusal({ ...ok(), sellers: { mass: 1, dist: atoms(pts(ATOMS_MAX)) } })).toBe('accepted');
  });

  test('periods > 2 needs homogeneous sellers (atoms at 0 and 1; a zero-weight atom elsewhere is none), δ = 1, at in {0, 1}', () => {
    const h = { ...ok(), periods: 3 };
    expect(refusal({ ...h, sellers: { mass: 1, dist: atoms([[0, 1], [0.5, 1]]) } })).toBe(
      'periods: must be 1 or 2 for sellers other than atoms at 0 and 1: the paper characterises efficiency for T > 2 only with homogeneous sellers (Theorem 1); T = 2 with any sellers is Theorem 2',
    );
    expect(refusal({ ...h, sellers: { mass: 1, dist: atoms([[0, 1], [0.5, 0], [1, 1]]) } })).toBe('accepted');
    expect(refusal({ ...h, sellers: { mass: 1, dist: U() } })).toMatch(/^periods: must be 1 or 2 for sellers other than atoms at 0 and 1/);
    expect(refusal({ ...h, delta: 0.9 })).toBe('delta: must be 1 when periods > 2: Theorem 1 assumes no discounting, and Theorem 2 covers δ < 1 for periods = 2 only (got 0.9)');
    expect(refusal({ ...h, at: [0, 1, 0.5] })).toBe('at[2]: must be 0 or 1 when periods > 2: Theorem 1 gives β_t(0) and β_t(1) only (got 0.5)');
  });

  test('cells: the default, or as given', () => {
    expect(parseCutoffsRequest(ok()).cells).toBe(CELLS_DEFAULT);
    expect(parseCutoffsRequest({ ...ok(), cells: 12 }).cells).toBe(12);
  });
});

describe("the answer's route, error estimates and fields", () => {
  const H = (m: number) => atoms([[0, m], [1, 1 - m]]);
  const ev = (r: Record<string, unknown>) => jpEfficientCutoffs.evaluate({ buyers: { mass: 1, dist: U() }, at: [0, 1], ...r }) as Record<string, any>;

  test('T = 2, homogeneous, δ = 1: cross-checked against Theorem 1, the error covering both the fixed point and the gap between the theorems', () => {
    const out = ev({ periods: 2, delta: 1, sellers: { mass: 1, dist: H(0.6) } });
    expect(out.route).toBe('Theorem 2, eq. (4): fixed point from 4 starts (β = s, β = 1 and seeded random profiles), Anderson-accelerated; checked against Theorem 1’s recursion (3)');
    const e = makeEconomy(uniformBuyers(), makeSellers([0, 1], [0.6, 0.4]));
    const t2 = theorem2Cutoffs(e, 1);
    const t1 = theorem1Cutoffs(e, 2);
    expect(out.abserr.cutoffs).toBeGreaterThanOrEqual(t2.residual);
    expect(out.abserr.cutoffs).toBeGreaterThanOrEqual(t2.spread);
    expect(out.abserr.cutoffs).toBeGreaterThanOrEqual(Math.abs(t1.beta0[0] - t2.beta[0]));
    expect(out.abserr.cutoffs).toBeLessThan(1e-9);
    // Example 1's closed form c*(m); β_2(s) = s; the competitive price clears 1 − p = 0.6
    expect(out.cutoffs[0][0]).toBeCloseTo(cStar(0.6), 12);
    expect(out.cutoffs[0][1]).toBe(1);
    expect(out.cutoffs[1]).toEqual([0, 1]);
    expect(out.competitivePrice.lo).toBeCloseTo(0.4, 14);
    expect(out.competitivePrice.hi).toBeCloseTo(0.4, 14);
    expect(out.abserr.surplus).toBeGreaterThan(0);
    expect(out.abserr.surplus).toBeLessThan(1e-13);
    expect(out.abserr.competitivePrice).toBeGreaterThan(0);
    expect(out.abserr.competitivePrice).toBeLessThan(1e-13);
    expect(out.exact).toBe(true);
    expect(out.converged).toBe(true);
    expect('reason' in out).toBe(false);
    expect('roots' in out).toBe(false);
    expect('approximation' in out).toBe(false);
  });

  test('T = 2 with δ < 1, or no seller at 0: no cross-check (Theorem 1 is for δ = 1, and its β(0) needs a seller at 0)', () => {
    const plain = 'Theorem 2, eq. (4): fixed point from 4 starts (β = s, β = 1 and seeded random profiles), Anderson-accelerated';
    expect(ev({ periods: 2, delta: 0.9, sellers: { mass: 1, dist: H(0.6) } }).route).toBe(plain);
    expect(ev({ periods: 2, delta: 1, sellers: { mass: 1, dist: atoms([[1, 1]]) } }).route).toBe(plain);
  });

  test('T = 1 and T = 3: the route; the efficient surplus grows with T and stays below the first best', () => {
    const w = [1, 2, 3].map((periods) => ev({ periods, delta: 1, sellers: { mass: 1, dist: H(0.6) } }));
    expect(w[0].route).toBe('T = 1: the last period trades whenever b ≥ s');
    expect(w[2].route).toBe('Theorem 1, recursion (3): nested fixed point, every sign change scanned at each level');
    // T = 1: 0.6·∫ b db = 0.3; first best: the sellers at 0 with the top 60 % of buyers, ∫_{0.4}^1 b db = 0.42
    expect(w[0].surplus).toBeCloseTo(0.3, 14);
    // an exact answer's error is a rounding error relative to the answer, however small: sellers all at 0.9, ∫_{0.9}^1 (b − 0.9) db = 0.005
    const small = ev({ periods: 1, delta: 1, sellers: { mass: 1, dist: atoms([[0.9, 1]]) } });
    expect(small.surplus).toBeCloseTo(0.005, 15);
    expect(small.abserr.surplus).toBeGreaterThan(0);
    expect(small.abserr.surplus).toBeLessThanOrEqual(1e-12 * small.surplus);
    expect(w[1].surplus).toBeGreaterThan(w[0].surplus + 0.01);
    expect(w[2].surplus).toBeGreaterThan(w[1].surplus + 0.01);
    expect(w[2].surplus).toBeLessThan(0.42);
    // T = 3's error covers every level's residual
    const t1 = theorem1Cutoffs(makeEconomy(uniformBuyers(), makeSellers([0, 1], [0.6, 0.4])), 3);
    expect(w[2].abserr.cutoffs).toBeGreaterThanOrEqual(Math.max(...t1.residuals));
    expect(w[2].abserr.cutoffs).toBeGreaterThan(0);
    // one root per level, β_3(0) = 0 (the last period trades b ≥ s); the cutoffs at s = 1 are 1
    expect(w[2].roots.map((r: number[]) => r.length)).toEqual([1, 1, 1]);
    expect(w[2].cutoffs.map((r: number[]) => r[0])).toEqual(w[2].roots.map((r: number[]) => r[0]));
    expect(w[2].cutoffs.map((r: number[]) => r[1])).toEqual([1, 1, 1]);
    expect(w[2].converged).toBe(true);
    expect('reason' in w[2]).toBe(false);
  });

  test('cells: buyers Beta(2, 3) as 12 cells, sellers 0.6 at 0 and 0.4 at 1: the price clears 1 − F(p) = 0.6 within its error; estimates of the right size; the approximation named', () => {
    const out = ev({ periods: 2, delta: 1, buyers: { mass: 1, dist: BETA }, sellers: { mass: 1, dist: H(0.6) }, cells: 12 });
    // Beta(2, 3): F(x) = x²(6 − 8x + 3x²); bisection for F(p) = 0.4
    let lo = 0;
    let hi = 1;
    for (let k = 0; k < 60; k++) {
      const x = (lo + hi) / 2;
      if (x * x * (6 - 8 * x + 3 * x * x) < 0.4) lo = x;
      else hi = x;
    }
    expect(Math.abs(out.competitivePrice.lo - lo)).toBeLessThanOrEqual(out.abserr.competitivePrice);
    expect(Math.abs(out.competitivePrice.hi - lo)).toBeLessThanOrEqual(out.abserr.competitivePrice);
    expect(out.abserr.competitivePrice).toBeLessThan(0.1);
    expect(out.abserr.cutoffs).toBeGreaterThan(0);
    expect(out.abserr.cutoffs).toBeLessThan(0.02);
    // and covers the distance to a far finer representation (400 cells: its own error is ~1e-5)
    const fine = ev({ periods: 2, delta: 1, buyers: { mass: 1, dist: BETA }, sellers: { mass: 1, dist: H(0.6) }, cells: 400 });
    expect(Math.abs(out.cutoffs[0][0] - fine.cutoffs[0][0])).toBeGreaterThan(fine.abserr.cutoffs);
    expect(Math.abs(out.cutoffs[0][0] - fine.cutoffs[0][0]) + fine.abserr.cutoffs).toBeLessThanOrEqual(out.abserr.cutoffs);
    expect(out.abserr.surplus).toBeGreaterThan(0);
    expect(out.abserr.surplus).toBeLessThan(0.01);
    expect(out.exact).toBe(false);
    expect(out.approximation).toBe("buyers as 12 piecewise-uniform cells; the approximation's error is estimated by the change from 6 cells");
    const s = ev({ periods: 2, delta: 0.9, sellers: { mass: 1, dist: BETA }, cells: 12 });
    expect(s.exact).toBe(false);
    expect(s.approximation).toBe("sellers as 12 cell atoms plus their own atoms; the approximation's error is estimated by the change from 6 cells");
    expect(s.abserr.competitivePrice).toBeLessThan(0.1);
    const both = ev({ periods: 2, delta: 0.9, buyers: { mass: 1, dist: BETA }, sellers: { mass: 1, dist: BETA }, cells: 12 });
    expect(both.approximation).toBe("buyers as 12 piecewise-uniform cells, sellers as 12 cell atoms plus their own atoms; the approximation's error is estimated by the change from 6 cells");
  });
});

describe('the competitive price of cells within its error, where halving the cells does not show it (mut9-jp)', () => {
  /** The root of g on [0, 1] (g increasing) by bisection. */
  const root = (g: (x: number) => number) => {
    let lo = 0;
    let hi = 1;
    for (let k = 0; k < 60; k++) {
      const x = (lo + hi) / 2;
      if (g(x) < 0) lo = x;
      else hi = x;
    }
    return lo;
  };
  const F = (x: number) => x * x * (6 - 8 * x + 3 * x * x); // Beta(2, 3)'s CDF
  const price = (buyers: unknown, sellers: unknown, cells: number) =>
    jpEfficientCutoffs.evaluate({ periods: 1, delta: 1, buyers: { mass: 1, dist: buyers }, sellers: { mass: 1, dist: sellers }, cells }) as Record<string, any>;

  test('sellers Beta(2, 3) as 28 cell atoms, buyers uniform: 28 and 14 cells give the same price 0.42649, off the true 0.42779 (1 − p = F(p))', () => {
    const p = root((x) => F(x) - (1 - x));
    const out = price(U(), BETA, 28);
    expect(Math.abs(out.competitivePrice.lo - p)).toBeGreaterThan(1e-3);
    expect(Math.abs(out.competitivePrice.lo - p)).toBeLessThanOrEqual(out.abserr.competitivePrice);
    expect(Math.abs(out.competitivePrice.hi - p)).toBeLessThanOrEqual(out.abserr.competitivePrice);
  });

  test('both sides Beta(2, 3) as 20 cells: the price is off the median (F(p) = 1/2) by more than the halving moves it', () => {
    const p = root((x) => F(x) - 0.5);
    const out = price(BETA, BETA, 20);
    expect(Math.abs(out.competitivePrice.lo - p)).toBeGreaterThan(0.01);
    expect(Math.abs(out.competitivePrice.lo - p)).toBeLessThanOrEqual(out.abserr.competitivePrice);
    expect(Math.abs(out.competitivePrice.hi - p)).toBeLessThanOrEqual(out.abserr.competitivePrice);
  });
});
