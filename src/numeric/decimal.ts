/**
 * Arbitrary-precision re-checks (decimal.js) for certifying a counterexample where the
 * arithmetic is rational or the integrand is elementary: Gauss–Legendre rules whose nodes are
 * computed in Decimal, and exact polynomial integrals.
 */
import { Decimal } from 'decimal.js';

export type DecimalCtor = Decimal.Constructor;

/** Decimal with 50 significant digits, the certification default. */
export const D: DecimalCtor = Decimal.clone({ precision: 50 });

/** A Decimal constructor with the given number of significant digits. */
export function withPrecision(digits: number): DecimalCtor {
  return Decimal.clone({ precision: digits });
}

/**
 * The exact value of a double as a Decimal (rounded only to the constructor's precision):
 * `new D(0.1)` would take the shortest decimal string "0.1", not the double's binary value.
 */
export function fromDouble(x: number, Dec: DecimalCtor = D): Decimal {
  if (!Number.isFinite(x)) return new Dec(x);
  if (x === 0) return new Dec(0);
  // x = m·2^e with m an integer below 2^53
  let e = 0;
  let m = x;
  while (!Number.isInteger(m)) {
    m *= 2;
    e--;
  }
  while (Math.abs(m) > Number.MAX_SAFE_INTEGER) {
    m /= 2;
    e++;
  }
  return new Dec(m).times(new Dec(2).pow(e));
}

interface GLRule {
  /** Positive nodes, largest first, and their weights; an odd rule adds the node 0 with weight w0. */
  x: Decimal[];
  w: Decimal[];
  w0: Decimal | null;
}

const ruleCache = new Map<string, GLRule>();

/**
 * n-point Gauss–Legendre rule at `digits` precision: Newton's method on P_n from the classic
 * start cos(π(i − ¼)/(n + ½)) (already a double-precision root after a few double steps would be
 * quicker; Newton from it converges quadratically anyway), P_n' = n(xP_n − P_{n−1})/(x² − 1),
 * weights 2/((1 − x²)P_n'(x)²). Ten guard digits.
 */
function glRule(n: number, digits: number): GLRule {
  const key = `${n}:${digits}`;
  const cached = ruleCache.get(key);
  if (cached) return cached;
  const W = Decimal.clone({ precision: digits + 10 });
  const tol = new W(10).pow(-(digits + 5));
  const legendre = (x: Decimal): [Decimal, Decimal] => {
    let p0 = new W(1);
    let p1 = x;
    for (let k = 1; k < n; k++) {
      const p2 = x
        .times(p1)
        .times(2 * k + 1)
        .minus(p0.times(k))
        .div(k + 1);
      p0 = p1;
      p1 = p2;
    }
    return [p1, p0]; // P_n, P_{n−1}
  };
  const deriv = (x: Decimal, pn: Decimal, pn1: Decimal) => x.times(pn).minus(pn1).times(n).div(x.times(x).minus(1));
  const xs: Decimal[] = [];
  const ws: Decimal[] = [];
  const half = Math.floor(n / 2);
  for (let i = 1; i <= half; i++) {
    let x = new W(Math.cos((Math.PI * (i - 0.25)) / (n + 0.5)));
    for (let it = 0; it < 100; it++) {
      const [pn, pn1] = legendre(x);
      const dx = pn.div(deriv(x, pn, pn1));
      x = x.minus(dx);
      if (dx.abs().lte(tol)) break;
    }
    const [pn, pn1] = legendre(x);
    const d = deriv(x, pn, pn1);
    xs.push(x);
    ws.push(new W(2).div(new W(1).minus(x.times(x)).times(d.times(d))));
  }
  let w0: Decimal | null = null;
  if (n % 2 === 1) {
    // P_n'(0) = n·P_{n−1}(0)
    const [, pn1] = legendre(new W(0));
    const d = pn1.times(n);
    w0 = new W(2).div(d.times(d));
  }
  const rule = { x: xs, w: ws, w0 };
  ruleCache.set(key, rule);
  return rule;
}

/** ∫_a^b f by the n-point Gauss–Legendre rule at the precision of a's constructor (exact for degree ≤ 2n − 1). */
export function gaussLegendreDecimal(f: (x: Decimal) => Decimal, a: Decimal, b: Decimal, n: number): Decimal {
  const Dec = a.constructor as DecimalCtor;
  const rule = glRule(n, Dec.precision);
  const mid = new Dec(a).plus(b).div(2);
  const half = new Dec(b).minus(a).div(2);
  let sum = new Dec(0);
  for (let i = 0; i < rule.x.length; i++) {
    const dx = half.times(rule.x[i]);
    sum = sum.plus(new Dec(rule.w[i]).times(f(mid.minus(dx)).plus(f(mid.plus(dx)))));
  }
  if (rule.w0) sum = sum.plus(new Dec(rule.w0).times(f(mid)));
  return sum.times(half);
}

/** Composite Gauss–Legendre: `panels` equal panels of n points each. */
export function compositeGLDecimal(
  f: (x: Decimal) => Decimal,
  a: Decimal,
  b: Decimal,
  panels: number,
  n: number,
): Decimal {
  const Dec = a.constructor as DecimalCtor;
  const h = new Dec(b).minus(a).div(panels);
  let sum = new Dec(0);
  for (let k = 0; k < panels; k++) {
    const lo = new Dec(a).plus(h.times(k));
    const hi = k === panels - 1 ? new Dec(b) : new Dec(a).plus(h.times(k + 1));
    sum = sum.plus(gaussLegendreDecimal(f, lo, hi, n));
  }
  return sum;
}

/** ∫_a^b Σ coeffs[k]·x^k dx exactly (ascending powers), by Horner on the antiderivative. */
export function polyIntegrateDecimal(coeffs: readonly Decimal[], a: Decimal, b: Decimal): Decimal {
  const Dec = a.constructor as DecimalCtor;
  const anti = (x: Decimal) => {
    let s = new Dec(0);
    for (let k = coeffs.length - 1; k >= 0; k--) s = s.times(x).plus(new Dec(coeffs[k]).div(k + 1));
    return s.times(x);
  };
  return anti(new Dec(b)).minus(anti(new Dec(a)));
}
