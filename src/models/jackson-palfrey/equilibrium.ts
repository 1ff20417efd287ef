/**
 * Jackson & Palfrey (1996), Section 3 ("Equilibrium") and Sections 5–7: equilibria of a sequence of
 * bargaining mechanisms γ_1, …, γ_T as fixed points in the trading rules.
 *
 * An allocation rule (A, p) is an equilibrium outcome when every matched pair (s, b) in period t
 * plays the backward-induction outcome of Γ(γ_t) (tree.ts, tie rule (ii)) given the reservation
 * prices (p̄_t^s(s; A, p), p̄_t^b(b; A, p)) that (A, p) itself induces (utility.ts), and that outcome
 * is "trade at p_t(s, b)" exactly on A_t. The price rule is not a free unknown: p̄_t depends on
 * p_τ only for τ > t, so given A the prices follow backwards from p̄_T = value. Hence a map
 * Φ: A ↦ A′ on trading rules alone (`bestResponse`), whose fixed points are the equilibria.
 *
 * Grid economy (our choice, the brief's "on grids"): the buyers' values are cut into decision
 * cells; the buyers of a cell act as its midpoint (their representative), so a rule is one bit per
 * seller atom, cell and period and the price of a traded (atom, cell) pair is one number (the
 * outcome's at the representative). With a seller take-it-or-leave-it grid holding the midpoints,
 * the seller then extracts exactly the cell's mean value. The continuum is the limit of fine grids.
 * Buyers with an atom at b = 0 are not supported (that atom would need a representative of its own).
 *
 * Solvers: `solveEquilibria` iterates Φ from "all trade", "no trade" and seeded random cutoff
 * starts and keeps every distinct fixed point it reaches; `enumerateHomogeneousT2` is exact for
 * T = 2 with sellers at 0 and 1, where every image of Φ is a cutoff for the 0-sellers in period 1
 * (trade iff (p̄^s, p̄^b) ∈ IR(P), upward closed in p̄^b, and p̄_1^b non-decreasing in b — both
 * checked, not assumed), so scanning the K + 1 cutoffs finds every equilibrium. `certifyEquilibrium`
 * re-decides a fixed point by another route: the sum-of-products utilities and the augmented tree
 * Γ(γ_t) played without the inline signatures.
 */
import { InputError } from '../../errors.ts';
import { isHomogeneous, mergeKnots } from './economy.ts';
import { evolve } from './evolution.ts';
import type { Order } from './games/order.ts';
import { augment, solve, type GameNode, type Outcome } from './games/tree.ts';
import type { Economy, GridPeriod, MarketPath, PricePeriod, TradingRule } from './types.ts';
import { buyerReservation, buyerUtilityBellman, sellerReservation, sellerUtilityBellman } from './utility.ts';

/** A sequence of mechanisms on a grid economy (see the module comment). */
export interface EquilibriumProblem {
  readonly economy: Economy;
  /** Knots of the decision cells, 0 = grid[0] < … < grid[K] = 1 (merged with the buyers' own knots). */
  readonly grid: ArrayLike<number>;
  /** γ_t for t = 1..T (game forms over prices; T = mechanisms.length). */
  readonly mechanisms: readonly GameNode<number>[];
  readonly delta: number;
  /** The order of the backward induction (its tie tolerance is rule (ii)'s "="). */
  readonly order: Order<number>;
}

/** A trading rule on the grid economy with its prices: per period, index j·K + i for seller atom j, cell i. */
export interface GridAllocation {
  readonly trade: readonly Uint8Array[];
  /** p_t on traded pairs (0 elsewhere). */
  readonly price: readonly Float64Array[];
}

/** Reservation prices the rule induces: seller[t][j] = p̄_{t+1}^s(s_j), buyer[t][i] = p̄_{t+1}^b(b_i) (0-based t). */
export interface Reservations {
  readonly seller: readonly Float64Array[];
  readonly buyer: readonly Float64Array[];
}

/** A problem after validation: the merged grid, the representatives, the outcome memo per period. */
export interface Prepared {
  readonly p: EquilibriumProblem;
  readonly grid: Float64Array;
  /** b_i: the midpoint of cell i. */
  readonly reps: Float64Array;
  readonly n: number;
  readonly K: number;
  readonly T: number;
  readonly memo: Map<string, Outcome<number>>[];
}

/** The decision cells of a grid economy: the grid merged with the buyers' knots, and each cell's representative (its midpoint). */
export function decisionCells(e: Economy, grid: ArrayLike<number>): { grid: Float64Array; reps: Float64Array } {
  const g = mergeKnots(e.buyers.knots, grid);
  return { grid: g, reps: Float64Array.from({ length: g.length - 1 }, (_, i) => (g[i] + g[i + 1]) / 2) };
}

/** Validate and prepare a problem (errors name the field: `economy.buyers.atom0`, `grid[i]`, `delta`, `mechanisms`). */
export function prepare(p: EquilibriumProblem): Prepared {
  if (p.economy.buyers.atom0 !== 0) throw new InputError('economy.buyers.atom0', 'must be 0 for the equilibrium solver (an atom at b = 0 has no cell to act for it)');
  if (!(p.delta >= 0 && p.delta <= 1)) throw new InputError('delta', `must be in [0, 1] (got ${p.delta})`);
  if (p.mechanisms.length < 1) throw new InputError('mechanisms', 'must have at least one period');
  const g = p.grid;
  if (g.length < 2 || g[0] !== 0 || g[g.length - 1] !== 1) throw new InputError('grid', 'must run from 0 to 1');
  for (let i = 1; i < g.length; i++) if (!(g[i] > g[i - 1])) throw new InputError(`grid[${i}]`, 'must be increasing');
  const { grid, reps } = decisionCells(p.economy, g);
  const K = grid.length - 1;
  return { p, grid, reps, n: p.economy.sellers.values.length, K, T: p.mechanisms.length, memo: p.mechanisms.map(() => new Map()) };
}

/** The backward-induction outcome of Γ(γ_t) at (p̄^s, p̄^b), memoised (tree.ts `solve` with inline signatures). */
function outcome(pr: Prepared, t: number, q: number, r: number): Outcome<number> {
  const key = `${q},${r}`;
  let o = pr.memo[t].get(key);
  if (o === undefined) {
    o = solve(pr.p.mechanisms[t], q, r, pr.p.order, { signatures: true });
    pr.memo[t].set(key, o);
  }
  return o;
}

/** The trading rule and price rule of utility.ts / evolution.ts for a grid allocation (prices constant per cell). */
export function toRules(pr: Prepared, a: GridAllocation): { rule: TradingRule; price: PricePeriod[] } {
  const { n, K, grid } = pr;
  const rule: GridPeriod[] = a.trade.map((bits) => ({
    kind: 'grid',
    knots: grid,
    trade: Array.from({ length: n }, (_, j) => Float64Array.from({ length: K }, (_, i) => bits[j * K + i])),
    atom0: new Float64Array(n),
  }));
  const price: PricePeriod[] = a.price.map((pp) => ({
    knots: grid,
    a: Array.from({ length: n }, (_, j) => pp.slice(j * K, (j + 1) * K)),
    g: Array.from({ length: n }, () => new Float64Array(K)),
  }));
  return { rule, price };
}

/** Result of one application of Φ. */
export interface BestResponse {
  /** A′ with its prices. */
  readonly next: GridAllocation;
  /** The reservation prices induced by the input rule (with the prices Φ derives backwards). */
  readonly res: Reservations;
  /** The market path under the input rule. */
  readonly path: MarketPath;
}

/**
 * Φ(A) (Section 3, "Equilibrium"): evolve the market under A (eqs. 1–2), then backwards from t = T
 * (p̄_T = value) take each pair's backward-induction outcome at the reservation prices of the
 * Bellman recursion (utility.ts), whose prices p_{t+1..T} are those already derived. An emptied
 * period trades nobody. Prices of the input rule are ignored: Φ derives them.
 */
export function bestResponse(pr: Prepared, trade: readonly Uint8Array[]): BestResponse {
  const { n, K, T, reps } = pr;
  const { delta } = pr.p;
  const values = pr.p.economy.sellers.values;
  const price = Array.from({ length: T }, () => new Float64Array(n * K));
  const nextTrade = Array.from({ length: T }, () => new Uint8Array(n * K));
  const { rule, price: priceRule } = toRules(pr, { trade, price });
  const path = evolve(pr.p.economy, rule);
  const sellerRes = Array.from({ length: T }, () => new Float64Array(n));
  const buyerRes = Array.from({ length: T }, () => new Float64Array(K));
  for (let t = T - 1; t >= 0; t--) {
    if (t === T - 1) {
      sellerRes[t].set(values);
      buyerRes[t].set(reps);
    } else {
      // priceRule's periods > t already hold the prices derived at the steps before (set below)
      for (let j = 0; j < n; j++) sellerRes[t][j] = values[j] + delta * sellerUtilityBellman(path, priceRule, delta, j)[t + 1];
      for (let i = 0; i < K; i++) buyerRes[t][i] = reps[i] - delta * buyerUtilityBellman(path, priceRule, delta, reps[i])[t + 1];
    }
    if (path.periods[t].empty) continue;
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < K; i++) {
        const o = outcome(pr, t, sellerRes[t][j], buyerRes[t][i]);
        if (o.trade) {
          nextTrade[t][j * K + i] = 1;
          price[t][j * K + i] = o.price;
          priceRule[t].a[j][i] = o.price;
        }
      }
    }
  }
  return { next: { trade: nextTrade, price }, res: { seller: sellerRes, buyer: buyerRes }, path };
}

/** A rule as a string key (for distinctness and cycle detection). */
export function ruleKey(trade: readonly Uint8Array[]): string {
  return trade.map((b) => b.join('')).join('|');
}

const sameBits = (a: readonly Uint8Array[], b: readonly Uint8Array[]) => a.every((x, t) => x.every((v, k) => v === b[t][k]));

/** A start: per period and seller atom, trade with the cells i ≥ cut[t][j] (cut = K: no trade). */
export function cutoffStart(pr: Prepared, cut: readonly (readonly number[])[]): Uint8Array[] {
  return cut.map((row) => {
    const bits = new Uint8Array(pr.n * pr.K);
    row.forEach((c, j) => bits.fill(1, j * pr.K + Math.max(0, c), (j + 1) * pr.K));
    return bits;
  });
}

/** An equilibrium found by a solver, with its induced reservation prices and how it was reached. */
export interface Equilibrium {
  readonly allocation: GridAllocation;
  readonly res: Reservations;
  readonly path: MarketPath;
  readonly key: string;
  /** The starts ("all-trade", "no-trade", "random-3", "cutoff-17") that reached it. */
  readonly from: string[];
}

/** Options of `solveEquilibria`. */
export interface SolveOptions {
  /** Seeded random cutoff starts beyond "all trade" and "no trade" (default 4). */
  readonly randomStarts?: number;
  /** Uniform [0, 1) source for the random starts (required when randomStarts > 0). */
  readonly rand?: () => number;
  /** Most applications of Φ per start (default 100). */
  readonly maxIter?: number;
}

/** What `solveEquilibria` returns: the distinct fixed points and the starts that cycled or ran out. */
export interface SolveResult {
  readonly equilibria: Equilibrium[];
  readonly cycles: number;
  readonly unfinished: number;
}

/**
 * Iterate Φ from "all trade", "no trade" and random cutoff starts; return every distinct fixed point
 * reached (Section 3, "Equilibrium"). A start that revisits a rule (a cycle) or exceeds maxIter is
 * counted, not returned: iteration finds equilibria, it does not prove there are no others.
 */
export function solveEquilibria(p: EquilibriumProblem, opts: SolveOptions = {}): SolveResult {
  const pr = prepare(p);
  const { n, K, T } = pr;
  const starts: [string, Uint8Array[]][] = [
    ['all-trade', Array.from({ length: T }, () => new Uint8Array(n * K).fill(1))],
    ['no-trade', Array.from({ length: T }, () => new Uint8Array(n * K))],
  ];
  const R = opts.randomStarts ?? 4;
  if (R > 0 && !opts.rand) throw new RangeError('solveEquilibria: random starts need opts.rand');
  for (let k = 0; k < R; k++) {
    const cut = Array.from({ length: T }, () => Array.from({ length: n }, () => Math.floor(opts.rand!() * (K + 1))));
    starts.push([`random-${k}`, cutoffStart(pr, cut)]);
  }
  const found = new Map<string, Equilibrium>();
  let cycles = 0;
  let unfinished = 0;
  for (const [name, start] of starts) {
    const seen = new Set<string>();
    let cur = start;
    let done = false;
    for (let it = 0; it < (opts.maxIter ?? 100); it++) {
      const key = ruleKey(cur);
      if (seen.has(key)) {
        cycles++;
        done = true;
        break;
      }
      seen.add(key);
      const br = bestResponse(pr, cur);
      if (sameBits(br.next.trade, cur)) {
        const eqm = found.get(key);
        if (eqm) eqm.from.push(name);
        else found.set(key, { allocation: br.next, res: br.res, path: br.path, key, from: [name] });
        done = true;
        break;
      }
      cur = br.next.trade as Uint8Array[];
    }
    if (!done) unfinished++;
  }
  return { equilibria: [...found.values()], cycles, unfinished };
}

/** What `enumerateHomogeneousT2` returns. */
export interface EnumerationResult {
  /** Every equilibrium (exact when `exact`). */
  readonly equilibria: Equilibrium[];
  /** Whether the reduction to 1-D held (every image a 0-seller cutoff, no 1-seller trade in period 1, p̄_1^b non-decreasing). */
  readonly exact: boolean;
  /** Why not, when not exact. */
  readonly reason?: string;
  /** The cutoff index (cell) of each equilibrium's 0-sellers in period 1 (K: no trade). */
  readonly cutoffs: number[];
}

/**
 * Exact enumeration for T = 2 with sellers at 0 and 1 (Example 2, Section 6): period 2 is Φ's
 * outcome at the values whatever A is, and period 1 is a cutoff for the 0-sellers whenever it is an
 * image of Φ (checked on each of the K + 1 candidates), so scanning the cutoffs k = 0..K and
 * keeping the fixed points finds every equilibrium of the grid economy.
 */
export function enumerateHomogeneousT2(p: EquilibriumProblem): EnumerationResult {
  const pr = prepare(p);
  const { K, T } = pr;
  if (T !== 2) throw new InputError('mechanisms', `must have 2 periods for the exact enumeration (got ${T})`);
  const sv = p.economy.sellers.values;
  if (!isHomogeneous(p.economy.sellers) || sv.length !== 2 || sv[0] !== 0 || sv[1] !== 1) throw new InputError('economy.sellers', 'must be atoms at 0 and 1 for the exact enumeration');
  const none = bestResponse(pr, cutoffStart(pr, [[K, K], [K, K]])).next;
  const period2 = none.trade[1];
  const equilibria: Equilibrium[] = [];
  const cutoffs: number[] = [];
  let reason: string | undefined;
  // For every rule A, not only the scanned cutoffs: p̄_1^b(b) = Σ_j w_j (b − δ·gain_j(b)) with w the
  // period-2 seller shares (they sum to 1) and gain_j the period-2 outcome's, which does not depend
  // on A. If each b − δ·gain_j(b) is non-decreasing, so is p̄_1^b under any A, and the images of Φ
  // are cutoffs for the 0-sellers whatever A is.
  for (let j = 0; j < 2 && !reason; j++) {
    let prev = -Infinity;
    for (let i = 0; i < K; i++) {
      const k = j * K + i;
      const h = pr.reps[i] - p.delta * (period2[k] ? pr.reps[i] - none.price[1][k] : 0);
      if (h < prev - p.order.tol) {
        reason = `b − δ·gain_2 decreases for seller ${j} at cell ${i}: p̄_1^b may not be monotone for some rule`;
        break;
      }
      prev = h;
    }
  }
  for (let k = 0; k <= K; k++) {
    const cand = cutoffStart(pr, [[k, K], [K, K]]);
    cand[1] = period2;
    const br = bestResponse(pr, cand);
    const img = br.next.trade[0];
    const firstTrade = img.subarray(0, K).indexOf(1);
    const cutoffShape = firstTrade < 0 || img.subarray(firstTrade, K).every((v) => v === 1);
    const b1 = br.res.buyer[0];
    if (!reason && !cutoffShape) reason = `the image of cutoff ${k} is not a cutoff for the 0-sellers`;
    if (!reason && img.subarray(K).some((v) => v === 1)) reason = `1-sellers trade in period 1 in the image of cutoff ${k}`;
    if (!reason) for (let i = 1; i < K; i++) if (b1[i] < b1[i - 1]) { reason = `p̄_1^b decreases at cell ${i} under cutoff ${k}`; break; }
    if (!reason && !sameBits([br.next.trade[1]], [period2])) reason = `period 2 depends on the period-1 rule (cutoff ${k})`;
    if (sameBits(br.next.trade, cand)) {
      equilibria.push({ allocation: br.next, res: br.res, path: br.path, key: ruleKey(cand), from: [`cutoff-${k}`] });
      cutoffs.push(k);
    }
  }
  return { equilibria, exact: reason === undefined, reason, cutoffs };
}

/** What `certifyEquilibrium` returns: the pairs where the other route disagrees, and the closest tie. */
export interface Certificate {
  readonly ok: boolean;
  /** (t, j, i) where the re-decided outcome differs from the allocation (trade or price). */
  readonly mismatches: { t: number; j: number; i: number; why: string }[];
  /** Largest |reservation price (sum of products) − reservation price (Bellman)|. */
  readonly resGap: number;
}

/**
 * Re-decide an equilibrium by a route Φ does not take (Section 3): reservation prices from Section
 * 3's sum of products (utility.ts `sellerReservation`, `buyerReservation`) on the allocation's own
 * prices, and each pair's outcome from the augmented game Γ(γ_t) (tree.ts `augment`) solved without
 * the inline signatures. The allocation is an equilibrium iff every pair's outcome is its own.
 */
export function certifyEquilibrium(p: EquilibriumProblem, a: GridAllocation, res?: Reservations): Certificate {
  const pr = prepare(p);
  const { n, K, T, reps } = pr;
  const { rule, price } = toRules(pr, a);
  const path = evolve(p.economy, rule);
  const mismatches: Certificate['mismatches'] = [];
  let resGap = 0;
  const games = p.mechanisms.map((g) => augment(g));
  for (let t = 0; t < T; t++) {
    const qs = Float64Array.from({ length: n }, (_, j) => sellerReservation(path, price, p.delta, t + 1, j));
    const rs = Float64Array.from(reps, (b) => buyerReservation(path, price, p.delta, t + 1, b));
    if (res) {
      qs.forEach((q, j) => (resGap = Math.max(resGap, Math.abs(q - res.seller[t][j]))));
      rs.forEach((r, i) => (resGap = Math.max(resGap, Math.abs(r - res.buyer[t][i]))));
    }
    const empty = path.periods[t].empty;
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < K; i++) {
        const k = j * K + i;
        const o = empty ? ({ trade: false } as const) : solve(games[t], qs[j], rs[i], p.order);
        if (o.trade !== (a.trade[t][k] === 1)) mismatches.push({ t, j, i, why: o.trade ? `trades at ${o.price}` : 'no trade' });
        else if (o.trade && o.price !== a.price[t][k]) mismatches.push({ t, j, i, why: `price ${o.price} ≠ ${a.price[t][k]}` });
      }
    }
  }
  return { ok: mismatches.length === 0, mismatches, resGap };
}
