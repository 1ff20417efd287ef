/**
 * `mechcheck eval gr.contract`: the proof of Theorem 1's contract at one state of a quasi-linear
 * economy (complete information) — the Walrasian prices p* = (λ, 1) and allocation x*, the
 * contract's actions (quotes p*, demands (x_i* − ω_i)/N, e_i = ω_i) and the game form's outcome for
 * them (exact solvency), computed in exact rationals (contract.ts), reported as doubles.
 */
import { z } from 'zod';
import { firstIssue } from '../../distributions/schema.ts';
import { InputError } from '../../errors.ts';
import type { Json } from '../../types.ts';
import type { Quantity } from '../quantity.ts';
import { economy } from './economy.ts';
import { contractProfile, walrasian } from './contract.ts';
import { outcome } from './outcome.ts';
import { toNumber, type Fraction } from '../../numeric/rational.ts';

/** Agents and goods accepted (the contract costs O(N²L) rational operations, the allocation a sort per good). */
export const CONTRACT_AGENTS_MAX = 100;
export const CONTRACT_GOODS_MAX = 20;

const num = () => z.number({ message: 'must be a number' }).refine(Number.isFinite, 'must be finite');

const Request = z.strictObject({
  a: z.array(z.array(num())).min(3, 'must list at least 3 agents (Assumption 1)').max(CONTRACT_AGENTS_MAX, `must list at most ${CONTRACT_AGENTS_MAX} agents`),
  b: z.array(z.array(num().refine((v) => v > 0, 'must be > 0 (v strictly concave)'))),
  omega: z.array(z.array(num().refine((v) => v >= 0, 'must be ≥ 0'))),
});

/**
 * Validate a gr.contract request: a[i][h], b[i][h] for the L − 1 real goods of agent i at the state,
 * omega[i] over all L goods (the numéraire last); a > b·ω̄ (v increasing on every feasible bundle).
 */
export function parseContractRequest(req: unknown) {
  const r = Request.safeParse(req);
  if (!r.success) {
    const e = firstIssue(r.error, '', req);
    throw new InputError(e.field, e.detail);
  }
  const { a, b, omega } = r.data;
  const N = a.length;
  const L = (omega[0]?.length ?? 0);
  if (L < 2) throw new InputError('omega[0]', 'must list at least 2 goods (the numéraire last)');
  if (L > CONTRACT_GOODS_MAX) throw new InputError('omega[0]', `must list at most ${CONTRACT_GOODS_MAX} goods`);
  if (b.length !== N) throw new InputError('b', `must have ${N} rows, one per agent (got ${b.length})`);
  if (omega.length !== N) throw new InputError('omega', `must have ${N} rows, one per agent (got ${omega.length})`);
  omega.forEach((w, i) => {
    if (w.length !== L) throw new InputError(`omega[${i}]`, `must have ${L} entries, as omega[0] (got ${w.length})`);
    if (w.every((v) => v === 0)) throw new InputError(`omega[${i}]`, 'must not be zero (footnote 3)');
  });
  const total = Array.from({ length: L - 1 }, (_, h) => omega.reduce((s, w) => s + w[h], 0));
  a.forEach((ai, i) => {
    if (ai.length !== L - 1) throw new InputError(`a[${i}]`, `must have ${L - 1} entries, one per real good (got ${ai.length})`);
    if (b[i].length !== L - 1) throw new InputError(`b[${i}]`, `must have ${L - 1} entries, one per real good (got ${b[i].length})`);
    ai.forEach((v, h) => {
      if (!(v > b[i][h] * total[h])) throw new InputError(`a[${i}][${h}]`, `must exceed b·ω̄ = ${b[i][h] * total[h]} (v increasing on every feasible bundle)`);
    });
  });
  // one type per agent: the state is the economy (complete information)
  return economy({ types: a.map(() => 1), a: a.map((ai) => [ai]), b: b.map((bi) => [bi]), omega, prior: [1] });
}

const nums = (xs: readonly Fraction[]) => xs.map(toNumber);

export const grContract: Quantity = {
  name: 'gr.contract',
  description:
    'Giraud–Rochon, proof of Theorem 1: for one state (a[i], b[i] of v_i = Σ_h a·x − b·x²/2 on the real goods, omega[i] with the numéraire last), the Walrasian prices p* = (λ, 1) and allocation x* (numéraire from p*·x* = p*·ω), the contract (quotes p*, demands (x* − ω)/N to each other player, e = ω) and its outcome: solvency (exact), budgets (1), φ, and whether φ = x*; exact rationals, reported as doubles',
  evaluate(req: unknown): Json {
    const e = parseContractRequest(req);
    const t = e.types.map(() => 0);
    const { p, x } = walrasian(e, t);
    const profile = contractProfile(e, t);
    const o = outcome(profile, 0);
    return {
      prices: nums(p),
      xStar: x.map(nums),
      demands: profile.demands.map((row) => row.map(nums)),
      solvent: o.solvent,
      budget: nums(o.budget),
      phi: o.phi.map(nums),
      phiIsXStar: o.phi.every((r, i) => r.every((v, h) => v.equals(x[i][h]))),
    };
  },
};
