/**
 * A finite Jackson–Palfrey market (Section 2, "Remarks on the Matching"): N buyers and N sellers,
 * every remaining seller paired with a remaining buyer uniformly at random each period, trading by
 * a cutoff rule β_t(s) — trade iff b ≥ β_t(s), so a tie trades (tie rule (ii)). Traders who trade
 * leave; the rest meet again next period. Its per-period empirical distributions are what eqs.
 * (1)–(2) describe in the continuum limit (claim JP.finite.law-of-large-numbers), and its expected
 * removal what they describe for any N (JP.evolution.mass-balance).
 *
 * Values live in Float64Arrays; a period is one Fisher–Yates shuffle of the sellers and one pass.
 * Randomness is seedrandom's Alea (src/numeric/rng.ts): the same seed gives the same market.
 */
import { makeRng } from '../../numeric/rng.ts';

/** β_t(s): a buyer of value b trades with a seller of value s in period t iff b ≥ β_t(s). */
export type CutoffRule = (s: number, t: number) => number;

export interface FiniteMarketInput {
  /** Buyers' values (N of them). */
  buyers: Float64Array;
  /** Sellers' values (N of them, as many as buyers: B_1(1) = S_1(1)). */
  sellers: Float64Array;
  /** Periods T ≥ 1. */
  periods: number;
  /** The cutoff rule, β_t(s) for t = 1..T. */
  beta: CutoffRule;
  seed: string | number;
}

/** One period: who was there at its start, who traded, sorted ascending. */
export interface FinitePeriod {
  /** Period t, from 1. */
  t: number;
  /** Remaining buyers' and sellers' values at the start of period t. */
  buyers: Float64Array;
  sellers: Float64Array;
  /** Values of those who traded in period t. */
  tradedBuyers: Float64Array;
  tradedSellers: Float64Array;
}

export interface FiniteMarketResult {
  /** Initial traders per side. */
  N: number;
  periods: FinitePeriod[];
  /** Who is left after period T (sorted). */
  remainingBuyers: Float64Array;
  remainingSellers: Float64Array;
}

function check(x: Float64Array, name: string): void {
  for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i])) throw new Error(`${name}[${i}]: ${x[i]} is not a finite value`);
}

/**
 * One period of matching and trading (Section 2): sellers shuffled (Fisher–Yates), paired with
 * buyers in order, trade iff b ≥ β_t(s). Returns the survivors and the traders, unsorted.
 */
export function tradePeriod(
  buyers: Float64Array,
  sellers: Float64Array,
  beta: CutoffRule,
  t: number,
  rng: () => number,
): { buyers: Float64Array; sellers: Float64Array; tradedBuyers: Float64Array; tradedSellers: Float64Array } {
  const n = buyers.length;
  if (sellers.length !== n) throw new Error(`sellers: ${sellers.length} remain against ${n} buyers`);
  const s = sellers.slice();
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const v = s[i];
    s[i] = s[j];
    s[j] = v;
  }
  // Survivors fill the front of two buffers, traders the back: one pass, no reallocation.
  const kb = new Float64Array(n);
  const ks = new Float64Array(n);
  let keep = 0;
  let gone = n;
  for (let i = 0; i < n; i++) {
    const c = beta(s[i], t);
    if (c !== c) throw new Error(`beta: β_${t}(${s[i]}) is NaN`);
    if (buyers[i] >= c) {
      gone--;
      kb[gone] = buyers[i];
      ks[gone] = s[i];
    } else {
      kb[keep] = buyers[i];
      ks[keep] = s[i];
      keep++;
    }
  }
  return { buyers: kb.subarray(0, keep), sellers: ks.subarray(0, keep), tradedBuyers: kb.subarray(keep), tradedSellers: ks.subarray(keep) };
}

/** The finite market over T periods (Section 2's matching, cutoff rules of Section 4): per-period sorted distributions. */
export function simulateFiniteMarket(input: FiniteMarketInput): FiniteMarketResult {
  const { buyers, sellers, periods, beta, seed } = input;
  if (!(buyers instanceof Float64Array)) throw new Error('buyers: must be a Float64Array');
  if (!(sellers instanceof Float64Array)) throw new Error('sellers: must be a Float64Array');
  if (buyers.length !== sellers.length) throw new Error(`sellers: ${sellers.length} sellers against ${buyers.length} buyers (the masses must be equal)`);
  if (!Number.isInteger(periods) || periods < 1) throw new Error(`periods: ${periods} must be an integer ≥ 1`);
  check(buyers, 'buyers');
  check(sellers, 'sellers');
  const rng = makeRng(seed);
  let b: Float64Array = buyers.slice();
  let s: Float64Array = sellers.slice();
  // Sorted once; each later period's distribution is the last one minus its (sorted) traders.
  let sb = sortAscending(buyers.slice());
  let ss = sortAscending(sellers.slice());
  const out: FinitePeriod[] = [];
  for (let t = 1; t <= periods; t++) {
    const r = tradePeriod(b, s, beta, t, rng);
    const tb = sortAscending(r.tradedBuyers.slice());
    const ts = sortAscending(r.tradedSellers.slice());
    out.push({ t, buyers: sb, sellers: ss, tradedBuyers: tb, tradedSellers: ts });
    b = r.buyers;
    s = r.sellers;
    sb = withoutSorted(sb, tb);
    ss = withoutSorted(ss, ts);
  }
  return { N: buyers.length, periods: out, remainingBuyers: sb, remainingSellers: ss };
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const BITS = 11;
const RADIX = 1 << BITS;
const MASK = RADIX - 1;

/** Digit d (11 bits, from the least significant) of the 64-bit key (hi, lo). */
function digit(hi: number, lo: number, d: number): number {
  switch (d) {
    case 0:
      return lo & MASK;
    case 1:
      return (lo >>> 11) & MASK;
    case 2:
      return ((lo >>> 22) | (hi << 10)) & MASK;
    case 3:
      return (hi >>> 1) & MASK;
    case 4:
      return (hi >>> 12) & MASK;
    default:
      return hi >>> 23;
  }
}

/**
 * Sort a Float64Array ascending in place (as `Float64Array.prototype.sort` orders it, −0 before +0;
 * no NaN) by an LSD radix sort on the bits, six 11-bit digits (a digit all keys share is skipped).
 * Returning the distributions of a 10⁶-trader period is mostly sorting: measured here (loaded
 * machine) one period with its distributions took 0.65 s by this sort and 1.0 s by the built-in one.
 */
export function sortAscending(a: Float64Array): Float64Array {
  const n = a.length;
  if (n < 2048 || !LITTLE_ENDIAN) return a.sort();
  const u = new Uint32Array(a.buffer, a.byteOffset, 2 * n);
  let lo = new Uint32Array(n);
  let hi = new Uint32Array(n);
  const count = new Uint32Array(6 * RADIX);
  for (let i = 0; i < n; i++) {
    let l = u[2 * i];
    let h = u[2 * i + 1];
    // IEEE order as unsigned order: negatives flip every bit, non-negatives flip the sign bit.
    if (h & 0x80000000) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else h = (h | 0x80000000) >>> 0;
    lo[i] = l;
    hi[i] = h;
    for (let d = 0; d < 6; d++) count[d * RADIX + digit(h, l, d)]++;
  }
  let lo2 = new Uint32Array(n);
  let hi2 = new Uint32Array(n);
  for (let d = 0; d < 6; d++) {
    const base = d * RADIX;
    if (count[base + digit(hi[0], lo[0], d)] === n) continue; // every key shares this digit
    let sum = 0;
    for (let k = 0; k < RADIX; k++) {
      const c = count[base + k];
      count[base + k] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const at = count[base + digit(hi[i], lo[i], d)]++;
      lo2[at] = lo[i];
      hi2[at] = hi[i];
    }
    [lo, lo2] = [lo2, lo];
    [hi, hi2] = [hi2, hi];
  }
  for (let i = 0; i < n; i++) {
    const h = hi[i];
    if (h & 0x80000000) {
      u[2 * i] = lo[i];
      u[2 * i + 1] = h & 0x7fffffff;
    } else {
      u[2 * i] = ~lo[i] >>> 0;
      u[2 * i + 1] = ~h >>> 0;
    }
  }
  return a;
}

/** The sorted multiset `sorted` minus the sorted multiset `removed` (⊆ sorted), by one merge. */
export function withoutSorted(sorted: Float64Array, removed: Float64Array): Float64Array {
  const out = new Float64Array(sorted.length - removed.length);
  let j = 0;
  let k = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (j < removed.length && sorted[i] === removed[j]) j++;
    else {
      if (k === out.length) throw new Error('withoutSorted: removed is not a sub-multiset');
      out[k++] = sorted[i];
    }
  }
  if (j !== removed.length) throw new Error('withoutSorted: removed is not a sub-multiset');
  return out;
}

/** #{values ≤ x} in a sorted array (binary search). */
export function countAtMost(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The empirical counterpart of B_t(x) or S_t(x) (eqs. 1–2 measure mass, not shares): the mass of
 * values ≤ x when the N initial traders of a side carry total mass `mass` (default 1).
 */
export function empiricalCdf(sorted: Float64Array, x: number, N: number, mass = 1): number {
  return (countAtMost(sorted, x) / N) * mass;
}

/**
 * The exact expected number of trades in one period, given who remains: under a uniformly random
 * pairing each buyer meets each seller with probability 1/n, so E = (1/n)·Σ_j #{i : b_i ≥ β_t(s_j)}.
 * Also each buyer's and seller's trade probability, for the expected removal of eqs. (1)–(2).
 */
export function expectedTrades(buyers: Float64Array, sellers: Float64Array, beta: CutoffRule, t: number): { trades: number; buyerProb: Float64Array; sellerProb: Float64Array } {
  const n = buyers.length;
  if (sellers.length !== n) throw new Error(`sellers: ${sellers.length} remain against ${n} buyers`);
  const sb = sortAscending(buyers.slice());
  const cut = Float64Array.from(sellers, (s) => beta(s, t));
  const sellerProb = new Float64Array(n);
  let total = 0;
  for (let j = 0; j < n; j++) {
    const k = n - countBelow(sb, cut[j]); // buyers with b ≥ β(s_j)
    sellerProb[j] = k / n;
    total += k;
  }
  // Buyer i trades with seller j iff β(s_j) ≤ b_i: count cutoffs ≤ b_i.
  const sc = sortAscending(cut.slice());
  const buyerProb = Float64Array.from(buyers, (b) => countAtMost(sc, b) / n);
  return { trades: total / n, buyerProb, sellerProb };
}

/** #{values < x} in a sorted array. */
function countBelow(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
