/**
 * Hu & Wallace (2012), Lemma 2 in exact rationals for economies whose every type has log utility
 * a ln q + b ln r: demand is q = α(p q̄ + r̄)/p with α = a/(a + b), so market clearing (19) is linear in
 * 1/p and the equilibrium price is the rational
 *   p = (ε_r + r̄ A)/(q̄(1 − A) + ε_q),   A = Σ μ(x) α(x).
 * Used to certify the double-precision solver and to check INTERFACES.md's two-type example (163/143).
 */
import { Fraction, rational, type RationalLike } from '../../numeric/rational.ts';

/** A log type in rationals: share μ(x), weights a, b > 0. */
export interface ExactLogType {
  share: RationalLike;
  a: RationalLike;
  b: RationalLike;
}

/** An all-log L^z(ε) in rationals. */
export interface ExactLogEconomy {
  endowment: { q: RationalLike; r: RationalLike };
  epsilon: { q: RationalLike; r: RationalLike };
  types: readonly ExactLogType[];
}

/** Lemma 2's equilibrium price of an all-log L^z(ε), solved from (19) in closed form (linear in 1/p). */
export function logEquilibriumPriceExact(e: ExactLogEconomy): Fraction {
  let A = new Fraction(0);
  for (const t of e.types) A = A.add(rational(t.share).mul(alpha(t)));
  const num = rational(e.epsilon.r).add(rational(e.endowment.r).mul(A));
  const den = rational(e.endowment.q).mul(new Fraction(1).sub(A)).add(rational(e.epsilon.q));
  return num.div(den);
}

/**
 * At a rational price p: the residual of (19), ε_r/p + Σ μ q(x) − q̄ − ε_q, and the price (20) recomputed
 * from the offers (18), both exact — a second derivation of the equilibrium (the fixed point of (20)).
 */
export function logClearingAt(e: ExactLogEconomy, p: Fraction): { residual19: Fraction; price20: Fraction } {
  const qb = rational(e.endowment.q);
  const rb = rational(e.endowment.r);
  const wealth = p.mul(qb).add(rb);
  let residual = rational(e.epsilon.r).div(p).sub(qb).sub(rational(e.epsilon.q));
  let Q = rational(e.epsilon.q);
  let R = rational(e.epsilon.r);
  for (const t of e.types) {
    const mu = rational(t.share);
    const a = alpha(t);
    const q = a.mul(wealth).div(p);
    const r = new Fraction(1).sub(a).mul(wealth);
    residual = residual.add(mu.mul(q));
    // (18): the good the type gives up
    if (qb.compare(q) > 0) Q = Q.add(mu.mul(qb.sub(q)));
    if (rb.compare(r) > 0) R = R.add(mu.mul(rb.sub(r)));
  }
  return { residual19: residual, price20: R.div(Q) };
}

function alpha(t: ExactLogType): Fraction {
  const a = rational(t.a);
  return a.div(a.add(rational(t.b)));
}
