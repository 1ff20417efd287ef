/**
 * Jackson & Palfrey (1996), Example 1 in exact arithmetic: c*(m) in the quadratic field Q(√(1 − m))
 * (m the rational its printed decimal names), and the certificate kinds of the two findings
 * about Example 1 — the misprinted fixed-point equation and the remark "c* is below the competitive
 * price". Each verifier re-derives the case from the saved m alone (src/numeric/quadratic-field.ts);
 * it never re-reads a number the property printed. Registered once, when this module is loaded.
 */
import Fraction from 'fraction.js';
import { registerCertificateKind } from '../../src/claims/certificates.ts';
import type { Certificate, Json } from '../../src/claims/types.ts';
import { QuadraticNumber } from '../../src/numeric/quadratic-field.ts';

type Q = QuadraticNumber;
const q = (x: Fraction | number | string) => QuadraticNumber.rational(x);

/** √r for a rational r = p/q ≥ 0, as √(pq)/q in Q(√(pq)). */
export function sqrtRational(r: Fraction): Q {
  if (r.s < 0n) throw new Error('sqrtRational: negative radicand');
  if (r.n === 0n) return q(0);
  return QuadraticNumber.of(new Fraction(1n, r.d), 0, 1).mul(QuadraticNumber.of(0, 1, r.n * r.d));
}

/** Example 1's c*(m) = (√(1 − m) − (1 − m))/m exactly (Section 4, Example 1). */
export function cStarExact(m: Fraction): Q {
  const r = new Fraction(1).sub(m);
  return sqrtRational(r).sub(r).div(m);
}

/** c(2(1 − m(1 − c))) − (1 − m(1 − c)(1 + c)): the corrected fixed-point equation times its denominator (0 at the efficient cutoff). */
export function correctedResidualExact(m: Fraction, c: Q): Q {
  const one = q(1);
  const oneMinusC = one.sub(c);
  return c.mul(one.sub(oneMinusC.mul(m)).mul(2)).sub(one.sub(oneMinusC.mul(one.add(c)).mul(m)));
}

/** The printed equation's residual c − (1 − m(1−c)(1+c))/(2(1 − m(1 + c))); null where its denominator vanishes (a pole). */
export function printedResidualExact(m: Fraction, c: Q): Q | null {
  const one = q(1);
  const den = one.sub(one.add(c).mul(m)).mul(2);
  if (den.sign() === 0) return null;
  return c.sub(one.sub(one.sub(c).mul(one.add(c)).mul(m)).div(den));
}

/** The golden crossing m₀ = (√5 − 1)/2 and the identity c*(m₀) = 1 − m₀ (√(1 − m₀) = m₀ since m₀² = 1 − m₀), exactly. */
export function crossingExact(): { m0: Q; identity: boolean } {
  const m0 = QuadraticNumber.of(new Fraction(-1, 2), new Fraction(1, 2), 5);
  const one = q(1);
  // √(1 − m₀) is m₀ itself: m₀ > 0 and m₀² = 1 − m₀, so c*(m₀) = (m₀ − (1 − m₀))/m₀.
  const squareOk = m0.mul(m0).equals(one.sub(m0)) && m0.sign() > 0;
  const c = m0.sub(one.sub(m0)).div(m0);
  return { m0, identity: squareOk && c.equals(one.sub(m0)) };
}

export const EX1_ROUTE = 'exact arithmetic in the quadratic field Q(√(1 − m)) (fraction.js BigInt; m the rational its shortest decimal names, 0.8 = 4/5)';

/** m as the rational its shortest round-trip decimal names (0.8 → 4/5, not the double's binary 3602879701896397/2⁵²): the case as the saved file prints it. */
export function decimalRational(m: number): Fraction {
  return new Fraction(String(m));
}

const mOf = (data: Json): Fraction => {
  const s = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, Json>).m : undefined;
  if (typeof s !== 'string') throw new Error('data.m: must be a rational as a string');
  const m = new Fraction(s);
  if (!(m.compare(0) > 0 && m.compare(1) < 0)) throw new Error('data.m: must lie in (0, 1)');
  return m;
};

/** Kind of JP.Ex1.printed-equation's certificate: c*(m) solves the corrected equation exactly and not the printed one. */
export const EX1_PRINTED_KIND = 'jp-ex1-printed-exact';
/** Kind of the "below competitive" certificate: c*(m) ≥ 1 − m exactly, m > (√5 − 1)/2 exactly, and the crossing identity. */
export const EX1_COMPETITIVE_KIND = 'jp-ex1-above-competitive-exact';

/** Decide Example 1's printed equation at m exactly: the corrected residual at c* (must be 0) and the printed one (null: a pole). */
export function printedCase(m: Fraction): { corrected: Q; printed: Q | null; cStar: Q } {
  const c = cStarExact(m);
  return { cStar: c, corrected: correctedResidualExact(m, c), printed: printedResidualExact(m, c) };
}

/** Decide Example 1's remark at m exactly: sign of c*(m) − (1 − m), and m against the crossing. */
export function competitiveCase(m: Fraction): { cStar: Q; gap: Q; corrected: Q; aboveCrossing: -1 | 0 | 1; identity: boolean } {
  const c = cStarExact(m);
  const x = crossingExact();
  return { cStar: c, gap: c.sub(q(1).sub(q(m))), corrected: correctedResidualExact(m, c), aboveCrossing: q(m).compare(x.m0), identity: x.identity };
}

export function ex1PrintedCertificate(m: number): Certificate {
  return { kind: EX1_PRINTED_KIND, data: { m: decimalRational(m).toFraction(), arithmetic: EX1_ROUTE } };
}

export function ex1CompetitiveCertificate(m: number): Certificate {
  return { kind: EX1_COMPETITIVE_KIND, data: { m: decimalRational(m).toFraction(), arithmetic: EX1_ROUTE } };
}

registerCertificateKind(EX1_PRINTED_KIND, (data) => {
  const r = printedCase(mOf(data));
  if (r.corrected.sign() !== 0) return `c*(m) = ${r.cStar} does not solve the corrected equation exactly`;
  if (r.printed !== null && r.printed.sign() === 0) return `c*(m) = ${r.cStar} solves the printed equation exactly`;
  return undefined;
});

registerCertificateKind(EX1_COMPETITIVE_KIND, (data) => {
  const r = competitiveCase(mOf(data));
  if (r.corrected.sign() !== 0) return `c*(m) = ${r.cStar} does not solve the corrected equation exactly`;
  if (r.gap.sign() < 0) return `c*(m) = ${r.cStar} is below 1 − m`;
  if (!r.identity) return 'c*((√5 − 1)/2) = (3 − √5)/2 does not hold exactly';
  if (r.aboveCrossing < 0) return 'm is below (√5 − 1)/2';
  return undefined;
});
