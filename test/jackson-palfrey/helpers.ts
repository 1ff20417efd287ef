/** Small random JP economies and rules for the model's unit tests (seeded: same seed, same cases). */
import { makeRng } from '../../src/numeric/rng.ts';
import { buyersFromPieces, makeEconomy, makeSellers } from '../../src/models/jackson-palfrey/economy.ts';
import type { Economy, GridPeriod, PricePeriod } from '../../src/models/jackson-palfrey/types.ts';
import type { ContinuousPeriod, Pl } from '../../src/models/jackson-palfrey/games/theorem4.ts';

export function rng(seed: string | number) {
  return makeRng(seed);
}

/** Buyers with 1–4 pieces (some of weight 0), maybe an atom at 0; 1–4 seller atoms; equal masses. */
export function randomEconomy(r: () => number, opts: { homogeneous?: boolean; atom0?: boolean } = {}): Economy {
  const mass = 0.5 + r();
  const k = 1 + Math.floor(r() * 4);
  const cuts = [0, ...Array.from({ length: k - 1 }, () => r()).sort(), 1];
  const pieces = cuts.slice(1).map((hi, i) => ({ lo: cuts[i], hi, weight: r() < 0.15 && k > 1 ? 0 : 0.2 + r() }));
  if (pieces.every((p) => p.weight === 0)) pieces[0].weight = 1;
  const buyers = buyersFromPieces(pieces.filter((p) => p.hi > p.lo), mass, opts.atom0 && r() < 0.5 ? 0.3 * r() : 0);
  let values: number[];
  if (opts.homogeneous) values = [0, 1];
  else values = [...new Set(Array.from({ length: 1 + Math.floor(r() * 4) }, () => (r() < 0.2 ? 0 : Math.round(r() * 100) / 100)))].sort((a, b) => a - b);
  const w = values.map(() => 0.1 + r());
  const W = w.reduce((a, b) => a + b, 0);
  return makeEconomy(buyers, makeSellers(values, w.map((x) => (x / W) * mass)));
}

/** A grid rule with random 0/1 (or fractional) entries on a random grid. */
export function randomGridPeriod(r: () => number, n: number, fractional = false): GridPeriod {
  const K = 1 + Math.floor(r() * 5);
  const knots = Float64Array.from([0, ...Array.from({ length: K - 1 }, () => r()).sort(), 1]);
  const cell = () => (fractional && r() < 0.3 ? r() : r() < 0.5 ? 1 : 0);
  return { kind: 'grid', knots, trade: Array.from({ length: n }, () => Float64Array.from({ length: K }, cell)), atom0: Float64Array.from({ length: n }, cell) };
}

/** A random piecewise-affine price rule with up to 3 pieces. */
export function randomPrice(r: () => number, n: number): PricePeriod {
  const K = 1 + Math.floor(r() * 3);
  const knots = Float64Array.from([0, ...Array.from({ length: K - 1 }, () => r()).sort(), 1]);
  return {
    knots,
    a: Array.from({ length: n }, () => Float64Array.from({ length: K }, () => r() * 0.5)),
    g: Array.from({ length: n }, () => Float64Array.from({ length: K }, () => r())),
  };
}

/** A piecewise-linear function through the nodes (x, y). */
export const pl = (x: number[], y: number[]): Pl => ({ x: Float64Array.from(x), y: Float64Array.from(y) });

/**
 * A Theorem 4 period with P_t strictly inside [0, 1] (built fresh on each call): p̄ˢ(s) = 1/4 + s/2, p̄ᵇ(b) = 3b/5,
 * A = {p̄ˢ ≤ p̄ᵇ}, so β(s) = (1/4 + s/2)·5/3 ≤ 1 iff s ≤ 7/10; p = (p̄ˢ + p̄ᵇ)/2. Corners (0, 5/12) and (7/10, 1), P = [1/4, 3/5].
 */
export const insidePeriod = (): ContinuousPeriod => ({
  sellerRes: pl([0, 1], [0.25, 0.75]),
  buyerRes: pl([0, 1], [0, 0.6]),
  beta: (s) => {
    const c = ((0.25 + 0.5 * s) * 5) / 3;
    return c <= 1 ? c : Infinity;
  },
  price: (s, b) => (0.25 + 0.5 * s + 0.6 * b) / 2,
});
