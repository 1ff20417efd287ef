/**
 * Jackson & Palfrey (1996), Section 5 (Theorem 4) and the appendix's proof of Theorem 4: for a
 * continuous cutoff rule with continuous prices satisfying individual rationality, individual
 * irrationality and non-decreasing prices, the proof builds
 *   P_t = [p_t(s̲ᵗ, b̲ᵗ), p_t(s̄ᵗ, b̄ᵗ)],  p̂_t(p̄ˢ, p̄ᵇ) = p_t(s′, b′),
 *   s′ = min{s : p̄ˢ_t(s) ≥ max{p̄ˢ, p̄ˢ_t(s̲ᵗ)}},  b′ = max{b : p̄ᵇ_t(b) ≤ min{p̄ᵇ, p̄ᵇ_t(b̄ᵗ)}},
 * and claims condition * (Section 7) relative to (A, p).
 *
 * The printed b′ reads max{b : p̄ᵇ_t(b) ≥ …}: with p̄ᵇ_t non-decreasing (the proof's own premise)
 * that set is an upper interval, so its max is 1 whatever p̄ᵇ is, p̂_t ignores the buyer and (*i)
 * fails as soon as p_t depends on b. The repair mirrors s′ (the seller's "min … ≥ max{…}"
 * becomes the buyer's "max … ≤ min{…}"); `hatVariant: 'printed'` keeps the printed form so that
 * its failure can be shown.
 *
 * Representation (continuous, not grids: on finite price grids the construction fails (*v)):
 * p̄ˢ_t and p̄ᵇ_t are continuous piecewise-linear functions on [0, 1] (`Pl`: exact for the
 * buyers' side of the model, the linear interpolant of seller atoms for the sellers'); the rule is
 * a cutoff function β_t (trade iff b ≥ β_t(s); +∞ for a seller who trades with nobody) and p_t a
 * function on A_t. The inverses s′ and b′ are exact on a piecewise-linear function (a scan of its
 * nodes, then linear interpolation in the crossing piece).
 */
import { numberOrder, type Order } from './order.ts';
import { priceSet, type PriceSet } from './price-set.ts';
import type { TradingGrid } from './conditions.ts';

/** A continuous piecewise-linear function on [x[0], x[n−1]] = [0, 1] through the nodes (x[k], y[k]). */
export interface Pl {
  readonly x: Float64Array;
  readonly y: Float64Array;
}

/** f(v) by linear interpolation between nodes (clamped to the ends). */
export function plAt(f: Pl, v: number): number {
  const { x, y } = f;
  const n = x.length;
  if (v <= x[0]) return y[0];
  if (v >= x[n - 1]) return y[n - 1];
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid] <= v) lo = mid;
    else hi = mid;
  }
  const w = (v - x[lo]) / (x[hi] - x[lo]);
  return y[lo] + w * (y[hi] - y[lo]);
}

/** min{v : f(v) ≥ c} for a piecewise-linear f (exact: first node reaching c, then the crossing in the piece before); NaN if none. */
export function plMinAtLeast(f: Pl, c: number): number {
  const { x, y } = f;
  const k = y.findIndex((v) => v >= c);
  if (k < 0) return NaN;
  if (k === 0) return x[0];
  return x[k - 1] + ((c - y[k - 1]) / (y[k] - y[k - 1])) * (x[k] - x[k - 1]);
}

/** max{v : f(v) ≤ c} for a piecewise-linear f (the last node at most c, then the crossing in the piece after); NaN if none. */
export function plMaxAtMost(f: Pl, c: number): number {
  const { x, y } = f;
  let k = y.length - 1;
  while (k >= 0 && !(y[k] <= c)) k--;
  if (k < 0) return NaN;
  if (k === y.length - 1) return x[k];
  return x[k] + ((c - y[k]) / (y[k + 1] - y[k])) * (x[k + 1] - x[k]);
}

/** max{v : f(v) ≥ c}, the printed b′'s set (the last node reaching c, then the crossing after); NaN if none. */
export function plMaxAtLeast(f: Pl, c: number): number {
  const { x, y } = f;
  let k = y.length - 1;
  while (k >= 0 && !(y[k] >= c)) k--;
  if (k < 0) return NaN;
  if (k === y.length - 1) return x[k];
  return x[k] + ((c - y[k]) / (y[k + 1] - y[k])) * (x[k + 1] - x[k]);
}

/** One period of a continuous allocation rule (Section 3; Theorem 4's assumptions), with its reservation prices. */
export interface ContinuousPeriod {
  /** p̄ˢ_t(s; A, p), continuous on [0, 1]. */
  readonly sellerRes: Pl;
  /** p̄ᵇ_t(b; A, p), continuous on [0, 1]. */
  readonly buyerRes: Pl;
  /** β_t(s): seller s trades with every b ≥ β_t(s); +∞ (or > 1) when it trades with nobody. Non-decreasing. */
  beta(s: number): number;
  /** p_t(s, b), read on A_t only. */
  price(s: number, b: number): number;
}

/** (s, b) ∈ A_t for a cutoff period (Section 3, "Cutoff Rules", weak form: ties trade). */
export function tradedAt(period: ContinuousPeriod, s: number, b: number): boolean {
  const c = period.beta(s);
  return c <= 1 && b >= c;
}

/** The corners of A_t and P_t (appendix, proof of Theorem 4). */
export interface Theorem4Bounds {
  /** s̲ᵗ = min{s : (s, b) ∈ A_t for some b}, s̄ᵗ the max; b̲ᵗ, b̄ᵗ the buyers' min and max. */
  readonly sLo: number;
  readonly sHi: number;
  readonly bLo: number;
  readonly bHi: number;
  /** P_t = [p_t(s̲ᵗ, b̲ᵗ), p_t(s̄ᵗ, b̄ᵗ)]. */
  readonly lo: number;
  readonly hi: number;
}

/**
 * s̲ᵗ, s̄ᵗ, b̲ᵗ, b̄ᵗ and P_t of the proof of Theorem 4. With β_t non-decreasing, the sellers who trade
 * with someone (β_t(s) ≤ 1) are an interval [0, s̄ᵗ] (s̄ᵗ by bisection, to 2⁻⁶⁰), b̲ᵗ = β_t(s̲ᵗ)
 * and b̄ᵗ = 1 (s̄ᵗ trades with every b ≥ β_t(s̄ᵗ)). Undefined when nobody trades.
 */
export function theorem4Bounds(period: ContinuousPeriod): Theorem4Bounds | undefined {
  const trades = (s: number) => period.beta(s) <= 1;
  // β_t non-decreasing (a cutoff rule, Section 3 (ii)): whoever trades, seller 0 trades too
  if (!trades(0)) return undefined;
  const sLo = 0;
  let sHi = 1;
  if (!trades(1)) {
    let a = sLo;
    let b = 1;
    for (let k = 0; k < 60; k++) {
      const m = (a + b) / 2;
      if (trades(m)) a = m;
      else b = m;
    }
    sHi = a;
  }
  const bLo = Math.max(0, period.beta(sLo));
  const bHi = 1;
  return { sLo, sHi, bLo, bHi, lo: period.price(sLo, bLo), hi: period.price(sHi, bHi) };
}

/** The form of b′: the repaired "max{b : p̄ᵇ(b) ≤ min{…}}" or the printed "max{b : p̄ᵇ(b) ≥ min{…}}". */
export type HatVariant = 'repaired' | 'printed';

/**
 * p̂_t of the proof of Theorem 4: p̂_t(q, r) = p_t(s′, b′) with s′ = min{s : p̄ˢ_t(s) ≥ max{q, p̄ˢ_t(s̲ᵗ)}}
 * and b′ = max{b : p̄ᵇ_t(b) ≤ min{r, p̄ᵇ_t(b̄ᵗ)}} (repaired; see the module comment). NaN where s′ or
 * b′ does not exist (outside IR(P_t) that is allowed; inside, (*ii) then fails).
 */
export function theorem4Hat(period: ContinuousPeriod, bounds: Theorem4Bounds, variant: HatVariant = 'repaired'): (q: number, r: number) => number {
  const floorS = plAt(period.sellerRes, bounds.sLo);
  const capB = plAt(period.buyerRes, bounds.bHi);
  return (q, r) => {
    const s = plMinAtLeast(period.sellerRes, Math.max(q, floorS));
    const c = Math.min(r, capB);
    const b = variant === 'repaired' ? plMaxAtMost(period.buyerRes, c) : plMaxAtLeast(period.buyerRes, c);
    if (Number.isNaN(s) || Number.isNaN(b)) return NaN;
    return period.price(s, b);
  };
}

/** P_t = [lo, hi] as a price set (Section 7). */
export function theorem4PriceSet(bounds: Theorem4Bounds, order: Order<number> = numberOrder(0)): PriceSet<number> {
  return priceSet([{ lo: bounds.lo, hi: bounds.hi }], order);
}

/** Points where the checks look: a uniform grid of M + 1 points plus the given extras, sorted, in [0, 1], deduplicated. */
export function samplePoints(M: number, extra: readonly number[] = []): number[] {
  const xs = [...Array.from({ length: M + 1 }, (_, k) => k / M), ...extra.filter((v) => v >= 0 && v <= 1)];
  xs.sort((a, b) => a - b);
  return xs.filter((v, k) => k === 0 || xs[k - 1] !== v);
}

/** The sellers and buyers a period is checked on, with the TradingGrid of conditions.ts and the (*ii)/(*iv)/(*v) domain. */
export interface SampledPeriod {
  readonly sellers: readonly number[];
  readonly buyers: readonly number[];
  readonly grid: TradingGrid<number>;
  readonly domain: { readonly sellerRes: readonly number[]; readonly buyerRes: readonly number[] };
}

/**
 * A continuous period sampled for the checks: sellers on k/M plus s̲ᵗ and s̄ᵗ; buyers on k/M plus
 * b̲ᵗ, b̄ᵗ and every sampled seller's cutoff β_t(s) — the cutoff pairs, where IR binds with
 * equality; the domain of p̂_t is every sampled reservation price plus the ends of P_t, points
 * ±`gap` around them (where (*v) can bind: p̂_t must be flat in q below P_t and in r above it) and
 * k/M (reservation prices outside the range of p̄, inside IR(P_t)).
 */
export function samplePeriod(period: ContinuousPeriod, bounds: Theorem4Bounds, M: number, gap = 1e-6): SampledPeriod {
  const sellers = samplePoints(M, [bounds.sLo, bounds.sHi]);
  const cut = sellers.map((s) => period.beta(s)).filter((c) => c <= 1);
  const buyers = samplePoints(M, [bounds.bLo, bounds.bHi, ...cut]);
  const sellerRes = sellers.map((s) => plAt(period.sellerRes, s));
  const buyerRes = buyers.map((b) => plAt(period.buyerRes, b));
  const ends = [bounds.lo, bounds.hi, bounds.lo - gap, bounds.lo + gap, bounds.hi - gap, bounds.hi + gap];
  const axis = samplePoints(M, ends);
  const grid: TradingGrid<number> = {
    sellerRes,
    buyerRes,
    traded: (i, j) => tradedAt(period, sellers[i], buyers[j]),
    price: (i, j) => period.price(sellers[i], buyers[j]),
  };
  return { sellers, buyers, grid, domain: { sellerRes: [...sellerRes, ...axis], buyerRes: [...buyerRes, ...axis] } };
}
