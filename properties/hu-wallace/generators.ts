/**
 * Hu–Wallace economies and type configurations inside the paper's assumptions (Section 2.1; CLAIMS.md
 * HW preamble): 2–6 types, 1–4 states, every μ_z(x) > 0 and μ informative (min KL between states
 * reported and bounded below), utilities log / separable CES (σ ≠ 1) / positive sums, small positive ε.
 * Reals are value-uniform on grids (src/generators/numbers.ts), with edge bias where a row wants it;
 * `genericEconomyArb` has neither edges nor shrinking (genericity rows must not drift to equal parameters).
 */
import fc from 'fast-check';
import { z } from 'zod';
import type { TwoGoodUtility } from '../../src/economy/two-goods.ts';
import { InputError } from '../../src/errors.ts';
import { gridReal, logReal, roundSig } from '../../src/generators/numbers.ts';
import { minKl, roundedCounts, type HwEconomy } from '../../src/models/hu-wallace/economy.ts';
import { parseUtility } from '../../src/models/hu-wallace/eval.ts';

/** Smallest min-KL between states accepted as "informative" (the asymptotic regime starts near M ≈ few/KL). */
export const KL_MIN = 1e-3;

/** How the generators draw: `edges` adds edge values (σ near 0 and large, tiny ε, extreme weights). */
export interface EconomyOptions {
  minTypes?: number;
  maxTypes?: number;
  minStates?: number;
  maxStates?: number;
  /** Utility families allowed (default all three). */
  kinds?: readonly ('log' | 'ces' | 'sum')[];
  /** Bias toward edge values (default true). */
  edges?: boolean;
}

/** σ of a CES leaf: spread over decades on both sides of 1 (never 1), edges 0.05 and 20 when asked. */
function sigmaArb(edges: boolean): fc.Arbitrary<number> {
  const spread = fc.oneof(logReal(0.1, 0.95, 200), logReal(1.05, 10, 200));
  return edges ? fc.oneof({ arbitrary: fc.constantFrom(0.05, 20), weight: 1 }, { arbitrary: spread, weight: 6 }) : spread;
}

/** A utility weight a or b: 10^u on [0.1, 10], with 0.01 and 100 as edges when asked. */
const weightArb = (edges: boolean) => (edges ? fc.oneof({ arbitrary: fc.constantFrom(0.01, 100), weight: 1 }, { arbitrary: logReal(0.1, 10), weight: 8 }) : logReal(0.1, 10));

/**
 * DEMAND_RATIO_MAX bounds a leaf's demand ratio at price 1, (a/b)^σ (log: a/b): with σ = 20 and
 * a/b = 100 a type wants q/r ≈ 10^40, a consumption r̄ − b below the resolution of r̄ in doubles, where
 * neither the solver nor any deviation search can tell the offer from the corner. Such leaves are
 * inside the paper's assumptions but outside what doubles can check; the generators leave them out.
 */
export const DEMAND_RATIO_MAX = 1e6;
const representable = (u: TwoGoodUtility) => u.kind === 'sum' || Math.abs((u.kind === 'ces' ? u.sigma : 1) * Math.log(u.a / u.b)) <= Math.log(DEMAND_RATIO_MAX);

/** A leaf or a positive sum of two leaves. */
export function utilityArb(opts: { kinds?: readonly ('log' | 'ces' | 'sum')[]; edges?: boolean } = {}): fc.Arbitrary<TwoGoodUtility> {
  const edges = opts.edges ?? true;
  const kinds = opts.kinds ?? ['log', 'ces', 'sum'];
  const log = fc.record({ kind: fc.constant('log' as const), a: weightArb(edges), b: weightArb(edges) }).filter(representable);
  const ces = fc.record({ kind: fc.constant('ces' as const), a: weightArb(edges), b: weightArb(edges), sigma: sigmaArb(edges) }).filter(representable);
  const leaf = fc.oneof(log, ces) as fc.Arbitrary<TwoGoodUtility>;
  const sum = fc.array(leaf, { minLength: 2, maxLength: 2 }).map((terms): TwoGoodUtility => ({ kind: 'sum', terms }));
  const by = { log, ces, sum } as Record<string, fc.Arbitrary<TwoGoodUtility>>;
  return fc.oneof(...kinds.map((k) => by[k]));
}

/** A probability vector of length n with every entry ≥ floor/n·… > 0: grid weights in [0.05, 1], normalised, rounded to 6 digits and re-normalised. */
function simplexArb(n: number, generic: boolean): fc.Arbitrary<number[]> {
  const w = generic ? fc.noShrink(fc.integer({ min: 50_000_000, max: 1_000_000_000 }).map((k) => k / 1e9)) : gridReal(0.05, 1, 400);
  return fc.array(w, { minLength: n, maxLength: n }).map((v) => {
    const s = v.reduce((a, b) => a + b, 0);
    return v.map((x) => x / s);
  });
}

/**
 * An economy: endowment (q̄, r̄) ∈ [0.2, 5]², ε ∈ [1e-6, 0.05]² per good (1e-8 an edge), priors and
 * likelihoods with every entry > 0, μ informative (min over ordered pairs of KL(μ_z‖μ_z') ≥ KL_MIN;
 * with one state the condition is void), one utility per type and state.
 */
export function economyArb(opts: EconomyOptions = {}): fc.Arbitrary<HwEconomy> {
  const edges = opts.edges ?? true;
  const generic = !edges;
  return fc
    .record({
      nT: fc.integer({ min: opts.minTypes ?? 2, max: opts.maxTypes ?? 6 }),
      nZ: fc.integer({ min: opts.minStates ?? 1, max: opts.maxStates ?? 4 }),
    })
    .chain(({ nT, nZ }) =>
      fc.record({
        endowment: fc.record({ q: logReal(0.2, 5), r: logReal(0.2, 5) }),
        epsilon: fc.record({
          q: edges ? fc.oneof({ arbitrary: fc.constant(1e-8), weight: 1 }, { arbitrary: logReal(1e-6, 0.05), weight: 6 }) : logReal(1e-6, 0.05),
          r: edges ? fc.oneof({ arbitrary: fc.constant(1e-8), weight: 1 }, { arbitrary: logReal(1e-6, 0.05), weight: 6 }) : logReal(1e-6, 0.05),
        }),
        prior: simplexArb(nZ, generic),
        // likelihood[z] is μ_z over the types
        likelihood: fc.array(simplexArb(nT, generic), { minLength: nZ, maxLength: nZ }),
        utility: fc.array(fc.array(utilityArb({ kinds: opts.kinds, edges }), { minLength: nZ, maxLength: nZ }), { minLength: nT, maxLength: nT }),
      }),
    )
    .map(({ endowment, epsilon, prior, likelihood, utility }): HwEconomy => ({
      endowment,
      epsilon,
      states: prior.map((p, z) => ({ name: `z${z + 1}`, prior: p })),
      types: utility.map((us, x) => ({ name: `x${x + 1}`, likelihood: likelihood.map((l) => l[x]), utility: us })),
    }))
    .filter((e) => e.states.length === 1 || informativeKl(e) >= KL_MIN);
}

/** min over ordered state pairs of KL(μ_z ‖ μ_z') (Infinity with one state): the informativeness the claims report. */
export function informativeKl(e: HwEconomy): number {
  let m = Infinity;
  for (let z = 0; z < e.states.length; z++) m = Math.min(m, minKl(e, z));
  return m;
}

/** An economy for genericity rows: no edge values and no shrinking toward equal parameters. */
export const genericEconomyArb = (opts: Omit<EconomyOptions, 'edges'> = {}) => fc.noShrink(economyArb({ ...opts, edges: false }));

/** A type configuration σ(x) ≥ 1 for an economy: free counts in [1, M], or round(M μ_z) for a state z. */
export interface HwConfig {
  economy: HwEconomy;
  counts: number[];
}

/** Counts: each type 1..maxCount (spread over decades), or round(M μ_z(x)) for a drawn z and M (Prop. 2's deterministic shares). */
export function countsArb(e: HwEconomy, maxCount = 10_000): fc.Arbitrary<number[]> {
  const n = e.types.length;
  const count = fc.oneof({ arbitrary: fc.constant(1), weight: 1 }, { arbitrary: fc.integer({ min: 2, max: 12 }), weight: 2 }, { arbitrary: logReal(10, maxCount, 200).map(Math.round), weight: 2 });
  const free = fc.array(count, { minLength: n, maxLength: n });
  const rounded = fc.record({ z: fc.integer({ min: 0, max: e.states.length - 1 }), M: logReal(n, maxCount * n, 200).map(Math.round) }).map(({ z, M }) => roundedCounts(e, z, M));
  return fc.oneof(free, rounded);
}

/** An economy with a configuration. */
export function configArb(opts: EconomyOptions & { maxCount?: number } = {}): fc.Arbitrary<HwConfig> {
  return economyArb(opts).chain((economy) => countsArb(economy, opts.maxCount).map((counts) => ({ economy, counts })));
}

/** A utility in one short line: log(2,1), ces(1,2;σ=0.5), log(…)+ces(…). */
export function describeUtility(u: TwoGoodUtility): string {
  const g = (x: number) => String(roundSig(x, 4));
  if (u.kind === 'log') return `log(${g(u.a)},${g(u.b)})`;
  if (u.kind === 'ces') return `ces(${g(u.a)},${g(u.b)};σ=${g(u.sigma)})`;
  return u.terms.map(describeUtility).join('+');
}

/** An economy in one line: endowment, ε, states with priors, types with likelihoods and utilities, KL. */
export function describeEconomy(e: HwEconomy): string {
  const g = (x: number) => String(roundSig(x, 3));
  const states = e.states.length > 1 ? ` κ=(${e.states.map((s) => g(s.prior)).join(',')}) KL=${g(informativeKl(e))}` : '';
  const types = e.types
    .map((t) => `${t.name}[${e.states.length > 1 ? `μ=(${t.likelihood.map(g).join(',')}) ` : ''}${t.utility.map(describeUtility).join(' | ')}]`)
    .join(' ');
  return `ē=(${g(e.endowment.q)},${g(e.endowment.r)}) ε=(${g(e.epsilon.q)},${g(e.epsilon.r)})${states} ${types}`;
}

/** A configuration in one line. */
export const describeConfig = (c: HwConfig) => `${describeEconomy(c.economy)} σ=(${c.counts.join(',')})`;

const pos = z.number().refine((v) => Number.isFinite(v) && v > 0, 'must be a finite number > 0');
const EconomyShape = z.strictObject({
  endowment: z.strictObject({ q: pos, r: pos }),
  epsilon: z.strictObject({ q: pos, r: pos }),
  states: z.array(z.strictObject({ name: z.string().min(1), prior: pos })).min(1),
  types: z.array(z.strictObject({ name: z.string().min(1), likelihood: z.array(pos), utility: z.array(z.unknown()) })).min(1),
});

/** Validate and rebuild a saved economy (InputError naming the field). */
export function decodeEconomy(json: unknown, prefix = 'economy'): HwEconomy {
  const r = EconomyShape.safeParse(json);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new InputError([prefix, ...i.path.map(String)].join('.'), i.message);
  }
  const nZ = r.data.states.length;
  const types = r.data.types.map((t, x) => {
    if (t.likelihood.length !== nZ) throw new InputError(`${prefix}.types.${x}.likelihood`, `must have ${nZ} entries, one per state`);
    if (t.utility.length !== nZ) throw new InputError(`${prefix}.types.${x}.utility`, `must have ${nZ} entries, one per state`);
    return { name: t.name, likelihood: t.likelihood, utility: t.utility.map((u, z) => parseUtility(u, `${prefix}.types.${x}.utility.${z}`)) };
  });
  return { ...r.data, types };
}

/** Validate and rebuild a saved configuration. */
export function decodeConfig(json: unknown): HwConfig {
  const o = json as { economy?: unknown; counts?: unknown };
  if (typeof o !== 'object' || o === null) throw new InputError('', 'must be an object {economy, counts}');
  const economy = decodeEconomy(o.economy);
  const counts = z.array(z.number().int().min(1)).length(economy.types.length).safeParse(o.counts);
  if (!counts.success) throw new InputError('counts', `must be ${economy.types.length} integers ≥ 1`);
  return { economy, counts: counts.data };
}

/**
 * Simpler variants of a configuration, for `simplify`: fewer states (the first kept, prior 1),
 * fewer types (the last dropped, likelihoods re-normalised), smaller counts, log utilities.
 */
export function simplifyConfig(c: HwConfig): HwConfig[] {
  const out: HwConfig[] = [];
  const e = c.economy;
  if (e.states.length > 1) {
    out.push({ economy: { ...e, states: [{ name: e.states[0].name, prior: 1 }], types: e.types.map((t) => ({ ...t, likelihood: [t.likelihood[0]], utility: [t.utility[0]] })) }, counts: c.counts });
  }
  if (e.types.length > 2) {
    const types = e.types.slice(0, -1);
    const sums = e.states.map((_, z) => types.reduce((s, t) => s + t.likelihood[z], 0));
    out.push({ economy: { ...e, types: types.map((t) => ({ ...t, likelihood: t.likelihood.map((l, z) => l / sums[z]) })) }, counts: c.counts.slice(0, -1) });
  }
  if (c.counts.some((k) => k > 1)) out.push({ economy: e, counts: c.counts.map((k) => Math.max(1, Math.ceil(k / 2))) });
  if (e.types.some((t) => t.utility.some((u) => u.kind !== 'log'))) {
    out.push({ economy: { ...e, types: e.types.map((t) => ({ ...t, utility: t.utility.map((u) => (u.kind === 'log' ? u : { kind: 'log' as const, a: u.kind === 'ces' ? u.a : 1, b: u.kind === 'ces' ? u.b : 1 })) })) }, counts: c.counts });
  }
  return out.filter((v) => v.economy.states.length === 1 || informativeKl(v.economy) >= KL_MIN);
}

/** A profile of stage-2 offers: M agents' one-sided offers in O and one agent's own offer, two-sided allowed. */
export interface ProfileCase {
  endowment: { q: number; r: number };
  epsilon: { q: number; r: number };
  /** The others' offers, each in O. */
  others: { q: number; r: number }[];
  /** The agent's own offer in [0, q̄] × [0, r̄]. */
  own: { q: number; r: number };
}

/** A share of an endowment in [0, 1] with 0 and 1 (all of it) as edges. */
const shareArb = fc.oneof({ arbitrary: fc.constantFrom(0, 1), weight: 1 }, { arbitrary: gridReal(0, 1, 1000), weight: 5 });

/** One-sided offer: sells q, sells r, or nothing, a share of the endowment. */
const oneSidedArb = fc.record({ side: fc.constantFrom('q', 'r', 'none'), s: shareArb });

/**
 * Profiles in O^M (M = 1–8 others) around an own offer that is two-sided with probability 1/2
 * (Lemma 1, payoff identity): endowment and ε as economyArb's.
 */
export function profileArb(opts: { twoSided?: boolean } = {}): fc.Arbitrary<ProfileCase> {
  const two = opts.twoSided ?? true;
  return fc
    .record({
      endowment: fc.record({ q: logReal(0.2, 5), r: logReal(0.2, 5) }),
      epsilon: fc.record({
        q: fc.oneof({ arbitrary: fc.constant(1e-8), weight: 1 }, { arbitrary: logReal(1e-6, 0.05), weight: 6 }),
        r: fc.oneof({ arbitrary: fc.constant(1e-8), weight: 1 }, { arbitrary: logReal(1e-6, 0.05), weight: 6 }),
      }),
      others: fc.array(oneSidedArb, { minLength: 1, maxLength: 8 }),
      own: two ? fc.oneof(fc.record({ sq: shareArb, sr: shareArb }), oneSidedArb.map((o) => ({ sq: o.side === 'q' ? o.s : 0, sr: o.side === 'r' ? o.s : 0 }))) : oneSidedArb.map((o) => ({ sq: o.side === 'q' ? o.s : 0, sr: o.side === 'r' ? o.s : 0 })),
    })
    .map(({ endowment, epsilon, others, own }) => ({
      endowment,
      epsilon,
      others: others.map((o) => ({ q: o.side === 'q' ? o.s * endowment.q : 0, r: o.side === 'r' ? o.s * endowment.r : 0 })),
      own: { q: own.sq * endowment.q, r: own.sr * endowment.r },
    }));
}

/** The others' totals (Q_−, R_−) of a profile case, ε included for every active agent (M = others + 1). */
export function othersTotals(c: ProfileCase): { Qm: number; Rm: number } {
  const M = c.others.length + 1;
  let Qm = M * c.epsilon.q;
  let Rm = M * c.epsilon.r;
  for (const b of c.others) {
    Qm += b.q;
    Rm += b.r;
  }
  return { Qm, Rm };
}

const g4 = (x: number) => String(roundSig(x, 4));
/** A profile case in one line. */
export const describeProfile = (c: ProfileCase) =>
  `ē=(${g4(c.endowment.q)},${g4(c.endowment.r)}) ε=(${g4(c.epsilon.q)},${g4(c.epsilon.r)}) own=(${g4(c.own.q)},${g4(c.own.r)}) others=[${c.others.map((b) => `(${g4(b.q)},${g4(b.r)})`).join(' ')}]`;

const nonNeg = z.number().refine((v) => Number.isFinite(v) && v >= 0, 'must be a finite number ≥ 0');
const ProfileShape = z.strictObject({
  endowment: z.strictObject({ q: pos, r: pos }),
  epsilon: z.strictObject({ q: pos, r: pos }),
  others: z.array(z.strictObject({ q: nonNeg, r: nonNeg })).min(1),
  own: z.strictObject({ q: nonNeg, r: nonNeg }),
});

/** Validate a saved profile case: offers within the endowment, the others' one-sided. */
export function decodeProfile(json: unknown): ProfileCase {
  const r = ProfileShape.safeParse(json);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new InputError(i.path.map(String).join('.'), i.message);
  }
  const c = r.data;
  const inBox = (b: { q: number; r: number }) => b.q <= c.endowment.q && b.r <= c.endowment.r;
  c.others.forEach((b, n) => {
    if (!inBox(b) || b.q * b.r !== 0) throw new InputError(`others.${n}`, 'must be a one-sided offer within the endowment');
  });
  if (!inBox(c.own)) throw new InputError('own', 'must be within the endowment');
  return c;
}

/** Simpler profiles: fewer others, round shares. */
export function simplifyProfile(c: ProfileCase): ProfileCase[] {
  const out: ProfileCase[] = [];
  if (c.others.length > 1) out.push({ ...c, others: c.others.slice(0, -1) });
  const round = (b: { q: number; r: number }) => ({ q: (Math.round((4 * b.q) / c.endowment.q) / 4) * c.endowment.q, r: (Math.round((4 * b.r) / c.endowment.r) / 4) * c.endowment.r });
  const r = { ...c, own: round(c.own), others: c.others.map(round) };
  if (JSON.stringify(r) !== JSON.stringify(c)) out.push(r);
  return out;
}
