/** `mechcheck eval pw.cutoff` (INTERFACES.md): T_1, T_2, β* and, given β, condition (T1-1). */
import { z } from 'zod';
import { makeDist } from '../../distributions/index.ts';
import { firstIssue, InputError, isContinuousSpec, validateDist } from '../../distributions/schema.ts';
import type { Dist, DistSpec } from '../../distributions/types.ts';
import type { Quantity } from '../quantity.ts';
import type { Json } from '../../types.ts';
import { betaStar, betaStarError, conditionT11, cutoffGroups, frameOf, groupShares, type Estimate } from './cutoff.ts';
import { cutoffQuantile, type QuantileValues } from './quantile.ts';
import { equalShares } from './market.ts';

/**
 * The largest market `eval` accepts. The cost grows only like log n per integral, but a
 * request carries n shares, and beyond ten thousand agents F^{n−2} needs more care near v̄
 * than the default quadrature budget gives; larger n is refused rather than answered loosely.
 */
export const N_MAX = 10_000;

/** Σ r_i may miss 1 by rounding of decimal shares (0.1 × 10 = 0.9999999999999999), not by more. */
const SHARE_SUM_TOL = 1e-9;

const Request = z.strictObject({
  n: z.number({ message: 'must be a number' }).int('must be a whole number').min(2, 'must be at least 2').max(N_MAX, `must be at most ${N_MAX}`),
  shares: z.array(z.number({ message: 'must be numbers' }).min(0, 'must be ≥ 0').max(1, 'must be ≤ 1')).optional(),
  distribution: z.unknown().refine((v) => v !== undefined, 'is required'),
  beta: z.number({ message: 'must be a number' }).min(0, 'must be ≥ 0 (the paper assumes β ≥ 0)').optional(),
});

/**
 * Built distributions by their validated spec: a JSON Lines table asks for the same F on every
 * line (the sine density costs ~1.4 ms to build, the whole table's integrals ~0.3 ms a line).
 * The last few are kept; the build is deterministic, so a cached one answers as a fresh one would.
 */
const distCache = new Map<string, Dist>();
const DIST_CACHE_SIZE = 16;
function cachedDist(spec: DistSpec): Dist {
  const key = JSON.stringify(spec);
  let d = distCache.get(key);
  if (d) {
    distCache.delete(key); // most recently used last
  } else {
    d = makeDist(spec, 'standard', 'distribution');
    if (distCache.size >= DIST_CACHE_SIZE) distCache.delete(distCache.keys().next().value!);
  }
  distCache.set(key, d);
  return d;
}

export function parseCutoffRequest(req: unknown) {
  const r = Request.safeParse(req);
  if (!r.success) {
    const e = firstIssue(r.error, '', req);
    throw new InputError(e.field, e.detail);
  }
  const { n, beta } = r.data;
  const shares = r.data.shares ?? equalShares(n);
  if (shares.length !== n) throw new InputError('shares', `must have n = ${n} entries (got ${shares.length})`);
  const sum = shares.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) > SHARE_SUM_TOL) throw new InputError('shares', `must sum to 1 (got ${sum})`);
  const spec = r.data.distribution;
  const dist = cachedDist(validateDist(spec, 'distribution'));
  if (!isContinuousSpec(dist.spec)) throw new InputError('distribution', 'atoms are outside the model: Pycia–Wang need a continuous F (ties break the efficient rule)');
  return { n, shares: shares.map((x) => x / sum), dist, beta };
}

/** One quantity from the two routes, combined (see `combine`). */
interface Combined {
  value: number;
  abserr: number;
  /** Both routes converged and agree within their errors. */
  converged: boolean;
  reason?: string;
}

/**
 * The p-space route (through the density) and the quantile-space route share no integrand,
 * partition or error estimate.
 * - Both converged and consistent (|a − b| ≤ both errors): the tighter value with its own error;
 *   the other route's interval contains it, so each confirms the other.
 * - Both converged but inconsistent: one of them is wrong about its error. Not converged, with an
 *   error covering both values (the tighter value ± the gap plus the looser error).
 * - One converged: that one alone. Neither: the finite one with the smaller error, not converged;
 *   neither finite: refused.
 */
export function combine(name: string, a: Estimate, b: Estimate): Combined {
  const okA = a.converged && Number.isFinite(a.value) && Number.isFinite(a.abserr);
  const okB = b.converged && Number.isFinite(b.value) && Number.isFinite(b.abserr);
  if (okA && okB) {
    const [best, other] = a.abserr <= b.abserr ? [a, b] : [b, a];
    const gap = Math.abs(a.value - b.value);
    if (gap <= a.abserr + b.abserr) return { value: best.value, abserr: best.abserr, converged: true };
    return {
      value: best.value,
      abserr: gap + other.abserr,
      converged: false,
      reason: `${name}: the density route gives ${a.value} ± ${a.abserr} and the quantile route ${b.value} ± ${b.abserr}, which disagree`,
    };
  }
  if (okA || okB) return { value: (okA ? a : b).value, abserr: (okA ? a : b).abserr, converged: true };
  // Neither converged: the finite one with the smaller error, flagged.
  const cands = [a, b].filter((e) => Number.isFinite(e.value) && Number.isFinite(e.abserr));
  if (cands.length === 0) throw new InputError('distribution', `${name} cannot be computed for this distribution (both the density and the quantile route fail); it is outside what the numerics can answer`);
  const best = cands.reduce((x, y) => (y.abserr < x.abserr ? y : x));
  return { value: best.value, abserr: best.abserr, converged: false, reason: `${name}: neither route reached its tolerance (error ${best.abserr.toPrecision(2)})` };
}

/**
 * The quantile route's error estimates times a safety factor of 10: next to a jump of Q between
 * two narrow normal parts (Q ~ √log there) Gauss–Kronrod's estimate fell short of the true error
 * by 1.4×, 1.6× and 7× (fixtures/pw/illcond-reference.json gen-58 and gen-46; two normals of sd
 * 3.7e-9 at ¼ and ¾); elsewhere it held with room (spikes, Beta ends, far supports).
 */
export const QUANTILE_ROUTE_SAFETY = 10;
function widen(q: QuantileValues): QuantileValues {
  const w = (e: Estimate): Estimate => ({ ...e, abserr: QUANTILE_ROUTE_SAFETY * e.abserr });
  return { ...q, T1: w(q.T1), T2: w(q.T2) };
}

/**
 * Whether the density route's answer needs the quantile route beside it, and why: it did not
 * converge or is not finite; its error is above 1e-9 of the values (the node-rounding bound grows
 * on spikes narrower than the doubles resolve); the density is unbounded at an end; or F had to be
 * reframed (far, narrow or extreme-scale supports). Tame markets — the β* table of uniform and
 * sine markets — are answered by the density route alone (the quantile route inverts F at every
 * node: 5 ms a line for the sine density against 0.15 ms).
 */
function secondRouteNeeded(dist: Dist, T1: Estimate, T2: Estimate): string | undefined {
  if (!T1.converged || !T2.converged || ![T1.value, T1.abserr, T2.value, T2.abserr].every(Number.isFinite)) return 'the density route did not converge';
  const scale = Math.abs(T1.value) + Math.abs(T2.value);
  if (T1.abserr > 1e-9 * scale || T2.abserr > 1e-9 * scale) return 'the density route’s error is above 1e-9 of the values';
  if (dist.singularAt.lo || dist.singularAt.hi) return 'the density is unbounded at an end';
  if (frameOf(dist, 'standard')) return 'F was reframed: far from 0, narrow or at an extreme scale';
  return undefined;
}

export const pwCutoff: Quantity = {
  name: 'pw.cutoff',
  description: `Pycia–Wang: T1, T2 and β* = −nT1/(T1+T2) of a market (n ≤ ${N_MAX}, shares default equal); with beta, whether condition (T1-1) holds; errors, converged`,
  evaluate(req) {
    const { n, shares, dist, beta } = parseCutoffRequest(req);
    const groups = groupShares(shares);
    const a = cutoffGroups(dist, n, groups);
    const why = secondRouteNeeded(dist, a.T1, a.T2);
    const b = why ? widen(cutoffQuantile(dist, n, groups)) : undefined;
    const T1 = b ? combine('T1', a.T1, b.T1) : { ...a.T1 };
    const T2 = b ? combine('T2', a.T2, b.T2) : { ...a.T2 };
    const bs = betaStar(T1.value, T2.value, n);
    const bsErr = betaStarError({ ...T1 }, { ...T2 }, n);
    const reasons = [T1.reason, T2.reason].filter((r): r is string => r !== undefined);
    // β* is undefined when T1 + T2 = 0 within its error (Theorem 2 says it is negative).
    if (!(Math.abs(T1.value + T2.value) > T1.abserr + T2.abserr)) reasons.push('T1 + T2 is 0 within its error: β* is not determined');
    const out: Record<string, Json> = { T1: T1.value, T2: T2.value, betaStar: bs };
    if (beta !== undefined) {
      const cond = conditionT11(T1.value, T2.value, n, beta);
      const err = (1 + beta / n) * T1.abserr + (beta / n) * T2.abserr;
      out.efficient = cond >= 0;
      out.condition = cond;
      // At β = β* the condition is exactly 0: within its error the answer is not known.
      if (!(Math.abs(cond) > err)) reasons.push(`condition (T1-1) is ${cond} ± ${err}: whether trade can be efficient at beta = ${beta} is undecided`);
      out.abserr = { T1: T1.abserr, T2: T2.abserr, betaStar: bsErr, condition: err };
    } else out.abserr = { T1: T1.abserr, T2: T2.abserr, betaStar: bsErr };
    // Which routes answered, and why the second ran (so a reader can tell a checked number from a single one).
    out.routes = b ? `density and quantile routes (${why})` : 'density route (converged well within tolerance on a well-conditioned F)';
    out.converged = reasons.length === 0;
    if (reasons.length) out.reason = reasons.join('; ');
    for (const [k, v] of Object.entries({ T1: T1.value, T2: T2.value, betaStar: bs }))
      if (!Number.isFinite(v)) throw new InputError('distribution', `${k} is not finite for this distribution: outside what the numerics can answer`);
    return out;
  },
};
