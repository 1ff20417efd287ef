/**
 * Jackson & Palfrey (1996): fast-check arbitraries of economies, trading rules and price rules for
 * the market claims of part A (claims-market-a.ts). Economies are plain data (printable, decodable):
 * buyers as 1–8 piecewise-uniform pieces of total mass 1 plus an optional atom at 0 (Section 3's
 * B_1, continuous and increasing but for the atom), sellers as atoms of total mass 1 (homogeneous:
 * at 0 and 1 only). Reals are value-uniform with edge bias (src/generators/numbers.ts).
 */
import fc from 'fast-check';
import { z } from 'zod';
import { InputError } from '../../src/errors.ts';
import { buyersFromPieces, makeEconomy, makeSellers } from '../../src/models/jackson-palfrey/economy.ts';
import type { Economy, PeriodRule, PricePeriod } from '../../src/models/jackson-palfrey/types.ts';
import { edgyReal, gridReal, roundTo } from '../../src/generators/numbers.ts';

/** Buyers as data: contiguous pieces between `cuts` (0 < … < 1) with `weights` (0 is a gap), and the share of the mass at b = 0. */
export interface BuyerSpec {
  readonly cuts: readonly number[];
  readonly weights: readonly number[];
  readonly atom0: number;
}

/** Sellers as data: atoms [value, weight] (normalised to total mass 1). */
export interface SellerSpec {
  readonly atoms: readonly (readonly [number, number])[];
}

export interface EconomySpec {
  readonly buyers: BuyerSpec;
  readonly sellers: SellerSpec;
}

/** The uniform buyers of Example 1. */
export const UNIFORM_BUYERS: BuyerSpec = { cuts: [], weights: [1], atom0: 0 };

/** Homogeneous sellers: mass m0 at s = 0 and 1 − m0 at s = 1. */
export const homogeneous = (m0: number): SellerSpec => ({ atoms: m0 >= 1 ? [[0, 1]] : [[0, m0], [1, roundTo(1 - m0, 15)]] });

/** The economy a spec describes (total masses 1 on both sides). */
export function buildEconomy(x: EconomySpec): Economy {
  const knots = [0, ...x.buyers.cuts, 1];
  const pieces = x.buyers.weights.map((weight, k) => ({ lo: knots[k], hi: knots[k + 1], weight }));
  const buyers = buyersFromPieces(pieces, 1, x.buyers.atom0);
  const W = x.sellers.atoms.reduce((s, [, w]) => s + w, 0);
  const atoms = [...x.sellers.atoms].sort((a, b) => a[0] - b[0]);
  const sellers = makeSellers(atoms.map(([v]) => v), atoms.map(([, w]) => w / W));
  return makeEconomy(buyers, sellers);
}

/** Buyers with 1–8 pieces on a 1/40 grid; `fullSupport`: every weight positive and no atom (positive density on (0, 1), Corollary 1). */
export function buyerSpecArb(opts: { fullSupport?: boolean } = {}): fc.Arbitrary<BuyerSpec> {
  const weight = opts.fullSupport ? edgyReal(0.05, 1, [1], 20) : edgyReal(0, 1, [0, 1], 20);
  return fc
    .integer({ min: 1, max: 8 })
    .chain((n) =>
      fc.record({
        cuts: fc.uniqueArray(fc.integer({ min: 1, max: 39 }), { minLength: n - 1, maxLength: n - 1 }).map((c) => c.sort((a, b) => a - b).map((k) => k / 40)),
        weights: fc.array(weight, { minLength: n, maxLength: n }).map((w) => (w.some((x) => x > 0) ? w : w.map(() => 1))),
        atom0: opts.fullSupport ? fc.constant(0) : fc.oneof(fc.constant(0), gridReal(0, 0.4, 20)),
      }),
    );
}

/** Homogeneous sellers with S_1(0) = m0 ∈ [0.05, 1]. */
export const homogeneousArb: fc.Arbitrary<SellerSpec> = edgyReal(0.05, 1, [0.5, 0.9, 1], 100).map(homogeneous);

/** Heterogeneous sellers: 1–5 atoms on a 1/20 grid of values with weights in [0.1, 1]. */
export const heterogeneousArb: fc.Arbitrary<SellerSpec> = fc
  .uniqueArray(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 5 })
  .map((vs) => vs.sort((a, b) => a - b))
  .chain((vs) => fc.array(edgyReal(0.1, 1, [1], 10), { minLength: vs.length, maxLength: vs.length }).map((ws) => ({ atoms: vs.map((v, j) => [v / 20, ws[j]] as const) })));

// ---------------------------------------------------------------- rules and prices as data

/** One period of a trading rule as data: cutoffs per seller atom, or trade probabilities per seller atom and cell of `knots`. */
export type RuleSpec =
  | { readonly kind: 'cutoff'; readonly beta: readonly number[] }
  | { readonly kind: 'grid'; readonly cuts: readonly number[]; readonly trade: readonly (readonly number[])[]; readonly atom0: readonly number[] };

/** One period of a price rule as data: p(s_j, b) = a[j][i] + g[j][i]·b on the cells between `cuts`. */
export interface PriceSpec {
  readonly cuts: readonly number[];
  readonly a: readonly (readonly number[])[];
  readonly g: readonly (readonly number[])[];
}

export const buildRule = (r: RuleSpec): PeriodRule =>
  r.kind === 'cutoff'
    ? { kind: 'cutoff', beta: Float64Array.from(r.beta) }
    : { kind: 'grid', knots: Float64Array.from([0, ...r.cuts, 1]), trade: r.trade.map((x) => Float64Array.from(x)), atom0: Float64Array.from(r.atom0) };

export const buildPrice = (p: PriceSpec): PricePeriod => ({
  knots: Float64Array.from([0, ...p.cuts, 1]),
  a: p.a.map((x) => Float64Array.from(x)),
  g: p.g.map((x) => Float64Array.from(x)),
});

const cutsArb = (maxCells: number) =>
  fc.uniqueArray(fc.integer({ min: 1, max: 19 }), { maxLength: maxCells - 1 }).map((c) => c.sort((a, b) => a - b).map((k) => k / 20));

/** A trading-rule period for n seller atoms: a cutoff rule (cutoffs edge-biased to 0, 1 and the seller's value) or a (randomised) grid rule. */
export function ruleSpecArb(values: readonly number[]): fc.Arbitrary<RuleSpec> {
  const n = values.length;
  const prob = fc.oneof(fc.constant(0), fc.constant(1), gridReal(0, 1, 20));
  return fc.oneof(
    fc.tuple(...values.map((s) => edgyReal(0, 1, [0, 1, s], 40))).map((beta) => ({ kind: 'cutoff' as const, beta })),
    cutsArb(6).chain((cuts) =>
      fc.record({
        kind: fc.constant('grid' as const),
        cuts: fc.constant(cuts),
        trade: fc.array(fc.array(prob, { minLength: cuts.length + 1, maxLength: cuts.length + 1 }), { minLength: n, maxLength: n }),
        atom0: fc.array(prob, { minLength: n, maxLength: n }),
      }),
    ),
  );
}

/** A price-rule period for n seller atoms: 1–4 cells, intercepts in [−0.5, 1.5], slopes in [−1, 1] (prices need not be individually rational here). */
export function priceSpecArb(n: number): fc.Arbitrary<PriceSpec> {
  return cutsArb(4).chain((cuts) => {
    const K = cuts.length + 1;
    const rows = (arb: fc.Arbitrary<number>) => fc.array(fc.array(arb, { minLength: K, maxLength: K }), { minLength: n, maxLength: n });
    return fc.record({ cuts: fc.constant(cuts), a: rows(edgyReal(-0.5, 1.5, [0, 1], 40)), g: rows(edgyReal(-1, 1, [0, 1], 40)) });
  });
}

// ---------------------------------------------------------------- decoding saved cases

const unit = z.number().min(0).max(1);
export const BuyerShape = z.strictObject({ cuts: z.array(unit).max(7), weights: z.array(z.number().min(0).max(1e6)).min(1).max(8), atom0: z.number().min(0).max(1) });
export const SellerShape = z.strictObject({ atoms: z.array(z.tuple([unit, z.number().min(0).max(1e6)])).min(1).max(50) });
export const EconomyShape = z.strictObject({ buyers: BuyerShape, sellers: SellerShape });
export const RuleShape = z.union([
  z.strictObject({ kind: z.literal('cutoff'), beta: z.array(unit) }),
  z.strictObject({ kind: z.literal('grid'), cuts: z.array(unit), trade: z.array(z.array(unit)), atom0: z.array(unit) }),
]);
export const PriceShape = z.strictObject({ cuts: z.array(unit), a: z.array(z.array(z.number().finite())), g: z.array(z.array(z.number().finite())) });

/** Parse with a zod shape; the first issue becomes an InputError naming the field. */
export function parseOrThrow<T>(shape: z.ZodType<T>, json: unknown, prefix = 'input'): T {
  const r = shape.safeParse(json);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new InputError([prefix, ...i.path.map(String)].join('.'), i.message);
  }
  return r.data;
}

/** Buyers in one line: "U[0,1]" or the pieces "[0,0.25]:0.3 …" and the atom. */
export function describeBuyers(b: BuyerSpec): string {
  const knots = [0, ...b.cuts, 1];
  const body = b.weights.length === 1 && b.weights[0] > 0 ? 'U[0,1]' : b.weights.map((w, k) => `[${knots[k]},${knots[k + 1]}]:${+w.toPrecision(3)}`).join(' ');
  return b.atom0 > 0 ? `${body} with ${+b.atom0.toPrecision(3)} of the mass at 0` : body;
}

/** Sellers in one line: "m0 at 0, m1 at 1" style, masses normalised. */
export function describeSellers(s: SellerSpec): string {
  const W = s.atoms.reduce((x, [, w]) => x + w, 0);
  return [...s.atoms].sort((a, b) => a[0] - b[0]).map(([v, w]) => `${+(w / W).toPrecision(4)} at ${v}`).join(', ');
}
