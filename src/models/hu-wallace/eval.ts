/**
 * `mechcheck eval hw.stage2-equilibrium` (INTERFACES.md, "hw.competitive-equilibrium and
 * hw.stage2-equilibrium"): Hu & Wallace's symmetric stage-2 equilibrium β^σ (Proposition 1) for a
 * configuration of counts, complete-information or with states (the common posterior φ^σ by Bayes),
 * with its certificate (the largest deviation gain a form-(11) search finds) and MRS wedges.
 *
 * The request parser is shared: `parseHwRequest(req, 'share')` reads hw.competitive-equilibrium's
 * request (shares μ_z, optional "state"), `parseHwRequest(req, 'count')` this one's.
 */
import { z } from 'zod';
import { firstIssue } from '../../distributions/schema.ts';
import { utilityRangeIssue, type TwoGoodUtility } from '../../economy/two-goods.ts';
import { InputError } from '../../errors.ts';
import type { Json } from '../../types.ts';
import type { Quantity } from '../quantity.ts';
import { type Goods, type HwEconomy } from './economy.ts';
import { bestResponse, deviationGains, stage2Equilibrium } from './stage2.ts';

/** Types and states accepted (the solver is O(types × leaves) per evaluation). */
export const TYPES_MAX = 50;
export const STATES_MAX = 20;
/** Sum-to-1 tolerance for priors, shares and likelihoods typed in decimals (then normalised exactly). */
export const PROB_SUM_TOL = 1e-9;
/** Practical ranges beyond the families' own (a, b > 0; σ > 0, ≠ 1): where doubles keep every log and product finite. */
export const PARAM_RANGE = { min: 1e-6, max: 1e6 } as const;
export const SIGMA_RANGE = { min: 0.01, max: 100 } as const;
export const QUANTITY_RANGE = { min: 1e-9, max: 1e9 } as const;
/**
 * A type keeping less than this share of its endowment of the good it sells has q̄ − b below the
 * doubles' resolution: its offer cannot be priced by form (11), so the equilibrium cannot be
 * certified, and the request is refused (naming the type) rather than answered uncertified.
 */
export const KEPT_MIN = 1e-13;
/**
 * The certificate's bound: no type gains more than this, relative to max(1, |U|) at its offer, by any
 * deviation the form-(11) search finds. The solver meets its first-order conditions to ~1e-15 and a gain
 * is second order there; HW.Prop1.existence measured ≤ 1.2e-14 over 500 generated configurations, so
 * 1e-12 leaves a factor ~100 (the claim declares the same bound).
 */
export const STAGE2_GAIN_REL = 1e-12;
/** How the stage-2 equilibrium is certified (a code path separate from the solver's equations). */
export const STAGE2_CERTIFIED_BY =
  "a deviation search over both branches of O with payoffs by form (11) (a 64-point grid refined by Brent's method), and each type's best response by Proposition 1's g and h at the solver's totals";
/** Counts up to this (M = Σ counts too): exact integers, and the solver's cost does not depend on them. */
export const COUNT_MAX = 1e15;

const num = () => z.number({ message: 'must be a number' }).refine(Number.isFinite, 'must be finite');
const inRange = (lo: number, hi: number) => num().refine((v) => v > 0, 'must be > 0').refine((v) => v >= lo && v <= hi, `must be in [${lo}, ${hi}]`);

/** A positive pair {q, r}: the per-capita endowment (q̄, r̄) or ε (both > 0). */
export const hwGoods = z.strictObject({ q: inRange(QUANTITY_RANGE.min, QUANTITY_RANGE.max), r: inRange(QUANTITY_RANGE.min, QUANTITY_RANGE.max) });
/** A type or state name: non-empty, printable. */
export const hwName = z.string({ message: 'must be a string' }).min(1, 'must not be empty').max(64, 'must have at most 64 characters');

/** Parse one utility at `field`: a family of two-goods.ts within its range and PARAM_RANGE / SIGMA_RANGE, no unknown keys. */
export function parseUtility(v: unknown, field: string): TwoGoodUtility {
  const issue = utilityRangeIssue(v, field);
  if (issue) throw new InputError(issue.field, issue.detail);
  const o = v as Record<string, unknown>;
  const allowed = o.kind === 'log' ? ['kind', 'a', 'b'] : o.kind === 'ces' ? ['kind', 'a', 'b', 'sigma'] : ['kind', 'terms'];
  for (const k of Object.keys(o)) if (!allowed.includes(k)) throw new InputError(`${field}.${k}`, 'unknown field');
  if (o.kind === 'sum') return { kind: 'sum', terms: (o.terms as unknown[]).map((t, i) => parseUtility(t, `${field}.terms[${i}]`)) };
  for (const k of ['a', 'b'] as const) {
    const x = o[k] as number;
    if (x < PARAM_RANGE.min || x > PARAM_RANGE.max) throw new InputError(`${field}.${k}`, `must be in [${PARAM_RANGE.min}, ${PARAM_RANGE.max}] (got ${x})`);
  }
  if (o.kind === 'log') return { kind: 'log', a: o.a as number, b: o.b as number };
  const s = o.sigma as number;
  if (s < SIGMA_RANGE.min || s > SIGMA_RANGE.max) throw new InputError(`${field}.sigma`, `must be in [${SIGMA_RANGE.min}, ${SIGMA_RANGE.max}] (got ${s})`);
  return { kind: 'ces', a: o.a as number, b: o.b as number, sigma: s };
}

const TypeSchema = z.strictObject({
  name: hwName,
  count: z.unknown().optional(),
  share: z.unknown().optional(),
  likelihood: z.record(z.string(), num()).optional(),
  utility: z.unknown(),
});

const RequestSchema = z.strictObject({
  endowment: hwGoods,
  epsilon: hwGoods,
  states: z
    .array(z.strictObject({ name: hwName, prior: num().refine((v) => v > 0, 'must be > 0') }))
    .min(1, 'must list at least 1 state')
    .max(STATES_MAX, `must list at most ${STATES_MAX} states`)
    .optional(),
  state: hwName.optional(),
  types: z.array(TypeSchema).min(1, 'must list at least 1 type').max(TYPES_MAX, `must list at most ${TYPES_MAX} types`),
});

/** A parsed hw.* request: the economy, each type's count (mode 'count') or share (mode 'share'), and the named true state. */
export interface HwRequest {
  economy: HwEconomy;
  /** σ(x) (counts) or μ_z(x) (shares), per type. */
  weights: number[];
  /** Index of the request's "state" (share mode with states), else undefined. */
  state?: number;
  /** Whether the request gave states (the result then reports the posterior). */
  withStates: boolean;
}

const sumsToOne = (xs: readonly number[]) => Math.abs(xs.reduce((s, v) => s + v, 0) - 1) <= PROB_SUM_TOL;

/**
 * Validate an hw.* request (INTERFACES.md): complete information (one utility per type) or with states
 * (priors, per-type likelihoods and utilities keyed by state names). Every failure is an InputError naming its field.
 * In 'share' mode with states, a type's share is its likelihood in the named "state" (required).
 */
export function parseHwRequest(req: unknown, mode: 'count' | 'share'): HwRequest {
  const parsed = RequestSchema.safeParse(req);
  if (!parsed.success) {
    const e = firstIssue(parsed.error, '', req);
    throw new InputError(e.field, e.detail);
  }
  const r = parsed.data;
  const names = new Map<string, number>();
  r.types.forEach((t, i) => {
    if (names.has(t.name)) throw new InputError(`types[${i}].name`, `duplicate type name ${JSON.stringify(t.name)} (also types[${names.get(t.name)}])`);
    names.set(t.name, i);
  });
  const other = mode === 'count' ? 'share' : 'count';
  r.types.forEach((t, i) => {
    if (t[other] !== undefined) throw new InputError(`types[${i}].${other}`, `unknown field (this quantity takes "${mode}")`);
  });
  if (r.state !== undefined && (mode === 'count' || !r.states)) throw new InputError('state', mode === 'count' ? 'unknown field (the posterior comes from the counts)' : 'only with "states"');

  const states = r.states ?? [{ name: 'z', prior: 1 }];
  if (r.states) {
    const seen = new Map<string, number>();
    r.states.forEach((s, j) => {
      if (seen.has(s.name)) throw new InputError(`states[${j}].name`, `duplicate state name ${JSON.stringify(s.name)}`);
      seen.set(s.name, j);
    });
    if (!sumsToOne(r.states.map((s) => s.prior))) throw new InputError('states', `priors must sum to 1 (got ${r.states.reduce((s, v) => s + v.prior, 0)})`);
  }
  const stateNames = states.map((s) => s.name);
  const known = `known states: ${stateNames.join(', ')}`;
  const byState = (obj: unknown, field: string): Record<string, unknown> => {
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) throw new InputError(field, `must be an object keyed by state name (${known})`);
    const o = obj as Record<string, unknown>;
    for (const k of Object.keys(o)) if (!stateNames.includes(k)) throw new InputError(`${field}.${k}`, `unknown state (${known})`);
    for (const k of stateNames) if (!(k in o)) throw new InputError(`${field}.${k}`, 'is required (one entry per state)');
    return o;
  };

  const types = r.types.map((t, i) => {
    const f = `types[${i}]`;
    let likelihood: number[];
    let utility: TwoGoodUtility[];
    if (r.states) {
      if (t.likelihood === undefined) throw new InputError(`${f}.likelihood`, 'is required with "states" (μ_z(x) per state)');
      const l = byState(t.likelihood, `${f}.likelihood`) as Record<string, number>;
      likelihood = stateNames.map((k) => {
        if (!(l[k] > 0 && l[k] <= 1)) throw new InputError(`${f}.likelihood.${k}`, `must be in (0, 1] (every μ_z(x) > 0; got ${l[k]})`);
        return l[k];
      });
      const u = byState(t.utility, `${f}.utility`);
      utility = stateNames.map((k) => parseUtility(u[k], `${f}.utility.${k}`));
    } else {
      if (t.likelihood !== undefined) throw new InputError(`${f}.likelihood`, 'only with "states"');
      likelihood = [1];
      utility = [parseUtility(t.utility, `${f}.utility`)];
    }
    return { name: t.name, likelihood, utility };
  });
  if (r.states) {
    stateNames.forEach((k, z) => {
      const s = types.reduce((acc, t) => acc + t.likelihood[z], 0);
      if (Math.abs(s - 1) > PROB_SUM_TOL) throw new InputError(`types[].likelihood.${k}`, `must sum to 1 over the types (μ_z is a distribution; got ${s})`);
    });
    // normalise the typed decimals exactly onto the simplex
    stateNames.forEach((_, z) => {
      const s = types.reduce((acc, t) => acc + t.likelihood[z], 0);
      for (const t of types) t.likelihood[z] /= s;
    });
  }

  let weights: number[];
  let state: number | undefined;
  if (mode === 'count') {
    weights = r.types.map((t, i) => {
      const c = t.count;
      if (c === undefined) throw new InputError(`types[${i}].count`, 'is required (σ(x), an integer ≥ 1)');
      if (typeof c !== 'number' || !Number.isInteger(c) || c < 1 || c > COUNT_MAX) throw new InputError(`types[${i}].count`, `must be an integer in [1, ${COUNT_MAX}] (got ${JSON.stringify(c)})`);
      return c;
    });
    const M = weights.reduce((s, c) => s + c, 0);
    if (M > COUNT_MAX) throw new InputError('types', `counts must sum to at most ${COUNT_MAX} (got ${M})`);
  } else if (r.states) {
    if (r.state === undefined) throw new InputError('state', 'is required with "states" (the true state z, whose μ_z are the shares)');
    state = stateNames.indexOf(r.state);
    if (state < 0) throw new InputError('state', `unknown state ${JSON.stringify(r.state)} (${known})`);
    r.types.forEach((t, i) => {
      if (t.share !== undefined) throw new InputError(`types[${i}].share`, 'unknown field with "states" (the shares are μ_z of "state")');
    });
    weights = types.map((t) => t.likelihood[state!]);
  } else {
    weights = r.types.map((t, i) => {
      const s = t.share;
      if (s === undefined) throw new InputError(`types[${i}].share`, 'is required (μ_z(x) > 0)');
      if (typeof s !== 'number' || !Number.isFinite(s) || !(s > 0) || s > 1) throw new InputError(`types[${i}].share`, `must be a number in (0, 1] (got ${JSON.stringify(s)})`);
      return s;
    });
    if (!sumsToOne(weights)) throw new InputError('types', `shares must sum to 1 (got ${weights.reduce((a, b) => a + b, 0)})`);
    const s = weights.reduce((a, b) => a + b, 0);
    weights = weights.map((w) => w / s);
  }
  const economy: HwEconomy = { endowment: { q: r.endowment.q, r: r.endowment.r }, epsilon: { q: r.epsilon.q, r: r.epsilon.r }, states, types };
  return { economy, weights, ...(state !== undefined ? { state } : {}), withStates: r.states !== undefined };
}

const byName = <T>(names: readonly string[], xs: readonly T[]): Record<string, T> => Object.fromEntries(names.map((n, i) => [n, xs[i]]));
const goods = (g: Goods) => ({ q: g.q, r: g.r });

/** Evaluate hw.stage2-equilibrium on a parsed request: β^σ, its certificate and wedges. */
export function stage2Result(p: HwRequest): Json {
  const { economy, weights: counts } = p;
  let eq: ReturnType<typeof stage2Equilibrium>;
  try {
    eq = stage2Equilibrium(economy, counts);
  } catch {
    // the price equation changes sign on §3.1's bounds in exact arithmetic; only extreme doubles can lose that
    throw new InputError('types', 'the stage-2 price equation lost its sign change in double precision: use less extreme utilities, endowment or ε');
  }
  const E = economy.endowment;
  eq.consumption.forEach((c, x) => {
    const kept = Math.min(c.q / E.q, c.r / E.r);
    if (!(kept >= KEPT_MIN))
      throw new InputError(`types[${x}]`, `at the equilibrium this type keeps ${kept.toExponential(2)} of its endowment of the good it sells, below what doubles resolve (q̄ − b): the equilibrium cannot be certified; use less extreme utilities, endowment or ε`);
  });
  const cert = deviationGains(economy, eq.utilities, counts, eq.offers);
  const maxGain = Math.max(...cert.gains);
  if (!Number.isFinite(maxGain) || !Number.isFinite(eq.price)) throw new InputError('types', 'the equilibrium of this economy is beyond double precision (a non-finite payoff): use less extreme utilities, endowment or ε');
  const names = economy.types.map((t) => t.name);
  return {
    price: eq.price,
    offers: byName(names, eq.offers.map(goods)),
    consumption: byName(names, eq.consumption.map(goods)),
    totals: { Q: eq.totals.Q, R: eq.totals.R },
    feasibilityGap: goods(eq.feasibilityGap),
    ...(p.withStates ? { posterior: byName(economy.states.map((s) => s.name), eq.posterior.phi) } : {}),
    maxDeviationGain: maxGain,
    mrsWedge: byName(names, eq.mrsWedge),
    ...stage2Errors(eq, counts, cert, E),
  };
}

/**
 * Error estimates and the convergence verdict of a stage-2 equilibrium. Offers: each type's distance from
 * its own best response (Prop. 1's g/h maximisers) to the others' totals — the fixed-point residual, the
 * size of the distance to the fixed point when best responses move less than one for one (each type is
 * one of M, so its offer moves the totals it responds to by a share ≤ 1/M of theirs).
 * Price: p = R/Q moves by at most p·(ΔQ/Q + ΔR/R) when the offers move by that much (counts as weights).
 * Converged when every relative deviation gain is within STAGE2_GAIN_REL.
 */
export function stage2Errors(
  eq: ReturnType<typeof stage2Equilibrium>,
  counts: readonly number[],
  cert: { gains: number[]; scale: number[] },
  E: Goods,
): { abserr: { price: number; offers: number }; relDeviationGain: number; certifiedBy: string; converged: boolean; reason?: string } {
  let dQ = 0;
  let dR = 0;
  let offers = 0;
  eq.offers.forEach((b, x) => {
    const br = bestResponse(eq.utilities[x], E, eq.totals.Q - b.q, eq.totals.R - b.r);
    const d = { q: Math.abs(br.q - b.q), r: Math.abs(br.r - b.r) };
    dQ += counts[x] * d.q;
    dR += counts[x] * d.r;
    offers = Math.max(offers, d.q, d.r);
  });
  const rel = Math.max(...cert.gains.map((g, x) => g / Math.max(1, cert.scale[x])));
  const converged = rel <= STAGE2_GAIN_REL;
  return {
    abserr: { price: eq.price * (dQ / eq.totals.Q + dR / eq.totals.R), offers },
    relDeviationGain: rel,
    certifiedBy: STAGE2_CERTIFIED_BY,
    converged,
    ...(converged ? {} : { reason: `a type gains ${rel.toExponential(2)} of its utility by deviating, above the certificate's ${STAGE2_GAIN_REL}: not certified as an equilibrium` }),
  };
}

export const hwStage2Equilibrium: Quantity = {
  name: 'hw.stage2-equilibrium',
  description:
    'Hu–Wallace: a symmetric stage-2 equilibrium β^σ of the market game (Proposition 1) for type counts σ(x) ≥ 1 — price p_2 = R/Q, one-sided offers, consumption (2), totals (3), per-capita feasibility gap Σ(q, r)/M − (q̄, r̄); with states, the common posterior φ^σ (Bayes from priors, likelihoods and counts) and utilities as posterior expectations; maxDeviationGain (utility units, from a form-(11) search over both branches of O) certifies it; mrsWedge = |MRS_x/p_2 − 1|; abserr (price, offers: the distance of each offer from the g/h best response), relDeviationGain, certifiedBy, converged (every relative gain ≤ 1e-12). Not proven unique: one certified equilibrium.',
  evaluate(req: unknown): Json {
    return stage2Result(parseHwRequest(req, 'count'));
  },
};
