/**
 * Jackson & Palfrey (1996): the concrete bargaining mechanisms γ_t of the paper, as game forms
 * (tree.ts) over price grids — seller and buyer take-it-or-leave-it (Section 6, Example 2), a fixed
 * posted price (Example 2), the three-stage announcement mechanism of Section 7 (Theorem 6's
 * converse) — and a seeded builder of random game forms over a price grid.
 */
import { exactOrder, type Order } from './order.ts';
import { inIR, infAtLeast, supAtMost, type PriceSet } from './price-set.ts';
import { move, noTrade, trade, type GameNode, type Player } from './tree.ts';

/** Seller take-it-or-leave-it (Section 6): the seller names p in `grid`, the buyer accepts or not. */
export function sellerTakeItOrLeaveIt<T>(grid: readonly T[]): GameNode<T> {
  return move('seller', grid.map((p) => move<T>('buyer', [trade(p), noTrade])));
}

/** Buyer take-it-or-leave-it (Example 2, period 1 over [c, 1]): the buyer names p, the seller accepts or not. */
export function buyerTakeItOrLeaveIt<T>(grid: readonly T[]): GameNode<T> {
  return move('buyer', grid.map((p) => move<T>('seller', [trade(p), noTrade])));
}

/** A fixed posted price (Example 2, period 1): the degenerate mechanism "trade at c". */
export function fixedPrice<T>(c: T): GameNode<T> {
  return trade(c);
}

/**
 * An announcement grid for Section 7's mechanism: the given points (reservation prices, the
 * points and endpoints of P_t, 0 and 1), sorted and deduplicated, with the midpoint of each
 * consecutive pair added, so that an agent can announce a value strictly between two prices of
 * P_t (the challenges of stages 2 and 3 need it).
 */
export function announcementGrid(points: readonly number[]): number[] {
  const s = [...new Set(points)].sort((a, b) => a - b);
  const out: number[] = [];
  for (let k = 0; k < s.length; k++) {
    if (k > 0) out.push((s[k - 1] + s[k]) / 2);
    out.push(s[k]);
  }
  return out;
}

/**
 * The mechanism γ_t of Section 7 (Theorem 6's converse) over an announcement grid: stage 1 the
 * seller announces p^s; stage 2 the buyer announces (p^{s′}, p^b); stage 3 the seller announces
 * p^{b′}. Outcome: trade at p̂_t(p^{s′}, p^{b′}) if p^{b′} ≤ p^b, p^{s′} ≥ p^s and
 * (p^{s′}, p^{b′}) ∈ IR(P_t); at inf{p ∈ P_t : p ≥ p^{s′}} if p^{b′} ≤ p^b, p^{s′} < p^s and
 * (p^{s′}, p^{b′}) ∈ IR(P_t); at sup{p ∈ P_t : p ≤ p^{b′}} if p^{b′} > p^b and
 * (p^s, p^{b′}) ∈ IR(P_t); no trade otherwise. The rules compare announcements exactly (the
 * designer's comparisons: the tie tolerance is for agents' signatures only). Built lazily:
 * n⁴ terminal nodes for a grid of n; p̂_t is called once per pair of grid points.
 */
export function announcementMechanism<T>(P: PriceSet<T>, hat: (q: T, r: T) => T, grid: readonly T[], order: Order<T>): GameNode<T> {
  const ex = exactOrder(order.cmp);
  const n = grid.length;
  const hatMemo = new Map<number, T>();
  const hatAt = (a: number, c: number) => {
    const key = a * n + c;
    let h = hatMemo.get(key);
    if (h === undefined) {
      h = hat(grid[a], grid[c]);
      hatMemo.set(key, h);
    }
    return h;
  };
  const leaf = (ps: number, pss: number, pb: number, pbb: number): GameNode<T> => {
    const bOk = ex.cmp(grid[pbb], grid[pb]) <= 0;
    if (bOk && inIR(P, grid[pss], grid[pbb], ex)) {
      if (ex.cmp(grid[pss], grid[ps]) >= 0) return trade(hatAt(pss, pbb));
      return trade(infAtLeast(P, grid[pss], ex)!);
    }
    if (!bOk && inIR(P, grid[ps], grid[pbb], ex)) return trade(supAtMost(P, grid[pbb], ex)!);
    return noTrade;
  };
  const idx = Array.from({ length: n }, (_, k) => k);
  return move<T>('seller', () =>
    idx.map((ps) =>
      move<T>('buyer', () =>
        idx.flatMap((pss) => idx.map((pb) => move<T>('seller', () => idx.map((pbb) => leaf(ps, pss, pb, pbb))))),
      ),
    ),
  );
}

/** Options of `randomGameForm`. */
export interface RandomTreeOptions<T> {
  /** The price grid the trade nodes draw from (exact values, so that ties are ties). */
  readonly prices: readonly T[];
  /** Longest path of moves, ≥ 0 (0: a single terminal node). */
  readonly maxDepth: number;
  /** Most children of a move, ≥ 1. */
  readonly maxChildren: number;
  /** Probability that a terminal node is "no trade", in [0, 1]. */
  readonly noTradeShare: number;
}

/**
 * A random finite game form of perfect information over a price grid (Section 3), drawn from the
 * random source `rand` (uniform on [0, 1); seeded by the caller): each node below `maxDepth` is a
 * move with probability (maxDepth + 1 − depth)/(maxDepth + 2) (a draw near 1 ends the tree), of a random player, with 1..maxChildren
 * children; a terminal node is "no trade" with probability `noTradeShare`, otherwise trade at a
 * grid price drawn uniformly. Deterministic in the stream `rand` yields.
 */
export function randomGameForm<T>(rand: () => number, o: RandomTreeOptions<T>): GameNode<T> {
  if (o.prices.length === 0) throw new RangeError('randomGameForm: prices is empty');
  const pick = (n: number) => Math.min(n - 1, Math.floor(rand() * n));
  const build = (depth: number): GameNode<T> => {
    if (depth < o.maxDepth && rand() < (o.maxDepth + 1 - depth) / (o.maxDepth + 2)) {
      const player: Player = rand() < 0.5 ? 'seller' : 'buyer';
      const k = 1 + pick(o.maxChildren);
      return move(player, Array.from({ length: k }, () => build(depth + 1)));
    }
    if (rand() < o.noTradeShare) return noTrade;
    return trade(o.prices[pick(o.prices.length)]);
  };
  return build(0);
}
