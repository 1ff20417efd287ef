/**
 * Giraud & Rochon (2001), Definition 1 (interim efficiency, incentive compatibility) and Lemma 2,
 * on finite instances, as linear programs (HiGHS, src/numeric/lp.ts) with exact certificates.
 *
 * An allocation gives agent i at profile t a real bundle x_i(t) ≥ 0 and numéraire y_i(t), ex post
 * feasible: Σ_i x_i(t) = ω̄ (real goods), Σ_i y_i(t) = ω̄^L. Numéraire is *ample* (the remark after
 * Theorem 1: each agent holds more numéraire than any transfer), so it is not bounded below here —
 * equivalently ω^L is shifted up; utilities are quasi-linear, U_i(x|t_i) = E[v_i(x_i(t), t_i) + y_i(t) | t_i].
 *
 * Interim improvement search (Definition 1): lotteries over candidate real parts at each profile
 * (the allocation's own among them) and balanced numéraire transfers τ, maximising the sum of the
 * interim gains subject to every gain ≥ 0. A positive optimum is an improvement; a lottery's mean
 * real part is a deterministic allocation at least as good for everyone (v concave), so the
 * improvement is returned as a deterministic allocation and re-checked by direct interim utilities.
 * An optimum of exactly 0 (optimality certificate) says no improvement exists within the candidates.
 *
 * Lemma 2's dominance: the IC interim-efficient allocations are the efficient real part with balanced
 * BIC numéraire transfers (GR.interim-efficiency.characterisation), so "some IC interim-efficient
 * allocation weakly dominates x" is an LP in τ; infeasible ⇒ a Farkas certificate that none does.
 */
import { Fraction } from '../../numeric/rational.ts';
import { lpSolver, verifyFarkas, type FarkasCertificate, type LinearProgram, type OptimalityCertificate } from '../../numeric/lp.ts';
import { valueOf, type Economy } from './economy.ts';
import { incentiveRow, lyingGains, typeSpace, type IcIndex, type RealRule, type TypeSpace } from './compatibility.ts';

const ZERO = new Fraction(0);
const ONE = new Fraction(1);
const str = (q: Fraction) => q.toFraction();

type Solver = Awaited<ReturnType<typeof lpSolver>>;

/** An allocation: real[k][i][h] (real goods) and num[k][i] (numéraire) at each profile k. */
export interface Allocation {
  real: RealRule;
  num: Fraction[][];
}

/** U_i(x | t_i) for every agent and type (Definition 1), exactly: rows by agent, columns by type. */
export function interimUtilities(e: Economy, x: Allocation, S: TypeSpace = typeSpace(e)): Fraction[][] {
  return e.types.map((k, i) =>
    Array.from({ length: k }, (_, ti) => {
      let u = ZERO;
      S.ps.forEach((t, p) => {
        if (t[i] === ti) u = u.add(S.cond[i][p].mul(valueOf(e, i, ti, x.real[p][i]).add(x.num[p][i])));
      });
      return u;
    }),
  );
}

/** Ex post feasibility (Definition 1): real bundles ≥ 0 summing to ω̄, numéraire summing to ω̄^L, at every profile. */
export function feasible(e: Economy, x: Allocation): boolean {
  return x.real.every((row, k) => {
    for (let h = 0; h < e.L - 1; h++) {
      if (row.some((b) => b[h].compare(0) < 0)) return false;
      if (!row.reduce((s, b) => s.add(b[h]), ZERO).equals(e.total[h])) return false;
    }
    return x.num[k].reduce((s, v) => s.add(v), ZERO).equals(e.total[e.L - 1]);
  });
}

/** Whether y interim-dominates x: every U_i(y|t_i) ≥ U_i(x|t_i), one strictly (Definition 1). */
export function dominates(e: Economy, y: Allocation, x: Allocation): boolean {
  const uy = interimUtilities(e, y);
  const ux = interimUtilities(e, x);
  let strict = false;
  for (let i = 0; i < e.N; i++) {
    for (let t = 0; t < e.types[i]; t++) {
      const c = uy[i][t].compare(ux[i][t]);
      if (c < 0) return false;
      if (c > 0) strict = true;
    }
  }
  return strict;
}

/** What the improvement search found. */
export interface ImprovementResult {
  verdict: 'improvable' | 'none found' | 'undecided';
  /** The optimum's exact interval, less Σ U_i(x|t_i)'s real part: the largest total interim gain. */
  gain?: [string, string];
  /** A deterministic improvement (improvable), ex post feasible, checked by `dominates`. */
  improvement?: Allocation;
  why?: string;
}

/** Columns: α_{k,c} (P·C, ≥ 0), then τ_i(k) (N·P, free). */
export function improvementLp(e: Economy, x: Allocation, candidates: readonly RealRule[], S: TypeSpace = typeSpace(e)): { lp: LinearProgram; base: Fraction } {
  const C = candidates.length;
  const nA = S.P * C;
  const n = nA + e.N * S.P;
  const rows: Map<number, Fraction>[] = [];
  const lo: (string | number)[] = [];
  const hi: (string | number)[] = [];
  // Σ_c α_{k,c} = 1 and Σ_i τ_i(k) = 0 at each profile
  for (let k = 0; k < S.P; k++) {
    rows.push(new Map(Array.from({ length: C }, (_, c) => [k * C + c, ONE] as [number, Fraction])));
    lo.push(1);
    hi.push(1);
    rows.push(new Map(Array.from({ length: e.N }, (_, i) => [nA + i * S.P + k, ONE] as [number, Fraction])));
    lo.push(0);
    hi.push(0);
  }
  // gain rows: Σ_{k: t_i} q_i(k)[Σ_c α_{k,c} v_i(cand_c(k)_i, t_i) + τ_i(k)] ≥ Σ_{k: t_i} q_i(k) v_i(x_i(k), t_i)
  const cost = Array.from({ length: n }, () => ZERO);
  let base = ZERO;
  for (let i = 0; i < e.N; i++) {
    for (let ti = 0; ti < e.types[i]; ti++) {
      const row = new Map<number, Fraction>();
      let rhs = ZERO;
      S.ps.forEach((t, k) => {
        if (t[i] !== ti) return;
        const q = S.cond[i][k];
        candidates.forEach((cand, c) => row.set(k * C + c, q.mul(valueOf(e, i, ti, cand[k][i]))));
        row.set(nA + i * S.P + k, q);
        rhs = rhs.add(q.mul(valueOf(e, i, ti, x.real[k][i])));
      });
      for (const [j, v] of row) cost[j] = cost[j].add(v);
      base = base.add(rhs);
      rows.push(row);
      lo.push(str(rhs));
      hi.push(Infinity);
    }
  }
  const A = rows.map((r) => {
    const out = Array.from({ length: n }, () => '0');
    for (const [j, v] of r) out[j] = str(v);
    return out;
  });
  return {
    lp: {
      sense: 'maximize',
      cost: cost.map(str),
      A,
      rowLower: lo,
      rowUpper: hi,
      colLower: [...Array.from({ length: nA }, () => 0), ...Array.from({ length: e.N * S.P }, () => -Infinity)],
      colUpper: Array.from({ length: n }, () => Infinity),
    },
    base,
  };
}

/** Search for an interim improvement of x (Definition 1) among lotteries over the candidate real parts and balanced numéraire transfers. */
export function searchImprovementWith(solver: Solver, e: Economy, x: Allocation, candidates: readonly RealRule[]): ImprovementResult {
  const S = typeSpace(e);
  const { lp, base } = improvementLp(e, x, [x.real, ...candidates], S);
  const r = solver.solve(lp);
  if (r.status !== 'optimal' || !r.certified) return { verdict: 'undecided', why: `LP ${r.status}: ${r.why ?? r.solverStatus}` };
  const cert = r.certificate as OptimalityCertificate;
  const lower = new Fraction(cert.lower).sub(base);
  const upper = new Fraction(cert.upper).sub(base);
  const gain: [string, string] = [str(lower), str(upper)];
  if (upper.n === 0n) return { verdict: 'none found', gain };
  if (lower.compare(0) <= 0) return { verdict: 'undecided', gain, why: `total gain in [${gain[0]}, ${gain[1]}]` };
  // the LP's exactly feasible point: mean real part per profile, numéraire y + τ
  const v = cert.x.map((s) => new Fraction(s));
  const all = [x.real, ...candidates];
  const C = all.length;
  const nA = S.P * C;
  const real = S.ps.map((_, k) => Array.from({ length: e.N }, (_, i) => Array.from({ length: e.L - 1 }, (_, h) => all.reduce((s, cand, c) => s.add(v[k * C + c].mul(cand[k][i][h])), ZERO))));
  const num = S.ps.map((_, k) => Array.from({ length: e.N }, (_, i) => x.num[k][i].add(v[nA + i * S.P + k])));
  return { verdict: 'improvable', gain, improvement: { real, num } };
}

export async function searchImprovement(e: Economy, x: Allocation, candidates: readonly RealRule[]): Promise<ImprovementResult> {
  return searchImprovementWith(await lpSolver(), e, x, candidates);
}

// ------------------------------------------------------------ IC allocations and Lemma 2

/** Budget balance Σ_i τ_i(t) = 0 at every profile, as rows over the n columns (τ agent-major, profile-minor). */
function pushBalanceRows(e: Economy, S: TypeSpace, n: number, A: string[][], lo: string[], hi: (string | number)[]): void {
  for (let k = 0; k < S.P; k++) {
    const row = Array.from({ length: n }, () => '0');
    for (let i = 0; i < e.N; i++) row[i * S.P + k] = '1';
    A.push(row);
    lo.push('0');
    hi.push('0');
  }
}

/** One BIC constraint's row on the transfers (compatibility.ts's incentiveRow), dense over the n columns. */
function denseIncentiveRow(S: TypeSpace, ic: IcIndex, n: number): Fraction[] {
  const row = Array.from({ length: n }, () => ZERO);
  for (const [c, v] of incentiveRow(S, ic)) row[c] = v;
  return row;
}

/**
 * The largest common slack s of every BIC constraint that balanced transfers can give a real rule:
 * maximise s ≤ 1 over θ free with Σ_i θ_i(t) = 0 and (Bθ)_{i,r,m} − s ≥ v̂_i(m, r) (Appendix 6.1).
 * s > 0: an IC allocation with every BIC constraint strict (Lemma 2's non-degeneracy, and more).
 */
export function strictTransfersWith(solver: Solver, e: Economy, rule: RealRule): { status: 'optimal' | 'infeasible' | 'undecided'; slack?: Fraction; theta?: Fraction[][]; why?: string } {
  const S = typeSpace(e);
  const gains = lyingGains(e, S, rule);
  const nT = e.N * S.P;
  const n = nT + 1;
  const A: string[][] = [];
  const lo: string[] = [];
  const hi: (string | number)[] = [];
  pushBalanceRows(e, S, n, A, lo, hi);
  S.ics.forEach((ic, c) => {
    const row = denseIncentiveRow(S, ic, n);
    row[nT] = ONE.neg();
    A.push(row.map(str));
    lo.push(str(gains[c]));
    hi.push(Infinity);
  });
  const lp: LinearProgram = {
    sense: 'maximize',
    cost: [...Array.from({ length: nT }, () => 0), 1],
    A,
    rowLower: lo,
    rowUpper: hi,
    colLower: Array.from({ length: n }, () => -Infinity),
    colUpper: [...Array.from({ length: nT }, () => Infinity), 1],
  };
  const r = solver.solve(lp);
  if (r.status === 'infeasible' && r.certified) return { status: 'infeasible' };
  if (r.status !== 'optimal' || !r.certified) return { status: 'undecided', why: `LP ${r.status}: ${r.why ?? r.solverStatus}` };
  const x = (r.certificate as OptimalityCertificate).x.map((s) => new Fraction(s));
  return { status: 'optimal', slack: x[nT], theta: S.ps.map((_, k) => Array.from({ length: e.N }, (_, i) => x[i * S.P + k])) };
}

/**
 * Lemma 2's dominance LP: τ free with Σ_i τ_i(t) = 0, the efficient real part `star` with numéraire
 * ω^L + τ BIC ((Bτ) ≥ v̂ of `star`), and U_i(x'|t_i) ≥ U_i(x|t_i) for every (i, t_i). Rows: balance,
 * BIC (S.ics order), dominance (agent-major, type-minor).
 */
export function dominanceLp(e: Economy, x: Allocation, star: RealRule, S: TypeSpace = typeSpace(e)): LinearProgram {
  const nT = e.N * S.P;
  const gains = lyingGains(e, S, star);
  const ux = interimUtilities(e, x, S);
  const omegaL = Array.from({ length: e.N }, (_, i) => e.omega[i][e.L - 1]);
  const A: string[][] = [];
  const lo: string[] = [];
  const hi: (string | number)[] = [];
  pushBalanceRows(e, S, nT, A, lo, hi);
  S.ics.forEach((ic, c) => {
    const row = denseIncentiveRow(S, ic, nT);
    A.push(row.map(str));
    lo.push(str(gains[c]));
    hi.push(Infinity);
  });
  for (let i = 0; i < e.N; i++) {
    for (let ti = 0; ti < e.types[i]; ti++) {
      const row = Array.from({ length: nT }, () => ZERO);
      let fixed = ZERO; // E[v_i(x*_i, t_i) + ω_i^L | t_i]
      S.ps.forEach((t, k) => {
        if (t[i] !== ti) return;
        const q = S.cond[i][k];
        row[i * S.P + k] = q;
        fixed = fixed.add(q.mul(valueOf(e, i, ti, star[k][i]).add(omegaL[i])));
      });
      A.push(row.map(str));
      lo.push(str(ux[i][ti].sub(fixed)));
      hi.push(Infinity);
    }
  }
  return { cost: Array.from({ length: nT }, () => 0), A, rowLower: lo, rowUpper: hi, colLower: Array.from({ length: nT }, () => -Infinity), colUpper: Array.from({ length: nT }, () => Infinity) };
}

/** Whether some IC interim-efficient allocation weakly dominates x (Lemma 2): the τ found, or a Farkas certificate that none exists. */
export function dominatedWith(solver: Solver, e: Economy, x: Allocation, star: RealRule): { status: 'dominated' | 'not dominated' | 'undecided'; lp: LinearProgram; tau?: Fraction[][]; farkas?: FarkasCertificate; why?: string } {
  const S = typeSpace(e);
  const lp = dominanceLp(e, x, star, S);
  const r = solver.solve(lp);
  if (r.status === 'optimal' && r.certified) {
    const v = (r.certificate as OptimalityCertificate).x.map((s) => new Fraction(s));
    return { status: 'dominated', lp, tau: S.ps.map((_, k) => Array.from({ length: e.N }, (_, i) => v[i * S.P + k])) };
  }
  if (r.status === 'infeasible' && r.certified) return { status: 'not dominated', lp, farkas: r.certificate as FarkasCertificate };
  return { status: 'undecided', lp, why: `LP ${r.status}: ${r.why ?? r.solverStatus}` };
}

/** A Farkas vector of the dominance LP re-checked exactly against the LP rebuilt from the economy, x and the efficient rule. */
export function verifyNotDominated(e: Economy, x: Allocation, star: RealRule, y: readonly string[]): boolean {
  return verifyFarkas(dominanceLp(e, x, star), { y: [...y] }).verified;
}

/**
 * The smallest uniform shortfall s with which an IC interim-efficient allocation comes within s of
 * dominating x: minimise s over τ and s (free) subject to dominanceLp's rows with every dominance row
 * relaxed by s. s ≤ 0: x is weakly dominated (Lemma 2 holds on x); s > 0: it is not. The search's margin.
 */
export function dominanceShortfallWith(solver: Solver, e: Economy, x: Allocation, star: RealRule): { status: 'optimal' | 'undecided'; shortfall?: [Fraction, Fraction]; why?: string } {
  const S = typeSpace(e);
  const base = dominanceLp(e, x, star, S);
  const nT = e.N * S.P;
  const nDom = e.types.reduce((s, k) => s + k, 0);
  const rows = base.A as string[][];
  const m = rows.length;
  const lp: LinearProgram = {
    sense: 'minimize',
    cost: [...Array.from({ length: nT }, () => 0), 1],
    A: rows.map((r, i) => [...r, i >= m - nDom ? '1' : '0']),
    rowLower: base.rowLower,
    rowUpper: base.rowUpper,
    colLower: Array.from({ length: nT + 1 }, () => -Infinity),
    colUpper: Array.from({ length: nT + 1 }, () => Infinity),
  };
  const r = solver.solve(lp);
  if (r.status !== 'optimal' || !r.certified) return { status: 'undecided', why: `LP ${r.status}: ${r.why ?? r.solverStatus}` };
  const c = r.certificate as OptimalityCertificate;
  return { status: 'optimal', shortfall: [new Fraction(c.lower), new Fraction(c.upper)] };
}

/**
 * Every Bayesian incentive slack of an allocation (Definition 1's incentive compatibility), from the
 * definition: U_i(x|r) − Σ_{t_−i} q_i(t_−i|r)[v_i(x_i(m, t_−i), r) + y_i(m, t_−i)], for each (i, r, m ≠ r).
 */
export function icSlacks(e: Economy, x: Allocation, S: TypeSpace = typeSpace(e)): Fraction[] {
  const U = interimUtilities(e, x, S);
  return S.ics.map(({ agent: i, type: r, report: m }) => {
    let lie = ZERO;
    S.ps.forEach((t, k) => {
      if (t[i] !== r) return;
      const j = S.key(t.map((v, a) => (a === i ? m : v)));
      lie = lie.add(S.cond[i][k].mul(valueOf(e, i, r, x.real[j][i]).add(x.num[j][i])));
    });
    return U[i][r].sub(lie);
  });
}

/**
 * Whether the real part maximises Σ_i v_i(·, t_i) at profile k, by the first-order conditions with
 * corners (not by economy.ts's water-filling): per real good, every holder's marginal utility the
 * same λ, every non-holder's ≤ λ, the good used up.
 */
export function realPartEfficientAt(e: Economy, t: readonly number[], bundle: readonly (readonly Fraction[])[]): boolean {
  for (let h = 0; h < e.L - 1; h++) {
    const mu = bundle.map((b, i) => e.a[i][t[i]][h].sub(e.b[i][t[i]][h].mul(b[h])));
    const holders = bundle.map((_, i) => i).filter((i) => bundle[i][h].compare(0) > 0);
    if (!bundle.reduce((s, b) => s.add(b[h]), ZERO).equals(e.total[h])) return false;
    if (!holders.length) continue; // ω̄^h = 0: nothing to share
    const lam = mu[holders[0]];
    if (!holders.every((i) => mu[i].equals(lam))) return false;
    if (bundle.some((b, i) => b[h].n === 0n && mu[i].compare(lam) > 0)) return false;
  }
  return true;
}
