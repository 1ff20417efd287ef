/**
 * Pycia & Wang (2015), Sections 2–3: T_1, T_2, condition (T1-1), β* — the claims that
 * concern one market. Each checks the paper's statement against a second route to the
 * same number (a different derivation, a closed form, Monte Carlo, exact arithmetic), and
 * each certifies what it finds by a route its property does not take (`certify`): the
 * property reads the model's T_1/T_2/β* (density-space quadrature), the certification reads
 * quantile-space quadrature or, for uniform and piecewise-uniform F, exact arithmetic.
 * Every tolerance applied is the claim's declared one (ctx.tolerance), never a literal.
 */
import fc from 'fast-check';
import { z } from 'zod';
import { InputError } from '../../src/distributions/schema.ts';
import type { Dist } from '../../src/distributions/types.ts';
import { claim } from '../../src/claims/registry.ts';
import type { Certificate, CertifyResult, CheckResult, PropertyContext } from '../../src/claims/types.ts';
import { enclosureCertificate, t25Certificate, t25Exact } from './exact-certificates.ts';
import { distLabels, distSpecArb, simplifyDist } from '../../src/generators/distributions.ts';
import { gridReal } from '../../src/generators/numbers.ts';
import {
  betaArb, describeMarket, MARKET_COVER, marketArb, marketLabels, mutateMarket, normalise, sharesArb, simplifyAgentCase, simplifyMarket,
} from '../../src/generators/pycia-wang.ts';
import { monteCarlo, quad, quadOptions } from '../../src/numeric/index.ts';
import type { Precision } from '../../src/numeric/types.ts';
import { cutoffValues, groupShares, middleTerm, T2Definition, type Estimate } from '../../src/models/pycia-wang/cutoff.ts';
import { exactCutoff, exactIntFk, hasExactPath } from '../../src/models/pycia-wang/exact.ts';
import { midpoint, sign, sub, toNumber, width } from '../../src/numeric/rational.ts';
import { equalShares, vStar, type MarketSpec } from '../../src/models/pycia-wang/market.ts';
import { cutoffQuantile } from '../../src/models/pycia-wang/quantile.ts';
import {
  build, decodeMarket, decodeWith, EXACT_ROUTE, exactAdd, exactCompare, exactNumber, intFkQuantile, QUANTILE_ROUTE, scaleOf, viaDensity, viaQuantile,
  type CutoffRoute,
} from './common.ts';

/** The declared absolute tolerance (0 when a claim declares none). */
const absOf = (ctx: PropertyContext) => ctx.tolerance.abs ?? 0;
/**
 * Coverage minimums (`cover`) are about 0.4 × the share the generator gives each label (measured
 * over 300 samples, seed 3; e.g. mixtures 21–25 %, vertex shares 24 %, n > 30 21 %): low enough
 * that a default-depth run of any seed meets them, high enough that a generator which stopped
 * producing the label fails.
 */
/** The declared relative tolerance (0 when a claim declares none). */
const relOf = (ctx: PropertyContext) => ctx.tolerance.rel ?? 0;

/** ∫_a^b F(p)^k dp in p-space by its own quadrature of the cdf (not through the model's one-pass integrals). */
function intFk(d: Dist, k: number, a: number, b: number, precision: Precision): Estimate {
  if (b <= a) return { value: 0, abserr: 0, converged: true };
  return quad((p) => Math.pow(d.cdf(p), k), a, b, { ...quadOptions(precision), points: [...d.breakpoints] });
}

/** A route's integrals ∫F^k: p-space (the cdf) beside the model's route, quantile space beside cutoffQuantile. */
type IntFk = (d: Dist, k: number, a: number, b: number, precision: Precision) => Estimate;

/** Certification at high precision by the quantile route, or by exact arithmetic where F is piecewise uniform. */
function certifyBy<I>(check: (input: I, ctx: PropertyContext, route: 'quantile') => CheckResult, exact?: (input: I, ctx: PropertyContext) => CheckResult, hasExact?: (input: I) => boolean) {
  return (input: I, ctx: PropertyContext): CertifyResult => {
    const hi = { ...ctx, precision: 'high' as const };
    if (exact && hasExact?.(input)) return { ...exact(input, hi), route: EXACT_ROUTE };
    return { ...check(input, hi, 'quantile'), route: `${QUANTILE_ROUTE}, high precision` };
  };
}

type Route = 'density' | 'quantile';
const routeOf = (spec: MarketSpec, precision: Precision, route: Route): CutoffRoute => (route === 'density' ? viaDensity(spec, precision) : viaQuantile(spec, precision));
const intFkOf = (route: Route): IntFk => (route === 'density' ? intFk : intFkQuantile);

// ---------------------------------------------------------------- Lemma 2

/** z of the Monte Carlo comparison: a false alarm once in ~3.5 million cases (two-sided normal). */
const MC_Z = 5;

/**
 * Lemma 2: T_2 from its definition (the nested double integral T2Definition) equals the model's
 * T_2 (cutoffGroups, which takes T_2 as v̄_0 − E[max] = −∫(F − F^n)) — so a wrong T_2 in the
 * model fails here — and equals v̄_0 minus a seeded Monte Carlo estimate of E[max] =
 * E[F^{-1}(U^{1/n})] within MC_Z standard errors.
 */
function lemma2Check(spec: MarketSpec, ctx: PropertyContext, route: Route): CheckResult {
  const m = build(spec, ctx.precision);
  const d = m.dist;
  const n = spec.n;
  const def = T2Definition(d, n, ctx.precision);
  const t2 = routeOf(spec, ctx.precision, route).T2;
  const mean = d.at(ctx.precision).mean();
  // max of n draws has CDF F^n: max = F^{-1}(U^{1/n}), through the upper tail when U^{1/n} is near 1.
  const mc = monteCarlo((rand) => {
    const logU = Math.log(1 - rand()) / n;
    return logU > -Math.LN2 ? d.isf(-Math.expm1(logU)) : d.quantile(Math.exp(logU));
  }, ctx.precision === 'high' ? 40_000 : 4_000, `lemma2:${route}:${n}`);
  const viaMC = mean - mc.mean;
  const tol = absOf(ctx) * scaleOf(d) + def.abserr + t2.abserr;
  const diff = Math.abs(def.value - t2.value);
  const mcBound = MC_Z * mc.stderr + tol;
  const mcDiff = Math.abs(def.value - viaMC);
  return {
    holds: diff <= tol && mcDiff <= mcBound,
    margin: Math.min(1 - diff / tol, 1 - mcDiff / mcBound),
    numbers: { T2definition: def.value, T2model: t2.value, meanMinusEmaxMC: viaMC, mcStderr: mc.stderr, diff, tol, diffOverScale: diff / scaleOf(d) },
    ...(def.converged && t2.converged ? {} : { undecided: 'quadrature did not converge' }),
  };
}

export const lemma2 = claim<MarketSpec>({
  id: 'PW.Lemma2.T2-identity',
  paper: 'PW',
  source: 'Pycia & Wang (2015), Lemma 2 (eq. L2), Appendix A.2',
  statement: 'T2 from its definition (nested double integral) equals v̄0 − E[max{v1..vn}] (the model’s T2, and Monte Carlo)',
  verdict: 'holds',
  tolerance: {
    abs: 1e-10,
    why: 'both sides by adaptive quadrature (the double integral carries its inner error through ∫F^{n−2}dF ≤ 1/(n−1)): |difference| ≤ abs × max(1, |v̲|, |v̄|) plus both error estimates. Measured by scripts/measure-pw-tolerances.ts (200 generated cases, standard and high precision, seed 1; floor set to 0): largest |difference| 6.2e-13 × scale; abs = that × 100 (safety factor), rounded up to a power of ten. Monte Carlo is judged by 5 standard errors (a false alarm once in ~3.5 million cases) plus the same',
  },
  input: marketArb({ equal: true }),
  runs: 60,
  property: (spec, ctx) => lemma2Check(spec, ctx, 'density'),
  certify: certifyBy((spec: MarketSpec, ctx, route) => lemma2Check(spec, ctx, route)),
  labels: (s) => [marketLabels(s)[0], ...distLabels(s.dist)],
  cover: [
    { label: 'n=2', min: 0.05 },
    { label: 'dist:mixture', min: 0.05 },
  ],
  describe: describeMarket,
  simplify: (s) => simplifyMarket(s, { equal: true }),
  decode: (j) => decodeMarket(j),
});

// ---------------------------------------------------------------- (T2-5)

interface AgentCase {
  market: MarketSpec;
  /** Which agent's bracket (index into shares). */
  agent: number;
}

function decodeAgentCase(j: unknown): AgentCase {
  const r = decodeWith({ agent: z.number().int().min(0) })(j);
  if (r.agent >= r.market.n) throw new InputError('input.agent', `must be below n = ${r.market.n}`);
  return { market: r.market, agent: r.agent };
}

const agentCaseArb: fc.Arbitrary<AgentCase> = marketArb().chain((market) =>
  fc.integer({ min: 0, max: market.n - 1 }).map((agent) => ({ market, agent })),
);

/** One agent's bracket from T_1's definition, and the pieces of (T2-5)'s right side by separate quadratures of one route. */
function t25Sides(ac: AgentCase, ctx: PropertyContext, route: Route) {
  const { market: spec, agent } = ac;
  const d = build(spec, ctx.precision).dist.at(ctx.precision);
  const n = spec.n;
  const r = spec.shares[agent];
  const c = routeOf(spec, ctx.precision, route);
  const vs = c.vStar[agent];
  const lhs = c.brackets[agent];
  const I = intFkOf(route);
  const above = I(d, n - 1, vs, d.hi, ctx.precision);
  const below = I(d, n, d.lo, vs, ctx.precision);
  const all = I(d, n, d.lo, d.hi, ctx.precision);
  const err = lhs.abserr + above.abserr + below.abserr + all.abserr;
  const corrected = d.hi / n - r * vs - above.value + ((n - 1) / n) * all.value;
  const printed = d.hi / n - vs * Math.pow(d.cdf(vs), n - 1) - (above.value - below.value) - all.value / n;
  return { lhs: lhs.value, corrected, printed, err, vs, r, scale: scaleOf(d), converged: lhs.converged && above.converged && below.converged && all.converged };
}

/** Which side of (T2-5) a claim compares the bracket with. */
type T25Side = 'corrected' | 'printed';

function t25Check(ac: AgentCase, ctx: PropertyContext, route: Route, side: T25Side): CheckResult {
  const s = t25Sides(ac, ctx, route);
  const rhs = s[side];
  const tol = absOf(ctx) * s.scale + s.err;
  const diff = Math.abs(s.lhs - rhs);
  return {
    holds: diff <= tol,
    margin: 1 - diff / tol,
    numbers: { lhs: s.lhs, [side === 'printed' ? 'printedRhs' : 'rhs']: rhs, ...(side === 'printed' ? { correctedRhs: s.corrected } : {}), vStar: s.vs, r: s.r, diff, tol, diffOverScale: diff / s.scale },
    ...(s.converged ? {} : { undecided: 'quadrature did not converge' }),
  };
}

/** Exact route: the only error left is the double rounding of v* and of the sums, bounded by `rounding`. */
function t25ExactCheck(ac: AgentCase, side: T25Side): CheckResult & { certificate?: Certificate } {
  const e = t25Exact(ac.market, ac.agent);
  // The identity holds on this case iff the two enclosures meet; it fails for certain iff the
  // difference has a sign. Margin: the gap in units of the enclosures' width.
  const diff = sub(e.lhs, e[side]);
  const holds = sign(diff) === 0;
  const w = Math.max(toNumber(width(e.lhs)) + toNumber(width(e[side])), Number.MIN_VALUE);
  const gap = holds ? 0 : Math.min(Math.abs(toNumber(diff.lo)), Math.abs(toNumber(diff.hi)));
  return {
    holds,
    margin: holds ? 1 : -gap / w,
    numbers: {
      lhs: toNumber(midpoint(e.lhs)),
      [side === 'printed' ? 'printedRhs' : 'rhs']: toNumber(midpoint(e[side])),
      correctedRhs: toNumber(midpoint(e.corrected)),
      diffLo: toNumber(diff.lo),
      diffHi: toNumber(diff.hi),
      enclosureWidth: w,
      arithmetic: EXACT_ROUTE,
    },
    // Where the sides certainly differ, the case carries what re-derives that from the market alone.
    ...(holds ? {} : { certificate: t25Certificate(ac.market, ac.agent, side, e) }),
  };
}

const t25Tol = {
  abs: 1e-12,
  why: 'left side by the model’s one-pass quadrature of T1’s integrands, right side by three separate quadratures of ∫F^k: |difference| ≤ abs × max(1, |v̲|, |v̄|) plus their error estimates. Measured by scripts/measure-pw-tolerances.ts (200 generated cases, standard and high precision, seed 1; floor set to 0): largest |difference| 4.7e-15 × scale; abs = that × 100 (safety factor), rounded up to a power of ten',
};

const agentDescribe = (ac: AgentCase) => `${describeMarket(ac.market)}, agent ${ac.agent + 1}`;

/** (T2-5), corrected: the second integral of the bracket runs over [v̲, v̄] (the paper's own (T3-1) uses it). */
export const t25 = claim<AgentCase>({
  id: 'PW.T2-5.identity',
  paper: 'PW',
  source: 'Pycia & Wang (2015), proof of Theorem 2, eq. (T2-5) corrected; used in (T3-1) and Lemma 3(b)',
  statement: '∫_{v*}^{v̄}(1−F)p dG − ∫_{v̲}^{v*}F p dG = v̄/n − r_i v* − ∫_{v*}^{v̄}F^{n−1}dp + ((n−1)/n)∫_{v̲}^{v̄}F^n dp',
  verdict: 'holds',
  tolerance: t25Tol,
  input: agentCaseArb,
  runs: 80,
  property: (ac, ctx) => t25Check(ac, ctx, 'density', 'corrected'),
  certify: certifyBy((ac: AgentCase, ctx, route) => t25Check(ac, ctx, route, 'corrected'), (ac) => t25ExactCheck(ac, 'corrected'), (ac) => hasExactPath(ac.market.dist)),
  labels: (ac) => marketLabels(ac.market),
  cover: [
    { label: 'shares:vertex', min: 0.05 },
    { label: 'n>30', min: 0.05 },
    { label: 'dist:mixture', min: 0.05 },
  ],
  describe: agentDescribe,
  simplify: simplifyAgentCase,
  decode: decodeAgentCase,
});

/**
 * (T2-5) as printed (second integral over [v̲, v*]) — false. The search must find a case on
 * its own; uniform, n = 2, r = ½ gives left 1/24 against printed −1/4 (CLAIMS.md). Certified
 * by exact arithmetic on uniform and piecewise-uniform markets, by quantile-space quadrature
 * otherwise.
 */
export const t25Printed = claim<AgentCase>({
  id: 'PW.T2-5.as-printed',
  paper: 'PW',
  source: 'Pycia & Wang (2015), proof of Theorem 2, eq. (T2-5) as printed',
  statement: '(T2-5) as printed: the bracket equals v̄/n − v*F(v*)^{n−1} − (∫_{v*}^{v̄}F^{n−1} − ∫_{v̲}^{v*}F^n) − (1/n)∫_{v̲}^{v̄}F^n',
  verdict: 'contradicted',
  tolerance: t25Tol,
  input: agentCaseArb,
  runs: 40,
  property: (ac, ctx) => t25Check(ac, ctx, 'density', 'printed'),
  certify: certifyBy((ac: AgentCase, ctx, route) => t25Check(ac, ctx, route, 'printed'), (ac) => t25ExactCheck(ac, 'printed'), (ac) => hasExactPath(ac.market.dist)),
  labels: (ac) => marketLabels(ac.market),
  describe: agentDescribe,
  simplify: simplifyAgentCase,
  decode: decodeAgentCase,
});

// ---------------------------------------------------------------- (T2-6)

/** (T2-6)'s right side, agent by agent, from one route's ∫F^k (shared between agents with the same v*). */
function t26Rhs(d: Dist, n: number, vs: readonly number[], I: (k: number, a: number, b: number) => Estimate) {
  let rhs = 0;
  let err = 0;
  const memo = new Map<number, number>();
  const F1 = I(1, d.lo, d.hi);
  for (const v of vs) {
    if (!memo.has(v)) {
      const Fv = Math.pow(d.cdf(v), n - 1);
      // ∫_{v̲}^{v}[F^n − F/n] and ∫_{v}^{v̄}[F^{n−1} − F^n + F/n − F(v)^{n−1}].
      const a1 = I(n, d.lo, v);
      const a2 = I(1, d.lo, v);
      const b1 = I(n - 1, v, d.hi);
      const b2 = I(n, v, d.hi);
      const a = a1.value - a2.value / n;
      const b = b1.value - b2.value + (F1.value - a2.value) / n - Fv * (d.hi - v);
      err += a1.abserr + a2.abserr + b1.abserr + b2.abserr + F1.abserr;
      memo.set(v, a + (d.hi / n - d.hi * Fv) - b);
    }
    rhs += memo.get(v)!;
  }
  return { rhs, err };
}

function t26Check(spec: MarketSpec, ctx: PropertyContext, route: Route): CheckResult {
  const d = build(spec, ctx.precision).dist.at(ctx.precision);
  const n = spec.n;
  const c = routeOf(spec, ctx.precision, route);
  const I = intFkOf(route);
  const r = t26Rhs(d, n, c.vStar, (k, a, b) => I(d, k, a, b, ctx.precision));
  const lhs = c.T1.value + c.T2.value;
  const tol = absOf(ctx) * scaleOf(d) * n + c.T1.abserr + c.T2.abserr + r.err;
  const diff = Math.abs(lhs - r.rhs);
  return { holds: diff <= tol, margin: 1 - diff / tol, numbers: { T1plusT2: lhs, rhs: r.rhs, diff, tol, diffOverScale: diff / (scaleOf(d) * n) } };
}

function t26Exact(spec: MarketSpec): CheckResult {
  const n = spec.n;
  const d = build(spec).dist;
  const ex = exactCutoff(n, spec.shares, spec.dist);
  const I = (k: number, a: number, b: number): Estimate => ({ value: exactNumber(exactIntFk(spec.dist, k, a, b)), abserr: 0, converged: true });
  const r = t26Rhs(d, n, ex.vStar.map(exactNumber), I);
  const lhs = exactNumber(ex.T1) + exactNumber(ex.T2);
  // The exact sums are rounded to doubles term by term (about 8n terms of size ≤ scale), and v* through a double.
  const bound = 64 * n * Number.EPSILON * scaleOf(d);
  const diff = Math.abs(lhs - r.rhs);
  return { holds: diff <= bound, margin: 1 - diff / bound, numbers: { T1plusT2: lhs, rhs: r.rhs, diff, bound } };
}

/** (T2-6) as printed: T_1 + T_2 rewritten as three sums of integrals of F. */
export const t26 = claim<MarketSpec>({
  id: 'PW.T2-6.identity',
  paper: 'PW',
  source: 'Pycia & Wang (2015), proof of Theorem 2, eq. (T2-6)',
  statement: 'T1 + T2 = Σ∫_{v̲}^{v_i*}[F^n − F/n] + Σ[v̄/n − v̄F(v_i*)^{n−1}] − Σ∫_{v_i*}^{v̄}{F^{n−1} − F^n + F/n − F(v_i*)^{n−1}}',
  verdict: 'holds',
  tolerance: { abs: 1e-12, why: 'T1 + T2 by the model, the right side by per-agent quadratures of ∫F^k: |difference| ≤ abs × max(1, |v̲|, |v̄|) × n plus their error estimates. Measured by scripts/measure-pw-tolerances.ts (200 generated cases, standard and high precision, seed 1; floor set to 0): largest |difference| 1.6e-15 × scale × n; abs = that × 100 (safety factor), rounded up to a power of ten' },
  input: marketArb(),
  runs: 60,
  property: (spec, ctx) => t26Check(spec, ctx, 'density'),
  certify: certifyBy((spec: MarketSpec, ctx, route) => t26Check(spec, ctx, route), (spec) => t26Exact(spec), (spec) => hasExactPath(spec.dist)),
  labels: marketLabels,
  cover: [
    { label: 'shares:vertex', min: 0.05 },
    { label: 'n>30', min: 0.05 },
  ],
  describe: describeMarket,
  simplify: (s) => simplifyMarket(s),
  decode: (j) => decodeMarket(j),
});

// ---------------------------------------------------------------- Theorem 2

function negativeSumCheck(spec: MarketSpec, ctx: PropertyContext, route: Route): CheckResult {
  const c = routeOf(spec, ctx.precision, route);
  const scale = scaleOf(build(spec).dist);
  const sum = c.T1.value + c.T2.value;
  const err = c.T1.abserr + c.T2.abserr + absOf(ctx) * scale;
  return {
    holds: sum + err < 0,
    margin: -(sum + err) / scale,
    numbers: { T1: c.T1.value, T2: c.T2.value, sum, err },
    ...(c.T1.converged && c.T2.converged ? {} : { undecided: 'quadrature did not converge' }),
  };
}

/** T_1 + T_2 < 0 with the quadrature's own error bound on the right side of the strict inequality. */
export const negativeSum = claim<MarketSpec>({
  id: 'PW.Thm2.negative-sum',
  paper: 'PW',
  source: 'Pycia & Wang (2015), Theorem 2 and its proof',
  statement: 'T1 + T2 < 0 for every market (n ≥ 2, any r on the simplex, any F)',
  verdict: 'holds',
  tolerance: { abs: 0, why: 'strict: T1 + T2 plus its quadrature error estimates (and the declared abs × max(1, |v̲|, |v̄|), here 0) must stay below 0' },
  input: marketArb(),
  runs: 200,
  property: (spec, ctx) => negativeSumCheck(spec, ctx, 'density'),
  certify: certifyBy(
    (spec: MarketSpec, ctx, route) => negativeSumCheck(spec, ctx, route),
    (spec) => {
      const ex = exactCutoff(spec.n, spec.shares, spec.dist);
      const s = exactAdd(ex.T1, ex.T2);
      return { holds: exactCompare(s, 0) < 0, margin: -exactNumber(s), numbers: { T1: exactNumber(ex.T1), T2: exactNumber(ex.T2), sum: exactNumber(s) } };
    },
    (spec) => hasExactPath(spec.dist),
  ),
  labels: marketLabels,
  cover: MARKET_COVER,
  describe: describeMarket,
  simplify: (s) => simplifyMarket(s),
  search: { mutate: (s, rand, scale) => mutateMarket(s, rand, scale) },
  decode: (j) => decodeMarket(j),
});

interface BetaCase {
  market: MarketSpec;
  betas: number[];
}

/**
 * Theorems 1–2 through condition (T1-1) in its printed three-term form, evaluated without the
 * route that gives β*: the first sum (T_1) by the other route's quadrature, the middle term by
 * its own double integral (`middleTerm`, no Lemma 2), −β(n−1)v̄_0/n from the mean. Against β*
 * of the route under test it must (a) vanish at β* within its error, (b) be positive just below
 * β* and negative just above (at β*(1 ∓ δ), δ the relative distance at which the condition's
 * slope clears four times its error), and (c) have the right sign at the generated β's and at 0.
 * With β* < 0 no β ≥ 0 may satisfy it. So a wrong β* (or T_1, or T_2) fails at (a) or (b).
 */
function intervalCheck({ market: spec, betas }: BetaCase, ctx: PropertyContext, route: Route): CheckResult {
  const d = build(spec, ctx.precision).dist;
  const n = spec.n;
  const other: Route = route === 'density' ? 'quantile' : 'density';
  const underTest = routeOf(spec, ctx.precision, route);
  const t1 = routeOf(spec, ctx.precision, other).T1;
  const mid = middleTerm(d, n, ctx.precision);
  const mean = d.at(ctx.precision).mean();
  const scale = scaleOf(d);
  const cond = (b: number) => (1 + b / n) * t1.value + (b / n) * mid.value - (b * (n - 1) * mean) / n;
  const err = (b: number) => (1 + Math.abs(b) / n) * t1.abserr + (Math.abs(b) / n) * mid.abserr + absOf(ctx) * scale * (1 + Math.abs(b));
  const bs = underTest.betaStar;
  // The condition's slope in β, (T1 + T2)/n < 0 (Theorem 2): β*'s own error moves it by slope × betaStarErr.
  const slope = Math.abs((t1.value + mid.value - (n - 1) * mean) / n);
  // (a) at β* itself (any sign: the condition is linear in β).
  const atStar = cond(bs);
  const starTol = err(bs) + slope * underTest.betaStarErr;
  let worst = 1 - Math.abs(atStar) / starTol;
  let bad: number | undefined = worst < 0 ? bs : undefined;
  // (b) and (c): signs; a β is judged only where |cond| clears its error.
  const probes = [0, ...betas];
  let delta = Number.NaN;
  if (bs !== 0 && slope > 0) {
    delta = Math.min(0.5, (4 * err(bs) + slope * underTest.betaStarErr) / (slope * Math.abs(bs)));
    probes.push(bs * (1 - delta), bs * (1 + delta));
  }
  for (const b of probes) {
    if (b < 0) continue;
    const v = cond(b);
    const e = err(b);
    if (Math.abs(v) <= e) continue;
    const inside = bs >= 0 && b <= bs;
    const s = (inside ? v : -v) / e;
    // margin: how far the sign is from flipping, in units of the error, capped at 1.
    worst = Math.min(worst, s - 1 >= 0 ? 1 : s - 1);
    if (s < 0) bad ??= b;
  }
  return {
    holds: bad === undefined,
    margin: worst,
    numbers: { T1: t1.value, middleTerm: mid.value, betaStar: bs, betaStarErr: underTest.betaStarErr, conditionAtBetaStar: atStar, toleranceAtBetaStar: starTol, delta, firstBadBeta: bad ?? null, probes },
    ...(t1.converged && mid.converged && underTest.T1.converged ? {} : { undecided: 'quadrature did not converge' }),
  };
}

/** Theorems 1–2: condition (T1-1) in its printed three-term form holds exactly for β ∈ [0, β*] (none when β* < 0). */
export const interval = claim<BetaCase>({
  id: 'PW.Thm2.interval',
  paper: 'PW',
  source: 'Pycia & Wang (2015), Theorems 1–2, condition (T1-1)',
  statement: '(T1-1) in its printed three-term form holds exactly for β ∈ [0, β*] when β* ≥ 0 and for no β ≥ 0 when β* < 0',
  verdict: 'holds',
  tolerance: { abs: 1e-11, why: 'the three-term condition carries T1’s and the double integral’s error estimates times (1 + β/n) and β/n, plus abs × max(1, |v̲|, |v̄|) × (1 + β): at β* it must vanish within that (plus its slope × β*’s own error bound); signs are judged only outside it. Measured by scripts/measure-pw-tolerances.ts (200 generated cases, standard and high precision, seed 1; floor set to 0): largest |condition at β*| 1.8e-14 × scale × (1 + |β*|); abs = that × 100 (safety factor), rounded up to a power of ten' },
  input: fc.record({ market: marketArb(), betas: fc.array(betaArb, { minLength: 1, maxLength: 4 }) }),
  runs: 40,
  property: (bc, ctx) => intervalCheck(bc, ctx, 'density'),
  certify: certifyBy((bc: BetaCase, ctx, route) => intervalCheck(bc, ctx, route)),
  labels: ({ market }) => {
    const out = marketLabels(market);
    try {
      out.push(viaDensity(market, 'standard').betaStar >= 0 ? 'betaStar:nonnegative' : 'betaStar:negative');
    } catch {
      /* unlabelled */
    }
    return out;
  },
  cover: [
    { label: 'betaStar:nonnegative', min: 0.3 },
    { label: 'betaStar:negative', min: 0.15 },
  ],
  describe: ({ market, betas }) => `${describeMarket(market)}, β ∈ {${betas.join(', ')}}`,
  simplify: (bc) => simplifyMarket(bc.market).map((market) => ({ ...bc, market })),
  decode: (j) => {
    const r = decodeWith({ betas: z.array(z.number().min(0)).min(1) })(j);
    return { market: r.market, betas: r.betas };
  },
});

// ---------------------------------------------------------------- concavity of T1

interface ConcaveCase {
  market: MarketSpec;
  other: number[];
  lambda: number;
}

/** φ′(0) with what its numerics say about it: a bound on its error, the step, and the stencil used. */
interface Derivative {
  value: number;
  /** Truncation (the extrapolation's own estimate, times SAFETY) plus the quadrature's error carried through the differences. */
  err: number;
  /** The extrapolation's own estimate |D(h/2) − D(h)| (before SAFETY): what the measurement of SAFETY compares with. */
  trunc: number;
  h: number;
  stencil: 'central' | 'forward' | 'backward';
}

/** The largest step of the difference for the gradient (quadrature noise ~1e-13/h stays far below the tolerance). */
const H_MAX = 1e-3;
/** No smaller step: below it the quadrature's error over h would approach the tolerance (T1.abserr ~1e-13 → 1e-7). */
const H_MIN = 1e-6;
/**
 * Richardson's |D(h/2) − D(h)| bounds the extrapolated difference's error only where φ is smooth
 * on the stencil; there it overestimates it by far (measured over the claim's generated cases,
 * seeds 1–5 and 215 × 300 runs: the true error, where above 1e-9, was at most 0.015 of it). ×4 on top.
 */
const SAFETY = 4;

/**
 * φ′(0) by Richardson-extrapolated differences on a stencil inside [−left, right], on which φ must
 * be smooth (C^∞ on the closed interval; at its ends φ may have a kink in its second derivative).
 * Central differences (error O(h⁴) after extrapolation) when both sides have room for H_MIN and
 * `centreOk` (no kink at 0 itself), else one-sided ones (O(h³)) on the side with more room;
 * undefined when neither has. The first step is the largest the room allows; where its error
 * bound exceeds `target` the step is shrunk by the measured truncation (∝ h²), no further than
 * where the quadrature's noise (∝ 1/h) would take over, and the smaller of the measured bounds is
 * kept (each measured at its own step). Each φ value's error (its abserr plus `rounding`) enters
 * through the differences' coefficients.
 */
function smoothDerivative(phi: (t: number) => Estimate, rounding: number, left: number, right: number, centreOk: boolean, target: number): Derivative | undefined {
  let worst = 0;
  const f = (t: number) => {
    const v = phi(t);
    worst = Math.max(worst, v.abserr);
    return v.value;
  };
  const central = centreOk && Math.min(left, right) >= H_MIN;
  const side = central || right >= left ? 1 : -1;
  const room = Math.min(H_MAX, central ? Math.min(left, right) : Math.max(left, right));
  if (!(room >= H_MIN)) return undefined;
  // Noise per unit of e/h in the result plus in its truncation estimate: central: (4c2 − c1)/3
  // carries 3e/h (c1 e/h, c2 2e/h) and c2 − c1 as much again; one-sided: fwd(h), fwd(h/2),
  // fwd(h/4) carry 2, 4, 8 e/h, r1 = 2fwd(h/2) − fwd(h) 10, r2 20, (4r2 − r1)/3 and r2 − r1 30 each.
  const noiseCoef = central ? 6 : 60;
  let f0 = Number.NaN;
  const at = (h: number): Derivative => {
    let value: number;
    let trunc: number;
    if (central) {
      const cd = (hh: number) => (f(hh) - f(-hh)) / (2 * hh);
      const c1 = cd(h);
      const c2 = cd(h / 2);
      value = (4 * c2 - c1) / 3;
      trunc = Math.abs(c2 - c1);
    } else {
      if (Number.isNaN(f0)) f0 = f(0);
      const fwd = (hh: number) => (f(side * hh) - f0) / (side * hh); // error φ″h/2 + O(h²)
      const d1 = fwd(h);
      const d2 = fwd(h / 2);
      const d4 = fwd(h / 4);
      const r1 = 2 * d2 - d1; // O(h²)
      const r2 = 2 * d4 - d2;
      value = (4 * r2 - r1) / 3;
      trunc = Math.abs(r2 - r1);
    }
    const err = SAFETY * trunc + (noiseCoef * (worst + rounding)) / h;
    return { value, err, trunc, h, stencil: central ? 'central' : side > 0 ? 'forward' : 'backward' };
  };
  let best = at(room);
  for (let k = 0; k < 2 && best.err > target; k++) {
    // Truncation ∝ h², noise ∝ 1/h: the step that would bring the truncation to half the target,
    // but no smaller than the one that minimises their sum (nor than H_MIN).
    const e = worst + rounding;
    const hTarget = best.h * Math.sqrt(target / (2 * SAFETY * best.trunc));
    const hOpt = Math.cbrt((noiseCoef * e * best.h * best.h) / (2 * SAFETY * best.trunc));
    const h = Math.max(H_MIN, hTarget, hOpt);
    if (!(h < best.h / 2)) break;
    const next = at(h);
    if (!(next.err < best.err)) break;
    best = next;
  }
  return best;
}

/**
 * The shares at which v*(r) = F^{-1}(r^{1/(n−1)}) has a kink: F(b)^{n−1} at F's breakpoints b,
 * where the density may jump (d(v*)/dr = 1/g(v*) jumps with it). T1 is C¹ in r there (∂T1/∂r_i = −v_i*
 * is continuous) but not C²: a difference whose stencil straddles one is off by ~(jump of d(v*)/dr) × h,
 * and Richardson's |D(h/2) − D(h)| does not see it (the O(h) and O(h²) terms can cancel).
 */
function kinkShares(d: Dist, n: number): number[] {
  return d.breakpoints.map((b) => Math.pow(d.cdf(b), n - 1)).filter((r) => r > 0 && r < 1);
}

/**
 * T_1 is concave in r on the simplex (chords), its gradient satisfies ∂T1/∂r_i − ∂T1/∂r_j = v_j* − v_i*
 * (Richardson-extrapolated differences on a stencil clear of v*'s kinks and of the simplex's faces),
 * and equal shares maximise it.
 */
export const concave = claim<ConcaveCase>({
  id: 'PW.T1.concave',
  paper: 'PW',
  source: 'Pycia & Wang (2015), proof of Theorem 2 ("T1 is concave in r"); Lemma 3(b) ("Proposition 1")',
  statement: 'T1 is concave in r on the simplex, ∂T1/∂r_i − ∂T1/∂r_j = v_j* − v_i*, and T1 is largest at equal shares',
  verdict: 'holds',
  tolerance: {
    abs: 1e-15,
    rel: 1e-6,
    why: 'chords and the equal-share maximum compare four T1 quadratures: within their error estimates plus abs × max(1, |v̲|, |v̄|) × n (Measured by scripts/measure-pw-tolerances.ts (200 generated cases, standard and high precision, seed 1; floor set to 0): the largest shortfall below a chord or the maximum was 6.6e-18 × scale × n; abs = that × 100, rounded up to a power of ten). The gradient is a Richardson-extrapolated difference on a stencil where T1 is smooth (clear of the kinks of v*(r) at F’s breakpoints, step ≤ 1e-3 and ≤ 1/4 of the distance to the simplex’s faces): rel × (v̄ − v̲) plus the difference’s own error bound (4 × |D(h/2) − D(h)| plus the quadrature errors carried through the differences); measured the same way, the largest gradient error was 1.8e-9 × (v̄ − v̲): rel = that × 100, rounded up to a power of ten (the step target 1e-6 and the judging threshold 1e-4 of v̄ − v̲ are the method’s, unchanged)',
  },
  input: marketArb({ nMax: 30 }).chain((market) =>
    fc.record({
      market: fc.constant(market),
      other: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: market.n, maxLength: market.n }).map(normalise),
      lambda: gridReal(0, 1, 20),
    }),
  ),
  runs: 30,
  property: (c, ctx) => concaveCheck(c, ctx, 'density'),
  certify: certifyBy((c: ConcaveCase, ctx, route) => concaveCheck(c, ctx, route)),
  labels: ({ market }) => marketLabels(market),
  cover: [
    { label: 'shares:vertex', min: 0.05 },
    { label: 'shares:interior', min: 0.15 },
    { label: 'dist:piecewise-uniform', min: 0.05 },
  ],
  describe: ({ market, other, lambda }) => `${describeMarket(market)}; chord to r' = (${other.map((x) => x.toFixed(3)).join(', ')}), λ = ${lambda}`,
  decode: (j) => {
    const r = decodeWith({ other: z.array(z.number().min(0)), lambda: z.number().min(0).max(1) })(j);
    if (r.other.length !== r.market.n) throw new InputError('input.other', `must have n = ${r.market.n} entries`);
    return { market: r.market, other: r.other, lambda: r.lambda };
  },
});

/** The gradient difference's error target (× v̄ − v̲): the step is shrunk until its bound is below it (a method setting, not a tolerance). */
const GRAD_TARGET = 1e-6;
/** A gradient difference whose own error bound exceeds this (× v̄ − v̲) decides nothing and is not judged. */
const GRAD_JUDGE = 1e-4;

/** The concavity claim on one route's T_1 (density-space for the property, quantile-space for certification). */
function concaveCheck({ market: spec, other, lambda }: ConcaveCase, ctx: PropertyContext, route: Route): CheckResult {
    const n = spec.n;
    const d = build(spec, ctx.precision).dist;
    const T1 = (shares: readonly number[]) =>
      route === 'density' ? cutoffValues({ n, shares, dist: d }, ctx.precision).T1 : cutoffQuantile(d, n, groupShares(shares), ctx.precision).T1;
    const scale = scaleOf(d);
    const a = T1(spec.shares);
    const b = T1(other);
    const mix = T1(spec.shares.map((r, i) => lambda * r + (1 - lambda) * other[i]));
    const chordGap = mix.value - (lambda * a.value + (1 - lambda) * b.value);
    const eq = T1(equalShares(n));
    // The chords and the maximum compare four T1 values: their error estimates plus the declared floor.
    const tolV = absOf(ctx) * scale * n + a.abserr + b.abserr + mix.abserr + eq.abserr;
    const eqGap = eq.value - Math.max(a.value, b.value);
    // Gradient along e_i − e_j for the two largest shares: φ(t) = T1(r + t(e_i − e_j)).
    const idx = [...spec.shares.keys()].sort((x, y) => spec.shares[y] - spec.shares[x]);
    const [i, j] = idx;
    const ri = spec.shares[i];
    const rj = spec.shares[j];
    let grad: Derivative | undefined;
    let gradNote = '';
    let exact = 0;
    if (d.discrete) gradNote = 'F has atoms: v*(r) is not differentiable';
    else if (!(rj > 0 && ri < 1)) gradNote = `share on the simplex's boundary (r_i = ${ri}, r_j = ${rj}): the identity is for interior shares`;
    else {
      // Room on each side of t = 0: a quarter of the way to the simplex's faces (v*(r) is singular
      // at r = 0, and at r = 1 where f(v̄) = 0; the Taylor series' radius is the distance), and
      // all the way to the nearest kink of v_i*(r_i + t) or v_j*(r_j − t) (φ is smooth up to it).
      let left = Math.min(ri, 1 - rj) / 4;
      let right = Math.min(rj, 1 - ri) / 4;
      // A kink exactly at t = 0 rules out a central stencil, not a one-sided one.
      let kinkAtZero = false;
      for (const rho of kinkShares(d, n)) {
        for (const t of [rho - ri, rj - rho]) {
          if (t > 0) right = Math.min(right, t);
          else if (t < 0) left = Math.min(left, -t);
          else kinkAtZero = true;
        }
      }
      // φ's values move by v*·ε when r ± t rounds: that joins each value's quadrature error.
      const phi = (t: number) => T1(spec.shares.map((r, k) => (k === i ? r + t : k === j ? r - t : r)));
      grad = smoothDerivative(phi, 4 * Number.EPSILON * scale, left, right, !kinkAtZero, GRAD_TARGET * (d.hi - d.lo));
      if (grad) exact = vStar(d, rj, n) - vStar(d, ri, n);
      else gradNote = `no smooth stencil of step ≥ ${H_MIN}: kinks of v*(r) or the simplex's faces within ${Math.max(left, right).toExponential(2)} on both sides`;
    }
    const fd = grad?.value ?? 0;
    const fdErr = grad?.err ?? 0;
    const gradErr = grad ? Math.abs(fd - exact) : 0;
    const tolG = relOf(ctx) * (d.hi - d.lo) + absOf(ctx) * scale + fdErr;
    // Where the difference's own error bound exceeds GRAD_JUDGE of the support it decides nothing:
    // the gradient is not judged on that case (said in the numbers), chords and the maximum still are.
    if (grad && fdErr > GRAD_JUDGE * (d.hi - d.lo)) gradNote = `the difference's error bound ${fdErr.toExponential(2)} exceeds ${GRAD_JUDGE} of the support`;
    const gradJudged = grad !== undefined && gradNote === '';
    const holds = chordGap >= -tolV && eqGap >= -tolV && (!gradJudged || gradErr <= tolG);
    return {
      holds,
      margin: Math.min(chordGap / tolV + 1, eqGap / tolV + 1, gradJudged ? 1 - gradErr / tolG : 1),
      numbers: {
        T1r: a.value, T1other: b.value, T1mix: mix.value, chordGap, T1equal: eq.value, eqGap,
        gradFD: fd, gradVStar: exact, gradErr, fdErr, fdTrunc: grad?.trunc ?? 0, gradStep: grad?.h ?? 0, gradStencil: grad?.stencil ?? 'none',
        gradJudged, ...(gradNote ? { gradNote } : {}), tolV, tolG,
      },
    };
}
// ---------------------------------------------------------------- special cases

/**
 * Myerson–Satterthwaite: n = 2, r = (1, 0): T1 = T2 (definition) = T2 (the route's, Lemma 2),
 * β* = −1, and no β ≥ 0 satisfies (T1-1): its value at β = 0 is T1 < 0 and its slope in β,
 * (T1 + T2)/2, is negative — both checked beyond their error bounds.
 */
function msCheck(spec: MarketSpec, ctx: PropertyContext, route: Route): CheckResult {
  const d = build(spec, ctx.precision).dist;
  const c = routeOf(spec, ctx.precision, route);
  const def = T2Definition(d, 2, ctx.precision);
  const tol = absOf(ctx) * scaleOf(d) + c.T1.abserr + def.abserr;
  const d1 = Math.abs(c.T1.value - def.value);
  const d2 = Math.abs(def.value - c.T2.value);
  const tolT2 = absOf(ctx) * scaleOf(d) + c.T2.abserr + def.abserr;
  const dBeta = Math.abs(c.betaStar + 1);
  const tolBeta = relOf(ctx) + c.betaStarErr;
  // (T1-1) at β = 0 is T1; its slope in β is (T1 + T2)/2: both must be negative beyond their errors.
  const atZero = c.T1.value + c.T1.abserr;
  const slope = (c.T1.value + c.T2.value) / 2;
  const slopeErr = (c.T1.abserr + c.T2.abserr) / 2;
  const noBeta = atZero < 0 && slope + slopeErr < 0;
  const holds = d1 <= tol && d2 <= tolT2 && dBeta <= tolBeta && noBeta;
  return {
    holds,
    margin: Math.min(1 - d1 / tol, 1 - d2 / tolT2, 1 - dBeta / tolBeta, noBeta ? 1 : -1),
    numbers: { T1: c.T1.value, T2definition: def.value, T2lemma2: c.T2.value, betaStar: c.betaStar, conditionAtZero: c.T1.value, slopeInBeta: slope, slopeErr, tol, d1OverScale: d1 / scaleOf(d), d2OverScale: d2 / scaleOf(d), dBeta },
    ...(c.T1.converged && def.converged ? {} : { undecided: 'quadrature did not converge' }),
  };
}

/** Myerson–Satterthwaite: n = 2, r = (1, 0): T1 = T2 = v̄_0 − E[max], β* = −1 exactly, no β ≥ 0 works. */
export const myersonSatterthwaite = claim<MarketSpec>({
  id: 'PW.MS.bilateral-impossible',
  paper: 'PW',
  source: 'Pycia & Wang (2015), Section 1 and Section 2 (Myerson–Satterthwaite as a special case)',
  statement: 'n = 2, r = (1, 0): T1 = T2 = v̄0 − E[max(v1, v2)] < 0, so β* = −1 and (T1-1) fails at β = 0 with a negative slope in β: no β ≥ 0 admits efficient trade',
  verdict: 'holds',
  tolerance: { abs: 1e-12, rel: 1e-12, why: 'T1 (one-pass quadrature), T2 (nested double integral) and the model’s T2: equal within abs × max(1, |v̲|, |v̄|) plus their error estimates; β* = −1 within rel plus its propagated error bound. Measured by scripts/measure-pw-tolerances.ts (200 generated cases, standard and high precision, seed 1; floor set to 0): largest |T1 − T2| 9.4e-15 × scale, largest |β* + 1| 1.7e-14; each × 100 (safety factor), rounded up to a power of ten' },
  input: fc.record({ first: fc.boolean(), dist: distSpecArb() }).map(({ first, dist }) => ({ n: 2, shares: first ? [1, 0] : [0, 1], dist })),
  runs: 60,
  property: (spec, ctx) => msCheck(spec, ctx, 'density'),
  certify: certifyBy((spec: MarketSpec, ctx, route) => msCheck(spec, ctx, route)),
  labels: (s) => [...distLabels(s.dist), s.shares[0] === 1 ? 'seller:first' : 'seller:second'],
  cover: [
    { label: 'seller:first', min: 0.3 },
    { label: 'seller:second', min: 0.3 },
    { label: 'dist:mixture', min: 0.05 },
  ],
  describe: describeMarket,
  simplify: (s) => simplifyDist(s.dist).map((dist) => ({ ...s, dist })),
  decode: (j) => decodeMarket(j),
});

function cgkCheck(spec: MarketSpec, ctx: PropertyContext, route: Route): CheckResult {
  const c = routeOf(spec, ctx.precision, route);
  const scale = scaleOf(build(spec).dist);
  const floor = c.T1.abserr + absOf(ctx) * scale;
  return {
    holds: c.T1.value >= -floor,
    margin: (c.T1.value + floor) / scale,
    numbers: { T1: c.T1.value, abserr: c.T1.abserr, betaStar: c.betaStar },
    ...(c.T1.converged ? {} : { undecided: 'quadrature did not converge' }),
  };
}

/** Cramton–Gibbons–Klemperer: equal shares, β = 0 ⇒ T1 ≥ 0 (T1 → 0⁺ with n, so the tolerance is the quadrature's own). */
export const cgk = claim<MarketSpec>({
  id: 'PW.CGK.equal-shares-possible',
  paper: 'PW',
  source: 'Pycia & Wang (2015), Section 1 (citing Cramton, Gibbons and Klemperer 1987)',
  statement: 'Equal shares r_i = 1/n and β = 0: T1 ≥ 0 for every F',
  verdict: 'holds',
  tolerance: { abs: 0, why: 'T1 → 0⁺ as n grows, so a fixed tolerance would hide failures at large n: T1 must exceed minus its own quadrature error estimate (which scales with n); the declared abs (× max(1, |v̲|, |v̄|)) is 0' },
  input: marketArb({ equal: true, nMax: 200 }),
  runs: 80,
  property: (spec, ctx) => cgkCheck(spec, ctx, 'density'),
  certify: certifyBy(
    (spec: MarketSpec, ctx, route) => cgkCheck(spec, ctx, route),
    (spec) => {
      const ex = exactCutoff(spec.n, spec.shares, spec.dist);
      return { holds: exactCompare(ex.T1, 0) >= 0, margin: exactNumber(ex.T1), numbers: { T1: exactNumber(ex.T1) } };
    },
    (spec) => hasExactPath(spec.dist),
  ),
  labels: marketLabels,
  cover: [
    { label: 'n>30', min: 0.05 },
    { label: 'n=2', min: 0.05 },
    { label: 'dist:mixture', min: 0.05 },
  ],
  describe: describeMarket,
  simplify: (s) => simplifyMarket(s, { equal: true }),
  search: { mutate: (s, rand, scale) => mutateMarket(s, rand, scale, { equal: true, nMax: 200 }) },
  decode: (j) => decodeMarket(j),
});

/** The uniform(0,1) closed forms of T_1 and T_2 (derived from the definitions by hand). */
function uniformClosed(spec: MarketSpec) {
  const n = spec.n;
  return {
    t1: (n - 1) / (n + 1) - ((n - 1) / n) * spec.shares.reduce((s, r) => s + Math.pow(r, n / (n - 1)), 0),
    t2: -(n - 1) / (2 * (n + 1)),
  };
}

/** Closed forms against T1, T2 of a route: within abs + rel × |closed form| plus the route's error estimates. */
function uniformCompare(spec: MarketSpec, ctx: PropertyContext, T1: Estimate, T2: Estimate): CheckResult {
  const { t1, t2 } = uniformClosed(spec);
  const e1 = Math.abs(T1.value - t1);
  const e2 = Math.abs(T2.value - t2);
  const tol1 = absOf(ctx) + relOf(ctx) * Math.abs(t1) + T1.abserr;
  const tol2 = absOf(ctx) + relOf(ctx) * Math.abs(t2) + T2.abserr;
  return { holds: e1 <= tol1 && e2 <= tol2, margin: Math.min(1 - e1 / tol1, 1 - e2 / tol2), numbers: { T1: T1.value, T1closed: t1, T2: T2.value, T2closed: t2, e1, e2, tol1, tol2 } };
}

/** Uniform(0,1): the closed forms derived from the definitions, an independent fixture for the quadrature. */
export const uniformClosedForm = claim<MarketSpec>({
  id: 'PW.uniform.closed-form',
  paper: 'PW',
  source: 'Pycia & Wang (2015), Section 3 definitions, evaluated for uniform(0,1) (closed form derived by hand)',
  statement: 'Uniform(0,1): T1 = (n−1)/(n+1) − ((n−1)/n)Σ r_i^{n/(n−1)} and T2 = −(n−1)/(2(n+1))',
  verdict: 'holds',
  tolerance: { abs: 1e-12, why: 'quadrature on polynomial integrands against closed forms evaluated in doubles: |difference| ≤ abs (+ rel × |closed form|, here none: the errors do not grow with T1’s size) plus the error estimate. Measured by scripts/measure-pw-tolerances.ts (200 generated cases, standard and high precision, seed 1; floor set to 0): largest |difference| 6.8e-15; abs = that × 100 (safety factor), rounded up to a power of ten' },
  input: sharesArb(200).map((shares) => ({ n: shares.length, shares, dist: { kind: 'uniform' as const, lo: 0, hi: 1 } })),
  runs: 80,
  property(spec, ctx) {
    const c = viaDensity(spec, ctx.precision);
    return uniformCompare(spec, ctx, c.T1, c.T2);
  },
  certify(spec, ctx) {
    // Exact T1, T2 (uniform F is piecewise linear): only the double rounding of the closed forms is left.
    const ex = exactCutoff(spec.n, spec.shares, spec.dist);
    const exact = (x: unknown): Estimate => ({ value: exactNumber(x), abserr: 0, converged: true });
    const r = uniformCompare(spec, ctx, exact(ex.T1), exact(ex.T2));
    if (r.holds) return { ...r, route: EXACT_ROUTE };
    // The closed form misses the exact value: the certificate re-derives T1 (or T2) from the market alone.
    const { t1, t2 } = uniformClosed(spec);
    const n = r.numbers as { e1: number; tol1: number; tol2: number };
    const certificate = n.e1 > n.tol1 ? enclosureCertificate(spec, 'T1', t1, n.tol1, 'the closed form of T1') : enclosureCertificate(spec, 'T2', t2, n.tol2, 'the closed form of T2');
    return { ...r, route: EXACT_ROUTE, certificate };
  },
  labels: (s) => marketLabels(s).filter((l) => !l.startsWith('dist:')),
  cover: [
    { label: 'shares:vertex', min: 0.05 },
    { label: 'shares:equal', min: 0.05 },
    { label: 'n>30', min: 0.05 },
  ],
  describe: describeMarket,
  simplify: (s) => simplifyMarket(s),
  decode: (j) => decodeMarket(j),
});
