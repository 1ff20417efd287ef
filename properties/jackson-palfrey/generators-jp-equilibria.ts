/**
 * Jackson & Palfrey (1996): generated grid economies for the equilibrium claims (claims-equilibria.ts)
 * — piecewise-uniform buyers with 1–8 pieces (Section 3: B_1 continuous and increasing; no atom at
 * 0, which the equilibrium solver does not take), homogeneous sellers (mass m at 0, 1 − m at 1) or
 * heterogeneous seller atoms, a decision grid of N cells. Inputs are plain data: printed, decoded
 * and replayed as they are.
 */
import fc from 'fast-check';
import { z } from 'zod';
import { InputError } from '../../src/errors.ts';
import { gridReal, edgyReal } from '../../src/generators/numbers.ts';
import { buyersFromPieces, homogeneousSellers, makeEconomy, makeSellers } from '../../src/models/jackson-palfrey/economy.ts';
import type { Economy } from '../../src/models/jackson-palfrey/types.ts';

/** A generated grid economy: buyers' pieces as cut points and weights, sellers, N decision cells, δ. */
export interface GridEconomyInput {
  /** Interior cut points of the buyers' pieces, increasing in (0, 1) (0–7 of them: 1–8 pieces). */
  readonly cuts: readonly number[];
  /** Weight of each piece (cuts.length + 1 of them, ≥ 0, not all 0). */
  readonly weights: readonly number[];
  /** Seller atoms [value, mass]: [[0, m], [1, 1 − m]] for homogeneous sellers. */
  readonly sellers: readonly (readonly [number, number])[];
  /** Decision cells k/N. */
  readonly N: number;
  readonly delta: number;
}

/** The economy of an input (buyers of mass 1; sellers' masses scaled to 1). */
export function buildEconomy(x: GridEconomyInput): Economy {
  const knots = [0, ...x.cuts, 1];
  const pieces = x.weights.map((weight, k) => ({ lo: knots[k], hi: knots[k + 1], weight })).filter((p) => p.hi > p.lo);
  const buyers = buyersFromPieces(pieces, 1);
  const total = x.sellers.reduce((s, [, m]) => s + m, 0);
  const values = x.sellers.map(([v]) => v);
  const mass = x.sellers.map(([, m]) => m / total);
  return makeEconomy(buyers, values.length === 2 && values[0] === 0 && values[1] === 1 ? homogeneousSellers(mass[0], mass[1]) : makeSellers(values, mass));
}

/** The decision grid k/N of an input. */
export const gridOf = (x: GridEconomyInput) => Float64Array.from({ length: x.N + 1 }, (_, k) => k / x.N);

const piecesArb = fc.integer({ min: 1, max: 8 }).chain((k) =>
  fc.record({
    cuts: fc.uniqueArray(gridReal(0.01, 0.99, 98), { minLength: k - 1, maxLength: k - 1 }).map((c) => [...c].sort((a, b) => a - b)),
    // weight 0 leaves a gap (density 0): B_1 then is not strictly increasing there — kept rare
    weights: fc.array(fc.oneof({ arbitrary: fc.constant(1), weight: 2 }, { arbitrary: gridReal(0.05, 3, 59), weight: 6 }), { minLength: k, maxLength: k }),
  }),
);

/** Homogeneous sellers (m at 0), 1–8 buyer pieces, N ∈ [nMin, nMax], δ as given (an arbitrary). */
export function homogeneousInput(delta: fc.Arbitrary<number>, nMin = 8, nMax = 32): fc.Arbitrary<GridEconomyInput> {
  return fc.record({
    p: piecesArb,
    m: edgyReal(0.05, 0.95, [0.5, 0.05, 0.95], 90),
    N: fc.integer({ min: nMin, max: nMax }),
    delta,
  }).map(({ p, m, N, delta: d }) => ({ cuts: p.cuts, weights: p.weights, sellers: [[0, m], [1, Math.round((1 - m) * 1e12) / 1e12]] as const, N, delta: d }));
}

/** Heterogeneous sellers: 2–4 atoms on a 1/20 grid of values, 1–8 buyer pieces. */
export function heterogeneousInput(delta: fc.Arbitrary<number>, nMin = 6, nMax = 20): fc.Arbitrary<GridEconomyInput> {
  return fc.record({
    p: piecesArb,
    values: fc.uniqueArray(fc.integer({ min: 0, max: 19 }), { minLength: 2, maxLength: 4 }),
    masses: fc.array(gridReal(0.1, 1, 9), { minLength: 4, maxLength: 4 }),
    N: fc.integer({ min: nMin, max: nMax }),
    delta,
  }).map(({ p, values, masses, N, delta: d }) => {
    const v = [...values].sort((a, b) => a - b);
    return { cuts: p.cuts, weights: p.weights, sellers: v.map((k, j) => [k / 20, masses[j]] as const), N, delta: d };
  });
}

const Shape = z.strictObject({
  cuts: z.array(z.number().gt(0).lt(1)).max(7),
  weights: z.array(z.number().min(0)).min(1).max(8),
  sellers: z.array(z.tuple([z.number().min(0).max(1), z.number().gt(0)])).min(1).max(8),
  N: z.number().int().min(2).max(400),
  delta: z.number().min(0).max(1),
});

/** Validate an input read from a file (one-line InputError naming the field). */
export function decodeGridEconomy(json: unknown, prefix = 'input'): GridEconomyInput {
  const r = Shape.safeParse(json);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new InputError([prefix, ...i.path.map(String)].join('.'), i.message);
  }
  const x = r.data;
  if (x.weights.length !== x.cuts.length + 1) throw new InputError(`${prefix}.weights`, `must have one more entry than cuts (${x.cuts.length + 1}, got ${x.weights.length})`);
  for (let k = 1; k < x.cuts.length; k++) if (!(x.cuts[k] > x.cuts[k - 1])) throw new InputError(`${prefix}.cuts.${k}`, 'must be increasing');
  if (!x.weights.some((w) => w > 0)) throw new InputError(`${prefix}.weights`, 'must have a positive entry');
  for (let k = 1; k < x.sellers.length; k++) if (!(x.sellers[k][0] > x.sellers[k - 1][0])) throw new InputError(`${prefix}.sellers.${k}.0`, 'seller values must be increasing');
  buildEconomy(x);
  return x;
}

const f = (x: number) => String(+x.toPrecision(4));

/** The input in one line. */
export function describeGridEconomy(x: GridEconomyInput): string {
  const knots = [0, ...x.cuts, 1];
  const buyers = x.weights.length === 1 ? 'uniform buyers' : `buyers ${x.weights.map((w, k) => `${f(w)}·[${f(knots[k])},${f(knots[k + 1])}]`).join(' + ')}`;
  const sellers = x.sellers.map(([v, m]) => `${f(m)}@${f(v)}`).join(', ');
  return `${buyers}; sellers ${sellers}; δ = ${f(x.delta)}; N = ${x.N} cells`;
}

/** Simpler inputs: uniform buyers, fewer pieces, m = 1/2, a coarser grid. */
export function simplifyGridEconomy(x: GridEconomyInput): GridEconomyInput[] {
  const out: GridEconomyInput[] = [];
  if (x.weights.length > 1) {
    out.push({ ...x, cuts: [], weights: [1] });
    out.push({ ...x, cuts: x.cuts.slice(0, -1), weights: [...x.weights.slice(0, -2), x.weights[x.weights.length - 2] + x.weights[x.weights.length - 1]] });
  }
  if (x.sellers.length === 2 && x.sellers[0][0] === 0 && x.sellers[1][0] === 1 && x.sellers[0][1] !== 0.5) out.push({ ...x, sellers: [[0, 0.5], [1, 0.5]] });
  if (x.N > 8) out.push({ ...x, N: Math.max(8, Math.floor(x.N / 2)) });
  return out;
}
