/**
 * Jackson & Palfrey (1996): the independent routes behind the bargaining-side claims'
 * certifications. Nothing here calls the model's solver or checkers (tree.ts `solve`/`prefers`,
 * price-set.ts `inIR`, conditions.ts sweeps): a second backward induction on payoffs in exact
 * rationals, IR(P) by scanning every piece, and condition * (i)–(v) by its definitions over all
 * pairs of points (O(D²), against the model's sorted sweeps). A bug in the model's route makes the
 * two disagree instead of agreeing with itself.
 */
import { Fraction, exactRational } from '../../src/numeric/rational.ts';
import type { GameNode, Outcome } from '../../src/models/jackson-palfrey/games/tree.ts';

/** The children of a move, forcing a lazy list. */
function childrenOf<T>(n: GameNode<T> & { kind: 'move' }): readonly GameNode<T>[] {
  return typeof n.children === 'function' ? n.children() : n.children;
}

/** An outcome with both agents' payoffs relative to rematching, in exact rationals. */
interface Valued {
  readonly outcome: Outcome<number>;
  readonly seller: Fraction;
  readonly buyer: Fraction;
}

const ZERO = new Fraction(0);

/**
 * Backward induction of Γ(γ) on payoffs (Section 3): trade at p pays the seller p − p̄^s and the
 * buyer p̄^b − p, no trade pays both 0; each trade node is preceded by the buyer's and then the
 * seller's signature, played as moves. Rule (ii) as the lexicographic preference the paper names
 * (Section 3, "Equilibrium", footnote 9): a mover ranks by payoff, then trade above rematching;
 * among equal ranks the first-listed child is kept. Payoffs in exact rationals (fraction.js) of
 * the doubles, so a tie is a tie.
 */
export function payoffOutcome(root: GameNode<number>, sellerRes: number, buyerRes: number): Outcome<number> {
  const q = exactRational(sellerRes);
  const r = exactRational(buyerRes);
  const none: Valued = { outcome: { trade: false }, seller: ZERO, buyer: ZERO };
  const better = (who: 'seller' | 'buyer', x: Valued, y: Valued): boolean => {
    const c = x[who].compare(y[who]);
    if (c !== 0) return c > 0;
    return x.outcome.trade && !y.outcome.trade;
  };
  const go = (n: GameNode<number>): Valued => {
    if (n.kind === 'noTrade') return none;
    if (n.kind === 'trade') {
      const p = exactRational(n.price);
      const traded: Valued = { outcome: { trade: true, price: n.price }, seller: p.sub(q), buyer: r.sub(p) };
      // the seller's signature (Yes → trade, No → rematch), then the buyer's above it
      const afterSeller = better('seller', none, traded) ? none : traded;
      return better('buyer', none, afterSeller) ? none : afterSeller;
    }
    let best: Valued | undefined;
    for (const c of childrenOf(n)) {
      const v = go(c);
      if (best === undefined || better(n.player, v, best)) best = v;
    }
    return best ?? none;
  };
  return go(root).outcome;
}

/** Every price of a terminal trade node, in tree order with repeats (P_t, Theorem 6's proof). */
export function leafPrices<T>(root: GameNode<T>): T[] {
  const out: T[] = [];
  const walk = (n: GameNode<T>) => {
    if (n.kind === 'trade') out.push(n.price);
    else if (n.kind === 'move') for (const c of childrenOf(n)) walk(c);
  };
  walk(root);
  return out;
}

/** A closed interval of prices [lo, hi] (a point when lo = hi). */
export interface Span<T> {
  readonly lo: T;
  readonly hi: T;
}

/** An exact comparison: negative, zero, positive. */
export type Cmp<T> = (a: T, b: T) => number;

const maxBy = <T>(cmp: Cmp<T>, a: T, b: T) => (cmp(a, b) >= 0 ? a : b);
const minBy = <T>(cmp: Cmp<T>, a: T, b: T) => (cmp(a, b) <= 0 ? a : b);

/** (q, r) ∈ IR(P) by its definition (Section 7): some piece holds a p with q ≤ p ≤ r, i.e. max(q, lo) ≤ min(r, hi). Every piece scanned. */
export function scanIR<T>(P: readonly Span<T>[], q: T, r: T, cmp: Cmp<T>): boolean {
  return P.some((x) => cmp(maxBy(cmp, q, x.lo), minBy(cmp, r, x.hi)) <= 0);
}

/** Some p ∈ P with a ≤ p < b ((*v), seller part), piece by piece. */
function someInHalfOpenBelow<T>(P: readonly Span<T>[], a: T, b: T, cmp: Cmp<T>): boolean {
  return P.some((x) => {
    const lo = maxBy(cmp, x.lo, a);
    return cmp(lo, x.hi) <= 0 && cmp(lo, b) < 0;
  });
}

/** Some p ∈ P with a < p ≤ b ((*v), buyer part), piece by piece. */
function someInHalfOpenAbove<T>(P: readonly Span<T>[], a: T, b: T, cmp: Cmp<T>): boolean {
  return P.some((x) => {
    const hi = minBy(cmp, x.hi, b);
    return cmp(x.lo, hi) <= 0 && cmp(a, hi) < 0;
  });
}

/** One period's allocation rule on grids for the brute-force check (as conditions.ts's TradingGrid). */
export interface BruteGrid<T> {
  readonly sellerRes: readonly T[];
  readonly buyerRes: readonly T[];
  traded(i: number, j: number): boolean;
  price(i: number, j: number): T;
}

/** How many violations of each part of condition * the definitions find. */
export interface StarCounts {
  i: number;
  ii: number;
  iii: number;
  iv: number;
  v: number;
}

/**
 * Condition * (i)–(v) of Section 7 read off its definitions, exactly: (i)–(iii) on every pair of
 * the grid; (ii)'s second half, (iv) and (v) over every point, and every pair of points, of the
 * product domain that lies in IR(P) (by `scanIR`). O(D²) for D domain points: a certification
 * route for small grids, not a checker for real ones.
 */
export function bruteStar<T>(
  g: BruteGrid<T>,
  P: readonly Span<T>[],
  hat: (q: T, r: T) => T,
  cmp: Cmp<T>,
  domain: { readonly sellerRes: readonly T[]; readonly buyerRes: readonly T[] },
): StarCounts {
  const n: StarCounts = { i: 0, ii: 0, iii: 0, iv: 0, v: 0 };
  for (let i = 0; i < g.sellerRes.length; i++) {
    for (let j = 0; j < g.buyerRes.length; j++) {
      const q = g.sellerRes[i];
      const r = g.buyerRes[j];
      const ir = scanIR(P, q, r, cmp);
      if (g.traded(i, j)) {
        if (!ir) n.ii++;
        else if (cmp(g.price(i, j), hat(q, r)) !== 0) n.i++;
      } else if (ir) n.iii++;
    }
  }
  const pts: { q: T; r: T; h: T }[] = [];
  for (const q of domain.sellerRes) for (const r of domain.buyerRes) if (scanIR(P, q, r, cmp)) pts.push({ q, r, h: hat(q, r) });
  for (const x of pts) if (cmp(x.q, x.h) > 0 || cmp(x.h, x.r) > 0) n.ii++;
  for (const x of pts) {
    for (const y of pts) {
      // (iv): y dominates x in both reservation prices, yet its p̂ is lower
      if (cmp(x.q, y.q) <= 0 && cmp(x.r, y.r) <= 0 && cmp(y.h, x.h) < 0) n.iv++;
      // (v), seller part: same buyer, x is q′ and y is q; p̂(q′, r) < p̂(q, r) needs p ∈ P with q′ ≤ p < q
      if (cmp(x.r, y.r) === 0 && cmp(x.h, y.h) < 0 && !someInHalfOpenBelow(P, x.q, y.q, cmp)) n.v++;
      // (v), buyer part: same seller, x is r and y is r′; p̂(q, r′) > p̂(q, r) needs p ∈ P with r < p ≤ r′
      if (cmp(x.q, y.q) === 0 && cmp(y.h, x.h) > 0 && !someInHalfOpenAbove(P, x.r, y.r, cmp)) n.v++;
    }
  }
  return n;
}

/** The total of a StarCounts. */
export function starTotal(c: StarCounts): number {
  return c.i + c.ii + c.iii + c.iv + c.v;
}
