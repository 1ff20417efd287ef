/**
 * Jackson & Palfrey (1996): the independent routes of the market claims, part A. None calls the
 * model's utility, surplus or cutoff code: a forward computation of the utilities (per-period
 * gains by 2-point Gauss–Legendre on every cell cut at the price knots, survival multiplied
 * forwards), the price-free surplus from those per-period gains, and total surplus maximised
 * directly over cutoffs (a scan, then Brent's minimiser; coordinate ascent for T > 2). They read
 * only the market path of evolve (eqs. 1–2), which JP.evolution.mass-balance guards.
 */
import { brentMin } from '../../src/numeric/roots.ts';
import { buyerCdf, buyerTotal } from '../../src/models/jackson-palfrey/economy.ts';
import { cutoffRule, evolve } from '../../src/models/jackson-palfrey/evolution.ts';
import { totalSurplus } from '../../src/models/jackson-palfrey/utility.ts';
import type { Economy, MarketPath, PeriodState, PricePeriod, PriceRule } from '../../src/models/jackson-palfrey/types.ts';

const G = 1 / (2 * Math.sqrt(3));

/** p(s_j, b) read off the price period by our own cell search (the cell [k_i, k_{i+1}) holding b; b = 1 in the last). */
function price(p: PricePeriod, j: number, b: number): number {
  let i = 0;
  while (i + 2 < p.knots.length && p.knots[i + 1] <= b) i++;
  return p.a[j][i] + p.g[j][i] * b;
}

/** ∫_lo^hi f, f affine between the price knots: 2-point Gauss on each piece (exact for affine pieces). */
function integrate(p: PricePeriod, lo: number, hi: number, f: (b: number) => number): number {
  const pts = [lo];
  for (const k of p.knots) if (k > lo && k < hi) pts.push(k);
  pts.push(hi);
  let s = 0;
  for (let k = 0; k + 1 < pts.length; k++) {
    const h = pts[k + 1] - pts[k];
    const mid = (pts[k] + pts[k + 1]) / 2;
    s += (h / 2) * (f(mid - h * G) + f(mid + h * G));
  }
  return s;
}

/** One period for seller atom j: expected gain ∫_{A_t(s)} (p − s) dB_t/B_t(1) and trade probability (Section 3). */
export function sellerStep(path: MarketPath, st: PeriodState, p: PricePeriod, j: number): { gain: number; trade: number } {
  if (st.empty) return { gain: 0, trade: 0 };
  const s = path.sellers[j];
  const g = path.grid;
  let trade = st.tradeAtom0[j] * st.atom0;
  let gain = trade * (price(p, j, 0) - s);
  for (let c = 0; c + 1 < g.length; c++) {
    const w = st.trade[j][c] * st.density[c];
    if (w === 0) continue;
    trade += w * (g[c + 1] - g[c]);
    gain += w * integrate(p, g[c], g[c + 1], (b) => price(p, j, b) - s);
  }
  return { gain: gain / st.buyerTotal, trade: trade / st.buyerTotal };
}

/** One period for a buyer of value b: ∫_{A_t(b)} (b − p) dS_t/S_t(1) and trade probability; b = 0 trades as the atom at 0 does. */
export function buyerStep(path: MarketPath, st: PeriodState, p: PricePeriod, b: number): { gain: number; trade: number } {
  if (st.empty) return { gain: 0, trade: 0 };
  const g = path.grid;
  let c = 0;
  while (c + 2 < g.length && g[c + 1] <= b) c++;
  let gain = 0;
  let trade = 0;
  for (let j = 0; j < path.sellers.length; j++) {
    const pi = b === 0 ? st.tradeAtom0[j] : st.trade[j][c];
    const w = pi * st.sellerMass[j];
    trade += w;
    gain += w * (b - price(p, j, b));
  }
  return { gain: gain / st.sellerTotal, trade: trade / st.sellerTotal };
}

/** u_t for t = 1..T+1 computed forwards from each t: Σ_{τ ≥ t} δ^{τ−t}·(survival to τ)·gain_τ (out[t − 1]; out[T] = 0). */
export function forwardUtilities(steps: readonly { gain: number; trade: number }[], delta: number): number[] {
  const T = steps.length;
  const out: number[] = [];
  for (let t = 1; t <= T + 1; t++) {
    let u = 0;
    let surv = 1;
    for (let tau = t; tau <= T; tau++) {
      u += surv * steps[tau - 1].gain;
      surv *= delta * (1 - steps[tau - 1].trade);
    }
    out.push(u);
  }
  return out;
}

export const sellerSteps = (path: MarketPath, price: PriceRule, j: number) => path.periods.map((st, t) => sellerStep(path, st, price[t], j));
export const buyerSteps = (path: MarketPath, price: PriceRule, b: number) => path.periods.map((st, t) => buyerStep(path, st, price[t], b));

/** Total surplus ∫u_1^s dS_1 + ∫u_1^b dB_1 by the forward utilities; the buyers' integral by 2-point Gauss on the grid cut at every price knot (u_1^b is affine there). */
export function forwardTotal(path: MarketPath, price: PriceRule, delta: number): number {
  const first = path.periods[0];
  let w = 0;
  for (let j = 0; j < path.sellers.length; j++) w += first.sellerMass[j] * forwardUtilities(sellerSteps(path, price, j), delta)[0];
  const ub = (b: number) => forwardUtilities(buyerSteps(path, price, b), delta)[0];
  w += first.atom0 * ub(0);
  const cuts = new Set<number>();
  for (const p of price) for (const k of p.knots) cuts.add(k);
  const g = path.grid;
  for (let c = 0; c + 1 < g.length; c++) {
    if (first.density[c] === 0) continue;
    const pts = [g[c], ...[...cuts].filter((k) => k > g[c] && k < g[c + 1]).sort((a, b) => a - b), g[c + 1]];
    for (let k = 0; k + 1 < pts.length; k++) {
      const h = pts[k + 1] - pts[k];
      const mid = (pts[k] + pts[k + 1]) / 2;
      w += first.density[c] * (h / 2) * (ub(mid - h * G) + ub(mid + h * G));
    }
  }
  return w;
}

/** The price-free Σ_t δ^{t−1} ∫∫_{A_t}(b − s) dB_t dS_t/B_t(1), as each seller's gain under p = b weighted by S_t (Section 3, "Dynamic Efficiency"). */
export function forwardPriceFree(path: MarketPath, delta: number): number {
  const takesAll: PricePeriod = { knots: Float64Array.of(0, 1), a: Array.from(path.sellers, () => Float64Array.of(0)), g: Array.from(path.sellers, () => Float64Array.of(1)) };
  let w = 0;
  path.periods.forEach((st, t) => {
    for (let j = 0; j < path.sellers.length; j++) w += delta ** t * st.sellerMass[j] * sellerStep(path, st, takesAll, j).gain;
  });
  return w;
}

// ---------------------------------------------------------------- direct maximisation over cutoffs

/** The maximiser of f on [0, 1]: a scan of `n` + 1 points, then Brent's minimiser of −f around the best (ties: the smallest). */
export function argmax01(f: (c: number) => number, n = 100, xtol = 1e-12): { x: number; fx: number } {
  let best = 0;
  let fb = -Infinity;
  for (let k = 0; k <= n; k++) {
    const v = f(k / n);
    if (v > fb) {
      fb = v;
      best = k / n;
    }
  }
  const lo = Math.max(0, best - 1 / n);
  const hi = Math.min(1, best + 1 / n);
  const r = brentMin((c) => -f(c), lo, hi, xtol, 200);
  return -r.fx >= fb ? { x: r.x, fx: -r.fx } : { x: best, fx: fb };
}

/**
 * Total surplus (δ = 1) of the homogeneous-seller cutoff rule with cutoffs c_1..c_{T−1} for the
 * 0-sellers (β_T(0) = 0) and no trade for the 1-sellers: eqs. (1)–(2) by evolve, surplus summed
 * by the model's price-free form (guarded by JP.efficiency.price-independence).
 */
export function homogeneousSurplus(e: Economy, cuts: readonly number[]): number {
  const one = e.sellers.values.length;
  const betas = [...cuts, 0].map((c) => (one === 1 ? [c] : [c, 1]));
  return totalSurplus(evolve(e, cutoffRule(betas)), 1);
}

/** The surplus-maximising cutoffs of a homogeneous-seller economy found directly (T = 2: one scan + Brent; T > 2: coordinate ascent, 6 sweeps). */
export function maximiseCutoffs(e: Economy, T: number): { cuts: number[]; surplus: number } {
  const cuts = new Array(T - 1).fill(0.5);
  let surplus = -Infinity;
  const sweeps = T === 2 ? 1 : 6;
  for (let s = 0; s < sweeps; s++) {
    for (let k = T - 2; k >= 0; k--) {
      const r = argmax01((c) => homogeneousSurplus(e, cuts.map((x, i) => (i === k ? c : x))), T === 2 ? 100 : 40);
      cuts[k] = r.x;
      surplus = r.fx;
    }
  }
  return { cuts, surplus };
}

/** Corollary 1(ii)'s price B_1^{-1}(B_1(1) − S_1(0)) by bisection (the upper end where B_1 is flat: the sup of {b : B(b) ≤ y}). */
export function competitiveByBisection(e: Economy): number {
  const y = buyerTotal(e.buyers) - (e.sellers.values[0] === 0 ? e.sellers.mass[0] : 0);
  if (buyerCdf(e.buyers, 0) > y) return 0;
  let lo = 0;
  let hi = 1;
  if (buyerCdf(e.buyers, 1) <= y) return 1;
  for (let k = 0; k < 80; k++) {
    const mid = (lo + hi) / 2;
    if (buyerCdf(e.buyers, mid) <= y) lo = mid;
    else hi = mid;
  }
  return lo;
}
