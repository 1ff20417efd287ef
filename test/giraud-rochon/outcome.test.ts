/**
 * The game form's outcome (src/models/giraud-rochon/outcome.ts, Section 2.2), against independent
 * characterisations: proj_F checked by the variational inequality at every vertex of F (for the
 * polytope {x ≥ 0, Σx ≤ E} that is a complete optimality certificate, since the inequality is linear
 * in the point of F), hand-worked profiles, and budget (1) read at the partner's quote.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Fraction } from '../../src/numeric/rational.ts';
import { budgetLhs, exactProfile, outcome, projectF, projectGood, type Profile } from '../../src/models/giraud-rochon/outcome.ts';
import { grOutcome } from '../../src/models/giraud-rochon/eval.ts';
import { InputError } from '../../src/errors.ts';

const F = (n: number, d = 1) => new Fraction(n, d);
const sum = (xs: Fraction[]) => xs.reduce((s, x) => s.add(x), F(0));

/** (y − x)·(f − x) ≤ 0 at f = 0 and f = E·e_k: x is the nearest point of {x ≥ 0, Σx ≤ E} to y. */
function nearest(y: Fraction[], x: Fraction[], E: Fraction): boolean {
  const vi = (f: Fraction[]) => sum(y.map((yi, i) => yi.sub(x[i]).mul(f[i].sub(x[i])))).compare(0) <= 0;
  const vertices = [y.map(() => F(0)), ...y.map((_, k) => y.map((_, i) => (i === k ? E : F(0))))];
  return vertices.every(vi);
}

const small = fc.integer({ min: -40, max: 40 }).chain((n) => fc.integer({ min: 1, max: 6 }).map((d) => F(n, d)));

describe('projectGood: the projection of one good onto {x ≥ 0, Σx ≤ E}', () => {
  test('feasible and nearest (variational inequality at every vertex), θ ≥ 0 and x = max(y − θ, 0)', () => {
    fc.assert(
      fc.property(fc.array(small, { minLength: 1, maxLength: 7 }), fc.integer({ min: 0, max: 30 }), (y, e) => {
        const E = F(e, 2);
        const { x, theta } = projectGood(y, E);
        expect(x.every((v) => v.compare(0) >= 0)).toBe(true);
        expect(sum(x).compare(E)).toBeLessThanOrEqual(0);
        expect(theta.compare(0)).toBeGreaterThanOrEqual(0);
        expect(nearest(y, x, E)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test('worked cases: fits (θ = 0), one good (2, −1) with total 1, ties at the threshold, E = 0', () => {
    expect(projectGood([F(1), F(-3), F(1)], F(2)).theta.toFraction()).toBe('0');
    const a = projectGood([F(2), F(-1)], F(1));
    expect(a.x.map((v) => v.toFraction())).toEqual(['1', '0']);
    expect(a.theta.toFraction()).toBe('1');
    const b = projectGood([F(3), F(1), F(1)], F(3)); // θ = 2/3 if all three keep something: (5 − 3)/3
    expect(b.theta.toFraction()).toBe('2/3');
    expect(b.x.map((v) => v.toFraction())).toEqual(['7/3', '1/3', '1/3']);
    const c = projectGood([F(5), F(1)], F(0));
    expect(c.x.every((v) => v.n === 0n)).toBe(true);
    expect(nearest([F(5), F(1)], c.x, F(0))).toBe(true);
  });

  test('per good in projectF: the hand-worked two-good case', () => {
    const { x, theta } = projectF([[F(3), F(-3)], [F(-1), F(5)], [F(1), F(1)]], [F(3), F(3)]);
    expect(theta.map((t) => t.toFraction())).toEqual(['1/2', '2']);
    expect(x.map((r) => r.map((v) => v.toFraction()))).toEqual([['5/2', '0'], ['0', '3'], ['1/2', '0']]);
  });
});

describe('outcome: budget (1) at the partner’s quote, ψ, bankruptcy, φ', () => {
  // Players 0 and 1 trade good 1 against the numéraire; player 2 stays out.
  const trade = (q0: number, q1: number, pay: number): Profile<number> => ({
    quotes: [[q0, 1], [q1, 1], [1, 1]],
    demands: [[[0, 0], [1, -pay], [0, 0]], [[0, 0], [0, 0], [0, 0]], [[0, 0], [0, 0], [0, 0]]],
    endowments: [[1, 1], [1, 1], [1, 1]],
  });

  test('each trade is valued at the partner’s quote, not the player’s own', () => {
    // 0 buys a unit of good 1 for 2 of the numéraire: solvent iff 1's quote p_1^1 ≤ 2, whatever 0 quotes.
    const p = exactProfile(trade(100, 2, 2));
    expect(budgetLhs(p, 0).toFraction()).toBe('0');
    expect(outcome(p).solvent[0]).toBe(true);
    const q = exactProfile(trade(0, 3, 2));
    expect(budgetLhs(q, 0).toFraction()).toBe('1'); // 3·1 − 2
    expect(outcome(q).solvent[0]).toBe(false);
  });

  test('a bankrupt player receives the zero bundle; what it was to pay never arrives', () => {
    // 1 quotes 3 for good 1: 0's purchase (1 unit for 2) is worth 1 > 0 at 1's quote, so 0 is bankrupt;
    // 1, valuing its sale at 0's quote 2, is solvent and keeps ψ_1 = (−1, 2).
    const o = outcome(exactProfile(trade(2, 3, 2)), 0);
    expect(o.solvent).toEqual([false, true, true]);
    expect(o.psi[0].map((v) => v.toFraction())).toEqual(['-1', '-1']);
    // holdings e + ψ: (0, 0), (0, 3), (1, 1); numéraire 4 > 3 announced: θ = 1/2 between the two holders
    expect(o.theta.map((t) => t.toFraction())).toEqual(['0', '1/2']);
    expect(o.phi.map((r) => r.map((v) => v.toFraction()))).toEqual([['0', '0'], ['0', '5/2'], ['1', '1/2']]);
  });

  test('all solvent and holdings non-negative: φ = e + ψ, nothing wasted', () => {
    const o = outcome(exactProfile(trade(1, 1, 1)), 0);
    expect(o.solvent).toEqual([true, true, true]);
    expect(o.theta.map((t) => t.toFraction())).toEqual(['0', '0']);
    expect(o.phi.map((r) => r.map((v) => v.toFraction()))).toEqual([['2', '0'], ['0', '2'], ['1', '1']]);
  });

  test('a Walrasian profile typed in decimals: solvent under the default tolerance, bankrupt under the exact test', () => {
    // price 0.1 (the double is 0.1000000000000000055…); 0 buys 10 units for 1 of the numéraire
    const p: Profile<number> = { quotes: [[0.1, 1], [0.1, 1], [1, 1]], demands: [[[0, 0], [10, -1], [0, 0]], [[0, 0], [0, 0], [0, 0]], [[0, 0], [0, 0], [0, 0]]], endowments: [[4, 4], [4, 4], [4, 4]] };
    const exact = outcome(exactProfile(p), 0);
    expect(exact.budget[0].compare(0)).toBeGreaterThan(0); // 10 × 0.1000…055 − 1 ≈ 5.6e-17
    expect(exact.solvent[0]).toBe(false);
    expect(outcome(exactProfile(p)).solvent[0]).toBe(true);
  });
});

describe('eval gr.outcome', () => {
  const base = { quotes: [[2, 1], [2, 1], [2, 1]], demands: [[[0, 0], [1, -2], [0, 0]], [[-1, 2], [0, 0], [0, 0]], [[0, 0], [0, 0], [0, 0]]], endowments: [[1, 1], [1, 1], [1, 1]] };
  test('the hand-worked profile', () => {
    expect(grOutcome.evaluate(base)).toEqual({ solvent: [true, true, true], budget: [0, 0, 0], psi: [[2, -4], [-2, 4], [0, 0]], theta: [0.5, 2], phi: [[2.5, 0], [0, 3], [0.5, 0]] });
  });
  test('bad input names its field', () => {
    const bad = (patch: object, field: string) => {
      try {
        grOutcome.evaluate({ ...base, ...patch });
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        expect((e as InputError).field).toBe(field);
      }
    };
    bad({ quotes: [[2, 1], [2, 0.5], [2, 1]] }, 'quotes[1][1]');
    bad({ quotes: [[2, 1], [-2, 1], [2, 1]] }, 'quotes[1][0]');
    bad({ endowments: [[1, 1], [0, 0], [1, 1]] }, 'endowments[1]');
    bad({ demands: [[[0, 0], [1, -2]], [[-1, 2], [0, 0], [0, 0]], [[0, 0], [0, 0], [0, 0]]] }, 'demands[0]');
    bad({ transfers: [0, 0] }, 'transfers');
    bad({ tolerance: -1 }, 'tolerance');
  });
});

describe('outcomeFloat: the same outcome in doubles', () => {
  test('agrees with the exact outcome on random profiles away from the budgets’ boundary', async () => {
    const { outcomeFloat } = await import('../../src/models/giraud-rochon/outcome.ts');
    const { profileArb, solventProfileArb } = await import('../../properties/giraud-rochon/generators.ts');
    fc.assert(
      fc.property(fc.oneof(profileArb(6), solventProfileArb(2)), ({ profile }) => {
        const ex = outcome(exactProfile(profile));
        const fl = outcomeFloat(profile);
        expect(fl.solvent).toEqual(ex.solvent); // dyadic inputs: the double budgets are exact
        const close = (a: number, b: Fraction) => Math.abs(a - Number(b.valueOf())) <= 1e-12 * (1 + Math.abs(a));
        fl.phi.forEach((r, i) => r.forEach((v, h) => expect(close(v, ex.phi[i][h])).toBe(true)));
        fl.theta.forEach((v, h) => expect(close(v, ex.theta[h])).toBe(true));
      }),
      { numRuns: 200 },
    );
  });
});

describe('the solvency test’s pieces (mutation survivors of outcome.ts)', () => {
  // 0 buys one unit of good 1 for 2 at 1's quote 3: budget (1) is 3 − 2 = 1; gross value 3·1 + 1·2 = 5
  const p: Profile<number> = {
    quotes: [[2, 1], [3, 1], [1, 1]],
    demands: [[[0, 0], [1, -2], [0, 0]], [[0, 0], [0, 0], [0, 0]], [[0, 0], [0, 0], [0, 0]]],
    endowments: [[1, 1], [1, 1], [1, 1]],
  };

  test('the tolerance is relTol × the gross trade value, in the exact and the floating outcome', async () => {
    const { outcomeFloat } = await import('../../src/models/giraud-rochon/outcome.ts');
    const o = outcome(exactProfile(p), F(1, 5));
    expect(o.tolerance[0].toFraction()).toBe('1');
    expect(o.solvent[0]).toBe(true); // 1 ≤ 0 + 1/5 · 5
    expect(outcome(exactProfile(p), F(19, 100)).solvent[0]).toBe(false);
    expect(outcomeFloat(p, 0.2).solvent[0]).toBe(true);
    expect(outcomeFloat(p, 0.19).solvent[0]).toBe(false);
    expect(outcomeFloat(p).budget).toEqual(outcome(exactProfile(p)).budget.map((b) => Number(b.valueOf())));
  });

  test('a player’s demand on himself is ignored, by the budget and by the tolerance alike', () => {
    const diag: Profile<number> = { ...p, demands: p.demands.map((row, i) => row.map((z, j) => (i === j ? [5, -7] : z))) };
    const a = outcome(exactProfile(p), F(1, 5));
    const b = outcome(exactProfile(diag), F(1, 5));
    expect(b.tolerance.map((t) => t.toFraction())).toEqual(a.tolerance.map((t) => t.toFraction()));
    expect(b.budget.map((t) => t.toFraction())).toEqual(a.budget.map((t) => t.toFraction()));
    expect(b.phi.map((r) => r.map((v) => v.toFraction()))).toEqual(a.phi.map((r) => r.map((v) => v.toFraction())));
  });

  test('… and in floating point: a diagonal demand moves neither the budget nor the tolerance', async () => {
    const { outcomeFloat } = await import('../../src/models/giraud-rochon/outcome.ts');
    const diag: Profile<number> = { ...p, demands: p.demands.map((row, i) => row.map((z, j) => (i === j ? [5, -7] : z))) };
    // relTol 0.2: player 0 is solvent exactly at its tolerance 1 = 0.2 × 5; a diagonal counted in
    // the gross value would lift it to 0.2 × (5 + 2 × (2·5 + 7)) and hide nothing here, so test the edge below it
    expect(outcomeFloat(diag, 0.19).solvent[0]).toBe(false);
    expect(outcomeFloat(diag, 0.2).solvent[0]).toBe(true);
    expect(outcomeFloat(diag).budget).toEqual(outcomeFloat(p).budget);
  });

  test('Definition 2’s transfers: budget (1) becomes ≤ y_i', async () => {
    const { outcomeFloat } = await import('../../src/models/giraud-rochon/outcome.ts');
    expect(outcome(exactProfile({ ...p, transfers: [1, 0, 0] }), 0).solvent[0]).toBe(true);
    expect(outcome(exactProfile({ ...p, transfers: [0.5, 0, 0] }), 0).solvent[0]).toBe(false);
    expect(outcomeFloat({ ...p, transfers: [1, 0, 0] }, 0).solvent[0]).toBe(true);
    expect(outcomeFloat({ ...p, transfers: [0.5, 0, 0] }, 0).solvent[0]).toBe(false);
  });

  test('a negative total is refused by the projection', () => {
    expect(() => projectGood([F(1)], F(-1))).toThrow(/negative/);
  });
});
