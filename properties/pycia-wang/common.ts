/** What the Pycia–Wang claims share: building markets, decoding saved inputs, scales for tolerances. */
import { z } from 'zod';
import { firstIssue, InputError, parseDist } from '../../src/distributions/schema.ts';
import { makeDist } from '../../src/distributions/index.ts';
import type { DistSpec } from '../../src/distributions/types.ts';
import type { Dist } from '../../src/distributions/types.ts';
import { quad, quadOptions } from '../../src/numeric/index.ts';
import type { Precision } from '../../src/numeric/types.ts';
import { cutoffGroups, groupShares, type Estimate } from '../../src/models/pycia-wang/cutoff.ts';
import { vStar, type Market, type MarketSpec } from '../../src/models/pycia-wang/market.ts';
import { cutoffQuantile } from '../../src/models/pycia-wang/quantile.ts';

export function build(spec: MarketSpec, precision: Precision = 'standard'): Market {
  return { n: spec.n, shares: spec.shares, dist: makeDist(spec.dist, precision) };
}

/** The size of the numbers in a market's integrals: tolerances scale with it. */
export function scaleOf(dist: { lo: number; hi: number }): number {
  return Math.max(1, Math.abs(dist.lo), Math.abs(dist.hi));
}

const MarketShape = z.strictObject({
  n: z.number().int().min(2).max(1_000_000),
  shares: z.array(z.number().min(0).max(1)),
  dist: z.unknown(),
});

function fail(e: z.ZodError, prefix: string, input: unknown): never {
  const i = firstIssue(e, prefix, input);
  throw new InputError(i.field, i.detail);
}

/** Validate a market read from a file: the shape, shares on the simplex, a valid continuous F. */
export function decodeMarket(json: unknown, prefix = 'input'): MarketSpec {
  const r = MarketShape.safeParse(json);
  if (!r.success) fail(r.error, prefix, json);
  const { n, shares } = r.data;
  if (shares.length !== n) throw new InputError(`${prefix}.shares`, `must have n = ${n} entries`);
  const s = shares.reduce((a, b) => a + b, 0);
  if (Math.abs(s - 1) > 1e-9) throw new InputError(`${prefix}.shares`, `must sum to 1 (got ${s})`);
  const dist = parseDist(r.data.dist, `${prefix}.dist`);
  return { n, shares, dist: dist.spec as DistSpec };
}

/** Decode { market, …extra } records whose extra fields are checked by `extra`. */
export function decodeWith(extra: z.ZodRawShape) {
  const Shape = z.strictObject({ market: z.unknown(), ...extra });
  return (json: unknown): Record<string, any> & { market: MarketSpec } => {
    const r = Shape.safeParse(json);
    if (!r.success) fail(r.error, 'input', json);
    const data = r.data as Record<string, unknown>;
    return { ...data, market: decodeMarket(data.market, 'input.market') };
  };
}

/** Validate a continuous distribution read from a file. */
export function decodeDist(json: unknown, field = 'input'): DistSpec {
  const d = parseDist(json, field);
  if (d.discrete) throw new InputError(field, 'atoms are outside the model: F must be continuous');
  return d.spec as DistSpec;
}

// ---------------------------------------------------------------- routes to T_1, T_2, β* (issue #9)

/**
 * T_1, T_2, β*, v_i* and each agent's bracket, by one route. The claims' properties take the
 * model's own route (density quadrature, `cutoffGroups`); their `certify` takes another one —
 * quantile-space quadrature (`cutoffQuantile`, no density, no shared integrand, partition or
 * error estimate) or exact arithmetic where F is piecewise uniform — so that a bug in one
 * route makes the two disagree instead of agreeing with itself.
 */
export interface CutoffRoute {
  T1: Estimate;
  T2: Estimate;
  betaStar: number;
  betaStarErr: number;
  vStar: number[];
  /** Per agent: the bracket ∫_{v*}^{v̄}(1−F)p dG − ∫_{v̲}^{v*}F p dG and its error bound. */
  brackets: Estimate[];
  /** The route in words (what certifiedBy says). */
  route: string;
}

export const DENSITY_ROUTE = 'density-space adaptive Gauss–Kronrod (the model’s cutoffGroups)';
export const QUANTILE_ROUTE = 'quantile-space quadrature (no density; cutoffQuantile)';
export { EXACT_ROUTE } from '../../src/models/pycia-wang/exact.ts';

/** The model's route: cutoffGroups over share groups (a bracket's error is bounded by T_1's). */
export function viaDensity(spec: MarketSpec, precision: Precision): CutoffRoute {
  const m = build(spec, precision);
  const g = cutoffGroups(m.dist, spec.n, groupShares(spec.shares), precision);
  const by = new Map(g.groups.map((x) => [x.share, x]));
  return {
    T1: g.T1,
    T2: g.T2,
    betaStar: g.betaStar,
    betaStarErr: g.betaStarErr,
    vStar: spec.shares.map((r) => by.get(r)!.vStar),
    brackets: spec.shares.map((r) => ({ value: by.get(r)!.bracket, abserr: g.T1.abserr, converged: g.T1.converged })),
    route: DENSITY_ROUTE,
  };
}

/** The second route: quantile-space quadrature of every bracket and of T_2 (Lemma 2's form in u). */
export function viaQuantile(spec: MarketSpec, precision: Precision): CutoffRoute {
  const m = build(spec, precision);
  const groups = groupShares(spec.shares);
  const q = cutoffQuantile(m.dist, spec.n, groups, precision);
  const at = new Map(groups.map((g, k) => [g.share, q.brackets[k]]));
  return {
    T1: q.T1,
    T2: q.T2,
    betaStar: q.betaStar,
    betaStarErr: q.betaStarErr,
    vStar: spec.shares.map((r) => vStar(m.dist.at(precision), r, spec.n)),
    brackets: spec.shares.map((r) => at.get(r)!),
    route: QUANTILE_ROUTE,
  };
}

/**
 * ∫_a^b F(p)^k dp in quantile space, without the density and without the p-space integrand:
 * (b − a)F(b)^k − ∫_{F(a)}^{F(b)} (Q(u) − a)·k·u^{k−1} du (integration by parts, p − a ≥ 0 so
 * nothing cancels at supports far from 0). The part above u = ½ is integrated in t = 1 − u with
 * Q = isf(t) and (1 − t)^{k−1} from log1p, so the top of the support keeps its digits.
 */
export function intFkQuantile(d0: Dist, k: number, a: number, b: number, precision: Precision): Estimate {
  if (!(b > a)) return { value: 0, abserr: 0, converged: true };
  const d = d0.at(precision);
  const o = { ...quadOptions(precision), method: 'auto' as const };
  const ua = d.cdf(a);
  const ub = d.cdf(b);
  const ta = d.sf(a);
  const tb = d.sf(b);
  // F^k lives where 1 − F ≲ 1/k for large k: cuts there, and at the levels of F's breakpoints.
  const levels = d.breakpoints.map((x) => d.cdf(x));
  const tCuts = [...d.breakpoints.map((x) => d.sf(x)), ...(k > 16 ? [128 / k, 32 / k, 4 / k, 1 / (2 * k)] : [])];
  let value = (b - a) * (ub >= 1 ? 1 : Math.exp(k * Math.log1p(-tb)));
  let abserr = 4 * Number.EPSILON * Math.max(Math.abs(a), Math.abs(b));
  let converged = true;
  const add = (r: { value: number; abserr: number; converged: boolean }) => {
    value -= r.value;
    abserr += r.abserr;
    converged &&= r.converged;
  };
  if (ua < 0.5) add(quad((u) => (d.quantile(u) - a) * k * Math.pow(u, k - 1), ua, Math.min(ub, 0.5), { ...o, points: levels }));
  if (ub > 0.5) {
    const t0 = Math.max(tb, 0);
    const t1 = Math.min(ta, 0.5);
    if (t1 > t0) add(quad((t) => (d.isf(t) - a) * k * Math.exp((k - 1) * Math.log1p(-t)), t0, t1, { ...o, points: tCuts }));
  }
  return { value, abserr, converged };
}

/** A number from an exact value (decimal.js or fraction.js: both convert through valueOf). */
export function exactNumber(x: unknown): number {
  return Number(x as number);
}

/** The sum of two exact values (decimal.js `plus`, fraction.js `add`). */
export function exactAdd<T>(a: T, b: T): T {
  const x = a as { plus?: (y: T) => T; add?: (y: T) => T };
  return typeof x.plus === 'function' ? x.plus(b) : x.add!(b);
}

/** Compare two exact values (decimal.js `cmp`, fraction.js `compare`): −1, 0 or 1. */
export function exactCompare(a: unknown, b: unknown): number {
  const x = a as { cmp?: (y: unknown) => number; compare?: (y: unknown) => number };
  return Math.sign(typeof x.cmp === 'function' ? x.cmp(b) : x.compare!(b));
}
