/**
 * `mechcheck eval gr.outcome` (INTERFACES.md): Giraud & Rochon's outcome function (Section 2.2) for
 * one action profile — solvency, budget (1), ψ, the projection's θ_h and φ — computed in exact
 * rationals from the request's numbers (outcome.ts), reported as doubles.
 */
import { z } from 'zod';
import { firstIssue } from '../../distributions/schema.ts';
import { InputError } from '../../errors.ts';
import type { Json } from '../../types.ts';
import type { Quantity } from '../quantity.ts';
import { exactProfile, outcome, outcomeNumbers, SOLVENCY_REL_TOL } from './outcome.ts';

/** Players and goods accepted (the exact outcome costs O(N²L) rational operations). */
export const PLAYERS_MAX = 200;
export const GOODS_MAX = 50;

const num = () => z.number({ message: 'must be a number' }).refine(Number.isFinite, 'must be finite');
const nonNeg = () => num().refine((v) => v >= 0, 'must be ≥ 0');

const Request = z.strictObject({
  quotes: z.array(z.array(nonNeg())).min(2, 'must list at least 2 players').max(PLAYERS_MAX, `must list at most ${PLAYERS_MAX} players`),
  demands: z.array(z.array(z.array(num()))),
  endowments: z.array(z.array(nonNeg())),
  transfers: z.array(num()).optional(),
  tolerance: nonNeg().optional(),
});

/** Validate a gr.outcome request: shapes N × L, N × N × L, N × L (and N); last quote entry 1; endowments not zero. */
export function parseOutcomeRequest(req: unknown) {
  const r = Request.safeParse(req);
  if (!r.success) {
    const e = firstIssue(r.error, '', req);
    throw new InputError(e.field, e.detail);
  }
  const { quotes, demands, endowments, transfers, tolerance } = r.data;
  const N = quotes.length;
  const L = quotes[0].length;
  if (L < 1) throw new InputError('quotes[0]', 'must list at least 1 good');
  if (L > GOODS_MAX) throw new InputError('quotes[0]', `must list at most ${GOODS_MAX} goods`);
  quotes.forEach((p, i) => {
    if (p.length !== L) throw new InputError(`quotes[${i}]`, `must have ${L} entries, as quotes[0] (got ${p.length})`);
    if (p[L - 1] !== 1) throw new InputError(`quotes[${i}][${L - 1}]`, `must be 1 (good L is the numéraire; got ${p[L - 1]})`);
  });
  if (demands.length !== N) throw new InputError('demands', `must have ${N} rows, one per player (got ${demands.length})`);
  demands.forEach((row, i) => {
    if (row.length !== N) throw new InputError(`demands[${i}]`, `must have ${N} entries, one per player (got ${row.length})`);
    row.forEach((z, j) => {
      if (z.length !== L) throw new InputError(`demands[${i}][${j}]`, `must have ${L} entries, one per good (got ${z.length})`);
    });
  });
  if (endowments.length !== N) throw new InputError('endowments', `must have ${N} rows, one per player (got ${endowments.length})`);
  endowments.forEach((e, i) => {
    if (e.length !== L) throw new InputError(`endowments[${i}]`, `must have ${L} entries, one per good (got ${e.length})`);
    if (e.every((v) => v === 0)) throw new InputError(`endowments[${i}]`, 'must not be zero (ω_i ≠ 0, footnote 3)');
  });
  if (transfers && transfers.length !== N) throw new InputError('transfers', `must have ${N} entries, one per player (got ${transfers.length})`);
  // The diagonal z_i^i is ignored by the game form (nobody trades with himself): zeroed, so no
  // number the result depends on comes from it.
  const zs = demands.map((row, i) => row.map((z, j) => (i === j ? z.map(() => 0) : z)));
  return { profile: { quotes, demands: zs, endowments, ...(transfers ? { transfers } : {}) }, tolerance: tolerance ?? SOLVENCY_REL_TOL };
}

export const grOutcome: Quantity = {
  name: 'gr.outcome',
  description: `Giraud–Rochon: the game form's outcome for an action profile (quotes p_i with p_i^L = 1, demands z_j^i, endowments e_i; optional Definition 2 transfers): solvency under budget (1) with each trade at the partner's quote (tolerance relative to the player's gross trade value, default ${SOLVENCY_REL_TOL}; 0: exact), ψ, the projection's θ_h and φ, computed in exact rationals`,
  evaluate(req: unknown): Json {
    const { profile, tolerance } = parseOutcomeRequest(req);
    return outcomeNumbers(outcome(exactProfile(profile), tolerance)) as unknown as Json;
  },
};
