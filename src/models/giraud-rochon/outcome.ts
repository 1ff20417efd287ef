/**
 * Giraud & Rochon (2001), Section 2.2: the game form's outcome function, in exact rationals.
 *
 * Player i's action is a_i = (p_i, z_i, e_i): a price quote p_i ∈ R_+^L with p_i^L = 1 (good L is
 * the numéraire), net demands z_j^i ∈ R^L addressed to each other player j, and an announced
 * endowment e_i. Budget (1) values each bilateral trade at the *partner's* quote:
 *   Σ_{j≠i} p_j·(z_j^i − z_i^j) ≤ 0      (≤ y_i with the transfers of Definition 2).
 * ψ_i = Σ_{j≠i}(z_j^i − z_i^j) if (1) holds, −e_i otherwise, and the outcome is
 *   φ = proj_i ∘ proj_F((e_k + ψ_k)_k),  F = {x_i ≥ 0, Σ_i x_i ≤ Σ_i e_i},
 * the exact Euclidean projection onto F, which separates by good: φ_i^h = max(y_i^h − θ_h, 0) with
 * the smallest θ_h ≥ 0 that makes the good's total fit (found by sorting).
 *
 * Exact, because the interesting profiles sit on boundaries: at a Walrasian profile every budget
 * binds exactly, and in doubles round-off bankrupts most of them. Inputs given as doubles are read
 * as the rationals they are (exactRational); solvency is decided against a stated tolerance
 * (SOLVENCY_REL_TOL; 0 gives the exact test).
 */
import { exactRational, Fraction, toNumber } from '../../numeric/rational.ts';

/** An action profile: quotes[i] = p_i, demands[i][j] = z_j^i (the diagonal is ignored), endowments[i] = e_i. */
export interface Profile<T = Fraction> {
  quotes: readonly (readonly T[])[];
  demands: readonly (readonly (readonly T[])[])[];
  endowments: readonly (readonly T[])[];
  /** Definition 2's transfers y_i: budget (1) becomes ≤ y_i (absent: all 0). */
  transfers?: readonly T[];
}

/**
 * Default solvency tolerance, relative to the gross value of i's trades Σ_{j≠i} p_j·(|z_j^i| + |z_i^j|):
 * a Walrasian profile typed in decimals (p = 0.333…) misses its binding budget by round-off of this
 * order, and would otherwise bankrupt its player.
 */
export const SOLVENCY_REL_TOL = 1e-9;

const ZERO = new Fraction(0);

/** A profile of doubles as the exact rationals they are. */
export function exactProfile(p: Profile<number>): Profile<Fraction> {
  const v = (xs: readonly number[]) => xs.map(exactRational);
  return {
    quotes: p.quotes.map(v),
    demands: p.demands.map((row) => row.map(v)),
    endowments: p.endowments.map(v),
    ...(p.transfers ? { transfers: v(p.transfers) } : {}),
  };
}

const dot = (a: readonly Fraction[], b: readonly Fraction[]) => a.reduce((s, x, h) => s.add(x.mul(b[h])), ZERO);
const sub = (a: readonly Fraction[], b: readonly Fraction[]) => a.map((x, h) => x.sub(b[h]));

/** Player i's net trade Σ_{j≠i}(z_j^i − z_i^j): what i demands from the others less what they demand from i. */
export function netTrade(p: Profile, i: number): Fraction[] {
  const L = p.endowments[i].length;
  let net = Array.from({ length: L }, () => ZERO);
  for (let j = 0; j < p.quotes.length; j++) if (j !== i) net = net.map((x, h) => x.add(p.demands[i][j][h]).sub(p.demands[j][i][h]));
  return net;
}

/** The left side of budget (1): Σ_{j≠i} p_j·(z_j^i − z_i^j), each trade at the partner's quote. */
export function budgetLhs(p: Profile, i: number): Fraction {
  let s = ZERO;
  for (let j = 0; j < p.quotes.length; j++) if (j !== i) s = s.add(dot(p.quotes[j], sub(p.demands[i][j], p.demands[j][i])));
  return s;
}

/** Σ_{j≠i} p_j·(|z_j^i| + |z_i^j|): the gross value of i's trades, the scale of its budget's round-off. */
export function grossValue(p: Profile, i: number): Fraction {
  let s = ZERO;
  for (let j = 0; j < p.quotes.length; j++) {
    if (j === i) continue;
    for (let h = 0; h < p.quotes[j].length; h++) s = s.add(p.quotes[j][h].abs().mul(p.demands[i][j][h].abs().add(p.demands[j][i][h].abs())));
  }
  return s;
}

/**
 * Projection of one good's holdings y onto {x ≥ 0, Σ x ≤ E} (E ≥ 0): x_i = max(y_i − θ, 0) with the
 * smallest θ ≥ 0 for which Σ x ≤ E. θ = 0 when the positive parts fit; otherwise, with y sorted
 * downwards and S_k the sum of the k largest, θ = (S_k − E)/k for the largest k with y_(k) > θ_k
 * (the k players left with something). With E = 0 nothing is left: θ = max y.
 */
export function projectGood(y: readonly Fraction[], E: Fraction): { x: Fraction[]; theta: Fraction } {
  if (E.s < 0n && E.n !== 0n) throw new Error(`projectGood: the total ${E.toFraction()} is negative`);
  const positive = y.reduce((s, v) => (v.s > 0n ? s.add(v) : s), ZERO);
  if (positive.compare(E) <= 0) return { x: y.map((v) => (v.s > 0n ? v : ZERO)), theta: ZERO };
  const sorted = [...y].sort((a, b) => b.compare(a));
  let theta = sorted[0]; // E = 0: nothing is left
  let S = ZERO;
  for (let k = 1; k <= sorted.length; k++) {
    S = S.add(sorted[k - 1]);
    const t = S.sub(E).div(k);
    if (sorted[k - 1].compare(t) > 0) theta = t;
    else break; // y_(k) ≤ θ_k: the k-th is left with nothing, and so are all below it
  }
  return { x: y.map((v) => (v.compare(theta) > 0 ? v.sub(theta) : ZERO)), theta };
}

/** proj_F for holdings y (N × L) and totals E (L): per good, projectGood. */
export function projectF(y: readonly (readonly Fraction[])[], E: readonly Fraction[]): { x: Fraction[][]; theta: Fraction[] } {
  const N = y.length;
  const x: Fraction[][] = Array.from({ length: N }, () => []);
  const theta: Fraction[] = [];
  E.forEach((Eh, h) => {
    const r = projectGood(y.map((yi) => yi[h]), Eh);
    r.x.forEach((v, i) => (x[i][h] = v));
    theta.push(r.theta);
  });
  return { x, theta };
}

/** Everything the outcome function computes for a profile, exactly. */
export interface Outcome {
  solvent: boolean[];
  /** Left side of (1) per player. */
  budget: Fraction[];
  /** The tolerance (1) was tested with, per player. */
  tolerance: Fraction[];
  psi: Fraction[][];
  /** θ_h of proj_F per good. */
  theta: Fraction[];
  phi: Fraction[][];
}

/**
 * The outcome φ(a) of Section 2.2 (with Definition 2's transfers when given). `relTol` scales the
 * solvency tolerance by each player's gross trade value (default SOLVENCY_REL_TOL; 0: exact).
 */
export function outcome(p: Profile, relTol: number | Fraction = SOLVENCY_REL_TOL): Outcome {
  const N = p.quotes.length;
  const rel = relTol instanceof Fraction ? relTol : exactRational(relTol);
  const budget: Fraction[] = [];
  const tolerance: Fraction[] = [];
  const solvent: boolean[] = [];
  const psi: Fraction[][] = [];
  for (let i = 0; i < N; i++) {
    const lhs = budgetLhs(p, i);
    const tol = rel.mul(grossValue(p, i));
    const y = p.transfers ? p.transfers[i] : ZERO;
    const ok = lhs.compare(y.add(tol)) <= 0;
    budget.push(lhs);
    tolerance.push(tol);
    solvent.push(ok);
    psi.push(ok ? netTrade(p, i) : p.endowments[i].map((v) => v.neg()));
  }
  const L = p.endowments[0].length;
  const E = Array.from({ length: L }, (_, h) => p.endowments.reduce((s, e) => s.add(e[h]), ZERO));
  const { x, theta } = projectF(p.endowments.map((e, i) => e.map((v, h) => v.add(psi[i][h]))), E);
  return { solvent, budget, tolerance, psi, theta, phi: x };
}

/** An outcome's numbers as doubles (each the double nearest the exact value). */
export function outcomeNumbers(o: Outcome) {
  const n = (q: Fraction) => toNumber(q);
  return {
    solvent: o.solvent,
    budget: o.budget.map(n),
    psi: o.psi.map((r) => r.map(n)),
    theta: o.theta.map(n),
    phi: o.phi.map((r) => r.map(n)),
  };
}

/**
 * The outcome in floating point, for searches over many profiles (bench/gr.ts: N = 50, L = 10 in
 * well under a millisecond): the same steps as `outcome` on doubles — budget (1) at the partner's
 * quote against the same relative tolerance, ψ, and proj_F per good by sorting. Where a budget sits
 * on its boundary or a projection on a kink, decide with the exact `outcome` (test/giraud-rochon
 * checks the two agree away from those boundaries).
 */
export function outcomeFloat(p: Profile<number>, relTol = SOLVENCY_REL_TOL): { solvent: boolean[]; budget: number[]; psi: number[][]; theta: number[]; phi: number[][] } {
  const N = p.quotes.length;
  const L = p.endowments[0].length;
  const solvent: boolean[] = [];
  const budget: number[] = [];
  const psi: number[][] = [];
  for (let i = 0; i < N; i++) {
    let lhs = 0;
    let gross = 0;
    const net = new Array<number>(L).fill(0);
    for (let j = 0; j < N; j++) {
      if (j === i) continue;
      const q = p.quotes[j];
      const mine = p.demands[i][j];
      const theirs = p.demands[j][i];
      for (let h = 0; h < L; h++) {
        const d = mine[h] - theirs[h];
        net[h] += d;
        lhs += q[h] * d;
        gross += Math.abs(q[h]) * (Math.abs(mine[h]) + Math.abs(theirs[h]));
      }
    }
    const ok = lhs <= (p.transfers ? p.transfers[i] : 0) + relTol * gross;
    budget.push(lhs);
    solvent.push(ok);
    psi.push(ok ? net : p.endowments[i].map((v) => -v));
  }
  const phi: number[][] = Array.from({ length: N }, () => new Array<number>(L).fill(0));
  const theta: number[] = [];
  const y = new Float64Array(N);
  for (let h = 0; h < L; h++) {
    let E = 0;
    let positive = 0;
    for (let i = 0; i < N; i++) {
      E += p.endowments[i][h];
      y[i] = p.endowments[i][h] + psi[i][h];
      if (y[i] > 0) positive += y[i];
    }
    let t = 0;
    if (positive > E) {
      const sorted = Float64Array.from(y).sort().reverse();
      t = sorted[0];
      let S = 0;
      for (let k = 1; k <= N; k++) {
        S += sorted[k - 1];
        const tk = (S - E) / k;
        if (sorted[k - 1] > tk) t = tk;
        else break;
      }
    }
    theta.push(t);
    for (let i = 0; i < N; i++) phi[i][h] = y[i] > t ? y[i] - t : 0;
  }
  return { solvent, budget, psi, theta, phi };
}
