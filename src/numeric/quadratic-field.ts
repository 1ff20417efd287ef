/**
 * Exact numbers a + b√d of a real quadratic field Q(√d) (a, b rationals, fraction.js BigInt; d > 1 an
 * integer that is not a perfect square, with its square factors taken out): + − × ÷, the exact
 * sign and order, and rigorous conversion to an interval or a double. For the paper's printed
 * irrationals — Jackson–Palfrey's c = √2 − 1 (Example 2) and (√5 − 1)/2 (Example 1) — where a tie or
 * a crossing must be decided exactly, not at 40 decimal digits.
 *
 * A rational is a + 0√d; it combines with any field. Two numbers with b ≠ 0 and different d live in
 * different fields: combining them throws (Q(√2, √3) is not a quadratic field).
 */
import Fraction from 'fraction.js';
import { iroot, rational, toNumber, type Interval, type RationalLike } from './rational.ts';

const ZERO = new Fraction(0);

/** d = s²·r with r square-free up to trial division by primes ≤ 10⁵ (a larger square factor is left in r: never wrong, at worst two fields are told apart). */
function squareFree(d: bigint): { s: bigint; r: bigint } {
  let s = 1n;
  let r = d;
  for (let p = 2n; p <= 100_000n && p * p <= r; p += p === 2n ? 1n : 2n) {
    while (r % (p * p) === 0n) {
      r /= p * p;
      s *= p;
    }
  }
  const q = iroot(r, 2);
  if (q * q === r) return { s: s * q, r: 1n };
  return { s, r };
}

/** An exact number a + b√d. */
export class QuadraticNumber {
  /** Rational part. */
  readonly a: Fraction;
  /** Coefficient of √d (zero for a rational, whose d is then 1). */
  readonly b: Fraction;
  /** The radicand: 1 for a rational, else > 1 and not a perfect square. */
  readonly d: bigint;

  private constructor(a: Fraction, b: Fraction, d: bigint) {
    this.a = a;
    this.b = b.n === 0n ? ZERO : b;
    this.d = b.n === 0n ? 1n : d;
  }

  /** a + b√d; d is reduced (√12 = 2√3) and a perfect square folds into a. */
  static of(a: RationalLike, b: RationalLike = 0, d: number | bigint = 1): QuadraticNumber {
    const D = typeof d === 'bigint' ? d : Number.isSafeInteger(d) ? BigInt(d) : NaN;
    if (typeof D !== 'bigint' || D < 1n) throw new Error(`QuadraticNumber: d = ${d} must be a positive integer`);
    const { s, r } = squareFree(D);
    const A = rational(a);
    const B = rational(b).mul(new Fraction(s));
    return r === 1n ? new QuadraticNumber(A.add(B), ZERO, 1n) : new QuadraticNumber(A, B, r);
  }

  /** √d. */
  static sqrt(d: number | bigint): QuadraticNumber {
    return QuadraticNumber.of(0, 1, d);
  }

  /** A rational. */
  static rational(a: RationalLike): QuadraticNumber {
    return new QuadraticNumber(rational(a), ZERO, 1n);
  }

  /** Whether b = 0. */
  isRational(): boolean {
    return this.b.n === 0n;
  }

  /** The common radicand of two operands, or a throw when they lie in different fields. */
  private field(o: QuadraticNumber): bigint {
    if (this.d === 1n) return o.d;
    if (o.d === 1n || o.d === this.d) return this.d;
    throw new Error(`QuadraticNumber: √${this.d} and √${o.d} lie in different fields`);
  }

  add(o: QuadraticNumber | RationalLike): QuadraticNumber {
    const q = lift(o);
    return new QuadraticNumber(this.a.add(q.a), this.b.add(q.b), this.field(q));
  }

  sub(o: QuadraticNumber | RationalLike): QuadraticNumber {
    const q = lift(o);
    return new QuadraticNumber(this.a.sub(q.a), this.b.sub(q.b), this.field(q));
  }

  /** (a + b√d)(a′ + b′√d) = (aa′ + bb′d) + (ab′ + a′b)√d. */
  mul(o: QuadraticNumber | RationalLike): QuadraticNumber {
    const q = lift(o);
    const d = this.field(q);
    return new QuadraticNumber(this.a.mul(q.a).add(this.b.mul(q.b).mul(new Fraction(d))), this.a.mul(q.b).add(q.a.mul(this.b)), d);
  }

  neg(): QuadraticNumber {
    return new QuadraticNumber(this.a.neg(), this.b.neg(), this.d);
  }

  /** a − b√d. */
  conjugate(): QuadraticNumber {
    return new QuadraticNumber(this.a, this.b.neg(), this.d);
  }

  /** The field norm a² − b²d (a rational; zero only for 0, as d is no square). */
  norm(): Fraction {
    return this.a.mul(this.a).sub(this.b.mul(this.b).mul(new Fraction(this.d)));
  }

  /** 1/(a + b√d) = (a − b√d)/(a² − b²d). */
  inverse(): QuadraticNumber {
    const n = this.norm();
    if (n.n === 0n) throw new Error('QuadraticNumber: division by zero');
    return new QuadraticNumber(this.a.div(n), this.b.neg().div(n), this.d);
  }

  div(o: QuadraticNumber | RationalLike): QuadraticNumber {
    const q = lift(o);
    this.field(q);
    return this.mul(q.inverse());
  }

  /** x^k for an integer k (negative: of the inverse), by squaring. */
  pow(k: number): QuadraticNumber {
    if (!Number.isInteger(k)) throw new Error(`QuadraticNumber.pow: ${k} is not an integer`);
    let base: QuadraticNumber = k < 0 ? this.inverse() : this;
    let e = Math.abs(k);
    let r = QuadraticNumber.rational(1);
    while (e > 0) {
      if (e & 1) r = r.mul(base);
      base = base.mul(base);
      e >>= 1;
    }
    return r;
  }

  /**
   * The exact sign. With a and b of opposite signs, |a| against |b|√d is a² against b²d, never
   * equal (d is no square), so the sign is that of the larger.
   */
  sign(): -1 | 0 | 1 {
    const sa = this.a.n === 0n ? 0 : this.a.s > 0n ? 1 : -1;
    const sb = this.b.n === 0n ? 0 : this.b.s > 0n ? 1 : -1;
    if (sb === 0) return sa;
    if (sa === 0 || sa === sb) return sb;
    return this.a.mul(this.a).gt(this.b.mul(this.b).mul(new Fraction(this.d))) ? sa : sb;
  }

  /** −1, 0 or 1 as this is below, equal to or above o, exactly. */
  compare(o: QuadraticNumber | RationalLike): -1 | 0 | 1 {
    return this.sub(o).sign();
  }

  equals(o: QuadraticNumber | RationalLike): boolean {
    const q = lift(o);
    return this.a.equals(q.a) && this.b.equals(q.b) && this.d === q.d;
  }

  lt(o: QuadraticNumber | RationalLike): boolean {
    return this.compare(o) < 0;
  }

  gt(o: QuadraticNumber | RationalLike): boolean {
    return this.compare(o) > 0;
  }

  /** A rigorous rational enclosure of width |b|·2^{−bits}: √d ∈ [K, K + 1]/2^bits with K = ⌊√(d·4^bits)⌋. */
  toInterval(bits = 64): Interval {
    if (this.b.n === 0n) return { lo: this.a, hi: this.a };
    const scale = 1n << BigInt(bits);
    const K = iroot(this.d * scale * scale, 2);
    const lo = this.a.add(this.b.mul(new Fraction(K, scale)));
    const hi = this.a.add(this.b.mul(new Fraction(K + 1n, scale)));
    return this.b.s > 0n ? { lo, hi } : { lo: hi, hi: lo };
  }

  /**
   * The double nearest the number (to within an ulp), however much a and b√d cancel: the enclosure
   * is refined until both ends give the same double.
   */
  toNumber(): number {
    if (this.b.n === 0n) return toNumber(this.a);
    for (let bits = 64; ; bits *= 2) {
      const iv = this.toInterval(bits);
      const lo = toNumber(iv.lo);
      const hi = toNumber(iv.hi);
      if (lo === hi) return lo;
      if (bits > 1 << 16) return toNumber(iv.lo.add(iv.hi).div(2)); // not reached for numbers a double can hold
    }
  }

  /** "a + b√d" with a, b as fractions. */
  toString(): string {
    if (this.b.n === 0n) return this.a.toFraction();
    const b = this.b.abs();
    const bs = b.equals(1) ? '' : b.toFraction();
    const rad = `${bs}√${this.d}`;
    if (this.a.n === 0n) return this.b.s < 0n ? `-${rad}` : rad;
    return `${this.a.toFraction()} ${this.b.s < 0n ? '-' : '+'} ${rad}`;
  }
}

function lift(o: QuadraticNumber | RationalLike): QuadraticNumber {
  return o instanceof QuadraticNumber ? o : QuadraticNumber.rational(o);
}

/** Jackson–Palfrey Example 2's c = √2 − 1. */
export const SQRT2_MINUS_1 = QuadraticNumber.of(-1, 1, 2);

/** Jackson–Palfrey Example 1's (√5 − 1)/2 (the golden ratio's reciprocal). */
export const GOLDEN_CONJUGATE = QuadraticNumber.of('-1/2', '1/2', 5);
