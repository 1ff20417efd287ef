/**
 * `mechcheck eval hw.competitive-equilibrium` (INTERFACES.md, "hw.competitive-equilibrium"): Hu & Wallace's
 * continuum economy L^z(ε) (Lemma 2, (18)–(20)) — the competitive price, offers β^z, consumption,
 * per-capita totals and the feasibility gap — for complete information (`share` per type) or with states
 * (priors, likelihoods μ_z(x), utilities per state, and the true `state`, whose likelihoods are the shares).
 *
 * The request is validated at the edge by eval.ts's parseHwRequest in its 'share' mode — one schema for both
 * hw.* quantities, so every bad input of issue #13 is the same one-line InputError naming its field.
 */
import type { Json } from '../../types.ts';
import type { Quantity } from '../quantity.ts';
import { competitiveEquilibrium, type ContinuumEconomy } from './continuum.ts';
import { parseHwRequest } from './eval.ts';

/** Validate a hw.competitive-equilibrium request into L^z(ε): the true state's shares and utilities (the only state without states). */
export function parseContinuumRequest(req: unknown): ContinuumEconomy {
  const { economy, weights, state } = parseHwRequest(req, 'share');
  const z = state ?? 0;
  return {
    endowment: economy.endowment,
    epsilon: economy.epsilon,
    types: economy.types.map((t, i) => ({ name: t.name, share: weights[i], utility: t.utility[z] })),
  };
}

/** The result of INTERFACES.md: price, offers and consumption by type name, totals (Q, R), feasibility gap. */
export function continuumResult(e: ContinuumEconomy): Json {
  const ce = competitiveEquilibrium(e);
  const byName = (xs: { q: number; r: number }[]) => Object.fromEntries(e.types.map((t, i) => [t.name, { q: xs[i].q, r: xs[i].r }]));
  return {
    price: ce.price,
    offers: byName(ce.offers),
    consumption: byName(ce.consumption),
    totals: { Q: ce.totals.Q, R: ce.totals.R },
    feasibilityGap: { q: ce.feasibilityGap.q, r: ce.feasibilityGap.r },
    signChanges: ce.signChanges,
  };
}

export const hwCompetitiveEquilibrium: Quantity = {
  name: 'hw.competitive-equilibrium',
  description:
    'Hu–Wallace: the competitive equilibrium of the continuum economy L^z(ε) (Lemma 2): price (the root of (19) on [ε_r/(q̄+ε_q), (r̄+ε_r)/ε_q]), offers β^z (18), consumption, per-capita totals (Q, R) with price = R/Q (20), the feasibility gap, and the sign changes of market clearing on the bracket (1: unique); complete information (types with share) or with states (priors, likelihoods, utilities per state, and the true "state")',
  evaluate(req: unknown): Json {
    return continuumResult(parseContinuumRequest(req));
  },
};
