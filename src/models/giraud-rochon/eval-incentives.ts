/**
 * `mechcheck eval gr.agv` and `eval gr.compatibility`: Giraud & Rochon's incentive quantities for a
 * quasi-linear economy with finite types (economy.ts's EconomySpec) — the AGV transfers with their
 * BIC slacks (Appendix 6.1), and the compatibility condition of Section 4 (repaired) decided by LPs
 * with exact certificates (compatibility.ts). Numbers are reported as doubles, and exactly as "p/q".
 *
 * gr.compatibility solves LPs: HiGHS (WebAssembly) loads asynchronously, so the quantity has
 * `prepare()`, which the CLI must await before `evaluate` (as it awaits the expression engine).
 */
import { z } from 'zod';
import { firstIssue } from '../../distributions/schema.ts';
import { InputError } from '../../errors.ts';
import type { Json } from '../../types.ts';
import type { Quantity } from '../quantity.ts';
import { lpSolver } from '../../numeric/lp.ts';
import { Fraction, toNumber } from '../../numeric/rational.ts';
import { economy, isIndependent, profiles, type Economy, type EconomySpec } from './economy.ts';
import { agvTransfers, bicSlacks } from './agv.ts';
import { compatibilityWith, spanningDirections } from './compatibility.ts';

/** Agents, types per agent and profiles accepted (the LPs have N·|T| columns; |T| + 1 of them are solved and certified exactly). */
export const AGENTS_MAX = 6;
export const TYPES_MAX = 4;
export const PROFILES_MAX = 64;
/** |Σ_t Q(t) − 1| accepted: the rounding of up to 64 decimals typed to 15 digits (e.g. 0.333333333333333). */
export const PRIOR_SUM_TOL = 1e-9;
export const GOODS_MAX = 10;

const num = () => z.number({ message: 'must be a number' }).refine(Number.isFinite, 'must be finite');

const Request = z.strictObject({
  types: z.array(z.number({ message: 'must be a number' }).int('must be an integer').min(1, 'must be ≥ 1').max(TYPES_MAX, `must be ≤ ${TYPES_MAX}`)).min(2, 'must list at least 2 agents').max(AGENTS_MAX, `must list at most ${AGENTS_MAX} agents`),
  a: z.array(z.array(z.array(num()))),
  b: z.array(z.array(z.array(num().refine((v) => v > 0, 'must be > 0 (v strictly concave)')))),
  omega: z.array(z.array(num().refine((v) => v >= 0, 'must be ≥ 0'))),
  prior: z.array(num().refine((v) => v > 0, 'must be > 0 (Q(t) > 0 for every profile, Section 2.1)')),
});

/** Validate an economy request: shapes agree with types and goods, a > b·ω̄ (v increasing on every feasible bundle), one prior weight per profile. */
export function parseEconomyRequest(req: unknown): EconomySpec {
  const r = Request.safeParse(req);
  if (!r.success) {
    const e = firstIssue(r.error, '', req);
    throw new InputError(e.field, e.detail);
  }
  const s = r.data;
  const N = s.types.length;
  if (s.omega.length !== N) throw new InputError('omega', `must have ${N} rows, one per agent (got ${s.omega.length})`);
  const L = s.omega[0].length;
  if (L < 2) throw new InputError('omega[0]', 'must list at least 2 goods (the numéraire last)');
  if (L > GOODS_MAX) throw new InputError('omega[0]', `must list at most ${GOODS_MAX} goods`);
  s.omega.forEach((w, i) => {
    if (w.length !== L) throw new InputError(`omega[${i}]`, `must have ${L} entries, as omega[0] (got ${w.length})`);
  });
  const total = Array.from({ length: L }, (_, h) => s.omega.reduce((t, w) => t + w[h], 0));
  for (const key of ['a', 'b'] as const) {
    if (s[key].length !== N) throw new InputError(key, `must have ${N} rows, one per agent (got ${s[key].length})`);
    s[key].forEach((ai, i) => {
      if (ai.length !== s.types[i]) throw new InputError(`${key}[${i}]`, `must have ${s.types[i]} entries, one per type (got ${ai.length})`);
      ai.forEach((at, t) => {
        if (at.length !== L - 1) throw new InputError(`${key}[${i}][${t}]`, `must have ${L - 1} entries, one per real good (got ${at.length})`);
      });
    });
  }
  s.a.forEach((ai, i) => ai.forEach((at, t) => at.forEach((v, h) => {
    if (!(v > s.b[i][t][h] * total[h])) throw new InputError(`a[${i}][${t}][${h}]`, `must exceed b·ω̄ = ${s.b[i][t][h] * total[h]} (v increasing on every feasible bundle, Assumption 1)`);
  })));
  const P = s.types.reduce((p, k) => p * k, 1);
  if (P > PROFILES_MAX) throw new InputError('types', `must give at most ${PROFILES_MAX} type profiles (got ${P})`);
  if (s.prior.length !== P) throw new InputError('prior', `must have ${P} entries, one per type profile in lexicographic order (got ${s.prior.length})`);
  // A probability: the entries sum to 1, up to the rounding of decimals typed for thirds and the like
  // (PRIOR_SUM_TOL); the model then normalises the numbers exactly.
  const sum = s.prior.reduce((a, v) => a + v, 0);
  if (Math.abs(sum - 1) > PRIOR_SUM_TOL) throw new InputError('prior', `must sum to 1 (a probability over the type profiles; got ${sum})`);
  return s;
}

const both = (q: Fraction) => ({ value: toNumber(q), exact: q.toFraction() });

/** AGV transfers and the BIC slacks of the efficient rule with them, for an economy. */
export function agvNumbers(e: Economy) {
  const theta = agvTransfers(e);
  const slacks = bicSlacks(e, theta);
  return {
    independent: isIndependent(e),
    profiles: profiles(e.types),
    transfers: theta.map((row) => row.map(toNumber)),
    transfersExact: theta.map((row) => row.map((v) => v.toFraction())),
    bicSlacks: slacks.map((s) => ({ agent: s.agent + 1, type: s.type, report: s.report, slack: toNumber(s.slack), slackExact: s.slack.toFraction() })),
    bic: slacks.every((s) => s.slack.compare(0) >= 0),
  };
}

export const grAgv: Quantity = {
  name: 'gr.agv',
  description: 'Giraud–Rochon: d\'Aspremont–Gérard-Varet transfers θ_i(t) of the ex post efficient rule (Appendix 6.1) for a quasi-linear economy with finite types (types, a, b, omega, prior Q summing to 1), the BIC slack of every (agent, type, report) with them, and whether the prior is independent; exact rationals, reported as doubles and "p/q"',
  evaluate(req: unknown): Json {
    return agvNumbers(economy(parseEconomyRequest(req))) as unknown as Json;
  },
};

let solver: Awaited<ReturnType<typeof lpSolver>> | undefined;

export const grCompatibility: Quantity = {
  name: 'gr.compatibility',
  description: 'Giraud–Rochon: the compatibility condition of Section 4 (second λ repaired: the liar\'s multiplier λ_i(m_i, t_i)) for a quasi-linear economy with finite types (types, a, b, omega, prior Q summing to 1), decided by LPs (HiGHS) with exact certificates: IC-neutral transfers absorbing each of the |T| + 1 spanning imbalances, or a (κ, λ) violating it from a Farkas vector',
  async prepare() {
    solver ??= await lpSolver();
  },
  evaluate(req: unknown): Json {
    const s = parseEconomyRequest(req);
    if (!solver) throw new Error('gr.compatibility: the LP solver is not loaded (call prepare() first)');
    const e = economy(s);
    const r = compatibilityWith(solver, e);
    const ps = profiles(e.types);
    const base = { holds: r.verdict === 'holds' ? true : r.verdict === 'fails' ? false : null, verdict: r.verdict, independent: isIndependent(e), profiles: ps, solves: r.solves };
    if (r.verdict === 'holds') {
      const dirs = spanningDirections(ps.length);
      return { ...base, certificate: { kind: 'absorbing transfers', directions: dirs.map((d) => d.map(toNumber)), transfers: r.absorbing!.map((th) => th.map((row) => row.map((v) => v.toFraction()))) } } as unknown as Json;
    }
    if (r.verdict === 'fails') {
      const ics = ps.length ? e.types.flatMap((k, i) => Array.from({ length: k * k }, (_, c) => ({ agent: i + 1, type: Math.floor(c / k), report: c % k })).filter((x) => x.type !== x.report)) : [];
      return {
        ...base,
        certificate: {
          kind: 'violating pair',
          direction: r.direction,
          farkasBound: r.farkasBound,
          kappa: r.pair!.kappa.map(both),
          lambda: r.pair!.lambda.map((v, c) => ({ ...ics[c], ...both(v) })),
        },
      } as unknown as Json;
    }
    return { ...base, why: r.why ?? null } as unknown as Json;
  },
};
