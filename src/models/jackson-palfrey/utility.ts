/**
 * Jackson & Palfrey (1996), Section 3, "Expected Utility", "Reservation Prices", "Dynamic
 * Efficiency": the expected utilities u_t^s, u_t^b of an allocation rule (A, p) in two forms that
 * share no code — Section 3's sum over τ of products of no-trade probabilities, and the one-period
 * Bellman recursion u_t = gain_t + (1 − trade_t)·δ·u_{t+1} — the reservation prices, and total
 * surplus in its price-dependent and price-free forms.
 */
import { InputError } from '../../errors.ts';
import { cellOf, mergeKnots } from './economy.ts';
import { stateAt } from './evolution.ts';
import type { MarketPath, PeriodState, PricePeriod, PriceRule } from './types.ts';

const row = (n: number, x: number) => new Float64Array(n).fill(x);
const onePiece = (values: ArrayLike<number>, a: (s: number) => number, g: (s: number) => number): PricePeriod => ({
  knots: Float64Array.of(0, 1),
  a: Array.from(values, (s) => row(1, a(s))),
  g: Array.from(values, (s) => row(1, g(s))),
});

/** p_t(s, b) = b: the seller takes all (seller take-it-or-leave-it with a price grid holding b; Section 6). */
export const sellerTakesAll = (values: ArrayLike<number>): PricePeriod => onePiece(values, () => 0, () => 1);
/** p_t(s, b) = s: the buyer takes all. */
export const buyerTakesAll = (values: ArrayLike<number>): PricePeriod => onePiece(values, (s) => s, () => 0);
/** p_t(s, b) = c: a fixed price (Example 2's first period). */
export const fixedPrice = (values: ArrayLike<number>, c: number): PricePeriod => onePiece(values, () => c, () => 0);
/** p_t(s, b) = (s + b)/2. */
export const splitDifference = (values: ArrayLike<number>): PricePeriod => onePiece(values, (s) => s / 2, () => 0.5);

/** Check a price rule against a path: one period per period, one row per seller atom, one entry per cell. */
export function validatePrices(path: MarketPath, price: PriceRule, field = 'price'): void {
  const n = path.sellers.length;
  if (price.length !== path.periods.length) throw new InputError(field, `must have one period per period of the rule (${path.periods.length}, got ${price.length})`);
  price.forEach((p, t) => {
    const K = p.knots.length - 1;
    // No separate K < 1 test: one knot cannot be both 0 and 1, and with none knots[0] is undefined.
    if (p.knots[0] !== 0 || p.knots[K] !== 1) throw new InputError(`${field}[${t}].knots`, 'must run from 0 to 1');
    for (const [name, rows] of [['a', p.a], ['g', p.g]] as const) {
      if (rows.length !== n) throw new InputError(`${field}[${t}].${name}`, `must have one row per seller atom (${n}, got ${rows.length})`);
      rows.forEach((r, j) => {
        if (r.length !== K) throw new InputError(`${field}[${t}].${name}[${j}]`, `must have one entry per price cell (${K}, got ${r.length})`);
        r.forEach((x, i) => {
          if (!Number.isFinite(x)) throw new InputError(`${field}[${t}].${name}[${j}][${i}]`, 'must be finite');
        });
      });
    }
  });
}

/** p_t(s_j, b) from the period's price rule. */
export function priceAt(p: PricePeriod, j: number, b: number): number {
  const i = cellOf(p.knots, b);
  return p.a[j][i] + p.g[j][i] * b;
}

// ---------------------------------------------------------------------------------------------
// One period's ingredients, each from the period's state alone.

/**
 * ∫_{b:(s_j,b)∈A_t} (p_t(s_j, b) − s_j) dB_t(b)/B_t(1) and ∫_{b:(s_j,b)∈A_t} dB_t/B_t(1): the
 * seller's expected gain and trade probability in period t. Exact: on each cell of the grid cut at
 * the price knots, the buyers are uniform and the price affine, so the cell's mean value suffices.
 */
function sellerPeriod(grid: Float64Array, st: PeriodState, p: PricePeriod, j: number, s: number): { gain: number; trade: number } {
  if (st.empty) return { gain: 0, trade: 0 };
  const knots = mergeKnots(grid, p.knots);
  const row = st.trade[j];
  let gain = st.tradeAtom0[j] * st.atom0 * (p.a[j][0] - s);
  let trade = st.tradeAtom0[j] * st.atom0;
  let c = 0;
  let i = 0;
  for (let k = 0; k + 1 < knots.length; k++) {
    const lo = knots[k];
    const hi = knots[k + 1];
    while (grid[c + 1] <= lo) c++;
    while (p.knots[i + 1] <= lo) i++;
    const w = row[c] * st.density[c] * (hi - lo);
    if (w === 0) continue;
    const mid = (lo + hi) / 2;
    gain += w * (p.a[j][i] + p.g[j][i] * mid - s);
    trade += w;
  }
  return { gain: gain / st.buyerTotal, trade: trade / st.buyerTotal };
}

/**
 * ∫_{s:(s,b)∈A_t} (b − p_t(s, b)) dS_t(s)/S_t(1) and the buyer's trade probability in period t. A
 * buyer of value 0 trades as the atom at 0 does (the cutoff's weak inequality, b ≥ β).
 */
function buyerPeriod(grid: Float64Array, values: Float64Array, st: PeriodState, p: PricePeriod, b: number): { gain: number; trade: number } {
  if (st.empty) return { gain: 0, trade: 0 };
  const c = cellOf(grid, b);
  let gain = 0;
  let trade = 0;
  for (let j = 0; j < values.length; j++) {
    const pi = b === 0 ? st.tradeAtom0[j] : st.trade[j][c];
    if (pi === 0) continue;
    const w = pi * st.sellerMass[j];
    gain += w * (b - priceAt(p, j, b));
    trade += w;
  }
  return { gain: gain / st.sellerTotal, trade: trade / st.sellerTotal };
}

// ---------------------------------------------------------------------------------------------
// Section 3's sum of products.

/**
 * u_t^s(s_j; A, p) = Σ_{τ=t}^T δ^{τ−t} Π_{i=t}^{τ−1}[1 − ∫_{A_i(s)} dB_i/B_i(1)] ∫_{A_τ(s)} (p_τ − s) dB_τ/B_τ(1)
 * (Section 3, "Expected Utility"); t is 1-based, and u_{T+1} = 0.
 */
export function sellerUtility(path: MarketPath, price: PriceRule, delta: number, t: number, j: number): number {
  const T = path.periods.length;
  const s = path.sellers[j];
  let u = 0;
  for (let tau = t; tau <= T; tau++) {
    let prod = delta ** (tau - t);
    for (let i = t; i < tau; i++) prod *= 1 - sellerPeriod(path.grid, stateAt(path, i), price[i - 1], j, s).trade;
    u += prod * sellerPeriod(path.grid, stateAt(path, tau), price[tau - 1], j, s).gain;
  }
  return u;
}

/** u_t^b(b; A, p), Section 3's sum of products for a buyer of value b (1-based t; u_{T+1} = 0). */
export function buyerUtility(path: MarketPath, price: PriceRule, delta: number, t: number, b: number): number {
  const T = path.periods.length;
  let u = 0;
  for (let tau = t; tau <= T; tau++) {
    let prod = delta ** (tau - t);
    for (let i = t; i < tau; i++) prod *= 1 - buyerPeriod(path.grid, path.sellers, stateAt(path, i), price[i - 1], b).trade;
    u += prod * buyerPeriod(path.grid, path.sellers, stateAt(path, tau), price[tau - 1], b).gain;
  }
  return u;
}

// ---------------------------------------------------------------------------------------------
// The Bellman recursion, backwards from u_{T+1} = 0.

/** u_t^s(s_j) for t = 1..T+1 by u_t = gain_t + (1 − trade_t)·δ·u_{t+1} (out[t − 1]; out[T] = 0). */
export function sellerUtilityBellman(path: MarketPath, price: PriceRule, delta: number, j: number): Float64Array {
  const T = path.periods.length;
  const out = new Float64Array(T + 1);
  const s = path.sellers[j];
  for (let t = T; t >= 1; t--) {
    const { gain, trade } = sellerPeriod(path.grid, path.periods[t - 1], price[t - 1], j, s);
    out[t - 1] = gain + (1 - trade) * delta * out[t];
  }
  return out;
}

/** u_t^b(b) for t = 1..T+1 by the Bellman recursion (out[t − 1]; out[T] = 0). */
export function buyerUtilityBellman(path: MarketPath, price: PriceRule, delta: number, b: number): Float64Array {
  const T = path.periods.length;
  const out = new Float64Array(T + 1);
  for (let t = T; t >= 1; t--) {
    const { gain, trade } = buyerPeriod(path.grid, path.sellers, path.periods[t - 1], price[t - 1], b);
    out[t - 1] = gain + (1 - trade) * delta * out[t];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Reservation prices.

/** p̄_t^s(s_j) = s_j + δ u_{t+1}^s(s_j) for t < T, p̄_T^s = s_j (Section 3, "Reservation Prices"). */
export function sellerReservation(path: MarketPath, price: PriceRule, delta: number, t: number, j: number): number {
  const s = path.sellers[j];
  return t >= path.periods.length ? s : s + delta * sellerUtility(path, price, delta, t + 1, j);
}

/** p̄_t^b(b) = b − δ u_{t+1}^b(b) for t < T, p̄_T^b = b (Section 3, "Reservation Prices"). */
export function buyerReservation(path: MarketPath, price: PriceRule, delta: number, t: number, b: number): number {
  return t >= path.periods.length ? b : b - delta * buyerUtility(path, price, delta, t + 1, b);
}

// ---------------------------------------------------------------------------------------------
// Total surplus.

/**
 * Total expected surplus ∫ u_1^s dS_1 + ∫ u_1^b dB_1 (Section 3, "Dynamic Efficiency"), through the
 * utilities: the buyers' integral is exact on the grid cut at every price knot, where u_1^b is affine.
 */
export function totalSurplusFromUtilities(path: MarketPath, price: PriceRule, delta: number): number {
  validatePrices(path, price);
  const first = path.periods[0];
  let w = 0;
  for (let j = 0; j < path.sellers.length; j++) if (first.sellerMass[j] > 0) w += first.sellerMass[j] * sellerUtility(path, price, delta, 1, j);
  let knots: Float64Array = path.grid;
  for (const p of price) knots = mergeKnots(knots, p.knots);
  if (first.atom0 > 0) w += first.atom0 * buyerUtility(path, price, delta, 1, 0);
  let c = 0;
  for (let k = 0; k + 1 < knots.length; k++) {
    const lo = knots[k];
    const hi = knots[k + 1];
    while (path.grid[c + 1] <= lo) c++;
    const m = first.density[c] * (hi - lo);
    if (m > 0) w += m * buyerUtility(path, price, delta, 1, (lo + hi) / 2);
  }
  return w;
}

/**
 * The price-free form Σ_t δ^{t−1} ∫∫_{A_t} (b − s) dB_t dS_t / B_t(1) (Section 3, "Dynamic
 * Efficiency"; CLAIMS.md JP.efficiency.price-independence). Per period, in closed form.
 */
export function totalSurplus(path: MarketPath, delta: number): number {
  return periodSurpluses(path).reduce((w, x, t) => w + delta ** t * x, 0);
}

/** ∫∫_{A_t} (b − s) dB_t dS_t / B_t(1) for each period t (undiscounted). */
export function periodSurpluses(path: MarketPath): number[] {
  const g = path.grid;
  return path.periods.map((st) => {
    if (st.empty) return 0;
    let w = 0;
    for (let j = 0; j < path.sellers.length; j++) {
      const s = path.sellers[j];
      const row = st.trade[j];
      let x = st.tradeAtom0[j] * st.atom0 * (0 - s);
      for (let c = 0; c + 1 < g.length; c++) {
        if (row[c] === 0) continue;
        x += row[c] * st.density[c] * (g[c + 1] - g[c]) * ((g[c] + g[c + 1]) / 2 - s);
      }
      w += st.sellerMass[j] * x;
    }
    return w / st.buyerTotal;
  });
}
