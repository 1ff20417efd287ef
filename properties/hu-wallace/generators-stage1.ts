/**
 * Hu & Wallace economies for the stage-1 and Theorem 1 claims (CLAIMS.md, HW preamble): 2–6 types, 1–4
 * states, every μ_z(x) > 0 and μ informative (min KL over state pairs reported), utilities log a·ln q + b·ln r,
 * separable CES with σ ∈ (0,1) ∪ (1,∞), or a positive sum of the two, per type and state.
 *
 * Two generators: `economyArb` draws value-uniform grid numbers with edge bias (a = b, σ near 1, tiny and
 * large σ, equal priors, q̄ = r̄ = 1) and shrinks toward round economies; `genericEconomyArb` draws every
 * parameter from a continuous distribution with neither bias nor shrinking (fc.noBias + fc.noShrink), for
 * the genericity rows, whose failures would otherwise shrink toward the knife-edge of equal parameters.
 */
import fc from 'fast-check';
import { z } from 'zod';
import type { TwoGoodUtility } from '../../src/economy/two-goods.ts';
import { InputError } from '../../src/errors.ts';
import { gridReal, logReal, roundSig } from '../../src/generators/numbers.ts';
import { klLikelihood, type Goods, type HwEconomy } from '../../src/models/hu-wallace/economy.ts';

export type { HwEconomy };

/** An economy from its parts: likelihood[x][z] = μ_z(x), utility[x][z]; types x1…, states z1…. */
export function buildEconomy(endowment: Goods, epsilon: Goods, prior: readonly number[], likelihood: readonly (readonly number[])[], utility: readonly (readonly TwoGoodUtility[])[]): HwEconomy {
  return {
    endowment,
    epsilon,
    states: prior.map((p, z) => ({ name: `z${z + 1}`, prior: p })),
    types: likelihood.map((l, x) => ({ name: `x${x + 1}`, likelihood: [...l], utility: [...utility[x]] })),
  };
}

const normalise = (w: readonly number[]): number[] => {
  const s = w.reduce((a, b) => a + b, 0);
  return w.map((v) => v / s);
};

/** min over ordered state pairs z ≠ z' of KL(μ_z ‖ μ_z'): how informative a type is (∞ with one state). */
export function minKL(e: HwEconomy): number {
  const S = e.states.length;
  let m = Infinity;
  for (let z = 0; z < S; z++) for (let zp = 0; zp < S; zp++) if (z !== zp) m = Math.min(m, klLikelihood(e, z, zp));
  return m;
}

/** The utility families' one-line names: log(a,b), ces(a,b,σ), sum[…]. */
export function showUtility(u: TwoGoodUtility): string {
  const f = (v: number) => String(roundSig(v, 4));
  if (u.kind === 'log') return `log(${f(u.a)},${f(u.b)})`;
  if (u.kind === 'ces') return `ces(${f(u.a)},${f(u.b)},σ=${f(u.sigma)})`;
  return `sum[${u.terms.map(showUtility).join('+')}]`;
}

/** The economy in one line: k, S, (q̄, r̄), κ, μ (rows per type), utilities per type (per state if S > 1). */
export function describeEconomy(e: HwEconomy): string {
  const f = (v: number) => String(roundSig(v, 4));
  const S = e.states.length;
  const us = e.types.map((t, x) => `x${x + 1}: ${S === 1 ? showUtility(t.utility[0]) : t.utility.map(showUtility).join('|')}`).join('; ');
  const mu = S === 1 ? `μ = (${e.types.map((t) => f(t.likelihood[0])).join(', ')})` : `κ = (${e.states.map((z) => f(z.prior)).join(', ')}), μ_z(x) = [${e.types.map((t) => t.likelihood.map(f).join(' ')).join('; ')}], min KL ${f(minKL(e))}`;
  return `k = ${e.types.length}, S = ${S}, (q̄, r̄) = (${f(e.endowment.q)}, ${f(e.endowment.r)}), ε = (${f(e.epsilon.q)}, ${f(e.epsilon.r)}), ${mu}; ${us}`;
}

// ---------------------------------------------------------------- edge-biased generator

// Ranges keep CES demands off the far corners: with σ ≤ 4, a/b and p_1 within a factor 16 and 4, q_1(α*)/q̄
// stays above ~1e-7, where G_x's differences are still resolved in double precision.
const coef = fc.oneof({ arbitrary: fc.constant(1), weight: 1 }, { arbitrary: logReal(0.25, 4), weight: 4 });
/** σ: near 1 on both sides, tiny and large, and a grid over (0.1, 4) without 1. */
const sigmaArb = fc.oneof(
  { arbitrary: fc.constantFrom(0.5, 2, 0.9, 1.1, 0.1, 4), weight: 1 },
  { arbitrary: logReal(0.1, 4).filter((s) => Math.abs(s - 1) > 1e-3), weight: 4 },
);
const logU: fc.Arbitrary<TwoGoodUtility> = fc.record({ kind: fc.constant('log' as const), a: coef, b: coef });
const cesU: fc.Arbitrary<TwoGoodUtility> = fc.record({ kind: fc.constant('ces' as const), a: coef, b: coef, sigma: sigmaArb });
const sumU: fc.Arbitrary<TwoGoodUtility> = fc.tuple(fc.oneof(logU, cesU), cesU).map(([s, t]) => ({ kind: 'sum' as const, terms: [s, t] }));
const utilityArb = fc.oneof({ arbitrary: logU, weight: 3 }, { arbitrary: cesU, weight: 3 }, { arbitrary: sumU, weight: 1 });

/** Probabilities over n outcomes: uniform (the edge) or grid weights in [0.05, 1], normalised. */
const probs = (n: number) => fc.oneof(
  { arbitrary: fc.constant(Array.from({ length: n }, () => 1 / n)), weight: 1 },
  { arbitrary: fc.array(gridReal(0.05, 1, 95), { minLength: n, maxLength: n }).map(normalise), weight: 4 },
);

/**
 * μ as likelihood[x][z]: one probability vector over types per state; a state whose μ_z repeats an earlier
 * one's (uniform edges collide) is tilted toward its own index so that μ stays informative (Section 2.1).
 */
function likelihoodOf(cols: number[][]): number[][] {
  const S = cols.length;
  const k = cols[0].length;
  const fixed = cols.map((c, z) => {
    if (cols.slice(0, z).some((d) => d.every((v, x) => Math.abs(v - c[x]) < 1e-9))) return normalise(c.map((v, x) => v * (1 + (x === z % k ? 0.5 + 0.25 * z : 0))));
    return c;
  });
  return Array.from({ length: k }, (_, x) => Array.from({ length: S }, (_, z) => fixed[z][x]));
}

/** An economy inside the paper's assumptions, edge-biased, shrinking toward 2 types, 1 state, round numbers. */
export function economyArb(opts: { minTypes?: number; maxTypes?: number; maxStates?: number } = {}): fc.Arbitrary<HwEconomy> {
  return fc.integer({ min: opts.minTypes ?? 2, max: opts.maxTypes ?? 6 }).chain((k) =>
    fc.integer({ min: 1, max: opts.maxStates ?? 4 }).chain((S) =>
      fc.record({
        endowment: fc.oneof({ arbitrary: fc.constant({ q: 1, r: 1 }), weight: 1 }, { arbitrary: fc.record({ q: logReal(0.5, 2), r: logReal(0.5, 2) }), weight: 3 }),
        prior: probs(S),
        cols: fc.array(probs(k), { minLength: S, maxLength: S }),
        utility: fc.array(fc.array(utilityArb, { minLength: S, maxLength: S }), { minLength: k, maxLength: k }),
        epsilon: fc.constantFrom(0.01, 0.001, 0.05),
      }).map(({ endowment, prior, cols, utility, epsilon }) => buildEconomy(endowment, { q: epsilon * endowment.q, r: epsilon * endowment.r }, prior, likelihoodOf(cols), utility)),
    ),
  );
}

// ---------------------------------------------------------------- generic generator (no bias, no shrinking)

/** uniform on (0, 1) from 30 random bits, without fast-check's bias toward small integers. */
const unit = fc.noBias(fc.integer({ min: 0, max: 2 ** 30 - 1 })).map((k) => (k + 0.5) / 2 ** 30);
/** log-uniform on [lo, hi]. */
const logUnit = (lo: number, hi: number) => unit.map((u) => lo * (hi / lo) ** u);
const gCoef = logUnit(0.25, 4);
const gSigma = unit.map((u) => (u < 0.5 ? 0.1 + 0.8 * (2 * u) : 1.1 + 2.9 * (2 * u - 1))); // (0.1, 0.9) ∪ (1.1, 4), half each
const gLog: fc.Arbitrary<TwoGoodUtility> = fc.record({ kind: fc.constant('log' as const), a: gCoef, b: gCoef });
const gCes: fc.Arbitrary<TwoGoodUtility> = fc.record({ kind: fc.constant('ces' as const), a: gCoef, b: gCoef, sigma: gSigma });
const gUtility = fc.oneof(gLog, gCes);
const gProbs = (n: number) => fc.array(unit.map((u) => 0.05 + u), { minLength: n, maxLength: n }).map(normalise);

/** An economy with every parameter continuous and unbiased; never shrunk (a shrink would walk toward equal parameters). */
export function genericEconomyArb(opts: { minTypes?: number; maxTypes?: number; maxStates?: number } = {}): fc.Arbitrary<HwEconomy> {
  const arb = fc.noBias(fc.integer({ min: opts.minTypes ?? 2, max: opts.maxTypes ?? 6 })).chain((k) =>
    fc.noBias(fc.integer({ min: 1, max: opts.maxStates ?? 4 })).chain((S) =>
      fc.record({
        endowment: fc.record({ q: logUnit(0.5, 2), r: logUnit(0.5, 2) }),
        prior: gProbs(S),
        cols: fc.array(gProbs(k), { minLength: S, maxLength: S }),
        utility: fc.array(fc.array(gUtility, { minLength: S, maxLength: S }), { minLength: k, maxLength: k }),
      }).map(({ endowment, prior, cols, utility }) => buildEconomy(endowment, { q: 0.01 * endowment.q, r: 0.01 * endowment.r }, prior, likelihoodOf(cols), utility)),
    ),
  );
  return fc.noShrink(arb);
}

// ---------------------------------------------------------------- simplifications and decoding

const rowsOf = (e: HwEconomy) => e.types.map((t) => t.likelihood);
const utilsOf = (e: HwEconomy) => e.types.map((t) => t.utility);
const priorOf = (e: HwEconomy) => e.states.map((z) => z.prior);

/** Drop type x: μ_z renormalised over the remaining types. */
function dropType(e: HwEconomy, x: number): HwEconomy {
  const keep = <T>(_: T, i: number) => i !== x;
  const rows = rowsOf(e).filter(keep);
  const S = e.states.length;
  const col = Array.from({ length: S }, (_, z) => normalise(rows.map((r) => r[z])));
  return buildEconomy(e.endowment, e.epsilon, priorOf(e), rows.map((_, y) => col.map((c) => c[y])), utilsOf(e).filter(keep));
}

/** Keep state z alone (one state: μ is then trivially informative). */
function onlyState(e: HwEconomy, z: number): HwEconomy {
  return buildEconomy(e.endowment, e.epsilon, [1], rowsOf(e).map((r) => [r[z]]), utilsOf(e).map((r) => [r[z]]));
}

function roundUtility(u: TwoGoodUtility): TwoGoodUtility {
  if (u.kind === 'sum') return { kind: 'sum', terms: u.terms.map(roundUtility) };
  const a = roundSig(u.a, 1);
  const b = roundSig(u.b, 1);
  if (u.kind === 'log') return { kind: 'log', a, b };
  const s = roundSig(u.sigma, 1);
  return { kind: 'ces', a, b, sigma: s === 1 ? 2 : s };
}

/** Simpler economies: a type dropped (k ≥ minTypes kept), one state kept, q̄ = r̄ = 1, round parameters. */
export function simplifyEconomy(e: HwEconomy, minTypes = 2): HwEconomy[] {
  const out: HwEconomy[] = [];
  const k = e.types.length;
  if (k > minTypes) for (let x = 0; x < k; x++) out.push(dropType(e, x));
  if (e.states.length > 1) for (let z = 0; z < e.states.length; z++) out.push(onlyState(e, z));
  if (e.endowment.q !== 1 || e.endowment.r !== 1) out.push({ ...e, endowment: { q: 1, r: 1 }, epsilon: { q: e.epsilon.q / e.endowment.q, r: e.epsilon.r / e.endowment.r } });
  const rounded = { ...e, types: e.types.map((t) => ({ ...t, utility: t.utility.map(roundUtility) })) };
  if (JSON.stringify(rounded) !== JSON.stringify(e)) out.push(rounded);
  return out;
}

const pos = z.number().refine((v) => Number.isFinite(v) && v > 0, 'must be a finite number > 0');
const UtilityShape: z.ZodType<TwoGoodUtility> = z.lazy(() =>
  z.union([
    z.strictObject({ kind: z.literal('log'), a: pos, b: pos }),
    z.strictObject({ kind: z.literal('ces'), a: pos, b: pos, sigma: pos.refine((s) => s !== 1, 'must not be 1 (use log)') }),
    z.strictObject({ kind: z.literal('sum'), terms: z.array(UtilityShape).min(1) }),
  ]),
);
const EconomyShape = z.strictObject({
  endowment: z.strictObject({ q: pos, r: pos }),
  epsilon: z.strictObject({ q: pos, r: pos }),
  states: z.array(z.strictObject({ name: z.string(), prior: pos })).min(1).max(4),
  types: z.array(z.strictObject({ name: z.string(), likelihood: z.array(pos), utility: z.array(UtilityShape) })).min(2).max(6),
});

/** A saved economy, validated: shapes agree (k types × S states), κ and each μ_z sum to 1, μ informative. */
export function decodeEconomy(json: unknown, field = 'economy'): HwEconomy {
  const r = EconomyShape.safeParse(json);
  if (!r.success) throw new InputError([field, ...r.error.issues[0].path.map(String)].join('.'), r.error.issues[0].message);
  const e = r.data as HwEconomy;
  const S = e.states.length;
  if (Math.abs(e.states.reduce((a, b) => a + b.prior, 0) - 1) > 1e-9) throw new InputError(`${field}.states`, 'priors must sum to 1');
  e.types.forEach((t, x) => {
    if (t.likelihood.length !== S) throw new InputError(`${field}.types.${x}.likelihood`, `must have ${S} entries, one per state`);
    if (t.utility.length !== S) throw new InputError(`${field}.types.${x}.utility`, `must have ${S} entries, one per state`);
  });
  for (let zz = 0; zz < S; zz++) if (Math.abs(e.types.reduce((s, t) => s + t.likelihood[zz], 0) - 1) > 1e-9) throw new InputError(`${field}.types`, `likelihoods μ_z must sum to 1 over types (state ${zz + 1})`);
  if (S > 1 && !(minKL(e) > 0)) throw new InputError(`${field}.types`, 'likelihoods must be informative: μ_z ≠ μ_z\' for z ≠ z\'');
  return e;
}
