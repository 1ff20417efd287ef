/**
 * Pycia–Wang's certificate kinds (issue #10, "certificates as data"): a saved case carries the
 * market and the exact enclosures, and `replay` re-derives the enclosures from the market alone
 * in BigInt rationals (exact.ts) — not by re-reading a verdict. Registered once, when the paper's
 * claims are loaded (paper.ts imports this module).
 */
import { registerCertificateKind } from '../../src/claims/certificates.ts';
import type { Certificate, Json } from '../../src/claims/types.ts';
import { makeDist } from '../../src/distributions/index.ts';
import type { MarketSpec } from '../../src/models/pycia-wang/market.ts';
import { EXACT_ROUTE, exactCertificate, exactEnclosure, exactIntFkRational, hasExactPath, verifyExactCertificate, type ExactCertificate } from '../../src/models/pycia-wang/exact.ts';
import { contains, rational, sign, sub, toNumber, type Fraction, type Interval } from '../../src/numeric/rational.ts';
import { decodeMarket } from './common.ts';

/** Kind of the (T2-5) certificate: the bracket and a side of (T2-5) as exact enclosures that do not meet. */
export const T25_KIND = 'pw-t25-exact';
/** Kind of the T1/T2 certificate: exact.ts's enclosure of T1, T2, β*, and a value it excludes. */
export const ENCLOSURE_KIND = 'pw-exact-enclosure';

/**
 * Both sides of (T2-5) for agent `agent` as rigorous rational intervals (exact.ts: BigInt rationals,
 * v* enclosed in an interval of width ~1e-30): the bracket from its enclosure, the ∫F^k exactly at
 * the enclosure's ends (monotone in v*), r_i v* with r_i the share's exact binary value. No double
 * in between (proof of Theorem 2, (T2-5) as printed and corrected).
 */
export function t25Exact(spec: MarketSpec, agent: number): { lhs: Interval; corrected: Interval; printed: Interval } {
  const n = spec.n;
  const e = exactEnclosure(n, spec.shares, spec.dist);
  const v = e.vStar[agent];
  const d = makeDist(spec.dist);
  const lo = rational(d.lo);
  const hi = rational(d.hi);
  const I = (k: number, x: Fraction, y: Fraction) => exactIntFkRational(spec.dist, k, x, y);
  // ∫_{v*}^{v̄}F^{n−1} falls as v* rises; ∫_{v̲}^{v*}F^n rises.
  const above: Interval = { lo: I(n - 1, v.hi, hi), hi: I(n - 1, v.lo, hi) };
  const below: Interval = { lo: I(n, lo, v.lo), hi: I(n, lo, v.hi) };
  const all = I(n, lo, hi);
  const r = rational(spec.shares[agent]);
  // v* F(v*)^{n−1} = r v* by the definition of v*.
  const vr: Interval = { lo: r.mul(v.lo), hi: r.mul(v.hi) };
  const top = hi.div(n);
  const corrected: Interval = {
    lo: all.mul(n - 1).div(n).sub(above.hi).sub(vr.hi).add(top),
    hi: all.mul(n - 1).div(n).sub(above.lo).sub(vr.lo).add(top),
  };
  const printed: Interval = {
    lo: below.lo.sub(above.hi).sub(vr.hi).add(top).sub(all.div(n)),
    hi: below.hi.sub(above.lo).sub(vr.lo).add(top).sub(all.div(n)),
  };
  return { lhs: e.brackets[agent], corrected, printed };
}

const ivJson = (iv: Interval) => ({ lo: iv.lo.toFraction(), hi: iv.hi.toFraction() });
const marketJson = (spec: MarketSpec): Json => ({ n: spec.n, shares: [...spec.shares], dist: spec.dist as unknown as Json });

/** The (T2-5) certificate of a case where the bracket and the `side` of (T2-5) certainly differ. */
export function t25Certificate(spec: MarketSpec, agent: number, side: 'printed' | 'corrected', e = t25Exact(spec, agent)): Certificate {
  return { kind: T25_KIND, data: { market: marketJson(spec), agent, side, arithmetic: EXACT_ROUTE, bracket: ivJson(e.lhs), rhs: ivJson(e[side]) } };
}

/** A field of an object, or a throw naming it. */
function get(data: Json, name: string): Json {
  if (!data || typeof data !== 'object' || Array.isArray(data) || !(name in data)) throw new Error(`data.${name} is missing`);
  return (data as Record<string, Json>)[name];
}

const ivOf = (j: Json, name: string): Interval => {
  const o = j as { lo?: unknown; hi?: unknown };
  if (typeof o?.lo !== 'string' || typeof o?.hi !== 'string') throw new Error(`data.${name}: must be {lo, hi} as fraction strings`);
  return { lo: rational(o.lo), hi: rational(o.hi) };
};
const inside = (inner: Interval, outer: Interval) => contains(outer, inner.lo) && contains(outer, inner.hi);

registerCertificateKind(T25_KIND, (data) => {
  const spec = decodeMarket(get(data, 'market'), 'data.market');
  if (!hasExactPath(spec.dist)) return `the market's F (${spec.dist.kind}) has no exact path`;
  const agent = get(data, 'agent');
  if (typeof agent !== 'number' || !Number.isInteger(agent) || agent < 0 || agent >= spec.n) return 'data.agent: must be an agent of the market';
  const side = get(data, 'side');
  if (side !== 'printed' && side !== 'corrected') return 'data.side: must be printed or corrected';
  // Re-derived from the market alone; the saved enclosures must contain the re-derived ones.
  const e = t25Exact(spec, agent);
  if (!inside(e.lhs, ivOf(get(data, 'bracket'), 'bracket'))) return 'the saved bracket does not contain the re-derived one';
  if (!inside(e[side], ivOf(get(data, 'rhs'), 'rhs'))) return `the saved right side does not contain the re-derived (T2-5) ${side}`;
  const diff = sub(e.lhs, e[side]);
  return sign(diff) !== 0 ? undefined : `the bracket and (T2-5) ${side} may be equal: their difference [${toNumber(diff.lo)}, ${toNumber(diff.hi)}] contains 0`;
});

/** Which quantity of an enclosure certificate a claimed value is compared with. */
type EnclosedQuantity = 'T1' | 'T2' | 'betaStar';

/**
 * The T1/T2/β* certificate of a case where `claimed` (a value the claim computed another way, e.g. a
 * closed form) lies outside the exact enclosure of `quantity` by more than `slack`.
 */
export function enclosureCertificate(spec: MarketSpec, quantity: EnclosedQuantity, claimed: number, slack: number, what: string): Certificate {
  const cert = exactCertificate(spec.n, spec.shares, spec.dist);
  return { kind: ENCLOSURE_KIND, data: { market: marketJson(spec), certificate: cert as unknown as Json, quantity, claimed, slack, what } };
}

registerCertificateKind(ENCLOSURE_KIND, (data) => {
  const spec = decodeMarket(get(data, 'market'), 'data.market');
  const cert = get(data, 'certificate') as unknown as ExactCertificate;
  const v = verifyExactCertificate(spec.n, spec.shares, spec.dist, cert);
  if (!v.ok) return `the exact enclosure does not verify: ${v.reason}`;
  const quantity = get(data, 'quantity');
  const claimed = get(data, 'claimed');
  const slack = get(data, 'slack');
  if (typeof claimed !== 'number' || !Number.isFinite(claimed)) return 'data.claimed: must be a finite number';
  if (typeof slack !== 'number' || !(slack >= 0)) return 'data.slack: must be a number ≥ 0';
  const iv = quantity === 'T1' ? cert.T1 : quantity === 'T2' ? { lo: cert.T2.value, hi: cert.T2.value } : quantity === 'betaStar' ? cert.betaStar : undefined;
  if (iv === undefined) return 'data.quantity: must be T1, T2 or betaStar';
  if (iv === null) return 'β* is unbounded on the enclosure of T1';
  const enc = ivOf(iv as unknown as Json, String(quantity));
  // The claimed double, exactly, at more than `slack` from every point of the enclosure.
  const c = rational(claimed);
  const s = rational(slack);
  const outside = c.add(s).lt(enc.lo) || c.sub(s).gt(enc.hi);
  return outside ? undefined : `${claimed} is within ${slack} of the exact enclosure of ${quantity} [${toNumber(enc.lo)}, ${toNumber(enc.hi)}]`;
});
