/**
 * Hu & Wallace (2012) economies for the continuum, convergence and Section 3.3 claims, inside the paper's
 * assumptions (Section 2.1; CLAIMS.md's HW preamble): 2–6 types, 1–4 states, every μ_z(x) > 0 (integer
 * weights ≥ 1), utilities strictly increasing, strictly concave and Inada (log, separable CES with σ ≠ 1,
 * positive sums of two such), endowments and ε > 0. Numbers are value-uniform on grids with edge bias
 * (src/generators/numbers.ts), never fast-check's bit-pattern doubles.
 *
 * (hw-stage2's properties/hu-wallace/generators.ts had not landed when this was written: our own.)
 */
import fc from 'fast-check';
import { z } from 'zod';
import type { TwoGoodUtility } from '../../src/economy/two-goods.ts';
import { InputError } from '../../src/errors.ts';
import { edgyReal, logReal } from '../../src/generators/numbers.ts';
import type { ContinuumEconomy } from '../../src/models/hu-wallace/continuum.ts';
import type { HwEconomy } from '../../src/models/hu-wallace/economy.ts';

/** A generated economy: μ_z(x) = weights[z][x]/Σ_x weights[z][x]; κ(z) ∝ prior[z]; utilities[x][z]; the true state. */
export interface HwCase {
  endowment: { q: number; r: number };
  epsilon: { q: number; r: number };
  prior: number[];
  weights: number[][];
  utilities: TwoGoodUtility[][];
  state: number;
}

/** A utility leaf: log, or CES with σ on either side of 1 (0.5 and 2 drawn often; σ = 1 excluded — it is log). */
const leaf: fc.Arbitrary<TwoGoodUtility> = fc.oneof(
  fc.record({ a: logReal(0.2, 5), b: logReal(0.2, 5) }).map(({ a, b }): TwoGoodUtility => ({ kind: 'log', a, b })),
  fc
    .record({ a: logReal(0.2, 5), b: logReal(0.2, 5), sigma: fc.oneof(edgyReal(0.25, 0.95, [0.5], 70), edgyReal(1.05, 6, [2], 99)) })
    .map(({ a, b, sigma }): TwoGoodUtility => ({ kind: 'ces', a, b, sigma })),
);
/** A utility: a leaf (weight 3) or a positive sum of two leaves (weight 1: uniqueness is unproven there). */
export const utilityArb: fc.Arbitrary<TwoGoodUtility> = fc.oneof(
  { arbitrary: leaf, weight: 3 },
  { arbitrary: fc.tuple(leaf, leaf).map(([s, t]): TwoGoodUtility => ({ kind: 'sum', terms: [s, t] })), weight: 1 },
);

/** Integer weights of μ_z: 1..20 (equal weights drawn often through fast-check's small-value bias). */
const weight = fc.integer({ min: 1, max: 20 });

/** An economy with 2–6 types and `states` (a range) states; ε per good on [1e-4, 0.05] in decades. */
export function hwCaseArb(opts: { minStates?: number; maxStates?: number; minTypes?: number; maxTypes?: number } = {}): fc.Arbitrary<HwCase> {
  return fc.integer({ min: opts.minTypes ?? 2, max: opts.maxTypes ?? 6 }).chain((n) =>
    fc.integer({ min: opts.minStates ?? 1, max: opts.maxStates ?? 4 }).chain((S) =>
      fc.record({
        endowment: fc.record({ q: logReal(0.2, 5), r: logReal(0.2, 5) }),
        epsilon: fc.record({ q: logReal(1e-4, 0.05), r: logReal(1e-4, 0.05) }),
        prior: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: S, maxLength: S }),
        weights: fc.array(fc.array(weight, { minLength: n, maxLength: n }), { minLength: S, maxLength: S }),
        utilities: fc.array(fc.array(utilityArb, { minLength: S, maxLength: S }), { minLength: n, maxLength: n }),
        state: fc.integer({ min: 0, max: S - 1 }),
      }),
    ),
  ).filter(informative);
}

/** Section 2.1's informativeness: z ≠ z' implies μ_z ≠ μ_z' (weight rows not proportional), checked exactly in integers. */
export function informative(c: { weights: readonly (readonly number[])[] }): boolean {
  const tot = c.weights.map((w) => w.reduce((s, v) => s + v, 0));
  for (let a = 0; a < c.weights.length; a++) {
    for (let b = a + 1; b < c.weights.length; b++) {
      if (c.weights[a].every((v, x) => v * tot[b] === c.weights[b][x] * tot[a])) return false;
    }
  }
  return true;
}

/** μ_z(x) for every state (rows) and type. */
export function likelihoods(c: HwCase): number[][] {
  return c.weights.map((w) => {
    const t = w.reduce((s, v) => s + v, 0);
    return w.map((v) => v / t);
  });
}

/** The continuum economy L^z(ε) of the true state: shares μ_z, utilities u(·; x, z). */
export function continuumOf(c: HwCase): ContinuumEconomy {
  const mu = likelihoods(c)[c.state];
  return { endowment: c.endowment, epsilon: c.epsilon, types: c.utilities.map((u, x) => ({ name: `x${x + 1}`, share: mu[x], utility: u[c.state] })) };
}

/** The economy of Section 2.1 (stage2.ts's HwEconomy). */
export function hwEconomyOf(c: HwCase): HwEconomy {
  const mu = likelihoods(c);
  const kt = c.prior.reduce((s, v) => s + v, 0);
  return {
    endowment: c.endowment,
    epsilon: c.epsilon,
    states: c.prior.map((k, z) => ({ name: `z${z + 1}`, prior: k / kt })),
    types: c.utilities.map((u, x) => ({ name: `x${x + 1}`, likelihood: mu.map((m) => m[x]), utility: u })),
  };
}

const showU = (u: TwoGoodUtility): string =>
  u.kind === 'log' ? `${u.a}·ln q + ${u.b}·ln r` : u.kind === 'ces' ? `CES(a ${u.a}, b ${u.b}, σ ${u.sigma})` : u.terms.map(showU).join(' + ');

/** One readable line. */
export function describeCase(c: HwCase): string {
  const types = c.utilities.map((u, x) => `x${x + 1}: w ${c.weights.map((w) => w[x]).join('/')}, ${u.map(showU).join(' | ')}`).join('; ');
  return `(q̄, r̄) = (${c.endowment.q}, ${c.endowment.r}), ε = (${c.epsilon.q}, ${c.epsilon.r}), ${c.prior.length} state(s) κ ∝ ${c.prior.join(':')}, true z${c.state + 1}; ${types}`;
}

/** Labels of the utility families present. */
export function familyLabels(c: HwCase): string[] {
  const kinds = new Set<string>();
  const walk = (u: TwoGoodUtility) => {
    if (u.kind === 'sum') {
      kinds.add('a sum');
      u.terms.forEach(walk);
    } else if (u.kind === 'ces') kinds.add(u.sigma < 1 ? 'CES σ<1' : 'CES σ>1');
    else kinds.add('log');
  };
  c.utilities.forEach((us) => walk(us[c.state]));
  return [...kinds, `types=${c.utilities.length}`, `states=${c.prior.length}`];
}

/** Simpler cases, tried in order: a type dropped (≥ 2 kept), one state kept, round endowment and ε, log(1, 1) utilities. */
export function simplifyCase(c: HwCase, minStates = 1): HwCase[] {
  const out: HwCase[] = [];
  const n = c.utilities.length;
  for (let x = 0; x < n && n > 2; x++) {
    out.push({ ...c, weights: c.weights.map((w) => w.filter((_, i) => i !== x)), utilities: c.utilities.filter((_, i) => i !== x) });
  }
  if (c.prior.length > minStates) {
    const keep = (z: number) => z === c.state || z < minStates - 1 + (c.state < minStates - 1 ? 1 : 0);
    const zs = c.prior.map((_, z) => z).filter(keep);
    out.push({ ...c, prior: zs.map((z) => c.prior[z]), weights: zs.map((z) => c.weights[z]), utilities: c.utilities.map((u) => zs.map((z) => u[z])), state: zs.indexOf(c.state) });
  }
  if (c.endowment.q !== 1 || c.endowment.r !== 1) out.push({ ...c, endowment: { q: 1, r: 1 } });
  if (c.epsilon.q !== 0.01 || c.epsilon.r !== 0.01) out.push({ ...c, epsilon: { q: 0.01, r: 0.01 } });
  c.utilities.forEach((us, x) => {
    if (us.some((u) => !(u.kind === 'log' && u.a === 1 && u.b === 1))) {
      out.push({ ...c, utilities: c.utilities.map((v, i) => (i === x ? v.map(() => ({ kind: 'log', a: 1, b: 1 }) as TwoGoodUtility) : v)) });
    }
  });
  return out;
}

const pos = z.number().refine((v) => Number.isFinite(v) && v > 0, 'must be finite and > 0');
const UtilityShape: z.ZodType<TwoGoodUtility> = z.lazy(() =>
  z.union([
    z.strictObject({ kind: z.literal('log'), a: pos, b: pos }),
    z.strictObject({ kind: z.literal('ces'), a: pos, b: pos, sigma: pos.refine((v) => v !== 1, 'must not be 1') }),
    z.strictObject({ kind: z.literal('sum'), terms: z.array(UtilityShape).min(1) }),
  ]),
);
const CaseShape = z.strictObject({
  endowment: z.strictObject({ q: pos, r: pos }),
  epsilon: z.strictObject({ q: pos, r: pos }),
  prior: z.array(pos).min(1).max(4),
  weights: z.array(z.array(z.number().int().min(1))).min(1),
  utilities: z.array(z.array(UtilityShape)).min(2).max(6),
  state: z.number().int().min(0),
});

/** A saved case, validated: one weight row per state and one utility per state for each type. */
export function decodeCase(json: unknown): HwCase {
  const r = CaseShape.safeParse(json);
  if (!r.success) throw new InputError(r.error.issues[0].path.map(String).join('.'), r.error.issues[0].message);
  const c = r.data;
  const S = c.prior.length;
  const n = c.utilities.length;
  if (c.weights.length !== S) throw new InputError('weights', `must have ${S} rows, one per state`);
  c.weights.forEach((w, z) => {
    if (w.length !== n) throw new InputError(`weights.${z}`, `must have ${n} entries, one per type`);
  });
  c.utilities.forEach((u, x) => {
    if (u.length !== S) throw new InputError(`utilities.${x}`, `must have ${S} entries, one per state`);
  });
  if (c.state >= S) throw new InputError('state', `must be < ${S}`);
  if (!informative(c)) throw new InputError('weights', 'two states have the same likelihoods (Section 2.1 assumes informativeness)');
  return c as HwCase;
}

