/**
 * Hu & Wallace (2012), Section 3.1 and Lemma 2 (proof in Section 4, eqs. (18)–(20)): the continuum
 * economy L^z(ε) — a non-atomic measure of agents, a share μ_z(x) of type x, the state z known, and
 * exogenous per-capita offers ε = (ε_q, ε_r) — its competitive equilibrium, the offers β^z and the
 * market-game price (20).
 *
 * The equilibrium price is the root of the excess demand for q in (19),
 *   f(p) = ε_r/p + Σ_x μ(x) q(x; p) − q̄ − ε_q,
 * on the bracket [ε_r/(q̄+ε_q), (r̄+ε_r)/ε_q] (the range of (20) over O): at the left end
 * ε_r/p = q̄ + ε_q and demand is positive, so f > 0; at the right end every q(x) < q̄ + r̄/p (Inada
 * keeps r > 0), so f < 0. Uniqueness is proved only for monotone demand, so the solver counts the
 * sign changes of f on a grid in ln p and reports them rather than assuming one.
 */
import { brent, goldenSectionMax } from '../../numeric/roots.ts';
import { demand, mrs, utilityValue, type TwoGoodUtility } from '../../economy/two-goods.ts';

/** A pair of quantities of the two goods (q, r). */
export interface Goods {
  q: number;
  r: number;
}

/** One type of L^z(ε): its share μ_z(x) and its utility in the known state z. */
export interface ContinuumType {
  name: string;
  share: number;
  utility: TwoGoodUtility;
}

/** L^z(ε): per-capita endowment (q̄, r̄), exogenous offers ε, and the types with their shares (summing to 1). */
export interface ContinuumEconomy {
  endowment: Goods;
  epsilon: Goods;
  types: readonly ContinuumType[];
}

/** The competitive equilibrium of L^z(ε) with its certificate of uniqueness on the grid. */
export interface ContinuumEquilibrium {
  price: number;
  /** β^z(x) of (18), in the order of the types. */
  offers: Goods[];
  consumption: Goods[];
  /** Per-capita totals (Q, R) = Σ μ β + ε, so that price = R/Q is (20). */
  totals: { Q: number; R: number };
  /** Σ μ (q, r) − (q̄, r̄): the per-capita excess, (ε_q − ε_r/p, ε_r − p ε_q) at the equilibrium. */
  feasibilityGap: Goods;
  /** The bracket of (19) the root was sought on. */
  bracket: { lo: number; hi: number };
  /** Sign changes of f on the ln-p grid (1 is the paper's unique equilibrium). */
  signChanges: number;
  /** Points of that grid. */
  gridPoints: number;
}

/**
 * Grid points in ln p for the sign-change count. The bracket spans up to ~12 decades for ε ≥ 1e-4; 64 points
 * step ~0.4 in ln p there (finer when ε is larger) — two equilibria closer than that would be counted as none
 * (a sign change is only missed in pairs). 64 keeps a 10-type equilibrium near 3 ms (bench/hw-continuum.ts).
 */
export const SIGN_GRID = 64;

/** The price bracket of Section 3.1 (proof of Prop. 2): (20) over every profile in O lies in [ε_r/(q̄+ε_q), (r̄+ε_r)/ε_q]. */
export function priceBracket(e: ContinuumEconomy): { lo: number; hi: number } {
  return { lo: e.epsilon.r / (e.endowment.q + e.epsilon.q), hi: (e.endowment.r + e.epsilon.r) / e.epsilon.q };
}

/** The price-taking offer (18) of a type at price p: β = (max(q̄ − q, 0), max(r̄ − r, 0)) for its demand (q, r). */
export function offerAt(u: TwoGoodUtility, p: number, endowment: Goods): { offer: Goods; consumption: Goods } {
  const c = demand(u, p, p * endowment.q + endowment.r);
  return { offer: offerFromConsumption(c, endowment), consumption: c };
}

/** (18): the quantity a type consuming c gives up of each good (one of them 0 on its budget line). */
export function offerFromConsumption(c: Goods, endowment: Goods): Goods {
  return { q: Math.max(endowment.q - c.q, 0), r: Math.max(endowment.r - c.r, 0) };
}

/** (19) as excess demand for q: f(p) = ε_r/p + Σ μ q(x; p) − q̄ − ε_q (decreasing for monotone demand). */
export function excessDemandQ(e: ContinuumEconomy, p: number): number {
  const w = p * e.endowment.q + e.endowment.r;
  let s = e.epsilon.r / p - e.endowment.q - e.epsilon.q;
  for (const t of e.types) s += t.share * demand(t.utility, p, w).q;
  return s;
}

/** The market-game price (20): p = (Σ μ β_r + ε_r)/(Σ μ β_q + ε_q) for per-type offers β. */
export function price20(e: ContinuumEconomy, offers: readonly Goods[]): number {
  const { Q, R } = totals20(e, offers);
  return R / Q;
}

/** Per-capita totals (Q, R) = Σ μ β + ε whose ratio is (20). */
export function totals20(e: ContinuumEconomy, offers: readonly Goods[]): { Q: number; R: number } {
  let Q = e.epsilon.q;
  let R = e.epsilon.r;
  e.types.forEach((t, i) => {
    Q += t.share * offers[i].q;
    R += t.share * offers[i].r;
  });
  return { Q, R };
}

/**
 * Sign changes of f on `points` log-spaced prices across [lo, hi] (zeros skipped), and the ln-p cell of the
 * first one (where the root is then polished): one pass serves both the uniqueness count and the bracket.
 */
export function scanSignChanges(f: (p: number) => number, lo: number, hi: number, points = SIGN_GRID): { changes: number; cell: [number, number] | undefined } {
  const a = Math.log(lo);
  const b = Math.log(hi);
  let prev = 0;
  let prevAt = a;
  let changes = 0;
  let cell: [number, number] | undefined;
  for (let k = 0; k < points; k++) {
    const lp = k === points - 1 ? b : a + ((b - a) * k) / (points - 1);
    const s = Math.sign(f(Math.exp(lp)));
    if (s !== 0 && prev !== 0 && s !== prev) {
      changes++;
      cell ??= [prevAt, lp];
    }
    if (s !== 0) {
      prev = s;
      prevAt = lp;
    }
  }
  return { changes, cell };
}

/**
 * Lemma 2: the competitive equilibrium of L^z(ε), the root of (19): the sign changes of (19) counted on a
 * ln-p grid across the bracket, the root polished by Brent's method in ln p inside the first grid cell
 * that changes sign, then its offers (18), totals and price (20).
 * ε = 0 (the limit economy L^z(0)) is allowed: the bracket is then found by widening from p_1 = r̄/q̄.
 */
export function competitiveEquilibrium(e: ContinuumEconomy, gridPoints = SIGN_GRID): ContinuumEquilibrium {
  const bracket = e.epsilon.q > 0 && e.epsilon.r > 0 ? priceBracket(e) : widenedBracket(e);
  const scan = scanSignChanges((p) => excessDemandQ(e, p), bracket.lo, bracket.hi, gridPoints);
  const [a, b] = scan.cell ?? [Math.log(bracket.lo), Math.log(bracket.hi)];
  const root = brent((lp) => excessDemandQ(e, Math.exp(lp)), a, b, { xtol: 1e-15, rtol: 1e-15 });
  if (!Number.isFinite(root.root)) throw new Error('competitiveEquilibrium: (19) has no sign change on the price bracket');
  return { ...allocationAt(e, Math.exp(root.root)), bracket, signChanges: scan.changes, gridPoints };
}

/** Offers (18), consumption, totals and the feasibility gap of L^z(ε) at a given price. */
export function allocationAt(e: ContinuumEconomy, price: number): Omit<ContinuumEquilibrium, 'bracket' | 'signChanges' | 'gridPoints'> {
  const offers: Goods[] = [];
  const consumption: Goods[] = [];
  for (const t of e.types) {
    const o = offerAt(t.utility, price, e.endowment);
    offers.push(o.offer);
    consumption.push(o.consumption);
  }
  const gap = { q: -e.endowment.q, r: -e.endowment.r };
  e.types.forEach((t, i) => {
    gap.q += t.share * consumption[i].q;
    gap.r += t.share * consumption[i].r;
  });
  return { price, offers, consumption, totals: totals20(e, offers), feasibilityGap: gap };
}

/** With ε = 0 the bracket of Section 3.1 degenerates to (0, ∞): widen around p_1 = r̄/q̄ by factors of 4 until f changes sign. */
function widenedBracket(e: ContinuumEconomy): { lo: number; hi: number } {
  const p1 = e.endowment.r / e.endowment.q;
  let lo = p1;
  let hi = p1;
  for (let k = 0; k < 500 && !(excessDemandQ(e, lo) > 0); k++) lo /= 4;
  for (let k = 0; k < 500 && !(excessDemandQ(e, hi) < 0); k++) hi *= 4;
  return { lo, hi };
}

/**
 * Demand by the first-order condition instead of `demand`'s closed form (the certification route):
 * MRS(q, w − p q) = p, bisected on q ∈ (0, w/p). Along the budget line u_q falls and u_r rises for the
 * separable families of Section 2.1's class used here, so MRS − p changes sign once.
 */
export function demandByFoc(u: TwoGoodUtility, p: number, wealth: number): Goods {
  let lo = 0;
  let hi = wealth / p;
  for (let k = 0; k < 200; k++) {
    const q = 0.5 * (lo + hi);
    if (q === lo || q === hi) break;
    const r = wealth - p * q;
    if (!(r > 0)) {
      hi = q;
      continue;
    }
    if (mrs(u, q, r) > p) lo = q;
    else hi = q;
  }
  const q = 0.5 * (lo + hi);
  return { q, r: wealth - p * q };
}

/**
 * The excess value at p computed from offers (the form behind (20)): Σ μ β_r + ε_r − p(Σ μ β_q + ε_q),
 * with demand by the first-order condition. It equals p·f(p) on the budget lines, so it has f's sign,
 * but shares no code with (19)'s evaluation.
 */
export function excessValueByFoc(e: ContinuumEconomy, p: number): number {
  const w = p * e.endowment.q + e.endowment.r;
  let R = e.epsilon.r;
  let Q = e.epsilon.q;
  for (const t of e.types) {
    const c = demandByFoc(t.utility, p, w);
    R += t.share * Math.max(e.endowment.r - c.r, 0);
    Q += t.share * Math.max(e.endowment.q - c.q, 0);
  }
  return R - p * Q;
}

/**
 * Certificate of the equilibrium price: an interval [p(1 − δ), p(1 + δ)] whose ends give excess values of
 * opposite signs (positive below, negative above) by the first-order-condition route, with the smallest δ
 * of 1e-12·4^k (k = 0..10) that separates them.
 */
export function certifyPrice(e: ContinuumEconomy, price: number): { lo: number; hi: number; relWidth: number; ok: boolean } {
  for (let k = 0, d = 1e-12; k <= 10; k++, d *= 4) {
    const lo = price * (1 - d);
    const hi = price * (1 + d);
    if (excessValueByFoc(e, lo) > 0 && excessValueByFoc(e, hi) < 0) return { lo, hi, relWidth: d, ok: true };
  }
  return { lo: NaN, hi: NaN, relWidth: NaN, ok: false };
}

/**
 * A type's best response over O at a fixed price p (Lemma 2's price-taking problem, via (2) with p given):
 * the better of the two branches, selling q — consumption (q̄ − b_q, r̄ + p b_q) — or selling r —
 * (q̄ + b_r/p, r̄ − b_r) — each maximised by golden-section search on its strictly concave objective.
 * Uses only utilityValue: it shares nothing with `demand`.
 */
export function bestOfferAt(u: TwoGoodUtility, p: number, endowment: Goods): { offer: Goods; value: number } {
  const sellQ = goldenMax((b) => utilityValue(u, endowment.q - b, endowment.r + p * b), 0, endowment.q);
  const sellR = goldenMax((b) => utilityValue(u, endowment.q + b / p, endowment.r - b), 0, endowment.r);
  return sellQ.value >= sellR.value ? { offer: { q: sellQ.x, r: 0 }, value: sellQ.value } : { offer: { q: 0, r: sellR.x }, value: sellR.value };
}

/** Golden-section maximisation of a unimodal g on [a, b] (the end values included, where −∞ at Inada ends is allowed). */
function goldenMax(g: (x: number) => number, a: number, b: number): { x: number; value: number } {
  const x = goldenSectionMax(g, a, b);
  let best = { x, value: g(x) };
  for (const end of [a, b]) {
    const v = g(end);
    if (v > best.value) best = { x: end, value: v };
  }
  return best;
}

/**
 * Lemma 2's price by the certification route alone: bisection in ln p on the sign of the offers-form excess
 * value (demand by the first-order condition), on the bracket of Section 3.1 (widened from p_1 = r̄/q̄ by the
 * same route when ε = 0). Slower than competitiveEquilibrium and sharing none of its code.
 */
export function priceByFoc(e: ContinuumEconomy): number {
  const g = (p: number) => excessValueByFoc(e, p);
  let lo: number;
  let hi: number;
  if (e.epsilon.q > 0 && e.epsilon.r > 0) ({ lo, hi } = priceBracket(e));
  else {
    lo = hi = e.endowment.r / e.endowment.q;
    for (let k = 0; k < 500 && !(g(lo) > 0); k++) lo /= 4;
    for (let k = 0; k < 500 && !(g(hi) < 0); k++) hi *= 4;
  }
  let a = Math.log(lo);
  let b = Math.log(hi);
  for (let k = 0; k < 200 && b - a > 1e-15 * Math.max(1, Math.abs(a)); k++) {
    const m = 0.5 * (a + b);
    if (g(Math.exp(m)) > 0) a = m;
    else b = m;
  }
  return Math.exp(0.5 * (a + b));
}
