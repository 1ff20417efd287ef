/**
 * Jackson & Palfrey (1996), the equilibrium side of the catalogue: Example 2's two equilibria
 * (exact in Q(√2) and on grids), Section 6's seller take-it-or-leave-it offers (implementing the
 * efficient rule at δ = 1, not at δ < 1), and a price rule whose seller reservation prices are not
 * monotone in the value (Section 5's remark).
 *
 * Equilibria come from the model's solver (equilibrium.ts: fixed points of Φ on grid trading
 * rules, enumerated exactly for T = 2 with homogeneous sellers). Efficiency is judged by a global
 * search over the grid's cutoff rules and single-cell flips of the period-1 rule, never by the
 * formula of Theorem 1 or 2 (those are reported beside, as the continuum's values). Each `certify`
 * re-decides the equilibria by the other route of equilibrium.ts (`certifyEquilibrium`: the
 * sum-of-products utilities and the augmented game) and surplus by the utilities' price-dependent
 * form (`totalSurplusFromUtilities`).
 */
import fc from 'fast-check';
import { z } from 'zod';
import { claim } from '../../src/claims/registry.ts';
import type { CertifyResult, CheckResult, Claim } from '../../src/claims/types.ts';
import { InputError } from '../../src/errors.ts';
import { edgyReal } from '../../src/generators/numbers.ts';
import { homogeneousSellers, makeEconomy, uniformBuyers } from '../../src/models/jackson-palfrey/economy.ts';
import { homogeneousReduction, theorem1Cutoffs, theorem2Cutoffs } from '../../src/models/jackson-palfrey/efficient.ts';
import {
  bestResponse, certifyEquilibrium, cutoffStart, decisionCells, enumerateHomogeneousT2, prepare, toRules,
  solveEquilibria, type EnumerationResult, type Equilibrium, type EquilibriumProblem, type Prepared,
} from '../../src/models/jackson-palfrey/equilibrium.ts';
import {
  conditionStar, individualIrrationality, individualRationality, nonDecreasingPrices, starHolds, type TradingGrid,
} from '../../src/models/jackson-palfrey/games/conditions.ts';
import { pointSet } from '../../src/models/jackson-palfrey/games/price-set.ts';
import { priceMap, terminalPrices, type GameNode } from '../../src/models/jackson-palfrey/games/tree.ts';
import { makeRng } from '../../src/numeric/rng.ts';
import { showTree } from './claims-games.ts';
import { bruteStar, leafPrices, payoffOutcome, starTotal } from './games-routes.ts';
import { buildGameForm, gameFormInput, type GameFormInput } from './generators-games.ts';
import { evolve } from '../../src/models/jackson-palfrey/evolution.ts';
import { buyerTakeItOrLeaveIt, fixedPrice, sellerTakeItOrLeaveIt } from '../../src/models/jackson-palfrey/games/mechanisms.ts';
import { numberOrder } from '../../src/models/jackson-palfrey/games/order.ts';
import type { Economy, PricePeriod } from '../../src/models/jackson-palfrey/types.ts';
import {
  buyerTakesAll, fixedPrice as fixedPriceRule, sellerReservation, sellerTakesAll, sellerUtilityBellman, splitDifference,
  totalSurplus, totalSurplusFromUtilities,
} from '../../src/models/jackson-palfrey/utility.ts';
import { QuadraticNumber } from '../../src/numeric/quadratic-field.ts';
import { C, M, meanValue, type BuyerPiece, type QN } from './example2.ts';
import {
  buildEconomy, decodeGridEconomy, describeGridEconomy, gridOf, heterogeneousInput, homogeneousInput, simplifyGridEconomy,
  type GridEconomyInput,
} from './generators-jp-equilibria.ts';

/**
 * Rule (ii)'s "=" for the grid economies: reservation prices are sums of a few dozen products of
 * doubles (error ~1e-15); a tie (the 0-seller's reservation price equal to the fixed price c_N,
 * which is that same reservation price recomputed) must read as a tie. 1e-12 is ~1000× the
 * round-off and far below any gap between distinct grid prices (≥ 1/(2·400)).
 */
const TIE = 1e-12;
const order = numberOrder(TIE);

const f = (x: number) => String(+x.toPrecision(6));

// ------------------------------------------------------------------------------------------------
// Shared: the grid's seller take-it-or-leave-it problem and surplus over the grid's cutoff rules.

/** Seller take-it-or-leave-it offers over the decision cells' representatives, in each of T = 2 periods. */
function sellerOffers(e: Economy, grid: Float64Array, delta: number): EquilibriumProblem {
  const { reps } = decisionCells(e, grid);
  const g = sellerTakeItOrLeaveIt(Array.from(reps));
  return { economy: e, grid, mechanisms: [g, g], delta, order };
}

/**
 * Total surplus (price-free form, utility.ts `totalSurplus`) of every grid rule "0-sellers trade in
 * period 1 with the cells i ≥ k" (k = 0..K), period 2 as the equilibrium's, and of each single-cell
 * flip of the equilibrium's period-1 row: the global search the efficiency claims use.
 */
function surplusSearch(pr: Prepared, eqTrade: readonly Uint8Array[], delta: number, flips = true): { best: number; bestK: number; eq: number; flipBest: number } {
  const { K } = pr;
  const zero = [new Float64Array(pr.n * K), new Float64Array(pr.n * K)];
  const W = (trade: Uint8Array[]) => totalSurplus(evolve(pr.p.economy, toRules(pr, { trade, price: zero }).rule), delta);
  let best = -Infinity;
  let bestK = -1;
  for (let k = 0; k <= K; k++) {
    const c = cutoffStart(pr, [[k, K], [K, K]]);
    c[1] = eqTrade[1] as Uint8Array;
    const w = W(c);
    if (w > best) [best, bestK] = [w, k];
  }
  let flipBest = -Infinity;
  for (let i = 0; flips && i < pr.n * K; i++) {
    const t = eqTrade.map((b) => b.slice());
    t[0][i] ^= 1;
    flipBest = Math.max(flipBest, W(t));
  }
  return { best, bestK, eq: W(eqTrade.map((b) => b.slice())), flipBest };
}

/** Surplus of an allocation by the utilities (price-dependent form: another route than `totalSurplus`). */
function surplusByUtilities(pr: Prepared, trade: readonly Uint8Array[], price: readonly Float64Array[], delta: number): number {
  const { rule, price: pp } = toRules(pr, { trade, price });
  return totalSurplusFromUtilities(evolve(pr.p.economy, rule), pp, delta);
}

/** Surplus is a sum of O(K·n) doubles of size ≤ 1: 1e-12 absolute is ~1000× its round-off. */
const SURPLUS_TOL = 1e-12;

// ------------------------------------------------------------------------------------------------
// JP.Ex2.two-equilibria

/** Mass and first moment of a piecewise-uniform measure, exactly. */
function moments(pieces: readonly BuyerPiece[]): { mass: QN; moment: QN } {
  let mass = QuadraticNumber.of(0);
  let moment = QuadraticNumber.of(0);
  for (const { lo, hi, density } of pieces) {
    mass = mass.add(density.mul(hi.sub(lo)));
    moment = moment.add(density.mul(hi.mul(hi).sub(lo.mul(lo))).div(2));
  }
  return { mass, moment };
}

const ZERO = QuadraticNumber.of(0);
const ONE = QuadraticNumber.of(1);

/** B_2 when the 0-sellers (mass m = 1/2) trade in period 1 with every buyer b ≥ κ (eq. 1; κ = 1: nobody). */
const b2Pieces = (kappa: QN): BuyerPiece[] => [
  { lo: ZERO, hi: kappa, density: ONE },
  { lo: kappa, hi: ONE, density: ONE.sub(M) },
];

/**
 * Example 2 exactly, as a 1-D enumeration over the 0-sellers' period-1 cutoff κ (their common
 * reservation price r(κ) = E_{B_2}[b] decides; δ = 1, seller offers in period 2 leave buyers 0, so
 * p̄_1^b = b). Fixed price c: Φ maps every κ to c (if r(κ) ≤ c, rule (ii)) or to "none" — the two
 * candidates are checked exactly. Buyer offers over [c, 1]: Φ(κ) = max(c, r(κ)); its fixed points
 * above c are roots of the quadratic q(κ) = moment − κ·mass (interpolated exactly at κ = 0, 1/2, 1),
 * and "none" maps to max(c, 1/2) ≠ none.
 */
export function example2Exact() {
  const r = (kappa: QN) => meanValue(b2Pieces(kappa));
  const rC = r(C);
  const rNone = r(ONE);
  const fixedEquilibria = [rC.compare(C) <= 0 ? 'efficient (κ = c)' : null, rNone.compare(C) > 0 ? 'all wait' : null].filter((x) => x !== null);
  const q = (k: QN) => {
    const { mass, moment } = moments(b2Pieces(k));
    return moment.sub(k.mul(mass));
  };
  // q(κ) = a κ² + b κ + d from three exact values
  const q0 = q(ZERO);
  const qh = q(QuadraticNumber.of('1/2'));
  const q1 = q(ONE);
  const a = q1.sub(qh.mul(2)).add(q0).mul(2);
  const b = q1.sub(q0).sub(a);
  const other = a.sign() === 0 ? null : b.neg().div(a).sub(C); // the other root, given q(c) = 0
  const cIsRoot = q(C).sign() === 0;
  const otherInside = other !== null && other.compare(C) > 0 && other.compare(ONE) <= 0;
  const buyerEquilibria = [rC.compare(C) <= 0 ? 'efficient (κ = c)' : null, ...(otherInside ? ['κ = other root'] : [])].filter((x) => x !== null);
  const noneMapsTo = rNone.compare(C) >= 0 ? rNone : C;
  return { rC, rNone, fixedEquilibria, cIsRoot, other, buyerEquilibria, noneIsFixedForBuyer: noneMapsTo.compare(ONE) > 0 };
}

/** The grid's Example 2: c_N is the 0-sellers' reservation price at the grid's seller-offer equilibrium (δ = 1). */
function example2Grid(N: number) {
  const e = makeEconomy(uniformBuyers(1), homogeneousSellers(0.5, 0.5));
  const grid = Float64Array.from({ length: N + 1 }, (_, k) => k / N);
  const base = sellerOffers(e, grid, 1);
  const eff = enumerateHomogeneousT2(base);
  if (eff.equilibria.length !== 1) return { ok: false as const, why: `seller offers have ${eff.equilibria.length} equilibria on the grid` };
  const cN = eff.equilibria[0].res.seller[0][0];
  const kN = eff.cutoffs[0];
  const reps = Array.from(decisionCells(e, grid).reps);
  const fixedP: EquilibriumProblem = { ...base, mechanisms: [fixedPrice(cN), base.mechanisms[1]] };
  const buyerP: EquilibriumProblem = { ...base, mechanisms: [buyerTakeItOrLeaveIt([cN, ...reps.filter((b) => b > cN)]), base.mechanisms[1]] };
  return { ok: true as const, N, K: reps.length, cN, kN, fixedP, buyerP, fixed: enumerateHomogeneousT2(fixedP), buyer: enumerateHomogeneousT2(buyerP) };
}

function ex2Check(N: number): CheckResult {
  const ex = example2Exact();
  const g = example2Grid(N);
  const exactOk = ex.rC.equals(C) && ex.fixedEquilibria.length === 2 && ex.buyerEquilibria.length === 1 && ex.cIsRoot && !ex.noneIsFixedForBuyer;
  const numbers = {
    rAtC: ex.rC.toString(),
    rAllWait: ex.rNone.toString(),
    exactFixedPrice: ex.fixedEquilibria,
    exactBuyerOffers: ex.buyerEquilibria,
    otherRoot: ex.other?.toString() ?? null,
  };
  if (!g.ok) return { holds: false, numbers: { ...numbers, grid: g.why } };
  const cErr = Math.abs(g.cN - (Math.SQRT2 - 1));
  const gridOk = g.fixed.exact && g.buyer.exact && g.fixed.cutoffs.join() === `${g.kN},${g.K}` && g.buyer.cutoffs.join() === `${g.kN}`;
  // c_N → √2 − 1: within one cell (the grid equilibrium's representative straddles c_N)
  const conv = cErr <= 1 / N;
  return {
    holds: exactOk && gridOk && conv,
    margin: 1 / N - cErr,
    numbers: { ...numbers, cN: g.cN, cNError: cErr, cNErrorTimesN: cErr * N, fixedCutoffs: g.fixed.cutoffs, buyerCutoffs: g.buyer.cutoffs, kN: g.kN, cells: g.K },
  };
}

function ex2Certify(N: number): CertifyResult {
  const g = example2Grid(N);
  if (!g.ok) return { holds: false, numbers: { grid: g.why }, route: 'certifyEquilibrium' };
  const certs = [
    ...g.fixed.equilibria.map((q) => certifyEquilibrium(g.fixedP, q.allocation, q.res)),
    ...g.buyer.equilibria.map((q) => certifyEquilibrium(g.buyerP, q.allocation, q.res)),
  ];
  // "exactly two": every other cutoff k is rejected by the certificate too
  let others = 0;
  const pr = prepare(g.fixedP);
  const p2 = g.fixed.equilibria[0]?.allocation.trade[1];
  for (let k = 0; k <= g.K && p2; k++) {
    if (k === g.kN || k === g.K) continue;
    const trade = cutoffStart(pr, [[k, g.K], [g.K, g.K]]);
    trade[1] = p2 as Uint8Array;
    const price = bestResponse(pr, trade).next.price;
    if (certifyEquilibrium(g.fixedP, { trade, price }).ok) others++;
  }
  return {
    holds: certs.every((c) => c.ok) && certs.length === 3 && others === 0,
    numbers: { certified: certs.filter((c) => c.ok).length, otherCutoffsAccepted: others, resGap: Math.max(...certs.map((c) => c.resGap)) },
    route: 'each equilibrium re-decided from the sum-of-products reservation prices and the augmented game Γ(γ_t); every other cutoff of the fixed-price game rejected by the same check; the exact part in Q(√2)',
  };
}

/** JP.Ex2.two-equilibria (Section 7, Example 2). */
export const ex2TwoEquilibria = claim<number>({
  id: 'JP.Ex2.two-equilibria',
  paper: 'JP',
  source: 'Jackson & Palfrey (1996), Section 7, Example 2 (with Example 1 and Section 3, "Equilibrium")',
  statement:
    'm = 1/2, c = √2 − 1 exactly: a fixed price c in period 1 and seller offers in period 2 have exactly two equilibria (efficient, all wait); buyer offers over [c, 1] in period 1 only the efficient one; on an N-cell grid the same holds with the grid\'s own c_N, |c_N − c| ≤ 1/N',
  verdict: 'holds',
  tolerance: { abs: TIE, why: 'exact in Q(√2) for the paper\'s case; on grids rule (ii)\'s tie tolerance 1e-12 (≈1000× the round-off of a reservation price; far below the gap 1/(2N) between grid prices) decides p̄_1^s(0) = c_N, and c_N − c is compared with 1/N, not with a tolerance' },
  input: fc.oneof({ arbitrary: fc.integer({ min: 2, max: 12 }), weight: 1 }, { arbitrary: fc.integer({ min: 13, max: 48 }), weight: 2 }),
  runs: 14,
  property: (N) => ex2Check(N),
  certify: (N) => ex2Certify(N),
  labels: (N) => [N <= 12 ? 'coarse grid (N ≤ 12)' : 'fine grid (N > 12)', N % 2 === 0 ? 'b = 1/2 a cell edge' : 'b = 1/2 a representative'],
  cover: [
    { label: 'coarse grid (N ≤ 12)', min: 0.15 },
    { label: 'fine grid (N > 12)', min: 0.3 },
    { label: 'b = 1/2 a representative', min: 0.2 },
  ],
  describe: (N) => `Example 2 (m = 1/2, uniform buyers) exactly, and on the grid of ${N} cells k/${N}`,
  simplify: (N) => (N > 2 ? [2, Math.floor(N / 2)].filter((x) => x < N) : []),
  decode: (j) => {
    const r = z.number().int().min(2).max(400).safeParse(j);
    if (!r.success) throw new InputError('input', r.error.issues[0].message);
    return r.data;
  },
  fixtures: [{ name: 'Example 2 exactly, and on 40 cells', input: 40, expect: { rAtC: C.toString(), rAllWait: '1/2', fixedCutoffs: [17, 40], buyerCutoffs: [17] } }],
});

// ------------------------------------------------------------------------------------------------
// JP.Sec6.seller-tioli-implements and JP.Sec6.discounting

interface Sec6Case {
  readonly e: Economy;
  readonly p: EquilibriumProblem;
  readonly pr: Prepared;
  readonly en: EnumerationResult;
}

function sec6Case(x: GridEconomyInput): Sec6Case {
  const e = buildEconomy(x);
  const p = sellerOffers(e, gridOf(x), x.delta);
  return { e, p, pr: prepare(p), en: enumerateHomogeneousT2(p) };
}

function sec6Check(x: GridEconomyInput): CheckResult {
  const c = sec6Case(x);
  const numbers: Record<string, number | boolean | string | number[]> = { exact: c.en.exact, equilibria: c.en.equilibria.length, cutoffs: c.en.cutoffs, cells: c.pr.K };
  if (!c.en.exact) return { holds: false, numbers: { ...numbers, why: c.en.reason ?? '' } };
  if (c.en.equilibria.length !== 1) return { holds: false, numbers };
  const q = c.en.equilibria[0];
  const s = surplusSearch(c.pr, q.allocation.trade, x.delta);
  const beta = theorem1Cutoffs(c.e, 2).beta0[0];
  const r = q.res.seller[0][0];
  const h = Math.max(...Array.from(c.pr.grid.subarray(1), (g, i) => g - c.pr.grid[i]));
  const gap = Math.max(s.best, s.flipBest) - s.eq;
  return {
    holds: gap <= SURPLUS_TOL && Math.abs(r - beta) <= h,
    margin: Math.min(SURPLUS_TOL - gap, h - Math.abs(r - beta)) / SURPLUS_TOL,
    numbers: { ...numbers, surplus: s.eq, bestCutoffSurplus: s.best, bestCutoff: s.bestK, bestFlipSurplus: s.flipBest, reservation0: r, theorem1Beta: beta, widestCell: h },
  };
}

function sec6Certify(x: GridEconomyInput): CertifyResult {
  const c = sec6Case(x);
  const q = c.en.equilibria[0];
  if (!q) return { holds: false, numbers: { equilibria: 0 }, route: 'certifyEquilibrium' };
  const cert = certifyEquilibrium(c.p, q.allocation, q.res);
  const s = surplusSearch(c.pr, q.allocation.trade, x.delta);
  const byU = surplusByUtilities(c.pr, q.allocation.trade, q.allocation.price, x.delta);
  return {
    holds: cert.ok && c.en.equilibria.length === 1 && Math.abs(byU - s.eq) <= SURPLUS_TOL && byU >= s.best - 2 * SURPLUS_TOL,
    numbers: { certified: cert.ok, resGap: cert.resGap, surplusByUtilities: byU, surplusPriceFree: s.eq, bestCutoffSurplus: s.best },
    route: 'the equilibrium re-decided from the sum-of-products reservation prices and the augmented game; its surplus by the utilities (price-dependent form) against the best grid cutoff',
  };
}

function sec6Labels(x: GridEconomyInput): string[] {
  const m = x.sellers[0][1];
  return [x.weights.length === 1 ? 'uniform buyers' : x.weights.length >= 4 ? '≥ 4 pieces' : '2–3 pieces', m >= 0.6 ? 'm ≥ 0.6' : m <= 0.4 ? 'm ≤ 0.4' : 'm ≈ 1/2'];
}

const gridEconomyCommon = {
  describe: describeGridEconomy,
  simplify: simplifyGridEconomy,
  decode: (j: unknown) => decodeGridEconomy(j),
};

const EX1: GridEconomyInput = { cuts: [], weights: [1], sellers: [[0, 0.5], [1, 0.5]], N: 40, delta: 1 };

/** JP.Sec6.seller-tioli-implements (Section 6 and its appendix proof). */
export const sec6SellerOffers = claim<GridEconomyInput>({
  id: 'JP.Sec6.seller-tioli-implements',
  paper: 'JP',
  source: 'Jackson & Palfrey (1996), Section 6 ("Implementing Efficient Rules") and the appendix; Theorem 1 for the continuum cutoff',
  statement:
    'Homogeneous sellers, δ = 1, T = 2, the seller offer grid holding the buyer values (cell representatives): seller take-it-or-leave-it offers have exactly one equilibrium (exact enumeration), it maximises total surplus over every grid cutoff rule and every one-cell flip, and its reservation price is within one cell of Theorem 1\'s β_1(0)',
  verdict: 'holds',
  tolerance: { abs: SURPLUS_TOL, why: 'surplus is a sum of O(K) products of doubles ≤ 1 (round-off ~1e-15); measured equilibrium-vs-best gap 0 exactly on 30 seeded cases; 1e-12 is a ~1000× safety factor. The cutoff is compared with Theorem 1 to the widest cell (the grid\'s resolution: measured errors ≤ 0.002 at N ≥ 8)' },
  input: homogeneousInput(fc.constant(1), 8, 32),
  runs: 12,
  property: sec6Check,
  certify: sec6Certify,
  labels: sec6Labels,
  cover: [
    { label: 'uniform buyers', min: 0.05 },
    { label: '≥ 4 pieces', min: 0.2 },
    { label: 'm ≥ 0.6', min: 0.1 },
    { label: 'm ≤ 0.4', min: 0.1 },
  ],
  ...gridEconomyCommon,
  fixtures: [{ name: 'Example 1 with m = 1/2 on 40 cells: the equilibrium trades from cell 17 (b ≥ 0.425)', input: EX1, expect: { equilibria: 1, cutoffs: [17] } }],
});

function discountCheck(x: GridEconomyInput): CheckResult {
  const c = sec6Case(x);
  const numbers: Record<string, number | boolean | number[] | string> = { exact: c.en.exact, equilibria: c.en.equilibria.length, cutoffs: c.en.cutoffs };
  if (!c.en.exact || c.en.equilibria.length === 0) return { holds: false, numbers };
  let worstGap = Infinity;
  let best = 0;
  for (const q of c.en.equilibria) {
    const s = surplusSearch(c.pr, q.allocation.trade, x.delta, false);
    worstGap = Math.min(worstGap, s.best - s.eq);
    best = s.best;
  }
  const efficient = theorem2Cutoffs(c.e, x.delta).beta[0];
  const printed = homogeneousReduction(c.e.buyers, c.e.sellers.mass[0], 0, x.delta, 'printed').beta;
  return {
    holds: worstGap > SURPLUS_TOL,
    margin: worstGap / SURPLUS_TOL - 1,
    numbers: { ...numbers, surplusLoss: worstGap, bestCutoffSurplus: best, reservation0: c.en.equilibria[0].res.seller[0][0], theorem2Beta: efficient, printedReductionBeta: printed },
  };
}

function discountCertify(x: GridEconomyInput): CertifyResult {
  const c = sec6Case(x);
  const certs = c.en.equilibria.map((q) => certifyEquilibrium(c.p, q.allocation, q.res));
  const losses = c.en.equilibria.map((q) => {
    const s = surplusSearch(c.pr, q.allocation.trade, x.delta, false);
    return s.best - surplusByUtilities(c.pr, q.allocation.trade, q.allocation.price, x.delta);
  });
  return {
    holds: certs.length > 0 && certs.every((k) => k.ok) && losses.every((l) => l > SURPLUS_TOL),
    numbers: { certified: certs.filter((k) => k.ok).length, lossesByUtilities: losses },
    route: 'each equilibrium re-decided from the sum-of-products reservation prices and the augmented game; its surplus by the utilities (price-dependent form) against the best grid cutoff',
  };
}

/** JP.Sec6.discounting (Section 6 assumes δ = 1). */
export const sec6Discounting = claim<GridEconomyInput>({
  id: 'JP.Sec6.discounting',
  paper: 'JP',
  source: 'Jackson & Palfrey (1996), Section 6 (δ = 1 assumed); Theorem 2 for δ < 1',
  statement:
    'An economy with δ < 1 (homogeneous sellers, T = 2) where the seller take-it-or-leave-it equilibrium is not the dynamically efficient rule: every equilibrium loses surplus against the best grid cutoff rule (its reservation price follows the printed reduction of (4), not Theorem 2)',
  verdict: 'witness',
  tolerance: { abs: SURPLUS_TOL, why: 'a surplus loss counts when above 1e-12, ~1000× the round-off of the surplus sums; measured losses on witnesses 2e-5–8e-4' },
  input: homogeneousInput(edgyReal(0.3, 0.95, [0.8, 0.5], 65), 8, 32),
  runs: 12,
  property: discountCheck,
  certify: discountCertify,
  labels: sec6Labels,
  ...gridEconomyCommon,
  // towards the paper's case: m = 1/2, uniform buyers, δ = 0.8 or 1/2
  simplify: (x) => [...simplifyGridEconomy(x), ...(x.delta !== 0.8 && x.delta !== 0.5 ? [{ ...x, delta: 0.8 }, { ...x, delta: 0.5 }] : [])],
  fixtures: [{ name: 'm = 1/2, uniform buyers, δ = 0.8, 40 cells (the paper\'s reduction gives 1/3, efficient 0.3146)', input: { ...EX1, delta: 0.8 }, expect: { equilibria: 1 } }],
});

// ------------------------------------------------------------------------------------------------
// JP.reservation-prices-nonmonotone

/** A price rule kind per seller atom: what p_t(s, b) each seller's trades follow (utility.ts price rules). */
const PRICE_KINDS = ['seller takes all', 'buyer takes all', 'split', 'fixed 0.6'] as const;
type PriceKind = (typeof PRICE_KINDS)[number];

interface NonmonoCase {
  readonly economy: GridEconomyInput;
  /** Period-2 price kind per seller atom (period 1: split the difference). */
  readonly kinds: readonly PriceKind[];
}

function pricePeriod(values: Float64Array, kinds: readonly PriceKind[]): PricePeriod {
  const per = kinds.map((k) => (k === 'seller takes all' ? sellerTakesAll(values) : k === 'buyer takes all' ? buyerTakesAll(values) : k === 'split' ? splitDifference(values) : fixedPriceRule(values, 0.6)));
  return { knots: per[0].knots, a: per.map((p, j) => p.a[j]), g: per.map((p, j) => p.g[j]) };
}

/** p̄_1^s(s_j) under "trade iff b ≥ s" in both periods and the case's prices: (sum of products, Bellman). */
function nonmonoRes(c: NonmonoCase) {
  const e = buildEconomy(c.economy);
  const v = e.sellers.values;
  // period 1: trade iff b ≥ s; period 2: the same, and with a fixed price 0.6 only where s ≤ 0.6 ≤ b
  const beta2 = Float64Array.from(v, (s, j) => (c.kinds[j] === 'fixed 0.6' ? Math.max(s, 0.6) : s));
  const path = evolve(e, [{ kind: 'cutoff', beta: Float64Array.from(v) }, { kind: 'cutoff', beta: beta2 }]);
  const price = [splitDifference(v), pricePeriod(v, c.kinds)];
  const sum = Array.from(v, (_, j) => sellerReservation(path, price, c.economy.delta, 1, j));
  const bell = Array.from(v, (s, j) => s + c.economy.delta * sellerUtilityBellman(path, price, c.economy.delta, j)[1]);
  return { v, sum, bell };
}

/** The largest drop p̄(s_j) − p̄(s_k) over j < k (> 0: not monotone). */
function largestDrop(res: readonly number[]): { drop: number; j: number; k: number } {
  let out = { drop: -Infinity, j: 0, k: 0 };
  for (let j = 0; j < res.length; j++) for (let k = j + 1; k < res.length; k++) if (res[j] - res[k] > out.drop) out = { drop: res[j] - res[k], j, k };
  return out;
}

/** Reservation prices are O(1) sums of products of doubles: a drop counts above 1e-12 (~1000× round-off); the two utility forms agree to it. */
const RES_TOL = 1e-12;

export const reservationNonmonotone = claim<NonmonoCase>({
  id: 'JP.reservation-prices-nonmonotone',
  paper: 'JP',
  source: 'Jackson & Palfrey (1996), Section 5 (the remark after "Non-decreasing Prices": reservation prices depend on future prospects for trade)',
  statement: 'A price rule (per seller: seller takes all, buyer takes all, split, a fixed price) under which p̄_1^s is not monotone in the seller\'s value: s < s′ with p̄_1^s(s) > p̄_1^s(s′)',
  verdict: 'witness',
  tolerance: { abs: RES_TOL, why: 'a drop counts above 1e-12, ~1000× the round-off of a reservation price (sums of a few dozen products of doubles); measured drops on witnesses 0.05–0.5' },
  input: fc.record({
    economy: heterogeneousInput(edgyReal(0.5, 1, [1], 50), 6, 12),
    kinds: fc.array(fc.constantFrom(...PRICE_KINDS), { minLength: 4, maxLength: 4 }),
  }).map((c) => ({ ...c, kinds: c.kinds.slice(0, c.economy.sellers.length) })),
  runs: 40,
  property: (c) => {
    const r = nonmonoRes(c);
    const d = largestDrop(r.sum);
    return {
      holds: d.drop > RES_TOL,
      margin: d.drop / RES_TOL - 1,
      numbers: { values: Array.from(r.v), reservation1: r.sum, drop: d.drop, at: [r.v[d.j], r.v[d.k]] },
    };
  },
  certify: (c) => {
    const r = nonmonoRes(c);
    const d = largestDrop(r.bell);
    const agree = r.sum.every((x, j) => Math.abs(x - r.bell[j]) <= RES_TOL);
    return { holds: d.drop > RES_TOL && agree, numbers: { reservationBellman: r.bell, drop: d.drop }, route: 'the Bellman recursion u_t = gain_t + (1 − trade_t)δu_{t+1} instead of the sum of products' };
  },
  labels: (c) => [c.kinds.includes('seller takes all') && c.kinds.includes('buyer takes all') ? 'both extremes' : 'one-sided', c.economy.delta === 1 ? 'δ = 1' : 'δ < 1'],
  describe: (c) => `${describeGridEconomy(c.economy)}; period-2 prices per seller: ${c.kinds.join(', ')}; period 1 split, trade iff b ≥ s`,
  simplify: (c) => [
    ...simplifyGridEconomy(c.economy).map((economy) => ({ ...c, economy })),
    ...(c.kinds.length > 2 ? c.kinds.map((_, j) => ({ economy: { ...c.economy, sellers: c.economy.sellers.filter((_, k) => k !== j) }, kinds: c.kinds.filter((_, k) => k !== j) })) : []),
    ...(c.economy.delta !== 1 ? [{ ...c, economy: { ...c.economy, delta: 1 } }] : []),
  ],
  decode: (j) => {
    const r = z.strictObject({ economy: z.unknown(), kinds: z.array(z.enum(PRICE_KINDS)).min(1).max(8) }).safeParse(j);
    if (!r.success) throw new InputError(['input', ...r.error.issues[0].path.map(String)].join('.'), r.error.issues[0].message);
    const economy = decodeGridEconomy(r.data.economy, 'input.economy');
    if (r.data.kinds.length !== economy.sellers.length) throw new InputError('input.kinds', `must have one entry per seller (${economy.sellers.length})`);
    return { economy, kinds: r.data.kinds };
  },
  fixtures: [{
    name: 'uniform buyers, sellers at 0.1 and 0.3: the 0.1-seller takes all in period 2, the 0.3-seller gets only its value',
    input: { economy: { cuts: [], weights: [1], sellers: [[0.1, 0.5], [0.3, 0.5]], N: 10, delta: 1 }, kinds: ['seller takes all', 'buyer takes all'] },
    expect: {},
  }],
});

// ------------------------------------------------------------------------------------------------
// JP.Thm3.necessary-conditions

/** A generated mechanism γ_t: offers over the grid k/gridN, a fixed price, a random game form, or Section 6's offers over the cells' representatives. */
export type MechSpec =
  | { readonly kind: 'seller-offers'; readonly gridN: number }
  | { readonly kind: 'buyer-offers'; readonly gridN: number }
  | { readonly kind: 'fixed'; readonly price: number }
  | { readonly kind: 'tree'; readonly form: GameFormInput }
  | { readonly kind: 'seller-offers-reps' };

interface Thm3Case {
  readonly economy: GridEconomyInput;
  readonly mechs: readonly [MechSpec, MechSpec];
}

const kGrid = (n: number) => Array.from({ length: n + 1 }, (_, k) => k / n);

function buildMech(m: MechSpec, reps: Float64Array): GameNode<number> {
  switch (m.kind) {
    case 'seller-offers': return sellerTakeItOrLeaveIt(kGrid(m.gridN));
    case 'buyer-offers': return buyerTakeItOrLeaveIt(kGrid(m.gridN));
    case 'fixed': return fixedPrice(m.price);
    case 'tree': return buildGameForm(m.form);
    case 'seller-offers-reps': return sellerTakeItOrLeaveIt(Array.from(reps));
  }
}

const showMech = (m: MechSpec) =>
  m.kind === 'seller-offers' || m.kind === 'buyer-offers' ? `${m.kind} over k/${m.gridN}` : m.kind === 'fixed' ? `fixed price ${m.price}` : m.kind === 'tree' ? `tree ${showTree(buildGameForm(m.form), 80)}` : 'seller offers over the cell representatives';

/** Section 6's case, where an equilibrium is known to exist (JP.Sec6.seller-tioli-implements). */
const knownToExist = (c: Thm3Case) =>
  c.economy.delta === 1 && c.economy.sellers.length === 2 && c.economy.sellers[0][0] === 0 && c.economy.sellers[1][0] === 1 && c.mechs.every((m) => m.kind === 'seller-offers-reps');

function thm3Problem(c: Thm3Case): EquilibriumProblem {
  const e = buildEconomy(c.economy);
  const grid = gridOf(c.economy);
  const { reps } = decisionCells(e, grid);
  return { economy: e, grid, mechanisms: c.mechs.map((m) => buildMech(m, reps)), delta: c.economy.delta, order };
}

/** Every equilibrium the solvers reach: the exact enumeration where it applies, else iteration from all/no/random starts (seeded by the case). */
function thm3Equilibria(c: Thm3Case, p: EquilibriumProblem): { eqs: Equilibrium[]; how: string } {
  const v = p.economy.sellers.values;
  if (v.length === 2 && v[0] === 0 && v[1] === 1) {
    const en = enumerateHomogeneousT2(p);
    if (en.exact) return { eqs: en.equilibria, how: 'exact enumeration' };
  }
  const r = solveEquilibria(p, { randomStarts: 4, rand: makeRng(`jp-thm3:${JSON.stringify(c)}`) });
  return { eqs: r.equilibria, how: `iteration (${r.cycles} cycles, ${r.unfinished} unfinished)` };
}

/** One period of an equilibrium as conditions.ts's TradingGrid. */
function tradingGrid(eq: Equilibrium, t: number, K: number): TradingGrid<number> {
  return {
    sellerRes: Array.from(eq.res.seller[t]),
    buyerRes: Array.from(eq.res.buyer[t]),
    traded: (i, j) => eq.allocation.trade[t][i * K + j] === 1,
    price: (i, j) => eq.allocation.price[t][i * K + j],
  };
}

function thm3Check(c: Thm3Case): CheckResult {
  const p = thm3Problem(c);
  const pr = prepare(p);
  const { eqs, how } = thm3Equilibria(c, p);
  const viol = { ir: 0, ii: 0, nd: 0, star: 0 };
  for (const eq of eqs) {
    p.mechanisms.forEach((g, t) => {
      if (eq.path.periods[t].empty) return;
      const tg = tradingGrid(eq, t, pr.K);
      viol.ir += individualRationality(tg, order).length;
      viol.ii += individualIrrationality(tg, order).length;
      viol.nd += nonDecreasingPrices(tg, order).length;
      const hat = priceMap(g, order);
      const st = conditionStar(tg, pointSet(terminalPrices(g, order), order), (q, r) => hat(q, r) ?? Number.NaN, order);
      if (!starHolds(st)) viol.star++;
    });
  }
  const known = knownToExist(c);
  const total = viol.ir + viol.ii + viol.nd + viol.star;
  return {
    holds: total === 0 && !(known && eqs.length === 0),
    numbers: { equilibria: eqs.length, how, knownToExist: known, ...viol, from: eqs.map((q) => q.from.join('+')) },
  };
}

function thm3Certify(c: Thm3Case): CertifyResult {
  const p = thm3Problem(c);
  const pr = prepare(p);
  const { eqs } = thm3Equilibria(c, p);
  const cmp = (a: number, b: number) => (Math.abs(a - b) <= TIE ? 0 : a < b ? -1 : 1);
  let certified = 0;
  let star = 0;
  for (const eq of eqs) {
    if (certifyEquilibrium(p, eq.allocation, eq.res).ok) certified++;
    p.mechanisms.forEach((g, t) => {
      if (eq.path.periods[t].empty) return;
      const tg = tradingGrid(eq, t, pr.K);
      const P = leafPrices(g).map((x) => ({ lo: x, hi: x }));
      const out = (q: number, r: number) => payoffOutcome(g, q, r);
      const hat = (q: number, r: number) => {
        const o = out(q, r);
        return o.trade ? o.price : Number.NaN;
      };
      const dom = { sellerRes: [...new Set(tg.sellerRes)].sort((a, b) => a - b), buyerRes: [...new Set(tg.buyerRes)].sort((a, b) => a - b) };
      star += starTotal(bruteStar(tg, P, hat, cmp, dom));
    });
  }
  return {
    holds: certified === eqs.length && star === 0 && !(knownToExist(c) && eqs.length === 0),
    numbers: { equilibria: eqs.length, certified, starViolations: star },
    route: 'each equilibrium re-decided by the sum-of-products utilities and the augmented game; condition * (which implies IR, individual irrationality and non-decreasing prices) read off its definitions pair by pair, P the leaves\' prices and p̂ from backward induction on payoffs (games-routes.ts)',
  };
}

/** A saved mechanism (decode): the shapes mechArb generates, a game form as generators-games.ts's input. */
const MechShape: z.ZodType<MechSpec> = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('seller-offers'), gridN: z.number().int().min(1).max(64) }),
  z.strictObject({ kind: z.literal('buyer-offers'), gridN: z.number().int().min(1).max(64) }),
  z.strictObject({ kind: z.literal('fixed'), price: z.number().min(0).max(1) }),
  z.strictObject({
    kind: z.literal('tree'),
    form: z.strictObject({
      gridN: z.number().int().min(1).max(64),
      maxDepth: z.number().int().min(0).max(8),
      maxChildren: z.number().int().min(1).max(8),
      noTradeShare: z.number().min(0).max(1),
      draws: z.array(z.number().gt(0).lt(1)).max(2000),
    }),
  }),
  z.strictObject({ kind: z.literal('seller-offers-reps') }),
]);

const mechArb: fc.Arbitrary<MechSpec> = fc.oneof(
  fc.record({ kind: fc.constant('seller-offers' as const), gridN: fc.integer({ min: 2, max: 12 }) }),
  fc.record({ kind: fc.constant('buyer-offers' as const), gridN: fc.integer({ min: 2, max: 12 }) }),
  fc.record({ kind: fc.constant('fixed' as const), price: fc.integer({ min: 1, max: 19 }).map((k) => k / 20) }),
  fc.record({ kind: fc.constant('tree' as const), form: gameFormInput() }),
  fc.constant({ kind: 'seller-offers-reps' as const }),
);

const thm3Arb: fc.Arbitrary<Thm3Case> = fc.oneof(
  // Section 6's case: an equilibrium is known to exist
  { arbitrary: homogeneousInput(fc.constant(1), 6, 14).map((economy) => ({ economy, mechs: [{ kind: 'seller-offers-reps' }, { kind: 'seller-offers-reps' }] as const })), weight: 1 },
  { arbitrary: fc.record({ economy: homogeneousInput(edgyReal(0.5, 1, [1], 50), 6, 14), mechs: fc.tuple(mechArb, mechArb) }), weight: 2 },
  { arbitrary: fc.record({ economy: heterogeneousInput(edgyReal(0.5, 1, [1], 50), 6, 10), mechs: fc.tuple(mechArb, mechArb) }), weight: 2 },
);

/** JP.Thm3.necessary-conditions (Section 5, Theorem 3; condition * of Section 7 / Theorem 5). */
export const thm3NecessaryConditions = claim<Thm3Case>({
  id: 'JP.Thm3.necessary-conditions',
  paper: 'JP',
  source: 'Jackson & Palfrey (1996), Section 5, Theorem 3 (individual rationality, individual irrationality, non-decreasing prices); Section 7, Theorem 5 (condition *)',
  statement:
    'For every equilibrium the solver finds for generated mechanism pairs (seller/buyer offers over price grids, a fixed price, random game forms; T = 2; homogeneous sellers by exact enumeration, heterogeneous by iteration), the induced rule satisfies IR, individual irrationality, non-decreasing prices and condition * (P_t the terminal prices, p̂_t the backward-induction map); at least one is found in Section 6\'s case, where one exists',
  verdict: 'holds',
  tolerance: { abs: TIE, why: 'rule (ii)\'s tie tolerance 1e-12 (~1000× the round-off of a reservation price), applied identically by the backward induction, the solver and the checkers (one Order)' },
  input: thm3Arb,
  runs: 30,
  property: thm3Check,
  certify: thm3Certify,
  labels: (c) => [
    knownToExist(c) ? 'Section 6 case' : c.economy.sellers.length === 2 && c.economy.sellers[0][0] === 0 && c.economy.sellers[1][0] === 1 ? 'homogeneous' : 'heterogeneous',
    ...(c.mechs.some((m) => m.kind === 'tree') ? ['random game form'] : []),
    ...(c.economy.delta < 1 ? ['δ < 1'] : []),
  ],
  cover: [
    { label: 'Section 6 case', min: 0.1 },
    { label: 'heterogeneous', min: 0.2 },
    { label: 'random game form', min: 0.15 },
  ],
  describe: (c) => `${describeGridEconomy(c.economy)}; γ_1 = ${showMech(c.mechs[0])}; γ_2 = ${showMech(c.mechs[1])}`,
  simplify: (c) => simplifyGridEconomy(c.economy).map((economy) => ({ ...c, economy })),
  decode: (j) => {
    const r = z.strictObject({ economy: z.unknown(), mechs: z.tuple([MechShape, MechShape]) }).safeParse(j);
    if (!r.success) throw new InputError(['input', ...r.error.issues[0].path.map(String)].join('.'), r.error.issues[0].message);
    return { economy: decodeGridEconomy(r.data.economy, 'input.economy'), mechs: r.data.mechs };
  },
  fixtures: [{ name: 'Example 1 (m = 1/2) on 16 cells with seller offers in both periods', input: { economy: { ...EX1, N: 16 }, mechs: [{ kind: 'seller-offers-reps' }, { kind: 'seller-offers-reps' }] }, expect: { equilibria: 1 } }],
});

/** The equilibrium-side Jackson–Palfrey claims, in catalogue order. */
export const jpEquilibriaClaims: readonly Claim<any>[] = [thm3NecessaryConditions, reservationNonmonotone, sec6SellerOffers, sec6Discounting, ex2TwoEquilibria];
