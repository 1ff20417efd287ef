/**
 * Dagan, Serrano & Volij (1999), Section 2 and the appendix (proofs of Propositions 1 and 2):
 * lotteries over allocations of a finite-type economy, the mean-bundle allocation h, and the split
 * g of an agent cell that turns h into an allocation with values in X = R_+^D × N^I.
 *
 * A continuum of agents is represented by cells: a cell is a positive mass of agents of one type
 * who hold the same bundle in every allocation of the lottery's (finite) support. A lottery is a
 * list of allocations (one bundle per cell) with probabilities. Allocations need only be feasible
 * for a resource total T (Σ_c m_c f(c) ≤ T); the lotteries of the claims say which T.
 */
import type { Coef, LinearProgram, SparseRows } from '../../numeric/lp.ts';
import { Fraction } from '../../numeric/rational.ts';
import { coverIndex, linearIndex, type UnitDemand } from './cover.ts';

/** A lottery on allocations with finite support (Section 2, "aggregate risk aversion"). */
export interface Lottery {
  /** Mass of each agent cell (positive). */
  masses: readonly number[];
  /** The support: probabilities (positive, summing to 1) and each allocation's bundle per cell. */
  outcomes: readonly { prob: number; bundles: readonly (readonly number[])[] }[];
}

/** h(a) = E_a(L) = ∫ f(a) dL: each cell's mean bundle (proof of Proposition 1). */
export function meanBundles(L: Lottery): number[][] {
  const n = L.outcomes[0].bundles[0].length;
  return L.masses.map((_, c) => {
    const h = new Array<number>(n).fill(0);
    for (const o of L.outcomes) for (let k = 0; k < n; k++) h[k] += o.prob * o.bundles[c][k];
    return h;
  });
}

/** EU_a(L) = ∫ u_a(f(a)) dL for each cell (proof of Proposition 1). */
export function expectedUtilities(L: Lottery, util: (cell: number, x: readonly number[]) => number): number[] {
  return L.masses.map((_, c) => L.outcomes.reduce((s, o) => s + o.prob * util(c, o.bundles[c]), 0));
}

/** Var_L u_a(f(a)) for each cell: zero exactly where the cell's lottery is degenerate (Section 2). */
export function utilityVariances(L: Lottery, util: (cell: number, x: readonly number[]) => number): number[] {
  const mean = expectedUtilities(L, util);
  return L.masses.map((_, c) => L.outcomes.reduce((s, o) => s + o.prob * (util(c, o.bundles[c]) - mean[c]) ** 2, 0));
}

/** Σ_c m_c x_c: what an allocation uses of each good. */
export function aggregate(masses: readonly number[], bundles: readonly (readonly number[])[]): number[] {
  const n = bundles[0].length;
  const t = new Array<number>(n).fill(0);
  bundles.forEach((b, c) => b.forEach((v, k) => (t[k] += masses[c] * v)));
  return t;
}

/** One part of a split cell: a share of the cell's mass and the bundle (in X) it receives. */
export interface SplitPart {
  share: number;
  bundle: number[];
}

/**
 * Proposition 1's construction for one cell: h ∈ conv ψ, ψ = {y ∈ X : u(y) ≥ û(h)}, written as a
 * convex combination of at most I + 1 points of X, and the cell split in those proportions. The
 * indivisible part h_I is a convex combination of the vertices of its unit box along the staircase
 * that orders the fractional parts (Freudenthal's simplex), so the weights are exact; each vertex
 * y_j gets the divisible bundle h_D·(ℓ̂(h) − r·I(y_j))/(w·h_D), which puts every part on the level
 * set ℓ = ℓ̂(h) (u(g) = û(h)) and averages back to h_D because Σ_j μ_j I(y_ji) = min{h_i, 1}.
 * Requires h in the cover's domain (ℓ̂(h) ≥ Σ r_i), where no part's divisible bundle is negative.
 */
export function splitCell(u: UnitDemand, h: readonly number[]): SplitPart[] {
  const D = u.w.length;
  const I = u.r.length;
  const floor = h.slice(D).map((v) => Math.floor(v));
  const frac = h.slice(D).map((v, i) => v - floor[i]);
  const order = frac.map((_, i) => i).sort((a, b) => frac[b] - frac[a] || a - b);
  const parts: { share: number; indivisible: number[] }[] = [];
  let vertex = floor.slice();
  let prev = 1;
  for (let k = 0; k <= I; k++) {
    const next = k < I ? frac[order[k]] : 0;
    if (prev - next > 0) parts.push({ share: prev - next, indivisible: vertex.slice() });
    if (k < I) {
      vertex = vertex.slice();
      vertex[order[k]] += 1;
    }
    prev = next;
  }
  const level = coverIndex(u, h);
  const wealth = u.w.reduce((s, w, d) => s + w * h[d], 0);
  return parts.map(({ share, indivisible }) => {
    const y = [...h.slice(0, D).map(() => 0), ...indivisible];
    const need = level - linearIndex(u, y); // the divisible index this part must hold
    const scale = wealth > 0 ? need / wealth : 0;
    for (let d = 0; d < D; d++) y[d] = h[d] * scale;
    return { share, bundle: y };
  });
}

/** The allocation g of Proposition 1: every cell split by splitCell (cells keep their index). */
export function splitAllocation(utilities: readonly UnitDemand[], h: readonly (readonly number[])[]): { cell: number; share: number; bundle: number[] }[] {
  return h.flatMap((hc, c) => splitCell(utilities[c], hc).map((p) => ({ cell: c, ...p })));
}

// ---------------------------------------------------------------- linear utilities: can an allocation beat the lottery?

/** A lottery economy with linear utilities u_c(x) = w_c·x, in exact rationals (dyadic inputs, rational probabilities). */
export interface ExactLinearLottery {
  masses: Fraction[];
  /** w[c]: the utility weights of cell c's type. */
  w: Fraction[][];
  probs: Fraction[];
  /** bundles[k][c]. */
  bundles: Fraction[][][];
}

/** The resource total T: the componentwise largest use over the support (every allocation of the lottery is feasible for it). */
export function resourceTotal(L: ExactLinearLottery): Fraction[] {
  const n = L.w[0].length;
  return Array.from({ length: n }, (_, j) =>
    L.bundles.map((f) => f.reduce((s, b, c) => s.add(L.masses[c].mul(b[j])), new Fraction(0))).reduce((a, b) => (b.compare(a) > 0 ? b : a)),
  );
}

/** EU_c(L) = Σ_k π_k w_c·f_k(c), exactly (proof of Proposition 1, linear u). */
export function expectedLinearUtilities(L: ExactLinearLottery): Fraction[] {
  return L.masses.map((_, c) => L.bundles.reduce((s, f, k) => s.add(L.probs[k].mul(dot(L.w[c], f[c]))), new Fraction(0)));
}

function dot(a: readonly Fraction[], b: readonly Fraction[]): Fraction {
  return a.reduce((s, v, j) => s.add(v.mul(b[j])), new Fraction(0));
}

/**
 * The LP over cell-average allocations g_c ∈ R^n_+ (Lyapunov: the averages of X-valued allocations
 * of a continuum of cells are all of R^n_+, so the relaxation loses nothing): resources Σ_c m_c g_c ≤ T,
 * every cell weakly better off, w_c·g_c ≥ EU_c (Section 2, weak aggregate risk aversion). Without
 * `epsilon` it maximises the total gain Σ_c m_c w_c·g_c (the objective minus Σ m_c EU_c); with it,
 * it is the feasibility system whose last row asks for a total gain ≥ ε — a strict improvement for
 * a positive measure — and whose infeasibility a Farkas certificate proves.
 */
export function improvementLp(L: ExactLinearLottery, epsilon?: Fraction): LinearProgram {
  const C = L.masses.length;
  const n = L.w[0].length;
  const T = resourceTotal(L);
  const eu = expectedLinearUtilities(L);
  const col = (c: number, j: number) => c * n + j;
  // sparse rows (HiGHS and the exact reading cost less than with dense ones): entries as (column, coefficient)
  const rows: [number, Coef][][] = [];
  const lo: Coef[] = [];
  const hi: Coef[] = [];
  for (let j = 0; j < n; j++) {
    rows.push(L.masses.map((m, c) => [col(c, j), m.toFraction()]));
    lo.push(-Infinity), hi.push(T[j].toFraction());
  }
  for (let c = 0; c < C; c++) {
    rows.push(L.w[c].map((w, j) => [col(c, j), w.toFraction()]));
    lo.push(eu[c].toFraction()), hi.push(Infinity);
  }
  const gain: Coef[] = new Array<Coef>(C * n).fill(0);
  for (let c = 0; c < C; c++) for (let j = 0; j < n; j++) gain[col(c, j)] = L.masses[c].mul(L.w[c][j]).toFraction();
  if (epsilon !== undefined) {
    const base = L.masses.reduce((s, m, c) => s.add(m.mul(eu[c])), new Fraction(0));
    rows.push(gain.map((g, k): [number, Coef] => [k, g]));
    lo.push(base.add(epsilon).toFraction()), hi.push(Infinity);
  }
  const starts = [0];
  const indices: number[] = [];
  const values: Coef[] = [];
  for (const r of rows) {
    for (const [k, v] of [...r].sort((a, b) => a[0] - b[0])) indices.push(k), values.push(v);
    starts.push(indices.length);
  }
  const A: SparseRows = { format: 'csr', numRows: rows.length, numCols: C * n, starts, indices, values };
  if (epsilon === undefined) return { sense: 'maximize', cost: gain, A, rowLower: lo, rowUpper: hi };
  return { cost: gain.map(() => 0), A, rowLower: lo, rowUpper: hi };
}

/**
 * An upper bound of the total gain any allocation can offer over the lottery, exactly: each good's
 * total T_j to the cells that value it most, Σ_j T_j·max_c w_cj, minus
 * Σ_c m_c EU_c. Dropping the "nobody worse off" rows only enlarges the set, so a bound ≤ 0 means no
 * allocation weakly improves every cell and strictly a positive mass (Section 2). With identical
 * utilities and allocations that use all of T it is exactly 0.
 */
export function totalGainBound(L: ExactLinearLottery): Fraction {
  const T = resourceTotal(L);
  const eu = expectedLinearUtilities(L);
  const best = T.reduce((s, t, j) => s.add(t.mul(L.w.reduce((m, w) => (w[j].compare(m) > 0 ? w[j] : m), L.w[0][j]))), new Fraction(0));
  return best.sub(L.masses.reduce((s, m, c) => s.add(m.mul(eu[c])), new Fraction(0)));
}
