/**
 * Generators for the Section 5 claims of Dagan, Serrano & Volij (1999): finite populations whose
 * targets are a Walrasian allocation at p *by construction* — every type's target on its budget line,
 * the counts clearing every market — built from net trades that sum to zero good by good. Numbers are
 * dyadic (quarters; prices k/4), so budgets and market clearing hold exactly in doubles and the
 * claims' exact-rational replays start from the very numbers the model sees.
 *
 * These are economies of the paper, not only allocations: give every agent u(x) = 1 − exp(−p·x) (the
 * exp family of src/economy/utilities.ts with w = p). Then every bundle on an agent's budget line is a
 * demand, so the constructed targets are a Walrasian allocation at p; u is bounded, increasing,
 * concave and almost strictly concave (u(x) ≠ u(y) means p·x ≠ p·y, and 1 − e^{−s} is strictly
 * concave in s along the segment), so A0–A5 hold — the liquidity stall's witnesses included.
 *
 * Two money regimes: `liquid` (every agent holds some good 1 — the hypothesis the convergence step
 * needs, CLAIMS.md) and `illiquid` (each type holds only the good 1 its budget requires: zero for
 * every type whose purchases are paid by its sales — the search space of the liquidity stall).
 */
import fc from 'fast-check';
import { z } from 'zod';
import { InputError } from '../../src/errors.ts';
import type { SimSpec, SimType } from '../../src/models/dagan-serrano-volij/simulate.ts';

/** A population with its Walrasian targets and the matching technology (α = sizes[0]). */
export interface TradeEconomy {
  prices: number[];
  indivisible: boolean[];
  types: SimType[];
  /** p(n), n = 1, 2, …: sizes[0] = α. */
  sizes: number[];
}

const quarter = (lo: number, hi: number) => fc.integer({ min: Math.round(lo * 4), max: Math.round(hi * 4) }).map((k) => k / 4);
const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** Matching: α on a grid in [0.05, 0.5] (edges drawn often), p(3) > 0 (a multilateral meeting possible), the rest p(2). */
export const sizesArb: fc.Arbitrary<number[]> = fc
  .tuple(fc.oneof(fc.constantFrom(0.05, 0.5), fc.integer({ min: 1, max: 10 }).map((k) => k / 20)), fc.integer({ min: 1, max: 6 }).map((k) => k / 20))
  .map(([alpha, p3]) => [alpha, Math.round((1 - alpha - p3) * 1e12) / 1e12, p3]);

/**
 * A population at prices p (p_0 = 1, p_k ∈ {1/4, …, 3}) with 2–5 types of 1–4 agents each (times
 * `scale`), 2–4 goods (goods k ≥ 1 indivisible with probability ~0.4), targets Walrasian by
 * construction: up to three transfers per good between two types a ← b, each b-agent giving
 * n_a·u/g and each a-agent receiving n_b·u/g (g = gcd), so Σ n_t z_t = 0 (b endowed with what he
 * gives); good 0 balances each budget.
 */
export function economyArb(money: 'liquid' | 'illiquid', opts: { maxGoods?: number; minGoods?: number; minTypes?: number; cycles?: boolean } = {}): fc.Arbitrary<TradeEconomy> {
  return fc
    .record({
      L: fc.integer({ min: opts.minGoods ?? 2, max: opts.maxGoods ?? 4 }),
      T: fc.integer({ min: opts.minTypes ?? 2, max: 5 }),
    })
    .chain(({ L, T }) =>
      fc.record({
        prices: fc.tuple(...Array.from({ length: L - 1 }, () => fc.oneof(fc.constant(1), quarter(0.25, 3)))).map((ps) => [1, ...ps]),
        indivisible: fc.tuple(...Array.from({ length: L - 1 }, () => fc.integer({ min: 0, max: 9 }).map((v) => v < 4))).map((b) => [false, ...b]),
        counts: fc.array(fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 4 })), { minLength: T, maxLength: T }),
        endow: fc.array(fc.array(fc.integer({ min: 0, max: 12 }), { minLength: L, maxLength: L }), { minLength: T, maxLength: T }),
        transfers: fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: L - 1 }), fc.integer({ min: 1, max: 4 })), { minLength: 1, maxLength: 3 * (L - 1) }),
        extra: fc.array(fc.oneof(fc.constant(0.25), quarter(0.25, 3)), { minLength: T, maxLength: T }),
        sizes: sizesArb,
        // a cycle of wants across the first types (type j gives good j + 1 to type j + 1): Wicksell's structure, drawn when asked
        cycle: opts.cycles ? fc.integer({ min: 0, max: 3 }).map((v) => v > 0) : fc.constant(false),
      }),
    )
    .map((d) => buildEconomy(d, money));
}

/** Assemble the population from the draws (see economyArb): a seller is endowed with what he gives. */
function buildEconomy(
  d: { prices: number[]; indivisible: boolean[]; counts: number[]; endow: number[][]; transfers: [number, number, number, number][]; extra: number[]; sizes: number[]; cycle: boolean },
  money: 'liquid' | 'illiquid',
): TradeEconomy {
  const T = d.counts.length;
  const L = d.prices.length;
  // holdings of goods k ≥ 1: integers for indivisible goods, quarters otherwise
  const e = d.endow.map((row) => row.map((v, k) => (d.indivisible[k] ? v % 4 : v / 4)));
  const c = Math.min(T, L - 1);
  const cycle: [number, number, number, number][] = d.cycle && c >= 3 ? Array.from({ length: c }, (_, j) => [(j + 1) % c, j, j + 1, 4]) : [];
  const f = e.map((r) => r.slice());
  for (const [ai, bi, k, u] of [...cycle, ...d.transfers]) {
    const a = ai % T;
    const b = bi % T;
    if (a === b) continue;
    const g = gcd(d.counts[a], d.counts[b]);
    const unit = d.indivisible[k] ? 1 : u / 4;
    const give = (d.counts[a] / g) * unit;
    const get = (d.counts[b] / g) * unit;
    // the seller is endowed with what he gives (endowments are free draws; targets follow from them)
    if (f[b][k] < give) {
      e[b][k] += give - f[b][k];
      f[b][k] = give;
    }
    f[b][k] -= give;
    f[a][k] += get;
  }
  const types: SimType[] = e.map((row, t) => {
    // value of the net purchases in goods k ≥ 1, paid in good 0 (p_0 = 1)
    let V = 0;
    for (let k = 1; k < L; k++) V += d.prices[k] * (f[t][k] - row[k]);
    const e0 = money === 'liquid' ? Math.max(0, V) + d.extra[t] : Math.max(0, V);
    const endowment = [e0, ...row.slice(1)];
    const target = [e0 - V, ...f[t].slice(1)];
    return { count: d.counts[t], endowment, target };
  });
  return { prices: d.prices, indivisible: d.indivisible, types, sizes: d.sizes };
}

/** The simulation spec of an economy (τ, a round cap). */
export function simSpec(e: TradeEconomy, maxRounds = 3000, trace = false): SimSpec {
  return { prices: e.prices, indivisible: e.indivisible, types: e.types, sizes: e.sizes, tau: 0.01, maxRounds, trace };
}

/** The population scaled: every count times m (still Walrasian: clearing is linear in the counts). */
export const scaled = (e: TradeEconomy, m: number): TradeEconomy => ({ ...e, types: e.types.map((t) => ({ ...t, count: t.count * m })) });

export const population = (e: TradeEconomy) => e.types.reduce((s, t) => s + t.count, 0);

/** Labels of a population: goods, indivisibility, who lacks good 1, sizes of trade. */
export function economyLabels(e: TradeEconomy): string[] {
  const L = e.prices.length;
  const trading = (k: number) => e.types.some((t) => t.target[k] !== t.endowment[k]);
  return [
    `L=${L}`,
    `T=${e.types.length}`,
    e.indivisible.some((b, k) => b && trading(k)) ? 'indivisible traded' : 'no indivisible trade',
    e.types.some((t) => t.endowment[0] === 0) ? 'some agent without good 1' : 'all hold good 1',
    e.types.every((t) => t.target.every((v, k) => v === t.endowment[k])) ? 'no trade needed' : 'trade needed',
  ];
}

/** One line: prices, indivisible goods, and each type as count × endowment → target. */
export function describeEconomy(e: TradeEconomy): string {
  const ind = e.indivisible.map((b, k) => (b ? k : -1)).filter((k) => k >= 0);
  const ts = e.types.map((t) => `${t.count}×(${t.endowment.join(', ')})→(${t.target.join(', ')})`).join('; ');
  return `p = (${e.prices.join(', ')})${ind.length ? `, goods ${ind.join(', ')} indivisible` : ''}, α = ${e.sizes[0]}, p(3) = ${e.sizes[2] ?? 0}: ${ts}`;
}

/**
 * Simpler populations, still Walrasian: counts divided by their gcd, types already at their target
 * removed (they trade nothing), goods nobody trades removed, prices of untraded goods set to 1.
 */
export function simplifyEconomy(e: TradeEconomy): TradeEconomy[] {
  const out: TradeEconomy[] = [];
  const g = e.types.reduce((a, t) => gcd(a, t.count), 0);
  if (g > 1) out.push({ ...e, types: e.types.map((t) => ({ ...t, count: t.count / g })) });
  if (e.types.some((t) => t.count > 1) && new Set(e.types.map((t) => t.count)).size === 1) out.push({ ...e, types: e.types.map((t) => ({ ...t, count: 1 })) });
  const idle = e.types.filter((t) => t.target.every((v, k) => v === t.endowment[k]));
  if (idle.length > 0 && e.types.length - idle.length >= 2) out.push({ ...e, types: e.types.filter((t) => !idle.includes(t)) });
  for (let k = 1; k < e.prices.length; k++) {
    if (e.prices.length > 2 && e.types.every((t) => t.target[k] === t.endowment[k])) {
      const drop = <T>(xs: readonly T[]) => xs.filter((_, j) => j !== k);
      out.push({ ...e, prices: drop(e.prices), indivisible: drop(e.indivisible), types: e.types.map((t) => ({ ...t, endowment: drop(t.endowment), target: drop(t.target) })) });
    }
  }
  if (e.sizes[0] !== 0.25 || e.sizes[2] !== 0.25) out.push({ ...e, sizes: [0.25, 0.5, 0.25] });
  return out;
}

const nonNeg = z.number().finite().min(0);
const EconomySchema = z.strictObject({
  prices: z.array(z.number().finite().positive()).min(2),
  indivisible: z.array(z.boolean()),
  types: z.array(z.strictObject({ count: z.number().int().min(1).max(1000), endowment: z.array(nonNeg), target: z.array(nonNeg) })).min(1),
  sizes: z.array(nonNeg).min(2),
});

/** Validate a saved population: shapes, good 0 divisible, budgets and clearing exact (the construction's invariants). */
export function decodeEconomy(json: unknown): TradeEconomy {
  const r = EconomySchema.safeParse(json);
  if (!r.success) throw new InputError(r.error.issues[0].path.map(String).join('.') || 'economy', r.error.issues[0].message);
  const e = r.data;
  const L = e.prices.length;
  if (e.indivisible.length !== L || e.indivisible[0]) throw new InputError('indivisible', `must have ${L} entries, the first false`);
  e.types.forEach((t, i) => {
    if (t.endowment.length !== L || t.target.length !== L) throw new InputError(`types[${i}]`, `endowment and target must have ${L} entries`);
    if (t.endowment.reduce((s, x, k) => s + e.prices[k] * (t.target[k] - x), 0) !== 0) throw new InputError(`types[${i}].target`, 'must cost exactly what the endowment is worth');
  });
  for (let k = 0; k < L; k++) if (e.types.reduce((s, t) => s + t.count * (t.target[k] - t.endowment[k]), 0) !== 0) throw new InputError(`types`, `good ${k}'s market must clear exactly`);
  if (Math.abs(e.sizes.reduce((s, v) => s + v, 0) - 1) > 1e-9 || !(e.sizes[0] > 0 && e.sizes[0] < 1)) throw new InputError('sizes', 'must sum to 1 with α = sizes[0] in (0, 1)');
  return e;
}
