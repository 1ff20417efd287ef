/**
 * Jackson & Palfrey (1996), Sections 5 and 7: the necessary conditions for voluntary
 * implementation (individual rationality, individual irrationality, non-decreasing prices; Theorem
 * 3) and condition * (i)–(v) (Theorems 5–6), as checkers that return the violating pairs.
 *
 * A period's allocation rule is given on grids, as plain data (the market model computes it):
 * sellers i with reservation prices p̄^s_i, buyers j with p̄^b_j, the trading rule as a predicate
 * (i, j) ∈ A_t (or cutoff form, `cutoffTraded`) and the price p_t(i, j) on traded pairs. Every
 * comparison goes through one `Order` (order.ts): "≤" is `leq`, "<" is `lt`, so a tie tolerance
 * is applied identically here and in the backward induction of tree.ts.
 *
 * Cost, for n sellers and n buyers: IR O(n²); individual irrationality O(n² log n) (each traded
 * price against the union of the untraded intervals [p̄^s, p̄^b], by a sorted prefix maximum);
 * non-decreasing prices O(n² log n) (a sorted dominance sweep with a Fenwick tree of maxima), not
 * the naive O(n⁴) over pairs of pairs. Each check reports every offending traded pair once, with
 * one witness.
 */
import { eq, lt, type Order } from './order.ts';
import { firstTrue, inIR, separatesAbove, separatesBelow, type PriceSet } from './price-set.ts';

/** A (seller index, buyer index) pair of the grid. */
export interface Pair {
  readonly s: number;
  readonly b: number;
}

/** One period's allocation rule on grids (Section 3), as plain data. */
export interface TradingGrid<T> {
  /** p̄_t^s(s_i) for each seller of the grid. */
  readonly sellerRes: readonly T[];
  /** p̄_t^b(b_j) for each buyer of the grid. */
  readonly buyerRes: readonly T[];
  /** (s_i, b_j) ∈ A_t. */
  traded(i: number, j: number): boolean;
  /** p_t(s_i, b_j), read on traded pairs only. */
  price(i: number, j: number): T;
}

/** A cutoff rule on grids (Section 3, "Cutoff Rules"): (s_i, b_j) ∈ A_t iff b_j ≥ β_t(s_i). */
export function cutoffTraded(buyerValues: readonly number[], beta: readonly number[]): (i: number, j: number) => boolean {
  return (i, j) => buyerValues[j] >= beta[i];
}

/** The traded and untraded pairs of a grid, in row order. */
function splitPairs<T>(g: TradingGrid<T>): { traded: Pair[]; untraded: Pair[] } {
  const traded: Pair[] = [];
  const untraded: Pair[] = [];
  for (let i = 0; i < g.sellerRes.length; i++) {
    for (let j = 0; j < g.buyerRes.length; j++) (g.traded(i, j) ? traded : untraded).push({ s: i, b: j });
  }
  return { traded, untraded };
}

/** An IR violation: the price is below the seller's reservation price or above the buyer's. */
export interface IRViolation extends Pair {
  readonly side: 'seller' | 'buyer';
}

/** Individual rationality (Section 5): p̄^s(s) ≤ p(s, b) ≤ p̄^b(b) on every traded pair. */
export function individualRationality<T>(g: TradingGrid<T>, order: Order<T>): IRViolation[] {
  const out: IRViolation[] = [];
  for (const { s, b } of splitPairs(g).traded) {
    const p = g.price(s, b);
    if (!order.leq(g.sellerRes[s], p)) out.push({ s, b, side: 'seller' });
    else if (!order.leq(p, g.buyerRes[b])) out.push({ s, b, side: 'buyer' });
  }
  return out;
}

/** A traded pair whose price is individually rational for the untraded pair `untraded`. */
export interface IIViolation {
  readonly traded: Pair;
  readonly untraded: Pair;
}

/**
 * Individual irrationality (Section 5): no traded price p(s, b) has p̄^s(s′) ≤ p ≤ p̄^b(b′) for an
 * untraded (s′, b′), i.e. no traded price lies in the union of the untraded intervals. The
 * untraded pairs sorted by p̄^s(s′) with a prefix maximum of p̄^b(b′): those with p̄^s(s′) ≤ p are a
 * prefix (leq is monotone), and p is covered iff that prefix's largest p̄^b reaches it — whose
 * pair is the witness.
 */
export function individualIrrationality<T>(g: TradingGrid<T>, order: Order<T>): IIViolation[] {
  const { traded, untraded } = splitPairs(g);
  const un = untraded.slice().sort((x, y) => order.cmp(g.sellerRes[x.s], g.sellerRes[y.s]));
  const best: number[] = new Array(un.length);
  for (let k = 0; k < un.length; k++) {
    const prev = k > 0 ? best[k - 1] : -1;
    best[k] = prev >= 0 && order.cmp(g.buyerRes[un[prev].b], g.buyerRes[un[k].b]) >= 0 ? prev : k;
  }
  const out: IIViolation[] = [];
  for (const t of traded) {
    const p = g.price(t.s, t.b);
    const n = firstTrue(un.length, (k) => !order.leq(g.sellerRes[un[k].s], p));
    if (n === 0) continue;
    const w = un[best[n - 1]];
    if (order.leq(p, g.buyerRes[w.b])) out.push({ traded: t, untraded: w });
  }
  return out;
}

/** A point (x, y) with value p, for the dominance sweep. */
interface Pt<T> {
  readonly x: T;
  readonly y: T;
  readonly p: T;
}

/**
 * For each point k, a point k′ with x′ ≤ x, y′ ≤ y and p′ > p (the largest such p′), or −1: the
 * violations of "p non-decreasing in (x, y)". Sorted by x, a pointer inserts every point with
 * x′ ≤ x (a growing prefix, leq being monotone) into a Fenwick tree of maxima over the ranks of y;
 * the query is the prefix of ranks with y′ ≤ y. O(N log N).
 */
export function dominanceWitnesses<T>(pts: readonly Pt<T>[], order: Order<T>): Int32Array {
  const N = pts.length;
  const out = new Int32Array(N).fill(-1);
  if (N === 0) return out;
  const byX = Array.from({ length: N }, (_, k) => k).sort((a, b) => order.cmp(pts[a].x, pts[b].x));
  const ys = pts.map((q) => q.y).sort((a, b) => order.cmp(a, b));
  const yv: T[] = [];
  for (const y of ys) if (yv.length === 0 || order.cmp(yv[yv.length - 1], y) !== 0) yv.push(y);
  const rank = (y: T) => firstTrue(yv.length, (r) => order.cmp(yv[r], y) >= 0);
  const tree = new Int32Array(yv.length + 1).fill(-1); // Fenwick of argmax p, 1-based
  const better = (a: number, b: number) => (b < 0 ? a : a < 0 ? b : order.cmp(pts[a].p, pts[b].p) > 0 ? a : b);
  let next = 0;
  for (const k of byX) {
    while (next < N && order.leq(pts[byX[next]].x, pts[k].x)) {
      const m = byX[next++];
      for (let r = rank(pts[m].y) + 1; r <= yv.length; r += r & -r) tree[r] = better(m, tree[r]);
    }
    const last = firstTrue(yv.length, (r) => !order.leq(yv[r], pts[k].y)); // ranks 0..last−1 have y′ ≤ y
    let w = -1;
    for (let r = last; r > 0; r -= r & -r) w = better(tree[r], w);
    if (w >= 0 && lt(order, pts[k].p, pts[w].p)) out[k] = w;
  }
  return out;
}

/** A traded pair `high` whose reservation prices dominate `low`'s while its price is lower. */
export interface MonotoneViolation {
  readonly high: Pair;
  readonly low: Pair;
}

/**
 * Non-decreasing prices (Section 5): p(s, b) ≥ p(s′, b′) whenever p̄^s(s) ≥ p̄^s(s′) and
 * p̄^b(b) ≥ p̄^b(b′), over traded pairs; by the sorted dominance sweep.
 */
export function nonDecreasingPrices<T>(g: TradingGrid<T>, order: Order<T>): MonotoneViolation[] {
  const { traded } = splitPairs(g);
  const pts = traded.map(({ s, b }) => ({ x: g.sellerRes[s], y: g.buyerRes[b], p: g.price(s, b) }));
  const w = dominanceWitnesses(pts, order);
  const out: MonotoneViolation[] = [];
  for (let k = 0; k < traded.length; k++) if (w[k] >= 0) out.push({ high: traded[k], low: traded[w[k]] });
  return out;
}

/** A point of the domain grid of p̂: indices into `domain.sellerRes` and `domain.buyerRes`. */
export interface DomainPoint {
  readonly q: number;
  readonly r: number;
}

/** The violations of condition * (Section 7), by part. */
export interface StarViolations {
  /** (*i): traded pairs with p_t(s, b) ≠ p̂_t(p̄^s(s), p̄^b(b)). */
  readonly i: Pair[];
  /** (*ii): traded pairs outside IR(P_t), and domain points of IR(P_t) with p̂ outside [q, r]. */
  readonly ii: { readonly pairs: Pair[]; readonly domain: DomainPoint[] };
  /** (*iii): untraded pairs inside IR(P_t). */
  readonly iii: Pair[];
  /** (*iv): domain points of IR(P_t) whose p̂ is below that of a point they dominate. */
  readonly iv: { readonly high: DomainPoint; readonly low: DomainPoint }[];
  /** (*v): p̂ differs across two reservation prices of one agent with no price of P_t between. */
  readonly v: { readonly side: 'seller' | 'buyer'; readonly at: DomainPoint; readonly other: DomainPoint }[];
}

/** True when no part of condition * is violated. */
export function starHolds(v: StarViolations): boolean {
  return v.i.length + v.ii.pairs.length + v.ii.domain.length + v.iii.length + v.iv.length + v.v.length === 0;
}

/**
 * Condition * (i)–(v) of Section 7 for one period, relative to a price set P_t and a map
 * p̂_t : IR(P_t) → P_t. (i)–(iii) are read on the trading grid; (ii)'s second half, (iv) and (v)
 * quantify over all of IR(P_t) and are read on the product grid `domain` (sorted reservation
 * prices for each side; by default the grid's own, sorted and deduplicated) — a finer domain
 * checks more. (*iv) by the dominance sweep; (*v) row by row (column by column): for each q, the
 * q′ with no price of P_t in [q′, q) form a suffix of the sorted row (order.ts, price-set.ts), so
 * a suffix minimum of p̂ finds a violation; the buyer part mirrors it with a prefix maximum.
 */
export function conditionStar<T>(
  g: TradingGrid<T>,
  P: PriceSet<T>,
  hat: (q: T, r: T) => T,
  order: Order<T>,
  domain?: { readonly sellerRes: readonly T[]; readonly buyerRes: readonly T[] },
): StarViolations {
  const { traded, untraded } = splitPairs(g);
  const iViol: Pair[] = [];
  const iiPairs: Pair[] = [];
  for (const t of traded) {
    const q = g.sellerRes[t.s];
    const r = g.buyerRes[t.b];
    if (!inIR(P, q, r, order)) iiPairs.push(t);
    else if (!eq(order, g.price(t.s, t.b), hat(q, r))) iViol.push(t);
  }
  const iii = untraded.filter((u) => inIR(P, g.sellerRes[u.s], g.buyerRes[u.b], order));

  const dom = domain ?? { sellerRes: sortedUnique(g.sellerRes, order), buyerRes: sortedUnique(g.buyerRes, order) };
  const Q = sortedUnique(dom.sellerRes, order);
  const R = sortedUnique(dom.buyerRes, order);
  // p̂ on the IR(P) points of the domain; undefined outside IR(P), where p̂ is not constrained.
  const H: (T | undefined)[][] = Q.map((q) => R.map((r) => (inIR(P, q, r, order) ? hat(q, r) : undefined)));
  const iiDomain: DomainPoint[] = [];
  const pts: Pt<T>[] = [];
  const at: DomainPoint[] = [];
  Q.forEach((q, a) =>
    R.forEach((r, c) => {
      const h = H[a][c];
      if (h === undefined) return;
      if (!order.leq(q, h) || !order.leq(h, r)) iiDomain.push({ q: a, r: c });
      pts.push({ x: q, y: r, p: h });
      at.push({ q: a, r: c });
    }),
  );
  const w = dominanceWitnesses(pts, order);
  const iv: StarViolations['iv'] = [];
  for (let k = 0; k < pts.length; k++) if (w[k] >= 0) iv.push({ high: at[k], low: at[w[k]] });

  const v: StarViolations['v'] = [];
  // Seller part: for each r and q, a q′ with p̂(q′, r) < p̂(q, r) needs a p ∈ P with q′ ≤ p < q.
  for (let c = 0; c < R.length; c++) {
    const rows = Q.map((_, a) => a).filter((a) => H[a][c] !== undefined);
    // suffix minima of p̂ over the row, in q order
    const sufMin = new Int32Array(rows.length + 1).fill(-1);
    for (let k = rows.length - 1; k >= 0; k--) {
      const m = sufMin[k + 1];
      sufMin[k] = m >= 0 && order.cmp(H[rows[m]][c]!, H[rows[k]][c]!) <= 0 ? m : k;
    }
    for (let k = 0; k < rows.length; k++) {
      const q = Q[rows[k]];
      // q′ without a separating price: a suffix of the sorted row
      const from = firstTrue(rows.length, (m) => !separatesBelow(P, Q[rows[m]], q, order));
      const m = sufMin[from];
      if (m >= 0 && lt(order, H[rows[m]][c]!, H[rows[k]][c]!)) v.push({ side: 'seller', at: { q: rows[k], r: c }, other: { q: rows[m], r: c } });
    }
  }
  // Buyer part: for each q and r, an r′ with p̂(q, r′) > p̂(q, r) needs a p ∈ P with r < p ≤ r′.
  for (let a = 0; a < Q.length; a++) {
    const cols = R.map((_, c) => c).filter((c) => H[a][c] !== undefined);
    const preMax = new Int32Array(cols.length + 1).fill(-1); // preMax[k]: argmax over cols[0..k−1]
    for (let k = 0; k < cols.length; k++) {
      const m = preMax[k];
      preMax[k + 1] = m >= 0 && order.cmp(H[a][cols[m]]!, H[a][cols[k]]!) >= 0 ? m : k;
    }
    for (let k = 0; k < cols.length; k++) {
      const r = R[cols[k]];
      // r′ without a separating price: a prefix of the sorted column
      const upto = firstTrue(cols.length, (m) => separatesAbove(P, r, R[cols[m]], order));
      const m = preMax[upto];
      if (m >= 0 && lt(order, H[a][cols[k]]!, H[a][cols[m]]!)) v.push({ side: 'buyer', at: { q: a, r: cols[k] }, other: { q: a, r: cols[m] } });
    }
  }
  return { i: iViol, ii: { pairs: iiPairs, domain: iiDomain }, iii, iv, v };
}

/** Sorted copy without exact duplicates. */
export function sortedUnique<T>(xs: readonly T[], order: Order<T>): T[] {
  const s = xs.slice().sort((a, b) => order.cmp(a, b));
  return s.filter((x, k) => k === 0 || order.cmp(s[k - 1], x) !== 0);
}
