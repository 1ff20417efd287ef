/**
 * Finite-coalition blocking for Dagan, Serrano & Volij (1999): the core of Section 2 checked
 * coalition by coalition (Theorem 1 reaches the Walrasian allocations through Hammond, Kaneko &
 * Wooders 1989), HKW's Claim 1 as Step 5 uses it, and Debreu–Scarf replicas of 2×2 economies.
 *
 * Uniform improvement of a coalition with composition (n_t) (n_t agents of type t, equal treatment
 * within types) over an allocation x*: the largest δ such that bundles y_t with
 * Σ n_t y_t ≤ Σ n_t e_t give every member u_t(y_t) ≥ u_t(x*_t) + δ·|u_t(x*_t)| — a convex program
 * (concave u_t, linear resources), solved here by Kelley's cutting planes: each LP over tangent
 * planes of the u_t is a relaxation (a tangent of a concave function lies above it), so its optimum
 * is an upper bound δ_hi, and its solution, evaluated with the true u_t, a lower bound δ_lo.
 * `supportingPriceSlack` is the dual route: at Walrasian prices the cheapest bundle giving type t
 * an improvement δ costs G_t(δ)·P_t(p) (homogeneous aggregate level times the price index), so a
 * coalition whose total cost exceeds the value of its endowment cannot afford it.
 */
import type { Economy, Utility } from '../../economy/utilities.ts';
import { gradient, utilityValue } from '../../economy/utilities.ts';
import type { LinearProgram, LpResult, LpOptions } from '../../numeric/lp.ts';
import { brent, brentMin } from '../../numeric/roots.ts';
import { exactRational, Fraction } from '../../numeric/rational.ts';

export type LpSolve = (p: LinearProgram, o?: LpOptions) => LpResult;

/** Relative improvement r_t(y) = (u_t(y) − u_t(x*)) / |u_t(x*)| (the unit of δ: utilities differ in scale). */
export function relativeImprovement(u: Utility, y: readonly number[], uStar: number): number {
  return (utilityValue(u, y) - uStar) / Math.abs(uStar);
}

export interface ImprovementResult {
  /** Kelley's bounds on δ*: the LP relaxation's optimum and the best true value of its solutions. */
  deltaHi: number;
  deltaLo: number;
  /** The best bundles found (one per type in the coalition, by type index; absent types: undefined). */
  best: (number[] | undefined)[];
  iterations: number;
  /** 'no-block': δ_hi ≤ tol; 'blocks': δ_lo > tol; 'undecided': neither within the iteration budget. */
  decision: 'no-block' | 'blocks' | 'undecided';
}

/**
 * The largest uniform relative improvement δ* a coalition with composition `n` (integers, Σ > 0)
 * can give its members over `allocation` from its own endowments (Section 2's blocking, equal
 * treatment within types), by Kelley's cutting planes; decided against `tol`.
 */
export function maxUniformImprovement(
  solve: LpSolve,
  e: Economy,
  allocation: readonly (readonly number[])[],
  n: readonly number[],
  tol: number,
  maxIterations = 80,
  /** > 0: ignore tol's early decisions and run until δ_hi − δ_lo ≤ gap (to measure δ*, not to decide). */
  gap = 0,
): ImprovementResult {
  const members = n.map((c, t) => (c > 0 ? t : -1)).filter((t) => t >= 0);
  const G = e.types[0].endowment.length;
  const m = members.length;
  const total = new Array<number>(G).fill(0);
  for (const t of members) for (let k = 0; k < G; k++) total[k] += n[t] * e.types[t].endowment[k];
  const uStar = members.map((t) => utilityValue(e.types[t].utility, allocation[t]));
  const cols = m * G + 1; // y_{j,k} then δ
  const dCol = m * G;
  const colUpper: number[] = [];
  members.forEach((t) => {
    for (let k = 0; k < G; k++) colUpper.push(total[k] / n[t]);
  });
  colUpper.push(1);
  const colLower = [...new Array<number>(m * G).fill(0), -1];
  const cost = [...new Array<number>(m * G).fill(0), 1];
  const rows: number[][] = [];
  const lower: number[] = [];
  const upper: number[] = [];
  // Resources: Σ_j n_j y_{j,k} ≤ Σ_j n_j e_{j,k}.
  for (let k = 0; k < G; k++) {
    const row = new Array<number>(cols).fill(0);
    members.forEach((t, j) => (row[j * G + k] = n[t]));
    rows.push(row);
    lower.push(-Infinity);
    upper.push(total[k]);
  }
  // A tangent cut of u_j at c: u_j(c) + ∇u_j(c)·(y − c) ≥ u*_j + δ |u*_j|. Points on a face (a zero
  // coordinate) are moved inside first: any tangent of a concave function is a valid outer cut.
  const cut = (j: number, c0: readonly number[]) => {
    const t = members[j];
    const c = c0.map((v, k) => Math.max(v, 1e-9 * (total[k] / n[t])));
    const u = e.types[t].utility;
    const g = gradient(u, c);
    if (!g.every(Number.isFinite)) return;
    const row = new Array<number>(cols).fill(0);
    let rhs = uStar[j] - utilityValue(u, c);
    for (let k = 0; k < G; k++) {
      row[j * G + k] = g[k];
      rhs += g[k] * c[k];
    }
    row[dCol] = -Math.abs(uStar[j]);
    rows.push(row);
    lower.push(rhs);
    upper.push(Infinity);
  };
  // First cuts: at each member's endowment and at its share of the coalition's resources.
  members.forEach((t, j) => {
    cut(j, e.types[t].endowment);
    cut(j, total.map((v) => v / n.reduce((a, b) => a + b, 0)));
  });
  let deltaHi = Infinity;
  let deltaLo = -Infinity;
  let best: (number[] | undefined)[] = n.map(() => undefined);
  // LPs solved (the loop's counter overshoots by one when the budget runs out)
  let solved = 0;
  for (let it = 0; it < maxIterations; it++) {
    solved++;
    const r = solve({ sense: 'maximize', cost, A: rows, rowLower: lower, rowUpper: upper, colLower, colUpper }, { certify: false });
    if (r.status !== 'optimal' || !r.x) break;
    deltaHi = Math.min(deltaHi, r.x[dCol]);
    const ys = members.map((_, j) => Array.from(r.x!.subarray(j * G, (j + 1) * G)));
    const phi = Math.min(...ys.map((y, j) => relativeImprovement(e.types[members[j]].utility, y, uStar[j])));
    if (phi > deltaLo) {
      deltaLo = phi;
      best = n.map(() => undefined);
      members.forEach((t, j) => (best[t] = ys[j]));
    }
    if (gap > 0 ? deltaHi - deltaLo <= gap : deltaHi <= tol || deltaLo > tol) break;
    ys.forEach((y, j) => cut(j, y));
  }
  const decision = deltaHi <= tol ? 'no-block' : deltaLo > tol ? 'blocks' : 'undecided';
  return { deltaHi, deltaLo, best, iterations: solved, decision };
}

/** The homogeneous aggregate g of a CES or Cobb–Douglas utility: u = g for CES, u = −1/g for the Cobb–Douglas cardinalisation (Σα = 1). */
export function aggregateLevel(u: Utility, x: readonly number[]): number {
  if (u.kind === 'ces') return utilityValue(u, x);
  if (u.kind === 'cobb-douglas') return -1 / utilityValue(u, x);
  throw new Error(`aggregateLevel: ${u.kind} is not homothetic`);
}

/**
 * The price index P(p) of a CES / Cobb–Douglas aggregate (the cost of one unit of g; duality):
 * (Σ a_k^σ p_k^{1−σ})^{1/(1−σ)} with a = α/Σα, and ∏ (p_k/a_k)^{a_k} at σ = 1.
 */
export function priceIndex(u: Utility, p: readonly number[]): number {
  if (u.kind !== 'ces' && u.kind !== 'cobb-douglas') throw new Error(`priceIndex: ${u.kind} is not homothetic`);
  const s = u.alpha.reduce((a, b) => a + b, 0);
  const a = u.alpha.map((v) => v / s);
  const sigma = u.kind === 'ces' ? u.sigma : 1;
  if (sigma === 1) return Math.exp(a.reduce((acc, ak, k) => acc + ak * Math.log(p[k] / ak), 0));
  const sum = a.reduce((acc, ak, k) => acc + Math.pow(ak, sigma) * Math.pow(p[k], 1 - sigma), 0);
  return Math.pow(sum, 1 / (1 - sigma));
}

/**
 * The supporting-price certificate (Section 2; the first welfare theorem's argument): at prices p,
 * Σ_t n_t [cheapest cost of a relative improvement δ for type t] − p·Σ_t n_t e_t. Positive: no
 * coalition of composition n can give all its members δ. The cheapest cost is G_t(δ)·P_t(p), with
 * G_t(δ) the aggregate level of u_t(x*_t) + δ|u_t(x*_t)| (CES: g*(1+δ); Cobb–Douglas: g* ÷ (1−δ)).
 */
export function supportingPriceSlack(e: Economy, prices: readonly number[], allocation: readonly (readonly number[])[], n: readonly number[], delta: number): number {
  let slack = 0;
  n.forEach((c, t) => {
    if (c <= 0) return;
    const u = e.types[t].utility;
    const g = aggregateLevel(u, allocation[t]);
    const level = u.kind === 'ces' ? g * (1 + delta) : g / (1 - delta);
    const wealth = e.types[t].endowment.reduce((a, v, k) => a + prices[k] * v, 0);
    slack += c * (level * priceIndex(u, prices) - wealth);
  });
  return slack;
}

/**
 * The largest δ a coalition could afford at prices q: the root d of Σ_t n_t L_t(d) P_t(q) = q·Σ_t n_t e_t
 * (L_t(d) the aggregate level of a relative improvement d, P_t the price index), clamped to [−1, 1].
 * Every q gives an upper bound on δ* (separation: Σ_t n_t e_t lies in the convex set of affordable
 * improvements only if no price vector values it below their cheapest cost), and inf_q is δ*.
 */
export function affordableImprovement(e: Economy, allocation: readonly (readonly number[])[], n: readonly number[], q: readonly number[]): number {
  let value = 0;
  const terms: { cd: boolean; c: number }[] = [];
  n.forEach((c, t) => {
    if (c <= 0) return;
    const u = e.types[t].utility;
    for (let k = 0; k < q.length; k++) value += c * q[k] * e.types[t].endowment[k];
    terms.push({ cd: u.kind === 'cobb-douglas', c: c * aggregateLevel(u, allocation[t]) * priceIndex(u, q) });
  });
  // Solve A/(1−d) + B(1+d) = V (A: the Cobb–Douglas members' cost, B: the CES members'), increasing in d
  // below the pole at 1. B = 0 and A = 0 are linear; otherwise (1−d)·(…) is the quadratic
  // B d² − V d − C = 0, C = A + B − V, whose root below 1 is the smaller, −2C/(V + √((V−2B)² + 4AB)).
  const sum = (cd: boolean) => terms.reduce((a, t) => a + (t.cd === cd ? t.c : 0), 0);
  const [A, B] = [sum(true), sum(false)];
  const d = A === 0 ? value / B - 1 : B === 0 ? 1 - A / value : (-2 * (A + B - value)) / (value + Math.sqrt((value - 2 * B) ** 2 + 4 * A * B));
  return Math.max(-1, Math.min(1, d));
}

/** Nelder–Mead minimisation of f over R^m from x0 (own implementation; m ≤ 4 here; exported for its tests). */
export function nelderMead(f: (x: number[]) => number, x0: readonly number[], step: number, iterations: number, ftol: number): { x: number[]; fx: number } {
  const m = x0.length;
  let simplex = [x0.slice(), ...x0.map((_, i) => x0.map((v, j) => (i === j ? v + step : v)))].map((x) => ({ x, fx: f(x) }));
  for (let it = 0; it < iterations; it++) {
    simplex.sort((a, b) => a.fx - b.fx);
    if (Math.abs(simplex[m].fx - simplex[0].fx) <= ftol && it > 4 * m) break;
    const centroid = new Array<number>(m).fill(0);
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) centroid[j] += simplex[i].x[j] / m;
    const worst = simplex[m];
    const at = (t: number) => centroid.map((c, j) => c + t * (worst.x[j] - c));
    const r = { x: at(-1), fx: 0 };
    r.fx = f(r.x);
    if (r.fx < simplex[0].fx) {
      const ex = { x: at(-2), fx: 0 };
      ex.fx = f(ex.x);
      simplex[m] = ex.fx < r.fx ? ex : r;
    } else if (r.fx < simplex[m - 1].fx) {
      simplex[m] = r;
    } else {
      const c = { x: at(r.fx < worst.fx ? -0.5 : 0.5), fx: 0 };
      c.fx = f(c.x);
      if (c.fx < Math.min(r.fx, worst.fx)) simplex[m] = c;
      else simplex = simplex.map((p, i) => (i === 0 ? p : { x: p.x.map((v, j) => simplex[0].x[j] + 0.5 * (v - simplex[0].x[j])), fx: 0 })).map((p, i) => (i === 0 ? p : { x: p.x, fx: f(p.x) }));
    }
  }
  simplex.sort((a, b) => a.fx - b.fx);
  return simplex[0];
}

/**
 * δ* of a coalition by its dual: min over price vectors q (good 0 = 1, log prices free) of the
 * affordable improvement, by Nelder–Mead from two neutral starts (equal prices, and prices
 * inverse to the coalition's endowments), then a restart from the better — never from Walrasian prices. The value is an upper
 * bound on δ* at whatever q the search stops.
 */
export function dualImprovementBound(e: Economy, allocation: readonly (readonly number[])[], n: readonly number[]): { delta: number; prices: number[] } {
  const G = e.types[0].endowment.length;
  const total = new Array<number>(G).fill(0);
  n.forEach((c, t) => {
    for (let k = 0; k < G; k++) total[k] += c * e.types[t].endowment[k];
  });
  const toPrices = (th: readonly number[]) => [1, ...th.map(Math.exp)];
  const f = (th: number[]) => affordableImprovement(e, allocation, n, toPrices(th));
  let best = { x: new Array<number>(G - 1).fill(0), fx: Infinity };
  for (const start of [new Array<number>(G - 1).fill(0), total.slice(1).map((v) => Math.log(total[0] / v))]) {
    const r = nelderMead(f, start, 0.5, 300, 1e-11);
    if (r.fx < best.fx) best = r;
  }
  best = nelderMead(f, best.x, 0.02, 200, 1e-15); // restart from the better: Nelder–Mead can stall on a collapsed simplex
  return { delta: best.fx, prices: toPrices(best.x) };
}

// ------------------------------------------------------------------ HKW's Claim 1 (Step 5)

export interface FiniteCoalition {
  /** The integer composition n_t = μ_t·L, L the least common denominator of the measures. */
  n: bigint[];
  /** Per-agent trades, exact rationals, with Σ_t n_t z_t ≤ 0 exactly. */
  z: Fraction[][];
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));

/**
 * HKW's Claim 1 as Step 5 uses it: from a coalition of rational measures μ_t and trades z_t with
 * Σ μ_t z_t ≈ 0 (doubles), an integer composition n_t = μ_t·L and exact rational trades with
 * Σ n_t z_t ≤ 0: each good's round-off excess is taken from the type holding most of it after
 * trade (equal treatment within types keeps one trade per type).
 */
export function finiteCoalition(e: Economy, mu: readonly Fraction[], z: readonly (readonly number[])[]): FiniteCoalition {
  let L = 1n;
  for (const m of mu) {
    const d = BigInt(m.d);
    L = (L / gcd(L, d)) * d;
  }
  const n = mu.map((m) => (BigInt(m.n) * L) / BigInt(m.d) * BigInt(m.s));
  const zq = z.map((row) => row.map(exactRational));
  const G = zq[0].length;
  for (let k = 0; k < G; k++) {
    let excess = new Fraction(0);
    n.forEach((c, t) => (excess = excess.add(zq[t][k].mul(c))));
    if (excess.compare(0) <= 0) continue;
    let who = -1;
    let most = -Infinity;
    n.forEach((c, t) => {
      const h = e.types[t].endowment[k] + z[t][k];
      if (c > 0n && h > most) {
        most = h;
        who = t;
      }
    });
    zq[who][k] = zq[who][k].sub(excess.div(n[who]));
  }
  return { n, z: zq };
}

// ------------------------------------------------------------------ 2×2 replicas (Debreu–Scarf)

/** Marginal rate of substitution ∂_1u/∂_0u of good 1 for good 0 at x. */
function mrs(u: Utility, x: readonly number[]): number {
  const g = gradient(u, x);
  return g[1] / g[0];
}

/**
 * The contract curve of a 2×2 economy with equal masses: type 0 holds (s, y(s)), type 1 the rest,
 * with y(s) solving MRS_0(s, y) = MRS_1(Ē_0 − s, Ē_1 − y) (interior Pareto optima).
 */
export function contractPoint(e: Economy, s: number): number[][] {
  const E = [0, 1].map((k) => e.types[0].endowment[k] + e.types[1].endowment[k]);
  const f = (y: number) => Math.log(mrs(e.types[0].utility, [s, y])) - Math.log(mrs(e.types[1].utility, [E[0] - s, E[1] - y]));
  const y = brent(f, E[1] * 1e-12, E[1] * (1 - 1e-12), { xtol: 1e-14 * E[1] }).root;
  return [
    [s, y],
    [E[0] - s, E[1] - y],
  ];
}

/** Type t's good-1 holding on its indifference curve through level G, given good 0 holding y0 (0 where y0 alone reaches G: CES). */
function levelCurve(u: Utility, G: number, y0: number): number {
  if (u.kind !== 'ces' && u.kind !== 'cobb-douglas') return Number.NaN;
  const s = u.alpha[0] + u.alpha[1];
  const a0 = u.alpha[0] / s;
  const a1 = u.alpha[1] / s;
  const sigma = u.kind === 'ces' ? u.sigma : 1;
  if (sigma === 1) return Math.exp((Math.log(G) - a0 * Math.log(y0)) / a1);
  const rho = (sigma - 1) / sigma;
  const rest = Math.pow(G, rho) - a0 * Math.pow(y0, rho);
  return rest > 0 ? Math.pow(rest / a1, 1 / rho) : 0; // beyond the curve's end y0 alone reaches the level
}

/**
 * How much a coalition of a type-0 and b type-1 agents (2×2, equal treatment) can improve type 1
 * (relatively) while type 0 keeps its level at `alloc`: > 0 means the allocation is blocked (a
 * little of that slack, given back, improves type 0 strictly too). Single-type coalitions: the
 * improvement autarky gives over `alloc`.
 */
export function replicaBlockingMargin(e: Economy, alloc: readonly (readonly number[])[], a: number, b: number): number {
  const [u0, u1] = [e.types[0].utility, e.types[1].utility];
  const u1Star = utilityValue(u1, alloc[1]);
  if (b === 0) return relativeImprovement(u0, e.types[0].endowment, utilityValue(u0, alloc[0]));
  if (a === 0) return relativeImprovement(u1, e.types[1].endowment, u1Star);
  const R = [0, 1].map((k) => a * e.types[0].endowment[k] + b * e.types[1].endowment[k]);
  const G0 = aggregateLevel(u0, alloc[0]);
  // Type 0's bundle moves along its indifference curve, parameterised by log y0; type 1 gets the rest per head.
  const value = (ly: number) => {
    const y0 = Math.exp(ly);
    const y1 = levelCurve(u0, G0, y0);
    const rest = [(R[0] - a * y0) / b, (R[1] - a * y1) / b];
    if (!(rest[0] > 0 && rest[1] > 0)) return -Infinity;
    return relativeImprovement(u1, rest, u1Star);
  };
  // Feasible y0: below R_0/a, and above the point where type 0's level curve needs all of R_1/a
  // (the curve falls in y0); found by bisection in log y0, so the scan covers only where the coalition can trade.
  const hi = Math.log(R[0] / a);
  let lo = hi - 60;
  const needs = (ly: number) => {
    const y1 = levelCurve(u0, G0, Math.exp(ly));
    return !(y1 < R[1] / a);
  };
  if (needs(hi)) return -Infinity;
  if (needs(lo)) {
    let a0 = lo;
    let b0 = hi;
    for (let it = 0; it < 200 && b0 - a0 > 1e-13 * Math.max(1, Math.abs(b0)); it++) {
      const mid = (a0 + b0) / 2;
      if (needs(mid)) a0 = mid;
      else b0 = mid;
    }
    lo = b0;
  }
  // A scan first (the image of the curve is unimodal in exact arithmetic; the scan guards the bracket), then Brent.
  let bestI = 0;
  let bestV = -Infinity;
  const K = 64;
  for (let i = 0; i <= K; i++) {
    const v = value(lo + ((hi - lo) * i) / K);
    if (v > bestV) {
      bestV = v;
      bestI = i;
    }
  }
  if (bestV === -Infinity) return -Infinity;
  const l = lo + ((hi - lo) * Math.max(0, bestI - 1)) / K;
  const h = lo + ((hi - lo) * Math.min(K, bestI + 1)) / K;
  const r = brentMin((x) => -value(x), l, h, 1e-13, 100);
  return Math.max(bestV, -r.fx);
}

/**
 * The unblocked part of the contract curve in the r-replica (coalitions of a ≤ r type-0 and
 * b ≤ r type-1 agents), on a grid of type 0's good-0 holding s ∈ (0, Ē_0): the grid points whose
 * every blocking margin is ≤ tol.
 */
export function unblockedOnGrid(e: Economy, r: number, grid: readonly number[], tol: number): boolean[] {
  return grid.map((s) => {
    const alloc = contractPoint(e, s);
    for (let a = 0; a <= r; a++) for (let b = 0; b <= r; b++) if (a + b > 0 && replicaBlockingMargin(e, alloc, a, b) > tol) return false;
    return true;
  });
}
