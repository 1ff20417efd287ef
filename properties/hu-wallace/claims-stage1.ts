/**
 * Hu & Wallace (2012), stage 1 (Section 3.2), Claim 1 of Theorem 1's proof and Section 3.3's no-pooling
 * argument: the claims on α*, the intervals I(x), the beliefs φ* of (7)–(8) and the inactive loss.
 *
 * The model solves α*(x) as the root of L_x' in q-coordinates (stage1.ts, marginal utilities); the
 * properties check it against G_x of eq. (4) evaluated in offer coordinates over both branches of O
 * (utility values, no derivative), and each `certify` takes a third route (golden-section search per
 * branch, the paper's MRS condition at a common point, interval membership by scanning every I(y)).
 */
import fc from 'fast-check';
import { z } from 'zod';
import { claim } from '../../src/claims/registry.ts';
import type { CertifyResult, CheckResult, FigureSpec, PropertyContext } from '../../src/claims/types.ts';
import { makeRng } from '../../src/numeric/rng.ts';
import { InputError } from '../../src/errors.ts';
import { marginalUtilities, mrs, utilityValue } from '../../src/economy/two-goods.ts';
import {
  alphaStarQ1, believedConfiguration, claim1Epsilon, G, inactiveBundle, interval, L, offerOfQ1, p1Of,
  q1, solveStage1, type Offer, type Stage1Solution,
} from '../../src/models/hu-wallace/stage1.ts';
import { posterior, roundedCounts, type Goods } from '../../src/models/hu-wallace/economy.ts';
import { competitiveEquilibrium, demandByFoc, excessValueByFoc, type ContinuumEconomy } from '../../src/models/hu-wallace/continuum.ts';
import { brent, goldenSectionMax } from '../../src/numeric/roots.ts';
import { deviationGains, payoff, profileOutcome, stage2Equilibrium } from '../../src/models/hu-wallace/stage2.ts';
import { activeFor, candidateAtM, EquilibriumCache, populationFor, type CandidateAtM } from '../../src/models/hu-wallace/theorem1.ts';
import { buildEconomy, decodeEconomy, describeEconomy, economyArb, genericEconomyArb, minKL, simplifyEconomy, type HwEconomy } from './generators-stage1.ts';

// ---------------------------------------------------------------- shared helpers

const K = (e: HwEconomy) => e.types.length;
const S = (e: HwEconomy) => e.states.length;
const U = (e: HwEconomy, x: number, z: number) => e.types[x].utility[z];

/** |G| scale of type x's problem: the utility at the endowment (floors at 1 so log utilities near 0 keep an absolute floor). */
function scale(e: HwEconomy, s: Stage1Solution, x: number): number {
  return Math.max(1, Math.abs(G(e, x, { q: 0, r: 0 }, s.tau[x])));
}

/** Family labels of an economy: which utility kinds occur. */
function familyLabels(e: HwEconomy): string[] {
  const kinds = new Set(e.types.flatMap((t) => t.utility.map((u) => u.kind)));
  return [...kinds].map((k) => `u:${k}`);
}

/** Points of O in offer coordinates: n on the a_q branch (a_r = 0), n on the a_r branch (a_q = 0), in q_1 order. */
function offerGrid(e: HwEconomy, n: number): Offer[] {
  const out: Offer[] = [];
  // open at both far ends: q_1 = 0 and 2q̄ are −∞ for Inada utilities
  for (let i = 1; i < n; i++) out.push({ q: e.endowment.q * (1 - i / n), r: 0 });
  out.push({ q: 0, r: 0 });
  for (let i = 1; i < n; i++) out.push({ q: 0, r: (e.endowment.r * i) / n });
  return out.reverse().map((a) => a).sort((a, b) => q1(e, a) - q1(e, b));
}

/** Economies whose α* separates (Theorem 1's hypothesis): edge-biased draws with two identical types dropped. */
const separatingArb = (opts: Parameters<typeof economyArb>[0] = {}) => economyArb(opts).filter((e) => solveStage1(e).margin > 1e-6 * e.endowment.q);

const stage1Labels = (e: HwEconomy) => {
  const s = solveStage1(e);
  const sides = new Set(s.alpha.map((a) => (a.q > 0 ? 'sell-q' : a.r > 0 ? 'sell-r' : 'none')));
  return [`k=${K(e)}`, S(e) > 1 ? 'S>1' : 'S=1', sides.size > 1 ? 'both-sides' : 'one-side', ...familyLabels(e)];
};

// ---------------------------------------------------------------- HW.stage1.unique-alpha

const GRID = 300;

/** Golden-section maximum of a unimodal f on [lo, hi] (no derivatives): the certify route for α*. */
const goldenMax = goldenSectionMax;

function uniqueAlphaCheck(e: HwEconomy, gridN: number): CheckResult {
  const s = solveStage1(e);
  let worst = Infinity;
  let worstX = -1;
  let peaks = 0;
  let interior = true;
  let farthest = 0;
  const grid = offerGrid(e, gridN);
  for (let x = 0; x < K(e); x++) {
    const q = s.q1Star[x];
    if (!(q > 0 && q < 2 * e.endowment.q)) interior = false;
    const top = G(e, x, s.alpha[x], s.tau[x]);
    const vals = grid.map((a) => G(e, x, a, s.tau[x]));
    // unique maximiser: G along O (in q_1 order) rises then falls — one local maximum on the grid
    let localMax = 0;
    for (let i = 0; i < vals.length; i++) {
      const left = i === 0 ? -Infinity : vals[i - 1];
      const right = i === vals.length - 1 ? -Infinity : vals[i + 1];
      if (vals[i] >= left && vals[i] > right) localMax++;
    }
    peaks = Math.max(peaks, localMax);
    const best = Math.max(...vals);
    const arg = grid[vals.indexOf(best)];
    farthest = Math.max(farthest, Math.abs(q1(e, arg) - q) / (2 * e.endowment.q));
    const slack = (top - best) / scale(e, s, x);
    if (slack < worst) {
      worst = slack;
      worstX = x;
    }
  }
  const tol = 1e-13;
  return {
    holds: interior && peaks === 1 && worst >= -tol && farthest <= 2 / gridN,
    margin: Math.min(worst + tol, interior ? 1 : -1, peaks === 1 ? 1 : -1),
    numbers: { worstSlack: worst, worstType: worstX + 1, localMaxima: peaks, interior, gridArgmaxDistance: farthest, q1Star: s.q1Star },
  };
}

const uniqueAlpha = claim<HwEconomy>({
  id: 'HW.stage1.unique-alpha',
  paper: 'HW',
  source: 'Hu & Wallace (2012), Section 3.2, eq. (4)–(5); the argument of Proposition 1',
  statement: 'G_x(a) (eq. 4) has a unique maximiser α*(x) over O, interior in the sense q_1 ∈ (0, 2q̄) (Section 3.2).',
  verdict: 'holds',
  tolerance: {
    rel: 1e-13,
    why: 'G at α* (root of L_x\' by bisection, to the last bit of q_1) against G on a 2·300-point grid of O, relative to max(1, |G at the endowment|): rounding in Σ τ u is ~1e-15 of that scale (measured worst −1.1e-16 over 500 economies, seed 11), ×~500 safety; the grid argmax must lie within 2 cells of α*',
  },
  input: economyArb(),
  runs: 30,
  property: (e) => uniqueAlphaCheck(e, GRID),
  certify(e): CertifyResult {
    // golden-section search of G (eq. 4) on each branch of O separately: the larger of the two branch maxima
    const s = solveStage1(e);
    let worst = 0;
    const found: number[] = [];
    for (let x = 0; x < K(e); x++) {
      const fq = (t: number) => G(e, x, { q: t, r: 0 }, s.tau[x]);
      const fr = (t: number) => G(e, x, { q: 0, r: t }, s.tau[x]);
      const aq = goldenMax(fq, 0, e.endowment.q * (1 - 1e-12));
      const ar = goldenMax(fr, 0, e.endowment.r * (1 - 1e-12));
      const best: Offer = fq(aq) >= fr(ar) ? { q: aq, r: 0 } : { q: 0, r: ar };
      found.push(q1(e, best));
      worst = Math.max(worst, Math.abs(q1(e, best) - s.q1Star[x]) / (2 * e.endowment.q));
    }
    return { holds: worst <= 1e-6, numbers: { q1Golden: found, q1Star: s.q1Star, worstDistance: worst }, route: 'golden-section search of G (eq. 4) on each branch of O in offer coordinates, no derivatives' };
  },
  labels: stage1Labels,
  cover: [
    { label: 'S>1', min: 0.4 },
    { label: 'both-sides', min: 0.3 },
    { label: 'u:ces', min: 0.4 },
    { label: 'u:sum', min: 0.1 },
  ],
  describe: describeEconomy,
  simplify: (e) => simplifyEconomy(e),
  decode: decodeEconomy,
});

// ---------------------------------------------------------------- HW.stage1.separating-generic

/** logit(q/2q̄): spreads both corners of (0, 2q̄), where CES demands with large σ crowd. */
const logit = (e: HwEconomy, q: number) => Math.log(q / (2 * e.endowment.q - q));

/** The smallest pairwise distance of q_1(α*) in logit coordinates, the pair, and whether their conditions are identical. */
function separation(e: HwEconomy) {
  const s = solveStage1(e);
  let best = { d: Infinity, x: -1, y: -1 };
  for (let x = 0; x < K(e); x++)
    for (let y = x + 1; y < K(e); y++) {
      const d = Math.abs(logit(e, s.q1Star[x]) - logit(e, s.q1Star[y]));
      if (d < best.d) best = { d, x, y };
    }
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const identical = best.x >= 0 && same(s.tau[best.x], s.tau[best.y]) && same(e.types[best.x].utility, e.types[best.y].utility);
  return { s, ...best, identical };
}

const SEP_TOL = 1e-9;

/** Type y's interim MRS at type x's α*-bundle, over p_1 (the paper's knife-edge condition, Section 3.2). */
function mrsAt(e: HwEconomy, s: Stage1Solution, y: number, a: Offer): number {
  const b = inactiveBundle(e, a);
  let uq = 0;
  let ur = 0;
  s.tau[y].forEach((w, z) => {
    const m = marginalUtilities(U(e, y, z), b.q, b.r);
    uq += w * m.uq;
    ur += w * m.ur;
  });
  return uq / ur / p1Of(e);
}

/** The separation margins of 300 generic economies drawn with a fixed seed: the distribution the row asks to report. */
function marginFigure(): FigureSpec {
  const es = fc.sample(genericEconomyArb(), { numRuns: 200, seed: 13 });
  const ds = es.map((e) => separation(e).d).sort((a, b) => a - b);
  return {
    id: 'hw-separation-margin',
    title: 'Separation margin of α* over 200 generic economies (2–6 types, 1–4 states)',
    caption: 'Empirical CDF of min over type pairs of |logit(q₁(α*(x))/2q̄) − logit(q₁(α*(y))/2q̄)|; seed 13.',
    x: { label: 'margin (logit units)', scale: 'log' },
    y: { label: 'share of economies ≤ margin' },
    series: [{ name: 'ECDF', points: ds.map((d, i) => [d, (i + 1) / ds.length] as [number, number]), style: 'line' }],
  };
}

const separatingGeneric = claim<HwEconomy>({
  id: 'HW.stage1.separating-generic',
  paper: 'HW',
  source: 'Hu & Wallace (2012), Section 3.2 (α* separates generically; the knife-edge condition after eq. 4)',
  statement: 'For economies drawn from a continuous distribution without bias toward special values, α*(x) ≠ α*(y) for x ≠ y; the margin\'s distribution is reported (figure).',
  verdict: 'holds',
  tolerance: {
    abs: SEP_TOL,
    why: 'margin in logit(q_1/2q̄) units: bisection fixes each q_1(α*) to ~1e-16 relative, so two types are told apart down to ~1e-15; 1e-9 leaves ×1e6 — and the smallest margins measured were 7.6e-6 (300 economies, seed 13) and 1.6e-4 (2000, seed 11), far above it',
  },
  input: genericEconomyArb(),
  runs: 40,
  property(e): CheckResult {
    const r = separation(e);
    // below tolerance with identical conditions is the knife-edge itself, not a finding (CLAIMS.md)
    return {
      holds: r.d > SEP_TOL || r.identical,
      margin: r.identical ? 1 : r.d - SEP_TOL,
      numbers: { marginLogit: r.d, marginQ: r.s.margin, offerMargin: r.s.offerMargin, pair: [r.x + 1, r.y + 1], identical: r.identical, minKL: S(e) > 1 ? minKL(e) : null },
    };
  },
  certify(e): CertifyResult {
    // the paper's condition: pooled α* means both types' interim MRS equal p_1 at the same bundle
    const r = separation(e);
    const off = Math.abs(mrsAt(e, r.s, r.y, r.s.alpha[r.x]) - 1);
    return { holds: off > 1e-10 || r.identical, numbers: { mrsGapAtOtherTypesAlpha: off }, route: 'type y\'s interim MRS/p_1 − 1 at type x\'s α* bundle (the knife-edge condition of Section 3.2)' };
  },
  labels: (e) => {
    const d = separation(e).d;
    return [`k=${K(e)}`, S(e) > 1 ? 'S>1' : 'S=1', d < 1e-3 ? 'margin<1e-3' : d < 1e-1 ? 'margin<0.1' : 'margin≥0.1'];
  },
  cover: [
    { label: 'S>1', min: 0.5 },
    { label: 'margin<0.1', min: 0.1 },
  ],
  describe: describeEconomy,
  decode: decodeEconomy,
  figures: () => [marginFigure()],
});

// ---------------------------------------------------------------- HW.Thm1.claim1-loss

/** The largest G_x outside I(x), over a grid of O in offer coordinates plus I(x)'s two ends (the sup's candidates). */
function supOutside(e: HwEconomy, s: Stage1Solution, x: number, n: number): number {
  const I = interval(e, s, x);
  const outside = (q: number) => q < I.lo || (I.hiClosed ? q > I.hi : q >= I.hi);
  let best = -Infinity;
  for (const a of offerGrid(e, n)) if (outside(q1(e, a))) best = Math.max(best, G(e, x, a, s.tau[x]));
  // the sup of a concave function outside an interval containing its peak is at the interval's ends
  if (I.lo > 0) best = Math.max(best, G(e, x, offerOfQ1(e, I.lo), s.tau[x]));
  if (I.hi < 2 * e.endowment.q) best = Math.max(best, G(e, x, offerOfQ1(e, I.hi), s.tau[x]));
  return best;
}

function claim1Check(e: HwEconomy, gridN: number): CheckResult {
  const s = solveStage1(e);
  const { epsilon, delta } = claim1Epsilon(e, s);
  let worst = Infinity;
  let minLoss = Infinity;
  for (let x = 0; x < K(e); x++) {
    const top = G(e, x, s.alpha[x], s.tau[x]);
    const loss = top - supOutside(e, s, x, gridN);
    minLoss = Math.min(minLoss, loss);
    worst = Math.min(worst, (loss - epsilon) / scale(e, s, x));
  }
  return {
    holds: epsilon > 0 && worst > 0,
    margin: Math.min(worst, epsilon),
    numbers: { epsilon, delta, minLoss, lossOverEpsilon: minLoss / epsilon, worstSlack: worst },
  };
}

const claim1Loss = claim<HwEconomy>({
  id: 'HW.Thm1.claim1-loss',
  paper: 'HW',
  source: 'Hu & Wallace (2012), Section 4, proof of Theorem 1, Claim 1 (with L_x and δ, A_x as printed)',
  statement: 'There is ϵ > 0 (Claim 1 of the proof of Theorem 1) such that q_1(a) ∉ I(x) ⇒ G_x(a) < G_x(α*(x)) − ϵ; ϵ is reported.',
  verdict: 'holds',
  tolerance: {
    abs: 0,
    why: 'none needed: the proof\'s ϵ is half of a lower bound on the loss (concavity gives loss ≥ 2ϵ), and the measured loss/ϵ is ≥ 3.6 (500 economies) — the strict inequality is checked as printed',
  },
  input: separatingArb(),
  runs: 40,
  property: (e) => claim1Check(e, 200),
  certify(e): CertifyResult {
    // a 4000-point grid of O in offer coordinates only (no use of the intervals' ends)
    const s = solveStage1(e);
    const { epsilon } = claim1Epsilon(e, s);
    let worst = Infinity;
    for (let x = 0; x < K(e); x++) {
      const I = interval(e, s, x);
      const top = G(e, x, s.alpha[x], s.tau[x]);
      let best = -Infinity;
      for (const a of offerGrid(e, 2000)) {
        const q = q1(e, a);
        if (q < I.lo || q >= I.hi) best = Math.max(best, utilityGx(e, x, a, s.tau[x]));
      }
      worst = Math.min(worst, top - best - epsilon);
    }
    return { holds: epsilon > 0 && worst > 0, numbers: { epsilon, worstSlack: worst }, route: 'a 2·2000-point grid of O in offer coordinates, each bundle by eq. (1) written out' };
  },
  labels: stage1Labels,
  cover: [
    { label: 'S>1', min: 0.4 },
    { label: 'u:ces', min: 0.4 },
  ],
  describe: describeEconomy,
  simplify: (e) => simplifyEconomy(e).filter((f) => solveStage1(f).margin > 1e-6 * f.endowment.q),
  decode: decodeEconomy,
});

/** G_x(a) with eq. (1)'s bundle written out (certify's own copy of the trade at p_1 = r̄/q̄). */
function utilityGx(e: HwEconomy, x: number, a: Offer, t: readonly number[]): number {
  const p = e.endowment.r / e.endowment.q;
  const q = e.endowment.q - a.q + a.r / p;
  const r = e.endowment.r - a.r + p * a.q;
  return t.reduce((acc, w, z) => acc + w * utilityValue(U(e, x, z), q, r), 0);
}

// ---------------------------------------------------------------- HW.beliefs.consistent-on-path

/** An economy with a configuration σ of active agents (σ(x) ≥ 1) and one defector of type x into I(x') at relative position u. */
export interface BeliefCase {
  e: HwEconomy;
  sigma: number[];
  defector: { x: number; xp: number; u: number };
}

const beliefArb: fc.Arbitrary<BeliefCase> = separatingArb().chain((e) =>
  fc.record({
    e: fc.constant(e),
    // small crowds and large ones (M up to ~6000: the posterior's 1 − φ underflows in linear space near M ≈ 300)
    sigma: fc.array(fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 1000 })), { minLength: K(e), maxLength: K(e) }),
    defector: fc.record({
      x: fc.integer({ min: 0, max: K(e) - 1 }),
      xp: fc.integer({ min: 0, max: K(e) - 2 }),
      u: fc.oneof(fc.constant(0), fc.constant(0.5), fc.integer({ min: 0, max: 999 }).map((k) => k / 1000)),
    }).map((d) => ({ ...d, xp: d.xp >= d.x ? d.xp + 1 : d.xp })),
  }),
);

/**
 * Bayes one agent at a time in linear space, renormalised after each: the second route for φ^σ. Agents
 * are taken interleaved in proportion to σ (not type by type), so the running posterior follows the final
 * one's path and no state's weight underflows on the way only to be needed at the end.
 */
function sequentialPosterior(e: HwEconomy, sigma: readonly number[]): number[] {
  let phi = e.states.map((z) => z.prior);
  const M = sigma.reduce((a, b) => a + b, 0);
  const done = sigma.map(() => 0);
  for (let i = 1; i <= M; i++) {
    // the type furthest behind its share i·σ(y)/M goes next
    let y = 0;
    let lag = -Infinity;
    sigma.forEach((c, w) => {
      const l = (i * c) / M - done[w];
      if (done[w] < c && l > lag) {
        lag = l;
        y = w;
      }
    });
    done[y]++;
    phi = phi.map((p, z) => p * e.types[y].likelihood[z]);
    const t = phi.reduce((a, b) => a + b, 0);
    phi = phi.map((p) => p / t);
  }
  return phi;
}

/** A point of I(x') at relative position u ∈ [0, 1) (0 is the closed left end). */
function pointIn(e: HwEconomy, s: Stage1Solution, xp: number, u: number): number {
  const I = interval(e, s, xp);
  return I.lo + u * (I.hi - I.lo);
}

/** The histogram of the other active agents' offers as an agent of type `self` sees it, with an optional defector's offer. */
function othersHistogram(s: Stage1Solution, sigma: readonly number[], self: number, defector?: { x: number; offer: Offer }) {
  const out = sigma.map((c, y) => ({ offer: s.alpha[y], count: c - (y === self ? 1 : 0) - (defector && y === defector.x ? 1 : 0) }));
  if (defector) out.push({ offer: defector.offer, count: 1 });
  return out.filter((o) => o.count > 0);
}

function beliefCheck(c: BeliefCase, readBy: (s: Stage1Solution, q: number) => number): CheckResult {
  const { e, sigma, defector } = c;
  const s = solveStage1(e);
  const M = sigma.reduce((a, b) => a + b, 0);
  let mismatches = 0;
  let worstPhi = 0;
  const ref = sequentialPosterior(e, sigma);
  // on path: every active agent of every type reads the true σ and the same φ^σ
  for (let x = 0; x < K(e); x++) {
    const believed = configurationBy(e, s, x, othersHistogram(s, sigma, x), readBy);
    if (believed.some((v, y) => v !== sigma[y])) mismatches++;
    const phi = posterior(e, believed).phi;
    worstPhi = Math.max(worstPhi, ...phi.map((p, z) => Math.abs(p - ref[z])));
  }
  // one defector of type x into I(x'): every nondefector reads σ − e_x + e_x'
  const offer = offerOfQ1(e, pointIn(e, s, defector.xp, defector.u));
  const expected = sigma.map((v, y) => v - (y === defector.x ? 1 : 0) + (y === defector.xp ? 1 : 0));
  let defectorMismatches = 0;
  for (let y = 0; y < K(e); y++) {
    if (sigma[y] - (y === defector.x ? 1 : 0) < 1) continue; // no nondefector of type y
    const believed = configurationBy(e, s, y, othersHistogram(s, sigma, y, { x: defector.x, offer }), readBy);
    if (believed.some((v, w) => v !== expected[w])) defectorMismatches++;
  }
  const tol = 1e-12 * Math.max(1, M / 100);
  return {
    holds: mismatches === 0 && defectorMismatches === 0 && worstPhi <= tol,
    margin: mismatches + defectorMismatches > 0 ? -1 : tol - worstPhi,
    numbers: { M, onPathMismatches: mismatches, defectorMismatches, worstPosteriorGap: worstPhi, phiTrue: posterior(e, sigma).phi.map((p) => Number(p.toPrecision(6))) },
  };
}

/** σ* (8) with a given reading of offers: the model's readType, or certify's scan of every I(y). */
function configurationBy(e: HwEconomy, s: Stage1Solution, x: number, seen: readonly { offer: Offer; count: number }[], readBy: (s: Stage1Solution, q: number) => number): number[] {
  if (readBy === modelRead) return believedConfiguration(e, s, x, seen);
  const sigma = new Array<number>(K(e)).fill(0);
  for (const o of seen) sigma[readBy(s, q1(e, o.offer))] += o.count;
  sigma[x] += 1;
  return sigma;
}

const modelRead = (_: Stage1Solution, __: number) => -1;

const consistentOnPath = claim<BeliefCase>({
  id: 'HW.beliefs.consistent-on-path',
  paper: 'HW',
  source: 'Hu & Wallace (2012), Section 3.2, eq. (6)–(8) and the candidate s_2* (10)',
  statement: 'If every agent plays α*, beliefs (7)–(8) give every active agent the true configuration σ and the same φ^σ; a single defector into I(x\') is read as x\' by everyone else (σ\' = σ − e_x + e_x\').',
  verdict: 'holds',
  tolerance: {
    abs: 1e-12,
    why: 'configurations are integers compared exactly; the log-space posterior against one-agent-at-a-time Bayes in linear space differs by rounding growing with M (measured ≤ 3.3e-13 at M ≤ 6000, 300 cases): 1e-12·max(1, M/100)',
  },
  input: beliefArb,
  runs: 30,
  property: (c) => beliefCheck(c, modelRead),
  certify(c): CertifyResult {
    // reading by scanning each I(y) for membership (eq. 6 as written), not by the model's cut search
    const scan = (s: Stage1Solution, q: number) => {
      for (let y = 0; y < s.order.length; y++) {
        const I = interval(c.e, s, y);
        if (q >= I.lo && (I.hiClosed ? q <= I.hi : q < I.hi)) return y;
      }
      return -1;
    };
    const r = beliefCheck(c, scan);
    return { ...r, route: 'offers read by scanning every interval I(y) of eq. (6) for membership; the posterior by sequential Bayes in linear space' };
  },
  labels: (c) => {
    const M = c.sigma.reduce((a, b) => a + b, 0);
    return [M > 300 ? 'M>300' : 'M≤300', S(c.e) > 1 ? 'S>1' : 'S=1', c.defector.u === 0 ? 'defect:left-end' : 'defect:inside'];
  },
  cover: [
    { label: 'M>300', min: 0.2 },
    { label: 'S>1', min: 0.4 },
    { label: 'defect:left-end', min: 0.1 },
  ],
  describe: (c) => `${describeEconomy(c.e)}; σ = (${c.sigma.join(', ')}); type x${c.defector.x + 1} defects into I(x${c.defector.xp + 1}) at ${c.defector.u}`,
  simplify: (c) => {
    const out: BeliefCase[] = [];
    if (c.sigma.some((v) => v > 1)) out.push({ ...c, sigma: c.sigma.map(() => 1) });
    if (c.defector.u !== 0.5) out.push({ ...c, defector: { ...c.defector, u: 0.5 } });
    return out;
  },
  decode: (json) => decodeBeliefCase(json),
});

const BeliefShape = z.strictObject({
  e: z.unknown(),
  sigma: z.array(z.number().int().min(1)),
  defector: z.strictObject({ x: z.number().int().min(0), xp: z.number().int().min(0), u: z.number().min(0).lt(1) }),
});

function decodeBeliefCase(json: unknown): BeliefCase {
  const r = BeliefShape.safeParse(json);
  if (!r.success) throw new InputError(r.error.issues[0].path.map(String).join('.'), r.error.issues[0].message);
  const e = decodeEconomy(r.data.e, 'e');
  if (r.data.sigma.length !== K(e)) throw new InputError('sigma', `must have ${K(e)} counts, one per type`);
  const d = r.data.defector;
  if (d.x >= K(e) || d.xp >= K(e) || d.x === d.xp) throw new InputError('defector', 'x and xp must be two different types');
  return { e, sigma: r.data.sigma, defector: d };
}

// ---------------------------------------------------------------- HW.Sec33.no-complete-pooling

/** An economy, a pooling offer ǎ (as q_1(ǎ)), η, and the others' stage-2 totals the deviator would face. */
export interface PoolingCase {
  e: HwEconomy;
  /** how ǎ is chosen: a free q_1 ∈ (0, 2q̄), one type's α*, or one type's α* nudged by ±h·q̄ */
  pool: { kind: 'free'; q: number } | { kind: 'alpha'; x: number } | { kind: 'near'; x: number; h: number };
  eta: number;
  totals: { Q: number; R: number };
}

function poolOffer(e: HwEconomy, s: Stage1Solution, p: PoolingCase['pool']): Offer {
  if (p.kind === 'alpha') return s.alpha[p.x];
  const q = p.kind === 'free' ? p.q * 2 * e.endowment.q : s.q1Star[p.x] + p.h * e.endowment.q;
  return offerOfQ1(e, Math.min(Math.max(q, 1e-9), 2 * e.endowment.q * (1 - 1e-9)));
}

const poolingArb: fc.Arbitrary<PoolingCase> = separatingArb().chain((e) =>
  fc.record({
    e: fc.constant(e),
    pool: fc.oneof(
      fc.record({ kind: fc.constant('free' as const), q: fc.integer({ min: 1, max: 999 }).map((k) => k / 1000) }),
      fc.record({ kind: fc.constant('alpha' as const), x: fc.integer({ min: 0, max: K(e) - 1 }) }),
      fc.record({ kind: fc.constant('near' as const), x: fc.integer({ min: 0, max: K(e) - 1 }), h: fc.constantFrom(1e-3, -1e-3, 1e-2, -1e-2) }),
    ),
    // η small and rational (Section 2.2): 1/100 … 1/2
    eta: fc.oneof(fc.constant(0.05), fc.integer({ min: 2, max: 100 }).map((d) => 1 / d)),
    totals: fc.record({ Q: gridLog(), R: gridLog() }),
  }),
);

function gridLog() {
  return fc.integer({ min: 0, max: 60 }).map((k) => Number((0.01 * 10 ** (k / 15)).toPrecision(3)));
}

function poolingCheck(c: PoolingCase): CheckResult {
  const { e, eta } = c;
  const s = solveStage1(e);
  const a = poolOffer(e, s, c.pool);
  let worst = Infinity;
  let worstActive = Infinity;
  let minBound = Infinity;
  let deviators = 0;
  for (let y = 0; y < K(e); y++) {
    if (s.alpha[y].q === a.q && s.alpha[y].r === a.r) continue;
    deviators++;
    const dG = G(e, y, s.alpha[y], s.tau[y]) - G(e, y, a, s.tau[y]);
    const bound = eta * dG;
    minBound = Math.min(minBound, bound);
    // pooled: the market shuts, an active agent keeps (q̄, r̄); deviating, stage 2 runs and no trade (b = 0) is available
    const stay = s.tau[y].reduce((acc, w, z) => acc + w * utilityValue(U(e, y, z), e.endowment.q, e.endowment.r), 0);
    const nt = payoff(e.endowment, { q: 0, r: 0 }, c.totals.Q, c.totals.R);
    const go = s.tau[y].reduce((acc, w, z) => acc + w * utilityValue(U(e, y, z), nt.q, nt.r), 0);
    const gain = eta * dG + (1 - eta) * (go - stay);
    worstActive = Math.min(worstActive, go - stay);
    worst = Math.min(worst, bound / scale(e, s, y), (gain - bound) / scale(e, s, y) + 1e-14);
  }
  return {
    holds: deviators >= 1 && worst > 0,
    margin: deviators >= 1 ? worst : -1,
    numbers: { deviators, minGainBound: minBound, worstRelativeSlack: worst, noTradeActiveGap: worstActive, eta, pool: c.pool.kind },
  };
}

const noCompletePooling = claim<PoolingCase>({
  id: 'HW.Sec33.no-complete-pooling',
  paper: 'HW',
  source: 'Hu & Wallace (2012), Section 3.3 (the modification: no stage 2 when all stage-1 offers are equal)',
  statement: 'Under the Section 3.3 modification and separating α*, complete pooling at any ǎ is not an equilibrium: a type y with α*(y) ≠ ǎ gains at least η(G_y(α*(y)) − G_y(ǎ)) > 0 by deviating.',
  verdict: 'holds',
  tolerance: {
    rel: 1e-14,
    why: 'the active part of the gain is u(q̄, r̄) − u(q̄, r̄) = 0 exactly by eq. (2) with b = 0 (measured 0), allowed 1e-14 of max(1, |G|) for rounding in the sums; the bound η·ΔG must be > 0 strictly (ǎ nudged 1e-3·q̄ off α*(y) still gives ΔG ~ 1e-7 relative)',
  },
  input: poolingArb,
  runs: 40,
  property: poolingCheck,
  certify(c): CertifyResult {
    // ΔG by L_x in q-coordinates (proof of Claim 1) rather than G in offer coordinates, the active part skipped (≥ 0 by no trade)
    const s = solveStage1(c.e);
    const a = poolOffer(c.e, s, c.pool);
    let worst = Infinity;
    for (let y = 0; y < K(c.e); y++) {
      if (s.alpha[y].q === a.q && s.alpha[y].r === a.r) continue;
      worst = Math.min(worst, c.eta * (L(c.e, y, alphaStarQ1(c.e, y), s.tau[y]) - L(c.e, y, q1(c.e, a), s.tau[y])));
    }
    return { holds: worst > 0, numbers: { worstBound: worst }, route: 'η·(L_y(q*_y) − L_y(q_1(ǎ))) on the p_1 budget line (proof of Claim 1)' };
  },
  labels: (c) => [`pool:${c.pool.kind}`, S(c.e) > 1 ? 'S>1' : 'S=1'],
  cover: [
    { label: 'pool:alpha', min: 0.15 },
    { label: 'pool:near', min: 0.15 },
    { label: 'S>1', min: 0.4 },
  ],
  describe: (c) => `${describeEconomy(c.e)}; ǎ: ${JSON.stringify(c.pool)}, η = ${c.eta}, (Q_−, R_−) = (${c.totals.Q}, ${c.totals.R})`,
  simplify: (c) => (c.eta !== 0.05 ? [{ ...c, eta: 0.05 }] : []),
  decode: decodePoolingCase,
});

const PoolShape = z.strictObject({
  e: z.unknown(),
  pool: z.union([
    z.strictObject({ kind: z.literal('free'), q: z.number().gt(0).lt(1) }),
    z.strictObject({ kind: z.literal('alpha'), x: z.number().int().min(0) }),
    z.strictObject({ kind: z.literal('near'), x: z.number().int().min(0), h: z.number().min(-0.5).max(0.5) }),
  ]),
  eta: z.number().gt(0).lt(1),
  totals: z.strictObject({ Q: z.number().gt(0), R: z.number().gt(0) }),
});

function decodePoolingCase(json: unknown): PoolingCase {
  const r = PoolShape.safeParse(json);
  if (!r.success) throw new InputError(r.error.issues[0].path.map(String).join('.'), r.error.issues[0].message);
  const e = decodeEconomy(r.data.e, 'e');
  if (r.data.pool.kind !== 'free' && r.data.pool.x >= K(e)) throw new InputError('pool.x', `must name one of the ${K(e)} types`);
  return { ...r.data, e };
}

// ---------------------------------------------------------------- Theorem 1: the candidate's stage-1 incentive

/** An economy (2–3 types, 1–2 states, separating α*) with η (Section 2.2); the witness row adds a small N (M = ⌈(1 − η)N⌉ < N). */
export interface CandidateCase {
  e: HwEconomy;
  eta: number;
  N?: number;
}

const etaArb = fc.constantFrom(0.05, 0.1, 0.2);
const thm1EconomyArb = economyArb({ maxTypes: 3, maxStates: 2 }).filter((e) => solveStage1(e).margin > 1e-3 * e.endowment.q);

/** The M sequence of the deviation row: from M_0 ≈ few/KL (the posterior's regime, CLAIMS.md) up, doubling. */
export function mSequence(e: HwEconomy): number[] {
  const kl = S(e) > 1 ? minKL(e) : Infinity;
  const m0 = Math.min(32, Math.max(16, 2 ** Math.ceil(Math.log2(4 / kl))));
  return [m0, 2 * m0, 4 * m0];
}

/** Growth allowed to M·max|gain| over the last doubling: 1/M gives → 1, a 1/√M gain would give √2 ≈ 1.41. */
const GROWTH = 1.3;

function deviationCheck(c: CandidateCase, ctx: PropertyContext): CheckResult {
  const { e, eta } = c;
  const s = solveStage1(e);
  const cache = new EquilibriumCache(e);
  const rand = ctx.rng ?? makeRng(JSON.stringify(c));
  const at = (M: number) => candidateAtM(e, eta, M, { s, cache, exactLimit: 130, draws: 8, rand });
  const rows = mSequence(e).map(at);
  const maxGain = (r: CandidateAtM) => {
    let best = 0;
    let se = 0;
    r.gain.forEach((row, x) => row.forEach((g, xb) => {
      if (Math.abs(g) > best) {
        best = Math.abs(g);
        se = r.se[x][xb];
      }
    }));
    return { M: r.M, C: r.M * best, band: 2 * r.M * se };
  };
  const growthOf = (a: ReturnType<typeof maxGain>, b: ReturnType<typeof maxGain>) => Math.max(0, b.C - b.band) / (a.C + a.band);
  const C = rows.map(maxGain);
  // still pre-asymptotic (M·gain growing): one or two more doublings, up to M = 256
  while (growthOf(C[C.length - 2], C[C.length - 1]) > GROWTH && rows[rows.length - 1].M < 256) {
    rows.push(at(2 * rows[rows.length - 1].M));
    C.push(maxGain(rows[rows.length - 1]));
  }
  const last = C[C.length - 1];
  const mid = C[C.length - 2];
  const growth = growthOf(mid, last);
  const minLoss = Math.min(...rows[0].loss.flatMap((row, x) => row.filter((_, xb) => xb !== x)));
  // N̄: the smallest tested N from which every larger tested N has the candidate as an equilibrium
  let nBar: number | null = null;
  for (let i = rows.length - 1; i >= 0 && rows[i].worstNet <= 0; i--) nBar = rows[i].N;
  const Cmax = Math.max(...C.map((r) => r.C));
  return {
    holds: growth <= GROWTH && minLoss > 0,
    margin: Math.min(GROWTH - growth, minLoss),
    numbers: {
      Ms: C.map((r) => r.M),
      MtimesMaxGain: C.map((r) => Number(r.C.toPrecision(4))),
      growthLastDoubling: growth,
      C: Cmax,
      minInactiveLoss: minLoss,
      worstNet: rows.map((r) => Number(r.worstNet.toPrecision(3))),
      Nbar: nBar,
      NbarPredicted: Math.ceil(Cmax / (eta * minLoss)),
      methods: rows.map((r) => r.method),
      eta,
      minKL: S(e) > 1 ? minKL(e) : null,
    },
  };
}

const deviationVanishes = claim<CandidateCase>({
  id: 'HW.Thm1.deviation-vanishes',
  paper: 'HW',
  source: 'Hu & Wallace (2012), Section 4, proof of Theorem 1 ((22)–(26), Claims 1 and 2)',
  statement: 'In the candidate separating equilibrium, an active agent\'s gain from being read as x̄ is at most C/M in absolute value while the inactive loss ℓ_x(x̄) stays bounded away from 0; N̄ is reported (Theorem 1). The 1/M rate is this suite\'s empirical finding.',
  verdict: 'holds',
  tolerance: {
    rel: GROWTH - 1,
    why: 'M·max|gain| may grow by at most 1.3× over the last doubling of M (1/M decay gives → 1; measured 1.11 and 0.97 on the catalogue economies at M = 32→64; a 1/√M gain would give 1.41), Monte Carlo rows widened by 2 standard errors',
  },
  input: fc.record({ e: thm1EconomyArb, eta: etaArb }),
  // each case solves ~100–400 stage-2 equilibria (~1.3 ms each): 2 at the default depth, deeper with --runs
  runs: 2,
  property: deviationCheck,
  certify(c, ctx): CertifyResult {
    // the last doubling of the property's sequence again, by the explicit-profile route (sampled past 300 vectors)
    const r = deviationCheck(c, ctx);
    const Ms = r.numbers.Ms as number[];
    const rand = makeRng(`certify:${JSON.stringify(c)}`);
    const C = Ms.slice(-2).map((M) => {
      const x = explicitIncentive(c.e, c.eta, M, populationFor(M, c.eta), { exactLimit: 300, draws: 32, rand });
      return { C: M * Math.max(...x.gain.flat().map(Math.abs)), sampled: x.sampled, cert: x.worstCert };
    });
    const growth = C[1].C / C[0].C;
    const sampled = C.some((v) => v.sampled);
    // sampled rows carry Monte Carlo noise of their own: the bound is widened to 1.5 there
    const bound = sampled ? 1.5 : GROWTH;
    return {
      holds: growth <= bound && (r.numbers.minInactiveLoss as number) > 0,
      numbers: { Ms: Ms.slice(-2), MtimesMaxGain: C.map((v) => v.C), growth, sampled, worstStage2Certificate: Math.max(...C.map((v) => v.cert)) },
      route: 'the last doubling by explicit profiles of M offers (eq. 2–3), count probabilities by convolution (or 32 sampled type vectors per state past 300 vectors), the defector\'s offer by golden-section search',
    };
  },
  labels: (c) => [`k=${K(c.e)}`, S(c.e) > 1 ? 'S>1' : 'S=1'],
  cover: [{ label: 'S>1', min: 0.3 }],
  describe: (c) => `${describeEconomy(c.e)}; η = ${c.eta}`,
  simplify: (c) => simplifyEconomy(c.e).filter((f) => solveStage1(f).margin > 1e-3 * f.endowment.q).map((f) => ({ ...c, e: f })),
  decode: (json) => decodeCandidateCase(json),
});

// ---------------------------------------------------------------- HW.Thm1.small-N-witness

/** The catalogue's economy: three log types a = 3, 1.5, 0.5 (b = 1), one state, equal shares, q̄ = r̄ = 1, ε = 0.01. */
export const CATALOGUE_THREE_TYPES: HwEconomy = buildEconomy({ q: 1, r: 1 }, { q: 0.01, r: 0.01 }, [1], [[1 / 3], [1 / 3], [1 / 3]], [
  [{ kind: 'log', a: 3, b: 1 }],
  [{ kind: 'log', a: 1.5, b: 1 }],
  [{ kind: 'log', a: 0.5, b: 1 }],
]);

/**
 * A witness's net gain must clear this. Both routes agree to ~1e-17 on found cases, but the shrink walks
 * toward near-identical types whose net gain is a tie at ~1e-8; 1e-5 keeps the shrunk witness a clear one
 * (the catalogue economy's is ~1e-3).
 */
const WITNESS_FLOOR = 1e-5;

function witnessCheck(c: CandidateCase): CheckResult {
  const r = candidateAtM(c.e, c.eta, activeFor(c.N!, c.eta), { exactLimit: Infinity, N: c.N });
  const [x, xb] = r.worstPair;
  return {
    holds: r.worstNet > WITNESS_FLOOR,
    margin: r.worstNet - WITNESS_FLOOR,
    numbers: { M: r.M, N: r.N, deviator: `x${x + 1} read as x${xb + 1}`, activeGain: r.gain[x][xb], inactiveLoss: r.loss[x][xb], netGain: r.worstNet },
  };
}

/**
 * Theorem 1's stage-1 incentive re-derived by a route that shares none of theorem1.ts: count vectors'
 * probabilities by convolution one agent at a time (or, past `exactLimit` vectors, `draws` sampled agent by
 * agent from `rand`), each agent's consumption from the explicit profile of M offers (eq. 2–3 via
 * profileOutcome), the defector's stage-2 offer by golden-section search over O, the solver's β^σ accepted
 * only with its deviation certificate, and ℓ by a grid of G over I(x̄) in offer coordinates.
 */
function explicitIncentive(e: HwEconomy, eta: number, M: number, N: number, opts: { exactLimit?: number; draws?: number; rand?: () => number } = {}) {
  const s = solveStage1(e);
  const k = K(e);
  const sampled = opts.rand !== undefined && compositionsOf(M - 1, k) > (opts.exactLimit ?? Infinity);
  const dists = e.states.map((_, z) => {
    if (sampled) {
      const out = new Map<string, number>();
      for (let d = 0; d < opts.draws!; d++) {
        const v = new Array<number>(k).fill(0);
        for (let i = 0; i < M - 1; i++) {
          let u = opts.rand!();
          let y = 0;
          while (y < k - 1 && u >= e.types[y].likelihood[z]) u -= e.types[y].likelihood[z], y++;
          v[y]++;
        }
        out.set(v.join(','), (out.get(v.join(',')) ?? 0) + 1 / opts.draws!);
      }
      return out;
    }
    let dp = new Map<string, number>([[new Array(k).fill(0).join(','), 1]]);
    for (let i = 0; i < M - 1; i++) {
      const next = new Map<string, number>();
      for (const [key, p] of dp) {
        const v = key.split(',').map(Number);
        for (let y = 0; y < k; y++) {
          v[y]++;
          const kk = v.join(',');
          next.set(kk, (next.get(kk) ?? 0) + p * e.types[y].likelihood[z]);
          v[y]--;
        }
      }
      dp = next;
    }
    return dp;
  });
  const betas = new Map<string, Goods[]>();
  let worstCert = 0;
  const beta = (sigma: number[]) => {
    const key = sigma.join(',');
    if (!betas.has(key)) {
      const eq = stage2Equilibrium(e, sigma);
      // a type absent from σ has no agent to deviate: its entry of the certificate is meaningless
      worstCert = Math.max(worstCert, ...deviationGains(e, eq.utilities, sigma, eq.offers).gains.filter((_, y) => sigma[y] > 0));
      betas.set(key, eq.offers);
    }
    return betas.get(key)!;
  };
  const gain: number[][] = [];
  let best = { net: -Infinity, x: -1, xb: -1, gain: 0, loss: 0 };
  for (let x = 0; x < k; x++) {
    const F = new Array<number>(k).fill(0);
    for (let xb = 0; xb < k; xb++) {
      e.states.forEach((_, z) => {
        for (const [key, p] of dists[z]) {
          const xi = key.split(',').map(Number);
          const others = beta(xi.map((v, y) => v + (y === xb ? 1 : 0)));
          const profile: Goods[] = [];
          xi.forEach((v, y) => {
            for (let i = 0; i < v; i++) profile.push(others[y]);
          });
          let own: Goods;
          if (xb === x) own = others[x];
          else {
            const phi = posterior(e, xi.map((v, y) => v + (y === x ? 1 : 0))).phi;
            const H = (b: Goods) => {
              const out = profileOutcome(e.endowment, e.epsilon, [...profile, b]).consumption[profile.length];
              return out.q > 0 && out.r > 0 ? phi.reduce((acc, w, zz) => acc + w * utilityValue(U(e, x, zz), out.q, out.r), 0) : -Infinity;
            };
            const bq = goldenMax((t) => H({ q: t, r: 0 }), 0, e.endowment.q * (1 - 1e-9));
            const brr = goldenMax((t) => H({ q: 0, r: t }), 0, e.endowment.r * (1 - 1e-9));
            own = H({ q: bq, r: 0 }) >= H({ q: 0, r: brr }) ? { q: bq, r: 0 } : { q: 0, r: brr };
          }
          const cons = profileOutcome(e.endowment, e.epsilon, [...profile, own]).consumption[profile.length];
          F[xb] += s.tau[x][z] * p * utilityValue(U(e, x, z), cons.q, cons.r);
        }
      });
    }
    gain.push(F.map((f) => f - F[x]));
    for (let xb = 0; xb < k; xb++) {
      if (xb === x) continue;
      const I = interval(e, s, xb);
      let sup = -Infinity;
      for (let i = 0; i <= 4000; i++) {
        const q = I.lo + ((I.hi - I.lo) * i) / 4000;
        if (q <= 0 || q >= 2 * e.endowment.q) continue;
        sup = Math.max(sup, utilityGx(e, x, offerOfQ1(e, q), s.tau[x]));
      }
      const loss = utilityGx(e, x, s.alpha[x], s.tau[x]) - sup;
      const net = (M / N) * (F[xb] - F[x]) - ((N - M) / N) * loss;
      if (net > best.net) best = { net, x, xb, gain: F[xb] - F[x], loss };
    }
  }
  return { best, gain, worstCert, sampled };
}

/** C(n + k − 1, k − 1): how many count vectors the exact route would visit. */
function compositionsOf(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i < k; i++) r = (r * (n + i)) / i;
  return r;
}

function witnessCertify(c: CandidateCase): CertifyResult {
  const N = c.N!;
  const M = activeFor(N, c.eta);
  const { best, worstCert } = explicitIncentive(c.e, c.eta, M, N);
  return {
    holds: best.net > WITNESS_FLOOR && worstCert <= 1e-9,
    numbers: { M, N, deviator: `x${best.x + 1} read as x${best.xb + 1}`, activeGain: best.gain, inactiveLoss: best.loss, netGain: best.net, worstStage2Certificate: worstCert },
    route: 'explicit profiles of M offers (eq. 2–3), count probabilities by one-agent convolution, the defector\'s offer by golden-section over O, β^σ certified by deviation search, ℓ by a grid of G over I(x̄)',
  };
}

/**
 * The catalogue economy's net stage-1 gain of the middle type read as the first, against M (η = 0.1): exact
 * enumeration to M = 24, Monte Carlo with common random numbers (48 draws, fixed seed) beyond. It costs ~3 s
 * (≈ 2000 stage-2 solves): the runner draws a claim's figures only for `check --json` and `report`
 * (RunOptions.figures), never for the table or the tests.
 */
export function witnessFigure(): FigureSpec {
  const cache = new EquilibriumCache(CATALOGUE_THREE_TYPES);
  const s = solveStage1(CATALOGUE_THREE_TYPES);
  const rand = makeRng('hw-small-n-witness-figure');
  const pts: [number, number][] = [];
  for (let M = 4; M <= 64; M += 4) {
    const r = candidateAtM(CATALOGUE_THREE_TYPES, 0.1, M, { s, cache, exactLimit: 400, draws: 48, rand });
    pts.push([M, (M / r.N) * r.gain[1][0] - ((r.N - M) / r.N) * r.loss[1][0]]);
  }
  return {
    id: 'hw-small-n-witness',
    title: 'Catalogue economy (log a = 3, 1.5, 0.5): net stage-1 gain of x₂ read as x₁, η = 0.1',
    caption: '(M/N)·(active gain) − ((N−M)/N)·ℓ₂(x₁); positive: the separating candidate is not an equilibrium. Exact to M = 24, Monte Carlo (48 draws per state, CRN) beyond.',
    x: { label: 'M (active agents)' },
    y: { label: 'net gain' },
    series: [
      { name: 'x₂ → x₁', points: pts, style: 'line+dots' },
      { name: 'zero', points: [[4, 0], [64, 0]], style: 'line' },
    ],
  };
}

const smallNWitness = claim<CandidateCase>({
  id: 'HW.Thm1.small-N-witness',
  paper: 'HW',
  source: 'Hu & Wallace (2012), Theorem 1 ("there exists some N̄"): the candidate need not be an equilibrium for small N',
  statement: 'An economy and an N for which the separating candidate is not an equilibrium: some type gains (M/N)·(active gain) − ((N−M)/N)·ℓ > 0 by an offer read as another type — "sufficiently large N" is needed.',
  verdict: 'witness',
  tolerance: {
    abs: WITNESS_FLOOR,
    why: 'the net gain must exceed 1e-5 by both routes: on found cases they agree to ~1e-17 (rounding) and each β^σ\'s deviation certificate is ≤ 1e-16 (accepted up to 1e-9); the floor keeps the shrink from sliding to near-identical types whose gain is a ~1e-8 tie',
  },
  // N with at least one inactive agent (N > M): with N = M the stage-1 offer has no inactive side at all
  // two types keep each case at ~10 stage-2 solves (the shrink re-runs it dozens of times); the fixture has three
  // fast-check's own shrink re-ran the exact expectation ~120 times (2.5 s); the claim's `simplify` (one state,
  // q̄ = r̄ = 1, round parameters, smaller N) reaches a readable witness in a handful of steps
  input: fc.noShrink(fc.record({ e: economyArb({ maxTypes: 2, maxStates: 2 }).filter((e) => solveStage1(e).margin > 1e-3 * e.endowment.q), eta: fc.constantFrom(0.2, 0.25), N: fc.integer({ min: 5, max: 10 }) }).filter((c) => activeFor(c.N, c.eta) < c.N)),
  runs: 20,
  property: witnessCheck,
  certify: witnessCertify,
  figures: () => [witnessFigure()],
  fixtures: [{ name: 'CLAIMS.md: three log types a = 3, 1.5, 0.5 (b = 1, one state, equal shares, q̄ = r̄ = 1, ε = 0.01), η = 0.1, N = 12 (M = 11)', input: { e: CATALOGUE_THREE_TYPES, eta: 0.1, N: 12 } }],
  labels: (c) => [`k=${K(c.e)}`, S(c.e) > 1 ? 'S>1' : 'S=1'],
  describe: (c) => `${describeEconomy(c.e)}; η = ${c.eta}, N = ${c.N} (M = ${activeFor(c.N!, c.eta)})`,
  simplify: (c) => {
    const out: CandidateCase[] = simplifyEconomy(c.e).filter((f) => solveStage1(f).margin > 1e-3 * f.endowment.q).map((f) => ({ ...c, e: f }));
    if (activeFor(c.N! - 1, c.eta) < c.N! - 1 && c.N! > 3) out.push({ ...c, N: c.N! - 1 });
    if (c.eta !== 0.2 && activeFor(c.N!, 0.2) < c.N!) out.push({ ...c, eta: 0.2 });
    return out;
  },
  decode: (json) => decodeCandidateCase(json, true),
});

const CandidateShape = z.strictObject({ e: z.unknown(), eta: z.number().gt(0).lt(1), N: z.number().int().min(2).max(64).optional() });

function decodeCandidateCase(json: unknown, needM = false): CandidateCase {
  const r = CandidateShape.safeParse(json);
  if (!r.success) throw new InputError(r.error.issues[0].path.map(String).join('.'), r.error.issues[0].message);
  if (needM && r.data.N === undefined) throw new InputError('N', 'is required: the number of agents');
  const e = decodeEconomy(r.data.e, 'e');
  if (!(solveStage1(e).margin > 0)) throw new InputError('e', 'α* must separate the types (Theorem 1\'s hypothesis)');
  return { e, eta: r.data.eta, ...(r.data.N !== undefined ? { N: r.data.N } : {}) };
}

// ---------------------------------------------------------------- HW.Thm1.corollary-efficiency

/** An economy, the true state z, and ε (per unit of endowment); shares deterministic: σ(x) = round(M μ_z(x)). */
export interface EfficiencyCase {
  e: HwEconomy;
  z: number;
}

/** L^z(ε) of Lemma 2 with shares `shares` (μ_z, or the realised σ/M) and the given ε. */
function continuumOf(e: HwEconomy, z: number, shares: readonly number[], eps: Goods): ContinuumEconomy {
  return { endowment: e.endowment, epsilon: eps, types: e.types.map((t, x) => ({ name: t.name, share: shares[x], utility: t.utility[z] })) };
}

/** Largest distance, over types, between two consumption lists, relative to (q̄, r̄). */
function allocationGap(e: HwEconomy, a: readonly Goods[], b: readonly Goods[]): number {
  return Math.max(...a.map((c, x) => Math.max(Math.abs(c.q - b[x].q) / e.endowment.q, Math.abs(c.r - b[x].r) / e.endowment.r)));
}

/** M_0 for the efficiency row: the posterior must be concentrated (e^{−M·KL} ≪ 1/M), so M_0 ≈ 40/KL, at least 64. */
function efficiencyM0(e: HwEconomy): number {
  const kl = S(e) > 1 ? minKL(e) : Infinity;
  return Math.min(2 ** 20, Math.max(64, 2 ** Math.ceil(Math.log2(40 / kl))));
}

/**
 * The allocation gap of L^z(ε·2^−j) to L^z(0), j = 0..12 (relative ε as a fraction of the endowment): C' = the
 * largest gap/ε', the ratio gap(ε'/2)… over the last halving, and the largest ε' from which every halving's
 * ratio lies in [1.6, 2.5] (the linear regime's start, reported).
 */
function epsilonSweep(e: HwEconomy, z: number, mu: readonly number[], limit: readonly Goods[], solve: (ce: ContinuumEconomy) => Goods[]) {
  const rel = Math.max(e.epsilon.q / e.endowment.q, e.epsilon.r / e.endowment.r);
  const gaps: number[] = [];
  for (let j = 0; j <= 12; j++) {
    const f = 2 ** -j;
    gaps.push(allocationGap(e, solve(continuumOf(e, z, mu, { q: e.epsilon.q * f, r: e.epsilon.r * f })), limit));
  }
  const ratios = gaps.slice(1).map((g, j) => gaps[j] / g);
  let linearFrom: number | null = null;
  for (let j = ratios.length - 1; j >= 0 && ratios[j] >= RATE_BAND[0] && ratios[j] <= RATE_BAND[1]; j--) linearFrom = rel * 2 ** -j;
  return { Cprime: Math.max(...gaps.map((g, j) => g / (rel * 2 ** -j))), lastRatio: ratios[ratios.length - 1], linearFrom };
}

/** The rate band of the strategic term e(M)/e(2M) (1/M gives 2): this suite's finding, not the paper's. */
const RATE_BAND: [number, number] = [1.6, 2.5];

function efficiencyCheck(c: EfficiencyCase): CheckResult {
  const { e, z } = c;
  const s = solveStage1(e);
  const mu = e.types.map((t) => t.likelihood[z]);
  const limit = competitiveEquilibrium(continuumOf(e, z, mu, { q: 0, r: 0 }));
  const atEps = competitiveEquilibrium(continuumOf(e, z, mu, e.epsilon));
  // the ε term: gap(ε') to L^z(0) for ε' = ε·2^−j, j = 0..12. The row bounds it by C'ε, so gap/ε' must not grow
  // as ε' → 0 (ratio over the last halving ≥ 1.6; an O(ε²) gap, when ε is value-neutral at p, is within the
  // bound too). Near-Leontief economies with extreme prices reach the linear regime only at ε'·p ≪ r̄, so the
  // check is at the small end and the regime's start is reported.
  const eps = epsilonSweep(e, z, mu, limit.consumption, (ce) => competitiveEquilibrium(ce).consumption);
  const epsGap = allocationGap(e, atEps.consumption, limit.consumption);
  const epsRatio = eps.lastRatio;
  const M0 = efficiencyM0(e);
  let wedgeWorst = -Infinity;
  let feasWorst = -Infinity;
  const strategic: number[] = [];
  const total: number[] = [];
  const Ms = [M0, 2 * M0, 4 * M0];
  for (const M of Ms) {
    const sigma = roundedCounts(e, z, M);
    const Mr = sigma.reduce((a, b) => a + b, 0);
    const eq = stage2Equilibrium(e, sigma);
    // every active agent's wedge |MRS/p_2 − 1| ≤ 1/(σ(x) − 1) (HW.stage2.mrs-wedge, from g' = 0, h' = 0)
    eq.mrsWedge.forEach((w, x) => {
      wedgeWorst = Math.max(wedgeWorst, w - 1 / (sigma[x] - 1));
    });
    // the strategic term: against L^z(ε) with the realised shares σ/M (rounding of shares is not strategic)
    const realised = competitiveEquilibrium(continuumOf(e, z, sigma.map((v) => v / Mr), e.epsilon));
    strategic.push(allocationGap(e, eq.consumption, realised.consumption));
    total.push(allocationGap(e, eq.consumption, limit.consumption));
    // infeasibility: active per-capita excess within (ε_q + ε_r/p_2, ε_r + p_2 ε_q); inactive ones within (N−M)/N·(q̄, r̄)
    const p2 = eq.price;
    feasWorst = Math.max(feasWorst, Math.abs(eq.feasibilityGap.q) - (e.epsilon.q + e.epsilon.r / p2), Math.abs(eq.feasibilityGap.r) - (e.epsilon.r + p2 * e.epsilon.q));
    const N = populationFor(Mr, 0.1);
    const inactive = roundedCounts(e, z, N - Mr).map((v) => (N - Mr > 0 ? v : 0));
    let iq = 0;
    let ir = 0;
    inactive.forEach((v, x) => {
      const b = inactiveBundle(e, s.alpha[x]);
      iq += (v * (b.q - e.endowment.q)) / N;
      ir += (v * (b.r - e.endowment.r)) / N;
    });
    const share = inactive.reduce((a, b) => a + b, 0) / N;
    feasWorst = Math.max(feasWorst, Math.abs(iq) / e.endowment.q - share, Math.abs(ir) / e.endowment.r - share);
  }
  const ratio = strategic[1] / strategic[2];
  const C = Math.max(...strategic.map((v, i) => v * Ms[i]));
  const rateOk = ratio >= RATE_BAND[0] && ratio <= RATE_BAND[1];
  const epsOk = epsRatio >= RATE_BAND[0];
  return {
    holds: wedgeWorst <= 1e-9 && feasWorst <= 1e-12 && rateOk && epsOk,
    margin: Math.min(1e-9 - wedgeWorst, 1e-12 - feasWorst, Math.min(ratio - RATE_BAND[0], RATE_BAND[1] - ratio), epsRatio - RATE_BAND[0]),
    numbers: {
      Ms,
      strategicGap: strategic.map((v) => Number(v.toPrecision(4))),
      rateRatio: ratio,
      C,
      Cprime: eps.Cprime,
      gapAtEps: epsGap,
      epsRatio,
      linearFromEps: eps.linearFrom,
      totalGapToLz0: total.map((v) => Number(v.toPrecision(4))),
      wedgeOverBound: wedgeWorst,
      feasibilityOverBound: feasWorst,
    },
  };
}

/** The competitive allocation of L^z(ε) by the first-order-condition route: the root of the excess value (20) over demandByFoc, bracket widened from p_1. */
function ceByFoc(ce: ContinuumEconomy): Goods[] {
  const f = (lp: number) => excessValueByFoc(ce, Math.exp(lp));
  let lo = Math.log(ce.endowment.r / ce.endowment.q);
  let hi = lo;
  for (let i = 0; i < 200 && !(f(lo) > 0); i++) lo -= 0.5;
  for (let i = 0; i < 200 && !(f(hi) < 0); i++) hi += 0.5;
  const p = Math.exp(brent(f, lo, hi, { xtol: 1e-15, rtol: 1e-15 }).root);
  const w = p * ce.endowment.q + ce.endowment.r;
  return ce.types.map((t) => demandByFoc(t.utility, p, w));
}

/** The same checks by other routes: β^σ accepted only with its deviation certificate, L^z(ε) by the FOC route, wedges by mrs in levels. */
function efficiencyCertify(c: EfficiencyCase): CertifyResult {
  const { e, z } = c;
  const mu = e.types.map((t) => t.likelihood[z]);
  const limit = ceByFoc(continuumOf(e, z, mu, { q: 0, r: 0 }));
  const epsRatio = epsilonSweep(e, z, mu, limit, ceByFoc).lastRatio;
  const M0 = efficiencyM0(e);
  const strategic: number[] = [];
  let wedgeWorst = -Infinity;
  let cert = 0;
  for (const M of [2 * M0, 4 * M0]) {
    const sigma = roundedCounts(e, z, M);
    const Mr = sigma.reduce((a, b) => a + b, 0);
    const eq = stage2Equilibrium(e, sigma);
    cert = Math.max(cert, ...deviationGains(e, eq.utilities, sigma, eq.offers).gains);
    eq.consumption.forEach((cx, x) => {
      wedgeWorst = Math.max(wedgeWorst, Math.abs(mrs(eq.utilities[x], cx.q, cx.r) / eq.price - 1) - 1 / (sigma[x] - 1));
    });
    strategic.push(allocationGap(e, eq.consumption, ceByFoc(continuumOf(e, z, sigma.map((v) => v / Mr), e.epsilon))));
  }
  const ratio = strategic[0] / strategic[1];
  const inBand = (v: number) => v >= RATE_BAND[0] && v <= RATE_BAND[1];
  return {
    holds: wedgeWorst <= 1e-9 && inBand(ratio) && epsRatio >= RATE_BAND[0] && cert <= 1e-9,
    numbers: { strategicGap: strategic, rateRatio: ratio, epsRatio, wedgeOverBound: wedgeWorst, worstStage2Certificate: cert },
    route: 'L^z(ε) by the first-order-condition route (excess value (20) over demandByFoc), β^σ checked by its deviation search, wedges from mrs in levels',
  };
}

const corollaryEfficiency = claim<EfficiencyCase>({
  id: 'HW.Thm1.corollary-efficiency',
  paper: 'HW',
  source: 'Hu & Wallace (2012), Section 3.2, Corollary ("almost ex post efficient", from Proposition 2 and Lemma 2)',
  statement: 'At the separating equilibrium every active agent satisfies the MRS wedge bound 1/(σ(x) − 1), the allocation is within C/M + C\'ε of the competitive allocation of L^z(0) (rates: this suite\'s empirical finding, C and C\' reported), and the infeasibility is within the ε terms plus the inactive share.',
  verdict: 'holds',
  tolerance: {
    abs: 1e-9,
    why: 'the wedge bound is exact in the paper; 1e-9 absorbs the stage-2 solver\'s root tolerance (measured wedges ~1e-13 above their value); feasibility identities hold to 1e-12 (measured ~1e-16); the strategic gap\'s ratio over a doubling of M must lie in [1.6, 2.5] (1/M gives 2; measured 1.88–2.13 over 200 economies), and the ε-gap\'s over the last of 12 halvings of ε must be ≥ 1.6 (at most linear: C\'ε)',
  },
  // min KL ≥ 1e-4 keeps M_0 = 40/KL within 2^20 (the stage-2 cost does not depend on M)
  input: economyArb({ maxTypes: 4, maxStates: 3 }).filter((e) => S(e) === 1 || minKL(e) >= 1e-4).chain((e) => fc.record({ e: fc.constant(e), z: fc.integer({ min: 0, max: S(e) - 1 }) })),
  runs: 8,
  property: efficiencyCheck,
  certify: efficiencyCertify,
  labels: (c) => [`k=${K(c.e)}`, S(c.e) > 1 ? 'S>1' : 'S=1', ...familyLabels(c.e)],
  cover: [
    { label: 'S>1', min: 0.3 },
    { label: 'u:ces', min: 0.3 },
  ],
  describe: (c) => `${describeEconomy(c.e)}; true state z${c.z + 1}`,
  simplify: (c) => simplifyEconomy(c.e).filter((f) => c.z < f.states.length).map((f) => ({ ...c, e: f })),
});

export const hwStage1Claims = [uniqueAlpha, separatingGeneric, claim1Loss, consistentOnPath, deviationVanishes, smallNWitness, corollaryEfficiency, noCompletePooling];
