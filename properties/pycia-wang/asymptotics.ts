/**
 * Pycia & Wang (2015), large markets: Lemma 2's limit of T_2, Lemma 3 and Theorem 3 under
 * m-fold replication. Limits are checked as trends along m = 2^k (or N = 2^k); rates are the
 * suite's own empirical findings and are reported as such.
 */
import fc from 'fast-check';
import { claim } from '../../src/claims/registry.ts';
import type { CertifyResult, CheckResult, PropertyContext } from '../../src/claims/types.ts';
import { trendFigure, trendNumbers } from '../../src/claims/trend.ts';
import { makeDist } from '../../src/distributions/index.ts';
import type { Dist, DistSpec } from '../../src/distributions/types.ts';
import { betaArb as betaDistArb, describeDist, distLabels, distSpecArb, simplifyDist, SINE_MARKET, supportArb, UNIFORM01 } from '../../src/generators/distributions.ts';
import { describeMarket, marketArb, marketLabels, simplifyMarket } from '../../src/generators/pycia-wang.ts';
import { lgamma, quad, quadOptions } from '../../src/numeric/index.ts';
import { decreasingFrom, fitLine, successiveRatios, trend } from '../../src/numeric/trend.ts';
import type { Precision } from '../../src/numeric/types.ts';
import { brent } from '../../src/numeric/index.ts';
import { cutoffGroups } from '../../src/models/pycia-wang/cutoff.ts';
import { vStar, type MarketSpec } from '../../src/models/pycia-wang/market.ts';
import { replicatedT1, tailOf } from '../../src/models/pycia-wang/large-markets.ts';
import { cutoffBy, type Route } from '../../src/models/pycia-wang/routes.ts';
import { decodeDist, decodeMarket, intFkQuantile, QUANTILE_ROUTE } from './common.ts';

/** Certify by the quantile route at high precision. */
function certifyQuantile<I>(check: (input: I, ctx: PropertyContext, route: Route) => CheckResult) {
  return (input: I, ctx: PropertyContext): CertifyResult => ({ ...check(input, { ...ctx, precision: 'high' }, 'quantile'), route: `${QUANTILE_ROUTE}, high precision` });
}


/**
 * Coverage minimums (`cover`) are about 0.4 × the share the generator gives each label (measured
 * over 300 samples, seed 3; e.g. mixtures 21–25 %, vertex shares 24 %, n > 30 21 %): low enough
 * that a default-depth run of any seed meets them, high enough that a generator which stopped
 * producing the label fails.
 */
const pow2 = (k: number) => 2 ** k;

/**
 * Whether the limit regime begins within the N these trends compute (N ≤ n·2^20): the top tenth of
 * the support must hold at least 1e-3 of the mass. A limit is a statement about all F, but a finite
 * trend can only see it once F^N has started to leave the top: normal(−0.3, sd 0.05) truncated to
 * [0, 1] has density 1e-120 of its peak at v̄, and its T2 starts to approach v̄0 − v̄ only near
 * N ~ 10^120. Such F are outside what a finite check can decide, so the asymptotic claims' generators
 * leave them out (and say so here), rather than report them as counterexamples.
 */
export function limitReachable(spec: DistSpec): boolean {
  const d = makeDist(spec);
  return d.sf(d.hi - 0.1 * (d.hi - d.lo)) >= 1e-3;
}

/** T_2 of an N-agent market (shares do not enter T_2), by a route. */
function T2At(dist: Dist, N: number, precision: Precision, route: Route = 'density') {
  return cutoffBy(route, dist, N, [{ share: 1 / N, count: N }], precision).T2;
}

// ---------------------------------------------------------------- T2 → v̄0 − v̄

const T2_KS = Array.from({ length: 14 }, (_, i) => i + 1);

function t2Trend(spec: DistSpec, precision: Precision, route: Route = 'density') {
  const dist = makeDist(spec, precision);
  const limit = dist.mean() - dist.hi;
  const Ns = T2_KS.map(pow2);
  const t2s = Ns.map((N) => T2At(dist, N, precision, route));
  const errs = t2s.map((t) => t.value - limit);
  const fit = trend(Ns, errs, { fitLast: 6 });
  return { Ns, errs, abserrs: t2s.map((t) => t.abserr), fit, limit, dist };
}

/**
 * Bounds on v̄ − E[max of N draws] = ∫F^N from the quantile function alone (no integral): with
 * t = F^{-1}(1 − q), ∫_t^{v̄}F^N ≥ (v̄ − t)(1 − q)^N, and ∫F^N ≤ (t − v̲)(1 − q)^N + (v̄ − t).
 * Both hold for every F and q; the lower bound is at most the upper, and both → 0 as N grows for
 * any F (the upper one with q = c/N, c → ∞ slowly). They characterise the limit v̄_0 − v̄ of T_2
 * without the integral ∫F^N the model builds T_2 from, so a T_2 off by a constant leaves them.
 */
export function maxGapBounds(dist: Dist, N: number): { lower: number; upper: number } {
  let lower = 0;
  let upper = dist.hi - dist.lo;
  for (let c = 1 / 8; c <= 1024; c *= 2) {
    const q = c / N;
    if (!(q < 1)) break;
    const t = dist.isf(q);
    const stay = Math.exp(N * Math.log1p(-q));
    lower = Math.max(lower, (dist.hi - t) * stay);
    upper = Math.min(upper, (t - dist.lo) * stay + (dist.hi - t));
  }
  return { lower, upper };
}

/**
 * T_2(N) → v̄_0 − v̄: the model's T_2(N) minus the limit (from the mean and v̄ only) must lie in
 * [lower, upper] of maxGapBounds at every N = 2..16384 (within T_2's error estimate plus the
 * declared abs × max(1, |v̲|, |v̄|)), fall at every doubling, and the limit must be negative.
 */
function t2LimitCheck(spec: DistSpec, ctx: PropertyContext, route: Route): CheckResult {
  const { Ns, errs, abserrs, fit, limit, dist } = t2Trend(spec, ctx.precision, route);
  const floor = (ctx.tolerance.abs ?? 0) * Math.max(1, Math.abs(dist.lo), Math.abs(dist.hi));
  const falls = decreasingFrom(errs, 1);
  const negative = limit < 0;
  let worst = Number.POSITIVE_INFINITY;
  let outside: number | null = null;
  const lowers: number[] = [];
  const uppers: number[] = [];
  Ns.forEach((N, k) => {
    const { lower, upper } = maxGapBounds(dist, N);
    lowers.push(lower);
    uppers.push(upper);
    const e = abserrs[k] + floor;
    // Slack to the nearer bound, in units of the bracket's width (≥ 0 inside).
    const slack = Math.min(errs[k] - lower + e, upper + e - errs[k]) / Math.max(upper - lower, e);
    if (slack < worst) worst = slack;
    if (slack < 0 && outside === null) outside = N;
  });
  const fallMargin = Math.min(...errs.slice(1).map((e, i) => (errs[i] - e) / Math.abs(errs[i])));
  return {
    holds: falls && outside === null && negative,
    margin: Math.min(fallMargin, worst),
    numbers: { limit, N: Ns, error: errs, lowerBound: lowers, upperBound: uppers, firstOutside: outside, empiricalConstant: fit.constant, ...trendNumbers(fit, 'empiricalRate'), errorRatios: fit.ratios },
  };
}

export const t2Limit = claim<DistSpec>({
  id: 'PW.T2.limit',
  paper: 'PW',
  source: 'Pycia & Wang (2015), Lemma 2 and the discussion before Lemma 3 ("T2 stabilises to a negative constant"); Theorem 3 proof',
  statement: 'T2 → v̄0 − v̄ as n grows (checked as a trend along N = 2^k; the rate is an empirical finding)',
  verdict: 'holds',
  tolerance: {
    abs: 0,
    why: 'bounds, not a fit: T2(N) − (v̄0 − v̄) must lie between bounds on v̄ − E[max] that the quantile function alone gives (no integral), at every N = 2^1..2^14, within T2’s quadrature error estimate (the declared abs, × max(1, |v̲|, |v̄|), adds 0: the bounds are exact inequalities), and fall at every doubling; the fitted rate is reported as an empirical finding',
  },
  input: distSpecArb().filter(limitReachable),
  runs: 20,
  property: (spec, ctx) => t2LimitCheck(spec, ctx, 'density'),
  certify: certifyQuantile(t2LimitCheck),
  labels: distLabels,
  cover: [
    { label: 'dist:mixture', min: 0.05 },
    { label: 'dist:piecewise-uniform', min: 0.08 },
  ],
  describe: (s) => `F = ${describeDist(s)}`,
  simplify: simplifyDist,
  decode: (j) => decodeDist(j),
  figures: () => {
    const u = t2Trend(UNIFORM01, 'standard');
    const s = t2Trend(SINE_MARKET, 'standard');
    return [trendFigure({ id: 'PW.T2.limit', title: 'T₂(N) − (v̄₀ − v̄) = ∫F^N along N = 2^k', yLabel: 'error' }, [
      { name: 'uniform(0,1)', color: '#d62728', xs: u.Ns, ys: u.errs },
      { name: 'sine market', color: '#1f77b4', xs: s.Ns, ys: s.errs },
    ])];
  },
});

// ---------------------------------------------------------------- Lemma 3(a)

/**
 * v_1* of Lemma 3's market without the quantile function: the root of 1 − F(v) = 1 − (1/m)^{1/(N−1)}
 * by Brent's method on the survival function (the certification route of PW.Lemma3a.asymptotics).
 */
function vStarBySf(dist: Dist, r: number, N: number): number {
  const target = -Math.expm1(Math.log(r) / (N - 1));
  return brent((v) => dist.sf(v) - target, dist.lo, dist.hi, { xtol: 1e-15 * Math.max(1, Math.abs(dist.hi)), rtol: 1e-15, maxiter: 200 }).root;
}

/**
 * Lemma 3's market: the m-fold replication of r = (1, 0, …, 0) with n base agents. Two routes:
 * 'density' — v_1* through the quantile function (the model's vStar) and ∫F^N by p-space
 * quadrature of the cdf; 'quantile' — v_1* by Brent on the survival function and ∫F^N in
 * quantile space.
 */
function lemma3aRows(spec: DistSpec, n: number, ks: number[], precision: Precision, route: Route = 'density') {
  const dist = makeDist(spec, precision);
  const { alpha, c } = tailOf(spec)!;
  const o = quadOptions(precision);
  const gamma = Math.exp(lgamma(1 + 1 / alpha));
  const rows = ks.map((k) => {
    const m = pow2(k);
    const N = m * n;
    const v1 = route === 'density' ? vStar(dist, 1 / m, N) : vStarBySf(dist, 1 / m, N);
    const ratio1 = (dist.hi - v1) / (Math.pow(c, -1 / alpha) * Math.pow(Math.log(m) / (N - 1), 1 / alpha));
    // F^N lives within (cN)^{−1/α} of v̄: breakpoints on that scale.
    const s = Math.pow(c * N, -1 / alpha);
    const pts = [1, 4, 16, 64, 256].map((j) => dist.hi - j * s).filter((x) => x > dist.lo);
    const I =
      route === 'density'
        ? quad((p) => Math.pow(dist.cdf(p), N), dist.lo, dist.hi, { ...o, points: [...dist.breakpoints, ...pts] })
        : intFkQuantile(dist, N, dist.lo, dist.hi, precision);
    const ratio2 = (Math.pow(N, 1 / alpha) * I.value) / (gamma * Math.pow(c, -1 / alpha));
    return { m, N, ratio1, ratio2 };
  });
  return { alpha, c, rows };
}

const L3A_KS = Array.from({ length: 17 }, (_, i) => i + 4);

interface TailCase {
  dist: DistSpec;
  n: number;
}

/**
 * Analytic at v̄ with a known tail, and (see limitReachable) a tail constant c·(v̄ − v̲)^α ≥ 0.01.
 * A third of the cases are Beta with integer b ∈ {2, 3, 4} (α = b > 1, f(v̄) = 0): the general
 * generator reaches α > 1 only through its Beta and mixtures, about one case in ten, which a
 * 12-case run would often miss (issue #9).
 */
const tailCaseArb: fc.Arbitrary<TailCase> = fc
  .record({
    dist: fc.oneof(
      { arbitrary: distSpecArb({ analyticTop: true }), weight: 2 },
      { arbitrary: supportArb.chain((s) => betaDistArb(s, true)).filter((d) => d.kind === 'beta' && d.b >= 2), weight: 1 },
    ),
    n: fc.integer({ min: 2, max: 10 }),
  })
  .filter(({ dist }) => {
    const t = tailOf(dist);
    if (!t || !limitReachable(dist)) return false;
    const w = makeDist(dist).hi - makeDist(dist).lo;
    return t.c * Math.pow(w, t.alpha) >= 0.01;
  });

export const lemma3a = claim<TailCase>({
  id: 'PW.Lemma3a.asymptotics',
  paper: 'PW',
  source: 'Pycia & Wang (2015), Lemma 3(a), eqs. (L3-1), (L3-2) and Appendix A.3',
  statement: '(v̄ − v1*)/(c^{−1/α}(log m/(N−1))^{1/α}) → 1 and N^{1/α}∫F^N → Γ(1+1/α)c^{−1/α} along m = 2^k',
  verdict: 'holds',
  tolerance: {
    rel: 0.15,
    why: 'a trend: the errors |ratio − 1| must fall over the last three doublings (m = 2^17 → 2^20) and end below the declared rel 0.15 (measured by scripts/measure-pw-tolerances.ts over 25 generated cases including α = 2, 3: largest final error 0.011, so 0.15 is × 14) — the next Taylor term is O((log m/N)^{1/α}), ≈ 0.06 at N = 2^20 for α = 4, so 0.15 leaves room for its coefficient without accepting a wrong constant (an error already below 1e-6 of the constant need not fall further)',
  },
  input: tailCaseArb,
  runs: 12,
  property: (tc, ctx) => lemma3aCheck(tc, ctx, 'density'),
  certify: (tc, ctx) => ({ ...lemma3aCheck(tc, { ...ctx, precision: 'high' }, 'quantile'), route: 'v1* by Brent on the survival function (no quantile function), ∫F^N by quantile-space quadrature; high precision' }),
  labels: ({ dist, n }) => {
    const alpha = tailOf(dist)?.alpha;
    return [...distLabels(dist), `alpha:${alpha}`, ...(alpha !== undefined && alpha > 1 ? ['alpha>1'] : []), n === 2 ? 'n=2' : 'n>2'];
  },
  cover: [
    { label: 'alpha>1', min: 0.12 },
    { label: 'alpha:1', min: 0.4 },
    { label: 'n>2', min: 0.6 },
  ],
  describe: ({ dist, n }) => `base n = ${n}, r = (1, 0, …, 0), F = ${describeDist(dist)}`,
  simplify: ({ dist, n }) => [
    ...(n > 2 ? [{ dist, n: 2 }] : []),
    ...simplifyDist(dist).filter((d) => tailOf(d) !== null).map((d) => ({ dist: d, n })),
  ],
  decode: (j) => {
    const m = decodeMarket({ n: (j as TailCase).n, shares: Array.from({ length: (j as TailCase).n }, (_, i) => (i === 0 ? 1 : 0)), dist: (j as TailCase).dist });
    if (!tailOf(m.dist)) throw new Error('input.dist: F must be analytic at v̄ with a known tail (Lemma 3)');
    return { dist: m.dist, n: m.n };
  },
  figures: () => {
    const rows = lemma3aRows(SINE_MARKET, 2, L3A_KS, 'standard').rows;
    const ub = lemma3aRows({ kind: 'beta', a: 2, b: 2, lo: 0, hi: 1 }, 2, L3A_KS, 'standard').rows;
    return [trendFigure({ id: 'PW.Lemma3a.asymptotics', title: 'Lemma 3(a): |ratio − 1| for (L3-1) and (L3-2) along m = 2^k (base n = 2, r = (1, 0))', yLabel: '|ratio − 1|' }, [
      { name: '(L3-1) sine market', color: '#1f77b4', xs: rows.map((r) => r.N), ys: rows.map((r) => Math.abs(r.ratio1 - 1)) },
      { name: '(L3-2) sine market', color: '#2ca02c', xs: rows.map((r) => r.N), ys: rows.map((r) => Math.abs(r.ratio2 - 1)) },
      { name: '(L3-1) beta(2,2), α = 2', color: '#ff7f0e', xs: ub.map((r) => r.N), ys: ub.map((r) => Math.abs(r.ratio1 - 1)) },
    ])];
  },
});

/** An error of (L3-2)'s ratio below this is converged: it need not fall further (quadrature noise decides its last digits). */
const L3A_SETTLED = 1e-6;

function lemma3aCheck({ dist, n }: TailCase, ctx: PropertyContext, route: Route): CheckResult {
    const tol = ctx.tolerance.rel ?? 0;
    const { alpha, c, rows } = lemma3aRows(dist, n, L3A_KS, ctx.precision, route);
    const e1 = rows.map((r) => Math.abs(r.ratio1 - 1));
    const e2 = rows.map((r) => Math.abs(r.ratio2 - 1));
    const K = rows.length - 1;
    const ok1 = e1[K] < e1[K - 3] && e1[K] < tol;
    const ok2 = (e2[K] < e2[K - 3] || e2[K] < L3A_SETTLED) && e2[K] < tol;
    return {
      holds: ok1 && ok2,
      margin: Math.min(1 - e1[K] / tol, 1 - e2[K] / tol),
      numbers: {
        alpha, c,
        m: rows.map((r) => r.m),
        ratio1: rows.map((r) => r.ratio1),
        ratio2: rows.map((r) => r.ratio2),
        ...trendNumbers(trend(rows.map((r) => r.N), e1, { fitLast: 6 }), 'rate1'),
        ...trendNumbers(trend(rows.map((r) => r.N), e2, { fitLast: 6 }), 'rate2'),
      },
    };
}

/**
 * Whether N is already in Lemma 3(a)'s regime: across the scale where F^N lives, s = (cN)^{−1/α}
 * to 16s below v̄, 1 − F(v) must be within 25% of c(v̄ − v)^α. Before that a trend is transient
 * (a density dip near v̄ can make T1 rise and fall again), and the case is not judged.
 */
export function inLimitRegime(dist: Dist, spec: DistSpec, N: number): boolean {
  const t = tailOf(spec);
  if (!t) return true;
  const s = Math.pow(t.c * N, -1 / t.alpha);
  return [s, 4 * s, 16 * s].every((d) => {
    if (d >= dist.hi - dist.lo) return false;
    const r = dist.sf(dist.hi - d) / (t.c * Math.pow(d, t.alpha));
    return r > 0.8 && r < 1.25;
  });
}

// ---------------------------------------------------------------- Lemma 3(b)

const L3B_KS = Array.from({ length: 15 }, (_, i) => i);

export const lemma3b = claim<MarketSpec>({
  id: 'PW.Lemma3b.T1-bounded',
  paper: 'PW',
  source: 'Pycia & Wang (2015), Lemma 3(b) and its proof',
  statement: 'Along m-fold replication T1 stays bounded, and at equal shares T1 → 0⁺',
  verdict: 'holds',
  tolerance: {
    abs: 1e-12,
    why: 'trends: along m = 2^0..2^14 the replicated T1 stays within its first three values widened by v̄ − v̲ and its last increments shrink (up to the declared abs × (v̄ − v̲), the rounding of T1’s brackets at N = 2^14 measured at ~1e-14 of the width); at equal shares T1 ≥ −(its error estimate) at every N, falling at each of the last three doublings with a fitted log–log slope below −0.1/α (the rate itself is reported as an empirical finding)',
  },
  input: marketArb({ nMax: 10, analyticTop: true }).filter((m) => limitReachable(m.dist)),
  runs: 12,
  // The → 0⁺ half needs N = 2^14 inside Lemma 3(a)'s regime near v̄; `limitReachable` filters the
  // generator cheaply and conservatively, the property's own test is stricter, so some F are left
  // undecided by design: measured 6 of 120 cases over seeds 1..10 (at most 2 of 12 in a run).
  // Four of twelve (p ≈ 0.002 at a 5% rate) would mean the filter or the model changed.
  maxUndecided: 0.3,
  property: (spec, ctx) => lemma3bCheck(spec, ctx, 'density'),
  certify: certifyQuantile(lemma3bCheck),
  labels: marketLabels,
  cover: [
    { label: 'shares:vertex', min: 0.08 },
    { label: 'shares:equal', min: 0.08 },
  ],
  describe: describeMarket,
  simplify: (s) => simplifyMarket(s),
  decode: (j) => decodeMarket(j),
  figures: () => {
    const Ns = L3B_KS.slice(1).map(pow2);
    const curve = (spec: DistSpec) => {
      const d = makeDist(spec);
      return Ns.map((N) => cutoffGroups(d, N, [{ share: 1 / N, count: N }]).T1.value);
    };
    return [trendFigure({ id: 'PW.Lemma3b.T1-bounded', title: 'Lemma 3(b): T₁ at equal shares along N = 2^k (→ 0⁺)', yLabel: 'T₁' }, [
      { name: 'uniform(0,1)', color: '#d62728', xs: Ns, ys: curve(UNIFORM01) },
      { name: 'sine market', color: '#1f77b4', xs: Ns, ys: curve(SINE_MARKET) },
      { name: 'beta(2,3), α = 3', color: '#ff7f0e', xs: Ns, ys: curve({ kind: 'beta', a: 2, b: 3, lo: 0, hi: 1 }) },
    ])];
  },
});

function lemma3bCheck(spec: MarketSpec, ctx: PropertyContext, route: Route): CheckResult {
    const dist = makeDist(spec.dist, ctx.precision);
    const rep = L3B_KS.map((k) => replicatedT1(spec, pow2(k), ctx.precision, dist, route).T1.value);
    const w = dist.hi - dist.lo;
    const head = rep.slice(0, 3);
    const lo = Math.min(...head) - w;
    const hi = Math.max(...head) + w;
    const bounded = rep.every((t) => t >= lo && t <= hi);
    const d = rep.slice(1).map((t, i) => Math.abs(t - rep[i]));
    const settles = d[d.length - 1] <= d[d.length - 4] + (ctx.tolerance.abs ?? 0) * w;
    const eqN = L3B_KS.slice(1).map((k) => pow2(k));
    if (!inLimitRegime(dist, spec.dist, eqN[eqN.length - 1])) {
      return { holds: true, numbers: { N: eqN[eqN.length - 1] }, undecided: `N = ${eqN[eqN.length - 1]} is not yet in Lemma 3(a)'s regime near v̄ for this F` };
    }
    const eq = eqN.map((N) => cutoffBy(route, dist, N, [{ share: 1 / N, count: N }], ctx.precision).T1);
    const eqv = eq.map((e) => e.value);
    const positive = eq.every((e) => e.value >= -e.abserr);
    const K = eqv.length - 1;
    // → 0⁺ as a trend: falling at each of the last three doublings, with a fitted log–log slope below
    // −0.1/α (Lemma 3(b)'s bound decays like (log N/N)^{1/α}; for Beta(2, 3), α = 3, the fit gives −0.26).
    const alpha = tailOf(spec.dist)?.alpha ?? 1;
    const eqTrend = trend(eqN, eqv, { fitLast: 6 });
    const rateEqual = eqTrend.slope;
    // decreasingFrom(…, K − 2) compares the last three steps: K−2 < K−3, K−1 < K−2, K < K−1.
    const toZero = decreasingFrom(eqv, K - 2) && rateEqual <= -0.1 / alpha;
    return {
      holds: bounded && settles && positive && toZero,
      margin: bounded && settles && positive && toZero ? 1 : -1,
      numbers: { m: L3B_KS.map(pow2), T1replicated: rep, band: [lo, hi], N: eqN, T1equal: eqv, alpha, ...trendNumbers(eqTrend, 'empiricalRateEqual'), T1equalRatios: eqTrend.ratios },
    };
}

// ---------------------------------------------------------------- Theorem 3

/** β* of the m-fold replication along m = 2^k, k = 0..K. */
export function betaStarReplicated(spec: MarketSpec, K: number, precision: Precision) {
  return betaStarReplicatedChecked(spec, K, precision).values;
}

/** β* along m = 2^k with its error bound, propagated from T1's and T2's error estimates through −NT1/(T1+T2). */
export function betaStarReplicatedChecked(spec: MarketSpec, K: number, precision: Precision, route: Route = 'density') {
  const dist = makeDist(spec.dist, precision);
  const gs = Array.from({ length: K + 1 }, (_, k) => replicatedT1(spec, pow2(k), precision, dist, route));
  return { values: gs.map((g) => g.betaStar), errors: gs.map((g) => g.betaStarErr) };
}

const THM3_L = 1;
/**
 * Doublings at most: β* ≈ N·T1/|T2| multiplies the brackets' absolute rounding (~1e-16) by N·m,
 * which reaches 1e-4 in β* near m = 2^20 (N = 2^21) and 0.1 by m = 2^24: beyond 2^20, double
 * precision, not the theorem, decides.
 */
const THM3_KMAX = 20;
/** The first doubling whose increments are judged (m = 4096). */
const THM3_KMIN = 12;

export const thm3 = claim<MarketSpec>({
  id: 'PW.Thm3.replication',
  paper: 'PW',
  source: 'Pycia & Wang (2015), Theorem 3 and Definition 2',
  statement: 'Under m-fold replication with F analytic at v̄, β*(2^K) exceeds max(β*(1), L) and the last doubling increments stay bounded away from 0',
  verdict: 'holds',
  tolerance: {
    abs: 0,
    why: `a trend: doubling m until β* passes max(β*(1), L = ${THM3_L}) (at most m = 2^${THM3_KMAX}), then, from m = 2^12 on, three more doublings must each raise β* by at least a quarter of their mean increment, which must be positive — growth is only logarithmic when f(v̄) > 0, so increments stay roughly constant rather than growing`,
  },
  input: marketArb({ nMax: 8, analyticTop: true }).filter((m) => limitReachable(m.dist)),
  runs: 10,
  property: (spec, ctx) => thm3Check(spec, ctx, 'density'),
  certify: certifyQuantile(thm3Check),
  labels: marketLabels,
  cover: [
    { label: 'shares:vertex', min: 0.08 },
    { label: 'shares:equal', min: 0.08 },
  ],
  describe: describeMarket,
  simplify: (s) => simplifyMarket(s),
  decode: (j) => decodeMarket(j),
  figures: () => {
    const K = 16;
    const ms = Array.from({ length: K + 1 }, (_, k) => pow2(k));
    const along = (dist: DistSpec) => betaStarReplicated({ n: 2, shares: [1, 0], dist }, K, 'standard');
    const u = along(UNIFORM01);
    const sine = along(SINE_MARKET);
    return [
      {
        id: 'PW.Thm3.replication',
        title: 'Theorem 3: β* of the m-fold replication of n = 2, r = (1, 0), along m = 2^k',
        caption: 'Growth is logarithmic when f(v̄) > 0: for uniform(0,1) β* ≈ 2(ln m − 1) (grey), so each doubling adds about 2 ln 2 ≈ 1.39 in the limit.',
        x: { label: 'm', scale: 'log' as const },
        y: { label: 'β*', scale: 'linear' as const },
        series: [
          { name: 'uniform(0,1)', color: '#d62728', style: 'line+dots' as const, points: ms.map((m, i) => [m, u[i]] as [number, number]) },
          { name: 'sine market', color: '#1f77b4', style: 'line+dots' as const, points: ms.map((m, i) => [m, sine[i]] as [number, number]) },
          { name: '2(ln m − 1), uniform closed form', color: '#7f7f7f', style: 'line' as const, points: ms.filter((m) => m >= 4).map((m) => [m, 2 * (Math.log(m) - 1)] as [number, number]) },
        ],
      },
    ];
  },
});

function thm3Check(spec: MarketSpec, ctx: PropertyContext, route: Route): CheckResult {
    const { values: bs, errors } = betaStarReplicatedChecked(spec, THM3_KMAX, ctx.precision, route);
    const target = Math.max(bs[0], THM3_L);
    // Early doublings can be irregular (oscillating F); the theorem speaks of the tail, so increments
    // are judged from m = 2^THM3_KMIN on, once β* has passed the target.
    const k = bs.findIndex((b, i) => i >= THM3_KMIN && b > target);
    if (k < 0 || k + 3 > THM3_KMAX) {
      // The theorem is a limit: not crossing by m = 2^17 within double precision is not a counterexample.
      return { holds: true, margin: 0, numbers: { betaStar: bs, target, crossedAt: null }, undecided: `β* did not pass max(β*(1), ${THM3_L}) by m = 2^${THM3_KMAX - 3}` };
    }
    const inc = [bs[k + 1] - bs[k], bs[k + 2] - bs[k + 1], bs[k + 3] - bs[k + 2]];
    const mean = (inc[0] + inc[1] + inc[2]) / 3;
    // Judge only increments the numerics resolve: β*'s error bound well below a tenth of the mean increment.
    const worstErr = Math.max(...errors.slice(0, k + 4));
    if (!(worstErr < 0.1 * Math.abs(mean))) {
      return { holds: true, numbers: { betaStar: bs.slice(0, k + 4), errors: errors.slice(0, k + 4) }, undecided: `β*'s error bound ${worstErr.toExponential(1)} is not below a tenth of the increments` };
    }
    const holds = mean > 0 && inc.every((d) => d >= 0.25 * mean);
    // β* grows like ln m, so the trend is linear in k = log2 m: its slope (β* gained per doubling) ± s.e.
    // over the judged window, and the increments' successive ratios (≈ 1 when growth is logarithmic).
    const growth = fitLine([k, k + 1, k + 2, k + 3], bs.slice(k, k + 4));
    return {
      holds,
      margin: mean > 0 ? Math.min(...inc) / mean - 0.25 : -1,
      numbers: { betaStar: bs.slice(0, k + 4), betaStarError: worstErr, target, crossedAt: pow2(k), increments: inc, incrementRatios: successiveRatios(inc), growthPerDoubling: growth.slope, growthPerDoublingSE: growth.slopeSE },
    };
}
