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
import { allocationAt, certifyPrice, competitiveEquilibrium, demandByFoc, offerFromConsumption, type ContinuumEconomy, type Goods } from './continuum.ts';
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

/** How the price is certified: a route that shares no code with the solver's closed-form demand and (19). */
export const CONTINUUM_CERTIFIED_BY =
  'first-order conditions (demand by bisection on MRS = p) and the offers form of (20): the excess value is > 0 at price·(1 − δ) and < 0 at price·(1 + δ)';

/**
 * The result of INTERFACES.md: price, offers and consumption by type name, totals (Q, R), feasibility gap —
 * with error bounds from the certification route. The price lies in the bracket certifyPrice finds by the
 * first-order-condition route, so |error| ≤ price·δ; each offer (18) and consumption is monotone in p under
 * §2.1's monotone demand, so its error is at most its change across that bracket plus the disagreement of
 * the closed-form and first-order-condition demands at the price. `converged` is false (with the reason)
 * when that route does not bracket the price within 4^10·1e-12 of it.
 */
export function continuumResult(e: ContinuumEconomy, certify: typeof certifyPrice = certifyPrice): Json {
  const ce = competitiveEquilibrium(e);
  const byName = (xs: { q: number; r: number }[]) => Object.fromEntries(e.types.map((t, i) => [t.name, { q: xs[i].q, r: xs[i].r }]));
  const cert = certify(e, ce.price);
  const gap = (a: Goods, b: Goods) => Math.max(Math.abs(a.q - b.q), Math.abs(a.r - b.r));
  let offersErr = NaN;
  let consumptionErr = NaN;
  if (cert.ok) {
    const lo = allocationAt(e, cert.lo);
    const hi = allocationAt(e, cert.hi);
    const w = ce.price * e.endowment.q + e.endowment.r;
    offersErr = 0;
    consumptionErr = 0;
    e.types.forEach((t, x) => {
      const foc = demandByFoc(t.utility, ce.price, w);
      offersErr = Math.max(offersErr, gap(lo.offers[x], hi.offers[x]) + gap(offerFromConsumption(foc, e.endowment), ce.offers[x]));
      consumptionErr = Math.max(consumptionErr, gap(lo.consumption[x], hi.consumption[x]) + gap(foc, ce.consumption[x]));
    });
  }
  return {
    price: ce.price,
    offers: byName(ce.offers),
    consumption: byName(ce.consumption),
    totals: { Q: ce.totals.Q, R: ce.totals.R },
    feasibilityGap: { q: ce.feasibilityGap.q, r: ce.feasibilityGap.r },
    signChanges: ce.signChanges,
    abserr: cert.ok ? { price: ce.price * cert.relWidth, offers: offersErr, consumption: consumptionErr } : null,
    certifiedBy: CONTINUUM_CERTIFIED_BY,
    converged: cert.ok,
    ...(cert.ok ? {} : { reason: 'the first-order-condition route does not bracket the price within a relative 1e-12·4^10 of it: the price is not certified' }),
  };
}

export const hwCompetitiveEquilibrium: Quantity = {
  name: 'hw.competitive-equilibrium',
  description:
    'Hu–Wallace: the competitive equilibrium of the continuum economy L^z(ε) (Lemma 2): price (the root of (19) on [ε_r/(q̄+ε_q), (r̄+ε_r)/ε_q]), offers β^z (18), consumption, per-capita totals (Q, R) with price = R/Q (20), the feasibility gap, the sign changes of market clearing on the bracket (1: unique), abserr (price, offers, consumption) from a first-order-condition route that brackets the price, certifiedBy and converged; complete information (types with share) or with states (priors, likelihoods, utilities per state, and the true "state")',
  evaluate(req: unknown): Json {
    return continuumResult(parseContinuumRequest(req));
  },
};
