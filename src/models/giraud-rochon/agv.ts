/**
 * Giraud & Rochon (2001), Appendix 6.1 and Definition 4: d'Aspremont–Gérard-Varet transfers for the
 * ex post efficient rule, and the Bayesian incentive constraints, in exact rationals.
 *
 *   f_i(t_i) = E[Σ_{j≠i} v_j(x_j*(t), t_j) | t_i],   θ_i(t) = f_i(t_i) − Σ_{j≠i} f_j(t_j)/(N − 1),
 *
 * and agent i of type t_i reporting r gets, in expectation over t_−i given t_i,
 *   U_i(r | t_i) = E[v_i(x_i*(r, t_−i), t_i) + θ_i(r, t_−i) | t_i];
 * the BIC slack of (i, t_i, r) is U_i(t_i | t_i) − U_i(r | t_i) (≥ 0 for every r: BIC).
 */
import { Fraction } from '../../numeric/rational.ts';
import { efficientAllocation, marginalOf, profiles, valueOf, type Economy } from './economy.ts';

const ZERO = new Fraction(0);

/** Memo of the efficient allocation per profile (an economy's profiles are few). */
function allocations(e: Economy) {
  const ps = profiles(e.types);
  const xs = ps.map((t) => efficientAllocation(e, t).x);
  const key = (t: readonly number[]) => t.reduce((k, ti, i) => k * e.types[i] + ti, 0);
  return { ps, at: (t: readonly number[]) => xs[key(t)], key };
}

/** Q(t_−i | t_i) for each profile with agent i's type t_i, and the profiles' indices. */
function conditional(e: Economy, i: number, ti: number): { k: number; t: number[]; q: Fraction }[] {
  const m = marginalOf(e, i, ti);
  if (m.n === 0n) return [];
  return profiles(e.types).flatMap((t, k) => (t[i] === ti ? [{ k, t, q: e.prior[k].div(m) }] : []));
}

/** f_i(t_i) = E[Σ_{j≠i} v_j(x_j*(t), t_j) | t_i] (0 for a type of probability 0). */
export function expectedExternality(e: Economy, i: number, ti: number): Fraction {
  const { at } = allocations(e);
  let f = ZERO;
  for (const { t, q } of conditional(e, i, ti)) {
    const x = at(t);
    for (let j = 0; j < e.N; j++) if (j !== i) f = f.add(q.mul(valueOf(e, j, t[j], x[j])));
  }
  return f;
}

/** AGV transfers θ_i(t) at every profile (rows in the prior's order). */
export function agvTransfers(e: Economy): Fraction[][] {
  const f = e.types.map((k, i) => Array.from({ length: k }, (_, ti) => expectedExternality(e, i, ti)));
  return profiles(e.types).map((t) =>
    t.map((ti, i) => {
      let others = ZERO;
      for (let j = 0; j < e.N; j++) if (j !== i) others = others.add(f[j][t[j]]);
      return f[i][ti].sub(others.div(e.N - 1));
    }),
  );
}

/** One Bayesian incentive constraint: agent i of type t reporting r. */
export interface BicSlack {
  agent: number;
  type: number;
  report: number;
  /** U_i(t | t) − U_i(r | t): ≥ 0 when truth-telling is at least as good. */
  slack: Fraction;
}

/** Every BIC slack of the efficient rule with transfers `theta` (rows in the prior's order), for types of positive probability. */
export function bicSlacks(e: Economy, theta: readonly (readonly Fraction[])[]): BicSlack[] {
  const { at, key } = allocations(e);
  const out: BicSlack[] = [];
  for (let i = 0; i < e.N; i++) {
    for (let t = 0; t < e.types[i]; t++) {
      const cond = conditional(e, i, t);
      if (!cond.length) continue;
      const U = (r: number) => {
        let u = ZERO;
        for (const { t: prof, q } of cond) {
          const rep = prof.map((v, j) => (j === i ? r : v));
          u = u.add(q.mul(valueOf(e, i, t, at(rep)[i]).add(theta[key(rep)][i])));
        }
        return u;
      };
      const truth = U(t);
      for (let r = 0; r < e.types[i]; r++) if (r !== t) out.push({ agent: i, type: t, report: r, slack: truth.sub(U(r)) });
    }
  }
  return out;
}
