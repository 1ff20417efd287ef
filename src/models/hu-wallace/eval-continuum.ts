/**
 * `mechcheck eval hw.competitive-equilibrium` (INTERFACES.md, "hw.competitive-equilibrium"): Hu & Wallace's
 * continuum economy L^z(ε) (Lemma 2, (18)–(20)) — the competitive price, offers β^z, consumption,
 * per-capita totals and the feasibility gap — for complete information (`share` per type) or with states
 * (priors, likelihoods μ_z(x), utilities per state, and the true `state`, whose likelihoods are the shares).
 *
 * The request is validated here, at the edge: every bad input of issue #13 is one InputError naming its
 * field. (hw-stage2's request schema had not landed when this was written: this is our own.)
 */
import { z } from 'zod';
import { firstIssue } from '../../distributions/schema.ts';
import { utilityRangeError, type TwoGoodUtility } from '../../economy/two-goods.ts';
import { InputError } from '../../errors.ts';
import type { Json } from '../../types.ts';
import type { Quantity } from '../quantity.ts';
import { competitiveEquilibrium, type ContinuumEconomy } from './continuum.ts';

/** Types, states and the nesting of `sum` utilities accepted (the solver is linear in types × terms per evaluation). */
export const TYPES_MAX = 200;
export const STATES_MAX = 50;
export const SUM_DEPTH_MAX = 4;
export const SUM_TERMS_MAX = 16;
/** How far shares, priors and each state's likelihoods may sum from 1 (rounding of printed decimals). */
export const SUM_TOL = 1e-9;

const num = () => z.number({ message: 'must be a number' }).refine(Number.isFinite, 'must be finite');
const positive = () => num().refine((v) => v > 0, 'must be > 0');
const Goods = z.strictObject({ q: positive(), r: positive() });

const TypeShape = z.strictObject({
  name: z.string({ message: 'must be a string' }).min(1, 'must not be empty'),
  share: num().optional(),
  likelihood: z.record(z.string(), num(), { message: 'must be an object {state: probability}' }).optional(),
  utility: z.unknown(),
});

const Request = z.strictObject({
  endowment: Goods,
  epsilon: Goods,
  types: z.array(TypeShape, { message: 'must be an array of types' }).min(1, 'must list at least 1 type').max(TYPES_MAX, `must list at most ${TYPES_MAX} types`),
  states: z
    .array(z.strictObject({ name: z.string({ message: 'must be a string' }).min(1, 'must not be empty'), prior: num() }), { message: 'must be an array of states' })
    .min(1, 'must list at least 1 state')
    .max(STATES_MAX, `must list at most ${STATES_MAX} states`)
    .optional(),
  state: z.string({ message: 'must be a string (a state\'s name)' }).optional(),
});

/** A utility of the families of Section 2.1 as INTERFACES.md writes it (log, separable CES, positive sum), validated with its field. */
export function parseUtility(json: unknown, field: string, depth = 0): TwoGoodUtility {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new InputError(field, 'must be a utility object {"kind":"log"|"ces"|"sum", …}');
  const o = json as Record<string, unknown>;
  const kind = o.kind;
  const allowed = kind === 'log' ? ['kind', 'a', 'b'] : kind === 'ces' ? ['kind', 'a', 'b', 'sigma'] : kind === 'sum' ? ['kind', 'terms'] : null;
  if (!allowed) throw new InputError(`${field}.kind`, `must be one of log, ces, sum (got ${JSON.stringify(kind) ?? 'nothing'})`);
  const extra = Object.keys(o).find((k) => !allowed.includes(k));
  if (extra !== undefined) throw new InputError(`${field}.${extra}`, `unknown field for a ${kind} utility`);
  let u: TwoGoodUtility;
  if (kind === 'sum') {
    if (depth >= SUM_DEPTH_MAX) throw new InputError(field, `nests sums deeper than ${SUM_DEPTH_MAX}`);
    const terms = o.terms;
    if (!Array.isArray(terms) || terms.length === 0) throw new InputError(`${field}.terms`, 'must be a non-empty array of utilities');
    if (terms.length > SUM_TERMS_MAX) throw new InputError(`${field}.terms`, `must have at most ${SUM_TERMS_MAX} terms`);
    u = { kind: 'sum', terms: terms.map((t, i) => parseUtility(t, `${field}.terms[${i}]`, depth + 1)) };
  } else {
    const coef = (k: 'a' | 'b' | 'sigma') => {
      const v = o[k];
      if (typeof v !== 'number') throw new InputError(`${field}.${k}`, v === undefined ? 'is required (a number)' : 'must be a number');
      if (!Number.isFinite(v)) throw new InputError(`${field}.${k}`, 'must be finite');
      if (!(v > 0)) throw new InputError(`${field}.${k}`, `must be > 0 (got ${v})`);
      return v;
    };
    const a = coef('a');
    const b = coef('b');
    if (kind === 'log') u = { kind: 'log', a, b };
    else {
      const sigma = coef('sigma');
      if (sigma === 1) throw new InputError(`${field}.sigma`, 'must not be 1 (use kind "log" for σ = 1)');
      u = { kind: 'ces', a, b, sigma };
    }
  }
  // two-goods.ts's own range check, after ours (which already names every field it knows): its message is "field: detail"
  const msg = utilityRangeError(u, field);
  if (msg) {
    const cut = msg.indexOf(': ');
    const named = cut > 0 && msg.startsWith(field) ? msg.slice(0, cut) : field;
    throw new InputError(named, named === field && !msg.startsWith(`${field}: `) ? msg : msg.slice(named.length + 2));
  }
  return u;
}

/** Validate a hw.competitive-equilibrium request into L^z(ε) (the true state's shares and utilities when states are given). */
export function parseContinuumRequest(req: unknown): ContinuumEconomy {
  const r = Request.safeParse(req);
  if (!r.success) {
    const e = firstIssue(r.error, '', req);
    throw new InputError(e.field, e.detail);
  }
  const { endowment, epsilon, types, states, state } = r.data;
  const names = new Set<string>();
  types.forEach((t, i) => {
    if (names.has(t.name)) throw new InputError(`types[${i}].name`, `duplicates the type name ${JSON.stringify(t.name)}`);
    names.add(t.name);
  });
  if (!states) {
    if (state !== undefined) throw new InputError('state', 'is only allowed with "states"');
    types.forEach((t, i) => {
      if (t.likelihood !== undefined) throw new InputError(`types[${i}].likelihood`, 'is only allowed with "states"');
      if (t.share === undefined) throw new InputError(`types[${i}].share`, 'is required (μ_z(x), a number in (0, 1])');
      if (!(t.share > 0 && t.share <= 1)) throw new InputError(`types[${i}].share`, `must be in (0, 1] (got ${t.share})`);
    });
    const total = types.reduce((s, t) => s + (t.share as number), 0);
    if (Math.abs(total - 1) > SUM_TOL) throw new InputError('types[].share', `must sum to 1 (got ${total})`);
    return {
      endowment,
      epsilon,
      types: types.map((t, i) => ({ name: t.name, share: (t.share as number) / total, utility: parseUtility(t.utility, `types[${i}].utility`) })),
    };
  }
  const stateNames = new Set<string>();
  states.forEach((s, k) => {
    if (stateNames.has(s.name)) throw new InputError(`states[${k}].name`, `duplicates the state name ${JSON.stringify(s.name)}`);
    stateNames.add(s.name);
    if (!(s.prior >= 0 && s.prior <= 1)) throw new InputError(`states[${k}].prior`, `must be in [0, 1] (got ${s.prior})`);
  });
  const priorSum = states.reduce((s, x) => s + x.prior, 0);
  if (Math.abs(priorSum - 1) > SUM_TOL) throw new InputError('states[].prior', `must sum to 1 (got ${priorSum})`);
  if (state === undefined) throw new InputError('state', 'is required with "states" (the true state\'s name)');
  if (!stateNames.has(state)) throw new InputError('state', `must name a state (got ${JSON.stringify(state)})`);
  types.forEach((t, i) => {
    if (t.share !== undefined) throw new InputError(`types[${i}].share`, 'is not allowed with "states" (the shares are the true state\'s likelihoods)');
    if (t.likelihood === undefined) throw new InputError(`types[${i}].likelihood`, 'is required with "states" ({state: μ_z(x)})');
    for (const [k, v] of Object.entries(t.likelihood)) {
      if (!stateNames.has(k)) throw new InputError(`types[${i}].likelihood.${k}`, 'names an unknown state');
      if (!(v > 0 && v <= 1)) throw new InputError(`types[${i}].likelihood.${k}`, `must be in (0, 1] (every μ_z(x) > 0; got ${v})`);
    }
    for (const s of states) if (!Object.hasOwn(t.likelihood, s.name)) throw new InputError(`types[${i}].likelihood.${s.name}`, 'is required (a likelihood for every state)');
    const u = t.utility;
    if (u === null || typeof u !== 'object' || Array.isArray(u) || (Object.hasOwn(u, 'kind') && !stateNames.has('kind'))) {
      throw new InputError(`types[${i}].utility`, 'must be an object {state: utility} with "states"');
    }
    for (const k of Object.keys(u as object)) if (!stateNames.has(k)) throw new InputError(`types[${i}].utility.${k}`, 'names an unknown state');
    for (const s of states) if (!Object.hasOwn(u as object, s.name)) throw new InputError(`types[${i}].utility.${s.name}`, 'is required (a utility for every state)');
  });
  for (const s of states) {
    const total = types.reduce((acc, t) => acc + (t.likelihood as Record<string, number>)[s.name], 0);
    if (Math.abs(total - 1) > SUM_TOL) throw new InputError(`types[].likelihood.${s.name}`, `must sum to 1 over the types (got ${total})`);
  }
  // Every state's utilities are validated, not only the true state's: a bad one is a bad request.
  const parsed = types.map((t, i) => Object.fromEntries(states.map((s) => [s.name, parseUtility((t.utility as Record<string, unknown>)[s.name], `types[${i}].utility.${s.name}`)])));
  const total = types.reduce((acc, t) => acc + (t.likelihood as Record<string, number>)[state], 0);
  return {
    endowment,
    epsilon,
    types: types.map((t, i) => ({ name: t.name, share: (t.likelihood as Record<string, number>)[state] / total, utility: parsed[i][state] })),
  };
}

/** The result of INTERFACES.md: price, offers and consumption by type name, totals (Q, R), feasibility gap. */
export function continuumResult(e: ContinuumEconomy): Json {
  const ce = competitiveEquilibrium(e);
  const byName = (xs: { q: number; r: number }[]) => Object.fromEntries(e.types.map((t, i) => [t.name, { q: xs[i].q, r: xs[i].r }]));
  return {
    price: ce.price,
    offers: byName(ce.offers),
    consumption: byName(ce.consumption),
    totals: { Q: ce.totals.Q, R: ce.totals.R },
    feasibilityGap: { q: ce.feasibilityGap.q, r: ce.feasibilityGap.r },
    signChanges: ce.signChanges,
  };
}

export const hwCompetitiveEquilibrium: Quantity = {
  name: 'hw.competitive-equilibrium',
  description:
    'Hu–Wallace: the competitive equilibrium of the continuum economy L^z(ε) (Lemma 2): price (the root of (19) on [ε_r/(q̄+ε_q), (r̄+ε_r)/ε_q]), offers β^z (18), consumption, per-capita totals (Q, R) with price = R/Q (20), the feasibility gap, and the sign changes of market clearing on the bracket (1: unique); complete information (types with share) or with states (priors, likelihoods, utilities per state, and the true "state")',
  evaluate(req: unknown): Json {
    return continuumResult(parseContinuumRequest(req));
  },
};
