/**
 * Hu & Wallace (2012), Section 2.1: the economy — two goods, per-capita endowment (q̄, r̄), finite
 * types X with a utility per state, finite states Z with prior κ, likelihoods μ_z(x) > 0, the
 * exogenous stage-2 offers ε (Section 2.2) — and the common posterior φ^σ over Z that a type
 * configuration σ induces (Section 3.1), by Bayes in log space: 1 − φ(z) underflows by M ≈ 300.
 */
import { logAddExp, scaleUtility, type TwoGoodUtility } from '../../economy/two-goods.ts';

/** A pair of quantities of the two goods. */
export interface Goods {
  q: number;
  r: number;
}

/** A state z with its prior κ(z). */
export interface HwState {
  name: string;
  prior: number;
}

/** A type x: its likelihood μ_z(x) and utility u(·, ·; x, z), both indexed like the economy's states. */
export interface HwType {
  name: string;
  likelihood: readonly number[];
  utility: readonly TwoGoodUtility[];
}

/** The economy of Section 2.1 plus ε of Section 2.2. One state with prior 1 is complete information. */
export interface HwEconomy {
  endowment: Goods;
  epsilon: Goods;
  states: readonly HwState[];
  types: readonly HwType[];
}

/** A complete-information economy (the state known): one state "z" with prior 1 and likelihood 1. */
export function completeInformation(endowment: Goods, epsilon: Goods, types: readonly { name: string; utility: TwoGoodUtility }[]): HwEconomy {
  return {
    endowment,
    epsilon,
    states: [{ name: 'z', prior: 1 }],
    types: types.map((t) => ({ name: t.name, likelihood: [1], utility: [t.utility] })),
  };
}

/** The posterior over Z: φ(z) and ln φ(z) (the latter exact where φ(z) underflows to 0 or rounds to 1). */
export interface Posterior {
  phi: number[];
  logPhi: number[];
}

/**
 * φ^σ(z) ∝ κ(z) Π_x μ_z(x)^σ(x) (Section 3.1: Bayes from the configuration σ of active agents),
 * normalised by log-sum-exp so that no product of M likelihoods is ever formed.
 */
export function posterior(e: HwEconomy, counts: readonly number[]): Posterior {
  const ll = e.states.map((s, z) => {
    let v = Math.log(s.prior);
    e.types.forEach((t, x) => {
      if (counts[x] !== 0) v += counts[x] * Math.log(t.likelihood[z]);
    });
    return v;
  });
  let norm = -Infinity;
  for (const v of ll) norm = logAddExp(norm, v);
  const logPhi = ll.map((v) => v - norm);
  return { logPhi, phi: logPhi.map(Math.exp) };
}

/** KL(μ_z ‖ μ_z') = Σ_x μ_z(x) ln(μ_z(x)/μ_z'(x)): the per-agent rate at which φ(z')/φ(z) falls (Section 3.1, informativeness). */
export function klLikelihood(e: HwEconomy, z: number, zp: number): number {
  let s = 0;
  for (const t of e.types) s += t.likelihood[z] * (Math.log(t.likelihood[z]) - Math.log(t.likelihood[zp]));
  return s;
}

/** min over z' ≠ z of KL(μ_z ‖ μ_z'), or Infinity with one state. */
export function minKl(e: HwEconomy, z: number): number {
  let m = Infinity;
  for (let zp = 0; zp < e.states.length; zp++) if (zp !== z) m = Math.min(m, klLikelihood(e, z, zp));
  return m;
}

/**
 * A type's expected utility Σ_z φ(z) u(·, ·; x, z) under a posterior (the objective of (10) and (14)),
 * as a `sum` utility. States whose φ(z) underflowed to 0 are dropped (their weight is below any double).
 */
export function expectedUtility(t: HwType, phi: readonly number[]): TwoGoodUtility {
  const terms: TwoGoodUtility[] = [];
  phi.forEach((w, z) => {
    if (w > 0) terms.push(w === 1 ? t.utility[z] : scaleUtility(t.utility[z], w));
  });
  return terms.length === 1 ? terms[0] : { kind: 'sum', terms };
}

/** Counts σ(x) = round(M μ_z(x)), at least 1 each (the deterministic configuration of Prop. 2's sequences). */
export function roundedCounts(e: HwEconomy, z: number, M: number): number[] {
  return e.types.map((t) => Math.max(1, Math.round(M * t.likelihood[z])));
}
