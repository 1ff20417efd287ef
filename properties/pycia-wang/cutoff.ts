/**
 * Pycia & Wang (2015), Sections 2–3: T_1, T_2, condition (T1-1), β* — the claims that
 * concern one market. Each checks the paper's statement against a second route to the
 * same number (a different derivation, a closed form, Monte Carlo, exact arithmetic).
 */
import fc from 'fast-check';
import { z } from 'zod';
import { InputError } from '../../src/distributions/schema.ts';
import type { Dist } from '../../src/distributions/types.ts';
import { claim } from '../../src/claims/registry.ts';
import type { CheckResult, PropertyContext } from '../../src/claims/types.ts';
import { describeDist, distLabels, distSpecArb, mutateDist, simplifyDist } from '../../src/generators/distributions.ts';
import { gridReal } from '../../src/generators/numbers.ts';
import {
  betaArb, describeMarket, MARKET_COVER, marketArb, marketLabels, mutateMarket, nArb, normalise, sharesArb, simplifyAgentCase, simplifyMarket,
} from '../../src/generators/pycia-wang.ts';
import { monteCarlo, quad, quadOptions } from '../../src/numeric/index.ts';
import { conditionT11, cutoffValues, middleTerm, T2Definition, type Estimate } from '../../src/models/pycia-wang/cutoff.ts';
import { exactCutoff, exactIntFk, hasExactPath } from '../../src/models/pycia-wang/exact.ts';
import { equalShares, vStar, type MarketSpec } from '../../src/models/pycia-wang/market.ts';
import { build, decodeMarket, decodeWith, scaleOf } from './common.ts';

const num = (x: number) => (Number.isFinite(x) ? x : String(x));

/** ∫_a^b F(p)^k dp by its own quadrature (not through the model's one-pass integrals). */
function intFk(m: ReturnType<typeof build>, k: number, a: number, b: number, ctx: PropertyContext) {
  if (b <= a) return { value: 0, abserr: 0, converged: true };
  const d = m.dist;
  return quad((p) => Math.pow(d.cdf(p), k), a, b, { ...quadOptions(ctx.precision), points: [...d.breakpoints] });
}

// ---------------------------------------------------------------- Lemma 2

/**
 * Lemma 2: T_2 (its definition, the nested double integral) = v̄_0 − E[max of n draws].
 * E[max] twice, independently of the definition: v̄ − ∫F^n, and seeded Monte Carlo of
 * max = F^{-1}(U^{1/n}) with a 5-standard-error bound.
 */
export const lemma2 = claim<MarketSpec>({
  id: 'PW.Lemma2.T2-identity',
  paper: 'PW',
  source: 'Pycia & Wang (2015), Lemma 2 (eq. L2), Appendix A.2',
  statement: 'T2 from its definition (nested double integral) equals v̄0 − E[max{v1..vn}]',
  verdict: 'holds',
  tolerance: {
    abs: 1e-9,
    why: 'both sides by adaptive quadrature at epsrel 1e-11 (the double integral carries the inner error through ∫F^{n−2}dF ≤ 1/(n−1)): 1e-9 × scale leaves two orders of margin; Monte Carlo is judged by 5 standard errors (a false alarm once in ~2 million cases)',
  },
  input: marketArb({ equal: true }),
  runs: 60,
  property(spec, ctx) {
    const m = build(spec, ctx.precision);
    const def = T2Definition(m.dist, spec.n, ctx.precision);
    const c = cutoffValues(m, ctx.precision);
    const viaIntegral = c.mean - (m.dist.hi - c.intFn.value);
    const d = m.dist;
    const n = spec.n;
    // max of n draws has CDF F^n: max = F^{-1}(U^{1/n}), through the upper tail when U^{1/n} is near 1.
    const mc = monteCarlo((rand) => {
      const logU = Math.log(1 - rand()) / n;
      return logU > -Math.LN2 ? d.isf(-Math.expm1(logU)) : d.quantile(Math.exp(logU));
    }, ctx.precision === 'high' ? 40_000 : 4_000, `lemma2:${n}`);
    const viaMC = c.mean - mc.mean;
    const tol = 1e-9 * scaleOf(d) + def.abserr + c.intFn.abserr;
    const diff = Math.abs(def.value - viaIntegral);
    const mcBound = 5 * mc.stderr + tol;
    const mcDiff = Math.abs(def.value - viaMC);
    return {
      holds: diff <= tol && mcDiff <= mcBound,
      margin: Math.min(1 - diff / tol, 1 - mcDiff / mcBound),
      numbers: { T2definition: def.value, meanMinusEmaxIntegral: viaIntegral, meanMinusEmaxMC: viaMC, mcStderr: mc.stderr, diff, tol },
      ...(def.converged && c.T2.converged ? {} : { undecided: 'quadrature did not converge' }),
    };
  },
  labels: (s) => [marketLabels(s)[0], ...distLabels(s.dist)],
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

/** One agent's bracket from T_1's definition, and the pieces of (T2-5)'s right side by separate quadratures. */
function t25Sides(ac: AgentCase, ctx: PropertyContext) {
  const { market: spec, agent } = ac;
  const m = build(spec, ctx.precision);
  const d = m.dist;
  const n = spec.n;
  const r = spec.shares[agent];
  const c = cutoffValues(m, ctx.precision);
  const vs = c.vStar[agent];
  const lhs = c.brackets[agent];
  const above = intFk(m, n - 1, vs, d.hi, ctx);
  const below = intFk(m, n, d.lo, vs, ctx);
  const all = intFk(m, n, d.lo, d.hi, ctx);
  const err = c.T1.abserr + above.abserr + below.abserr + all.abserr;
  const corrected = d.hi / n - r * vs - above.value + ((n - 1) / n) * all.value;
  const printed = d.hi / n - vs * Math.pow(d.cdf(vs), n - 1) - (above.value - below.value) - all.value / n;
  return { lhs, corrected, printed, err, vs, r, scale: scaleOf(d) };
}

/** Exact sides for uniform and piecewise-uniform F (certification at 40 digits). */
function t25Exact(ac: AgentCase) {
  const { market: spec, agent } = ac;
  const n = spec.n;
  const ex = exactCutoff(n, spec.shares, spec.dist);
  const v = ex.vStar[agent];
  const lo = spec.dist.kind === 'uniform' ? spec.dist.lo : spec.dist.kind === 'piecewise-uniform' ? spec.dist.pieces[0].lo : 0;
  const hi = spec.dist.kind === 'uniform' ? spec.dist.hi : spec.dist.kind === 'piecewise-uniform' ? spec.dist.pieces[spec.dist.pieces.length - 1].hi : 0;
  const vNum = v.toNumber();
  const above = exactIntFk(spec.dist, n - 1, vNum, hi);
  const below = exactIntFk(spec.dist, n, lo, vNum);
  const all = exactIntFk(spec.dist, n, lo, hi);
  const r = spec.shares[agent];
  const lhs = ex.brackets[agent];
  // v* F(v*)^{n−1} = r v* exactly by the definition of v*.
  const corrected = all.times(n - 1).div(n).minus(above).minus(v.times(r)).plus(hi / n);
  const printed = below.minus(above).minus(v.times(r)).plus(hi / n).minus(all.div(n));
  return { lhs: lhs.toNumber(), corrected: corrected.toNumber(), printed: printed.toNumber(), lhsExact: lhs.toSignificantDigits(30).toString(), printedExact: printed.toSignificantDigits(30).toString() };
}

const t25Tol = {
  abs: 1e-9,
  why: 'left side by the model’s one-pass quadrature of T1’s integrands, right side by three separate quadratures, each at epsrel 1e-11: 1e-9 × scale plus their error estimates',
};

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
  property(ac, ctx) {
    const s = t25Sides(ac, ctx);
    const tol = t25Tol.abs * s.scale + s.err;
    const diff = Math.abs(s.lhs - s.corrected);
    return { holds: diff <= tol, margin: 1 - diff / tol, numbers: { lhs: s.lhs, rhs: s.corrected, vStar: s.vs, r: s.r, diff, tol } };
  },
  labels: (ac) => marketLabels(ac.market),
  describe: (ac) => `${describeMarket(ac.market)}, agent ${ac.agent + 1}`,
  simplify: simplifyAgentCase,
  decode: decodeAgentCase,
});

/**
 * (T2-5) as printed (second integral over [v̲, v*]) — false. The search must find a case on
 * its own; uniform, n = 2, r = ½ gives left 1/24 against printed −1/4 (CLAIMS.md).
 * Certified exactly (40 digits) on uniform and piecewise-uniform markets.
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
  property(ac, ctx): CheckResult {
    if (ctx.precision === 'high' && hasExactPath(ac.market.dist)) {
      const e = t25Exact(ac);
      const diff = Math.abs(e.lhs - e.printed);
      // Exact arithmetic: any difference above the 40-digit rounding (≪ 1e-30) is real.
      return { holds: diff <= 1e-30, margin: -diff, numbers: { lhs: e.lhsExact, printedRhs: e.printedExact, correctedRhs: e.corrected, diff, arithmetic: 'decimal.js, 40 digits' } };
    }
    const s = t25Sides(ac, ctx);
    const tol = t25Tol.abs * s.scale + s.err;
    const diff = Math.abs(s.lhs - s.printed);
    return { holds: diff <= tol, margin: 1 - diff / tol, numbers: { lhs: s.lhs, printedRhs: s.printed, correctedRhs: s.corrected, diff, tol } };
  },
  labels: (ac) => marketLabels(ac.market),
  describe: (ac) => `${describeMarket(ac.market)}, agent ${ac.agent + 1}`,
  simplify: simplifyAgentCase,
  decode: decodeAgentCase,
});

// ---------------------------------------------------------------- (T2-6)

/** (T2-6) as printed: T_1 + T_2 rewritten as three sums of integrals of F. */
export const t26 = claim<MarketSpec>({
  id: 'PW.T2-6.identity',
  paper: 'PW',
  source: 'Pycia & Wang (2015), proof of Theorem 2, eq. (T2-6)',
  statement: 'T1 + T2 = Σ∫_{v̲}^{v_i*}[F^n − F/n] + Σ[v̄/n − v̄F(v_i*)^{n−1}] − Σ∫_{v_i*}^{v̄}{F^{n−1} − F^n + F/n − F(v_i*)^{n−1}}',
  verdict: 'holds',
  tolerance: { abs: 1e-9, why: 'T1 + T2 by the model, the right side by per-agent quadratures at epsrel 1e-11: 1e-9 × scale × n plus their error estimates' },
  input: marketArb(),
  runs: 60,
  property(spec, ctx) {
    const m = build(spec, ctx.precision);
    const d = m.dist;
    const n = spec.n;
    const c = cutoffValues(m, ctx.precision);
    const o = { ...quadOptions(ctx.precision), points: [...d.breakpoints] };
    let rhs = 0;
    let err = c.T1.abserr + c.T2.abserr;
    const memo = new Map<number, number>();
    for (const v of c.vStar) {
      if (!memo.has(v)) {
        const Fv = Math.pow(d.cdf(v), n - 1);
        const a = v > d.lo ? quad((p) => { const F = d.cdf(p); return Math.pow(F, n) - F / n; }, d.lo, v, o) : { value: 0, abserr: 0 };
        const b = v < d.hi ? quad((p) => { const F = d.cdf(p); return Math.pow(F, n - 1) - Math.pow(F, n) + F / n - Fv; }, v, d.hi, o) : { value: 0, abserr: 0 };
        err += a.abserr + b.abserr;
        memo.set(v, a.value + (d.hi / n - d.hi * Fv) - b.value);
      }
      rhs += memo.get(v)!;
    }
    const lhs = c.T1.value + c.T2.value;
    const tol = 1e-9 * scaleOf(d) * n + err;
    const diff = Math.abs(lhs - rhs);
    return { holds: diff <= tol, margin: 1 - diff / tol, numbers: { T1plusT2: lhs, rhs, diff, tol } };
  },
  labels: marketLabels,
  describe: describeMarket,
  simplify: (s) => simplifyMarket(s),
  decode: (j) => decodeMarket(j),
});

// ---------------------------------------------------------------- Theorem 2

/** T_1 + T_2 < 0 with the quadrature's own error bound on the right side of the strict inequality. */
export const negativeSum = claim<MarketSpec>({
  id: 'PW.Thm2.negative-sum',
  paper: 'PW',
  source: 'Pycia & Wang (2015), Theorem 2 and its proof',
  statement: 'T1 + T2 < 0 for every market (n ≥ 2, any r on the simplex, any F)',
  verdict: 'holds',
  tolerance: { abs: 0, why: 'strict: T1 + T2 plus its quadrature error estimate must stay below 0' },
  input: marketArb(),
  runs: 200,
  property(spec, ctx) {
    const m = build(spec, ctx.precision);
    const c = cutoffValues(m, ctx.precision);
    const sum = c.T1.value + c.T2.value;
    const err = c.T1.abserr + c.T2.abserr;
    return {
      holds: sum + err < 0,
      margin: -(sum + err) / scaleOf(m.dist),
      numbers: { T1: c.T1.value, T2: c.T2.value, sum, err },
      ...(c.T1.converged ? {} : { undecided: 'quadrature did not converge' }),
    };
  },
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
 * Theorems 1–2: condition (T1-1) in its printed three-term form — the middle term by its own
 * double integral, not through β* — holds exactly for β ∈ [0, β*] (none when β* < 0).
 * β's where the condition is within its error of 0 are not judged by sign; at β* it must be ≈ 0.
 */
export const interval = claim<BetaCase>({
  id: 'PW.Thm2.interval',
  paper: 'PW',
  source: 'Pycia & Wang (2015), Theorems 1–2, condition (T1-1)',
  statement: '(T1-1) in its printed three-term form holds exactly for β ∈ [0, β*] when β* ≥ 0 and for no β ≥ 0 when β* < 0',
  verdict: 'holds',
  tolerance: { abs: 1e-9, why: 'the three-term condition carries the double integral’s error (epsrel 1e-11) times β/n: signs are judged only outside that band, and at β* the value must vanish within it plus 1e-9 × scale' },
  input: fc.record({ market: marketArb(), betas: fc.array(betaArb, { minLength: 1, maxLength: 4 }) }),
  runs: 40,
  property({ market: spec, betas }, ctx) {
    const m = build(spec, ctx.precision);
    const n = spec.n;
    const c = cutoffValues(m, ctx.precision);
    const mid = middleTerm(m.dist, n, ctx.precision);
    const mean = c.mean;
    const cond = (b: number) => (1 + b / n) * c.T1.value + (b / n) * mid.value - (b * (n - 1) * mean) / n;
    const err = (b: number) => (1 + b / n) * c.T1.abserr + (b / n) * mid.abserr + 1e-9 * scaleOf(m.dist) * (1 + b);
    const bs = c.betaStar;
    const probes = [0, ...betas];
    if (bs > 0) probes.push(bs * 0.999, bs * 1.001, bs * 0.5, bs * 2);
    let worst = Number.POSITIVE_INFINITY;
    let bad: number | undefined;
    for (const b of probes) {
      const v = cond(b);
      const e = err(b);
      if (Math.abs(v) <= e) continue;
      const inside = bs >= 0 && b <= bs;
      const s = (inside ? v : -v) / e;
      if (s < worst) worst = s;
      if (s < 0 && bad === undefined) bad = b;
    }
    let atStar = 0;
    if (bs >= 0) {
      atStar = Math.abs(cond(bs));
      if (atStar > err(bs)) bad ??= bs;
    }
    return {
      holds: bad === undefined,
      margin: bad === undefined ? Math.min(1, worst) : -1,
      numbers: { T1: c.T1.value, middleTerm: mid.value, betaStar: bs, conditionAtBetaStar: atStar, firstBadBeta: bad ?? null, probes },
    };
  },
  labels: ({ market }) => marketLabels(market),
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
    abs: 1e-8,
    rel: 1e-5,
    why: 'chords and the equal-share maximum compare quadratures at epsrel 1e-11 (1e-8 × scale × n covers their sum); the gradient is a Richardson-extrapolated difference on a stencil where T1 is smooth (clear of the kinks of v*(r) at F’s breakpoints, step ≤ 1e-3 and ≤ 1/4 of the distance to the simplex’s faces): 1e-5 relative to v̄ − v̲ plus the difference’s own error bound (4 × |D(h/2) − D(h)| plus the quadrature errors carried through the differences)',
  },
  input: marketArb({ nMax: 30 }).chain((market) =>
    fc.record({
      market: fc.constant(market),
      other: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: market.n, maxLength: market.n }).map(normalise),
      lambda: gridReal(0, 1, 20),
    }),
  ),
  runs: 30,
  property({ market: spec, other, lambda }, ctx) {
    const n = spec.n;
    const d = build(spec, ctx.precision).dist;
    const T1 = (shares: readonly number[]) => cutoffValues({ n, shares, dist: d }, ctx.precision).T1;
    const scale = scaleOf(d);
    const tolV = 1e-8 * scale * n;
    const a = T1(spec.shares);
    const b = T1(other);
    const mix = T1(spec.shares.map((r, i) => lambda * r + (1 - lambda) * other[i]));
    const chordGap = mix.value - (lambda * a.value + (1 - lambda) * b.value);
    const eq = T1(equalShares(n));
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
      grad = smoothDerivative(phi, 4 * Number.EPSILON * scale, left, right, !kinkAtZero, 1e-6 * (d.hi - d.lo));
      if (grad) exact = vStar(d, rj, n) - vStar(d, ri, n);
      else gradNote = `no smooth stencil of step ≥ ${H_MIN}: kinks of v*(r) or the simplex's faces within ${Math.max(left, right).toExponential(2)} on both sides`;
    }
    const fd = grad?.value ?? 0;
    const fdErr = grad?.err ?? 0;
    const gradErr = grad ? Math.abs(fd - exact) : 0;
    const tolG = 1e-5 * (d.hi - d.lo) + 1e-9 * scale + fdErr;
    // Where the difference's own error bound exceeds 1e-4 of the support it decides nothing:
    // the gradient is not judged on that case (said in the numbers), chords and the maximum still are.
    if (grad && fdErr > 1e-4 * (d.hi - d.lo)) gradNote = `the difference's error bound ${fdErr.toExponential(2)} exceeds 1e-4 of the support`;
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
  },
  labels: ({ market }) => marketLabels(market),
  describe: ({ market, other, lambda }) => `${describeMarket(market)}; chord to r' = (${other.map((x) => x.toFixed(3)).join(', ')}), λ = ${lambda}`,
  decode: (j) => {
    const r = decodeWith({ other: z.array(z.number().min(0)), lambda: z.number().min(0).max(1) })(j);
    if (r.other.length !== r.market.n) throw new InputError('input.other', `must have n = ${r.market.n} entries`);
    return { market: r.market, other: r.other, lambda: r.lambda };
  },
});

// ---------------------------------------------------------------- special cases

/** Myerson–Satterthwaite: n = 2, r = (1, 0): T1 = T2 = v̄_0 − E[max], β* = −1 exactly, no β ≥ 0 works. */
export const myersonSatterthwaite = claim<MarketSpec>({
  id: 'PW.MS.bilateral-impossible',
  paper: 'PW',
  source: 'Pycia & Wang (2015), Section 1 and Section 2 (Myerson–Satterthwaite as a special case)',
  statement: 'n = 2, r = (1, 0): T1 = T2 = v̄0 − E[max(v1, v2)] < 0, so β* = −1 and no β ≥ 0 admits efficient trade',
  verdict: 'holds',
  tolerance: { abs: 1e-9, rel: 1e-8, why: 'T1 (one-pass quadrature), T2 (nested double integral) and v̄ − ∫F² at epsrel 1e-11: 1e-9 × scale; β* = −1 to 1e-8 relative since |T1| is bounded away from 0 by the spread of F' },
  input: fc.record({ first: fc.boolean(), dist: distSpecArb() }).map(({ first, dist }) => ({ n: 2, shares: first ? [1, 0] : [0, 1], dist })),
  runs: 60,
  property(spec, ctx) {
    const m = build(spec, ctx.precision);
    const c = cutoffValues(m, ctx.precision);
    const def = T2Definition(m.dist, 2, ctx.precision);
    const tol = 1e-9 * scaleOf(m.dist) + c.T1.abserr + def.abserr;
    const d1 = Math.abs(c.T1.value - def.value);
    const d2 = Math.abs(def.value - c.T2.value);
    const dBeta = Math.abs(c.betaStar + 1);
    // Every β ≥ 0 fails (T1-1): (1 + β/2)T1 + (β/2)T2 < 0 at β = 0 and its slope (T1 + T2)/2 < 0.
    const noBeta = c.T1.value + c.T1.abserr < 0 && conditionT11(c.T1.value, c.T2.value, 2, 0) < 0;
    const holds = d1 <= tol && d2 <= tol && dBeta <= 1e-8 && noBeta;
    return { holds, margin: Math.min(1 - d1 / tol, 1 - d2 / tol, 1 - dBeta / 1e-8), numbers: { T1: c.T1.value, T2definition: def.value, T2lemma2: c.T2.value, betaStar: c.betaStar, tol } };
  },
  labels: (s) => distLabels(s.dist),
  describe: describeMarket,
  simplify: (s) => simplifyDist(s.dist).map((dist) => ({ ...s, dist })),
  decode: (j) => decodeMarket(j),
});

/** Cramton–Gibbons–Klemperer: equal shares, β = 0 ⇒ T1 ≥ 0 (T1 → 0⁺ with n, so the tolerance is the quadrature's own). */
export const cgk = claim<MarketSpec>({
  id: 'PW.CGK.equal-shares-possible',
  paper: 'PW',
  source: 'Pycia & Wang (2015), Section 1 (citing Cramton, Gibbons and Klemperer 1987)',
  statement: 'Equal shares r_i = 1/n and β = 0: T1 ≥ 0 for every F',
  verdict: 'holds',
  tolerance: { abs: 0, why: 'T1 → 0⁺ as n grows, so a fixed tolerance would hide failures at large n: T1 must exceed minus its own quadrature error estimate (which scales with n)' },
  input: marketArb({ equal: true, nMax: 200 }),
  runs: 80,
  property(spec, ctx): CheckResult {
    const m = build(spec, ctx.precision);
    const c = cutoffValues(m, ctx.precision);
    if (ctx.precision === 'high' && hasExactPath(spec.dist)) {
      const ex = exactCutoff(spec.n, spec.shares, spec.dist);
      return { holds: ex.T1.gte(0), margin: ex.T1.toNumber(), numbers: { T1: ex.T1.toNumber(), arithmetic: 'decimal.js, 40 digits' } };
    }
    return {
      holds: c.T1.value >= -c.T1.abserr,
      margin: (c.T1.value + c.T1.abserr) / scaleOf(m.dist),
      numbers: { T1: c.T1.value, abserr: c.T1.abserr, betaStar: c.betaStar },
    };
  },
  labels: marketLabels,
  describe: describeMarket,
  simplify: (s) => simplifyMarket(s, { equal: true }),
  search: { mutate: (s, rand, scale) => mutateMarket(s, rand, scale, { equal: true, nMax: 200 }) },
  decode: (j) => decodeMarket(j),
});

/** Uniform(0,1): the closed forms derived from the definitions, an independent fixture for the quadrature. */
export const uniformClosedForm = claim<MarketSpec>({
  id: 'PW.uniform.closed-form',
  paper: 'PW',
  source: 'Pycia & Wang (2015), Section 3 definitions, evaluated for uniform(0,1) (closed form derived by hand)',
  statement: 'Uniform(0,1): T1 = (n−1)/(n+1) − ((n−1)/n)Σ r_i^{n/(n−1)} and T2 = −(n−1)/(2(n+1))',
  verdict: 'holds',
  tolerance: { abs: 1e-11, rel: 1e-10, why: 'quadrature at epsrel 1e-11 on polynomial integrands; T1 is a difference of O(1) terms, so 1e-11 absolute plus its error estimate' },
  input: sharesArb(200).map((shares) => ({ n: shares.length, shares, dist: { kind: 'uniform' as const, lo: 0, hi: 1 } })),
  runs: 80,
  property(spec, ctx) {
    const n = spec.n;
    const c = cutoffValues(build(spec, ctx.precision), ctx.precision);
    const t1 = (n - 1) / (n + 1) - ((n - 1) / n) * spec.shares.reduce((s, r) => s + Math.pow(r, n / (n - 1)), 0);
    const t2 = -(n - 1) / (2 * (n + 1));
    const e1 = Math.abs(c.T1.value - t1);
    const e2 = Math.abs(c.T2.value - t2);
    const tol1 = 1e-11 + c.T1.abserr;
    const tol2 = 1e-11 + c.T2.abserr;
    return { holds: e1 <= tol1 && e2 <= tol2, margin: Math.min(1 - e1 / tol1, 1 - e2 / tol2), numbers: { T1: c.T1.value, T1closed: t1, T2: c.T2.value, T2closed: t2, e1, e2 } };
  },
  labels: (s) => marketLabels(s).filter((l) => !l.startsWith('dist:')),
  describe: describeMarket,
  simplify: (s) => simplifyMarket(s),
  decode: (j) => decodeMarket(j),
});
