/**
 * Giraud & Rochon (2001): interim efficiency (Definition 1) on finite instances — its
 * characterisation by ex post efficiency of the real part, the existence of IC interim-efficient
 * allocations under the compatibility condition, and Lemma 2's dominance, which fails: an IC
 * allocation with every BIC constraint strict that no IC interim-efficient allocation weakly
 * dominates (a Farkas certificate). LPs by HiGHS (src/models/giraud-rochon/interim.ts), every verdict
 * re-checked in exact rationals.
 *
 * Numéraire is ample (the remark after Theorem 1), so it is not bounded below: Definition 1's
 * x ≥ 0 binds the real goods only.
 */
import fc from 'fast-check';
import { z } from 'zod';
import { asyncClaim } from '../../src/claims/registry.ts';
import { registerCertificateKind } from '../../src/claims/certificates.ts';
import type { AnyClaim, CertifyResult, CheckResult, Json } from '../../src/claims/types.ts';
import { InputError } from '../../src/errors.ts';
import { economy, isIndependent, profiles, valueOf, type Economy, type EconomySpec } from '../../src/models/giraud-rochon/economy.ts';
import { agvTransfers, bicSlacks } from '../../src/models/giraud-rochon/agv.ts';
import { balancedTransfersWith, compatibilityWith, efficientRule, type RealRule } from '../../src/models/giraud-rochon/compatibility.ts';
import {
  dominanceShortfallWith, dominatedWith, dominates, feasible, icSlacks, realPartEfficientAt, searchImprovementWith, strictTransfersWith,
  verifyNotDominated, type Allocation,
} from '../../src/models/giraud-rochon/interim.ts';
import { lpSolver } from '../../src/numeric/lp.ts';
import { Fraction, toNumber } from '../../src/numeric/rational.ts';
import { decodeFullSupport, describeIncentiveEconomy, incentiveEconomyArb, simplifyIncentiveEconomy } from './generators-incentives.ts';

const ZERO = new Fraction(0);
const ONE = new Fraction(1);
const str = (q: Fraction) => q.toFraction();
const EXACT = { abs: 0, why: 'none: interim utilities are exact rationals (quadratic v, rational inputs) and every LP verdict an exact certificate' };

// ---------------------------------------------------------------- allocations

/**
 * An allocation's real part as data: at profile k, (1 − mix_k/4)·x*(k) + (mix_k/4)·s(k), s(k) giving
 * agent i the share w_ki/Σ_j w_kj of ω̄ (all to agent 1 when every weight is 0); mix_k = 0 is the
 * efficient bundle. `transfers` (characterisation only): numéraire y_i(k) = ω_i^L + τ_ki with the
 * last agent's τ set so they balance.
 */
export interface AllocCase {
  economy: EconomySpec;
  weights: number[][];
  mix: number[];
  transfers?: number[][];
}

/** The real rule of a case (see AllocCase). */
export function realRule(e: Economy, c: AllocCase, star: RealRule = efficientRule(e)): RealRule {
  return star.map((row, k) => {
    const w = c.weights[k];
    const sw = w.reduce((s, v) => s + v, 0);
    const m = new Fraction(c.mix[k], 4);
    return row.map((b, i) =>
      b.map((xh, h) => {
        const share = sw === 0 ? (i === 0 ? e.total[h] : ZERO) : e.total[h].mul(w[i]).div(sw);
        return xh.mul(ONE.sub(m)).add(share.mul(m));
      }),
    );
  });
}

/** The numéraire of a case with its balanced transfers (characterisation). */
function numeraire(e: Economy, c: AllocCase): Fraction[][] {
  return profiles(e.types).map((_, k) => {
    const tau = (c.transfers?.[k] ?? []).slice(0, e.N - 1).map((v) => new Fraction(v));
    while (tau.length < e.N - 1) tau.push(ZERO);
    tau.push(tau.reduce((s, v) => s.sub(v), ZERO));
    return tau.map((v, i) => e.omega[i][e.L - 1].add(v));
  });
}

function allocArb(o: { minN: number; maxN: number; prior: 'independent' | 'correlated' | 'either'; transfers: boolean; efficientShare: number }): fc.Arbitrary<AllocCase> {
  return incentiveEconomyArb({ prior: o.prior, minN: o.minN, maxN: o.maxN, threeTypesUpToN: 3, maxL: 2 })
    .filter((s) => s.prior.length <= 16)
    .chain((s) => {
      const P = s.prior.length;
      const N = s.types.length;
      const anyMix = fc.array(fc.integer({ min: 0, max: 4 }), { minLength: P, maxLength: P });
      // efficientShare in fifths: that share of cases has the efficient real part everywhere
      const mixArb = o.efficientShare > 0 ? fc.oneof({ arbitrary: fc.constant(Array.from({ length: P }, () => 0)), weight: o.efficientShare }, { arbitrary: anyMix, weight: 5 - o.efficientShare }) : anyMix;
      return fc.record({
        economy: fc.constant(s),
        weights: fc.array(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: N, maxLength: N }), { minLength: P, maxLength: P }),
        mix: mixArb,
        ...(o.transfers ? { transfers: fc.array(fc.array(fc.integer({ min: -8, max: 8 }).map((m) => m / 4), { minLength: N, maxLength: N }), { minLength: P, maxLength: P }) } : {}),
      });
    });
}

const AllocShape = z.strictObject({
  economy: z.unknown(),
  weights: z.array(z.array(z.number().int().min(0).max(64))),
  mix: z.array(z.number().int().min(0).max(4)),
  transfers: z.array(z.array(z.number().refine(Number.isFinite, 'must be finite'))).optional(),
});

/** A saved case, validated: shapes agree with the economy's profiles and agents. */
export function decodeAllocCase(json: unknown): AllocCase {
  const r = AllocShape.safeParse(json);
  if (!r.success) throw new InputError(r.error.issues[0].path.map(String).join('.'), r.error.issues[0].message);
  const s = decodeFullSupport(r.data.economy, 'economy');
  const P = s.prior.length;
  const N = s.types.length;
  if (r.data.weights.length !== P || r.data.weights.some((w) => w.length !== N)) throw new InputError('weights', `must be ${P} rows of ${N}`);
  if (r.data.mix.length !== P) throw new InputError('mix', `must have ${P} entries`);
  if (r.data.transfers && (r.data.transfers.length !== P || r.data.transfers.some((w) => w.length !== N))) throw new InputError('transfers', `must be ${P} rows of ${N}`);
  return { economy: s, weights: r.data.weights, mix: r.data.mix, ...(r.data.transfers ? { transfers: r.data.transfers } : {}) };
}

function describeAlloc(c: AllocCase): string {
  return `${describeIncentiveEconomy(c.economy)}; real part mixes ${JSON.stringify(c.mix.map((m) => m / 4))} towards shares ${JSON.stringify(c.weights)}${c.transfers ? `, numéraire transfers ${JSON.stringify(c.transfers)}` : ''}`;
}

/** Simpler cases: the economy simplified with the profile data cut to match when profiles are unchanged, mixes rounded to 0 or 1, weights to 0/1. */
function simplifyAlloc(c: AllocCase, minN: number): AllocCase[] {
  const out: AllocCase[] = [];
  for (const s of simplifyIncentiveEconomy(c.economy, minN)) {
    if (s.types.length === c.economy.types.length && s.prior.length === c.economy.prior.length) out.push({ ...c, economy: s });
  }
  if (c.mix.some((m) => m !== 0 && m !== 4)) out.push({ ...c, mix: c.mix.map((m) => (m === 0 ? 0 : 4)) });
  if (c.weights.some((w) => w.some((v) => v > 1))) out.push({ ...c, weights: c.weights.map((w) => w.map((v) => (v > 0 ? 1 : 0))) });
  if (c.transfers?.some((r) => r.some((v) => v !== 0))) out.push({ ...c, transfers: c.transfers.map((r) => r.map(() => 0)) });
  return out;
}

/** Random feasible real parts for the improvement search: dyadic shares of ω̄ drawn from the case's rng. */
function randomCandidates(e: Economy, rng: () => number, count: number): RealRule[] {
  const P = e.prior.length;
  return Array.from({ length: count }, () =>
    Array.from({ length: P }, () => {
      const w = Array.from({ length: e.N }, () => Math.floor(rng() * 5));
      const sw = w.reduce((s, v) => s + v, 0);
      return w.map((wi, i) => Array.from({ length: e.L - 1 }, (_, h) => (sw === 0 ? (i === 0 ? e.total[h] : ZERO) : e.total[h].mul(wi).div(sw))));
    }),
  );
}

const fallbackRng = () => {
  let s = 12345;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
};

// ---------------------------------------------------------------- GR.interim-efficiency.characterisation

async function characterisationCase(c: AllocCase, rng: () => number) {
  const solver = await lpSolver();
  const e = economy(c.economy);
  const star = efficientRule(e);
  const x: Allocation = { real: realRule(e, c, star), num: numeraire(e, c) };
  const ps = profiles(e.types);
  const efficientEverywhere = ps.every((t, k) => realPartEfficientAt(e, t, x.real[k]));
  const search = searchImprovementWith(solver, e, x, [star, ...randomCandidates(e, rng, 2)]);
  return { e, x, efficientEverywhere, search };
}

const characterisation = asyncClaim<AllocCase>({
  id: 'GR.interim-efficiency.characterisation',
  paper: 'GR',
  source: 'Giraud & Rochon (2001), Definition 1 and the proof of Theorem 1 ("x* interim efficient ⇒ ex post efficient")',
  statement: 'Common prior, quasi-linear utilities, ample numéraire: an allocation is interim efficient (Definition 1) iff in every state its real part maximises Σ_i v_i(·, t_i) — both directions checked (no improvement found for efficient ones by an LP search; an explicit improvement for inefficient ones).',
  verdict: 'holds',
  tolerance: EXACT,
  input: allocArb({ minN: 3, maxN: 4, prior: 'either', transfers: true, efficientShare: 2 }),
  runs: 12,
  async property(c, ctx): Promise<CheckResult> {
    const { e, x, efficientEverywhere, search } = await characterisationCase(c, ctx.rng ?? fallbackRng());
    const numbers = { efficientEverywhere, search: search.verdict, ...(search.gain ? { totalGain: search.gain } : {}) };
    if (search.verdict === 'undecided') return { holds: true, numbers, undecided: search.why };
    if (efficientEverywhere) return { holds: search.verdict === 'none found', margin: search.verdict === 'none found' ? 1 : -1, numbers };
    // an inefficient real part: the LP's improvement, re-checked by direct interim utilities
    const ok = search.verdict === 'improvable' && feasible(e, search.improvement!) && dominates(e, search.improvement!, x);
    return { holds: ok, margin: ok ? toNumber(new Fraction(search.gain![0])) : -1, numbers: { ...numbers, improvementVerified: ok } };
  },
  async certify(c, ctx): Promise<CertifyResult> {
    // Exactly, by the welfare identity Σ_{i,t_i} Q(t_i)·U_i(x|t_i) = E[Σ_i v_i + ω̄^L]: an efficient
    // real part maximises it, so a dominating y (which raises it strictly) cannot exist; an inefficient
    // one is improved by the efficient real part with each agent's value change refunded and the
    // surplus split equally — built here by hand, checked by direct interim utilities.
    const e = economy(c.economy);
    const star = efficientRule(e);
    const x: Allocation = { real: realRule(e, c, star), num: numeraire(e, c) };
    const ps = profiles(e.types);
    const efficientEverywhere = ps.every((t, k) => realPartEfficientAt(e, t, x.real[k]));
    const num = ps.map((t, k) => {
      const dv = t.map((ti, i) => valueOf(e, i, ti, star[k][i]).sub(valueOf(e, i, ti, x.real[k][i])));
      const surplus = dv.reduce((s, v) => s.add(v), ZERO).div(e.N);
      return dv.map((d, i) => x.num[k][i].sub(d).add(surplus));
    });
    const hand: Allocation = { real: star, num };
    const handImproves = dominates(e, hand, x);
    const r = await characterisationCase(c, ctx.rng ?? fallbackRng());
    const agree = efficientEverywhere ? !handImproves && r.search.verdict === 'none found' : handImproves && r.search.verdict === 'improvable';
    return { holds: agree, numbers: { efficientEverywhere, handImproves, search: r.search.verdict }, route: 'exact rationals: the improvement by hand (efficient real part, value changes refunded, surplus split) checked by direct interim utilities, against the LP search' };
  },
  labels: (c) => {
    const e = economy(c.economy);
    const x = realRule(e, c);
    return [profiles(e.types).every((t, k) => realPartEfficientAt(e, t, x[k])) ? 'efficient real part' : 'inefficient somewhere', isIndependent(e) ? 'independent' : 'correlated'];
  },
  cover: [
    { label: 'efficient real part', min: 0.2 },
    { label: 'inefficient somewhere', min: 0.2 },
  ],
  describe: describeAlloc,
  simplify: (c) => simplifyAlloc(c, 3),
  decode: decodeAllocCase,
});

// ---------------------------------------------------------------- GR.IC-IE.nonempty

async function nonemptyCase(s: EconomySpec, rng: () => number) {
  const solver = await lpSolver();
  const e = economy(s);
  const compat = compatibilityWith(solver, e);
  if (compat.verdict !== 'holds') return { e, compat };
  const independent = isIndependent(e);
  const star = efficientRule(e);
  let theta: Fraction[][] | undefined;
  let why: string | undefined;
  if (independent) theta = agvTransfers(e);
  else {
    const lp = balancedTransfersWith(solver, e, star);
    theta = lp.theta;
    why = lp.status === 'feasible' ? undefined : `transfers LP ${lp.status}`;
  }
  if (!theta) return { e, compat, why };
  const x: Allocation = { real: star, num: theta.map((row) => row.map((v, i) => e.omega[i][e.L - 1].add(v))) };
  const search = searchImprovementWith(solver, e, x, randomCandidates(e, rng, 2));
  return { e, compat, independent, x, theta, search };
}

const nonempty = asyncClaim<EconomySpec>({
  id: 'GR.IC-IE.nonempty',
  paper: 'GR',
  source: 'Giraud & Rochon (2001), Section 4 (compatibility condition; the remark after Theorem 1) and Appendix 6.1',
  statement: 'Under the compatibility condition, the efficient real allocation with balanced BIC transfers (AGV or the LP) is incentive compatible and interim efficient — the input Theorem 1(ii) needs.',
  verdict: 'holds',
  tolerance: EXACT,
  // N = 3–4: with N = 5 deciding the premise alone takes 0.5–1.5 s (33 certified LPs of 160 columns);
  // the compatibility rows cover N = 5
  input: incentiveEconomyArb({ prior: 'either', minN: 3, maxN: 4, threeTypesUpToN: 3, maxL: 3, weightN: (N) => [3, 1][N - 3] }),
  // ≈ 0.1–1 s a case (N = 4 with three goods dominates)
  runs: 6,
  async property(s, ctx): Promise<CheckResult> {
    const r = await nonemptyCase(s, ctx.rng ?? fallbackRng());
    if (r.compat.verdict === 'undecided') return { holds: true, numbers: { compatibility: 'undecided' }, undecided: r.compat.why };
    if (r.compat.verdict === 'fails') return { holds: true, margin: 1, numbers: { compatibility: 'fails (vacuous)' } };
    if (!r.x) return { holds: false, margin: -1, numbers: { compatibility: 'holds', transfers: r.why ?? 'none' } };
    const slacks = icSlacks(r.e, r.x);
    const worst = slacks.reduce((w, v) => (v.compare(w) < 0 ? v : w), slacks[0]);
    const balanced = r.theta!.every((row) => row.reduce((a, v) => a.add(v), ZERO).n === 0n);
    const ok = feasible(r.e, r.x) && balanced && worst.compare(0) >= 0 && r.search!.verdict === 'none found';
    const numbers = { compatibility: 'holds', transfers: r.independent ? 'AGV' : 'LP', worstIcSlack: toNumber(worst), search: r.search!.verdict };
    if (r.search!.verdict === 'undecided') return { holds: true, numbers, undecided: r.search!.why };
    return { holds: ok, margin: ok ? toNumber(worst) + 1 : -1, numbers };
  },
  async certify(s, ctx): Promise<CertifyResult> {
    // IC by agv.ts's slacks (the efficient rule's interim utilities, another code path than icSlacks),
    // interim efficiency by the characterisation (real part efficient at every profile by KKT)
    const r = await nonemptyCase(s, ctx.rng ?? fallbackRng());
    if (!r.x) return { holds: r.compat.verdict !== 'holds', numbers: { compatibility: r.compat.verdict }, route: 'vacuous or no transfers' };
    const worst = bicSlacks(r.e, r.theta!).reduce((w, v) => (v.slack.compare(w) < 0 ? v.slack : w), ONE);
    const kkt = profiles(r.e.types).every((t, k) => realPartEfficientAt(r.e, t, r.x!.real[k]));
    return { holds: worst.compare(0) >= 0 && kkt, numbers: { worstBicSlack: str(worst), realPartEfficient: kkt }, route: 'exact rationals: agv.ts\'s BIC slacks of the transfers, and the real part\'s first-order conditions at every profile (interim efficiency by the characterisation)' };
  },
  labels: (s) => [isIndependent(economy(s)) ? 'independent' : 'correlated', `L=${s.omega[0].length}`],
  cover: [
    { label: 'independent', min: 0.2 },
    { label: 'correlated', min: 0.2 },
  ],
  describe: describeIncentiveEconomy,
  simplify: (s) => simplifyIncentiveEconomy(s, 3),
  decode: (json) => decodeFullSupport(json),
});

// ---------------------------------------------------------------- GR.Lemma2.interim-efficient-dominates

/** The IC allocation of a case: its real rule with the balanced transfers that maximise the smallest BIC slack. */
async function lemma2Case(c: AllocCase) {
  const solver = await lpSolver();
  const e = economy(c.economy);
  const star = efficientRule(e);
  const real = realRule(e, c, star);
  const inefficient = !profiles(e.types).every((t, k) => realPartEfficientAt(e, t, real[k]));
  const strict = strictTransfersWith(solver, e, real);
  if (strict.status !== 'optimal' || strict.slack!.compare(0) <= 0 || !inefficient) return { e, star, inefficient, strict };
  const x: Allocation = { real, num: strict.theta!.map((row) => row.map((v, i) => e.omega[i][e.L - 1].add(v))) };
  const shortfall = dominanceShortfallWith(solver, e, x, star);
  return { e, star, inefficient, strict, x, shortfall };
}

const LEMMA2_KIND = 'gr-lemma2-not-dominated';

const Lemma2Data = z.object({ input: z.unknown(), theta: z.array(z.array(z.string())), y: z.array(z.string()) });

registerCertificateKind(LEMMA2_KIND, (data) => {
  const r = Lemma2Data.safeParse(data);
  if (!r.success) return `${r.error.issues[0].path.join('.')}: ${r.error.issues[0].message}`;
  let c: AllocCase;
  let theta: Fraction[][];
  try {
    c = decodeAllocCase(r.data.input);
    theta = r.data.theta.map((row) => row.map((v) => new Fraction(v)));
  } catch (err) {
    return (err as Error).message;
  }
  const e = economy(c.economy);
  const star = efficientRule(e);
  const real = realRule(e, c, star);
  if (theta.length !== e.prior.length || theta.some((row) => row.length !== e.N)) return `theta: must be ${e.prior.length} rows of ${e.N}`;
  const x: Allocation = { real, num: theta.map((row) => row.map((v, i) => e.omega[i][e.L - 1].add(v))) };
  if (!feasible(e, x)) return 'the allocation is not ex post feasible';
  if (!icSlacks(e, x).every((v) => v.compare(0) > 0)) return 'some BIC constraint of the allocation is not strict';
  if (profiles(e.types).every((t, k) => realPartEfficientAt(e, t, real[k]))) return 'the real part is efficient everywhere (the allocation is interim efficient itself)';
  return verifyNotDominated(e, x, star, r.data.y) ? undefined : 'the Farkas vector does not verify against the dominance LP rebuilt from the case';
});

/** A neighbour: one mix or weight moved by one step, or one valuation margin moved by 1/4 (a > b·ω̄ kept). */
function mutateAlloc(c: AllocCase, rand: () => number): AllocCase {
  const pick = (n: number) => Math.floor(rand() * n);
  const P = c.mix.length;
  const N = c.economy.types.length;
  const k = pick(P);
  const what = pick(3);
  if (what === 0) {
    const mix = c.mix.slice();
    mix[k] = Math.max(0, Math.min(4, mix[k] + (rand() < 0.5 ? -1 : 1)));
    return { ...c, mix };
  }
  if (what === 1) {
    const weights = c.weights.map((w) => w.slice());
    const i = pick(N);
    weights[k][i] = Math.max(0, Math.min(4, weights[k][i] + (rand() < 0.5 ? -1 : 1)));
    return { ...c, weights };
  }
  const s = c.economy;
  const i = pick(N);
  const t = pick(s.types[i]);
  const total = s.omega.reduce((a, w) => a + w[0], 0);
  const a = s.a.map((ai) => ai.map((at) => at.slice()));
  const next = a[i][t][0] + (rand() < 0.5 ? -0.25 : 0.25);
  if (next > s.b[i][t][0] * total) a[i][t][0] = next;
  return { ...c, economy: { ...s, a } };
}

const lemma2 = asyncClaim<AllocCase>({
  id: 'GR.Lemma2.interim-efficient-dominates',
  paper: 'GR',
  source: 'Giraud & Rochon (2001), Lemma 2 and its proof (Appendix 6.3), under Definition 1',
  statement: 'Lemma 2 under Definition 1: "every IC allocation is weakly interim-dominated by an IC, interim-efficient one" — an IC allocation with every BIC constraint strict is found that no IC interim-efficient allocation dominates, with an LP (Farkas) certificate; such economies are rare, so the search is targeted. The proof works with incentive-constrained efficiency, not Definition 1.',
  verdict: 'contradicted',
  tolerance: EXACT,
  // N = 3, two types each, one real good: ~25 ms a case; measured 2 of 211 IC cases not dominated
  input: allocArb({ minN: 3, maxN: 3, prior: 'either', transfers: false, efficientShare: 0 }).filter((c) => c.economy.types.every((k) => k === 2)),
  runs: 60,
  search: { mutate: (c, rand) => mutateAlloc(c, rand), budget: 600 },
  async property(c): Promise<CheckResult> {
    const r = await lemma2Case(c);
    const slack = r.strict.status === 'optimal' ? toNumber(r.strict.slack!) : null;
    if (!r.x) return { holds: true, margin: 1, numbers: { vacuous: !r.inefficient ? 'real part efficient everywhere' : 'no strictly IC balanced transfers', strictSlack: slack } };
    if (r.shortfall!.status !== 'optimal') return { holds: true, numbers: { strictSlack: slack }, undecided: r.shortfall!.why };
    const [lo, hi] = r.shortfall!.shortfall!;
    // Lemma 2 holds on x iff the shortfall is ≤ 0 (a dominating IC interim-efficient allocation exists)
    if (lo.compare(0) <= 0 && hi.compare(0) > 0) return { holds: true, numbers: { strictSlack: slack }, undecided: `shortfall in [${str(lo)}, ${str(hi)}]` };
    return { holds: hi.compare(0) <= 0, margin: -toNumber(lo), numbers: { strictSlack: slack, shortfall: toNumber(lo) } };
  },
  async certify(c): Promise<CertifyResult> {
    const r = await lemma2Case(c);
    if (!r.x) return { holds: true, numbers: {}, route: 'vacuous' };
    const solver = await lpSolver();
    const d = dominatedWith(solver, r.e, r.x, r.star);
    const icStrict = icSlacks(r.e, r.x).every((v) => v.compare(0) > 0);
    const ok = d.status === 'not dominated' && icStrict && verifyNotDominated(r.e, r.x, r.star, d.farkas!.y);
    return {
      holds: !ok,
      numbers: { dominance: d.status, icStrict, ...(ok ? { farkasBound: d.farkas!.bound } : {}) },
      route: 'exact rationals: the allocation\'s BIC slacks from Definition 1 directly (all > 0), and the Farkas vector of the feasibility LP "an IC interim-efficient allocation weakly dominates x" (efficient real part, balanced BIC transfers) verified against the LP rebuilt from the case',
      ...(ok ? { certificate: { kind: LEMMA2_KIND, data: { input: c as unknown as Json, theta: r.strict.theta!.map((row) => row.map(str)), y: d.farkas!.y } } } : {}),
    };
  },
  labels: (c) => [isIndependent(economy(c.economy)) ? 'independent' : 'correlated'],
  cover: [{ label: 'independent', min: 0.2 }],
  describe: (c) => `${describeAlloc(c)}: IC with every BIC constraint strict, and no IC interim-efficient allocation weakly dominates it`,
  simplify: (c) => simplifyAlloc(c, 3),
  decode: decodeAllocCase,
});

/** The interim rows, in the order of the brief. */
export const grInterimClaims: readonly AnyClaim<any>[] = [nonempty, characterisation, lemma2];
