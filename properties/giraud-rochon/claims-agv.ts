/**
 * Giraud & Rochon (2001): the claims on quasi-linear economies with finite types — AGV transfers
 * (Appendix 6.1: balanced; BIC with independent types; not BIC with correlated ones), the ex post
 * efficient allocation (Section 4), and type-independent endowments (the model's constraint).
 *
 * Economies: N = 3–5 agents, L = 2–3 goods, 2 types each (1–3 in the endowment claim), quadratic
 * separable v (economy.ts) with a > b·ω̄ so v is increasing on every feasible bundle, priors
 * independent (products of integer marginal weights) or correlated (integer weights per profile).
 * Everything is exact (fraction.js, BigInt): allocations, transfers and BIC slacks are rational.
 */
import fc from 'fast-check';
import { z } from 'zod';
import { claim } from '../../src/claims/registry.ts';
import { registerCertificateKind } from '../../src/claims/certificates.ts';
import type { AnyClaim, Certificate, CertifyResult, CheckResult } from '../../src/claims/types.ts';
import { InputError } from '../../src/errors.ts';
import { economy, efficientAllocation, isIndependent, marginal, profiles, valueOf, type EconomySpec } from '../../src/models/giraud-rochon/economy.ts';
import { agvTransfers, bicSlacks } from '../../src/models/giraud-rochon/agv.ts';
import { Fraction, toNumber } from '../../src/numeric/rational.ts';

const ZERO = new Fraction(0);
const EXACT = { abs: 0, why: 'none: allocations, transfers and slacks are exact rationals (quadratic utilities, rational inputs), compared exactly' };

// ---------------------------------------------------------------- generators

/** An economy: quadratic v with a = b·ω̄ + margin (increasing on every feasible bundle), dyadic numbers. */
function economyArb(opts: { prior: 'independent' | 'correlated' | 'either'; minN?: number; maxN?: number }): fc.Arbitrary<EconomySpec> {
  return fc.integer({ min: opts.minN ?? 3, max: opts.maxN ?? 5 }).chain((N) =>
    fc.integer({ min: 2, max: 3 }).chain((L) => {
      const types = Array.from({ length: N }, () => 2);
      const P = 2 ** N;
      const omega = fc.array(fc.array(fc.integer({ min: 0, max: 8 }).map((m) => m / 2), { minLength: L, maxLength: L }).map((w) => (w.every((v) => v === 0) ? [...w.slice(0, -1), 1] : w)), { minLength: N, maxLength: N });
      const curv = fc.array(fc.array(fc.array(fc.integer({ min: 1, max: 8 }).map((k) => k / 4), { minLength: L - 1, maxLength: L - 1 }), { minLength: 2, maxLength: 2 }), { minLength: N, maxLength: N });
      const margin = fc.array(fc.array(fc.array(fc.integer({ min: 1, max: 16 }).map((k) => k / 4), { minLength: L - 1, maxLength: L - 1 }), { minLength: 2, maxLength: 2 }), { minLength: N, maxLength: N });
      const marginals = fc.array(fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })), { minLength: N, maxLength: N });
      const independent = marginals.map((m) => profiles(types).map((t) => t.reduce((q, ti, i) => q * m[i][ti], 1)));
      const correlated = fc.array(fc.integer({ min: 1, max: 9 }), { minLength: P, maxLength: P });
      const prior = opts.prior === 'independent' ? independent : opts.prior === 'correlated' ? correlated : fc.oneof(independent, correlated);
      return fc.record({ omega, curv, margin, prior }).map(({ omega: w, curv: b, margin: m, prior: q }) => {
        const total = Array.from({ length: L }, (_, h) => w.reduce((s, r) => s + r[h], 0));
        return { types, a: b.map((bi, i) => bi.map((bt, t) => bt.map((bh, h) => bh * total[h] + m[i][t][h]))), b, omega: w, prior: q };
      });
    }),
  );
}

const num = z.number().refine(Number.isFinite, 'must be finite');
const SpecShape = z.strictObject({
  types: z.array(z.number().int().min(1).max(4)).min(2).max(6),
  a: z.array(z.array(z.array(num))),
  b: z.array(z.array(z.array(num.refine((v) => v > 0, 'must be > 0')))),
  omega: z.array(z.array(num.refine((v) => v >= 0, 'must be ≥ 0'))),
  prior: z.array(num.refine((v) => v >= 0, 'must be ≥ 0')),
});

/** A saved economy, validated: shapes agree with types and goods, a > b·ω̄, the prior's weights not all 0. */
export function decodeEconomy(json: unknown): EconomySpec {
  const r = SpecShape.safeParse(json);
  if (!r.success) throw new InputError(r.error.issues[0].path.map(String).join('.'), r.error.issues[0].message);
  const s = r.data;
  const N = s.types.length;
  const L = s.omega[0]?.length ?? 0;
  if (L < 2) throw new InputError('omega', 'must list at least 2 goods (the numéraire last)');
  if (s.omega.length !== N || s.a.length !== N || s.b.length !== N) throw new InputError('a', `a, b and omega must have ${N} rows, one per agent`);
  const total = Array.from({ length: L }, (_, h) => s.omega.reduce((t, w) => t + w[h], 0));
  s.a.forEach((ai, i) => {
    if (ai.length !== s.types[i] || s.b[i].length !== s.types[i]) throw new InputError(`a.${i}`, `must have ${s.types[i]} types`);
    ai.forEach((at, t) => {
      if (at.length !== L - 1 || s.b[i][t].length !== L - 1) throw new InputError(`a.${i}.${t}`, `must have ${L - 1} real goods`);
      if (at.some((v, h) => !(v > s.b[i][t][h] * total[h]))) throw new InputError(`a.${i}.${t}`, 'must exceed b·ω̄ (v increasing on every feasible bundle)');
    });
  });
  if (s.prior.length !== s.types.reduce((p, k) => p * k, 1) || s.prior.every((v) => v === 0)) throw new InputError('prior', 'must give a weight to every profile, not all 0');
  return s;
}

const showFrac = (q: Fraction) => q.toFraction();
function describeEconomy(s: EconomySpec): string {
  const e = economy(s);
  return `N = ${e.N}, L = ${e.L}; a ${JSON.stringify(s.a)}, b ${JSON.stringify(s.b)}; ω ${JSON.stringify(s.omega)}; prior ∝ ${JSON.stringify(s.prior)} (${isIndependent(e) ? 'independent' : 'correlated'})`;
}

/** Simpler economies: an agent dropped (N ≥ 3 kept; the prior marginalised), one real good dropped. */
function simplifyEconomy(s: EconomySpec): EconomySpec[] {
  const out: EconomySpec[] = [];
  const N = s.types.length;
  const L = s.omega[0].length;
  const ps = profiles(s.types);
  for (let k = 0; k < N && N > 3; k++) {
    const keep = <T>(_: T, i: number) => i !== k;
    const types = s.types.filter(keep);
    const prior = profiles(types).map((t) => ps.reduce((q, p, idx) => (p.filter(keep).every((v, i) => v === t[i]) ? q + s.prior[idx] : q), 0));
    const omega = s.omega.filter(keep);
    const total = Array.from({ length: L }, (_, h) => omega.reduce((t, w) => t + w[h], 0));
    if (total.every((v) => v === 0)) continue;
    out.push({ types, a: s.a.filter(keep), b: s.b.filter(keep), omega, prior });
  }
  if (L > 2) out.push({ ...s, a: s.a.map((ai) => ai.map((at) => at.slice(1))), b: s.b.map((bi) => bi.map((bt) => bt.slice(1))), omega: s.omega.map((w) => w.slice(1)) });
  return out;
}

// ---------------------------------------------------------------- GR.AGV.budget-balance

const budgetBalance = claim<EconomySpec>({
  id: 'GR.AGV.budget-balance',
  paper: 'GR',
  source: 'Giraud & Rochon (2001), Appendix 6.1 (d\'Aspremont–Gérard-Varet transfers)',
  statement: 'The d\'Aspremont–Gérard-Varet expected-externality transfers θ_i = f_i(t_i) − Σ_{j≠i} f_j(t_j)/(N−1), f_i(t_i) = E[Σ_{j≠i} v_j | t_i], sum to zero for every report profile (Appendix 6.1).',
  verdict: 'holds',
  tolerance: EXACT,
  input: economyArb({ prior: 'either' }),
  runs: 30,
  property(s): CheckResult {
    const e = economy(s);
    const theta = agvTransfers(e);
    const sums = theta.map((row) => row.reduce((a, v) => a.add(v), ZERO));
    const worst = sums.reduce((w, v) => (v.abs().compare(w) > 0 ? v.abs() : w), ZERO);
    // and the transfers are not all zero (a vacuous balance would pass on θ ≡ 0)
    const nonTrivial = theta.some((row) => row.some((v) => v.n !== 0n));
    return { holds: worst.n === 0n, margin: -toNumber(worst), numbers: { profiles: theta.length, worstImbalance: toNumber(worst), nonTrivial } };
  },
  labels: (s) => [isIndependent(economy(s)) ? 'independent' : 'correlated', `N=${s.types.length}`],
  cover: [
    { label: 'independent', min: 0.2 },
    { label: 'correlated', min: 0.2 },
  ],
  describe: describeEconomy,
  simplify: simplifyEconomy,
  decode: decodeEconomy,
});

// ---------------------------------------------------------------- GR.AGV.bic

const bic = claim<EconomySpec>({
  id: 'GR.AGV.bic',
  paper: 'GR',
  source: 'Giraud & Rochon (2001), Appendix 6.1 and Definition 4',
  statement: 'With independent finite types, truth-telling under the ex post efficient rule plus AGV transfers is Bayesian incentive compatible for every agent and type (Definition 4).',
  verdict: 'holds',
  tolerance: EXACT,
  input: economyArb({ prior: 'independent' }),
  runs: 30,
  property(s): CheckResult {
    const e = economy(s);
    const slacks = bicSlacks(e, agvTransfers(e));
    const worst = slacks.reduce((w, x) => (x.slack.compare(w) < 0 ? x.slack : w), slacks[0]?.slack ?? ZERO);
    const strict = slacks.filter((x) => x.slack.compare(0) > 0).length;
    return { holds: worst.compare(0) >= 0, margin: toNumber(worst), numbers: { constraints: slacks.length, worstSlack: toNumber(worst), strict } };
  },
  labels: (s) => [`N=${s.types.length}`, `L=${s.omega[0].length}`],
  cover: [{ label: 'L=3', min: 0.2 }],
  describe: describeEconomy,
  simplify: simplifyEconomy,
  decode: decodeEconomy,
});

// ---------------------------------------------------------------- GR.AGV.correlated-fails

const CORRELATED_KIND = 'gr-agv-correlated-exact';

/** The witness re-derived from the economy alone: a BIC constraint violated exactly, the prior not a product. */
function correlatedCase(s: EconomySpec) {
  const e = economy(s);
  const slacks = bicSlacks(e, agvTransfers(e));
  const worst = slacks.reduce((w, x) => (x.slack.compare(w.slack) < 0 ? x : w), slacks[0]);
  return { e, worst, independent: isIndependent(e) };
}

registerCertificateKind(CORRELATED_KIND, (data) => {
  const r = correlatedCase(decodeEconomy(data));
  if (r.independent) return 'the prior is a product of its marginals';
  if (!r.worst || r.worst.slack.compare(0) >= 0) return 'every BIC constraint holds';
  return undefined;
});

const correlatedFails = claim<EconomySpec>({
  id: 'GR.AGV.correlated-fails',
  paper: 'GR',
  source: 'Giraud & Rochon (2001), Appendix 6.1 (AGV needs independent types)',
  statement: 'With correlated types, the same closed-form transfers are not BIC: some type gains by lying.',
  verdict: 'witness',
  tolerance: EXACT,
  input: economyArb({ prior: 'correlated', maxN: 4 }),
  runs: 30,
  property(s): CheckResult {
    const r = correlatedCase(s);
    const gain = r.worst ? toNumber(r.worst.slack.neg()) : 0;
    return { holds: !r.independent && gain > 0, margin: r.independent ? -1 : gain, numbers: { independent: r.independent, bestGainFromLying: gain, agent: (r.worst?.agent ?? -1) + 1, type: r.worst?.type ?? -1, report: r.worst?.report ?? -1 } };
  },
  certify(s): CertifyResult {
    const r = correlatedCase(s);
    const ok = !r.independent && !!r.worst && r.worst.slack.compare(0) < 0;
    return {
      holds: ok,
      numbers: ok ? { agent: r.worst.agent + 1, type: r.worst.type, report: r.worst.report, gain: showFrac(r.worst.slack.neg()) } : {},
      route: 'exact rationals (fraction.js, BigInt): the AGV transfers and the interim utilities of truth and lie summed exactly over the conditional prior',
      certificate: { kind: CORRELATED_KIND, data: s as unknown as Certificate['data'] },
    };
  },
  labels: (s) => [`N=${s.types.length}`],
  describe: (s) => {
    const r = correlatedCase(s);
    return `${describeEconomy(s)}: agent ${r.worst.agent + 1} of type ${r.worst.type} gains ${showFrac(r.worst.slack.neg())} by reporting ${r.worst.report}`;
  },
  simplify: simplifyEconomy,
  decode: decodeEconomy,
});

// ---------------------------------------------------------------- GR.efficiency.outcome-efficient

const outcomeEfficient = claim<{ economy: EconomySpec; profile: number; probes: number[][] }>({
  id: 'GR.efficiency.outcome-efficient',
  paper: 'GR',
  source: 'Giraud & Rochon (2001), Section 4 (the ex post efficient allocation)',
  statement: 'The ex post efficient allocation solves max Σ v_i(x_i, t_i) s.t. Σ x_i = ω̄, x_i ≥ 0 (the OCR drops the constraint), certified by KKT with corners (∂v_i = λ where x_i > 0, ≤ λ where x_i = 0) and random feasible perturbations.',
  verdict: 'holds',
  tolerance: EXACT,
  input: economyArb({ prior: 'either' }).chain((economy) =>
    fc.record({
      economy: fc.constant(economy),
      profile: fc.integer({ min: 0, max: 2 ** economy.types.length - 1 }),
      probes: fc.array(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 5, maxLength: 5 }), { minLength: 4, maxLength: 4 }),
    }),
  ),
  runs: 60,
  property({ economy: s, profile, probes }): CheckResult {
    const e = economy(s);
    const t = profiles(e.types)[profile];
    const { x } = efficientAllocation(e, t);
    let kkt = true;
    let corners = 0;
    for (let h = 0; h < e.L - 1; h++) {
      // λ read off the holders (not the model's λ): every holder's marginal utility is the same
      const mu = x.map((r, i) => marginal(e, i, t[i], h, r[h]));
      const holders = x.map((r, i) => i).filter((i) => x[i][h].compare(0) > 0);
      const lam = mu[holders[0]];
      if (!holders.every((i) => mu[i].equals(lam))) kkt = false;
      x.forEach((r, i) => {
        if (r[h].n === 0n) {
          corners++;
          if (mu[i].compare(lam) > 0) kkt = false;
        }
        if (r[h].compare(0) < 0) kkt = false;
      });
      if (!x.reduce((a, r) => a.add(r[h]), ZERO).equals(e.total[h])) kkt = false;
    }
    // random feasible allocations (the same totals) do no better
    const W = (xs: Fraction[][]) => xs.reduce((a, r, i) => a.add(valueOf(e, i, t[i], r)), ZERO);
    const best = W(x);
    let worstGain = -Infinity;
    for (const w of probes) {
      // per good, shares ∝ w_k + 1 of the total: a feasible allocation with the same totals
      const shares = Array.from({ length: e.L - 1 }, (_, h) => {
        const weights = x.map((_, k) => new Fraction(w[(k + h) % w.length] + 1, 1));
        const tot = weights.reduce((a, v) => a.add(v), ZERO);
        return weights.map((v) => v.mul(e.total[h]).div(tot));
      });
      const alt = x.map((_, i) => shares.map((sh) => sh[i]));
      worstGain = Math.max(worstGain, toNumber(W(alt).sub(best)));
    }
    return { holds: kkt && worstGain <= 0, margin: kkt ? -worstGain : -1, numbers: { kkt, corners, bestPerturbationGain: worstGain } };
  },
  labels: ({ economy: s, profile }) => {
    const e = economy(s);
    const { x } = efficientAllocation(e, profiles(e.types)[profile]);
    return [x.some((r) => r.some((v) => v.n === 0n)) ? 'a corner' : 'interior', `L=${e.L}`];
  },
  cover: [
    { label: 'a corner', min: 0.2 },
    { label: 'interior', min: 0.05 }, // measured ≈ 10.6 % of 10000 cases
  ],
  describe: ({ economy: s, profile }) => `${describeEconomy(s)}; profile ${JSON.stringify(profiles(s.types)[profile])}`,
  decode: (json) => {
    const r = z.strictObject({ economy: z.unknown(), profile: z.number().int().min(0), probes: z.array(z.array(z.number().int().min(0))) }).safeParse(json);
    if (!r.success) throw new InputError(r.error.issues[0].path.map(String).join('.'), r.error.issues[0].message);
    return { economy: decodeEconomy(r.data.economy), profile: r.data.profile, probes: r.data.probes };
  },
});

/** The AGV and efficiency claims, in catalogue order. */
export const grAgvClaims: readonly AnyClaim<any>[] = [budgetBalance, bic, correlatedFails, outcomeEfficient];

