/**
 * Giraud & Rochon (2001), proof of Theorem 1: the contract that plays the Walrasian allocation
 * through the game form (holds), and two deviations from it the proof overlooks — a unilateral
 * short sale (so the Walrasian profile is not a Nash equilibrium of the game form) and a pair
 * quoting different prices to each other (so the contract is not strong collusion-proof): both
 * findings, searched for, shrunk and certified in exact rationals; the proof's arbitrage step
 * (holds, with ψ_j = 2(ω̄ − ω_j) where the paper prints ω̄ − ω_j); Lemma 1's fully revealing prices
 * on generic interior economies; and type-independent endowments as exact linear algebra.
 *
 * Routes: the property runs the model (contract.ts, outcome.ts); certification recomputes every
 * budget (1) and net trade from their definitions here, checks the outcome as the projection onto F
 * by the variational inequality at F's vertices (not by outcome.ts's sorting), and values bundles
 * by economy.ts's v plus the numéraire.
 */
import { claim } from '../../src/claims/registry.ts';
import { registerCertificateKind } from '../../src/claims/certificates.ts';
import type { AnyClaim, Certificate, CertifyResult, CheckResult } from '../../src/claims/types.ts';
import { economy, efficientAllocation, profiles, valueOf, type Economy, type EconomySpec } from '../../src/models/giraud-rochon/economy.ts';
import { exchangeableAgents, identicalTypes, separation } from '../../src/models/giraud-rochon/revealing.ts';
import { columnOf, kernel, premiseMatrix, typeDependentAgents } from '../../src/models/giraud-rochon/endowments.ts';
import { decodeEconomy } from './claims-agv.ts';
import { arbitrageScene, contractProfile, deviate, gains, walrasian, type MemberDeviation } from '../../src/models/giraud-rochon/contract.ts';
import { outcome, type Profile } from '../../src/models/giraud-rochon/outcome.ts';
import { Fraction, toNumber } from '../../src/numeric/rational.ts';
import { projectionViolation } from './claims-outcome.ts';
import {
  arbitrageArb,
  decodeArbitrageCase,
  simplifyArbitrageCase,
  type ArbitrageCase,
  decodeDeviationCase,
  decodeStateCase,
  decodeEndowmentCase,
  describeMember,
  endowmentCaseArb,
  genericEconomyArb,
  type EndowmentCase,
  describeStateCase,
  mutateDeviationCase,
  pairArb,
  simplifyDeviationCase,
  stateCaseArb,
  unilateralArb,
  type DeviationCase,
  type StateCase,
} from './contract-cases.ts';

const ZERO = new Fraction(0);
const EXACT = { abs: 0, why: 'none: the Walrasian allocation, the contract, budgets (1), the projection and payoffs are exact rationals from dyadic inputs (quadratic v), compared exactly; a gain counts only when > 0 exactly' };
const frac = (q: Fraction) => q.toFraction();
const stateOf = (c: StateCase) => profiles(c.economy.types)[c.state];

/** Whether the prior is the product of its marginals: the marginals summed once (economy.ts's isIndependent re-sums them per profile). */
function independent(e: Economy): boolean {
  const ps = profiles(e.types);
  const marg = e.types.map((k) => Array.from({ length: k }, () => ZERO));
  ps.forEach((t, idx) => t.forEach((ti, i) => (marg[i][ti] = marg[i][ti].add(e.prior[idx]))));
  return ps.every((t, idx) => e.prior[idx].equals(t.reduce((q, ti, i) => q.mul(marg[i][ti]), new Fraction(1))));
}

// ---------------------------------------------------------------- the independent route

/**
 * The outcome re-derived from the definitions of Section 2.2: budget (1) and ψ by their sums (each
 * trade at the partner's quote, exact solvency), and a proposed φ accepted only if it is the
 * projection of e + ψ onto F — the variational inequality at every vertex of F per good.
 */
function rederive(p: Profile, phi: readonly (readonly Fraction[])[]) {
  const N = p.quotes.length;
  const L = p.endowments[0].length;
  const solvent: boolean[] = [];
  const y: Fraction[][] = [];
  const nets: Fraction[][] = [];
  for (let i = 0; i < N; i++) {
    let lhs = ZERO;
    const net = Array.from({ length: L }, () => ZERO);
    for (let j = 0; j < N; j++) {
      if (j === i) continue;
      for (let h = 0; h < L; h++) {
        const d = p.demands[i][j][h].sub(p.demands[j][i][h]);
        lhs = lhs.add(p.quotes[j][h].mul(d));
        net[h] = net[h].add(d);
      }
    }
    const ok = lhs.compare(p.transfers?.[i] ?? 0) <= 0;
    solvent.push(ok);
    nets.push(net);
    y.push(p.endowments[i].map((e, h) => (ok ? e.add(net[h]) : ZERO)));
  }
  const E = Array.from({ length: L }, (_, h) => p.endowments.reduce((s, e) => s.add(e[h]), ZERO));
  const isProjection = E.every((Eh, h) => projectionViolation(y.map((r) => r[h]), phi.map((r) => r[h]), Eh).compare(0) <= 0);
  return { solvent, y, net: nets, isProjection };
}

/** u_i by economy.ts's v plus the numéraire (not contract.ts's utility). */
const u = (e: Economy, i: number, ti: number, x: readonly Fraction[]) => valueOf(e, i, ti, x).add(x[e.L - 1]);

// ---------------------------------------------------------------- GR.Thm1.contract

function contractCase(c: StateCase) {
  const e = economy(c.economy);
  const t = stateOf(c);
  const { p, x } = walrasian(e, t);
  const profile = contractProfile(e, t);
  return { e, t, p, x, profile, o: outcome(profile, 0) };
}

const contract = claim<StateCase>({
  id: 'GR.Thm1.contract',
  paper: 'GR',
  source: 'Giraud & Rochon (2001), proof of Theorem 1 (the contract μ̄_I: quotes p*(m), demands (x_i*(m) − ω_i(m_i))/N, e_i = ω_i)',
  statement: 'The contract of the proof of Theorem 1 — everyone quotes p*(m), demands (x_i*(m) − ω_i(m_i))/N from each other player, announces e_i = ω_i — keeps every player solvent and yields φ = x*(m) exactly (complete information: the Walrasian allocation), certified in exact rationals.',
  verdict: 'holds',
  tolerance: EXACT,
  input: stateCaseArb(),
  runs: 60,
  property(c): CheckResult {
    const r = contractCase(c);
    // the premise: x* in the consumption set (ample numéraire, the remark after Theorem 1)
    if (r.x.some((xi) => xi.some((v) => v.compare(0) < 0))) return { holds: true, numbers: {}, undecided: 'a Walrasian bundle has negative numéraire: outside the premise (ample numéraire)' };
    const solvent = r.o.solvent.every(Boolean);
    const binding = r.o.budget.every((b) => b.n === 0n);
    const equal = r.o.phi.every((phi, i) => phi.every((v, h) => v.equals(r.x[i][h])));
    const minNumeraire = Math.min(...r.x.map((xi) => toNumber(xi[r.e.L - 1])));
    return { holds: solvent && equal, margin: solvent && equal ? minNumeraire : -1, numbers: { solvent: r.o.solvent, budgetsBind: binding, phiIsXStar: equal, prices: r.p.map(toNumber), minNumeraire } };
  },
  certify(c): CertifyResult {
    const r = contractCase(c);
    const d = rederive(r.profile, r.x);
    const ok = d.solvent.every(Boolean) && d.isProjection;
    return {
      holds: ok,
      numbers: { solvent: d.solvent, xStarIsTheProjection: d.isProjection },
      route: 'exact rationals: budgets (1) and net trades summed from their definitions, x* checked as the projection of e + ψ onto F by the variational inequality at every vertex of F',
    };
  },
  labels: (c) => {
    const e = economy(c.economy);
    const { x } = walrasian(e, stateOf(c));
    return [`N=${e.N}`, `L=${e.L}`, x.some((xi) => xi.slice(0, -1).some((v) => v.n === 0n)) ? 'a corner' : 'interior', independent(e) ? 'independent' : 'correlated'];
  },
  cover: [
    // measured on 400 cases: a corner 62 %, interior 39 %, correlated 51 %, L = 3 51 %
    { label: 'a corner', min: 0.3 },
    { label: 'interior', min: 0.2 },
    { label: 'correlated', min: 0.3 },
    { label: 'L=3', min: 0.3 },
  ],
  describe: describeStateCase,
  decode: decodeStateCase,
});

// ---------------------------------------------------------------- the deviations

function deviationCase(c: DeviationCase) {
  const e = economy(c.economy);
  const t = stateOf(c);
  const profile = deviate(e, t, c.deviation);
  const g = gains(e, t, profile);
  const y = g.outcome.psi.map((psi, i) => profile.endowments[i].map((v, h) => v.add(psi[h])));
  const ample = walrasian(e, t).x.every((xi) => xi.every((v) => v.compare(0) >= 0));
  return { e, t, profile, gain: g.gain, o: g.outcome, y, ample };
}

/** The deviation's payoffs and outcome re-derived by the independent route; null when φ is not the projection. */
function rederivedGains(c: DeviationCase) {
  const e = economy(c.economy);
  const t = stateOf(c);
  const profile = deviate(e, t, c.deviation);
  const phi = outcome(profile, 0).phi; // a proposal only: accepted below by the variational inequality
  const d = rederive(profile, phi);
  const { x } = walrasian(e, t);
  const gain = phi.map((f, i) => u(e, i, t[i], f).sub(u(e, i, t[i], x[i])));
  // the premise of the contract: every Walrasian bundle in the consumption set (ample numéraire)
  const ample = x.every((xi) => xi.every((v) => v.compare(0) >= 0));
  return { e, profile, phi, d, gain, ample, x };
}

/**
 * Every player's bundle before (the Walrasian allocation x*(t), where the contract leaves them)
 * and after the deviation (φ), exactly: the report draws it as a before/after table.
 */
function bundles(r: ReturnType<typeof rederivedGains>, deviators: readonly number[]) {
  const L = r.x[0].length;
  return {
    goods: Array.from({ length: L }, (_, h) => (h === L - 1 ? 'numéraire' : `good ${h + 1}`)),
    before: 'x*(t), the contract\'s Walrasian bundle',
    after: 'φ after the deviation',
    rows: r.x.map((xi, i) => ({
      who: `player ${i + 1}${deviators.includes(i) ? ' (deviates)' : ''}`,
      before: xi.map(frac),
      after: r.phi[i].map(frac),
      gain: frac(r.gain[i]),
    })),
  };
}

// ---------------------------------------------------------------- GR.WE.nash

const SHORT_SALE_KIND = 'gr-short-sale-exact';

/** A unilateral deviation that gains: re-derived from the saved economy, state and deviation. */
function shortSale(c: DeviationCase) {
  const r = rederivedGains(c);
  const i = c.deviation[0].player;
  const short = r.d.y[i].findIndex((v) => v.compare(0) < 0);
  const ok = c.deviation.length === 1 && r.ample && r.d.isProjection && r.d.solvent[i] && r.gain[i].compare(0) > 0 && short >= 0;
  return { ...r, i, short, ok };
}

registerCertificateKind(SHORT_SALE_KIND, (data) => {
  const s = shortSale(decodeDeviationCase(data));
  if (!s.ample) return 'a Walrasian bundle has negative numéraire (the contract\'s premise fails)';
  if (!s.d.isProjection) return 'the outcome is not the projection of e + ψ onto F';
  if (!s.d.solvent[s.i]) return 'the deviator is bankrupt';
  if (s.gain[s.i].compare(0) <= 0) return 'the deviator does not gain';
  if (s.short < 0) return 'the deviator sells no more than it holds';
  return undefined;
});

const weNash = claim<DeviationCase>({
  id: 'GR.WE.nash',
  paper: 'GR',
  source: 'Giraud & Rochon (2001), proof of Theorem 1 ("a Walrasian equilibrium of E_t is a Nash equilibrium of a complete information game", citing [13])',
  statement: '"At a Walrasian equilibrium, the profile of GR.Thm1.contract is a Nash equilibrium of the game form" (proof of Theorem 1, citing [13]): a unilateral short sale — selling more of a good than one holds at the common quote — keeps the seller solvent while proj_F lifts the negative holding to 0 and charges the shortfall to the others, so it gains; certified in exact rationals.',
  verdict: 'contradicted',
  tolerance: EXACT,
  input: unilateralArb(),
  runs: 60,
  property(c): CheckResult {
    const r = deviationCase(c);
    if (!r.ample) return { holds: true, numbers: {}, undecided: 'a Walrasian bundle has negative numéraire: outside the premise (ample numéraire)' };
    const i = c.deviation[0].player;
    const gain = r.gain[i];
    return {
      holds: gain.compare(0) <= 0,
      margin: -toNumber(gain),
      numbers: { deviator: i + 1, gain: toNumber(gain), solvent: r.o.solvent, shortIn: r.y[i].flatMap((v, h) => (v.compare(0) < 0 ? [h + 1] : [])), theta: r.o.theta.map(toNumber) },
    };
  },
  certify(c): CertifyResult {
    const s = shortSale(c);
    return {
      holds: !s.ok,
      numbers: { deviator: s.i + 1, gain: frac(s.gain[s.i]), shortInGood: s.short + 1, holding: s.short >= 0 ? frac(s.d.y[s.i][s.short]) : '', projection: s.d.isProjection, bundles: bundles(s, [s.i]) },
      route: 'exact rationals: budgets (1) and ψ from their definitions, φ accepted as the projection by the variational inequality at F\'s vertices, payoffs by v plus numéraire',
      certificate: { kind: SHORT_SALE_KIND, data: c as unknown as Certificate['data'] },
    };
  },
  labels: (c) => {
    const r = deviationCase(c);
    const i = c.deviation[0].player;
    return [r.y[i].some((v) => v.compare(0) < 0) ? 'short sale' : 'no short sale', r.o.solvent.every(Boolean) ? 'all solvent' : 'someone bankrupt'];
  },
  cover: [{ label: 'no short sale', min: 0.2 }], // measured 48 % of 400 cases
  search: { mutate: mutateDeviationCase, budget: 80 },
  describe: (c) => {
    const s = shortSale(c);
    const good = (h: number) => (h === c.economy.omega[0].length - 1 ? 'the numéraire' : `good ${h + 1}`);
    const holding = s.short >= 0 ? `: short, holds ${frac(s.d.y[s.i][s.short])} of ${good(s.short)} before proj_F lifts it to 0` : '';
    return `${describeStateCase(c)}; ${describeMember(c.deviation[0])}${holding}; gain ${frac(s.gain[s.i])}`;
  },
  simplify: simplifyDeviationCase,
  decode: decodeDeviationCase,
});

// ---------------------------------------------------------------- GR.Thm1.strong-collusion-proof

const PAIR_KIND = 'gr-pair-collusion-exact';

/** A pair's deviation that both members gain from, nobody bankrupt, no projection, an outsider paying. */
function pairCollusion(c: DeviationCase) {
  const r = rederivedGains(c);
  const members = c.deviation.map((m) => m.player);
  const allSolvent = r.d.solvent.every(Boolean);
  const noProjection = r.d.y.every((yi, i) => yi.every((v, h) => v.compare(0) >= 0 && v.equals(r.phi[i][h])));
  const bothGain = members.every((i) => r.gain[i].compare(0) > 0);
  const loser = r.gain.findIndex((g, k) => !members.includes(k) && g.compare(0) < 0);
  const [i, j] = members;
  const quotesDiffer = members.length === 2 && r.profile.quotes[i].some((v, h) => !v.equals(r.profile.quotes[j][h]));
  const ok = members.length === 2 && r.ample && r.d.isProjection && allSolvent && noProjection && bothGain && loser >= 0 && quotesDiffer;
  return { ...r, members, allSolvent, noProjection, bothGain, loser, quotesDiffer, ok };
}

registerCertificateKind(PAIR_KIND, (data) => {
  const s = pairCollusion(decodeDeviationCase(data));
  if (s.members.length !== 2) return 'not a pair';
  if (!s.ample) return 'a Walrasian bundle has negative numéraire (the contract\'s premise fails)';
  if (!s.d.isProjection) return 'the outcome is not the projection of e + ψ onto F';
  if (!s.allSolvent) return 'someone is bankrupt';
  if (!s.noProjection) return 'the projection moves someone';
  if (!s.bothGain) return 'a member does not gain';
  if (s.loser < 0) return 'no outsider loses';
  if (!s.quotesDiffer) return 'the pair quotes the same prices';
  return undefined;
});

const strongCollusionProof = claim<DeviationCase>({
  id: 'GR.Thm1.strong-collusion-proof',
  paper: 'GR',
  source: 'Giraud & Rochon (2001), Theorem 1 and its proof (no coalition has an improvement upon the contract); budget (1)',
  statement: '"The contract of the proof of Theorem 1 is strong collusion-proof": beyond the singleton short sale, a pair of players quoting different prices to each other (budget (1) values a trade at the partner\'s quote) both gain at an outsider\'s expense with no bankruptcy and no projection; certified in exact rationals.',
  verdict: 'contradicted',
  tolerance: EXACT,
  input: pairArb(),
  runs: 80,
  property(c): CheckResult {
    const r = deviationCase(c);
    if (!r.ample) return { holds: true, numbers: {}, undecided: 'a Walrasian bundle has negative numéraire: outside the premise (ample numéraire)' };
    const members = c.deviation.map((m) => m.player);
    const bankrupt = r.o.solvent.filter((s) => !s).length;
    const projected = r.y.some((yi, i) => yi.some((v, h) => !v.equals(r.o.phi[i][h])));
    const least = members.reduce((m, i) => (r.gain[i].compare(m) < 0 ? r.gain[i] : m), r.gain[members[0]]);
    // a finding needs both members to gain with nobody bankrupt and nothing projected; short of
    // that, the margin says how far: the smaller gain, pushed up by bankruptcies and projection
    const clean = bankrupt === 0 && !projected;
    const found = clean && least.compare(0) > 0;
    return {
      holds: !found,
      margin: -toNumber(least) + (clean ? 0 : 1 + bankrupt),
      numbers: { members: members.map((i) => i + 1), gains: members.map((i) => toNumber(r.gain[i])), bankrupt, projected, outsiders: r.gain.flatMap((g, k) => (members.includes(k) ? [] : [toNumber(g)])) },
    };
  },
  certify(c): CertifyResult {
    const s = pairCollusion(c);
    return {
      holds: !s.ok,
      numbers: { gains: s.members.map((i) => frac(s.gain[i])), loser: s.loser + 1, loss: s.loser >= 0 ? frac(s.gain[s.loser]) : '', allSolvent: s.allSolvent, noProjection: s.noProjection, quotesDiffer: s.quotesDiffer, bundles: bundles(s, s.members) },
      route: 'exact rationals: budgets (1) and ψ from their definitions, φ = e + ψ accepted by the variational inequality at F\'s vertices, payoffs by v plus numéraire',
      certificate: { kind: PAIR_KIND, data: c as unknown as Certificate['data'] },
    };
  },
  labels: (c) => {
    const r = deviationCase(c);
    const [i, j] = c.deviation.map((m) => m.player);
    return [r.profile.quotes[i].every((v, h) => v.equals(r.profile.quotes[j][h])) ? 'same quotes' : 'quotes differ', r.o.solvent.every(Boolean) ? 'all solvent' : 'someone bankrupt'];
  },
  cover: [{ label: 'quotes differ', min: 0.5 }], // measured 78 % of 400 cases
  search: { mutate: mutateDeviationCase, budget: 120 },
  describe: (c) => {
    const s = pairCollusion(c);
    const q = s.members.map((i) => `p_${i + 1} = (${s.profile.quotes[i].map(frac).join(', ')})`).join(', ');
    return `${describeStateCase(c)}; ${c.deviation.map(describeMember).join('; ')} [${q}]: gains ${s.members.map((i) => frac(s.gain[i])).join(' and ')}${s.loser >= 0 ? `, player ${s.loser + 1} loses ${frac(s.gain[s.loser].neg())}` : ''}`;
  },
  simplify: simplifyDeviationCase,
  decode: decodeDeviationCase,
});

// ---------------------------------------------------------------- GR.Thm1.arbitrage

function arbitrageCase(c: ArbitrageCase) {
  const e = economy(c.economy);
  const t = stateOf(c);
  const scene = arbitrageScene(e, t, c);
  const o = outcome(scene.profile, 0);
  return { e, t, ...scene, o };
}

const arbitrageStep = claim<ArbitrageCase>({
  id: 'GR.Thm1.arbitrage',
  paper: 'GR',
  source: 'Giraud & Rochon (2001), proof of Theorem 1 (j\'s strategy against p_{i_o}^h < p*^h, the thresholds W*^h and Ỹ*^h, "straightforward calculations show")',
  statement: 'In the proof\'s arbitrage step: j ∈ S∖{i_o} (a coalition member) and i ∉ S quoting p*; if i_o quotes p_{i_o}^h < p*^h, then for p_j^h > 0 and z*^h large enough j stays solvent, i is bankrupt and φ_j = ω̄ (the paper\'s intermediate ψ_j = ω̄ − ω_j is in fact 2(ω̄ − ω_j); the conclusion holds through proj_F).',
  verdict: 'holds',
  tolerance: EXACT,
  input: arbitrageArb(),
  runs: 60,
  property(c): CheckResult {
    const r = arbitrageCase(c);
    const [io, j, i] = c.roles;
    const twice = r.e.total.map((v, h) => v.sub(r.e.omega[j][h]).mul(2));
    const psiTwice = r.o.psi[j].every((v, h) => v.equals(twice[h]));
    const psiAsPrinted = r.o.psi[j].every((v, h) => v.equals(r.e.total[h].sub(r.e.omega[j][h])));
    const allToJ = r.o.phi.every((phi, k) => phi.every((v, h) => v.equals(k === j ? r.e.total[h] : ZERO)));
    const holds = r.o.solvent[j] && !r.o.solvent[i] && psiTwice && allToJ;
    return {
      holds,
      margin: holds ? toNumber(r.zStar) : -1,
      numbers: { jSolvent: r.o.solvent[j], iBankrupt: !r.o.solvent[i], ioSolvent: r.o.solvent[io], psiJIsTwice: psiTwice, psiJAsPrinted: psiAsPrinted, phiJIsTotal: allToJ, zStar: toNumber(r.zStar), W: toNumber(r.W), Y: toNumber(r.Y) },
    };
  },
  certify(c): CertifyResult {
    const r = arbitrageCase(c);
    const [, j, i] = c.roles;
    const claimed = r.e.omega.map((_, k) => (k === j ? r.e.total : r.e.total.map(() => ZERO)));
    const d = rederive(r.profile, claimed);
    const twice = d.net[j].every((v, h) => v.equals(r.e.total[h].sub(r.e.omega[j][h]).mul(2)));
    return {
      holds: d.solvent[j] && !d.solvent[i] && twice && d.isProjection,
      numbers: { jSolvent: d.solvent[j], iBankrupt: !d.solvent[i], psiJIsTwice: twice, omegaBarToJIsTheProjection: d.isProjection },
      route: 'exact rationals: budgets (1) and j\'s net trade summed from their definitions; (ω̄ to j, 0 to the others) checked as the projection of e + ψ onto F by the variational inequality at F\'s vertices',
    };
  },
  labels: (c) => {
    const r = arbitrageCase(c);
    const [io] = c.roles;
    return [`N=${r.e.N}`, r.o.solvent[io] ? 'i_o solvent' : 'i_o bankrupt', c.others.length > 1 ? 'others act too' : 'only i_o acts', r.W.compare(r.Y) > 0 ? 'W binds' : 'Ỹ binds'];
  },
  cover: [
    // measured on 400 cases: N = 5 30 %, others act 42 %, W binds 48 %, Ỹ binds 53 % (i_o is always solvent: j's demand on it is large)
    { label: 'N=5', min: 0.15 },
    { label: 'others act too', min: 0.2 },
    { label: 'W binds', min: 0.25 },
    { label: 'Ỹ binds', min: 0.25 },
  ],
  describe: (c) => `${describeStateCase(c)}; i_o = ${c.roles[0] + 1} quotes p*^${c.h + 1} − ${c.under}, j = ${c.roles[1] + 1} quotes (${c.pj.join(', ')}), i = ${c.roles[2] + 1}; ${c.others.length - 1} other player(s) act; z* = max(W, Ỹ, 0) + ${c.extra}`,
  simplify: simplifyArbitrageCase,
  decode: decodeArbitrageCase,
});

// ---------------------------------------------------------------- GR.Lemma1.revealing-prices

/** λ(t) by the interior closed form λ_h = (Σ_i a_i/b_i − ω̄^h)/Σ_i 1/b_i, with every x_i^h = (a_i − λ_h)/b_i > 0 checked (null at a corner). */
function interiorPrices(e: Economy): Fraction[][] | null {
  const out: Fraction[][] = [];
  for (const t of profiles(e.types)) {
    const lam: Fraction[] = [];
    for (let h = 0; h < e.L - 1; h++) {
      let S = ZERO;
      let R = ZERO;
      t.forEach((ti, i) => {
        S = S.add(e.a[i][ti][h].div(e.b[i][ti][h]));
        R = R.add(new Fraction(1).div(e.b[i][ti][h]));
      });
      const l = S.sub(e.total[h]).div(R);
      if (t.some((ti, i) => e.a[i][ti][h].compare(l) <= 0)) return null;
      lam.push(l);
    }
    out.push(lam);
  }
  return out;
}

function revealingCase(s: EconomySpec) {
  const e = economy(s);
  const identical = identicalTypes(e);
  const exchangeable = exchangeableAgents(e);
  const exception = identical.length > 0 || exchangeable.length > 0;
  const sep = separation(e);
  const corner = profiles(e.types).some((t) => efficientAllocation(e, t).x.some((xi) => xi.some((v) => v.compare(0) <= 0)));
  // generic: injective (gap > 0); an agent with two identical types, or two agents with the same
  // types (swapping them), is non-generic: two states share their prices (gap = 0)
  const holds = exception ? sep.gap.n === 0n : sep.gap.n !== 0n;
  return { e, identical, exchangeable, exception, sep, corner, holds };
}

const revealingPrices = claim<EconomySpec>({
  id: 'GR.Lemma1.revealing-prices',
  paper: 'GR',
  source: 'Giraud & Rochon (2001), Lemma 1 and its proof (Appendix 6.2); used in the proof of Theorem 1 ("prices are fully revealing")',
  statement: 'For generated generic utilities, t ↦ p*(t) is injective (fully revealing prices), with the separation margin reported; two types with identical v are the non-generic exception (Lemma 1).',
  // (so are two agents with the same pair of types: swapping them keeps every price — checked as an exception too)
  verdict: 'holds',
  tolerance: { abs: 0, why: 'none: prices are exact rationals and injectivity is decided exactly (a separation of 0 is a collision); utilities are drawn with 2^−20 resolution so an accidental collision is negligible' },
  input: genericEconomyArb(),
  runs: 60,
  property(s): CheckResult {
    const r = revealingCase(s);
    // Lemma 1's Ỹ holds interior optima (∇u_i = λ∇u_j): a corner is outside it (the generator avoids them)
    if (r.corner) return { holds: true, numbers: {}, undecided: 'an efficient allocation at a corner: outside Lemma 1 (interior Pareto optima)' };
    const gap = toNumber(r.sep.gap);
    return {
      holds: r.holds,
      margin: r.exception ? (r.holds ? 1 : -1) : gap,
      numbers: { separation: gap, closestStates: r.sep.pair, identicalTypesOf: r.identical.map((i) => i + 1), exchangeable: r.exchangeable.map(([i, j]) => `${i + 1}~${j + 1}`), states: 2 ** r.e.N },
    };
  },
  certify(s): CertifyResult {
    const e = economy(s);
    const prices = interiorPrices(e);
    if (!prices) return { holds: true, numbers: {}, undecided: 'a corner: the interior closed form does not apply', route: 'interior closed form' };
    const sep = separation(e, prices);
    const identical = identicalTypes(e);
    const exception = identical.length > 0 || exchangeableAgents(e).length > 0;
    return {
      holds: exception ? sep.gap.n === 0n : sep.gap.n !== 0n,
      numbers: { separation: frac(sep.gap), closestStates: sep.pair, identicalTypesOf: identical.map((i) => i + 1) },
      route: 'exact rationals: λ(t) by the interior closed form (Σ a_i/b_i − ω̄)/Σ 1/b_i with every holding checked positive, not by water-filling',
    };
  },
  labels: (s) => {
    const e = economy(s);
    return [identicalTypes(e).length > 0 ? 'identical types (non-generic)' : exchangeableAgents(e).length > 0 ? 'exchangeable agents (non-generic)' : 'generic', `N=${e.N}`, `L=${e.L}`];
  },
  cover: [
    // measured on 400 cases: generic 75 %, identical types 25 %, L = 3 50 %
    { label: 'generic', min: 0.5 },
    { label: 'identical types (non-generic)', min: 0.1 },
    { label: 'L=3', min: 0.3 },
  ],
  describe: (s) => {
    const r = revealingCase(s);
    const ps = profiles(s.types);
    const st = (k: number) => `(${ps[k].map((v) => v + 1).join(', ')})`;
    const why = r.identical.length ? `agent(s) ${r.identical.map((i) => i + 1).join(', ')} with identical types; ` : r.exchangeable.length ? `agents ${r.exchangeable[0][0] + 1} and ${r.exchangeable[0][1] + 1} exchangeable; ` : '';
    return `N = ${r.e.N}, L = ${r.e.L}; a ${JSON.stringify(s.a)}, b ${JSON.stringify(s.b)}, ω ${JSON.stringify(s.omega)}: ${why}closest states ${st(r.sep.pair[0])} and ${st(r.sep.pair[1])}, separation ${frac(r.sep.gap)}`;
  },
  decode: decodeEconomy,
});

// ---------------------------------------------------------------- GR.endowments.type-independent

function endowmentCase(c: EndowmentCase) {
  const support = c.prior.map((w) => w > 0);
  const cols = c.types.reduce((a, k) => a + k, 0) + 1;
  const k = kernel(premiseMatrix(c.types, support), cols);
  const dependent = k.basis.filter((v) => typeDependentAgents(c.types, v).length > 0);
  // every basis vector solves the premise at every supported profile (Σ_i d_i(t_i) = c, exactly)
  const solves = k.basis.every((v) => profiles(c.types).every((t, idx) => !support[idx] || t.reduce((a, ti, i) => a.add(v[columnOf(c.types, i, ti)]), ZERO).equals(v[cols - 1])));
  return { support, full: support.every(Boolean), cols, ...k, dependent, solves };
}

/**
 * The proof route: for every agent i and type s there are two supported profiles that differ only in
 * i's type (0 against s), so any premise solution has d_i(s) = d_i(0). True on a full support.
 */
function differencesConnect(c: EndowmentCase, support: readonly boolean[]): boolean {
  const ps = profiles(c.types);
  const index = new Map(ps.map((t, k) => [t.join(','), k]));
  return c.types.every((n, i) =>
    Array.from({ length: n - 1 }, (_, s) => s + 1).every((s) =>
      ps.some((t, k) => t[i] === 0 && support[k] && support[index.get(t.map((v, j) => (j === i ? s : v)).join(','))!]),
    ),
  );
}

const typeIndependent = claim<EndowmentCase>({
  id: 'GR.endowments.type-independent',
  paper: 'GR',
  source: 'Giraud & Rochon (2001), Section 2.1 and Definition 1 (ex post feasibility with Σ_i ω_i(t_i) independent of t; footnote 3, ω_i(t_i) ≠ 0)',
  statement: 'On a product type space with full-support prior, Σ_i ω_i(t_i) constant in t forces every ω_i to be type-independent (a constraint the generators respect).',
  verdict: 'holds',
  tolerance: { abs: 0, why: 'none: the rank and kernel are computed by Gauss–Jordan elimination in exact rationals' },
  input: endowmentCaseArb(),
  runs: 80,
  property(c): CheckResult {
    const r = endowmentCase(c);
    const N = c.types.length;
    // full support: the solutions of Σ_i d_i(t_i) = c are exactly the type-constant d (N free constants)
    const holds = r.solves && (!r.full || (r.dependent.length === 0 && r.basis.length === N));
    return {
      holds,
      margin: holds ? 1 : -1,
      numbers: { fullSupport: r.full, unknowns: r.cols, rank: r.rank, kernelDimension: r.basis.length, agents: N, typeDependentSolutions: r.dependent.length, basisSolves: r.solves },
    };
  },
  certify(c): CertifyResult {
    const support = c.prior.map((w) => w > 0);
    const full = support.every(Boolean);
    const connected = differencesConnect(c, support);
    return {
      holds: !full || connected,
      numbers: { fullSupport: full, differencesConnect: connected },
      route: 'the proof: for each agent and type, two supported profiles differing only in that type force d_i(s) = d_i(0) (no elimination)',
    };
  },
  labels: (c) => {
    const r = endowmentCase(c);
    return [r.full ? 'full support' : 'support not full', c.types.some((k) => k === 1) ? 'a single-type agent' : 'every agent has 2+ types', c.types.some((k) => k === 3) ? 'an agent with 3 types' : 'at most 2 types', ...(r.full ? [] : [r.dependent.length > 0 ? 'off the premise: a type-dependent solution' : 'off the premise: still type-independent'])];
  },
  cover: [
    // measured on 400 cases: full support 72 %, an agent with 3 types 71 %, every agent with 2+ types 51 %
    // (off the premise, a type-dependent solution in 3 %: a missing profile rarely disconnects a type)
    { label: 'full support', min: 0.5 },
    { label: 'an agent with 3 types', min: 0.5 },
    { label: 'every agent has 2+ types', min: 0.3 },
  ],
  describe: (c) => {
    const r = endowmentCase(c);
    const missing = profiles(c.types).filter((_, k) => !r.support[k]).map((t) => `(${t.map((v) => v + 1).join(', ')})`);
    const v = r.dependent[0];
    const example = v ? `; e.g. ${c.types.map((n, i) => `d_${i + 1} = (${Array.from({ length: n }, (_, s) => frac(v[columnOf(c.types, i, s)])).join(', ')})`).join(', ')}` : '';
    return `|T_i| = (${c.types.join(', ')}), ${r.full ? 'full support' : `support missing ${missing.join(' ')}`}: rank ${r.rank} of ${r.cols} unknowns, kernel dimension ${r.basis.length}${example}`;
  },
  decode: decodeEndowmentCase,
});

/** The game-form rows of Theorem 1, Lemma 1 and the endowments, in catalogue order (the lead registers them). */
export const grContractClaims: readonly AnyClaim<any>[] = [contract, weNash, strongCollusionProof, arbitrageStep, revealingPrices, typeIndependent];

export type { MemberDeviation };
