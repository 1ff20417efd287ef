/**
 * Exact rational arithmetic (fraction.js 5, BigInt numerators and denominators) and rigorous
 * rational interval enclosures, for certifying results where the inputs are rational.
 *
 * Two traps this module exists to avoid:
 * - `new Fraction(x)` for a non-integer double x is NOT exact: fraction.js approximates it by a
 *   Farey fraction with denominator ≤ 10^7 (0.123456789123 becomes 10/81). Doubles enter through
 *   `exactRational`, which takes the double's binary value m·2^e exactly.
 * - `Fraction.valueOf()` divides two Numbers, which overflow to NaN beyond ~1024 bits; `toNumber`
 *   scales first.
 */
import Fraction from 'fraction.js';

export { Fraction };

/** A closed interval [lo, hi] of rationals, lo ≤ hi. */
export interface Interval {
  lo: Fraction;
  hi: Fraction;
}

/** Anything that names a rational exactly: a double (its binary value), a bigint, a string ("0.3", "-1/7"), a Fraction. */
export type RationalLike = number | bigint | string | Fraction;

const ZERO = new Fraction(0);
const ONE = new Fraction(1);

/** The exact value of a finite double as a fraction (m·2^e, no rounding). */
export function exactRational(x: number): Fraction {
  if (!Number.isFinite(x)) throw new Error(`exactRational: ${x} is not a finite number`);
  // Doubling is exact until the value is an integer (at most 1074 steps, for subnormals; none for integers).
  let m = x;
  let e = 0;
  while (!Number.isInteger(m)) {
    m *= 2;
    e++;
  }
  return new Fraction(BigInt(m), 1n << BigInt(e));
}

/** A rational from a double (exactly), a bigint, a decimal or "p/q" string, or a Fraction. */
export function rational(x: RationalLike): Fraction {
  if (typeof x === 'number') return exactRational(x);
  if (x instanceof Fraction) return x;
  return new Fraction(x);
}

/** Number of bits of |n| (0 for 0). */
export function bitLength(n: bigint): number {
  if (n < 0n) n = -n;
  // toString(16) is linear; 4 bits per hex digit, minus the leading digit's unused bits (0 → "0" → 0 bits).
  const h = n.toString(16);
  return 4 * (h.length - 1) + (32 - Math.clz32(parseInt(h[0], 16)));
}

/** About N^{1/k}·(1 + 2^{−40}) for N ≥ 2, from N's top 53 bits in floating point (iroot's start). */
export function rootGuess(N: bigint, k: number): bigint {
  const b = bitLength(N);
  const s = Math.max(0, b - 53);
  const L = Math.log2(Number(N >> BigInt(s))) + s; // log2 N to ~1e-16 relative
  const I = Math.floor(L / k);
  const f = L / k - I;
  const m = BigInt(Math.ceil(2 ** f * 2 ** 52 * (1 + 2 ** -40)));
  return I >= 52 ? m << BigInt(I - 52) : (m >> BigInt(52 - I)) + 1n;
}

/** ⌊N^{1/k}⌋ for an integer N ≥ 0 and k ≥ 1 (integer Newton from above, exact). */
export function iroot(N: bigint, k: number): bigint {
  if (N < 0n) throw new Error('iroot: negative argument');
  if (!Number.isInteger(k) || k < 1) throw new Error(`iroot: bad degree ${k}`);
  if (N < 2n) return N;
  const K = BigInt(k);
  // Newton's iterates from above decrease monotonically to the floor. From a start 2× too high
  // they fall by only a factor 1 − 1/k per step (k·ln 2 steps before the quadratic phase), so
  // start from the floating-point root, 2^{log2(N)/k}, raised by 2^{−40} (its error is ~1e-14).
  let x = rootGuess(N, k);
  while (x ** K <= N) x += (x >> 20n) + 1n;
  for (;;) {
    const y = ((K - 1n) * x + N / x ** (K - 1n)) / K;
    if (y >= x) return x;
    x = y;
  }
}

/**
 * A rigorous enclosure of r^{1/k} for a rational r ∈ [0, 1]: lo^k ≤ r ≤ hi^k, checked exactly.
 * When r is a perfect k-th power of a rational (r = 0, 1, k = 1, 9/25 with k = 2, …) the root is
 * returned exactly (lo = hi, exact: true); otherwise lo = K/2^bits, hi = (K+1)/2^bits with
 * K = ⌊(r·2^{bits·k})^{1/k}⌋, so hi − lo = 2^{−bits}.
 */
export function rootEnclosure(r: Fraction, k: number, bits: number): Interval & { exact: boolean } {
  if (r.lt(ZERO) || r.gt(ONE)) throw new Error(`rootEnclosure: r = ${r.toFraction()} is outside [0, 1]`);
  // 0, 1 and any r at k = 1 are perfect powers: the exact case below returns them.
  const p = r.n;
  const q = r.d;
  const a = iroot(p, k);
  const b = iroot(q, k);
  const K = BigInt(k);
  if (a ** K === p && b ** K === q) {
    const x = new Fraction(a, b);
    return { lo: x, hi: x, exact: true };
  }
  const M = iroot((p << BigInt(bits * k)) / q, k);
  // The floors make M^k·q < p·2^{bits·k} < (M+1)^k·q true by construction (strictly: r is no
  // perfect power); check it anyway, in integers, it is what the certificate rests on.
  const s = BigInt(bits) * K;
  if (!(M ** K * q < p << s && p << s < (M + 1n) ** K * q)) throw new Error('rootEnclosure: enclosure check failed');
  const scale = 1n << BigInt(bits);
  return { lo: new Fraction(M, scale), hi: new Fraction(M + 1n, scale), exact: false };
}

/** Whether lo^k ≤ r ≤ hi^k with 0 ≤ lo ≤ hi: the re-check of a saved root enclosure (in integers, no reductions). */
export function checkRootEnclosure(r: Fraction, k: number, iv: Interval): boolean {
  if (iv.lo.gt(iv.hi) || iv.lo.lt(ZERO) || r.lt(ZERO)) return false;
  const K = BigInt(k);
  // a/b ≤ p/q ⟺ a·q ≤ p·b for positive denominators
  return iv.lo.n ** K * r.d <= r.n * iv.lo.d ** K && r.n * iv.hi.d ** K <= iv.hi.n ** K * r.d;
}

/**
 * Rigorous fixed-point interval arithmetic: [L, U]·2^{−P} with integer ends, every operation
 * rounded outward. Numbers stay at ~P bits, so this is fast where exact rationals grow (u^n for
 * a 128-bit u and n = 200 has 25 600 bits, and fraction.js reduces every result by a Euclidean
 * gcd in JavaScript: seconds per market).
 */
export interface Fixed {
  L: bigint;
  U: bigint;
}

/** ⌊x/2^s⌋ (s ≥ 0; BigInt >> is floor division for negatives too). */
const floorShift = (x: bigint, s: bigint) => x >> s;
/** ⌈x/2^s⌉. */
const ceilShift = (x: bigint, s: bigint) => -(-x >> s);

/** Fixed-point intervals at 2^{−P}. */
export class FixedPoint {
  readonly P: bigint;
  constructor(readonly bits: number) {
    this.P = BigInt(bits);
  }

  /** The tightest interval containing q. */
  of(q: Fraction): Fixed {
    const num = (q.s * q.n) << this.P;
    const t = num / q.d; // truncates toward 0
    const r = num % q.d;
    const L = r < 0n ? t - 1n : t;
    return { L, U: r === 0n ? L : L + 1n };
  }

  /** The tightest interval containing num/den (den > 0), without reducing the fraction. */
  ofRatio(num: bigint, den: bigint): Fixed {
    if (den <= 0n) throw new Error('ofRatio: denominator must be positive');
    const x = num << this.P;
    const t = x / den;
    const r = x % den;
    const L = r < 0n ? t - 1n : t;
    return { L, U: r === 0n ? L : L + 1n };
  }

  /** (K/2^m)^k and (K/2^m)^{k+1} for an integer K ≥ 0: the powers exact in integers, then one outward rounding each. */
  dyadicPows(K: bigint, m: number, k: number): [Fixed, Fixed] {
    const x = K ** BigInt(k);
    return [this.scaleDown(x, m * k), this.scaleDown(x * K, m * (k + 1))];
  }

  /** x/2^s as an interval. */
  private scaleDown(x: bigint, s0: number): Fixed {
    const s = BigInt(s0) - this.P;
    if (s <= 0n) return { L: x << -s, U: x << -s };
    return { L: floorShift(x, s), U: ceilShift(x, s) };
  }

  add(a: Fixed, b: Fixed): Fixed {
    return { L: a.L + b.L, U: a.U + b.U };
  }

  sub(a: Fixed, b: Fixed): Fixed {
    return { L: a.L - b.U, U: a.U - b.L };
  }

  mul(a: Fixed, b: Fixed): Fixed {
    const ps = [a.L * b.L, a.L * b.U, a.U * b.L, a.U * b.U];
    let lo = ps[0];
    let hi = ps[0];
    for (const p of ps) {
      if (p < lo) lo = p;
      if (p > hi) hi = p;
    }
    return { L: floorShift(lo, this.P), U: ceilShift(hi, this.P) };
  }

  /** The interval as rationals. */
  toInterval(a: Fixed): Interval {
    const d = 1n << this.P;
    return { lo: new Fraction(a.L, d), hi: new Fraction(a.U, d) };
  }
}

/** The double nearest q (to within an ulp), without overflowing for numerators and denominators of any size. */
export function toNumber(q: Fraction): number {
  return Number(toDecimalString(q, 21)); // "0" for 0
}

/** ⌊(num/den)·10^s⌋ as a bigint (den > 0, s may be negative). */
function floorScaled(num: bigint, den: bigint, s: number): bigint {
  if (s >= 0) num *= 10n ** BigInt(s);
  else den *= 10n ** BigInt(-s);
  const t = num / den; // truncates toward 0
  return num < 0n && t * den !== num ? t - 1n : t;
}

/** The decimal exponent e with 10^e ≤ |q| < 10^{e+1}, for q ≠ 0. */
function decimalExponent(q: Fraction): number {
  // Estimate from bit lengths, then correct by exact comparison.
  let e = Math.floor((bitLength(q.n) - bitLength(q.d)) * Math.LOG10E * Math.LN2);
  // |q| = q.n/q.d; compare with 10^e in integers (fraction.js's abs() would re-reduce through a gcd)
  const ge = (k: number) => (k >= 0 ? q.n >= q.d * 10n ** BigInt(k) : q.n * 10n ** BigInt(-k) >= q.d);
  while (!ge(e)) e--;
  while (ge(e + 1)) e++;
  return e;
}

/** q rounded toward −∞ (dir = −1) or +∞ (dir = +1) to `digits` significant decimal digits, exactly. */
export function roundDirected(q: Fraction, digits: number, dir: -1 | 1): Fraction {
  if (q.n === 0n) return q;
  const s = digits - 1 - decimalExponent(q);
  const f = floorScaled(q.s * q.n, q.d, s);
  const exactHere = new Fraction(f).mul(pow10(-s)).equals(q);
  const m = dir < 0 || exactHere ? f : f + 1n;
  return new Fraction(m).mul(pow10(-s));
}

function pow10(k: number): Fraction {
  return k >= 0 ? new Fraction(10n ** BigInt(k)) : new Fraction(1n, 10n ** BigInt(-k));
}

/** An interval widened outward to `digits` significant digits: still contains the original, with short fractions. */
export function roundOutward(iv: Interval, digits: number): Interval {
  if (iv.lo.equals(iv.hi)) return iv;
  return { lo: roundDirected(iv.lo, digits, -1), hi: roundDirected(iv.hi, digits, 1) };
}

/** q as a decimal string with `digits` significant digits (rounded toward zero; for display, never for judging). */
export function toDecimalString(q: Fraction, digits: number): string {
  if (q.n === 0n) return '0';
  const e = decimalExponent(q);
  const s = digits - 1 - e;
  const m = floorScaled(q.n, q.d, s).toString();
  return `${q.s < 0n ? '-' : ''}${m[0]}${m.length > 1 ? '.' + m.slice(1).replace(/0+$/, '') : ''}e${e}`.replace('.e', 'e');
}

/** The interval's midpoint. */
export function midpoint(iv: Interval): Fraction {
  return iv.lo.add(iv.hi).div(2);
}

/** hi − lo. */
export function width(iv: Interval): Fraction {
  return iv.hi.sub(iv.lo);
}

/** Whether x ∈ [lo, hi]. */
export function contains(iv: Interval, x: RationalLike): boolean {
  const q = rational(x);
  return iv.lo.lte(q) && q.lte(iv.hi);
}

/** The sign every point of the interval has: 1, −1, or 0 when it contains 0 (undecided). */
export function sign(iv: Interval): -1 | 0 | 1 {
  if (iv.lo.gt(ZERO)) return 1;
  if (iv.hi.lt(ZERO)) return -1;
  return 0;
}

/** [a] − [b]: every difference of a point of a and a point of b. */
export function sub(a: Interval, b: Interval): Interval {
  return { lo: a.lo.sub(b.hi), hi: a.hi.sub(b.lo) };
}

/** Distance from the double x to the interval (0 inside): how far a double-precision value sits from the truth. */
export function distance(iv: Interval, x: number): number {
  const q = exactRational(x);
  if (q.lt(iv.lo)) return toNumber(iv.lo.sub(q));
  if (q.gt(iv.hi)) return toNumber(q.sub(iv.hi));
  return 0;
}
