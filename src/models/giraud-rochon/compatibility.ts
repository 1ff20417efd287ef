/**
 * Giraud & Rochon (2001), Section 4 (the compatibility condition) and Appendix 6.1: incentive
 * constraints over finite types as linear programs, solved by HiGHS (src/numeric/lp.ts) with every
 * verdict backed by a certificate re-verified in exact rationals.
 *
 * Transfers θ_i(t), one per agent and type profile, enter agent i's interim utility linearly. For
 * agent i of type r reporting m ≠ r the incentive effect of θ is
 *   (Bθ)_{i,r,m} = Σ_{t_−i} q_i(t_−i | r) [θ_i(r, t_−i) − θ_i(m, t_−i)],
 * and θ is *IC-neutral* when Bθ ≥ 0 (it weakens no Bayesian incentive constraint).
 *
 * The compatibility condition, repaired. The OCR prints
 *   q_i(t_−i|t_i) Σ_{m_i≠t_i} λ_i(t_i, m_i) = κ(t) + Σ_{m_i≠t_i} λ_i(t_i, m_i) q_i(t_−i|m_i);
 * the second λ must be λ_i(m_i, t_i): it is the multiplier of the *liar's* constraint — type m_i
 * reporting t_i, whose interim utility weighs θ_i(t_i, t_−i) by q_i(t_−i|m_i). Read so, the equation
 * says κ(t) = (Bᵀλ)_{i,t} for every i: the condition ("κ ≠ 0 ⇒ no λ ≥ 0 solves it") is exactly the
 * Farkas alternative of its primal, "every budget imbalance κ ∈ R^T is Σ_i θ_i for some IC-neutral θ"
 * (the stationarity of Σ_i θ_i(t) = κ(t), Bθ ≥ 0). The OCR's printed equation is not that
 * alternative: the primal's Farkas vector does not solve it (test/giraud-rochon/compatibility.test.ts);
 * on the economies tried its verdict happened to coincide with the repaired one's all the same.
 *
 * The primal is decided by |T| + 1 feasibility LPs: the image of the cone {Bθ ≥ 0} under
 * θ ↦ Σ_i θ_i is all of R^T iff it contains the positively spanning directions e_1, …, e_T and
 * −(e_1 + … + e_T). Each LP is feasible (θ verified exactly) or infeasible (a Farkas vector y,
 * verified exactly, which *is* a pair (κ, λ) violating the condition: κ = y on the balance rows,
 * λ = −y on the incentive rows).
 */
import { Fraction } from '../../numeric/rational.ts';
import { ExactSum, lpSolver, solveAffine, type Equation, type LinearProgram, type LpResult, type OptimalityCertificate, type FarkasCertificate, type SparseRows, verifyFarkas } from '../../numeric/lp.ts';
import { exactRational, toNumber } from '../../numeric/rational.ts';
import { efficientAllocation, marginalOf, profiles, valueOf, type Economy } from './economy.ts';

const ZERO = new Fraction(0);
const ONE = new Fraction(1);

/** One Bayesian incentive constraint: agent i of type r must not gain by reporting m. */
export interface IcIndex {
  agent: number;
  type: number;
  report: number;
}

/** The type-profile structure of an economy: profiles, index of a profile, the conditional prior. */
export interface TypeSpace {
  N: number;
  P: number;
  ps: number[][];
  /** Index of a profile (lexicographic, t_1 slowest: the prior's order). */
  key(t: readonly number[]): number;
  /** cond[i][k] = Q(t_−i | t_i) at profile k (agent i's own type the one in profile k). */
  cond: Fraction[][];
  /** Every (agent, type, report ≠ type), agent-major. */
  ics: IcIndex[];
}

/** The type space of an economy (Section 2.1: finite T_i, prior Q with Q(t) > 0). */
export function typeSpace(e: Economy): TypeSpace {
  const ps = profiles(e.types);
  const key = (t: readonly number[]) => t.reduce((k, ti, i) => k * e.types[i] + ti, 0);
  const marg = e.types.map((k, i) => Array.from({ length: k }, (_, ti) => marginalOf(e, i, ti)));
  const cond = e.types.map((_, i) => ps.map((t, k) => e.prior[k].div(marg[i][t[i]])));
  const ics: IcIndex[] = [];
  e.types.forEach((k, i) => {
    for (let r = 0; r < k; r++) for (let m = 0; m < k; m++) if (m !== r) ics.push({ agent: i, type: r, report: m });
  });
  return { N: e.N, P: ps.length, ps, key, cond, ics };
}

/** The profile t with agent i's type replaced by m. */
const swap = (t: readonly number[], i: number, m: number) => t.map((v, j) => (j === i ? m : v));

/** Column of θ_i(t) in the LPs: agent-major. */
const col = (S: TypeSpace, i: number, k: number) => i * S.P + k;

/** Row (Bθ)_{i,r,m} as sparse entries (column, coefficient): +q(t_−i|r) at θ_i(r, t_−i), −q(t_−i|r) at θ_i(m, t_−i). */
export function incentiveRow(S: TypeSpace, ic: IcIndex): Map<number, Fraction> {
  const row = new Map<number, Fraction>();
  const add = (c: number, v: Fraction) => row.set(c, (row.get(c) ?? ZERO).add(v));
  S.ps.forEach((t, k) => {
    if (t[ic.agent] !== ic.type) return;
    const q = S.cond[ic.agent][k];
    add(col(S, ic.agent, k), q);
    add(col(S, ic.agent, S.key(swap(t, ic.agent, ic.report))), q.neg());
  });
  return row;
}

const str = (q: Fraction) => q.toFraction();

/** Dense rows of strings (lp.ts reads "p/q" exactly) from sparse rows over `n` columns. */
function dense(rows: Map<number, Fraction>[], n: number): string[][] {
  return rows.map((r) => {
    const out = Array.from({ length: n }, () => '0');
    for (const [c, v] of r) out[c] = str(v);
    return out;
  });
}

/**
 * The primal LP for a budget imbalance d ∈ R^T: θ free (not bounded: a bound would make a feasible
 * system look infeasible), Σ_i θ_i(t) = d(t) for every t, Bθ ≥ rhs (0: IC-neutral). Rows: the P
 * balance rows, then one per incentive constraint in S.ics order.
 */
export function absorbLp(S: TypeSpace, d: readonly Fraction[], rhs?: readonly Fraction[]): LinearProgram {
  const n = S.N * S.P;
  const balance = S.ps.map((_, k) => new Map(Array.from({ length: S.N }, (_, i) => [col(S, i, k), ONE] as [number, Fraction])));
  const inc = S.ics.map((ic) => incentiveRow(S, ic));
  return {
    cost: Array.from({ length: n }, () => 0),
    A: dense([...balance, ...inc], n),
    rowLower: [...d.map(str), ...S.ics.map((_, r) => (rhs ? str(rhs[r]) : '0'))],
    rowUpper: [...d.map(str), ...S.ics.map(() => Infinity)],
    colLower: Array.from({ length: n }, () => -Infinity),
    colUpper: Array.from({ length: n }, () => Infinity),
  };
}

/** The positively spanning imbalances e_1, …, e_T, −(e_1 + … + e_T). */
export function spanningDirections(P: number): Fraction[][] {
  const dirs = Array.from({ length: P }, (_, k) => Array.from({ length: P }, (_, j) => (j === k ? ONE : ZERO)));
  dirs.push(Array.from({ length: P }, () => ONE.neg()));
  return dirs;
}

/** A pair (κ, λ) in the repaired condition's equation; λ[r] is the multiplier of S.ics[r]. */
export interface ConditionPair {
  kappa: Fraction[];
  lambda: Fraction[];
}

/**
 * The repaired condition's residual, written from the paper's equation (not from B): for every i
 * and t, q_i(t_−i|t_i) Σ_{m≠t_i} λ_i(t_i, m) − κ(t) − Σ_{m≠t_i} λ_i(m, t_i) q_i(t_−i|m). All zero,
 * λ ≥ 0 and κ ≠ 0 violate the condition. `transposed` evaluates the OCR's printed form instead.
 */
export function conditionResiduals(e: Economy, S: TypeSpace, p: ConditionPair, transposed = false): Fraction[] {
  const lam = (i: number, r: number, m: number) => p.lambda[S.ics.findIndex((c) => c.agent === i && c.type === r && c.report === m)];
  const out: Fraction[] = [];
  for (let i = 0; i < e.N; i++) {
    S.ps.forEach((t, k) => {
      const ti = t[i];
      let left = ZERO;
      let right = p.kappa[k];
      for (let m = 0; m < e.types[i]; m++) {
        if (m === ti) continue;
        left = left.add(lam(i, ti, m));
        // q_i(t_−i | m): the prior at the profile with i's type m, conditioned on m
        const qm = S.cond[i][S.key(swap(t, i, m))];
        right = right.add((transposed ? lam(i, ti, m) : lam(i, m, ti)).mul(qm));
      }
      out.push(S.cond[i][k].mul(left).sub(right));
    });
  }
  return out;
}

/** Whether (κ, λ) exactly violates the repaired condition (λ ≥ 0, κ ≠ 0, every residual 0). */
export function violatesCondition(e: Economy, S: TypeSpace, p: ConditionPair, transposed = false): boolean {
  if (p.lambda.some((l) => l.compare(0) < 0) || p.kappa.every((k) => k.n === 0n)) return false;
  return conditionResiduals(e, S, p, transposed).every((r) => r.n === 0n);
}

/** What deciding the condition found, direction by direction. */
export interface CompatibilityResult {
  /** The condition holds (every direction absorbed), fails (a certified (κ, λ)), or undecided (a solve not certified). */
  verdict: 'holds' | 'fails' | 'undecided';
  /** IC-neutral θ absorbing each spanning direction (holds), rows θ[k][i] by profile. */
  absorbing?: Fraction[][][];
  /** A violating pair, from the Farkas vector of the first direction that is not absorbed (fails). */
  pair?: ConditionPair;
  /** That direction's index in spanningDirections (fails). */
  direction?: number;
  /** h(y) of the Farkas certificate, exactly (fails). */
  farkasBound?: string;
  why?: string;
  solves: number;
}

type Solver = Awaited<ReturnType<typeof lpSolver>>;

/** θ as rows by profile from an LP's exactly feasible x ("p/q" strings). */
function thetaRows(S: TypeSpace, x: readonly string[]): Fraction[][] {
  return S.ps.map((_, k) => Array.from({ length: S.N }, (_, i) => new Fraction(x[col(S, i, k)])));
}

/** The pair (κ, λ) a Farkas vector of absorbLp gives (see the module comment). */
export function pairFromFarkas(S: TypeSpace, y: readonly string[]): ConditionPair {
  const f = y.map((v) => new Fraction(v));
  return { kappa: f.slice(0, S.P), lambda: f.slice(S.P).map((v) => v.neg()) };
}

/**
 * The primal's rows once per economy, for the fast route: sparse, the balance rows then the
 * incentive rows (absorbLp's order), exactly and as doubles for HiGHS.
 */
interface PrimalRows {
  inc: Map<number, Fraction>[];
  /** The float LP's matrix (HiGHS only; the exact check below reads `inc`). */
  A: SparseRows;
}

function primalRows(S: TypeSpace): PrimalRows {
  const inc = S.ics.map((ic) => incentiveRow(S, ic));
  const n = S.N * S.P;
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (let k = 0; k < S.P; k++) {
    for (let i = 0; i < S.N; i++) indices.push(col(S, i, k)), values.push(1);
    starts.push(indices.length);
  }
  for (const row of inc) {
    for (const [c, v] of [...row].sort((a, b) => a[0] - b[0])) indices.push(c), values.push(toNumber(v));
    starts.push(indices.length);
  }
  return { inc, A: { format: 'csr', numRows: S.P + inc.length, numCols: n, starts, indices, values } };
}

/** A double as a nearby dyadic rational (2^−40 grid; exactly where it is far from the grid's range). */
function gridRational(v: number): Fraction {
  const scaled = v * 2 ** 40;
  return Math.abs(scaled) < 2 ** 52 ? new Fraction(BigInt(Math.round(scaled)), 1n << 40n) : exactRational(v);
}

/**
 * IC-neutral θ absorbing d, exactly, from HiGHS's float solution of absorbLp(d) (not certified by
 * lp.ts: its generic snap eliminates over all N·|T| unknowns and every row, ~5 ms a direction).
 * The balance rows are solved by construction, θ_N(t) = d(t) − Σ_{i<N} θ_i(t), so only the
 * incentive rows tight in the float solution remain: an exact system over θ_1, …, θ_{N−1}, solved
 * with the float values on the free unknowns. The result is then checked exactly against every
 * row (Σ_i θ_i = d, Bθ ≥ 0); undefined when the check fails (the caller takes lp.ts's route).
 */
function absorbExactly(S: TypeSpace, R: PrimalRows, d: readonly Fraction[], xf: Float64Array, activity: Float64Array): Fraction[][] | undefined {
  const nFree = (S.N - 1) * S.P; // θ_i(t) for i < N, at column col(S, i, k) = i·P + k
  const last = S.N - 1;
  const eqs: (Equation & { valF: number[] })[] = [];
  R.inc.forEach((row, r) => {
    if (Math.abs(activity[S.P + r]) > 1e-9) return; // slack: left to the exact check
    const acc = new Map<number, Fraction>();
    const add = (c: number, v: Fraction) => acc.set(c, (acc.get(c) ?? ZERO).add(v));
    let rhs = ZERO;
    for (const [c, v] of row) {
      if (c < nFree) add(c, v);
      else {
        // θ_N(t) = d(t) − Σ_{i<N} θ_i(t)
        const k = c - last * S.P;
        rhs = rhs.sub(v.mul(d[k]));
        for (let i = 0; i < last; i++) add(col(S, i, k), v.neg());
      }
    }
    const idx: number[] = [];
    const val: Fraction[] = [];
    const valF: number[] = [];
    for (const [c, v] of acc) if (v.n !== 0n) idx.push(c), val.push(v), valF.push(v.valueOf());
    eqs.push({ idx, val, valF, rhs });
  });
  const guess = Array.from({ length: nFree }, (_, c) => gridRational(xf[c]));
  const sol = solveOnPivots(eqs, guess);
  if (!sol) return undefined;
  const theta = S.ps.map((_, k) => {
    const rowK = Array.from({ length: last }, (_, i) => sol[col(S, i, k)]);
    rowK.push(rowK.reduce((a, v) => a.sub(v), d[k]));
    return rowK;
  });
  // The exact check of every row (the balance rows hold by construction; re-added for the record).
  for (let k = 0; k < S.P; k++) if (!theta[k].reduce((a, v) => a.add(v), ZERO).equals(d[k])) return undefined;
  for (const row of R.inc) {
    // BigInt sums over a common denominator (fraction.js reduces every partial sum by a gcd)
    const a = new ExactSum();
    for (const [c, v] of row) a.addMul(v, theta[c % S.P][Math.floor(c / S.P)]);
    if (a.N < 0n) return undefined;
  }
  return theta;
}

/**
 * The equations solved exactly on a few unknowns only: one pivot column per independent row,
 * chosen by float elimination with full row pivoting, the other unknowns fixed at their guesses
 * and moved to the right side. Eliminating over every column (solveAffine on all of them) costs
 * ~4× more BigInt work for the same kind of answer: the free unknowns keep their guesses either way.
 */
function solveOnPivots(eqs: (Equation & { valF: number[] })[], guess: Fraction[]): Fraction[] | undefined {
  if (eqs.length === 0) return guess;
  const n = guess.length;
  const rows = eqs.map((q) => {
    const r = new Float64Array(n);
    q.idx.forEach((c, k) => (r[c] += q.valF[k]));
    return r;
  });
  const pivots: number[] = [];
  for (const r of rows) {
    // r reduced by the earlier pivots (partial elimination in doubles: only to choose columns)
    let best = -1;
    let scale = 0;
    for (let c = 0; c < n; c++) scale = Math.max(scale, Math.abs(r[c]));
    for (let c = 0; c < n; c++) if (Math.abs(r[c]) > 1e-9 * scale && (best < 0 || Math.abs(r[c]) > Math.abs(r[best]))) best = c;
    if (best < 0) continue; // dependent on the earlier rows: the exact solve decides its consistency
    pivots.push(best);
    for (const o of rows) {
      if (o === r || o[best] === 0) continue;
      const f = o[best] / r[best];
      for (let c = 0; c < n; c++) o[c] -= f * r[c];
      o[best] = 0;
    }
  }
  const at = new Map(pivots.map((c, t) => [c, t]));
  const reduced: Equation[] = eqs.map((q) => {
    const rhs = new ExactSum();
    rhs.addFraction(q.rhs);
    const idx: number[] = [];
    const val: Fraction[] = [];
    q.idx.forEach((c, k) => {
      const t = at.get(c);
      if (t === undefined) rhs.addMul(q.val[k].neg(), guess[c]);
      else idx.push(t), val.push(q.val[k]);
    });
    return { idx, val, rhs: rhs.value() };
  });
  const sol = solveAffine(reduced, pivots.map((c) => guess[c]));
  if (!sol) return undefined;
  const out = guess.slice();
  pivots.forEach((c, t) => (out[c] = sol[t]));
  return out;
}

/** Decide the compatibility condition of Section 4 through its primal (module comment), synchronously once HiGHS is loaded. */
export function compatibilityWith(solver: Solver, e: Economy): CompatibilityResult {
  const S = typeSpace(e);
  const R = primalRows(S);
  const absorbing: Fraction[][][] = [];
  const dirs = spanningDirections(S.P);
  const zeros = Array.from({ length: S.N * S.P }, () => 0);
  const free = zeros.map(() => -Infinity);
  const open = zeros.map(() => Infinity);
  for (let d = 0; d < dirs.length; d++) {
    // Fast route: HiGHS in doubles, then θ made exact and checked row by row (absorbExactly).
    const fast = solver.solve(
      { cost: zeros, A: R.A, rowLower: [...dirs[d].map(toNumber), ...S.ics.map(() => 0)], rowUpper: [...dirs[d].map(toNumber), ...S.ics.map(() => Infinity)], colLower: free, colUpper: open },
      { certify: false },
    );
    if (fast.status === 'optimal') {
      const theta = absorbExactly(S, R, dirs[d], fast.x!, fast.rowActivity!);
      if (theta) {
        absorbing.push(theta);
        continue;
      }
    }
    // Otherwise lp.ts's certified route on the exact LP: its snapped θ, or a Farkas vector.
    const r = solver.solve(absorbLp(S, dirs[d]));
    if (r.status === 'optimal' && r.certified) {
      absorbing.push(thetaRows(S, (r.certificate as OptimalityCertificate).x));
      continue;
    }
    if (r.status === 'infeasible' && r.certified) {
      const cert = r.certificate as FarkasCertificate;
      return { verdict: 'fails', pair: pairFromFarkas(S, cert.y), direction: d, farkasBound: cert.bound, solves: d + 1 };
    }
    return { verdict: 'undecided', why: `direction ${d}: LP ${r.status}${r.certified ? '' : ' (not certified)'}: ${r.why ?? r.solverStatus}`, solves: d + 1 };
  }
  return { verdict: 'holds', absorbing, solves: dirs.length };
}

/** Decide the compatibility condition (Section 4) with HiGHS and exact certificates. */
export async function compatibility(e: Economy): Promise<CompatibilityResult> {
  return compatibilityWith(await lpSolver(), e);
}

/**
 * The condition's own form as an LP for direction d: maximise −d·κ over κ free, λ ≥ 0 with
 * κ(t) = (Bᵀλ)_{i,t} for every i, t and Σλ ≤ 1 (the cone cut to a bounded slice). By LP duality the
 * optimum is 0 exactly when absorbLp(d) is feasible, and positive otherwise. `transposed` builds the
 * OCR's printed equation instead (the second λ's arguments swapped).
 */
export function conditionLp(e: Economy, S: TypeSpace, d: readonly Fraction[], transposed = false): LinearProgram {
  const nl = S.ics.length;
  const n = S.P + nl;
  const rows: Map<number, Fraction>[] = [];
  const icAt = (i: number, r: number, m: number) => S.ics.findIndex((c) => c.agent === i && c.type === r && c.report === m);
  for (let i = 0; i < e.N; i++) {
    S.ps.forEach((t, k) => {
      // q_i(t_−i|t_i) Σ_m λ(t_i, m) − Σ_m λ(m, t_i) q_i(t_−i|m) − κ(t) = 0
      const row = new Map<number, Fraction>([[k, ONE.neg()]]);
      const add = (c: number, v: Fraction) => row.set(c, (row.get(c) ?? ZERO).add(v));
      for (let m = 0; m < e.types[i]; m++) {
        if (m === t[i]) continue;
        add(S.P + icAt(i, t[i], m), S.cond[i][k]);
        add(S.P + (transposed ? icAt(i, t[i], m) : icAt(i, m, t[i])), S.cond[i][S.key(swap(t, i, m))].neg());
      }
      rows.push(row);
    });
  }
  rows.push(new Map(Array.from({ length: nl }, (_, r) => [S.P + r, ONE] as [number, Fraction])));
  const m = rows.length;
  return {
    sense: 'maximize',
    cost: [...d.map((v) => str(v.neg())), ...Array.from({ length: nl }, () => '0')],
    A: dense(rows, n),
    rowLower: [...Array.from({ length: m - 1 }, () => 0), -Infinity],
    rowUpper: [...Array.from({ length: m - 1 }, () => 0), 1],
    colLower: [...Array.from({ length: S.P }, () => -Infinity), ...Array.from({ length: nl }, () => 0)],
    colUpper: Array.from({ length: n }, () => Infinity),
  };
}

/** The condition decided from its own form (conditionLp over the spanning directions): holds iff every optimum is exactly 0. */
export function conditionFormWith(solver: Solver, e: Economy, transposed = false): { verdict: 'holds' | 'fails' | 'undecided'; optima: [string, string][]; why?: string } {
  const S = typeSpace(e);
  const optima: [string, string][] = [];
  let fails = false;
  for (const d of spanningDirections(S.P)) {
    const r: LpResult = solver.solve(conditionLp(e, S, d, transposed));
    if (r.status !== 'optimal' || !r.certified) return { verdict: 'undecided', optima, why: `LP ${r.status}: ${r.why ?? r.solverStatus}` };
    const c = r.certificate as OptimalityCertificate;
    optima.push([c.lower, c.upper]);
    const lo = new Fraction(c.lower);
    const hi = new Fraction(c.upper);
    if (lo.compare(0) > 0) fails = true;
    else if (!(lo.n === 0n && hi.n === 0n)) return { verdict: 'undecided', optima, why: `optimum in [${c.lower}, ${c.upper}]` };
  }
  return { verdict: fails ? 'fails' : 'holds', optima };
}

// ------------------------------------------------------------ balanced BIC transfers for a rule

/** A real allocation rule: x[k][i][h], agent i's bundle of real goods at profile k (the numéraire apart). */
export type RealRule = Fraction[][][];

/** The ex post efficient rule (Section 4's outcome efficiency requirement): economy.ts's water-filling at every profile. */
export function efficientRule(e: Economy): RealRule {
  return profiles(e.types).map((t) => efficientAllocation(e, t).x);
}

/**
 * v̂_i(m, r) of Appendix 6.1 for every incentive constraint, in S.ics order: the interim value gain
 * of type r from reporting m under the rule, Σ_{t_−i} q_i(t_−i|r)[v_i(x_i(m, t_−i), r) − v_i(x_i(r, t_−i), r)].
 */
export function lyingGains(e: Economy, S: TypeSpace, rule: RealRule): Fraction[] {
  return S.ics.map(({ agent: i, type: r, report: m }) => {
    let g = ZERO;
    S.ps.forEach((t, k) => {
      if (t[i] !== r) return;
      const lie = rule[S.key(swap(t, i, m))][i];
      g = g.add(S.cond[i][k].mul(valueOf(e, i, r, lie).sub(valueOf(e, i, r, rule[k][i]))));
    });
    return g;
  });
}

/** What the balanced-BIC-transfer LP found. */
export interface TransfersResult {
  status: 'feasible' | 'infeasible' | 'undecided';
  /** θ[k][i], exactly: Σ_i θ_i(t) = 0 and every BIC constraint holds (feasible). */
  theta?: Fraction[][];
  /** The LP (for a certificate) and its Farkas vector (infeasible). */
  lp: LinearProgram;
  farkas?: FarkasCertificate;
  why?: string;
}

/**
 * Ex post budget-balanced BIC transfers for a real allocation rule (Appendix 6.1's system with
 * Σ_i θ_i(t) = 0 imposed directly): absorbLp with imbalance 0 and right sides v̂_i(m, r). Transfers
 * are free: no bound that could make a feasible system look infeasible.
 */
export function balancedTransfersWith(solver: Solver, e: Economy, rule: RealRule): TransfersResult {
  const S = typeSpace(e);
  const lp = absorbLp(S, S.ps.map(() => ZERO), lyingGains(e, S, rule));
  const r = solver.solve(lp);
  if (r.status === 'optimal' && r.certified) return { status: 'feasible', theta: thetaRows(S, (r.certificate as OptimalityCertificate).x), lp };
  if (r.status === 'infeasible' && r.certified) return { status: 'infeasible', lp, farkas: r.certificate as FarkasCertificate };
  return { status: 'undecided', lp, why: `LP ${r.status}: ${r.why ?? r.solverStatus}` };
}

export async function balancedTransfers(e: Economy, rule: RealRule): Promise<TransfersResult> {
  return balancedTransfersWith(await lpSolver(), e, rule);
}

/** A Farkas vector of balancedTransfers re-checked exactly against the LP rebuilt from the economy and rule. */
export function verifyTransfersFarkas(e: Economy, rule: RealRule, y: readonly string[]): boolean {
  const S = typeSpace(e);
  return verifyFarkas(absorbLp(S, S.ps.map(() => ZERO), lyingGains(e, S, rule)), { y: [...y] }).verified;
}

