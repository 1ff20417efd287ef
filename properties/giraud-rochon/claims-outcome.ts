/**
 * Giraud & Rochon (2001), Section 2.2: the claims about the game form's outcome function — feasible,
 * the projection optimal, the bankrupt get nothing, balanced (no waste) when everyone is solvent, not
 * individually rational off the equilibrium path, and the paper's remark that proj_F "decomposes"
 * into two projections, which is false (a finding).
 *
 * The model computes everything in exact rationals (outcome.ts). Each property reads the model's
 * outcome and checks it against a characterisation that does not share its route: proj_F by the
 * variational inequality (y − φ)·(f − φ) ≤ 0 at every vertex of F (for this polytope a complete
 * optimality certificate, since the inequality is linear in f), budget (1) recomputed in doubles
 * from the definition (away from its boundary), sums of bundles against the announced totals.
 */
import fc from 'fast-check';
import { z } from 'zod';
import { claim } from '../../src/claims/registry.ts';
import { registerCertificateKind } from '../../src/claims/certificates.ts';
import type { AnyClaim, Certificate, CertifyResult, CheckResult } from '../../src/claims/types.ts';
import { InputError } from '../../src/errors.ts';
import { exactProfile, outcome, projectGood, type Outcome } from '../../src/models/giraud-rochon/outcome.ts';
import { exactRational, Fraction, toNumber } from '../../src/numeric/rational.ts';
import { decodeGameCase, describeGameCase, profileArb, simplifyGameCase, solventProfileArb, type GameCase } from './generators.ts';

const ZERO = new Fraction(0);
const EXACT = { abs: 0, why: 'none: the outcome is computed in exact rationals from dyadic inputs, and every comparison here is exact' };

const sum = (xs: readonly Fraction[]) => xs.reduce((s, x) => s.add(x), ZERO);
const goodTotals = (rows: readonly (readonly Fraction[])[]) => rows[0].map((_, h) => sum(rows.map((r) => r[h])));

/**
 * Is x the nearest point of {x ≥ 0, Σx ≤ E} to y? x feasible and (y − x)·(f − x) ≤ 0 at f = 0 and
 * f = E·e_k for every k: the vertices of the set, so the inequality then holds on all of it. Returns
 * the worst violation (≤ 0 when x is the projection).
 */
export function projectionViolation(y: readonly Fraction[], x: readonly Fraction[], E: Fraction): Fraction {
  let worst = x.reduce((w, v) => (v.neg().compare(w) > 0 ? v.neg() : w), new Fraction(-1, 1).mul(0)); // −x_i > 0: infeasible
  const over = sum(x).sub(E);
  if (over.compare(worst) > 0) worst = over;
  const vi = (f: readonly Fraction[]) => sum(y.map((yi, i) => yi.sub(x[i]).mul(f[i].sub(x[i]))));
  for (const f of [y.map(() => ZERO), ...y.map((_, k) => y.map((_, i) => (i === k ? E : ZERO)))]) {
    const v = vi(f);
    if (v.compare(worst) > 0) worst = v;
  }
  return worst;
}

/** Holdings e + ψ (before the projection) and the announced totals, exactly. */
function holdings(c: GameCase, o: Outcome) {
  const e = c.profile.endowments.map((r) => r.map(exactRational));
  return { y: e.map((r, i) => r.map((v, h) => v.add(o.psi[i][h]))), E: goodTotals(e) };
}

/** Budget (1) from its definition, in doubles: Σ_h Σ_{j≠i} p_j^h (z_j^i,h − z_i^j,h), each trade at the partner's quote. */
function budgetFloat(c: GameCase, i: number): { lhs: number; scale: number } {
  const { quotes, demands } = c.profile;
  let lhs = 0;
  let scale = 0;
  quotes[0].forEach((_, h) => {
    for (let j = 0; j < quotes.length; j++) {
      if (j === i) continue;
      lhs += quotes[j][h] * (demands[i][j][h] - demands[j][i][h]);
      scale += Math.abs(quotes[j][h]) * (Math.abs(demands[i][j][h]) + Math.abs(demands[j][i][h]));
    }
  });
  return { lhs, scale };
}

const caseLabels = (c: GameCase, o: Outcome) => [
  `N=${c.profile.quotes.length}`,
  `L=${c.profile.quotes[0].length}`,
  o.solvent.every(Boolean) ? 'all solvent' : 'someone bankrupt',
  o.theta.some((t) => t.n !== 0n) ? 'projection binds' : 'projection slack',
];

// ---------------------------------------------------------------- GR.outcome.feasible

const feasible = claim<GameCase>({
  id: 'GR.outcome.feasible',
  paper: 'GR',
  source: 'Giraud & Rochon (2001), Section 2.2 and its first remark ("the mechanism is feasible")',
  statement: 'For every action profile, φ(a) ∈ F: non-negative bundles whose sum does not exceed Σ e_i ≤ Σ ω_i (Section 2.2 remarks: "the mechanism is feasible").',
  verdict: 'holds',
  tolerance: EXACT,
  input: fc.oneof(profileArb(6), profileArb(1), solventProfileArb(2)),
  runs: 150,
  property(c): CheckResult {
    const o = outcome(exactProfile(c.profile));
    const E = goodTotals(c.profile.endowments.map((r) => r.map(exactRational)));
    const W = goodTotals(c.omega.map((r) => r.map(exactRational)));
    const got = goodTotals(o.phi);
    // slack: the smallest of the bundles' entries, E − Σφ and W − E per good (all ≥ 0 when feasible)
    let slack = Infinity;
    for (const r of o.phi) for (const v of r) slack = Math.min(slack, toNumber(v));
    got.forEach((g, h) => (slack = Math.min(slack, toNumber(E[h].sub(g)), toNumber(W[h].sub(E[h])))));
    const exactlyFeasible = o.phi.every((r) => r.every((v) => v.compare(0) >= 0)) && got.every((g, h) => g.compare(E[h]) <= 0) && E.every((v, h) => v.compare(W[h]) <= 0);
    return { holds: exactlyFeasible, margin: slack, numbers: { totals: got.map(toNumber), announced: E.map(toNumber), endowed: W.map(toNumber), solvent: o.solvent } };
  },
  labels: (c) => caseLabels(c, outcome(exactProfile(c.profile))),
  cover: [
    { label: 'someone bankrupt', min: 0.2 },
    { label: 'all solvent', min: 0.1 },
    { label: 'projection binds', min: 0.2 },
  ],
  describe: describeGameCase,
  simplify: simplifyGameCase,
  decode: decodeGameCase,
});

// ---------------------------------------------------------------- GR.outcome.projection-optimal

interface ProbedCase {
  game: GameCase;
  /** Weights of three random points f ∈ F per good (the inequality is also checked at every vertex). */
  probes: number[][];
}

const projectionOptimal = claim<ProbedCase>({
  id: 'GR.outcome.projection-optimal',
  paper: 'GR',
  source: 'Giraud & Rochon (2001), Section 2.2 (proj_F, the orthogonal projection onto F)',
  statement: 'proj_F returns the nearest point of F: the variational inequality (y − φ)·(f − φ) ≤ 0 for random f ∈ F and the KKT conditions with θ_h hold.',
  verdict: 'holds',
  tolerance: EXACT,
  input: fc.record({ game: fc.oneof(profileArb(6), solventProfileArb(2)), probes: fc.array(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 6, maxLength: 6 }), { minLength: 3, maxLength: 3 }) }),
  runs: 120,
  property({ game, probes }): CheckResult {
    const o = outcome(exactProfile(game.profile));
    const { y, E } = holdings(game, o);
    let worst = -Infinity;
    let kkt = true;
    E.forEach((Eh, h) => {
      const yh = y.map((r) => r[h]);
      const xh = o.phi.map((r) => r[h]);
      // the variational inequality at every vertex of F's slice for good h (complete), and at random points f ∈ F
      worst = Math.max(worst, toNumber(projectionViolation(yh, xh, Eh)));
      for (const w of probes) {
        const raw = yh.map((_, i) => new Fraction(w[i % w.length] + 1, 1000));
        const f = raw.map((v) => v.mul(Eh).div(sum(raw))); // a point with Σf = E_h, f ≥ 0
        const v = sum(yh.map((yi, i) => yi.sub(xh[i]).mul(f[i].sub(xh[i]))));
        worst = Math.max(worst, toNumber(v));
      }
      // KKT with θ_h: θ ≥ 0, x_i = max(y_i − θ, 0), and θ > 0 only when the good's total binds
      const t = o.theta[h];
      if (t.compare(0) < 0) kkt = false;
      if (xh.some((xi, i) => !xi.equals(yh[i].sub(t).compare(0) > 0 ? yh[i].sub(t) : ZERO))) kkt = false;
      if (t.compare(0) > 0 && !sum(xh).equals(Eh)) kkt = false;
    });
    return { holds: worst <= 0 && kkt, margin: -worst, numbers: { worstInequality: worst, kkt, theta: o.theta.map(toNumber) } };
  },
  labels: ({ game }) => caseLabels(game, outcome(exactProfile(game.profile))),
  cover: [
    { label: 'projection binds', min: 0.3 },
    { label: 'projection slack', min: 0.05 },
  ],
  describe: ({ game }) => describeGameCase(game),
  simplify: ({ game, probes }) => simplifyGameCase(game).map((g) => ({ game: g, probes })),
  decode: (json) => {
    const r = z.strictObject({ game: z.unknown(), probes: z.array(z.array(z.number().int().min(0).max(1000)).length(6)).length(3) }).safeParse(json);
    if (!r.success) throw new InputError('probes', r.error.issues[0].message);
    return { game: decodeGameCase(r.data.game), probes: r.data.probes };
  },
});

// ---------------------------------------------------------------- GR.outcome.bankrupt-gets-zero

const bankruptGetsZero = claim<GameCase>({
  id: 'GR.outcome.bankrupt-gets-zero',
  paper: 'GR',
  source: 'Giraud & Rochon (2001), Section 2.2 (ψ_i = −e_i when (1) fails; "if ψ_i + e_i ≤ 0 then φ_i = 0")',
  statement: 'A player whose constraint (1) fails receives the zero bundle; per good, e_i^h + ψ_i^h ≤ 0 ⇒ φ_i^h = 0 (Section 2.2).',
  verdict: 'holds',
  tolerance: { abs: 1e-9, why: 'relative to the player\'s gross trade value: budget (1) recomputed in doubles decides a player bankrupt only when its left side exceeds this (the exact outcome uses the same default tolerance); the bundles are compared exactly' },
  input: fc.oneof(profileArb(6), profileArb(2)),
  runs: 150,
  property(c, ctx): CheckResult {
    const o = outcome(exactProfile(c.profile));
    const { y } = holdings(c, o);
    const rel = ctx.tolerance.abs!;
    let bankrupt = 0;
    let violations = 0;
    let disagree = 0;
    o.solvent.forEach((ok, i) => {
      // (1) from its definition, in doubles: clearly over (or clearly within) its tolerance must agree with the model
      const b = budgetFloat(c, i);
      const tol = rel * b.scale;
      if ((b.lhs > 2 * tol && ok) || (b.lhs < 0.5 * tol && !ok)) disagree++;
      if (!ok) {
        bankrupt++;
        if (o.phi[i].some((v) => v.n !== 0n)) violations++;
      }
      y[i].forEach((v, h) => {
        if (v.compare(0) <= 0 && o.phi[i][h].n !== 0n) violations++;
      });
    });
    return { holds: violations === 0 && disagree === 0, margin: -(violations + disagree), numbers: { bankrupt, violations, budgetDisagreements: disagree, solvent: o.solvent } };
  },
  labels: (c) => caseLabels(c, outcome(exactProfile(c.profile))),
  cover: [{ label: 'someone bankrupt', min: 0.4 }],
  describe: describeGameCase,
  simplify: simplifyGameCase,
  decode: decodeGameCase,
});

// ---------------------------------------------------------------- GR.outcome.balanced-when-solvent

const balancedWhenSolvent = claim<GameCase>({
  id: 'GR.outcome.balanced-when-solvent',
  paper: 'GR',
  source: 'Giraud & Rochon (2001), Section 2.2 (first remark: the mechanism is balanced unless someone goes bankrupt)',
  statement: 'If every player satisfies (1), Σ_i ψ_i = 0, and if moreover e_i + ψ_i ≥ 0 for all i then φ_i = e_i + ψ_i (no waste); the generator constructs all-solvent profiles (random ones rarely are).',
  verdict: 'holds',
  tolerance: EXACT,
  input: solventProfileArb(2),
  runs: 120,
  property(c): CheckResult {
    const o = outcome(exactProfile(c.profile), 0); // exact solvency: the generator makes budgets bind exactly
    if (!o.solvent.every(Boolean)) return { holds: true, numbers: { solvent: o.solvent }, undecided: 'the generated profile is not all solvent (the generator failed to construct one): outside the claim' };
    const psiTotal = goodTotals(o.psi);
    const balanced = psiTotal.every((v) => v.n === 0n);
    const { y } = holdings(c, o);
    const nonNegative = y.every((r) => r.every((v) => v.compare(0) >= 0));
    const noWaste = !nonNegative || o.phi.every((r, i) => r.every((v, h) => v.equals(y[i][h])));
    return { holds: balanced && noWaste, margin: balanced && noWaste ? 1 : -1, numbers: { sumPsi: psiTotal.map(toNumber), nonNegativeHoldings: nonNegative, noWaste, binding: o.budget.filter((b) => b.n === 0n).length } };
  },
  labels: (c) => {
    const o = outcome(exactProfile(c.profile), 0);
    const { y } = holdings(c, o);
    return [y.every((r) => r.every((v) => v.compare(0) >= 0)) ? 'non-negative holdings' : 'some holding negative', o.budget.some((b) => b.n === 0n) ? 'a budget binds' : 'no budget binds'];
  },
  cover: [
    { label: 'non-negative holdings', min: 0.3 },
    { label: 'a budget binds', min: 0.5 },
  ],
  maxUndecided: 0,
  describe: describeGameCase,
  decode: decodeGameCase,
});

// ---------------------------------------------------------------- GR.outcome.not-ir-off-path

const WASTE_KIND = 'gr-outcome-waste-exact';

/** The witness re-derived from the profile alone: ψ from its definition, φ as the exact projection checked by the variational inequality. */
function wasteCase(c: GameCase) {
  const o = outcome(exactProfile(c.profile), 0);
  const { y, E } = holdings(c, o);
  const zeroBundle = o.phi.findIndex((r, i) => r.every((v) => v.n === 0n) && c.omega[i].some((w) => w > 0));
  const wasted = E.map((Eh, h) => Eh.sub(sum(o.phi.map((r) => r[h]))));
  const optimal = E.every((Eh, h) => projectionViolation(y.map((r) => r[h]), o.phi.map((r) => r[h]), Eh).compare(0) <= 0);
  return { o, zeroBundle, wasted, optimal };
}

registerCertificateKind(WASTE_KIND, (data) => {
  const c = decodeGameCase(data);
  const r = wasteCase(c);
  if (!r.optimal) return 'φ is not the projection of e + ψ onto F (variational inequality)';
  if (r.zeroBundle < 0) return 'no player with a non-zero endowment ends with the zero bundle';
  if (!r.wasted.some((w) => w.compare(0) > 0)) return 'nothing is wasted';
  return undefined;
});

const notIrOffPath = claim<GameCase>({
  id: 'GR.outcome.not-ir-off-path',
  paper: 'GR',
  source: 'Giraud & Rochon (2001), Section 2.2, first remark (not balanced, not individually rational out of equilibrium)',
  statement: 'A profile where a player ends with the zero bundle (worse than autarky) and resources are wasted (Section 2.2 remarks).',
  verdict: 'witness',
  tolerance: EXACT,
  input: profileArb(6),
  runs: 60,
  property(c): CheckResult {
    const r = wasteCase(c);
    const waste = Math.max(...r.wasted.map(toNumber));
    const found = r.zeroBundle >= 0 && waste > 0;
    return { holds: found, margin: found ? waste : -1, numbers: { zeroBundlePlayer: r.zeroBundle + 1, wasted: r.wasted.map(toNumber), solvent: r.o.solvent } };
  },
  certify(c): CertifyResult {
    const r = wasteCase(c);
    const ok = r.optimal && r.zeroBundle >= 0 && r.wasted.some((w) => w.compare(0) > 0);
    return {
      holds: ok,
      numbers: { zeroBundlePlayer: r.zeroBundle + 1, wasted: r.wasted.map((w) => w.toFraction()) },
      route: 'exact rationals (fraction.js, BigInt): φ confirmed as the projection by the variational inequality at every vertex of F, the zero bundle and the waste read exactly',
      certificate: { kind: WASTE_KIND, data: c as unknown as Certificate['data'] },
    };
  },
  labels: (c) => caseLabels(c, outcome(exactProfile(c.profile))),
  describe: (c) => `${describeGameCase(c)}: ${(() => {
    const r = wasteCase(c);
    return r.zeroBundle >= 0 ? `player ${r.zeroBundle + 1} gets nothing; wasted ${r.wasted.map((w) => w.toFraction()).join(', ')}` : 'nobody is left with nothing';
  })()}`,
  simplify: simplifyGameCase,
  decode: decodeGameCase,
});

// ---------------------------------------------------------------- GR.outcome.two-step-projection

/** Holdings y (players × goods) and announced totals E per good: the input of proj_F. */
export interface ProjectionCase {
  y: number[][];
  E: number[];
}

/** Projection onto {Σ_i x_i ≤ E} (per good: the excess shared equally) — the paper's first step. */
function ontoHalfspace(y: readonly Fraction[], E: Fraction): Fraction[] {
  const over = sum(y).sub(E);
  return over.compare(0) > 0 ? y.map((v) => v.sub(over.div(y.length))) : [...y];
}
const ontoOrthant = (y: readonly Fraction[]) => y.map((v) => (v.compare(0) > 0 ? v : ZERO));

/** The two two-step maps against proj_F, per good, exactly. */
function twoStep(c: ProjectionCase) {
  const rows = c.E.map((Eh, h) => {
    const y = c.y.map((r) => exactRational(r[h]));
    const E = exactRational(Eh);
    const proj = projectGood(y, E).x;
    const halfThenOrthant = ontoOrthant(ontoHalfspace(y, E));
    const orthantThenHalf = ontoHalfspace(ontoOrthant(y), E);
    const same = (a: Fraction[]) => a.every((v, i) => v.equals(proj[i]));
    const outside = (a: Fraction[]) => a.some((v) => v.compare(0) < 0) || sum(a).compare(E) > 0;
    return { h, proj, halfThenOrthant, orthantThenHalf, ok: same(halfThenOrthant) && same(orthantThenHalf), outside: outside(halfThenOrthant) || outside(orthantThenHalf), projOptimal: projectionViolation(y, proj, E).compare(0) <= 0 };
  });
  return { rows, bad: rows.find((r) => !r.ok) };
}

const TWO_STEP_KIND = 'gr-two-step-exact';

registerCertificateKind(TWO_STEP_KIND, (data) => {
  const c = decodeProjectionCase(data);
  const t = twoStep(c);
  if (!t.bad) return 'both two-step maps equal proj_F on this case';
  if (!t.bad.projOptimal) return 'the reference projection fails the variational inequality';
  return undefined;
});

function decodeProjectionCase(json: unknown): ProjectionCase {
  const r = z.strictObject({ y: z.array(z.array(z.number().refine(Number.isFinite))).min(1), E: z.array(z.number().min(0)).min(1) }).safeParse(json);
  if (!r.success) throw new InputError(r.error.issues[0].path.map(String).join('.') || 'case', r.error.issues[0].message);
  if (r.data.y.some((row) => row.length !== r.data.E.length)) throw new InputError('y', `each row must have ${r.data.E.length} entries`);
  return r.data;
}

const dyadic = fc.integer({ min: -12, max: 12 }).map((m) => m / 2);
const projectionCaseArb: fc.Arbitrary<ProjectionCase> = fc.integer({ min: 2, max: 5 }).chain((N) =>
  fc.integer({ min: 1, max: 3 }).chain((L) =>
    fc.record({
      y: fc.array(fc.array(dyadic, { minLength: L, maxLength: L }), { minLength: N, maxLength: N }),
      // announced totals of at least 1/2: a total of 0 (nobody announces the good) is a corner of no interest here
      E: fc.array(fc.integer({ min: 1, max: 16 }).map((m) => m / 2), { minLength: L, maxLength: L }),
    }),
  ),
);

const fmtRow = (xs: readonly Fraction[]) => `(${xs.map((v) => v.toFraction()).join(', ')})`;

const twoStepProjection = claim<ProjectionCase>({
  id: 'GR.outcome.two-step-projection',
  paper: 'GR',
  source: 'Giraud & Rochon (2001), Section 2.2 (the remark after the definition of proj_F)',
  statement:
    'The paper\'s remark that proj_F "decomposes" into a projection on {Σx ≤ Σe} followed by one on R_+ (in either order): the two-step map is not proj_F and can land outside F (e.g. one good, y = (2, −1), Σe = 1) — though the consequence the paper draws, y_i^h ≤ 0 ⇒ φ_i^h = 0, holds.',
  verdict: 'contradicted',
  tolerance: EXACT,
  input: projectionCaseArb,
  runs: 100,
  property(c): CheckResult {
    const t = twoStep(c);
    // the consequence the paper draws holds for the true projection (checked here too: it must)
    const consequence = t.rows.every((r) => c.y.every((yi, i) => yi[r.h] > 0 || r.proj[i].n === 0n));
    return {
      holds: !t.bad,
      margin: t.bad ? -1 : 1,
      numbers: { goods: t.rows.length, mismatchGood: t.bad ? t.bad.h + 1 : 0, outsideF: t.rows.some((r) => r.outside), consequenceHolds: consequence },
    };
  },
  certify(c): CertifyResult {
    const t = twoStep(c);
    return {
      holds: !(t.bad && t.bad.projOptimal),
      numbers: t.bad ? { good: t.bad.h + 1, proj: fmtRow(t.bad.proj), halfThenOrthant: fmtRow(t.bad.halfThenOrthant), orthantThenHalf: fmtRow(t.bad.orthantThenHalf), outsideF: t.bad.outside } : {},
      route: 'exact rationals (fraction.js, BigInt): the two-step maps against proj_F, itself confirmed by the variational inequality at every vertex of F',
      certificate: { kind: TWO_STEP_KIND, data: c as unknown as Certificate['data'] },
    };
  },
  labels: (c) => [`N=${c.y.length}`, c.y.some((r) => r.some((v) => v < 0)) ? 'a negative holding' : 'holdings ≥ 0'],
  cover: [{ label: 'a negative holding', min: 0.5 }],
  describe: (c) => {
    const t = twoStep(c);
    const r = t.bad ?? t.rows[0];
    return `${c.y.length} players, good ${r.h + 1} of ${c.E.length}: holdings ${fmtRow(c.y.map((yi) => exactRational(yi[r.h])))}, total ${c.E[r.h]}: proj_F ${fmtRow(r.proj)}, but {Σ ≤ E} then R_+ gives ${fmtRow(r.halfThenOrthant)} and R_+ then {Σ ≤ E} gives ${fmtRow(r.orthantThenHalf)}${r.outside ? ' (outside F)' : ''}`;
  },
  simplify: (c) => {
    const out: ProjectionCase[] = [];
    const t = twoStep(c);
    const h = t.bad?.h ?? 0;
    if (c.E.length > 1) out.push({ y: c.y.map((r) => [r[h]]), E: [c.E[h]] });
    for (let k = 0; k < c.y.length && c.y.length > 2; k++) out.push({ y: c.y.filter((_, i) => i !== k), E: c.E });
    const r = (v: number) => (v > 0 ? Math.floor(v) : Math.ceil(v));
    const rounded = { y: c.y.map((row) => row.map(r)), E: c.E.map((v) => Math.max(1, Math.round(v))) };
    if (JSON.stringify(rounded) !== JSON.stringify(c)) out.push(rounded);
    return out;
  },
  search: {
    mutate: (c, rand, scale) => ({ y: c.y.map((row) => row.map((v) => Math.round((v + (rand() - 0.5) * 8 * scale) * 2) / 2)), E: c.E.map((v) => Math.max(0, Math.round((v + (rand() - 0.5) * 4 * scale) * 2) / 2)) }),
    budget: 60,
  },
  decode: decodeProjectionCase,
  fixtures: [{ name: 'the catalogue\'s example: one good, y = (2, −1), Σe = 1', input: { y: [[2], [-1]], E: [1] } }],
});

/** The outcome claims, in catalogue order. */
export const grOutcomeClaims: readonly AnyClaim<any>[] = [feasible, projectionOptimal, bankruptGetsZero, balancedWhenSolvent, notIrOffPath, twoStepProjection];
