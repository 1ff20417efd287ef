/**
 * Jackson & Palfrey (1996), Section 3 ("The Economy", "Distributions of Values"): building and
 * validating buyers and sellers, and the closed forms on piecewise-uniform buyers and atom sellers
 * (masses, B(v), S(v), means, E(b′ − s)⁺).
 */
import { InputError } from '../../errors.ts';
import type { Buyers, Economy, Sellers } from './types.ts';

/** B_1(1) = S_1(1) to this relative tolerance (masses given as decimals may differ by rounding only). */
export const MASS_TOL = 1e-12;

const fmt = (x: number) => (Number.isFinite(x) ? String(+x.toPrecision(12)) : String(x));

/**
 * Buyers from an atom at 0 and a density per cell (Section 3: B_1 continuous and increasing on (0, 1],
 * an atom at 0 allowed). Errors name `field.knots[i]`, `field.density[i]`, `field.atom0`.
 */
export function makeBuyers(spec: { atom0?: number; knots: ArrayLike<number>; density: ArrayLike<number> }, field = 'buyers'): Buyers {
  const atom0 = spec.atom0 ?? 0;
  if (!Number.isFinite(atom0) || atom0 < 0) throw new InputError(`${field}.atom0`, `must be a finite number ≥ 0 (got ${fmt(atom0)})`);
  const K = spec.density.length;
  if (K < 1) throw new InputError(`${field}.density`, 'must have at least one cell');
  if (spec.knots.length !== K + 1) throw new InputError(`${field}.knots`, `must have one more entry than density (${K + 1}, got ${spec.knots.length})`);
  if (spec.knots[0] !== 0) throw new InputError(`${field}.knots[0]`, `must be 0 (got ${fmt(spec.knots[0])})`);
  if (spec.knots[K] !== 1) throw new InputError(`${field}.knots[${K}]`, `must be 1 (got ${fmt(spec.knots[K])})`);
  for (let i = 1; i <= K; i++) {
    if (!(spec.knots[i] > spec.knots[i - 1])) throw new InputError(`${field}.knots[${i}]`, `must be greater than the knot before (got ${fmt(spec.knots[i])} after ${fmt(spec.knots[i - 1])})`);
  }
  for (let i = 0; i < K; i++) {
    const d = spec.density[i];
    if (!Number.isFinite(d) || d < 0) throw new InputError(`${field}.density[${i}]`, `must be a finite number ≥ 0 (got ${fmt(d)})`);
  }
  const b: Buyers = { atom0, knots: Float64Array.from(spec.knots), density: Float64Array.from(spec.density) };
  const total = buyerTotal(b);
  if (!(total > 0) || !Number.isFinite(total)) throw new InputError(field, `total mass must be finite and > 0 (got ${fmt(total)})`);
  return b;
}

/**
 * Buyers of total mass `mass` from pieces {lo, hi, weight} on [0, 1] (the Dist spec
 * `piecewise-uniform`: piece k carries the share weight_k/Σweight, spread evenly), plus an atom at 0
 * holding the share `atom0Share` of the mass. Gaps between pieces are cells of density 0.
 */
export function buyersFromPieces(pieces: readonly { lo: number; hi: number; weight: number }[], mass = 1, atom0Share = 0, field = 'buyers'): Buyers {
  if (!Number.isFinite(mass) || !(mass > 0)) throw new InputError(`${field}.mass`, `must be a finite number > 0 (got ${fmt(mass)})`);
  if (!(atom0Share >= 0 && atom0Share <= 1)) throw new InputError(`${field}.atom0`, `share must be in [0, 1] (got ${fmt(atom0Share)})`);
  const live = pieces.filter((p) => p.weight > 0).sort((p, q) => p.lo - q.lo);
  const W = live.reduce((s, p) => s + p.weight, 0);
  if (atom0Share < 1 && !(W > 0)) throw new InputError(`${field}.pieces`, 'must have a piece of positive weight');
  const knots: number[] = [0];
  const density: number[] = [];
  for (const [k, p] of live.entries()) {
    if (!(p.lo >= 0 && p.hi <= 1 && p.lo < p.hi)) throw new InputError(`${field}.pieces[${k}]`, `must satisfy 0 ≤ lo < hi ≤ 1 (got lo = ${fmt(p.lo)}, hi = ${fmt(p.hi)})`);
    const last = knots[knots.length - 1];
    if (p.lo < last) throw new InputError(`${field}.pieces[${k}].lo`, `pieces must not overlap (got ${fmt(p.lo)} < ${fmt(last)})`);
    if (p.lo > last) {
      knots.push(p.lo);
      density.push(0);
    }
    knots.push(p.hi);
    density.push(((1 - atom0Share) * mass * p.weight) / W / (p.hi - p.lo));
  }
  if (knots[knots.length - 1] < 1) {
    knots.push(1);
    density.push(0);
  }
  return makeBuyers({ atom0: atom0Share * mass, knots, density }, field);
}

/** Uniform buyers on [0, 1] of total mass `mass` (Example 1: B_1(b) = b). */
export function uniformBuyers(mass = 1): Buyers {
  return makeBuyers({ atom0: 0, knots: [0, 1], density: [mass] });
}

/** Sellers as atoms (values strictly increasing in [0, 1], masses ≥ 0). Errors name `field.values[j]`, `field.mass[j]`. */
export function makeSellers(values: ArrayLike<number>, mass: ArrayLike<number>, field = 'sellers'): Sellers {
  const n = values.length;
  if (n < 1) throw new InputError(`${field}.values`, 'must have at least one atom');
  if (mass.length !== n) throw new InputError(`${field}.mass`, `must have one entry per value (${n}, got ${mass.length})`);
  for (let j = 0; j < n; j++) {
    const v = values[j];
    if (!Number.isFinite(v) || v < 0 || v > 1) throw new InputError(`${field}.values[${j}]`, `must be in [0, 1] (got ${fmt(v)})`);
    if (j > 0 && !(v > values[j - 1])) throw new InputError(`${field}.values[${j}]`, `must be greater than the value before (got ${fmt(v)} after ${fmt(values[j - 1])})`);
    const m = mass[j];
    if (!Number.isFinite(m) || m < 0) throw new InputError(`${field}.mass[${j}]`, `must be a finite number ≥ 0 (got ${fmt(m)})`);
  }
  const s: Sellers = { values: Float64Array.from(values), mass: Float64Array.from(mass) };
  const total = sellerTotal(s);
  if (!(total > 0) || !Number.isFinite(total)) throw new InputError(field, `total mass must be finite and > 0 (got ${fmt(total)})`);
  return s;
}

/** Sellers from [value, mass] pairs in any order; equal values are merged. */
export function sellersFromAtoms(points: readonly (readonly [number, number])[], field = 'sellers'): Sellers {
  for (const [j, [v, m]] of points.entries()) {
    if (!Number.isFinite(v) || v < 0 || v > 1) throw new InputError(`${field}.points[${j}]`, `value must be in [0, 1] (got ${fmt(v)})`);
    if (!Number.isFinite(m) || m < 0) throw new InputError(`${field}.points[${j}]`, `mass must be a finite number ≥ 0 (got ${fmt(m)})`);
  }
  const sorted = [...points].sort((p, q) => p[0] - q[0]);
  const values: number[] = [];
  const mass: number[] = [];
  for (const [v, m] of sorted) {
    if (values.length > 0 && values[values.length - 1] === v) mass[mass.length - 1] += m;
    else {
      values.push(v);
      mass.push(m);
    }
  }
  return makeSellers(values, mass, field);
}

/** Homogeneous sellers (Section 4): mass m0 at s = 0 and m1 at s = 1. */
export function homogeneousSellers(m0: number, m1: number): Sellers {
  return makeSellers([0, 1], [m0, m1]);
}

/** An economy (Section 3): B_1(1) = S_1(1) required, to relative MASS_TOL; the error names `sellers`. */
export function makeEconomy(buyers: Buyers, sellers: Sellers): Economy {
  const B = buyerTotal(buyers);
  const S = sellerTotal(sellers);
  if (Math.abs(B - S) > MASS_TOL * Math.max(B, S)) {
    throw new InputError('sellers', `total mass must equal the buyers' (B_1(1) = S_1(1); got ${fmt(S)} against ${fmt(B)})`);
  }
  return { buyers, sellers };
}

/** Section 4, "Homogeneous Sellers": every seller with positive mass has s = 0 or s = 1. */
export function isHomogeneous(sellers: Sellers): boolean {
  for (let j = 0; j < sellers.values.length; j++) {
    const v = sellers.values[j];
    if (sellers.mass[j] > 0 && v !== 0 && v !== 1) return false;
  }
  return true;
}

/** S(1): the sellers' total mass (summed from the small end: masses are ≥ 0, so no cancellation). */
export function sellerTotal(s: Sellers): number {
  let t = 0;
  for (let j = 0; j < s.mass.length; j++) t += s.mass[j];
  return t;
}

/** S(v): the mass of sellers with value ≤ v. */
export function sellerCdf(s: Sellers, v: number): number {
  let t = 0;
  for (let j = 0; j < s.values.length && s.values[j] <= v; j++) t += s.mass[j];
  return t;
}

/** The sellers' mean value ∫ s dS / S(1). */
export function sellerMean(s: Sellers): number {
  let m = 0;
  for (let j = 0; j < s.values.length; j++) m += s.mass[j] * s.values[j];
  return m / sellerTotal(s);
}

/** ∫ max(β − s′, 0) dS(s′): unnormalised (the second term of eq. (4) times S_2(1)). */
export function sellerShortfall(s: Sellers, beta: number): number {
  let t = 0;
  for (let j = 0; j < s.values.length && s.values[j] < beta; j++) t += s.mass[j] * (beta - s.values[j]);
  return t;
}

/** The mass of cell i: density × width. */
export function cellMass(b: Buyers, i: number): number {
  return b.density[i] * (b.knots[i + 1] - b.knots[i]);
}

/** B(1): the buyers' total mass. */
export function buyerTotal(b: Buyers): number {
  let t = b.atom0;
  for (let i = 0; i < b.density.length; i++) t += cellMass(b, i);
  return t;
}

/** B(v) = atom0 + ∫_0^v density (exact: piecewise linear). B(v) for v < 0 is 0. */
export function buyerCdf(b: Buyers, v: number): number {
  if (v < 0) return 0;
  let t = b.atom0;
  const K = b.density.length;
  for (let i = 0; i < K; i++) {
    const lo = b.knots[i];
    const hi = b.knots[i + 1];
    if (v >= hi) t += b.density[i] * (hi - lo);
    else {
      if (v > lo) t += b.density[i] * (v - lo);
      break;
    }
  }
  return t;
}

/** ∫ b dB(b): the buyers' first moment (the atom at 0 adds nothing). */
export function buyerMoment(b: Buyers): number {
  let t = 0;
  for (let i = 0; i < b.density.length; i++) {
    const lo = b.knots[i];
    const hi = b.knots[i + 1];
    t += (b.density[i] * (hi - lo) * (hi + lo)) / 2;
  }
  return t;
}

/** The buyers' mean value ∫ b dB / B(1). */
export function buyerMean(b: Buyers): number {
  return buyerMoment(b) / buyerTotal(b);
}

/**
 * ∫ max(b − s, 0) dB(b), unnormalised (E(b′ − s)⁺ times B(1); the first term of eq. (4), the right
 * side of (3) with max[b, β] = β + (b − β)⁺). Exact on each cell above s: density·(h − l)(h + l − 2s)/2
 * with l = max(lo, s), h = hi.
 */
export function buyerExcess(b: Buyers, s: number): number {
  let t = 0;
  const K = b.density.length;
  for (let i = K - 1; i >= 0; i--) {
    const hi = b.knots[i + 1];
    if (hi <= s) break;
    const lo = Math.max(b.knots[i], s);
    t += (b.density[i] * (hi - lo) * (hi + lo - 2 * s)) / 2;
  }
  if (s < 0) t += b.atom0 * -s;
  return t;
}

/** E(b′ − s)⁺ = ∫ max(b′ − s, 0) dB / B(1) (0 for an empty market). */
export function expectedExcess(b: Buyers, s: number): number {
  const B = buyerTotal(b);
  return B > 0 ? buyerExcess(b, s) / B : 0;
}

/**
 * The buyers with knots added at `points` (inside (0, 1); duplicates and ends ignored): the same
 * measure, cut finer, so that a cutoff falls on a knot.
 */
export function refineBuyers(b: Buyers, points: ArrayLike<number>): Buyers {
  const knots = mergeKnots(b.knots, points);
  if (knots.length === b.knots.length) return b;
  return { atom0: b.atom0, knots, density: densityOn(b, knots) };
}

/** The sorted union of knots (sorted) and the points inside (0, 1): one typed sort of the points, then a linear merge. */
export function mergeKnots(knots: ArrayLike<number>, points: ArrayLike<number>): Float64Array {
  let m = 0;
  const extra = new Float64Array(points.length);
  for (let k = 0; k < points.length; k++) {
    const p = points[k];
    if (p > 0 && p < 1) extra[m++] = p;
  }
  if (m === 0) return Float64Array.from(knots);
  const e = extra.subarray(0, m).sort();
  const out = new Float64Array(knots.length + m);
  let i = 0;
  let j = 0;
  let o = 0;
  while (i < knots.length || j < m) {
    const x = j >= m || (i < knots.length && knots[i] <= e[j]) ? knots[i++] : e[j++];
    if (o === 0 || out[o - 1] !== x) out[o++] = x;
  }
  return out.slice(0, o);
}

/** The buyers' density on a finer grid `knots` (which must contain every knot of b). */
export function densityOn(b: Buyers, knots: Float64Array): Float64Array {
  const d = new Float64Array(knots.length - 1);
  let i = 0;
  for (let c = 0; c < d.length; c++) {
    while (i < b.density.length - 1 && knots[c] >= b.knots[i + 1]) i++;
    d[c] = b.density[i];
  }
  return d;
}

/** The cell of the grid `knots` holding value v: knots[i] ≤ v < knots[i+1] (v = 1 in the last cell). */
export function cellOf(knots: ArrayLike<number>, v: number): number {
  let lo = 0;
  let hi = knots.length - 2;
  if (v >= knots[hi]) return hi;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (knots[mid] <= v) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
