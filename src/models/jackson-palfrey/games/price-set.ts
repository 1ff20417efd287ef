/**
 * Jackson & Palfrey (1996), Section 7: sets of prices P ⊂ [0, 1] and IR(P) = {(q, r) : ∃ p ∈ P,
 * q ≤ p ≤ r}. A P is a finite union of closed intervals (a point is an interval lo = hi): the
 * terminal prices of a finite game, an interval [c, 1] of Example 2, or a union of both. The
 * Section 7 mechanism needs P closed (Theorem 6's converse), so only closed pieces are offered.
 */
import type { Order } from './order.ts';

/** A closed interval [lo, hi] of prices; a single price when lo = hi. */
export interface Piece<T> {
  readonly lo: T;
  readonly hi: T;
}

/** A finite union of closed intervals, sorted by the exact order and pairwise disjoint. */
export interface PriceSet<T> {
  readonly pieces: readonly Piece<T>[];
}

/**
 * P from pieces in any order (Section 7): sorted by `lo` with the exact order, overlapping or
 * touching pieces merged (exactly: pieces that only come within the tolerance stay apart, so
 * that a set of distinct grid prices keeps its points). Throws on a piece with lo > hi.
 */
export function priceSet<T>(pieces: readonly Piece<T>[], order: Order<T>): PriceSet<T> {
  for (const p of pieces) if (order.cmp(p.lo, p.hi) > 0) throw new RangeError('price set: a piece has lo > hi');
  const sorted = [...pieces].sort((a, b) => order.cmp(a.lo, b.lo) || order.cmp(a.hi, b.hi));
  const out: Piece<T>[] = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    if (last && order.cmp(p.lo, last.hi) <= 0) {
      if (order.cmp(p.hi, last.hi) > 0) out[out.length - 1] = { lo: last.lo, hi: p.hi };
    } else out.push(p);
  }
  return { pieces: out };
}

/** The finite set P = {prices} (Section 7; the terminal prices of a game, Theorem 6's proof). */
export function pointSet<T>(prices: readonly T[], order: Order<T>): PriceSet<T> {
  return priceSet(prices.map((p) => ({ lo: p, hi: p })), order);
}

/** First index k with pred(k) true, for a predicate false…false true…true on 0..n−1 (n if none). */
export function firstTrue(n: number, pred: (k: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pred(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * (q, r) ∈ IR(P) (Section 7): some p ∈ P with q ≤ p ≤ r, each "≤" the order's `leq`. The pieces
 * with leq(q, hi) are a suffix; the first of them has the smallest lo, so it decides. O(log |P|).
 */
export function inIR<T>(P: PriceSet<T>, q: T, r: T, order: Order<T>): boolean {
  const ps = P.pieces;
  const k = firstTrue(ps.length, (i) => order.leq(q, ps[i].hi));
  if (k === ps.length) return false;
  return order.leq(ps[k].lo, r) && order.meet(q, r);
}

/** inf{p ∈ P : p ≥ x}, exact (the Section 7 mechanism's second outcome rule); undefined if empty. */
export function infAtLeast<T>(P: PriceSet<T>, x: T, order: Order<T>): T | undefined {
  const ps = P.pieces;
  const k = firstTrue(ps.length, (i) => order.cmp(ps[i].hi, x) >= 0);
  if (k === ps.length) return undefined;
  return order.cmp(ps[k].lo, x) >= 0 ? ps[k].lo : x;
}

/** sup{p ∈ P : p ≤ x}, exact (the Section 7 mechanism's third outcome rule); undefined if empty. */
export function supAtMost<T>(P: PriceSet<T>, x: T, order: Order<T>): T | undefined {
  const ps = P.pieces;
  const k = firstTrue(ps.length, (i) => order.cmp(ps[i].lo, x) > 0) - 1;
  if (k < 0) return undefined;
  return order.cmp(ps[k].hi, x) <= 0 ? ps[k].hi : x;
}

/**
 * Is there p ∈ P with q′ ≤ p < q (Section 7, (*v), seller part)? On a piece [lo, hi] such a p
 * exists iff lo < q, q′ ≤ hi and q′ < q exactly; the pieces with lo < q are a prefix and the last
 * of them has the largest hi, so it decides.
 */
export function separatesBelow<T>(P: PriceSet<T>, qPrime: T, q: T, order: Order<T>): boolean {
  const ps = P.pieces;
  const k = firstTrue(ps.length, (i) => order.leq(q, ps[i].lo)) - 1; // the last piece with lo < q (beyond τ)
  if (k < 0) return false;
  return order.leq(qPrime, ps[k].hi) && order.cmp(qPrime, q) < 0;
}

/**
 * Is there p ∈ P with r < p ≤ r′ (Section 7, (*v), buyer part)? Mirror of `separatesBelow`: the
 * pieces with hi > r are a suffix and the first has the smallest lo.
 */
export function separatesAbove<T>(P: PriceSet<T>, r: T, rPrime: T, order: Order<T>): boolean {
  const ps = P.pieces;
  const k = firstTrue(ps.length, (i) => !order.leq(ps[i].hi, r)); // first piece with hi > r (beyond τ)
  if (k === ps.length) return false;
  return order.leq(ps[k].lo, rPrime) && order.cmp(r, rPrime) < 0;
}
