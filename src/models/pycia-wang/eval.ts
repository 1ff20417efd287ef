/** `mechcheck eval pw.cutoff` (INTERFACES.md): T_1, T_2, β* and, given β, condition (T1-1). */
import { z } from 'zod';
import { firstIssue, InputError, isContinuousSpec, parseDist } from '../../distributions/schema.ts';
import type { Quantity } from '../quantity.ts';
import { conditionT11, cutoffValues } from './cutoff.ts';
import { equalShares } from './market.ts';

/**
 * The largest market `eval` accepts. The cost grows only like log n per integral, but a
 * request carries n shares, and beyond ten thousand agents F^{n−2} needs more care near v̄
 * than the default quadrature budget gives; larger n is refused rather than answered loosely.
 */
export const N_MAX = 10_000;

/** Σ r_i may miss 1 by rounding of decimal shares (0.1 × 10 = 0.9999999999999999), not by more. */
const SHARE_SUM_TOL = 1e-9;

const Request = z.strictObject({
  n: z.number({ message: 'must be a number' }).int('must be a whole number').min(2, 'must be at least 2').max(N_MAX, `must be at most ${N_MAX}`),
  shares: z.array(z.number({ message: 'must be numbers' }).min(0, 'must be ≥ 0').max(1, 'must be ≤ 1')).optional(),
  distribution: z.unknown().refine((v) => v !== undefined, 'is required'),
  beta: z.number({ message: 'must be a number' }).min(0, 'must be ≥ 0 (the paper assumes β ≥ 0)').optional(),
});

export function parseCutoffRequest(req: unknown) {
  const r = Request.safeParse(req);
  if (!r.success) {
    const e = firstIssue(r.error, '', req);
    throw new InputError(e.field, e.detail);
  }
  const { n, beta } = r.data;
  const shares = r.data.shares ?? equalShares(n);
  if (shares.length !== n) throw new InputError('shares', `must have n = ${n} entries (got ${shares.length})`);
  const sum = shares.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) > SHARE_SUM_TOL) throw new InputError('shares', `must sum to 1 (got ${sum})`);
  const spec = r.data.distribution;
  const dist = parseDist(spec, 'distribution');
  if (!isContinuousSpec(dist.spec)) throw new InputError('distribution', 'atoms are outside the model: Pycia–Wang need a continuous F (ties break the efficient rule)');
  return { n, shares: shares.map((x) => x / sum), dist, beta };
}

export const pwCutoff: Quantity = {
  name: 'pw.cutoff',
  description: `Pycia–Wang: T1, T2 and β* = −nT1/(T1+T2) of a market (n ≤ ${N_MAX}, shares default equal); with beta, whether condition (T1-1) holds`,
  evaluate(req) {
    const { n, shares, dist, beta } = parseCutoffRequest(req);
    const c = cutoffValues({ n, shares, dist });
    const out: Record<string, number | boolean | Record<string, number>> = {
      T1: c.T1.value,
      T2: c.T2.value,
      betaStar: c.betaStar,
    };
    if (beta !== undefined) {
      const cond = conditionT11(c.T1.value, c.T2.value, n, beta);
      // At β = β* the condition is exactly 0: accept within its own error estimate.
      const err = (1 + beta / n) * c.T1.abserr + (beta / n) * c.T2.abserr;
      out.efficient = cond >= -err;
      out.condition = cond;
    }
    out.abserr = { T1: c.T1.abserr, T2: c.T2.abserr };
    return out;
  },
};
