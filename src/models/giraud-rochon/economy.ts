/**
 * Giraud & Rochon (2001), Section 2.1: quasi-linear exchange economies with finite types and a
 * common prior, in exact rationals.
 *
 * Agent i of type t_i has u_i(x, t_i) = v_i(x^1..x^{L−1}, t_i) + x^L (good L the numéraire). The
 * real part is quadratic and separable,
 *   v_i(x, t_i) = Σ_{h<L} (a_ih(t_i)·x^h − b_ih(t_i)·(x^h)²/2),   b > 0,  a > b·ω̄^h,
 * so v_i is strictly concave with a gradient ≫ 0 on every feasible bundle (Assumption 1), and the
 * efficient allocation, the Walrasian prices, the AGV transfers and every BIC slack are rational:
 * everything here is exact. Endowments ω_i are type-independent: on a product type space with a
 * full-support prior, Σ_i ω_i(t_i) independent of t forces it (GR.endowments.type-independent).
 * The prior Q lists the probability of each type profile t in lexicographic order (t_1 slowest).
 */
import { exactRational, Fraction } from '../../numeric/rational.ts';

/** An economy as numbers (as a request or a generated case gives it). */
export interface EconomySpec {
  /** Number of types of each agent, |T_i| ≥ 1. */
  types: number[];
  /** a[i][t][h], h = 0..L−2: the marginal utility of good h at 0 for agent i of type t. */
  a: number[][][];
  /** b[i][t][h] > 0: the curvature. */
  b: number[][][];
  /** ω_i ∈ R^L_+ (all L goods, the numéraire last). */
  omega: number[][];
  /** Q(t) for every profile t, lexicographic (t_1 slowest), as weights ≥ 0: Q = weight / Σ weights exactly. */
  prior: number[];
}

/** The same economy in exact rationals. */
export interface Economy {
  N: number;
  L: number;
  types: number[];
  a: Fraction[][][];
  b: Fraction[][][];
  omega: Fraction[][];
  prior: Fraction[];
  /** ω̄ = Σ_i ω_i. */
  total: Fraction[];
}

const ZERO = new Fraction(0);
const sum = (xs: readonly Fraction[]) => xs.reduce((s, x) => s.add(x), ZERO);

function normalised(w: Fraction[]): Fraction[] {
  const total = sum(w);
  if (total.n === 0n) throw new Error('economy: the prior\'s weights sum to 0');
  return w.map((v) => v.div(total));
}

/** The economy of a spec, exactly (doubles read as the rationals they are). */
export function economy(s: EconomySpec): Economy {
  const N = s.types.length;
  const L = s.omega[0].length;
  const omega = s.omega.map((w) => w.map(exactRational));
  return {
    N,
    L,
    types: s.types,
    a: s.a.map((ti) => ti.map((ah) => ah.map(exactRational))),
    b: s.b.map((ti) => ti.map((bh) => bh.map(exactRational))),
    omega,
    prior: normalised(s.prior.map(exactRational)),
    total: Array.from({ length: L }, (_, h) => sum(omega.map((w) => w[h]))),
  };
}

/** Every type profile t, in the prior's order (lexicographic, t_1 slowest). */
export function profiles(types: readonly number[]): number[][] {
  let out: number[][] = [[]];
  for (const k of types) out = out.flatMap((p) => Array.from({ length: k }, (_, t) => [...p, t]));
  return out;
}

/** v_i(x, t_i) on the real goods (Section 2.1 with the quadratic family above). */
export function valueOf(e: Economy, i: number, t: number, x: readonly Fraction[]): Fraction {
  let v = ZERO;
  for (let h = 0; h < e.L - 1; h++) v = v.add(e.a[i][t][h].mul(x[h])).sub(e.b[i][t][h].mul(x[h]).mul(x[h]).div(2));
  return v;
}

/** ∂v_i/∂x^h at x: a − b·x. */
export function marginal(e: Economy, i: number, t: number, h: number, xh: Fraction): Fraction {
  return e.a[i][t][h].sub(e.b[i][t][h].mul(xh));
}

/**
 * The ex post efficient allocation of the real goods at profile t (Section 4): max Σ_i v_i(x_i, t_i)
 * s.t. Σ_i x_i^h = ω̄^h, x_i ≥ 0, good by good (v is separable). With λ_h the common marginal
 * utility, x_i^h = max((a_i − λ_h)/b_i, 0); the agents with the largest a_i hold the good, and
 * λ_h = (Σ_{A} a_i/b_i − ω̄^h)/Σ_{A} 1/b_i over that set A. Returns the allocation and λ (the
 * Walrasian prices of the real goods in numéraire: with quasi-linear utilities the efficient real
 * allocation is the Walrasian one, p*(t) = (λ, 1)).
 */
export function efficientAllocation(e: Economy, t: readonly number[]): { x: Fraction[][]; lambda: Fraction[] } {
  const x: Fraction[][] = Array.from({ length: e.N }, () => []);
  const lambda: Fraction[] = [];
  for (let h = 0; h < e.L - 1; h++) {
    const a = t.map((ti, i) => e.a[i][ti][h]);
    const b = t.map((ti, i) => e.b[i][ti][h]);
    const order = a.map((_, i) => i).sort((i, j) => a[j].compare(a[i]));
    let lam = a[order[0]].sub(b[order[0]].mul(e.total[h])); // one holder: λ = a − b·ω̄
    let S = ZERO;
    let R = ZERO;
    for (let k = 0; k < order.length; k++) {
      const i = order[k];
      S = S.add(a[i].div(b[i]));
      R = R.add(new Fraction(1).div(b[i]));
      const l = S.sub(e.total[h]).div(R);
      // the (k+1)-th largest a holds the good iff its marginal utility at 0 exceeds λ with it in the set
      if (k === 0 || a[i].compare(l) > 0) lam = l;
      else break;
    }
    for (let i = 0; i < e.N; i++) {
      const xi = a[i].sub(lam).div(b[i]);
      x[i][h] = xi.compare(0) > 0 ? xi : ZERO;
    }
    lambda.push(lam);
  }
  return { x, lambda };
}

/** Σ_{t_−i} Q(t): the marginal probability of agent i's type t_i. */
export function marginalOf(e: Economy, i: number, ti: number): Fraction {
  const ps = profiles(e.types);
  return sum(ps.flatMap((p, k) => (p[i] === ti ? [e.prior[k]] : [])));
}

/** Whether the prior is the product of its marginals (independent types). */
export function isIndependent(e: Economy): boolean {
  return profiles(e.types).every((p, k) => e.prior[k].equals(p.reduce((q, ti, i) => q.mul(marginalOf(e, i, ti)), new Fraction(1))));
}
