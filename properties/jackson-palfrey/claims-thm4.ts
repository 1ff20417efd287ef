/**
 * Jackson & Palfrey (1996), Theorem 4 (Section 5) and its proof (appendix): JP.Thm4.sufficiency.
 *
 * Representation (our choice; the claim is about continuous rules, and on finite price grids the
 * proof's construction fails (*v)): two periods, B_1 and S_1 piecewise uniform with positive
 * weights (continuous and increasing); the continuous S_1 enters the model (utility.ts, whose
 * sellers are atoms) as 65 atoms at j/64, and p̄ˢ_1 between atoms is the linear interpolant;
 * p̄ᵇ_1 is exact (piecewise linear between the model's knots). The rule is built inside Theorem 4's
 * assumptions (theorem4-market.ts): A_2 = {b ≥ s} with p_2 = (1 − λ)s + λb; A_1 = {p̄ˢ_1 ≤ p̄ᵇ_1}, its
 * cutoff a fixed point of β ← (p̄ᵇ_1)⁻¹ ∘ p̄ˢ_1 since p̄_1 depends on A_1 (IR must hold with equality at
 * cutoff pairs, as the proof shows), p_1 = median(p̄ˢ, p̄ᵇ, a + k((1 − μ)p̄ˢ + μp̄ᵇ)). The hypotheses
 * (IR, individual irrationality, non-decreasing prices) are then checked, not assumed (conditions.ts
 * on the sampled rule); a case outside them would be undecided with the reason.
 *
 * The property builds P_t and p̂_t as the proof does (theorem4.ts; b′ repaired: the printed
 * "max{b : p̄ᵇ(b) ≥ …}" is always 1, so p̂_t would ignore the buyer — reported as `printedB`, the
 * violations the printed form has on the same case) and checks condition * (i)–(v) by
 * conditions.ts's sorted sweeps on sellers and buyers at k/24 plus every sampled seller's cutoff
 * buyer and the corners, and a domain of reservation prices holding the ends of P_t and points
 * 10⁻⁶ on either side of them (where (*v) binds: p̂_t flat in q below P_t, in r above). Then the
 * Section 7 mechanism with (P_t, p̂_t), solved by backward induction (tree.ts, rule (ii)) at the
 * reservation prices of six pairs per period (both corners, a cutoff pair, a traded and two untraded
 * pairs), must trade at p_t(s, b) on A_t and not elsewhere: the rule is its equilibrium outcome
 * (Theorem 6's Claims 1–2).
 *
 * Certification (another route): P_t as the range of p_t over A_t, found by a dense sample and a
 * zoom around its best points over A_t mapped from the unit square (not the corners), p̂_t with s′ and b′ found by bisection on p̄ as a black box (not the node scan), condition
 * * by its definitions over every pair of points (games-routes.ts `bruteStar`), and the mechanism by
 * backward induction on exact rational payoffs (`payoffOutcome`) at pairs off the cutoff.
 */
import fc from 'fast-check';
import { z } from 'zod';
import { claim } from '../../src/claims/registry.ts';
import { registerCertificateKind } from '../../src/claims/certificates.ts';
import { Fraction, exactRational } from '../../src/numeric/rational.ts';
import type { CertifyResult, CheckResult, Numbers, PropertyContext } from '../../src/claims/types.ts';
import { InputError } from '../../src/errors.ts';
import { conditionStar, individualIrrationality, individualRationality, nonDecreasingPrices, type StarViolations } from '../../src/models/jackson-palfrey/games/conditions.ts';
import { announcementGrid, announcementMechanism } from '../../src/models/jackson-palfrey/games/mechanisms.ts';
import { numberOrder, type Order } from '../../src/models/jackson-palfrey/games/order.ts';
import { priceSet } from '../../src/models/jackson-palfrey/games/price-set.ts';
import { solve, type Outcome } from '../../src/models/jackson-palfrey/games/tree.ts';
import {
  plAt, samplePeriod, samplePoints, theorem4Bounds, theorem4Hat, theorem4PriceSet, tradedAt, type ContinuousPeriod, type Theorem4Bounds,
} from '../../src/models/jackson-palfrey/games/theorem4.ts';
import { thm4Rule, type Thm4Market } from '../../src/models/jackson-palfrey/games/theorem4-market.ts';
import { bruteStar, payoffOutcome, starTotal, type StarCounts } from './games-routes.ts';

/** Sampling density of the checks: sellers and buyers on k/M (plus the cutoffs and corners). */
const M = 24;
/** The certification's (O(D²)) sample. */
const M_CERT = 10;

const THM4_TOLERANCE = {
  abs: 1e-9,
  why: 'the tie tolerance of every comparison (numberOrder): the representation is exact up to round-off — the fixed point β_1 is iterated to a residual ≤ 1e-13, p̄ᵇ_1 is piecewise linear between the model’s knots and p̄ˢ_1 is its own linear interpolant, s′ and b′ are exact inverses of piecewise-linear maps — so IR at cutoff pairs holds with equality to ~1e-13 and (*i) to ~1e-15; 1e-9 leaves 10⁴ of room while a broken construction misses by ≥ 1e-3 on these grids',
};

// ---------------------------------------------------------------- the period checks

function counts(v: StarViolations): StarCounts {
  return { i: v.i.length, ii: v.ii.pairs.length + v.ii.domain.length, iii: v.iii.length, iv: v.iv.length, v: v.v.length };
}

/** Six pairs of a period to play the mechanism at: both corners, a cutoff pair, a traded pair, and two untraded ones (one just below the cutoff). */
function mechanismPairs(p: ContinuousPeriod, bd: Theorem4Bounds): [number, number][] {
  const sMid = bd.sHi / 2;
  const cut = Math.min(1, p.beta(sMid));
  return [
    [bd.sLo, bd.bLo],
    [bd.sHi, bd.bHi],
    [sMid, cut],
    [sMid / 2, (1 + cut) / 2],
    [sMid, Math.max(0, cut - 0.05)],
    [Math.min(1, bd.sHi + 0.1), 0.5],
  ];
}

const fmt = (x: number) => (Number.isFinite(x) ? String(+x.toPrecision(6)) : String(x));
const showOutcome = (o: Outcome<number>) => (o.trade ? `trade at ${fmt(o.price)}` : 'no trade');

/** The mechanism's outcome at the reservation prices of (s, b) against (A_t, p_t): undefined when they agree. */
function mechanismMismatch(p: ContinuousPeriod, s: number, b: number, out: Outcome<number>, tol: number): string | undefined {
  const traded = tradedAt(p, s, b);
  const want: Outcome<number> = traded ? { trade: true, price: p.price(s, b) } : { trade: false };
  const ok = out.trade === want.trade && (!out.trade || (want.trade && Math.abs(out.price - want.price) <= tol));
  return ok ? undefined : `(s, b) = (${fmt(s)}, ${fmt(b)}): the mechanism gives ${showOutcome(out)}, (A, p) says ${showOutcome(want)}`;
}

export interface PeriodReport {
  readonly numbers: Numbers;
  readonly star: StarCounts;
  readonly printed: StarCounts;
  readonly mechanism: string[];
  readonly outside?: string;
}

/** One period against the claim: outside Theorem 4's assumptions (with why), or condition * and the mechanism's counts. */
export function checkPeriod(p: ContinuousPeriod, t: number, order: Order<number>): PeriodReport | { outside: string } {
  const bd = theorem4Bounds(p);
  if (!bd) return { outside: `nobody trades in period ${t}: P_${t} is undefined` };
  const sp = samplePeriod(p, bd, M);
  const hyp = {
    ir: individualRationality(sp.grid, order).length,
    ii: individualIrrationality(sp.grid, order).length,
    nd: nonDecreasingPrices(sp.grid, order).length,
  };
  if (hyp.ir + hyp.ii + hyp.nd > 0) return { outside: `period ${t} is outside Theorem 4's assumptions (violations: IR ${hyp.ir}, individual irrationality ${hyp.ii}, non-decreasing prices ${hyp.nd})` };
  const P = theorem4PriceSet(bd, order);
  const hat = theorem4Hat(p, bd);
  const star = counts(conditionStar(sp.grid, P, hat, order, sp.domain));
  const printed = counts(conditionStar(sp.grid, P, theorem4Hat(p, bd, 'printed'), order, sp.domain));
  const mechanism: string[] = [];
  for (const [s, b] of mechanismPairs(p, bd)) {
    const q = plAt(p.sellerRes, s);
    const r = plAt(p.buyerRes, b);
    const grid = announcementGrid([0, 1, bd.lo, bd.hi, q, r]);
    const out = solve(announcementMechanism(P, hat, grid, order), q, r, order, { signatures: true });
    const why = mechanismMismatch(p, s, b, out, order.tol);
    if (why) mechanism.push(why);
  }
  return {
    star,
    printed,
    mechanism,
    numbers: { P: [bd.lo, bd.hi], sHi: bd.sHi, bLo: bd.bLo, ...star, mechanismFailures: mechanism.slice(0, 2), printedB: { ...printed } },
  };
}

function thm4Check(m: Thm4Market, ctx: PropertyContext): CheckResult {
  const order = numberOrder(ctx.tolerance.abs ?? 0);
  const rule = thm4Rule(m);
  const base: Numbers = { residual: rule.residual, iterations: rule.iterations };
  if (!rule.converged) return { holds: true, numbers: base, undecided: `the period-1 fixed point β ← (p̄ᵇ)⁻¹∘p̄ˢ did not converge (residual ${fmt(rule.residual)})` };
  const numbers: Numbers = { ...base };
  let holds = true;
  for (const [k, p] of rule.periods.entries()) {
    const r = checkPeriod(p, k + 1, order);
    if (r.outside !== undefined) return { holds: true, numbers, undecided: r.outside };
    const rep = r as PeriodReport;
    numbers[`period${k + 1}`] = rep.numbers;
    if (starTotal(rep.star) > 0 || rep.mechanism.length > 0) holds = false;
  }
  return { holds, numbers };
}

// ---------------------------------------------------------------- certification

/** min{s : f(s) ≥ c} by bisection on f as a black box (f non-decreasing and continuous on [0, 1]); NaN if f(1) < c. */
function bisectMinAtLeast(f: (x: number) => number, c: number): number {
  if (f(0) >= c) return 0;
  if (f(1) < c) return NaN;
  let a = 0;
  let b = 1;
  for (let k = 0; k < 200 && b - a > 1e-15; k++) {
    const x = (a + b) / 2;
    if (f(x) >= c) b = x;
    else a = x;
  }
  return b;
}

/** max{b : f(b) ≤ c} by bisection; NaN if f(0) > c. */
function bisectMaxAtMost(f: (x: number) => number, c: number): number {
  if (f(1) <= c) return 1;
  if (f(0) > c) return NaN;
  let a = 0;
  let b = 1;
  for (let k = 0; k < 200 && b - a > 1e-15; k++) {
    const x = (a + b) / 2;
    if (f(x) <= c) a = x;
    else b = x;
  }
  return a;
}

/** Doubles snapped to multiples of 2⁻⁴⁰, so that the exact-payoff route sees a tie the construction makes up to round-off as a tie. */
const snap = (x: number) => Math.round(x * 2 ** 40) / 2 ** 40;

function certifyPeriod(p: ContinuousPeriod, tol: number): { star: StarCounts; mechanism: string[]; range: [number, number] } | { outside: string } {
  const Rs = (s: number) => plAt(p.sellerRes, s);
  const Rb = (b: number) => plAt(p.buyerRes, b);
  // P_t as the range of p_t over A_t (the proof: "the range of p_t over pairs in A_t"), found without the corners:
  // A_t as the image of the unit square, (x, u) ↦ (s, b) = (x·s_top, β(s) + u(1 − β(s))) with s_top the last seller who
  // trades (bisection), and p_t's extremes there by a dense grid and a zoom (a 9 × 9 grid around the best, clamped, halving)
  if (!(p.beta(0) <= 1)) return { outside: 'nobody trades' };
  let sTop = 1;
  if (!(p.beta(1) <= 1)) {
    let a = 0;
    let b = 1;
    for (let k = 0; k < 200 && b - a > 1e-16; k++) {
      const x = (a + b) / 2;
      if (p.beta(x) <= 1) a = x;
      else b = x;
    }
    sTop = a;
  }
  const at = (x: number, u: number) => {
    const s = x * sTop;
    const c = Math.max(0, p.beta(s));
    return p.price(s, c + u * (1 - c));
  };
  const extreme = (sign: 1 | -1): number => {
    let best: [number, number] = [0, 0];
    let val = -Infinity;
    const consider = (x: number, u: number) => {
      const xc = Math.min(1, Math.max(0, x));
      const uc = Math.min(1, Math.max(0, u));
      const v = sign * at(xc, uc);
      if (v > val) {
        val = v;
        best = [xc, uc];
      }
    };
    const G = 4 * M;
    for (let i = 0; i <= G; i++) for (let j = 0; j <= G; j++) consider(i / G, j / G);
    for (let h = 1 / G; h > 1e-16; h /= 2) {
      const [x0, u0] = best;
      for (let i = -4; i <= 4; i++) for (let j = -4; j <= 4; j++) consider(x0 + (i * h) / 4, u0 + (j * h) / 4);
    }
    return sign * val;
  };
  const lo = extreme(-1);
  const hi = extreme(1);
  const floorS = Rs(0); // s̲ᵗ = 0: β_t(0) ≤ 1 was checked, and β_t is non-decreasing
  const capB = Rb(1);
  const hat = (q: number, r: number) => {
    const s = bisectMinAtLeast(Rs, Math.max(q, floorS));
    const b = bisectMaxAtMost(Rb, Math.min(r, capB));
    return Number.isNaN(s) || Number.isNaN(b) ? NaN : p.price(s, b);
  };
  const cmp = (a: number, b: number) => (Number.isNaN(a) || Number.isNaN(b) ? 2 : Math.abs(a - b) <= tol ? 0 : a < b ? -1 : 1);
  const sellers = samplePoints(M_CERT);
  const buyers = samplePoints(M_CERT, sellers.map((s) => p.beta(s)).filter((c) => c <= 1));
  const axis = samplePoints(M_CERT, [lo, hi, lo - 1e-6, lo + 1e-6, hi - 1e-6, hi + 1e-6]);
  const grid = {
    sellerRes: sellers.map(Rs),
    buyerRes: buyers.map(Rb),
    traded: (i: number, j: number) => tradedAt(p, sellers[i], buyers[j]),
    price: (i: number, j: number) => p.price(sellers[i], buyers[j]),
  };
  const star = bruteStar(grid, [{ lo, hi }], hat, cmp, { sellerRes: [...grid.sellerRes, ...axis], buyerRes: [...grid.buyerRes, ...axis] });
  // the mechanism by exact-payoff backward induction, at pairs off the cutoff (an exact route cannot see a round-off tie there)
  const P = priceSet([{ lo: snap(lo), hi: snap(hi) }], numberOrder(0));
  const mechanism: string[] = [];
  for (const [s, b] of [[0.1, 0.9], [0.3, 0.7], [0.2, 0.4], [0.6, 0.2], [0.9, 0.95]] as [number, number][]) {
    const q = snap(Rs(s));
    const r = snap(Rb(b));
    if (Math.abs(q - r) < 1e-6) continue;
    const out = payoffOutcome(announcementMechanism(P, (x, y) => snap(hat(x, y)), announcementGrid([0, 1, snap(lo), snap(hi), q, r]), numberOrder(0)), q, r);
    const why = mechanismMismatch(p, s, b, out, 1e-9 + tol);
    if (why) mechanism.push(why);
  }
  return { star, mechanism, range: [lo, hi] };
}

function thm4Certify(m: Thm4Market, ctx: PropertyContext): CertifyResult {
  const tol = ctx.tolerance.abs ?? 0;
  const rule = thm4Rule(m);
  const route =
    'P_t as the range of p_t over A_t (a dense sample, then a zoom around its extremes); p̂_t with s′, b′ by bisection on p̄ as a black box; condition * by its definitions over every pair of points (bruteStar); the Section 7 mechanism by backward induction on exact rational payoffs (fraction.js) at pairs off the cutoff';
  if (!rule.converged) return { holds: true, numbers: {}, undecided: 'the fixed point did not converge', route };
  const numbers: Numbers = {};
  let holds = true;
  for (const [k, p] of rule.periods.entries()) {
    const c = certifyPeriod(p, tol);
    if ('outside' in c) return { holds: true, numbers, undecided: c.outside, route };
    numbers[`period${k + 1}`] = { P: c.range, ...c.star, mechanismFailures: c.mechanism.slice(0, 2) };
    if (starTotal(c.star) > 0 || c.mechanism.length > 0) holds = false;
  }
  return { holds, numbers, route };
}

// ---------------------------------------------------------------- generator, labels, shrinking

const weights = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 });

const thm4Arb: fc.Arbitrary<Thm4Market> = fc.record({
  buyerWeights: weights,
  sellerWeights: weights,
  delta: fc.integer({ min: 0, max: 8 }).map((k) => k / 8),
  lambda: fc.integer({ min: 0, max: 4 }).map((k) => k / 4),
  p1: fc.record({
    a: fc.integer({ min: 0, max: 8 }).map((k) => k / 8),
    k: fc.integer({ min: 0, max: 2 }).map((k) => k / 2),
    mu: fc.integer({ min: 0, max: 4 }).map((k) => k / 4),
  }),
});

const uniformW = (w: readonly number[]) => w.every((x) => x === w[0]);

function thm4Labels(m: Thm4Market): string[] {
  const out: string[] = [];
  if (m.delta < 1) out.push('δ < 1');
  if (m.delta === 0) out.push('δ = 0');
  if (m.p1.k > 0 && m.p1.mu > 0) out.push('p_1 varies with b');
  if (m.p1.k === 0) out.push('p_1 posted (k = 0)');
  if (m.lambda > 0 && m.lambda < 1) out.push('λ interior');
  if (!uniformW(m.sellerWeights)) out.push('heterogeneous S_1');
  if (!uniformW(m.buyerWeights)) out.push('heterogeneous B_1');
  return out;
}

function describeThm4(m: Thm4Market): string {
  const w = (x: readonly number[]) => (uniformW(x) ? 'uniform' : `weights ${x.join(':')}`);
  return `T = 2, δ = ${m.delta}, B_1 ${w(m.buyerWeights)}, S_1 ${w(m.sellerWeights)}; p_2 = ${1 - m.lambda}s + ${m.lambda}b; p_1 = median(p̄ˢ, p̄ᵇ, ${m.p1.a} + ${m.p1.k}(${1 - m.p1.mu}p̄ˢ + ${m.p1.mu}p̄ᵇ))`;
}

function simplifyThm4(m: Thm4Market): Thm4Market[] {
  const out: Thm4Market[] = [];
  if (m.buyerWeights.length > 1 || m.buyerWeights[0] !== 1) out.push({ ...m, buyerWeights: [1] });
  if (m.sellerWeights.length > 1 || m.sellerWeights[0] !== 1) out.push({ ...m, sellerWeights: [1] });
  if (m.delta !== 1) out.push({ ...m, delta: 1 });
  if (m.lambda !== 0.5) out.push({ ...m, lambda: 0.5 });
  if (m.p1.a !== 0 || m.p1.k !== 1 || m.p1.mu !== 0.5) out.push({ ...m, p1: { a: 0, k: 1, mu: 0.5 } });
  return out;
}

const Thm4Shape = z.strictObject({
  buyerWeights: z.array(z.number().positive().finite()).min(1).max(8),
  sellerWeights: z.array(z.number().positive().finite()).min(1).max(8),
  delta: z.number().min(0).max(1),
  lambda: z.number().min(0).max(1),
  p1: z.strictObject({ a: z.number().min(0).max(1), k: z.number().min(0).max(1), mu: z.number().min(0).max(1) }),
});

function decodeThm4(json: unknown): Thm4Market {
  const r = Thm4Shape.safeParse(json);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new InputError(['input', ...i.path.map(String)].join('.'), i.message);
  }
  return r.data;
}

/** JP.Thm4.sufficiency (Section 5, Theorem 4; appendix, proof of Theorem 4 and Claims 1–2 of Theorem 6). */
export const thm4Sufficiency = claim<Thm4Market>({
  id: 'JP.Thm4.sufficiency',
  paper: 'JP',
  source: 'Jackson & Palfrey (1996), Section 5 (Theorem 4, footnote 10) and Appendix, proof of Theorem 4 (P_t, p̂_t); Section 7 (condition *, the announcement mechanism) and Claims 1–2 of Theorem 6',
  statement:
    'For continuous two-period cutoff rules with continuous prices satisfying IR, individual irrationality and non-decreasing prices (checked), P_t = [p_t(s̲ᵗ, b̲ᵗ), p_t(s̄ᵗ, b̄ᵗ)] and p̂_t = p_t(s′, b′) of the proof (b′ = max{b : p̄ᵇ(b) ≤ min{p̄ᵇ, p̄ᵇ(b̄ᵗ)}}: the printed "≥" repaired) satisfy condition * (i)–(v), and the Section 7 mechanism with (P_t, p̂_t) trades at p_t(s, b) exactly on A_t',
  verdict: 'holds',
  tolerance: THM4_TOLERANCE,
  input: thm4Arb,
  runs: 60,
  property: (m, ctx) => thm4Check(m, ctx),
  certify: (m, ctx) => thm4Certify(m, ctx),
  labels: thm4Labels,
  cover: [
    { label: 'δ < 1', min: 0.3 },
    { label: 'p_1 varies with b', min: 0.3 },
    { label: 'p_1 posted (k = 0)', min: 0.15 },
    { label: 'heterogeneous S_1', min: 0.3 },
  ],
  describe: describeThm4,
  simplify: simplifyThm4,
  decode: decodeThm4,
});

// ---------------------------------------------------------------- JP.Thm4.b-prime-as-printed (a finding)

const PRINTED_KIND = 'jp-thm4-printed-b-prime-exact';

/**
 * The printed b′ on the last period in closed form: at T = 2 reservation prices are the values
 * (p̄ = value, Section 3), the rule is {b ≥ s} and p_2 = (1 − λ)s + λb. The printed
 * b′ = max{b : b ≥ min{r, 1}} is 1 for every r, s′ = q, so p̂(q, r) = (1 − λ)q + λ; (*i) asks
 * p̂(s, b) = p_2(s, b) on A_2, and at (s, b) = (0, 1/2) the two differ by λ/2 — exactly, in rationals.
 */
function printedGap(lambda: number): { hat: Fraction; price: Fraction; gap: Fraction } {
  const l = exactRational(lambda);
  const s = new Fraction(0);
  const b = new Fraction(1, 2);
  const hat = new Fraction(1).sub(l).mul(s).add(l); // p(s′, b′) with s′ = s, b′ = 1
  const price = new Fraction(1).sub(l).mul(s).add(l.mul(b));
  return { hat, price, gap: hat.sub(price) };
}

registerCertificateKind(PRINTED_KIND, (data) => {
  const lambda = decodeThm4(data).lambda;
  const g = printedGap(lambda);
  return g.gap.n !== 0n ? undefined : `λ = ${lambda}: p_2 does not depend on b, and the printed b′ does no harm in period 2`;
});

/**
 * JP.Thm4.b-prime-as-printed: the proof of Theorem 4 as printed, b′ = max{b : p̄ᵇ_t(b) ≥ min{p̄ᵇ, p̄ᵇ_t(b̄ᵗ)}}.
 * A finding of the suite, not a catalogue row (test/catalogue.test.ts allows it): the catalogue's
 * JP.Thm4.sufficiency is checked with b′ repaired (≤), and this claim shows why the repair is needed.
 * It may be the OCR's slip rather than the authors'; either way the formula as it reads fails.
 */
export const thm4BPrimeAsPrinted = claim<Thm4Market>({
  id: 'JP.Thm4.b-prime-as-printed',
  paper: 'JP',
  source: 'Jackson & Palfrey (1996), Appendix, proof of Theorem 4 (the definition of b′); Section 7 condition (*i)',
  statement:
    'The proof of Theorem 4 as printed: b′ = max{b : p̄ᵇ_t(b) ≥ min{p̄ᵇ, p̄ᵇ_t(b̄ᵗ)}} is 1 whatever p̄ᵇ is (p̄ᵇ_t is non-decreasing), so p̂_t ignores the buyer and condition * fails whenever p_t depends on b; the suite finds such a continuous rule (a finding: the repaired "≤" is what JP.Thm4.sufficiency checks).',
  verdict: 'contradicted',
  tolerance: THM4_TOLERANCE,
  input: thm4Arb,
  runs: 20,
  property(m, ctx): CheckResult {
    const order = numberOrder(ctx.tolerance.abs ?? 0);
    const rule = thm4Rule(m);
    if (!rule.converged) return { holds: true, numbers: { residual: rule.residual }, undecided: `the period-1 fixed point did not converge (residual ${fmt(rule.residual)})` };
    let violations = 0;
    const numbers: Numbers = {};
    for (const [k, p] of rule.periods.entries()) {
      const r = checkPeriod(p, k + 1, order);
      if (r.outside !== undefined) return { holds: true, numbers, undecided: r.outside };
      const rep = r as PeriodReport;
      numbers[`period${k + 1}`] = { ...rep.printed };
      violations += starTotal(rep.printed);
    }
    return { holds: violations === 0, margin: -violations, numbers: { ...numbers, violations } };
  },
  certify(m): CertifyResult {
    const g = printedGap(m.lambda);
    return {
      holds: g.gap.n === 0n,
      numbers: { lambda: m.lambda, hatAt0Half: g.hat.toFraction(), priceAt0Half: g.price.toFraction(), gap: g.gap.toFraction() },
      route: 'the last period in closed form, in exact rationals: p̄ = value at T = 2, so the printed b′ is 1, p̂(q, r) = (1 − λ)q + λ against p_2(0, 1/2) = λ/2 — condition (*i) fails by λ/2',
      certificate: { kind: PRINTED_KIND, data: m as unknown as CertifyResult['numbers'] },
    };
  },
  labels: thm4Labels,
  describe: (m) => `${describeThm4(m)}: with b′ as printed, p̂_2(0, 1/2) = ${fmt(m.lambda)} but p_2(0, 1/2) = ${fmt(m.lambda / 2)}`,
  simplify: simplifyThm4,
  decode: decodeThm4,
});

/** The Theorem 4 claims: the catalogue's, then the suite's finding about the printed proof. */
export const jpThm4Claims = [thm4Sufficiency, thm4BPrimeAsPrinted];
