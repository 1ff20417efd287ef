/**
 * Jackson & Palfrey (1996): generated economies for the market claims of part B (Theorems 1–2,
 * efficient rules are cutoff rules, the homogeneous reduction of (4)). Inputs are plain data
 * (round numbers on grids, so a saved case reads and shrinks well); `build*` turns them into the
 * model's Economy. Buyers have total mass 1 and positive density on (0, 1] (the paper's B_1
 * continuous and increasing), an optional atom at 0; sellers are atoms of total mass 1.
 */
import fc from 'fast-check';
import { z } from 'zod';
import { InputError } from '../../src/errors.ts';
import { edgyReal, gridReal } from '../../src/generators/numbers.ts';
import { buyersFromPieces, makeBuyers, makeEconomy, makeSellers } from '../../src/models/jackson-palfrey/economy.ts';
import type { Buyers, Economy } from '../../src/models/jackson-palfrey/types.ts';

/** Buyers as data: interior knots (sorted, in (0, 1)), a weight per piece, the atom at 0's share. */
export interface BuyerSpec {
  readonly cuts: readonly number[];
  readonly weights: readonly number[];
  readonly atom0: number;
}

/** An economy with sellers at 0 (mass m0) and at 1 (mass 1 − m0): Theorem 1's homogeneous sellers. */
export interface HomogeneousSpec {
  readonly buyers: BuyerSpec;
  readonly m0: number;
}

/** An economy with seller atoms (values strictly increasing in [0, 1], masses summing to 1 after normalising the weights). */
export interface AtomSpec {
  readonly buyers: BuyerSpec;
  readonly values: readonly number[];
  readonly weights: readonly number[];
}

export const UNIFORM: BuyerSpec = { cuts: [], weights: [1], atom0: 0 };

/** 1–8 pieces with knots on the grid k/32, weights k/20 (k ≥ 1: positive density everywhere), an atom at 0 a quarter of the time. */
export function buyerSpec(maxPieces = 8): fc.Arbitrary<BuyerSpec> {
  return fc
    .uniqueArray(fc.integer({ min: 1, max: 31 }), { maxLength: maxPieces - 1 })
    .chain((ks) => {
      const cuts = [...ks].sort((a, b) => a - b).map((k) => k / 32);
      return fc.record({
        cuts: fc.constant(cuts),
        weights: fc.array(fc.integer({ min: 1, max: 20 }).map((k) => k / 20), { minLength: cuts.length + 1, maxLength: cuts.length + 1 }),
        atom0: fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: gridReal(0, 0.5, 20), weight: 1 }),
      });
    });
}

/** Homogeneous sellers: m0 ∈ [0.05, 0.95] with the edges and Example 1's 1/2 drawn often. */
export function homogeneousSpec(maxPieces = 8): fc.Arbitrary<HomogeneousSpec> {
  return fc.record({ buyers: buyerSpec(maxPieces), m0: edgyReal(0.05, 0.95, [0.05, 0.5, 0.95], 90) });
}

/** 1–`maxAtoms` seller atoms at distinct values k/32 (0 and 1 drawn as often as any), weights k/20. */
export function atomSpec(maxAtoms = 6, maxPieces = 8): fc.Arbitrary<AtomSpec> {
  return fc.record({
    buyers: buyerSpec(maxPieces),
    sellers: fc.uniqueArray(fc.integer({ min: 0, max: 32 }), { minLength: 1, maxLength: maxAtoms }).chain((ks) =>
      fc.record({ values: fc.constant([...ks].sort((a, b) => a - b).map((k) => k / 32)), weights: fc.array(fc.integer({ min: 1, max: 20 }).map((k) => k / 20), { minLength: ks.length, maxLength: ks.length }) }),
    ),
  }).map(({ buyers, sellers }) => ({ buyers, values: sellers.values, weights: sellers.weights }));
}

/** The model's buyers of total mass 1 for a spec. */
export function buildBuyers(b: BuyerSpec): Buyers {
  const knots = [0, ...b.cuts, 1];
  return buyersFromPieces(b.weights.map((weight, i) => ({ lo: knots[i], hi: knots[i + 1], weight })), 1, b.atom0);
}

export function buildHomogeneous(x: HomogeneousSpec): Economy {
  return makeEconomy(buildBuyers(x.buyers), makeSellers([0, 1], [x.m0, 1 - x.m0]));
}

export function buildAtoms(x: AtomSpec): Economy {
  const W = x.weights.reduce((a, w) => a + w, 0);
  return makeEconomy(buildBuyers(x.buyers), makeSellers(x.values, x.weights.map((w) => w / W)));
}

/**
 * Buyers of K cells of equal mass (1 − atom0)/K each — the "atoms" of the exhaustive search: a
 * period-1 rule that trades a cell with a seller or not is a finite object, and equal masses make
 * the swap argument behind Theorems 1–2 apply cell by cell.
 */
export function equalMassBuyers(cuts: readonly number[], atom0: number): Buyers {
  const knots = [0, ...cuts, 1];
  const K = knots.length - 1;
  return makeBuyers({ atom0, knots, density: Array.from({ length: K }, (_, i) => (1 - atom0) / K / (knots[i + 1] - knots[i])) });
}

/** Short numbers in descriptions: 0.25 stays 0.25, 0.3145962… becomes 0.314596. */
export function fmt(x: number): string {
  const s = String(x);
  return s.length <= 8 ? s : x.toPrecision(6);
}

export function describeBuyers(b: BuyerSpec): string {
  const uniform = b.cuts.length === 0 || b.weights.every((w) => w === b.weights[0]);
  const body = uniform && b.cuts.length === 0 ? 'uniform' : `pieces at [0, ${b.cuts.map(fmt).join(', ')}${b.cuts.length ? ', ' : ''}1] weights [${b.weights.map(fmt).join(', ')}]`;
  return b.atom0 > 0 ? `${body}, atom ${fmt(b.atom0)} at 0` : body;
}

/** Simpler buyers: uniform, no atom, fewer pieces (merge the last two), equal weights. */
export function simplifyBuyers(b: BuyerSpec): BuyerSpec[] {
  const out: BuyerSpec[] = [];
  if (b.cuts.length > 0 || b.atom0 > 0) out.push({ ...UNIFORM });
  if (b.atom0 > 0) out.push({ ...b, atom0: 0 });
  if (b.cuts.length > 0) out.push({ cuts: b.cuts.slice(0, -1), weights: [...b.weights.slice(0, -2), b.weights[b.weights.length - 2]], atom0: b.atom0 });
  if (b.weights.some((w) => w !== 1)) out.push({ ...b, weights: b.weights.map(() => 1) });
  return out;
}

// ------------------------------------------------------------------------ decoding saved cases

const Unit = z.number().min(0).max(1);
export const BuyerShape = z.strictObject({
  cuts: z.array(z.number().gt(0).lt(1)).max(63),
  weights: z.array(z.number().gt(0).max(1e6)).min(1).max(64),
  atom0: z.number().min(0).lt(1),
});

export function zodFail(e: z.ZodError, prefix = 'input'): never {
  const i = e.issues[0];
  throw new InputError([prefix, ...i.path.map(String)].join('.'), i.message);
}

/** Checks a decoded buyer spec further than zod can (sorted cuts, one weight per piece) and builds it, so a bad file fails with the field named. */
export function checkBuyers(b: BuyerSpec, field = 'input.buyers'): void {
  if (b.weights.length !== b.cuts.length + 1) throw new InputError(`${field}.weights`, `must have one entry per piece (${b.cuts.length + 1}, got ${b.weights.length})`);
  for (let i = 1; i < b.cuts.length; i++) if (!(b.cuts[i] > b.cuts[i - 1])) throw new InputError(`${field}.cuts[${i}]`, 'must be greater than the cut before');
  buildBuyers(b);
}

export const HomogeneousShape = z.strictObject({ buyers: BuyerShape, m0: z.number().gt(0).lt(1) });
export const AtomShape = z.strictObject({ buyers: BuyerShape, values: z.array(Unit).min(1).max(64), weights: z.array(z.number().gt(0).max(1e6)).min(1).max(64) });

export function checkAtoms(x: AtomSpec, field = 'input'): void {
  checkBuyers(x.buyers, `${field}.buyers`);
  if (x.weights.length !== x.values.length) throw new InputError(`${field}.weights`, `must have one entry per seller value (${x.values.length}, got ${x.weights.length})`);
  for (let i = 1; i < x.values.length; i++) if (!(x.values[i] > x.values[i - 1])) throw new InputError(`${field}.values[${i}]`, 'must be greater than the value before');
}
