/**
 * Hu & Wallace (2012), Theorem 1 (Section 3.2 and its proof in Section 4): the candidate separating
 * equilibrium's stage-1 incentive. A type-x agent who offers a ∈ I(x̄) is read as x̄ by every other active
 * agent (φ*, (7)); they then play β^{σ'} with σ' = ξ + e_x̄ (26), where ξ counts the other M − 1 active
 * agents' types; the agent itself knows σ* = ξ + e_x and best-responds by (10) to their totals (25). Its
 * expected stage-2 utility F_x^N(a) of (23) depends on a only through x̄, so the stage-1 problem (22) is
 * G_x^N(a) = (N−M)/N · G_x(a) + M/N · F_x(x̄).
 *
 * F_x(x̄) is an expectation over z ~ τ_x and ξ ~ Multinomial(M − 1, μ_z): exact, by enumerating the count
 * vectors ξ (few types, small M; each β^σ solved once per configuration and cached), or Monte Carlo with
 * common random numbers — the same draws of (z, ξ) for every x̄, so the gain F_x(x̄) − F_x(x) keeps its
 * sign under noise far smaller than either term's.
 */
import { lgamma } from '../../numeric/special.ts';
import { utilityValue } from '../../economy/two-goods.ts';
import { expectedUtility, posterior, type Goods, type HwEconomy } from './economy.ts';
import { bestResponse, payoff, stage2Equilibrium, type Stage2Equilibrium } from './stage2.ts';
import { inactiveLoss, solveStage1, type Stage1Solution } from './stage1.ts';

/** β^σ per configuration, solved once: the expectations revisit each σ many times. */
export class EquilibriumCache {
  private readonly map = new Map<string, Stage2Equilibrium>();
  solves = 0;
  constructor(readonly e: HwEconomy) {}
  get(sigma: readonly number[]): Stage2Equilibrium {
    const key = sigma.join(',');
    let b = this.map.get(key);
    if (!b) {
      b = stage2Equilibrium(this.e, sigma);
      this.map.set(key, b);
      this.solves++;
    }
    return b;
  }
}

/**
 * The defector's stage-2 problem (10): a type-x agent read as x̄ by others whose types count ξ. Others play
 * β^{σ'}(y), σ' = ξ + e_x̄; their totals (25) are (Q_−, R_−) = Mε + Σ_y ξ(y) β^{σ'}(y); the agent's own
 * posterior is φ^{σ*}, σ* = ξ + e_x, and it plays the unique best response to (Q_−, R_−). With x̄ = x it is
 * a nondefector and plays β^σ(x) (Section 3.2, after (10)). Returns its consumption (2).
 */
export function stage2Consumption(cache: EquilibriumCache, x: number, xbar: number, xi: readonly number[]): Goods {
  const e = cache.e;
  const M = xi.reduce((a, b) => a + b, 0) + 1;
  const sigmaOthers = xi.map((c, y) => c + (y === xbar ? 1 : 0));
  const beta = cache.get(sigmaOthers);
  let Qm = M * e.epsilon.q;
  let Rm = M * e.epsilon.r;
  xi.forEach((c, y) => {
    Qm += c * beta.offers[y].q;
    Rm += c * beta.offers[y].r;
  });
  let b: Goods;
  if (xbar === x) b = beta.offers[x];
  else {
    const own = xi.map((c, y) => c + (y === x ? 1 : 0));
    b = bestResponse(expectedUtility(e.types[x], posterior(e, own).phi), e.endowment, Qm, Rm);
  }
  return payoff(e.endowment, b, Qm, Rm);
}

/** ln of the multinomial pmf of counts c under probabilities p. */
function logMultinomial(c: readonly number[], p: readonly number[]): number {
  const n = c.reduce((a, b) => a + b, 0);
  let v = lgamma(n + 1);
  c.forEach((ci, i) => {
    v += ci * Math.log(p[i]) - lgamma(ci + 1);
  });
  return v;
}

/** Every vector of k non-negative integers summing to n (compositions), in lexicographic order. */
export function* compositions(n: number, k: number): Generator<number[]> {
  const c = new Array<number>(k).fill(0);
  function* rec(i: number, left: number): Generator<number[]> {
    if (i === k - 1) {
      c[i] = left;
      yield [...c];
      return;
    }
    for (let v = left; v >= 0; v--) {
      c[i] = v;
      yield* rec(i + 1, left - v);
    }
  }
  yield* rec(0, n);
}

/** The number of compositions of n into k parts, C(n + k − 1, k − 1). */
export function compositionCount(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i < k; i++) r = (r * (n + i)) / i;
  return Math.round(r);
}

/** F_x(x̄) for several x̄ at once, with how it was computed. */
export interface StageTwoValues {
  /** F[x̄] = E_{z~τ_x, ξ~γ_z}[u(consumption; x, z)] (eq. 23). */
  F: number[];
  /** Standard error of F[x̄] − F[x] (0 when exact). */
  se: number[];
  method: 'exact' | 'monte-carlo';
  /** Probability mass left out of the exact sum (terms below 1e-16 relative), or 0. */
  skippedMass: number;
  terms: number;
}

/**
 * F_x(x̄) of (23) by exact enumeration of ξ ∈ compositions(M − 1, k), weights Σ_z τ_x(z) Mult(ξ; μ_z)
 * (Section 4, proof of Theorem 1). Terms whose weight is below 1e-16 of the largest are skipped and their
 * mass reported.
 */
export function expectedStage2Exact(cache: EquilibriumCache, s: Stage1Solution, x: number, xbars: readonly number[], M: number): StageTwoValues {
  const e = cache.e;
  const k = e.types.length;
  const mu = e.states.map((_, z) => e.types.map((t) => t.likelihood[z]));
  const tx = s.tau[x];
  const F = xbars.map(() => 0);
  let skipped = 0;
  let terms = 0;
  for (const xi of compositions(M - 1, k)) {
    const w = tx.map((t, z) => t * Math.exp(logMultinomial(xi, mu[z])));
    const wt = w.reduce((a, b) => a + b, 0);
    if (wt < 1e-16) {
      skipped += wt;
      continue;
    }
    terms++;
    xbars.forEach((xb, j) => {
      const c = stage2Consumption(cache, x, xb, xi);
      F[j] += w.reduce((acc, wz, z) => acc + wz * utilityValue(e.types[x].utility[z], c.q, c.r), 0);
    });
  }
  return { F, se: xbars.map(() => 0), method: 'exact', skippedMass: skipped, terms };
}

/** `draws` type-count vectors ξ ~ Multinomial(M − 1, μ_z) per state z, from `rand` (one agent at a time by inverse CDF). */
export function drawOthers(e: HwEconomy, M: number, draws: number, rand: () => number): number[][][] {
  const k = e.types.length;
  return e.states.map((_, z) => {
    const cum: number[] = [];
    e.types.reduce((acc, t, y) => (cum[y] = acc + t.likelihood[z]), 0);
    return Array.from({ length: draws }, () => {
      const xi = new Array<number>(k).fill(0);
      for (let i = 0; i < M - 1; i++) {
        const v = rand() * cum[k - 1];
        let y = 0;
        while (y < k - 1 && v >= cum[y]) y++;
        xi[y]++;
      }
      return xi;
    });
  });
}

/**
 * F_x(x̄) of (23) by Monte Carlo over pre-drawn samples[z] of ξ ~ Multinomial(M − 1, μ_z), stratified over z
 * with weights τ_x(z). The same samples serve every x and x̄ (common random numbers), so the gain
 * F_x(x̄) − F_x(x) is averaged draw by draw; its standard error is Σ_z τ_x(z)² Var_z(gain)/n, square-rooted.
 */
export function expectedStage2MonteCarlo(cache: EquilibriumCache, s: Stage1Solution, x: number, xbars: readonly number[], samples: readonly (readonly number[][])[]): StageTwoValues {
  const e = cache.e;
  const tx = s.tau[x];
  const F = xbars.map(() => 0);
  const variance = xbars.map(() => 0);
  const self = xbars.indexOf(x);
  let terms = 0;
  samples.forEach((draws, z) => {
    const n = draws.length;
    const u = e.types[x].utility[z];
    const sum = xbars.map(() => 0);
    const sumSq = xbars.map(() => 0);
    for (const xi of draws) {
      const vals = xbars.map((xb) => {
        const c = stage2Consumption(cache, x, xb, xi);
        return utilityValue(u, c.q, c.r);
      });
      terms++;
      vals.forEach((v, j) => {
        F[j] += (tx[z] * v) / n;
        const d = self >= 0 ? v - vals[self] : v;
        sum[j] += d;
        sumSq[j] += d * d;
      });
    }
    sum.forEach((sj, j) => {
      const varZ = n > 1 ? Math.max(0, (sumSq[j] - (sj * sj) / n) / (n - 1)) : Infinity;
      variance[j] += (tx[z] * tx[z] * varZ) / n;
    });
  });
  return { F, se: variance.map(Math.sqrt), method: 'monte-carlo', skippedMass: 0, terms };
}

/** Theorem 1's check at one M (N = the smallest N with ⌈(1 − η)N⌉ = M): gains, losses and the verdict. */
export interface CandidateAtM {
  M: number;
  N: number;
  /** gain[x][x̄] = F_x(x̄) − F_x(x): the active agent's stage-2 gain from being read as x̄ (0 on the diagonal). */
  gain: number[][];
  se: number[][];
  /** loss[x][x̄] = ℓ_x(x̄) (inactive loss; 0 on the diagonal). */
  loss: number[][];
  /** max over x ≠ x̄ of (M/N)·gain − ((N−M)/N)·loss: > 0 means some type deviates (the candidate is not an equilibrium). */
  worstNet: number;
  worstPair: [number, number];
  method: 'exact' | 'monte-carlo';
  solves: number;
}

/** M = ⌈(1 − η)N⌉, the number of active agents among N (Section 2.2); η·N is nudged so that a rational η·N lands on its integer. */
export function activeFor(N: number, eta: number): number {
  // (1 − η)·N in doubles is off by a few ulps of N (1 − η is rounded once, the product once): the nudge
  // grows with N, else an exact integer such as 0.55·40980 = 22539 rounds up to 22540
  return Math.ceil((1 - eta) * N - Math.max(1e-12, 8 * Number.EPSILON * N));
}

/** N with ⌈(1 − η)N⌉ = M, the smallest such (M agents active out of N; Section 2.2). */
export function populationFor(M: number, eta: number): number {
  // ⌈(1 − η)N⌉ ≥ M iff (1 − η)N > M − 1: the first such N. The start is never past the answer: at
  // ⌊(M − 1)/(1 − η)⌋ the product is at most M − 1 plus a rounding, which activeFor's nudge absorbs;
  // it can be one short (the quotient rounded down onto an integer), hence the upward step
  let N = Math.max(M, Math.floor((M - 1) / (1 - eta)) + 1);
  while (activeFor(N, eta) < M) N++;
  return N;
}

/**
 * The stage-1 incentive of the candidate at M active agents (proof of Theorem 1, (22)): for each type x and
 * each x̄ ≠ x, the net gain (M/N)(F_x(x̄) − F_x(x)) − ((N−M)/N) ℓ_x(x̄). Exact when the composition count is
 * at most `exactLimit`, else Monte Carlo with `draws` per state from `rand`.
 */
export function candidateAtM(e: HwEconomy, eta: number, M: number, opts: { exactLimit?: number; draws?: number; rand?: () => number; cache?: EquilibriumCache; s?: Stage1Solution; N?: number } = {}): CandidateAtM {
  const s = opts.s ?? solveStage1(e);
  const cache = opts.cache ?? new EquilibriumCache(e);
  const k = e.types.length;
  const N = opts.N ?? populationFor(M, eta);
  const all = [...Array(k).keys()];
  const exact = compositionCount(M - 1, k) <= (opts.exactLimit ?? 2000);
  const gain: number[][] = [];
  const se: number[][] = [];
  const loss: number[][] = [];
  let worstNet = -Infinity;
  let worstPair: [number, number] = [-1, -1];
  const mc = !exact && opts.rand !== undefined;
  const samples = mc ? drawOthers(e, M, opts.draws ?? 64, opts.rand!) : [];
  let method: 'exact' | 'monte-carlo' = 'exact';
  for (let x = 0; x < k; x++) {
    const v = mc ? expectedStage2MonteCarlo(cache, s, x, all, samples) : expectedStage2Exact(cache, s, x, all, M);
    method = v.method;
    gain.push(all.map((xb) => v.F[xb] - v.F[x]));
    se.push(v.se);
    loss.push(all.map((xb) => (xb === x ? 0 : inactiveLoss(e, s, x, xb))));
    for (const xb of all) {
      if (xb === x) continue;
      const net = (M / N) * gain[x][xb] - ((N - M) / N) * loss[x][xb];
      if (net > worstNet) {
        worstNet = net;
        worstPair = [x, xb];
      }
    }
  }
  return { M, N, gain, se, loss, worstNet, worstPair, method, solves: cache.solves };
}
