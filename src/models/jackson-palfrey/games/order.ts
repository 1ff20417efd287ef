/**
 * Jackson & Palfrey (1996): how prices and reservation prices are compared, in one place.
 *
 * Several claims sit exactly on a tie (Example 2's c = √2 − 1 is both the fixed price and the
 * 0-seller's reservation price; rule (ii) of the equilibrium definition, Section 3, turns that
 * indifference into trade). Doubles computed by two routes miss such ties by round-off, so every
 * routine here takes an `Order<T>`: either exact (a number type with an exact comparison, tol 0)
 * or doubles with one documented tie tolerance. The same `Order` is used by the signature moves of
 * the backward induction and by every checker of conditions.ts, so solver and checker agree on
 * which ties are ties.
 *
 * Semantics, for tolerance τ ≥ 0 (τ = 0: exact):
 * - "a ≤ b" in the paper is `leq(a, b)`, i.e. a ≤ b + τ; "a < b" is `!leq(b, a)`, i.e. a < b − τ;
 *   "a = b" is `leq(a, b) && leq(b, a)`.
 * - "there is x with a ≤ x ≤ b" is `meet(a, b)`, i.e. a − τ ≤ b + τ (used for IR(P) when P holds
 *   an interval: each of the two comparisons gets its own τ).
 * - `cmp` is the exact order, used only to sort and to pick the best of several distinct trade
 *   prices (a mover's utility is strictly monotone in the price, so two different prices are
 *   never a tie for the mover; see tree.ts).
 * `leq` must be monotone in the exact order: a' ≤ a and b ≤ b' exactly with leq(a, b) imply
 * leq(a', b'). The sorted sweeps of conditions.ts rely on it.
 */

/** An exact order with a tie tolerance on top (Section 3, rule (ii); see the module comment). */
export interface Order<T> {
  /** The exact order: negative, zero or positive as a < b, a = b, a > b. */
  cmp(a: T, b: T): number;
  /** a ≤ b up to the tie tolerance. */
  leq(a: T, b: T): boolean;
  /** Some x has leq(a, x) and leq(x, b). */
  meet(a: T, b: T): boolean;
  /** The tolerance, for messages only. */
  readonly tol: number;
}

/** Doubles with tie tolerance `tol` (0: exact comparisons of doubles). */
export function numberOrder(tol = 0): Order<number> {
  if (!(tol >= 0) || !Number.isFinite(tol)) throw new RangeError(`tol must be a finite number ≥ 0, got ${tol}`);
  return {
    tol,
    cmp: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
    leq: (a, b) => a <= b + tol,
    meet: (a, b) => a - tol <= b + tol,
  };
}

/** An exact order from a comparison function (e.g. rationals or a + b√d): tolerance 0. */
export function exactOrder<T>(cmp: (a: T, b: T) => number): Order<T> {
  return { tol: 0, cmp, leq: (a, b) => cmp(a, b) <= 0, meet: (a, b) => cmp(a, b) <= 0 };
}

/** a < b strictly beyond the tolerance: the paper's "<" (Section 7, (*v)). */
export function lt<T>(o: Order<T>, a: T, b: T): boolean {
  return !o.leq(b, a);
}

/** a = b within the tolerance (Section 7, (*i)). */
export function eq<T>(o: Order<T>, a: T, b: T): boolean {
  return o.leq(a, b) && o.leq(b, a);
}
