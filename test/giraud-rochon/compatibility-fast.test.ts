/**
 * compatibilityWith's fast route (HiGHS in doubles, θ made exact on the tight rows and checked
 * row by row) must never let a float answer through: a solver whose float θ is off, or whose
 * tight rows are mislabelled, makes the exact check reject it, and the certified route of
 * src/numeric/lp.ts decides that direction instead. Every returned θ is re-checked here from the
 * economy with its own arithmetic (Σ_i θ_i = d and every incentive effect ≥ 0).
 */
import { describe, expect, test } from 'vitest';
import { Fraction } from '../../src/numeric/rational.ts';
import { economy, type EconomySpec } from '../../src/models/giraud-rochon/economy.ts';
import { compatibilityWith, incentiveRow, spanningDirections, typeSpace } from '../../src/models/giraud-rochon/compatibility.ts';
import { lpSolver, type LinearProgram, type LpOptions, type LpResult } from '../../src/numeric/lp.ts';
import type { Solver } from './helpers.ts';

const solver: Solver = await lpSolver();

/** Three agents, two or three types, a correlated prior (integer weights, normalised by economy()). */
const spec: EconomySpec = {
  types: [3, 2, 2],
  a: [[[2], [2.5], [3]], [[2], [3]], [[2.25], [2.75]]],
  b: [[[0.5], [0.75], [1]], [[0.5], [1]], [[0.625], [0.75]]],
  omega: [[1, 1], [1, 2], [2, 1]],
  prior: [3, 1, 2, 5, 1, 4, 2, 2, 6, 1, 3, 2],
};

/** Σ_i θ_i(t) = d(t) and (Bθ) ≥ 0, from typeSpace and incentiveRow alone. */
function absorbs(e: ReturnType<typeof economy>, theta: Fraction[][], d: Fraction[]): boolean {
  const S = typeSpace(e);
  const balanced = theta.every((row, k) => row.reduce((a, v) => a.add(v), new Fraction(0)).equals(d[k]));
  const neutral = S.ics.every((ic) => {
    let a = new Fraction(0);
    for (const [c, v] of incentiveRow(S, ic)) a = a.add(v.mul(theta[c % S.P][Math.floor(c / S.P)]));
    return a.compare(0) >= 0;
  });
  return balanced && neutral;
}

/** A solver whose uncertified (fast-route) answers are corrupted by `spoil`; certified solves untouched. */
function spoiled(spoil: (r: LpResult) => LpResult): { solver: Solver; certifiedSolves: () => number } {
  let certified = 0;
  return {
    solver: {
      solve: (p: LinearProgram, o?: LpOptions) => {
        const r = solver.solve(p, o);
        if (o?.certify === false) return r.status === 'optimal' ? spoil(r) : r;
        certified++;
        return r;
      },
    },
    certifiedSolves: () => certified,
  };
}

describe('the fast route of compatibilityWith', () => {
  test('an honest solver: every direction absorbed on the fast route, each θ absorbing exactly', () => {
    const e = economy(spec);
    const s = spoiled((r) => r);
    const r = compatibilityWith(s.solver, e);
    expect(r.verdict).toBe('holds');
    expect(s.certifiedSolves()).toBe(0);
    const dirs = spanningDirections(typeSpace(e).P);
    r.absorbing!.forEach((th, d) => expect(absorbs(e, th, dirs[d]), `direction ${d}`).toBe(true));
  });

  test('a float θ pushed off by 1e-3 on one entry: re-solved or rejected, never returned inexact', () => {
    const e = economy(spec);
    const s = spoiled((r) => {
      const x = Float64Array.from(r.x!);
      x[0] += 1e-3;
      return { ...r, x };
    });
    const r = compatibilityWith(s.solver, e);
    expect(r.verdict).toBe('holds');
    const dirs = spanningDirections(typeSpace(e).P);
    r.absorbing!.forEach((th, d) => expect(absorbs(e, th, dirs[d]), `direction ${d}`).toBe(true));
  });

  test('a float θ negated (slack incentive rows turn negative): rejected by the exact check, the certified route decides', () => {
    const e = economy(spec);
    const s = spoiled((r) => ({ ...r, x: r.x!.map((v) => -v) }));
    const r = compatibilityWith(s.solver, e);
    expect(r.verdict).toBe('holds');
    expect(s.certifiedSolves()).toBeGreaterThan(0);
    const dirs = spanningDirections(typeSpace(e).P);
    r.absorbing!.forEach((th, d) => expect(absorbs(e, th, dirs[d]), `direction ${d}`).toBe(true));
  });

  test('row activities all reported slack (no row made tight exactly): whatever passes is exact, the rest is certified', () => {
    const e = economy(spec);
    const s = spoiled((r) => ({ ...r, rowActivity: r.rowActivity!.map(() => 1) }));
    const r = compatibilityWith(s.solver, e);
    expect(r.verdict).toBe('holds');
    const dirs = spanningDirections(typeSpace(e).P);
    r.absorbing!.forEach((th, d) => expect(absorbs(e, th, dirs[d]), `direction ${d}`).toBe(true));
  });
});
