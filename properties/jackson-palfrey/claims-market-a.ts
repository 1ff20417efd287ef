/**
 * Jackson & Palfrey (1996), the market claims of part A (Sections 3–4): the two forms of the
 * expected utility and the reservation prices, total surplus independent of prices, Example 1's
 * closed form and its two findings (the misprinted fixed-point equation; c* above the competitive
 * price for m > (√5 − 1)/2), and Corollary 1 (β_t(0) decreasing; (ii) false).
 *
 * Each property checks the model against a route that does not share its code (market-a-routes.ts:
 * forward utilities by Gauss–Legendre, direct maximisation of surplus over cutoffs, bisection on
 * B_1); each `certify` re-decides a case by another one (exact arithmetic in Q(√(1 − m)) for
 * Example 1, certificates-eff-a.ts; otherwise the route the property did not take).
 */
import fc from 'fast-check';
import { z } from 'zod';
import { claim } from '../../src/claims/registry.ts';
import { secondMethod } from '../../src/claims/certificates.ts';
import type { CertifyResult, CheckResult, Claim } from '../../src/claims/types.ts';
import { InputError } from '../../src/errors.ts';
import { edgyReal, roundTo } from '../../src/generators/numbers.ts';
import { brent } from '../../src/numeric/roots.ts';
import { buyerTotal, homogeneousSellers, makeEconomy, uniformBuyers } from '../../src/models/jackson-palfrey/economy.ts';
import { cStar, competitivePriceHomogeneous, example1PrintedResidual, example1Residual, example1W, theorem1Cutoffs } from '../../src/models/jackson-palfrey/efficient.ts';
import { buyersAt, cutoffRule, evolve } from '../../src/models/jackson-palfrey/evolution.ts';
import {
  buyerReservation, buyerUtility, buyerUtilityBellman, sellerReservation, sellerUtility, sellerUtilityBellman, totalSurplus, totalSurplusFromUtilities, validatePrices,
} from '../../src/models/jackson-palfrey/utility.ts';
import type { Buyers, Economy, MarketPath, PriceRule } from '../../src/models/jackson-palfrey/types.ts';
import {
  buildEconomy, buildPrice, buildRule, buyerSpecArb, describeBuyers, describeSellers, EconomyShape, heterogeneousArb, homogeneous, homogeneousArb,
  parseOrThrow, PriceShape, priceSpecArb, RuleShape, ruleSpecArb, UNIFORM_BUYERS, type BuyerSpec, type EconomySpec, type PriceSpec, type RuleSpec,
} from './generators-eff-a.ts';
import {
  argmax01, buyerSteps, competitiveByBisection, forwardPriceFree, forwardTotal, forwardUtilities, homogeneousSurplus, maximiseCutoffs, sellerSteps,
} from './market-a-routes.ts';
import { competitiveCase, crossingExact, decimalRational, EX1_ROUTE, ex1CompetitiveCertificate, ex1PrintedCertificate, printedCase } from './certificates-eff-a.ts';

const fmt = (x: number) => (Number.isFinite(x) ? String(+x.toPrecision(6)) : String(x));
const tolOf = (t: { abs?: number }) => t.abs ?? 0;

// =============================================================================================
// Markets with a rule and prices (JP.utility.reservation-identity, JP.efficiency.price-independence)

/** An economy, a trading rule (T = 1..4 periods), one or two price rules and δ. */
export interface MarketCase {
  readonly economy: EconomySpec;
  readonly rule: readonly RuleSpec[];
  readonly prices: readonly (readonly PriceSpec[])[];
  readonly delta: number;
}

const economyArb: fc.Arbitrary<EconomySpec> = fc.record({ buyers: buyerSpecArb(), sellers: fc.oneof(homogeneousArb, heterogeneousArb) });

function marketArb(priceRules: number): fc.Arbitrary<MarketCase> {
  return fc.record({ economy: economyArb, T: fc.integer({ min: 1, max: 4 }), delta: edgyReal(0, 1, [0, 1], 100) }).chain(({ economy, T, delta }) => {
    const values = [...economy.sellers.atoms].sort((a, b) => a[0] - b[0]).map(([v]) => v);
    const n = values.length;
    return fc.record({
      economy: fc.constant(economy),
      rule: fc.array(ruleSpecArb(values), { minLength: T, maxLength: T }),
      prices: fc.array(fc.array(priceSpecArb(n), { minLength: T, maxLength: T }), { minLength: priceRules, maxLength: priceRules }),
      delta: fc.constant(delta),
    });
  });
}

function buildMarket(c: MarketCase): { e: Economy; path: MarketPath; prices: PriceRule[] } {
  const e = buildEconomy(c.economy);
  const path = evolve(e, c.rule.map(buildRule));
  return { e, path, prices: c.prices.map((p) => p.map(buildPrice)) };
}

const MarketCaseShape = z.strictObject({
  economy: EconomyShape,
  rule: z.array(RuleShape).min(1).max(8),
  prices: z.array(z.array(PriceShape)).min(1).max(2),
  delta: z.number().min(0).max(1),
});

function decodeMarket(json: unknown): MarketCase {
  const c = parseOrThrow(MarketCaseShape, json) as MarketCase;
  // the model's own validation names the field of a rule or price that does not fit the economy
  const { path, prices } = buildMarket(c);
  prices.forEach((p, k) => validatePrices(path, p, `input.prices[${k}]`));
  return c;
}

function marketLabels(c: MarketCase): string[] {
  const L: string[] = [];
  const n = c.economy.sellers.atoms.length;
  L.push(n === 2 && c.economy.sellers.atoms.every(([v]) => v === 0 || v === 1) ? 'homogeneous' : 'heterogeneous');
  if (c.rule.length >= 3) L.push('T≥3');
  if (c.rule.some((r) => r.kind === 'grid')) L.push('grid rule');
  if (c.delta > 0 && c.delta < 1) L.push('0<δ<1');
  if (c.economy.buyers.atom0 > 0) L.push('atom at 0');
  if (c.economy.buyers.weights.length >= 4) L.push('pieces≥4');
  return L;
}

const describeMarket = (c: MarketCase) =>
  `buyers ${describeBuyers(c.economy.buyers)}; sellers ${describeSellers(c.economy.sellers)}; T = ${c.rule.length}, δ = ${c.delta}; rule ${c.rule
    .map((r) => (r.kind === 'cutoff' ? `β = (${r.beta.map(fmt).join(', ')})` : `grid [${r.cuts.join(',')}]`))
    .join(' | ')}`;

/** Simpler market cases: fewer periods, δ = 1 or 0, cutoff rules, uniform buyers, flat prices. */
function simplifyMarket(c: MarketCase): MarketCase[] {
  const out: MarketCase[] = [];
  const T = c.rule.length;
  if (T > 1) for (let k = 1; k < T; k++) out.push({ ...c, rule: c.rule.slice(0, k), prices: c.prices.map((p) => p.slice(0, k)) });
  if (c.delta !== 1) out.push({ ...c, delta: 1 });
  if (c.delta !== 0) out.push({ ...c, delta: 0 });
  if (c.delta !== roundTo(c.delta, 1)) out.push({ ...c, delta: roundTo(c.delta, 1) });
  if (c.economy.buyers.atom0 > 0) out.push({ ...c, economy: { ...c.economy, buyers: { ...c.economy.buyers, atom0: 0 } } });
  const n = c.economy.sellers.atoms.length;
  const flat = (p: PriceSpec): PriceSpec => ({ cuts: [], a: Array.from({ length: n }, () => [0.5]), g: Array.from({ length: n }, () => [0]) });
  if (c.prices.some((ps) => ps.some((p) => p.cuts.length > 0 || p.a.some((r) => r[0] !== 0.5)))) out.push({ ...c, prices: c.prices.map((ps) => ps.map(flat)) });
  return out;
}

// ---------------------------------------------------------------- JP.utility.reservation-identity

/** The buyer values the utility forms are compared at: 0 (the atom's), 1, and a few between (the midpoints of a 1/7 grid: off every generated knot). */
const BUYER_POINTS = [0, 1 / 14, 3 / 14, 5 / 14, 7 / 14, 9 / 14, 11 / 14, 13 / 14, 1];

/**
 * The largest gaps between (a) Section 3's sum of products and the Bellman recursion, both the
 * model's, (b) the model's Bellman values and the forward computation, (c) the model's reservation
 * prices and the price at which trading now at t and continuing are worth the same (Brent's root
 * of (p − s) − δ·(forward continuation) for sellers, (b − p) − δ·(continuation) for buyers).
 */
function reservationGaps(c: MarketCase): { forms: number; forward: number; reservation: number; worst: string } {
  const { path, prices } = buildMarket(c);
  const price = prices[0];
  const T = path.periods.length;
  const d = c.delta;
  let forms = 0;
  let forward = 0;
  let reservation = 0;
  let worst = '';
  const note = (kind: 'forms' | 'forward' | 'reservation', gap: number, where: string) => {
    const cur = kind === 'forms' ? forms : kind === 'forward' ? forward : reservation;
    if (!(gap <= cur)) {
      if (kind === 'forms') forms = gap;
      else if (kind === 'forward') forward = gap;
      else reservation = gap;
      if (!(gap <= 0)) worst = `${where}: ${kind} gap ${gap.toExponential(2)}`;
    }
  };
  const agents: { who: string; steps: { gain: number; trade: number }[]; sop: (t: number) => number; bell: Float64Array; res: (t: number) => number; value: number; seller: boolean }[] = [];
  for (let j = 0; j < path.sellers.length; j++) {
    if (path.periods[0].sellerMass[j] === 0) continue;
    agents.push({
      who: `seller s = ${path.sellers[j]}`,
      steps: sellerSteps(path, price, j),
      sop: (t) => sellerUtility(path, price, d, t, j),
      bell: sellerUtilityBellman(path, price, d, j),
      res: (t) => sellerReservation(path, price, d, t, j),
      value: path.sellers[j],
      seller: true,
    });
  }
  for (const b of BUYER_POINTS) {
    agents.push({
      who: `buyer b = ${fmt(b)}`,
      steps: buyerSteps(path, price, b),
      sop: (t) => buyerUtility(path, price, d, t, b),
      bell: buyerUtilityBellman(path, price, d, b),
      res: (t) => buyerReservation(path, price, d, t, b),
      value: b,
      seller: false,
    });
  }
  for (const a of agents) {
    const fwd = forwardUtilities(a.steps, d);
    for (let t = 1; t <= T; t++) {
      const where = `${a.who}, t = ${t}`;
      note('forms', Math.abs(a.sop(t) - a.bell[t - 1]), where);
      note('forward', Math.abs(a.bell[t - 1] - fwd[t - 1]), where);
      // Indifference between trading at t at price p and waiting: seller p − s = δu_{t+1}; buyer b − p = δu_{t+1}.
      const cont = d * fwd[t];
      const f = a.seller ? (p: number) => p - a.value - cont : (p: number) => a.value - p - cont;
      const r = brent(f, a.value - 4, a.value + 4, { xtol: 1e-15 });
      note('reservation', r.converged ? Math.abs(a.res(t) - r.root) : Infinity, where);
    }
  }
  return { forms, forward, reservation, worst };
}

const RESERVATION_TOL = {
  abs: 1e-12,
  why: 'absolute, on utilities and prices of order 1: all three routes are exact up to round-off (closed forms per cell, Gauss–Legendre exact on affine pieces, Brent to 1e-15 on a linear function). Measured by scripts/measure-jp-market-a.ts over 2000 generated cases (seed 1): largest gap 2.2e-16 (forms), 6.7e-16 (forward), 8.9e-16 (reservation); 1e-12 is that × ~1000 (headroom for T ≤ 4 products and sums over up to 5 atoms × 40 cells)',
};

export const reservationIdentity = claim<MarketCase>({
  id: 'JP.utility.reservation-identity',
  paper: 'JP',
  source: 'Jackson & Palfrey (1996), Section 3, "Expected Utility" and "Reservation Prices"',
  statement:
    "For random allocation rules and δ ∈ [0,1], Section 3's sum-of-products u_t equals the Bellman recursion, and the price at which an agent is indifferent between trading at t and continuing (root finding on a forward computation of the continuation) equals p̄_t",
  verdict: 'holds',
  tolerance: RESERVATION_TOL,
  input: marketArb(1),
  runs: 120,
  property: (c, ctx): CheckResult => {
    const g = reservationGaps(c);
    const tol = tolOf(ctx.tolerance);
    const gap = Math.max(g.forms, g.forward, g.reservation);
    return { holds: gap <= tol, margin: (tol - gap) / tol, numbers: { formsGap: g.forms, forwardGap: g.forward, reservationGap: g.reservation, ...(g.worst ? { worst: g.worst } : {}) } };
  },
  certify: (c, ctx): CertifyResult => {
    // The forward route against the model's sum of products alone (the Bellman form set aside), and the reservation prices by the definition p̄ = value ± δu_{t+1}.
    const { path, prices } = buildMarket(c);
    const price = prices[0];
    const d = c.delta;
    let gap = 0;
    for (let j = 0; j < path.sellers.length; j++) {
      const fwd = forwardUtilities(sellerSteps(path, price, j), d);
      for (let t = 1; t <= path.periods.length; t++) {
        gap = Math.max(gap, Math.abs(sellerUtility(path, price, d, t, j) - fwd[t - 1]), Math.abs(sellerReservation(path, price, d, t, j) - (path.sellers[j] + d * fwd[t])));
      }
    }
    for (const b of BUYER_POINTS) {
      const fwd = forwardUtilities(buyerSteps(path, price, b), d);
      for (let t = 1; t <= path.periods.length; t++) {
        gap = Math.max(gap, Math.abs(buyerUtility(path, price, d, t, b) - fwd[t - 1]), Math.abs(buyerReservation(path, price, d, t, b) - (b - d * fwd[t])));
      }
    }
    const tol = tolOf(ctx.tolerance);
    return {
      holds: gap <= tol,
      numbers: { gap },
      route: 'forward utilities (Gauss–Legendre per cell, survival multiplied forwards) against the sum of products, reservation prices from their definition',
      certificate: secondMethod({ route: 'forward utilities against the sum of products', quantity: 'largest gap', value: gap, relation: '>', threshold: tol }),
    };
  },
  labels: marketLabels,
  cover: [
    { label: 'heterogeneous', min: 0.3 },
    { label: 'homogeneous', min: 0.2 },
    { label: 'T≥3', min: 0.25 },
    { label: 'grid rule', min: 0.3 },
    { label: '0<δ<1', min: 0.4 },
  ],
  describe: describeMarket,
  simplify: simplifyMarket,
  decode: decodeMarket,
});

// ---------------------------------------------------------------- JP.efficiency.price-independence

/** Total surplus under the two price rules (through the utilities, the model), price-free (the model's closed form), and forwards (ours). */
function surpluses(c: MarketCase): { w1: number; w2: number; free: number } {
  const { path, prices } = buildMarket(c);
  return { w1: totalSurplusFromUtilities(path, prices[0], c.delta), w2: totalSurplusFromUtilities(path, prices[1], c.delta), free: totalSurplus(path, c.delta) };
}

const PRICE_TOL = {
  abs: 1e-12,
  why: 'absolute, on surpluses of order 1 (prices in [−1.5, 2.5]): every route is exact up to round-off. Measured by scripts/measure-jp-market-a.ts over 2000 generated cases (seed 1): largest gap 7.8e-16; 1e-12 is that × ~1300 (sums over up to 5 atoms × 40 cells × 4 periods)',
};

export const priceIndependence = claim<MarketCase>({
  id: 'JP.efficiency.price-independence',
  paper: 'JP',
  source: 'Jackson & Palfrey (1996), Section 3, "Dynamic Efficiency"',
  statement:
    'Total expected surplus of an allocation rule does not depend on the price rule, and equals the price-free Σ_t δ^{t−1}∫∫_{A_t}(b − s)dB_t dS_t/B_t(1)',
  verdict: 'holds',
  tolerance: PRICE_TOL,
  input: marketArb(2),
  runs: 100,
  property: (c, ctx): CheckResult => {
    const { w1, w2, free } = surpluses(c);
    const gap = Math.max(Math.abs(w1 - w2), Math.abs(w1 - free), Math.abs(w2 - free));
    const tol = tolOf(ctx.tolerance);
    return { holds: gap <= tol, margin: (tol - gap) / tol, numbers: { w1, w2, priceFree: free, gap } };
  },
  certify: (c, ctx): CertifyResult => {
    const { path, prices } = buildMarket(c);
    const f1 = forwardTotal(path, prices[0], c.delta);
    const f2 = forwardTotal(path, prices[1], c.delta);
    const free = forwardPriceFree(path, c.delta);
    const gap = Math.max(Math.abs(f1 - f2), Math.abs(f1 - free), Math.abs(f2 - free));
    const tol = tolOf(ctx.tolerance);
    return {
      holds: gap <= tol,
      numbers: { w1: f1, w2: f2, priceFree: free, gap },
      route: 'forward utilities (Gauss–Legendre per cell cut at the price knots), buyers integrated by Gauss–Legendre; price-free surplus as the sellers’ gains under p = b',
      certificate: secondMethod({ route: 'forward utilities', quantity: 'largest gap between the two price rules and the price-free form', value: gap, relation: '>', threshold: tol }),
    };
  },
  labels: marketLabels,
  cover: [
    { label: 'heterogeneous', min: 0.3 },
    { label: 'T≥3', min: 0.25 },
    { label: 'grid rule', min: 0.3 },
    { label: '0<δ<1', min: 0.4 },
  ],
  describe: describeMarket,
  simplify: simplifyMarket,
  decode: decodeMarket,
});

// =============================================================================================
// Example 1: uniform buyers, m sellers at 0 and 1 − m at 1, T = 2, δ = 1.

const ex1Economy = (m: number) => makeEconomy(uniformBuyers(1), homogeneousSellers(m, 1 - m));

/** Example 1's surplus W(c) through the general machinery (evolve and the price-free surplus), not the closed form. */
const ex1Surplus = (m: number, c: number) => homogeneousSurplus(ex1Economy(m), [c]);

/** The cutoff maximising W by direct maximisation (scan + Brent), and E_2 at it: the mean of B_2 after the cutoff, from evolve. */
function ex1Maximiser(m: number): { c: number; W: number; mean2: number } {
  const e = ex1Economy(m);
  const r = argmax01((c) => homogeneousSurplus(e, [c]));
  return { c: r.x, W: r.fx, mean2: meanOf(buyersAt(evolve(e, cutoffRule([[r.x, 1], [0, 1]])), 2)) };
}

function meanOf(b: Buyers): number {
  let s = 0;
  for (let i = 0; i < b.density.length; i++) s += (b.density[i] * (b.knots[i + 1] ** 2 - b.knots[i] ** 2)) / 2;
  return s / buyerTotal(b);
}

const mArb = edgyReal(0.01, 0.99, [0.01, 0.5, 0.99], 1000);
const decodeM = (json: unknown) => parseOrThrow(z.strictObject({ m: z.number().gt(0).lt(1) }), json);
/**
 * Simpler masses than m, best first: the picks (in order of preference), then m rounded. A pick only
 * offers the picks before it, so shrinking ends at the first pick that is still a case instead of
 * walking from pick to pick.
 */
const simpleMs = (m: number, picks: readonly number[]) => {
  const i = picks.indexOf(m);
  if (i >= 0) return picks.slice(0, i);
  return [...picks, roundTo(m, 1), roundTo(m, 2)].filter((x, k, a) => x !== m && x > 0 && x < 1 && a.indexOf(x) === k);
};

// ---------------------------------------------------------------- JP.Ex1.closed-form

export interface Ex1Pair {
  readonly m: number;
  readonly m2: number;
}

const EX1_TOL = {
  abs: 2e-7,
  why: 'absolute, on cutoffs in [0, 1]: W is flat at its maximum, so the direct maximiser is good to ~√(ε/W″) — measured by scripts/measure-jp-market-a.ts over the 981 m of the 1/1000 grid of [0.01, 0.99]: largest |argmax − c*| 3.3e-8, fixed-point, W and residual gaps ≤ 5e-16; 2e-7 is that × 6',
};

export const ex1ClosedForm = claim<Ex1Pair>({
  id: 'JP.Ex1.closed-form',
  paper: 'JP',
  source: 'Jackson & Palfrey (1996), Section 4, Example 1',
  statement:
    'Uniform buyers, sellers m ∈ (0,1) at 0 and 1 − m at 1, T = 2, δ = 1: the cutoff maximising W(c) (found by direct maximisation) equals c*(m) = (√(1−m) − (1−m))/m; c* solves c = (1 − m(1−c)(1+c)) / (2(1 − m(1−c))); c* decreases strictly in m',
  verdict: 'holds',
  tolerance: EX1_TOL,
  input: fc.tuple(mArb, mArb).filter(([a, b]) => a !== b).map(([a, b]) => ({ m: Math.min(a, b), m2: Math.max(a, b) })),
  runs: 60,
  property: ({ m, m2 }, ctx): CheckResult => {
    const tol = tolOf(ctx.tolerance);
    const x = ex1Maximiser(m);
    const c = cStar(m);
    const argGap = Math.abs(x.c - c);
    // the closed form solves the corrected equation, whose right side is E_2(c*) — here the mean of B_2 from evolve
    const fixedGap = Math.abs(c - meanOf(buyersAt(evolve(ex1Economy(m), cutoffRule([[c, 1], [0, 1]])), 2)));
    const wGap = Math.max(...[0, 0.25, c, 0.75, 1].map((y) => Math.abs(example1W(m, y) - ex1Surplus(m, y))));
    const residual = Math.abs(example1Residual(m, c));
    const drop = c - cStar(m2);
    const gap = Math.max(argGap, fixedGap, wGap, residual);
    return {
      holds: gap <= tol && drop > 0,
      margin: Math.min((tol - gap) / tol, drop > 0 ? 1 : -1),
      numbers: { m, cStar: c, argmax: x.c, argGap, fixedGap, wGap, residual, m2, cStarM2: cStar(m2) },
    };
  },
  certify: ({ m, m2 }): CertifyResult => {
    const a = competitiveCase(decimalRational(m));
    const b = competitiveCase(decimalRational(m2));
    const ok = a.corrected.sign() === 0 && a.cStar.gt(b.cStar);
    return { holds: ok, numbers: { correctedResidual: a.corrected.toString(), cStar: a.cStar.toString(), cStarM2: b.cStar.toString() }, route: EX1_ROUTE };
  },
  labels: ({ m, m2 }) => [m < 0.25 ? 'm<1/4' : m < 0.62 ? 'm in [1/4, 0.62)' : 'm≥0.62', ...(m2 - m < 0.05 ? ['close pair'] : [])],
  cover: [
    { label: 'm<1/4', min: 0.1 },
    { label: 'm in [1/4, 0.62)', min: 0.2 },
    { label: 'm≥0.62', min: 0.1 },
  ],
  describe: ({ m, m2 }) => `Example 1 with m = ${m} (and m′ = ${m2} for the monotonicity)`,
  simplify: ({ m, m2 }) => simpleMs(m, [0.5, 0.25]).filter((x) => x < m2).map((x) => ({ m: x, m2 })),
  decode: (j) => {
    const r = parseOrThrow(z.strictObject({ m: z.number().gt(0).lt(1), m2: z.number().gt(0).lt(1) }), j);
    if (!(r.m < r.m2)) throw new InputError('input.m2', 'must exceed m');
    return r;
  },
  fixtures: [{ name: 'Example 1, m = 1/2: c* = √2 − 1', input: { m: 0.5, m2: 0.9 }, expect: { cStar: Math.SQRT2 - 1 } }],
});

// ---------------------------------------------------------------- JP.Ex1.printed-equation

/** The printed fixed-point equation's residual (the model's example1PrintedResidual: what this claim guards). */
const printedResidual = example1PrintedResidual;

/** Sign changes of the printed residual on a 1/1000 grid of [0, 1], poles (a sign change through a vanishing denominator) left out. */
function printedRoots(m: number): number {
  let roots = 0;
  let prev = printedResidual(m, 0);
  for (let k = 1; k <= 1000; k++) {
    const c = k / 1000;
    const f = printedResidual(m, c);
    const den = 1 - m * (1 + c);
    const denPrev = 1 - m * (1 + (k - 1) / 1000);
    if (Number.isFinite(f) && Number.isFinite(prev) && f < 0 !== prev < 0 && den < 0 === denPrev < 0) roots++;
    prev = f;
  }
  return roots;
}

const PRINTED_TOL = {
  abs: 1e-6,
  why: 'absolute, on the residual of the printed equation at the directly maximised cutoff: the maximiser is good to 2e-7 (JP.Ex1.closed-form) and the residual’s slope is below 4 away from the pole, so a residual above 1e-6 is not the maximiser’s error (factor > 1)',
};

export const ex1PrintedEquation = claim<{ m: number }>({
  id: 'JP.Ex1.printed-equation',
  paper: 'JP',
  source: 'Jackson & Palfrey (1996), Section 4, Example 1 (the fixed-point equation as printed)',
  statement:
    "Example 1's fixed-point equation as printed, c = (1 − m(1−c)(1+c)) / (2(1 − m(1+c))), characterises the efficient cutoff — false: c* leaves a residual (−0.586 at m = 1/2) and the printed equation has no root in [0,1] for m ≥ 1/4",
  verdict: 'contradicted',
  tolerance: PRINTED_TOL,
  input: mArb.map((m) => ({ m })),
  runs: 40,
  property: ({ m }, ctx): CheckResult => {
    const x = ex1Maximiser(m);
    const r = printedResidual(m, x.c);
    const tol = tolOf(ctx.tolerance);
    const bad = !(Math.abs(r) <= tol);
    return { holds: !bad, margin: Number.isFinite(r) ? (tol - Math.abs(r)) / tol : -1, numbers: { m, efficientCutoff: x.c, printedResidual: Number.isFinite(r) ? r : String(r), printedRoots: printedRoots(m) } };
  },
  certify: ({ m }): CertifyResult => {
    const r = printedCase(decimalRational(m));
    const holds = r.corrected.sign() !== 0 || (r.printed !== null && r.printed.sign() === 0);
    return {
      holds,
      numbers: { cStar: r.cStar.toString(), correctedResidual: r.corrected.toString(), printedResidual: r.printed === null ? 'pole' : r.printed.toNumber() },
      route: `${EX1_ROUTE}: c*(m) solves the corrected equation exactly and not the printed one`,
      certificate: ex1PrintedCertificate(m),
    };
  },
  labels: ({ m }) => [m < 0.25 ? 'm<1/4' : 'm≥1/4'],
  cover: [
    { label: 'm<1/4', min: 0.1 },
    { label: 'm≥1/4', min: 0.4 },
  ],
  describe: ({ m }) => `Example 1 with m = ${m}: the efficient cutoff ${fmt(cStar(m))} leaves the printed equation a residual ${fmt(printedResidual(m, cStar(m)))}`,
  // m = 1/2 is the simplest case (the catalogue's −0.586): nothing is simpler than it
  simplify: ({ m }) => (m === 0.5 ? [] : simpleMs(m, [0.5, 0.25]).map((x) => ({ m: x }))),
  search: { mutate: ({ m }, rand, scale) => ({ m: Math.min(0.99, Math.max(0.01, roundTo(m + (rand() - 0.5) * scale * 0.2, 6))) }), budget: 40 },
  decode: decodeM,
  fixtures: [{ name: 'Example 1, m = 1/2: residual −0.586', input: { m: 0.5 } }],
});

// ---------------------------------------------------------------- JP.Ex1.below-competitive

const COMP_TOL = {
  abs: 1e-6,
  why: 'absolute, on c* − (1 − m): the directly maximised cutoff is good to 2e-7 (JP.Ex1.closed-form) and the competitive price 1 − m is exact; a case must exceed 1e-6 (factor 5); the exact certificate decides the sign in Q(√(1 − m))',
};

let crossingMemo: number | undefined;
/** The m where the maximised c*(m) meets 1 − m, found by bisection over m on the direct maximiser (the search's own crossing). */
function searchedCrossing(): number {
  if (crossingMemo === undefined) {
    let lo = 0.05;
    let hi = 0.95;
    for (let k = 0; k < 30; k++) {
      const mid = (lo + hi) / 2;
      if (ex1Maximiser(mid).c < 1 - mid) lo = mid;
      else hi = mid;
    }
    crossingMemo = (lo + hi) / 2;
  }
  return crossingMemo;
}

export const ex1BelowCompetitive = claim<{ m: number }>({
  id: 'JP.Ex1.below-competitive',
  paper: 'JP',
  source: 'Jackson & Palfrey (1996), Section 4, Example 1 (the remark after the closed form)',
  statement: "Example 1's remark: c*(m) < 1 − m, the competitive price, for every m — false for m > (√5 − 1)/2 (where c* = (3 − √5)/2 = 1 − m); the suite finds the crossing",
  verdict: 'contradicted',
  tolerance: COMP_TOL,
  input: mArb.map((m) => ({ m })),
  runs: 40,
  property: ({ m }, ctx): CheckResult => {
    const x = ex1Maximiser(m);
    const comp = competitivePriceHomogeneous(ex1Economy(m)).hi;
    const tol = tolOf(ctx.tolerance);
    const excess = x.c - comp;
    return { holds: excess < tol, margin: (tol - excess) / tol, numbers: { m, efficientCutoff: x.c, competitivePrice: comp, excess, crossingBySearch: searchedCrossing() } };
  },
  certify: ({ m }): CertifyResult => {
    const r = competitiveCase(decimalRational(m));
    const x = crossingExact();
    return {
      holds: !(r.corrected.sign() === 0 && r.gap.sign() >= 0 && r.aboveCrossing > 0 && r.identity),
      numbers: { cStar: r.cStar.toString(), excess: r.gap.toNumber(), crossing: x.m0.toString(), crossingValue: x.m0.toNumber(), cStarAtCrossingIs1MinusM: x.identity },
      route: `${EX1_ROUTE}: c*(m) ≥ 1 − m and m > (√5 − 1)/2 exactly, with c*((√5 − 1)/2) = (3 − √5)/2 in Q(√5)`,
      certificate: ex1CompetitiveCertificate(m),
    };
  },
  labels: ({ m }) => [m > 0.62 ? 'm>0.62' : 'm≤0.62'],
  cover: [
    { label: 'm>0.62', min: 0.15 },
    { label: 'm≤0.62', min: 0.3 },
  ],
  describe: ({ m }) => `Example 1 with m = ${m}: the efficient cutoff ${fmt(cStar(m))} is not below the competitive price 1 − m = ${fmt(1 - m)}`,
  simplify: ({ m }) => simpleMs(m, [0.8, 0.75, 0.7, 0.9]).map((x) => ({ m: x })), // 0.8 first: c*(4/5) = (√5 − 1)/4
  search: { mutate: ({ m }, rand, scale) => ({ m: Math.min(0.99, Math.max(0.01, roundTo(m + (rand() - 0.3) * scale * 0.3, 6))) }), budget: 40 },
  decode: decodeM,
  fixtures: [{ name: 'Example 1, m = 0.9: c* = 0.2403 against 0.1', input: { m: 0.9 } }],
  figures: () => [
    {
      id: 'jp-ex1-crossing',
      title: 'Example 1: the efficient cutoff c*(m) against the competitive price 1 − m',
      caption: 'c*(m) (the closed form, which JP.Ex1.closed-form checks against direct maximisation) meets 1 − m at m = (√5 − 1)/2 ≈ 0.618; above it the efficient cutoff is above the competitive price.',
      x: { label: 'm (sellers at 0)' },
      y: { label: 'price' },
      series: [
        { name: 'c*(m)', points: Array.from({ length: 49 }, (_, k) => [0.02 * (k + 1), cStar(0.02 * (k + 1))] as [number, number]), style: 'line' },
        { name: '1 − m', points: [[0.02, 0.98], [0.98, 0.02]], style: 'line' },
      ],
      marks: [{ kind: 'x-span', from: (Math.sqrt(5) - 1) / 2, to: 1, label: 'c* ≥ 1 − m' }],
    },
  ],
});

// =============================================================================================
// Corollary 1: homogeneous sellers, δ = 1.

/** A homogeneous-seller economy (S_1(0) = m0 > 0) and a horizon T. */
export interface CorCase {
  readonly buyers: BuyerSpec;
  readonly m0: number;
  readonly T: number;
}

const corEconomy = (c: CorCase) => buildEconomy({ buyers: c.buyers, sellers: homogeneous(c.m0) });
const CorShape = z.strictObject({ buyers: z.strictObject({ cuts: z.array(z.number().min(0).max(1)).max(7), weights: z.array(z.number().min(0)).min(1).max(8), atom0: z.number().min(0).max(1) }), m0: z.number().gt(0).max(1), T: z.number().int().min(2).max(5) });
const decodeCor = (j: unknown) => {
  const c = parseOrThrow(CorShape, j) as CorCase;
  corEconomy(c);
  return c;
};
const describeCor = (c: CorCase) => `buyers ${describeBuyers(c.buyers)}; sellers ${fmt(c.m0)} at 0${c.m0 < 1 ? `, ${fmt(1 - c.m0)} at 1` : ''}; T = ${c.T}`;
const corLabels = (c: CorCase) => [`T=${c.T}`, c.buyers.weights.length >= 4 ? 'pieces≥4' : 'pieces<4', ...(c.m0 === 1 ? ['m0=1'] : [])];

// ---------------------------------------------------------------- JP.Cor1.decreasing

/** |β_t − ∫max(b, β_{t+1}) dB_{t+1}/B_{t+1}(1)| with B_{t+1} from evolve under the cutoffs (our integral of max(b, β) per cell), t < T. */
function recursionGap(e: Economy, beta: readonly number[]): number {
  const T = beta.length;
  const one = e.sellers.values.length;
  const path = evolve(e, cutoffRule(beta.map((c) => (one === 1 ? [c] : [c, 1]))));
  let gap = 0;
  for (let t = 1; t < T; t++) {
    const b = buyersAt(path, t + 1);
    const B = buyerTotal(b);
    const x = beta[t];
    let s = b.atom0 * x;
    for (let i = 0; i < b.density.length; i++) {
      const lo = b.knots[i];
      const hi = b.knots[i + 1];
      // ∫_lo^hi max(b, x) db: x on the part below x, b on the part above
      const mid = Math.min(hi, Math.max(lo, x));
      s += b.density[i] * ((mid - lo) * x + (hi * hi - mid * mid) / 2);
    }
    gap = Math.max(gap, Math.abs(beta[t - 1] - s / B));
  }
  return gap;
}

const COR_TOL = {
  abs: 1e-12,
  why: 'absolute, on cutoffs in [0, 1]: the nested scan solves each level with Brent to 1e-14, and the outer level’s residual inherits the inner error × its slope (< 1 per level). Measured by scripts/measure-jp-market-a.ts over 300 generated cases (T ≤ 5): largest recursion gap 2.7e-15, smallest step β_t − β_{t+1} 1.6e-3; 1e-12 is the gap × ~400',
};

/** How far coordinate ascent's cutoffs may be trusted where surplus is flat near its maximum (measured by scripts/measure-jp-market-a.ts: 1.9e-7 at worst over 100 cases against the nested scan; × 50): an order reversal smaller than this is not a certified one. */
const DIRECT_RESOLUTION = 1e-5;

export const cor1Decreasing = claim<CorCase>({
  id: 'JP.Cor1.decreasing',
  paper: 'JP',
  source: 'Jackson & Palfrey (1996), Section 4, Corollary 1(i)',
  statement: 'β_1(0) > β_2(0) > … > β_T(0) = 0 for buyers with positive density on (0,1) and S_1(0) > 0 (Corollary 1(i))',
  verdict: 'holds',
  tolerance: COR_TOL,
  // S_1(0) < S_1(1): with every seller at 0 (m0 = 1) the efficient rule is not unique (total surplus is flat in the cutoffs) and (3) gives β_1(0) = β_2(0) = 0 — outside the corollary's strict statement; see the report
  input: fc.record({ buyers: buyerSpecArb({ fullSupport: true }), m0: edgyReal(0.05, 0.99, [0.5, 0.99], 94), T: fc.integer({ min: 2, max: 4 }) }),
  // T = 5 costs ~2.6 s a case (the nested scan of (3) is 16-point scans nested T − 1 deep): a fixture, not the generator
  fixtures: [
    { name: 'two-piece buyers, sellers 0.3 at 0, T = 5', input: { buyers: { cuts: [0.5], weights: [1, 0.2], atom0: 0 }, m0: 0.3, T: 5 } },
  ],
  runs: 40,
  property: (c, ctx): CheckResult => {
    const e = corEconomy(c);
    const r = theorem1Cutoffs(e, c.T);
    if (!r.converged) return { holds: true, undecided: 'the nested scan of (3) did not converge', numbers: { beta0: r.beta0 } };
    const tol = tolOf(ctx.tolerance);
    const gap = recursionGap(e, r.beta0);
    const steps = r.beta0.slice(1).map((b, t) => r.beta0[t] - b);
    const minStep = Math.min(...steps);
    const last = Math.abs(r.beta0[c.T - 1]);
    const holds = gap <= tol && minStep > tol && last <= tol;
    return { holds, margin: Math.min((tol - gap) / tol, minStep / tol - 1, (tol - last) / tol), numbers: { beta0: r.beta0, minStep, recursionGap: gap, unique: r.unique } };
  },
  certify: (c, ctx): CertifyResult => {
    // total surplus maximised directly over the cutoff vector (coordinate ascent over evolve), no recursion (3)
    const e = corEconomy(c);
    const m = maximiseCutoffs(e, c.T);
    const beta = [...m.cuts, 0];
    const steps = beta.slice(1).map((b, t) => beta[t] - b);
    const tol = DIRECT_RESOLUTION;
    return {
      holds: Math.min(...steps) > -tol,
      numbers: { beta0: beta, minStep: Math.min(...steps) },
      route: 'total surplus maximised directly over the cutoff vector (coordinate ascent, scan + Brent, over evolve)',
      certificate: secondMethod({ route: 'direct maximisation of surplus', quantity: 'smallest step β_t(0) − β_{t+1}(0)', value: Math.min(...steps), relation: '<=', threshold: tolOf(ctx.tolerance) }),
    };
  },
  labels: corLabels,
  cover: [
    { label: 'T=2', min: 0.15 },
    { label: 'T=4', min: 0.15 },
    { label: 'pieces≥4', min: 0.3 },
  ],
  describe: describeCor,
  figures: () => [
    {
      id: 'jp-cor1-beta-t',
      title: 'Corollary 1(i): the efficient cutoffs β_t(0) against t (uniform buyers, T = 4, δ = 1)',
      caption: 'β_t(0) from recursion (3), falling strictly to β_T(0) = 0, for three shares m of sellers at 0.',
      x: { label: 't' },
      y: { label: 'β_t(0)' },
      series: [0.25, 0.5, 0.75].map((m0) => ({
        name: `m = ${m0}`,
        points: theorem1Cutoffs(corEconomy({ buyers: UNIFORM_BUYERS, m0, T: 4 }), 4).beta0.map((b, t) => [t + 1, b] as [number, number]),
        style: 'line+dots' as const,
      })),
    },
  ],
  simplify: (c) => [
    ...(c.T > 2 ? [{ ...c, T: c.T - 1 }] : []),
    ...(c.buyers.weights.length > 1 ? [{ ...c, buyers: UNIFORM_BUYERS }] : []),
    ...simpleMs(c.m0, [0.5, 0.9]).map((m0) => ({ ...c, m0 })),
  ],
  decode: decodeCor,
});

// ---------------------------------------------------------------- JP.Cor1.below-competitive

const COR2_TOL = {
  abs: 1e-6,
  why: 'absolute, on β_1(0) − B_1^{-1}(B_1(1) − S_1(0)): β_1(0) from the nested scan is good to 1e-12 (JP.Cor1.decreasing) and the price is a closed-form quantile; a case must exceed 1e-6 (factor 1000), and is certified by direct maximisation (good to 2e-7) or exactly',
};

const isEx1 = (c: CorCase) => c.T === 2 && c.buyers.atom0 === 0 && c.buyers.weights.length === 1 && c.buyers.weights[0] > 0 && c.m0 < 1;

export const cor1BelowCompetitive = claim<CorCase>({
  id: 'JP.Cor1.below-competitive',
  paper: 'JP',
  source: 'Jackson & Palfrey (1996), Section 4, Corollary 1(ii)',
  statement:
    'Corollary 1(ii): the static competitive price B_1^{-1}(B_1(1) − S_1(0)) exceeds β_1(0) for every homogeneous-seller economy (δ = 1) — false; the suite finds, shrinks and certifies a counterexample',
  verdict: 'contradicted',
  tolerance: COR2_TOL,
  input: fc.record({ buyers: buyerSpecArb(), m0: edgyReal(0.05, 1, [1], 100), T: fc.integer({ min: 2, max: 4 }) }),
  runs: 40,
  property: (c, ctx): CheckResult => {
    const e = corEconomy(c);
    const r = theorem1Cutoffs(e, c.T);
    if (!r.converged) return { holds: true, undecided: 'the nested scan of (3) did not converge', numbers: { beta0: r.beta0 } };
    const comp = competitivePriceHomogeneous(e).hi;
    const tol = tolOf(ctx.tolerance);
    const excess = r.beta0[0] - comp;
    return { holds: excess < tol, margin: (tol - excess) / tol, numbers: { beta1: r.beta0[0], competitivePrice: comp, excess } };
  },
  certify: (c, ctx): CertifyResult => {
    if (isEx1(c)) {
      const r = competitiveCase(decimalRational(c.m0));
      return {
        holds: !(r.corrected.sign() === 0 && r.gap.sign() >= 0),
        numbers: { beta1: r.cStar.toString(), competitivePrice: `1 − ${c.m0}`, excess: r.gap.toNumber() },
        route: `Example 1's economy: ${EX1_ROUTE}`,
        certificate: ex1CompetitiveCertificate(c.m0),
      };
    }
    const e = corEconomy(c);
    const m = maximiseCutoffs(e, c.T);
    const comp = competitiveByBisection(e);
    const excess = m.cuts[0] - comp;
    const tol = tolOf(ctx.tolerance);
    return {
      holds: !(excess >= tol),
      numbers: { beta1: m.cuts[0], competitivePrice: comp, excess },
      route: 'β_1(0) by direct maximisation of total surplus over cutoff vectors (over evolve), the price by bisection on B_1',
      certificate: secondMethod({ route: 'direct maximisation and bisection', quantity: 'β_1(0) − B_1^{-1}(B_1(1) − S_1(0))', value: excess, relation: '>=', threshold: tol }),
    };
  },
  labels: (c) => [...corLabels(c), ...(c.buyers.atom0 > 0 ? ['atom at 0'] : [])],
  cover: [
    { label: 'T=2', min: 0.15 },
    { label: 'T=4', min: 0.15 },
    { label: 'pieces≥4', min: 0.3 },
  ],
  describe: (c) => {
    const e = corEconomy(c);
    return `${describeCor(c)}: β_1(0) = ${fmt(theorem1Cutoffs(e, c.T).beta0[0])} is not below the competitive price ${fmt(competitivePriceHomogeneous(e).hi)}`;
  },
  simplify: (c) => [
    ...(isEx1(c) ? [] : [{ buyers: UNIFORM_BUYERS, m0: c.m0, T: 2 }]),
    ...(c.T > 2 ? [{ ...c, T: 2 }] : []),
    ...(c.buyers.atom0 > 0 ? [{ ...c, buyers: { ...c.buyers, atom0: 0 } }] : []),
    ...(c.buyers.weights.length > 1 ? [{ ...c, buyers: UNIFORM_BUYERS }] : []),
    ...simpleMs(c.m0, [0.8, 0.75, 0.7, 0.9]).map((m0) => ({ ...c, m0 })),
  ],
  search: { mutate: (c, rand, scale) => ({ ...c, m0: Math.min(1, Math.max(0.05, roundTo(c.m0 + (rand() - 0.3) * scale * 0.3, 6))) }), budget: 30 },
  decode: decodeCor,
  fixtures: [{ name: 'Example 1, m = 0.9: β_1(0) = 0.2403 against 0.1', input: { buyers: UNIFORM_BUYERS, m0: 0.9, T: 2 }, expect: { competitivePrice: 0.1 } }],
});

/** The market claims of part A, in catalogue order. */
export const jpMarketAClaims: readonly Claim<any>[] = [reservationIdentity, priceIndependence, ex1ClosedForm, ex1PrintedEquation, ex1BelowCompetitive, cor1Decreasing, cor1BelowCompetitive];
