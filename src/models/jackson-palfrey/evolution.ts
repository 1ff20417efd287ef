/**
 * Jackson & Palfrey (1996), Section 3, "Evolution of Distributions over Values", eqs. (1)–(2): the
 * exact evolution of B_t and S_t under a trading rule, on one grid of buyer cells that holds the
 * initial buyers' knots, every cutoff and every grid rule's knots — so each B_t stays piecewise
 * uniform on it (a cutoff rule removes, from each cell, the same share of buyers throughout the cell).
 */
import { InputError } from '../../errors.ts';
import { buyerTotal, cellOf, densityOn, mergeKnots, sellerTotal } from './economy.ts';
import type { Buyers, CutoffPeriod, Economy, GridPeriod, MarketPath, PeriodState, Sellers, TradingRule } from './types.ts';

/**
 * The market has emptied when B_t(1) or S_t(1) is below this share of B_1(1): a rule that trades
 * everyone leaves round-off (1e-17), not an empty market, and dividing by it would make the matching
 * probabilities noise. Nobody is matched in an emptied market, and utilities there are 0 (CLAIMS.md).
 */
export const EMPTY_SHARE = 1e-13;

const fmt = (x: number) => (Number.isFinite(x) ? String(+x.toPrecision(12)) : String(x));

/** A cutoff rule from one array of cutoffs per period (β_t(s_j) for each seller atom j). */
export function cutoffRule(betas: readonly ArrayLike<number>[]): CutoffPeriod[] {
  return betas.map((b) => ({ kind: 'cutoff' as const, beta: Float64Array.from(b) }));
}

/**
 * A cutoff period from a function s ↦ β(s) evaluated at the seller atoms (Section 3, "Cutoff
 * Rules"): β_T(s) = s in the last period, say, is `cutoffAt(sellers, (s) => s)`.
 */
export function cutoffAt(sellers: Sellers, beta: (s: number) => number): CutoffPeriod {
  return { kind: 'cutoff', beta: Float64Array.from(sellers.values, beta) };
}

/** Check a rule against the economy: one period rule per period, sizes and values in range (errors name `rule[t]…`). */
export function validateRule(e: Economy, rule: TradingRule, field = 'rule'): void {
  const n = e.sellers.values.length;
  if (rule.length < 1) throw new InputError(field, 'must have at least one period');
  rule.forEach((p, t) => {
    const at = `${field}[${t}]`;
    if (p.kind === 'cutoff') {
      if (p.beta.length !== n) throw new InputError(`${at}.beta`, `must have one cutoff per seller atom (${n}, got ${p.beta.length})`);
      p.beta.forEach((b, j) => {
        if (!(b >= 0 && b <= 1)) throw new InputError(`${at}.beta[${j}]`, `must be in [0, 1] (got ${fmt(b)})`);
      });
    } else {
      const K = p.knots.length - 1;
      // No separate K < 1 test: one knot cannot be both 0 and 1, and with none knots[0] is undefined.
      if (p.knots[0] !== 0 || p.knots[K] !== 1) throw new InputError(`${at}.knots`, 'must run from 0 to 1');
      for (let i = 1; i <= K; i++) if (!(p.knots[i] > p.knots[i - 1])) throw new InputError(`${at}.knots[${i}]`, 'must be increasing');
      if (p.trade.length !== n) throw new InputError(`${at}.trade`, `must have one row per seller atom (${n}, got ${p.trade.length})`);
      if (p.atom0.length !== n) throw new InputError(`${at}.atom0`, `must have one entry per seller atom (${n}, got ${p.atom0.length})`);
      p.trade.forEach((row, j) => {
        if (row.length !== K) throw new InputError(`${at}.trade[${j}]`, `must have one entry per cell (${K}, got ${row.length})`);
        row.forEach((x, i) => {
          if (!(x >= 0 && x <= 1)) throw new InputError(`${at}.trade[${j}][${i}]`, `must be in [0, 1] (got ${fmt(x)})`);
        });
        if (!(p.atom0[j] >= 0 && p.atom0[j] <= 1)) throw new InputError(`${at}.atom0[${j}]`, `must be in [0, 1] (got ${fmt(p.atom0[j])})`);
      });
    }
  });
}

/** The common grid of a rule: the buyers' knots, every cutoff and every grid period's knots. */
export function ruleGrid(buyers: Buyers, rule: TradingRule): Float64Array {
  const pts: number[] = [];
  for (const p of rule) {
    if (p.kind === 'cutoff') pts.push(...p.beta);
    else pts.push(...p.knots);
  }
  return mergeKnots(buyers.knots, pts);
}

/** A period rule as trade probabilities per seller atom and cell of `grid` (which holds the rule's knots and cutoffs). */
export function tradeOnGrid(p: CutoffPeriod | GridPeriod, grid: Float64Array): { trade: Float64Array[]; atom0: Float64Array } {
  const K = grid.length - 1;
  if (p.kind === 'cutoff') {
    // seller j trades with the cell [grid[c], grid[c+1]) iff grid[c] ≥ β_j: β_j is a knot of the grid
    const trade = Array.from(p.beta, (b) => {
      const row = new Float64Array(K);
      for (let c = 0; c < K; c++) row[c] = grid[c] >= b ? 1 : 0;
      return row;
    });
    return { trade, atom0: Float64Array.from(p.beta, (b) => (b <= 0 ? 1 : 0)) };
  }
  const map = Int32Array.from({ length: K }, (_, c) => cellOf(p.knots, grid[c]));
  const trade = p.trade.map((row) => Float64Array.from(map, (i) => row[i]));
  return { trade, atom0: Float64Array.from(p.atom0) };
}

/**
 * Eqs. (1)–(2), one period: a seller of atom j is matched with a buyer drawn from dB_t/B_t(1) and
 * trades with probability q_j = (Σ_c π_jc m_c + π0_j·atom0)/B_t(1); a buyer of cell c with a seller
 * drawn from dS_t/S_t(1) and trades with probability r_c = Σ_j π_jc σ_j/S_t(1). Each cell keeps the
 * share 1 − r_c of its buyers, spread evenly as before.
 */
function step(grid: Float64Array, values: Float64Array, st: Omit<PeriodState, 'trade' | 'tradeAtom0' | 'empty' | 'buyerTotal' | 'sellerTotal'>, tr: { trade: Float64Array[]; atom0: Float64Array } | null, B1: number): PeriodState {
  const K = grid.length - 1;
  const n = values.length;
  let B = st.atom0;
  for (let c = 0; c < K; c++) B += st.density[c] * (grid[c + 1] - grid[c]);
  let S = 0;
  for (let j = 0; j < n; j++) S += st.sellerMass[j];
  const empty = !(B > EMPTY_SHARE * B1) || !(S > EMPTY_SHARE * B1);
  const none = { trade: Array.from({ length: n }, () => new Float64Array(K)), atom0: new Float64Array(n) };
  const t = empty || tr === null ? none : tr;
  return { atom0: st.atom0, density: st.density, sellerMass: st.sellerMass, buyerTotal: B, sellerTotal: S, empty, trade: t.trade, tradeAtom0: t.atom0 };
}

function next(grid: Float64Array, s: PeriodState): Pick<PeriodState, 'atom0' | 'density' | 'sellerMass'> {
  if (s.empty) return { atom0: s.atom0, density: s.density, sellerMass: s.sellerMass };
  const K = grid.length - 1;
  const n = s.sellerMass.length;
  const r = new Float64Array(K);
  let r0 = 0;
  const sigma = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const row = s.trade[j];
    const wj = s.sellerMass[j] / s.sellerTotal;
    let q = s.tradeAtom0[j] * s.atom0;
    for (let c = 0; c < K; c++) {
      if (row[c] === 0) continue;
      r[c] += row[c] * wj;
      q += row[c] * s.density[c] * (grid[c + 1] - grid[c]);
    }
    r0 += s.tradeAtom0[j] * wj;
    sigma[j] = s.sellerMass[j] * Math.max(0, 1 - q / s.buyerTotal);
  }
  const density = Float64Array.from(s.density, (d, c) => d * Math.max(0, 1 - r[c]));
  return { atom0: s.atom0 * Math.max(0, 1 - r0), density, sellerMass: sigma };
}

/**
 * The path of the market under `rule` (eqs. 1–2): periods[t − 1] holds B_t, S_t and the trades of
 * period t, `after` what is left after the last period. Exact up to round-off (no quadrature).
 */
export function evolve(e: Economy, rule: TradingRule): MarketPath {
  validateRule(e, rule);
  const grid = ruleGrid(e.buyers, rule);
  const values = e.sellers.values;
  const B1 = buyerTotal(e.buyers);
  let cur: Pick<PeriodState, 'atom0' | 'density' | 'sellerMass'> = { atom0: e.buyers.atom0, density: densityOn(e.buyers, grid), sellerMass: Float64Array.from(e.sellers.mass) };
  const periods: PeriodState[] = [];
  for (const p of rule) {
    const st = step(grid, values, cur, tradeOnGrid(p, grid), B1);
    periods.push(st);
    cur = next(grid, st);
  }
  return { grid, sellers: Float64Array.from(values), periods, after: step(grid, values, cur, null, B1) };
}

/** The buyers at period t (1-based; t = T + 1 is what is left after the last period) as a Buyers value. */
export function buyersAt(path: MarketPath, t: number): Buyers {
  const s = stateAt(path, t);
  return { atom0: s.atom0, knots: path.grid, density: s.density };
}

/** The sellers at period t (1-based; t = T + 1 after the last). */
export function sellersAt(path: MarketPath, t: number): Sellers {
  return { values: path.sellers, mass: stateAt(path, t).sellerMass };
}

/** The state at period t (1-based), t = T + 1 giving `after`. */
export function stateAt(path: MarketPath, t: number): PeriodState {
  if (t === path.periods.length + 1) return path.after;
  const s = path.periods[t - 1];
  if (!s) throw new RangeError(`period ${t} outside 1..${path.periods.length + 1}`);
  return s;
}

/** The buyer and seller masses that trade in period t: B_t(1) − B_{t+1}(1) and S_t(1) − S_{t+1}(1), computed from the trades. */
export function tradedMass(path: MarketPath, t: number): { buyers: number; sellers: number } {
  const s = stateAt(path, t);
  if (s.empty) return { buyers: 0, sellers: 0 };
  const K = path.grid.length - 1;
  let buyers = 0;
  let sellers = 0;
  for (let j = 0; j < s.sellerMass.length; j++) {
    const row = s.trade[j];
    let q = s.tradeAtom0[j] * s.atom0;
    for (let c = 0; c < K; c++) q += row[c] * s.density[c] * (path.grid[c + 1] - path.grid[c]);
    sellers += (s.sellerMass[j] * q) / s.buyerTotal;
    buyers += (s.sellerMass[j] * q) / s.sellerTotal;
  }
  return { buyers, sellers };
}

/** B_t(1) and S_t(1) recomputed from the period's buyers and sellers (economy.ts's sums, not the path's own). */
export function totals(path: MarketPath, t: number): { buyers: number; sellers: number } {
  return { buyers: buyerTotal(buyersAt(path, t)), sellers: sellerTotal(sellersAt(path, t)) };
}
