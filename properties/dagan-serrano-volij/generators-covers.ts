/**
 * Inputs of the DSV cover and lottery claims (Section 2, Example 1, Propositions 1–2), inside the
 * paper's assumptions, from value-uniform draws with edge bias (src/generators/numbers.ts), and
 * their decoders (a saved case is validated field by field; a bad one is an InputError naming it).
 *
 * Numbers are dyadic or small integers, so masses, probabilities (integer weights / their sum) and
 * bundles are exact rationals: certification recomputes them in fraction.js.
 */
import fc from 'fast-check';
import { z } from 'zod';
import { InputError } from '../../src/errors.ts';
import { edgyReal, gridReal } from '../../src/generators/numbers.ts';
import type { UnitDemand, VFamily } from '../../src/models/dagan-serrano-volij/cover.ts';

// ---------------------------------------------------------------- v and utilities

/** v families of Example 1 (strictly increasing, strictly concave, bounded), Example 1's printed shape at the edges. */
export const vArb: fc.Arbitrary<VFamily> = fc.oneof(
  edgyReal(0.25, 2, [0.25, 1, 2], 28).map((a) => ({ kind: 'exp' as const, a })),
  edgyReal(0.5, 4, [0.5, 1, 4], 28).map((b) => ({ kind: 'ratio' as const, b })),
);

const quarter = (lo: number, hi: number, edges: number[]) => edgyReal(lo, hi, edges, Math.round((hi - lo) * 4));

/** A unit-demand utility with D divisible and I indivisible goods (w, r on the quarter grid; Example 1 is w = r = 1). */
export function unitDemandArb(D: number, I: number): fc.Arbitrary<UnitDemand> {
  return fc.record({
    v: vArb,
    w: fc.array(quarter(0.5, 2, [1]), { minLength: D, maxLength: D }),
    r: fc.array(quarter(0.25, 2, [1]), { minLength: I, maxLength: I }),
  });
}

// ---------------------------------------------------------------- Example 1's points

/** DSV.Ex1.cover's case: v, two points of the domain, a flat pair's anchor, a point below the domain. */
export interface Ex1CoverInput {
  v: VFamily;
  /** Two points of {x_1 + min{x_2, 1} ≥ 1} on the half lattice (their midpoint is on the quarter grid). */
  x: [number, number];
  y: [number, number];
  /** (a, 1) and (a + 1, 0): distinct points with the same cover value (not strictly concave). */
  a: number;
  /** A point with 0 < z_2 < 1 and z_1 + z_2 < 1: below the domain. */
  z: [number, number];
}

const halfLattice = (hi: number) => fc.integer({ min: 0, max: 2 * hi }).map((k) => k / 2);
/** A point of the half lattice in [0, 2] × [0, 2], moved into the domain by adding one unit of x_1 when it lies below. */
const domainPoint = fc.tuple(halfLattice(2), halfLattice(2)).map(([x1, x2]): [number, number] => (x1 + Math.min(x2, 1) >= 1 ? [x1, x2] : [x1 + 1, x2]));

export const ex1CoverArb: fc.Arbitrary<Ex1CoverInput> = fc.record({
  v: vArb,
  x: domainPoint,
  y: domainPoint,
  a: fc.integer({ min: 0, max: 4 }).map((k) => k / 2),
  z: fc.integer({ min: 1, max: 3 }).chain((k2) => fc.integer({ min: 0, max: 3 - k2 }).map((k1): [number, number] => [k1 / 4, k2 / 4])),
});

const num = z.number().refine(Number.isFinite, 'must be finite');
const VShape = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('exp'), a: num.refine((a) => a > 0, 'must be > 0') }),
  z.strictObject({ kind: z.literal('ratio'), b: num.refine((b) => b > 0, 'must be > 0') }),
]);
const point = z.tuple([num.refine((v) => v >= 0, 'must be ≥ 0'), num.refine((v) => v >= 0, 'must be ≥ 0')]);

function parse<T>(shape: z.ZodType<T>, json: unknown): T {
  const r = shape.safeParse(json);
  if (!r.success) throw new InputError(r.error.issues[0].path.map(String).join('.'), r.error.issues[0].message);
  return r.data;
}

/** A saved Example 1 case, validated: the domain points in the domain, z below it, everything on the grids the hull LP uses. */
export function decodeEx1Cover(json: unknown): Ex1CoverInput {
  const s = parse(z.strictObject({ v: VShape, x: point, y: point, a: num, z: point }), json) as Ex1CoverInput;
  for (const f of ['x', 'y'] as const) {
    if (s[f][0] + Math.min(s[f][1], 1) < 1) throw new InputError(f, 'must satisfy x_1 + min{x_2, 1} ≥ 1 (the domain)');
    if (s[f].some((v) => !Number.isInteger(2 * v) || v > 3)) throw new InputError(f, 'must lie on the half lattice in [0, 3]²');
  }
  if (!Number.isInteger(2 * s.a) || s.a < 0 || s.a > 2) throw new InputError('a', 'must be a multiple of 1/2 in [0, 2]');
  if (!(s.z[1] > 0 && s.z[1] < 1 && s.z[0] + s.z[1] < 1) || s.z.some((v) => !Number.isInteger(4 * v))) throw new InputError('z', 'must have 0 < z_2 < 1, z_1 + z_2 < 1, on the quarter lattice');
  return s;
}

// ---------------------------------------------------------------- economies with lotteries

/**
 * An economy of cells with a lottery on allocations: `types` utilities, each cell of one type with
 * an integer mass, and K allocations with integer probability weights. Bundles are in X (integer
 * indivisible goods) and, for unit-demand utilities, in the cover's domain (Section 2's A5 is on the
 * individually rational domain), so Proposition 1's hypothesis (concave covers) holds there.
 */
export interface LotteryEconomy {
  D: number;
  I: number;
  utilities: UnitDemand[];
  /** Type of each cell. */
  cellType: number[];
  masses: number[];
  weights: number[];
  /** bundles[k][c]: allocation k's bundle for cell c. */
  bundles: number[][][];
}

const goodsArb = fc.constantFrom<[number, number]>([1, 1], [1, 2], [2, 1], [2, 2], [1, 3]);

/** Cells: every type has one or two cells, masses 1–3 (edge 1). */
const cellsArb = (T: number) =>
  fc.array(fc.tuple(fc.integer({ min: 1, max: 2 }), fc.array(edgyReal(1, 3, [1], 2), { minLength: 2, maxLength: 2 })), { minLength: T, maxLength: T }).map((per) => {
    const cellType: number[] = [];
    const masses: number[] = [];
    per.forEach(([k, m], t) => {
      for (let j = 0; j < k; j++) cellType.push(t), masses.push(m[j]);
    });
    return { cellType, masses };
  });

/**
 * A bundle in the cover's domain: the numéraire at least Σr/w_0 (rounded up to the quarter grid)
 * plus a quarter-grid extra, other divisible goods on the quarter grid, indivisible goods in 0–2.
 */
function bundleArb(u: UnitDemand, D: number, I: number): fc.Arbitrary<number[]> {
  const base = Math.ceil((4 * u.r.reduce((a, b) => a + b, 0)) / u.w[0]) / 4;
  return fc.tuple(gridReal(0, 3, 12), fc.array(gridReal(0, 3, 12), { minLength: D - 1, maxLength: D - 1 }), fc.array(fc.integer({ min: 0, max: 2 }), { minLength: I, maxLength: I })).map(([extra, divisible, indivisible]) => [base + extra, ...divisible, ...indivisible]);
}

/** DSV.Prop1/Prop2's economies: 2–5 types, 2–4 goods (some indivisible), 2–3 allocations; some cells keep one bundle (degenerate for them). */
export const lotteryEconomyArb: fc.Arbitrary<LotteryEconomy> = fc.tuple(goodsArb, fc.integer({ min: 2, max: 5 })).chain(([[D, I], T]) =>
  fc.tuple(fc.array(unitDemandArb(D, I), { minLength: T, maxLength: T }), cellsArb(T), fc.integer({ min: 2, max: 3 })).chain(([utilities, { cellType, masses }, K]) =>
    fc
      .record({
        weights: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: K, maxLength: K }),
        perCell: fc.tuple(...cellType.map((t) => fc.tuple(fc.boolean(), fc.array(bundleArb(utilities[t], D, I), { minLength: K, maxLength: K })))),
      })
      .map(({ weights, perCell }) => ({
        D,
        I,
        utilities,
        cellType,
        masses,
        weights,
        // a cell marked constant keeps its first bundle in every allocation
        bundles: Array.from({ length: K }, (_, k) => perCell.map(([constant, bs]) => (constant ? bs[0] : bs[k]).slice())),
      })),
  ),
);

const UtilityShape = z.strictObject({ v: VShape, w: z.array(num.refine((v) => v > 0, 'must be > 0')).min(1), r: z.array(num.refine((v) => v > 0, 'must be > 0')).min(1) });
/** The cells and the lottery, shared by both saved lottery shapes. */
const lotteryFields = {
  cellType: z.array(z.number().int().min(0)).min(1).max(16),
  masses: z.array(num.refine((v) => v > 0, 'must be > 0')),
  weights: z.array(z.number().int().min(1)).min(1).max(6),
  bundles: z.array(z.array(z.array(num.refine((v) => v >= 0, 'must be ≥ 0')))),
};
const LotteryShape = z.strictObject({
  D: z.number().int().min(1).max(3),
  I: z.number().int().min(1).max(3),
  utilities: z.array(UtilityShape).min(1).max(8),
  ...lotteryFields,
});

/**
 * What the schema cannot say about the cells and the lottery: one mass per cell, each cell of one of `types` types,
 * one allocation per weight, one bundle of D + I goods per cell with integer indivisible holdings; `each` is the
 * decoder's own check of a bundle.
 */
function checkLotteryCells(
  s: { D: number; I: number; cellType: number[]; masses: number[]; weights: number[]; bundles: number[][][] },
  types: number,
  each: (b: number[], c: number, field: string) => void = () => {},
): void {
  const n = s.D + s.I;
  if (s.masses.length !== s.cellType.length) throw new InputError('masses', `must have ${s.cellType.length} entries (one per cell)`);
  s.cellType.forEach((t, c) => {
    if (t >= types) throw new InputError(`cellType.${c}`, `must name one of the ${types} types`);
  });
  if (s.bundles.length !== s.weights.length) throw new InputError('bundles', `must have ${s.weights.length} allocations (one per weight)`);
  s.bundles.forEach((alloc, k) => {
    if (alloc.length !== s.cellType.length) throw new InputError(`bundles.${k}`, `must have ${s.cellType.length} bundles (one per cell)`);
    alloc.forEach((b, c) => {
      if (b.length !== n) throw new InputError(`bundles.${k}.${c}`, `must have ${n} goods`);
      if (b.slice(s.D).some((v) => !Number.isInteger(v))) throw new InputError(`bundles.${k}.${c}`, 'indivisible holdings must be integers');
      each(b, c, `bundles.${k}.${c}`);
    });
  });
}

/** A saved lottery economy, validated: shapes agree, indivisible holdings integer, bundles in the cover's domain. */
export function decodeLotteryEconomy(json: unknown): LotteryEconomy {
  const s = parse(LotteryShape, json) as LotteryEconomy;
  s.utilities.forEach((u, t) => {
    if (u.w.length !== s.D) throw new InputError(`utilities.${t}.w`, `must have ${s.D} entries (one per divisible good)`);
    if (u.r.length !== s.I) throw new InputError(`utilities.${t}.r`, `must have ${s.I} entries (one per indivisible good)`);
  });
  checkLotteryCells(s, s.utilities.length, (b, c, field) => {
    const u = s.utilities[s.cellType[c]];
    const idx = u.w.reduce((a, w, d) => a + w * b[d], 0) + u.r.reduce((a, r, i) => a + r * Math.min(b[s.D + i], 1), 0);
    if (idx < u.r.reduce((a, r) => a + r, 0)) throw new InputError(field, 'must lie in the cover\'s domain (ℓ̂ ≥ Σ r)');
  });
  return s;
}

// ---------------------------------------------------------------- linear utilities (DSV.Prop2.needs-almost-strict)

/**
 * Linear utilities u_t(x) = w_t·x (concave, not almost strictly concave) on cells of mass 1, with a
 * lottery on allocations. The search space holds both sides: identical or type-specific w, and
 * allocations that either all use the same resources (each a permutation of the first allocation's
 * bundles among the cells, then a transfer of the numéraire between two cells) or are drawn apart
 * (the resource total T is then the componentwise largest use, and some allocation wastes).
 */
export interface LinearLotteryEconomy {
  D: number;
  I: number;
  /** w[t]: type t's weights, one per good. */
  w: number[][];
  cellType: number[];
  masses: number[];
  weights: number[];
  bundles: number[][][];
}

const linearBundle = (D: number, I: number) =>
  fc.tuple(fc.array(gridReal(0, 3, 12), { minLength: D, maxLength: D }), fc.array(fc.integer({ min: 0, max: 2 }), { minLength: I, maxLength: I })).map(([d, i]) => [...d, ...i]);

export const linearLotteryArb: fc.Arbitrary<LinearLotteryEconomy> = fc.tuple(goodsArb, fc.integer({ min: 2, max: 5 }), fc.boolean(), fc.boolean(), fc.integer({ min: 2, max: 3 })).chain(([[D, I], T, identical, exhaust, K]) =>
  fc
    .record({
      w: fc.array(fc.array(quarter(0.25, 2, [1]), { minLength: D + I, maxLength: D + I }), { minLength: T, maxLength: T }),
      cells: fc.array(fc.integer({ min: 1, max: 2 }), { minLength: T, maxLength: T }),
      weights: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: K, maxLength: K }),
      first: fc.array(linearBundle(D, I), { minLength: 10, maxLength: 10 }),
      // per later allocation: a permutation key per cell, a transfer (from, to, share), an independent draw
      later: fc.array(fc.record({ keys: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 10, maxLength: 10 }), from: fc.nat(9), to: fc.nat(9), share: gridReal(0, 1, 4), fresh: fc.array(linearBundle(D, I), { minLength: 10, maxLength: 10 }) }), { minLength: K - 1, maxLength: K - 1 }),
    })
    .map(({ w, cells, weights, first, later }) => {
      const cellType = cells.flatMap((k, t) => Array.from({ length: k }, () => t));
      const C = cellType.length;
      const f0 = first.slice(0, C).map((b) => b.slice());
      const bundles = [f0];
      for (const l of later) {
        if (!exhaust) {
          bundles.push(l.fresh.slice(0, C).map((b) => b.slice()));
          continue;
        }
        const perm = Array.from({ length: C }, (_, c) => c).sort((a, b) => l.keys[a] - l.keys[b] || a - b);
        const f = perm.map((c) => f0[c].slice());
        const from = l.from % C;
        const to = l.to % C;
        const amount = f[from][0] * l.share;
        f[from][0] -= amount;
        f[to][0] += amount;
        bundles.push(f);
      }
      return { D, I, w: identical ? w.map(() => w[0].slice()) : w, cellType, masses: cellType.map(() => 1), weights, bundles };
    }),
);

const LinearShape = z.strictObject({
  D: z.number().int().min(1).max(3),
  I: z.number().int().min(0).max(3),
  w: z.array(z.array(num.refine((v) => v > 0, 'must be > 0'))).min(1).max(8),
  ...lotteryFields,
});

/** A saved linear lottery economy, validated: shapes agree, indivisible holdings integer. */
export function decodeLinearLottery(json: unknown): LinearLotteryEconomy {
  const s = parse(LinearShape, json) as LinearLotteryEconomy;
  const n = s.D + s.I;
  s.w.forEach((wt, t) => {
    if (wt.length !== n) throw new InputError(`w.${t}`, `must have ${n} entries (one per good)`);
  });
  checkLotteryCells(s, s.w.length);
  return s;
}
