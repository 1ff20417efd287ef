/**
 * Giraud & Rochon (2001): the incentive rows — the compatibility condition of Section 4 (repaired:
 * the second λ is the liar's multiplier λ_i(m_i, t_i), see src/models/giraud-rochon/compatibility.ts)
 * against its primal, independence ⇒ compatibility, balanced BIC transfers for the efficient rule,
 * and the condition's not being necessary — as linear programs (HiGHS) whose every verdict is an
 * exact certificate: θ verified in rationals, or a Farkas vector that is a (κ, λ) violating the
 * condition, checked against the paper's equation exactly.
 *
 * Economies: generators-incentives.ts (dyadic numbers, full-support priors, independent or
 * correlated). Interim utilities in the certificates come from agv.ts's bicSlacks, code that shares
 * nothing with the LPs' incentive matrix.
 */
import { z } from 'zod';
import { asyncClaim } from '../../src/claims/registry.ts';
import { registerCertificateKind } from '../../src/claims/certificates.ts';
import type { AnyClaim, CertifyResult, CheckResult, Json } from '../../src/claims/types.ts';
import { InputError } from '../../src/errors.ts';
import { economy, isIndependent, profiles, valueOf, type Economy, type EconomySpec } from '../../src/models/giraud-rochon/economy.ts';
import { bicSlacks } from '../../src/models/giraud-rochon/agv.ts';
import {
  balancedTransfersWith, compatibilityWith, conditionFormWith, efficientRule, spanningDirections, typeSpace, violatesCondition,
  verifyTransfersFarkas, type ConditionPair,
} from '../../src/models/giraud-rochon/compatibility.ts';
import { farkasData, lpSolver } from '../../src/numeric/lp.ts';
import { Fraction, toNumber } from '../../src/numeric/rational.ts';
import { decodeFullSupport, describeIncentiveEconomy, incentiveEconomyArb, simplifyIncentiveEconomy } from './generators-incentives.ts';

const ZERO = new Fraction(0);
const EXACT = { abs: 0, why: 'none: every verdict is an exact certificate (θ checked in rationals, or a Farkas vector checked in rationals); nothing is compared in floating point' };
const str = (q: Fraction) => q.toFraction();
const fr = (s: string) => new Fraction(s);

// ---------------------------------------------------------------- exact checks shared by the claims

/**
 * The incentive effect of transfers θ on every BIC constraint, from agv.ts's interim utilities (not
 * from the LPs' matrix): bicSlacks with θ minus bicSlacks without transfers (the slacks are affine in θ).
 */
function incentiveEffects(e: Economy, theta: readonly (readonly Fraction[])[]): Fraction[] {
  const zero = theta.map((row) => row.map(() => ZERO));
  const base = bicSlacks(e, zero);
  return bicSlacks(e, theta).map((s, r) => s.slack.sub(base[r].slack));
}

/** Whether θ absorbs imbalance d exactly: Σ_i θ_i(t) = d(t), every incentive effect ≥ 0. */
function absorbsExactly(e: Economy, theta: readonly (readonly Fraction[])[], d: readonly Fraction[]): boolean {
  if (!theta.every((row, k) => row.reduce((s, v) => s.add(v), ZERO).equals(d[k]))) return false;
  return incentiveEffects(e, theta).every((v) => v.compare(0) >= 0);
}

/** Whether θ is ex post balanced and makes the efficient rule BIC, exactly (agv.ts's interim utilities). */
function balancedBicExactly(e: Economy, theta: readonly (readonly Fraction[])[]): { balanced: boolean; worstSlack: Fraction } {
  const balanced = theta.every((row) => row.reduce((s, v) => s.add(v), ZERO).n === 0n);
  const slacks = bicSlacks(e, theta);
  const worstSlack = slacks.reduce((w, s) => (s.slack.compare(w) < 0 ? s.slack : w), slacks[0]?.slack ?? ZERO);
  return { balanced, worstSlack };
}

const Rationals = z.array(z.string().refine((s) => { try { new Fraction(s); return true; } catch { return false; } }, 'must be a rational "p/q"'));
const PairData = z.object({ economy: z.unknown(), kappa: Rationals, lambda: Rationals });

/** A saved (κ, λ) against a saved economy: shapes and the repaired equation, exactly. */
function checkPair(data: unknown): { e: Economy; pair: ConditionPair; why?: string } | string {
  const r = PairData.safeParse(data);
  if (!r.success) return `${r.error.issues[0].path.join('.')}: ${r.error.issues[0].message}`;
  let s: EconomySpec;
  try {
    s = decodeFullSupport(r.data.economy, 'economy');
  } catch (err) {
    return (err as Error).message;
  }
  const e = economy(s);
  const S = typeSpace(e);
  if (r.data.kappa.length !== S.P || r.data.lambda.length !== S.ics.length) return `kappa and lambda must have ${S.P} and ${S.ics.length} entries`;
  const pair = { kappa: r.data.kappa.map(fr), lambda: r.data.lambda.map(fr) };
  return { e, pair, ...(violatesCondition(e, S, pair) ? {} : { why: 'the pair does not violate the repaired condition (λ ≥ 0, κ ≠ 0, every residual 0)' }) };
}

const PAIR_KIND = 'gr-compatibility-pair';
registerCertificateKind(PAIR_KIND, (data) => {
  const c = checkPair(data);
  return typeof c === 'string' ? c : c.why;
});

const pairData = (s: EconomySpec, p: ConditionPair): Json => ({ economy: s as unknown as Json, kappa: p.kappa.map(str), lambda: p.lambda.map(str) });

const NOT_NECESSARY_KIND = 'gr-not-necessary';
registerCertificateKind(NOT_NECESSARY_KIND, (data) => {
  const c = checkPair(data);
  if (typeof c === 'string') return c;
  if (c.why) return c.why;
  const th = z.object({ theta: z.array(Rationals) }).safeParse(data);
  if (!th.success) return 'theta: must be rows of rationals, one per profile';
  const S = typeSpace(c.e);
  if (th.data.theta.length !== S.P || th.data.theta.some((row) => row.length !== c.e.N)) return `theta: must be ${S.P} rows of ${c.e.N}`;
  if (!needsTransfers(c.e).needed) return 'the efficient rule is BIC without transfers (no incentive problem)';
  const { balanced, worstSlack } = balancedBicExactly(c.e, th.data.theta.map((row) => row.map(fr)));
  if (!balanced) return 'theta is not balanced at every profile';
  return worstSlack.compare(0) < 0 ? `a BIC constraint fails by ${str(worstSlack.neg())}` : undefined;
});

// ---------------------------------------------------------------- GR.compatibility.farkas

// N = 5 costs ~1.5 s (2 × 33 LPs of 160 columns, certified) and N = 4 ~0.4 s: kept rarer
const farkasArb = incentiveEconomyArb({ prior: 'either', minN: 2, maxN: 5, threeTypesUpToN: 3, maxL: 2, weightN: (N) => [3, 4, 2, 1][N - 2] });

/**
 * Both forms decided: the primal by |T| + 1 absorption LPs (exact θ or a Farkas vector), the
 * condition by its own LP over (κ, λ) (exact optimality intervals). They must agree, and a failing
 * primal's Farkas vector must be a (κ, λ) that solves the paper's (repaired) equation exactly.
 */
async function farkasCase(s: EconomySpec) {
  const solver = await lpSolver();
  const e = economy(s);
  const primal = compatibilityWith(solver, e);
  const form = conditionFormWith(solver, e);
  const pairOk = primal.verdict === 'fails' ? violatesCondition(e, typeSpace(e), primal.pair!) : null;
  return { e, primal, form, pairOk };
}

const farkas = asyncClaim<EconomySpec>({
  id: 'GR.compatibility.farkas',
  paper: 'GR',
  source: 'Giraud & Rochon (2001), Section 4 (compatibility condition; OCR repaired: the second λ is λ_i(m_i, t_i)) and Appendix 6.1',
  statement: 'The compatibility condition of Section 4 (repaired: the second λ\'s arguments are transposed in the OCR — the liar\'s constraint), checked as a linear program, agrees with its primal: every budget imbalance κ can be absorbed by IC-neutral transfers; the LP certificate (Farkas vector) is re-verified exactly.',
  verdict: 'holds',
  tolerance: EXACT,
  input: farkasArb,
  // ≈ 0.1–1.5 s a case (N = 4–5 dominate)
  runs: 8,
  async property(s): Promise<CheckResult> {
    const r = await farkasCase(s);
    const numbers = { primal: r.primal.verdict, condition: r.form.verdict, solves: r.primal.solves, pairSolvesEquation: r.pairOk, ...(r.primal.farkasBound ? { farkasBound: r.primal.farkasBound } : {}) };
    if (r.primal.verdict === 'undecided' || r.form.verdict === 'undecided') return { holds: true, numbers, undecided: r.primal.why ?? r.form.why ?? 'undecided' };
    const agree = r.primal.verdict === r.form.verdict && r.pairOk !== false;
    return { holds: agree, margin: agree ? 1 : -1, numbers };
  },
  async certify(s): Promise<CertifyResult> {
    // Re-derived exactly: each absorbing θ checked by agv.ts's interim utilities, the pair by the
    // paper's equation; then compared with the condition form's exact optima.
    const r = await farkasCase(s);
    const dirs = spanningDirections(r.e.prior.length);
    const primalHolds = r.primal.verdict === 'holds' && r.primal.absorbing!.every((th, d) => absorbsExactly(r.e, th, dirs[d]));
    const primalFails = r.primal.verdict === 'fails' && r.pairOk === true;
    const agree = (primalHolds && r.form.verdict === 'holds') || (primalFails && r.form.verdict === 'fails');
    return {
      holds: agree,
      numbers: { primalHolds, primalFails, condition: r.form.verdict },
      route: 'exact rationals: the absorbing transfers checked by agv.ts\'s interim utilities (Σ_i θ_i = d, every incentive effect ≥ 0), a failing direction\'s (κ, λ) by the paper\'s equation, against the condition LP\'s exact optimality intervals',
      ...(primalFails ? { certificate: { kind: PAIR_KIND, data: pairData(s, r.primal.pair!) } } : {}),
    };
  },
  labels: (s) => {
    const e = economy(s);
    const indep = isIndependent(e);
    return [indep ? 'independent' : 'correlated', s.types.length === 2 && !indep ? 'N=2 correlated (the condition fails)' : `N=${s.types.length}`, s.types.some((k) => k === 3) ? 'three types' : 'two types'];
  },
  cover: [
    { label: 'independent', min: 0.2 },
    { label: 'N=2 correlated (the condition fails)', min: 0.05 },
    { label: 'three types', min: 0.05 },
  ],
  describe: describeIncentiveEconomy,
  simplify: (s) => simplifyIncentiveEconomy(s, 2),
  decode: (json) => decodeFullSupport(json),
});

// ---------------------------------------------------------------- GR.compatibility.independence

const independence = asyncClaim<EconomySpec>({
  id: 'GR.compatibility.independence',
  paper: 'GR',
  source: 'Giraud & Rochon (2001), Section 4 (compatibility condition) and Appendix 6.1 (independence condition)',
  statement: 'Independent types imply the compatibility condition.',
  verdict: 'holds',
  tolerance: EXACT,
  input: incentiveEconomyArb({ prior: 'independent', minN: 3, maxN: 5, threeTypesUpToN: 3, maxL: 2, weightN: (N) => [4, 2, 1][N - 3] }),
  runs: 8,
  async property(s): Promise<CheckResult> {
    const r = compatibilityWith(await lpSolver(), economy(s));
    const numbers = { verdict: r.verdict, solves: r.solves, ...(r.farkasBound ? { farkasBound: r.farkasBound } : {}) };
    if (r.verdict === 'undecided') return { holds: true, numbers, undecided: r.why };
    return { holds: r.verdict === 'holds', margin: r.verdict === 'holds' ? 1 : -1, numbers };
  },
  async certify(s): Promise<CertifyResult> {
    // the condition's own form (κ, λ LP, exact optimality intervals), and a failing primal's pair checked by the paper's equation
    const solver = await lpSolver();
    const e = economy(s);
    const form = conditionFormWith(solver, e);
    const primal = compatibilityWith(solver, e);
    const pairOk = primal.verdict === 'fails' && violatesCondition(e, typeSpace(e), primal.pair!);
    return {
      holds: form.verdict === 'holds' && !pairOk,
      numbers: { condition: form.verdict, independent: isIndependent(e), pairSolvesEquation: pairOk },
      ...(form.why ? { undecided: form.why } : {}),
      route: 'the condition\'s own LP over (κ, λ) with exact optimality intervals; a failing direction\'s (κ, λ) checked by the paper\'s equation in exact rationals',
      ...(pairOk ? { certificate: { kind: PAIR_KIND, data: pairData(s, primal.pair!) } } : {}),
    };
  },
  labels: (s) => [`N=${s.types.length}`, s.types.some((k) => k === 3) ? 'three types' : 'two types'],
  cover: [
    { label: 'N=3', min: 0.2 },
    { label: 'three types', min: 0.05 },
  ],
  describe: describeIncentiveEconomy,
  simplify: (s) => simplifyIncentiveEconomy(s, 3),
  decode: (json) => {
    const s = decodeFullSupport(json);
    if (!isIndependent(economy(s))) throw new InputError('prior', 'must be a product of its marginals (independent types)');
    return s;
  },
});

// ---------------------------------------------------------------- GR.compatibility.efficient-rules

/**
 * The proof's construction, with no LP of its own: Groves transfers θ^G_i(t) = Σ_{j≠i} v_j(x_j*(t), t_j)
 * make truth-telling dominant for the efficient rule; their imbalance κ(t) = −Σ_i θ^G_i(t) is written
 * as κ = Σ_t α_t e_t + β(−Σ_t e_t) with α, β ≥ 0, and absorbed by the same combination of the
 * compatibility certificate's IC-neutral transfers. The sum is balanced and BIC.
 */
function grovesPlusAbsorption(e: Economy, absorbing: Fraction[][][]): Fraction[][] {
  const rule = efficientRule(e);
  const ps = profiles(e.types);
  const groves = ps.map((t, k) => t.map((_, i) => t.reduce((s, tj, j) => (j === i ? s : s.add(valueOf(e, j, tj, rule[k][j]))), ZERO)));
  const kappa = groves.map((row) => row.reduce((s, v) => s.add(v), ZERO).neg());
  const minK = kappa.reduce((m, v) => (v.compare(m) < 0 ? v : m), kappa[0]);
  const beta = minK.compare(0) < 0 ? minK.neg() : ZERO;
  const P = ps.length;
  return groves.map((row, k) =>
    row.map((g, i) => {
      let v = g.add(absorbing[P][k][i].mul(beta));
      for (let d = 0; d < P; d++) v = v.add(absorbing[d][k][i].mul(kappa[d].add(beta)));
      return v;
    }),
  );
}

async function efficientRulesCase(s: EconomySpec) {
  const solver = await lpSolver();
  const e = economy(s);
  const compat = compatibilityWith(solver, e);
  const lp = compat.verdict === 'holds' ? balancedTransfersWith(solver, e, efficientRule(e)) : undefined;
  return { e, compat, lp };
}

const efficientRules = asyncClaim<EconomySpec>({
  id: 'GR.compatibility.efficient-rules',
  paper: 'GR',
  source: 'Giraud & Rochon (2001), Section 4 (compatibility condition, outcome efficiency requirement) and Appendix 6.1',
  statement: 'When compatibility holds, every ex post efficient allocation rule admits ex post budget-balanced BIC transfers (an LP; transfers not tightly bounded) (Section 4).',
  verdict: 'holds',
  tolerance: EXACT,
  input: incentiveEconomyArb({ prior: 'either', minN: 3, maxN: 5, threeTypesUpToN: 3, weightN: (N) => [4, 2, 1][N - 3] }),
  runs: 8,
  async property(s): Promise<CheckResult> {
    const { e, compat, lp } = await efficientRulesCase(s);
    if (compat.verdict === 'undecided') return { holds: true, numbers: { compatibility: 'undecided' }, undecided: compat.why };
    if (compat.verdict === 'fails') return { holds: true, margin: 1, numbers: { compatibility: 'fails (vacuous)' } };
    if (lp!.status === 'undecided') return { holds: true, numbers: { compatibility: 'holds', transfers: 'undecided' }, undecided: lp!.why };
    if (lp!.status === 'infeasible') return { holds: false, margin: -1, numbers: { compatibility: 'holds', transfers: 'infeasible' } };
    // the LP's θ checked by agv.ts's interim utilities, exactly
    const { balanced, worstSlack } = balancedBicExactly(e, lp!.theta!);
    const ok = balanced && worstSlack.compare(0) >= 0;
    return { holds: ok, margin: ok ? 1 : -1, numbers: { compatibility: 'holds', transfers: 'feasible', balanced, worstSlack: toNumber(worstSlack), maxTransfer: Math.max(...lp!.theta!.flat().map((v) => Math.abs(toNumber(v)))) } };
  },
  async certify(s): Promise<CertifyResult> {
    const { e, compat, lp } = await efficientRulesCase(s);
    if (compat.verdict !== 'holds') return { holds: true, numbers: { compatibility: compat.verdict }, route: 'vacuous: the condition does not hold' };
    const theta = grovesPlusAbsorption(e, compat.absorbing!);
    const { balanced, worstSlack } = balancedBicExactly(e, theta);
    const constructed = balanced && worstSlack.compare(0) >= 0;
    const farkasOk = lp?.status === 'infeasible' && verifyTransfersFarkas(e, efficientRule(e), lp.farkas!.y);
    return {
      holds: constructed && !farkasOk,
      numbers: { constructedBalanced: balanced, constructedWorstSlack: str(worstSlack), lpInfeasibleCertified: farkasOk },
      route: 'the proof\'s construction in exact rationals: Groves transfers plus the absorption of their imbalance by the compatibility certificate\'s IC-neutral transfers, checked by agv.ts\'s interim utilities; and the LP\'s Farkas vector (if any) re-verified exactly',
      ...(farkasOk ? { certificate: { kind: 'lp-farkas', data: farkasData(lp!.lp, lp!.farkas!) as unknown as Json } } : {}),
    };
  },
  labels: (s) => [isIndependent(economy(s)) ? 'independent' : 'correlated', `N=${s.types.length}`],
  cover: [
    { label: 'independent', min: 0.2 },
    { label: 'correlated', min: 0.2 },
  ],
  describe: describeIncentiveEconomy,
  simplify: (s) => simplifyIncentiveEconomy(s, 3),
  decode: (json) => decodeFullSupport(json),
});

// ---------------------------------------------------------------- GR.compatibility.not-necessary

async function notNecessaryCase(s: EconomySpec) {
  const solver = await lpSolver();
  const e = economy(s);
  const compat = compatibilityWith(solver, e);
  const lp = balancedTransfersWith(solver, e, efficientRule(e));
  return { e, compat, lp, needsTransfers: needsTransfers(e) };
}

/**
 * Whether the efficient rule needs transfers at all: some type gains by lying when there are none
 * (agv.ts's slacks with θ = 0). A witness without it would be vacuous — an economy with no incentive
 * problem (e.g. no real good to share) has balanced BIC transfers θ = 0 whatever the prior.
 */
function needsTransfers(e: Economy): { needed: boolean; gain: Fraction } {
  const zero = profiles(e.types).map(() => Array.from({ length: e.N }, () => ZERO));
  const worst = bicSlacks(e, zero).reduce((w, x) => (x.slack.compare(w) < 0 ? x.slack : w), ZERO);
  return { needed: worst.compare(0) < 0, gain: worst.neg() };
}

const notNecessary = asyncClaim<EconomySpec>({
  id: 'GR.compatibility.not-necessary',
  paper: 'GR',
  source: 'Giraud & Rochon (2001), Section 4 (compatibility condition, "needed to ensure the existence of incentive compatible allocations")',
  statement: 'Two agents with a correlated prior: compatibility fails, yet the efficient rule still has ex post balanced BIC transfers — the condition is sufficient, not necessary.',
  // Read so that the witness is not vacuous: without transfers some type gains by lying (the rule
  // has an incentive problem the balanced transfers solve).
  verdict: 'witness',
  tolerance: EXACT,
  input: incentiveEconomyArb({ prior: 'correlated', minN: 2, maxN: 2 }),
  runs: 10,
  async property(s): Promise<CheckResult> {
    const { compat, lp, needsTransfers: nt } = await notNecessaryCase(s);
    const numbers = { compatibility: compat.verdict, transfers: lp.status, gainFromLyingWithoutTransfers: toNumber(nt.gain) };
    if (compat.verdict === 'undecided' || lp.status === 'undecided') return { holds: false, numbers, undecided: compat.why ?? lp.why };
    const w = compat.verdict === 'fails' && lp.status === 'feasible' && nt.needed;
    // towards a witness: the gain from lying without transfers, once the rest holds
    return { holds: w, margin: compat.verdict === 'fails' && lp.status === 'feasible' ? toNumber(nt.gain) : -1, numbers };
  },
  async certify(s): Promise<CertifyResult> {
    const { e, compat, lp, needsTransfers: nt } = await notNecessaryCase(s);
    const pairOk = compat.verdict === 'fails' && violatesCondition(e, typeSpace(e), compat.pair!);
    const bic = lp.status === 'feasible' ? balancedBicExactly(e, lp.theta!) : undefined;
    const ok = pairOk && !!bic && bic.balanced && bic.worstSlack.compare(0) >= 0 && nt.needed;
    return {
      holds: ok,
      numbers: ok ? { kappa: compat.pair!.kappa.map(str), lambda: compat.pair!.lambda.map(str), theta: lp.theta!.map((r) => r.map(str)), worstSlack: str(bic!.worstSlack), gainFromLyingWithoutTransfers: str(nt.gain) } : { pairOk, transfers: lp.status, needsTransfers: nt.needed },
      route: 'exact rationals: (κ, λ) from the Farkas vector checked against the paper\'s (repaired) equation; the balanced transfers checked by agv.ts\'s interim utilities',
      ...(ok ? { certificate: { kind: NOT_NECESSARY_KIND, data: { ...(pairData(s, compat.pair!) as Record<string, Json>), theta: lp.theta!.map((r) => r.map(str)) } } } : {}),
    };
  },
  labels: (s) => [s.omega[0].length === 3 ? 'L=3' : 'L=2'],
  describe: (s) => `${describeIncentiveEconomy(s)}: the condition fails; without transfers a type gains ${needsTransfers(economy(s)).gain.toFraction()} by lying, and balanced BIC transfers remove it`,
  simplify: (s) => simplifyIncentiveEconomy(s, 2),
  decode: (json) => {
    const s = decodeFullSupport(json);
    if (s.types.length !== 2) throw new InputError('types', 'must list 2 agents (the witness is a two-agent economy)');
    return s;
  },
});

/** The incentive rows, in the order of the brief (CLAIMS.md's GR section). */
export const grIncentiveClaims: readonly AnyClaim<any>[] = [farkas, independence, efficientRules, notNecessary];

