/**
 * `mechcheck eval dsv.simulate` (README, "Evaluating model quantities"): the Section 5 strategies of
 * Dagan, Serrano & Volij (1999) played by a finite population under seeded random matching
 * (simulate.ts). Targets are the certified Walrasian allocation of the realised population (counts as
 * masses, src/economy/walrasian.ts) when the types give utilities, or the given prices and targets,
 * checked to be one (every budget p·f = p·e, every market clearing with the counts).
 */
import { z } from 'zod';
import { firstIssue } from '../../distributions/schema.ts';
import { walrasianEquilibrium, WalrasianRefusal } from '../../economy/walrasian.ts';
import { InputError } from '../../errors.ts';
import { makeRng } from '../../numeric/rng.ts';
import type { Json } from '../../types.ts';
import type { Quantity } from '../quantity.ts';
import { parseWalrasianRequest } from './eval-walrasian.ts';
import { simulate, type SimSpec } from './simulate.ts';

/** Agents accepted in all. */
export const SIM_AGENTS_MAX = 1_000_000;
/** Agent-rounds accepted (N × maxRounds): ~1 µs each, so a request is answered within a couple of minutes at worst. */
export const SIM_WORK_MAX = 100_000_000;
export const SIM_ROUNDS_DEFAULT = 10_000;
/** Relative tolerance for given targets: budgets and market clearing (the rounding of typed decimals). */
export const TARGET_REL_TOL = 1e-9;

const num = () => z.number({ message: 'must be a number' }).refine(Number.isFinite, 'must be finite');

const Request = z.strictObject({
  types: z.array(
    z.strictObject({
      count: z.number({ message: 'must be a number' }).int('must be an integer').min(1, 'must be ≥ 1'),
      endowment: z.array(num()),
      utility: z.unknown().optional(),
      target: z.array(num()).optional(),
    }),
  ).min(1, 'must list at least 1 type').max(200, 'must list at most 200 types'),
  indivisible: z.array(z.number({ message: 'must be a number' })).optional(),
  prices: z.array(num()).optional(),
  alpha: num(),
  p: z.array(num()).min(1, 'must list p(2) at least'),
  tau: num().refine((v) => v > 0, 'must be > 0').optional(),
  seed: z.union([z.number().int('must be an integer'), z.string().max(100)]).optional(),
  maxRounds: z.number({ message: 'must be a number' }).int('must be an integer').min(1, 'must be ≥ 1').optional(),
});

/** Validate a dsv.simulate request and fix the targets (solved and certified, or given and checked). */
export function parseSimulateRequest(req: unknown): { spec: SimSpec; seed: string | number; source: string } {
  const r = Request.safeParse(req);
  if (!r.success) {
    const e = firstIssue(r.error, '', req);
    throw new InputError(e.field, e.detail);
  }
  const d = r.data;
  if (!(d.alpha > 0 && d.alpha < 1)) throw new InputError('alpha', `α = p(1), the share left unmatched each round, must lie in (0, 1) (got ${d.alpha})`);
  d.p.forEach((v, i) => {
    if (v < 0) throw new InputError(`p[${i}]`, `p(${i + 2}) must be ≥ 0 (got ${v})`);
  });
  if (!(d.p[0] > 0)) throw new InputError('p[0]', 'p(2) must be > 0: without bilateral meetings nothing is ever traded (Section 5)');
  const total = d.alpha + d.p.reduce((s, v) => s + v, 0);
  if (Math.abs(total - 1) > 1e-9) throw new InputError('p', `α + Σ p(n) must be 1 (got ${total})`);
  const N = d.types.reduce((s, t) => s + t.count, 0);
  if (N > SIM_AGENTS_MAX) throw new InputError('types', `at most ${SIM_AGENTS_MAX} agents in all (got ${N})`);
  const maxRounds = d.maxRounds ?? Math.max(1, Math.min(SIM_ROUNDS_DEFAULT, Math.floor(SIM_WORK_MAX / N)));
  if (N * maxRounds > SIM_WORK_MAX) throw new InputError('maxRounds', `N × maxRounds must be at most ${SIM_WORK_MAX} (N = ${N}: maxRounds ≤ ${Math.floor(SIM_WORK_MAX / N)})`);

  const withUtility = d.types.map((t) => t.utility !== undefined);
  const withTarget = d.types.map((t) => t.target !== undefined);
  d.types.forEach((t, i) => {
    if (withUtility[i] === withTarget[i]) throw new InputError(`types[${i}]`, 'must give exactly one of utility (targets solved) and target (with prices)');
    if (withUtility[i] !== withUtility[0]) throw new InputError(`types[${i}]`, `must give ${withUtility[0] ? 'a utility' : 'a target'}, as types[0] does`);
  });
  const L = d.types[0].endowment.length;
  let prices: number[];
  let targets: number[][];
  let source: string;
  if (withUtility[0]) {
    if (d.prices) throw new InputError('prices', 'are solved from the utilities: give them only with targets');
    // the Walrasian economy of the realised population: counts as masses
    const econ = { types: d.types.map((t) => ({ mass: t.count, endowment: t.endowment, utility: t.utility })), ...(d.indivisible ? { indivisible: d.indivisible } : {}) };
    let e;
    try {
      e = parseWalrasianRequest(econ);
    } catch (err) {
      if (err instanceof InputError) throw new InputError(err.field.replace(/\.mass$/, '.count'), err.detail);
      throw err;
    }
    try {
      const we = walrasianEquilibrium(e);
      prices = we.prices;
      targets = we.allocation;
    } catch (err) {
      if (err instanceof WalrasianRefusal) throw new InputError('types', err.message);
      throw err;
    }
    source = 'the certified Walrasian allocation of the realised population (counts as masses)';
  } else {
    if (!d.prices) throw new InputError('prices', 'are required when the types give targets');
    prices = d.prices;
    if (prices.length !== L) throw new InputError('prices', `must have ${L} entries, one per good (got ${prices.length})`);
    prices.forEach((v, k) => {
      if (!(v > 0)) throw new InputError(`prices[${k}]`, `must be > 0 (got ${v})`);
    });
    targets = d.types.map((t) => t.target!);
    source = 'given (checked: every budget binds and every market clears with the counts)';
  }
  const indivisible = new Array<boolean>(L).fill(false);
  (d.indivisible ?? []).forEach((k, i) => {
    if (k === 0) throw new InputError(`indivisible[${i}]`, 'good 0 is the paper\'s good 1, the divisible good that balances the budget: it cannot be indivisible');
    if (!Number.isInteger(k) || k < 0 || k >= L) throw new InputError(`indivisible[${i}]`, `must be a good index from 1 to ${L - 1} (got ${k})`);
    if (indivisible[k]) throw new InputError(`indivisible[${i}]`, `lists good ${k} twice`);
    indivisible[k] = true;
  });
  d.types.forEach((t, i) => {
    if (t.endowment.length !== L) throw new InputError(`types[${i}].endowment`, `must have ${L} entries, as types[0] (got ${t.endowment.length})`);
    if (targets[i].length !== L) throw new InputError(`types[${i}].target`, `must have ${L} entries, one per good (got ${targets[i].length})`);
    for (const [name, v] of [['endowment', t.endowment], ['target', targets[i]]] as const)
      v.forEach((x, k) => {
        if (x < 0) throw new InputError(`types[${i}].${name}[${k}]`, `must be ≥ 0 (got ${x})`);
        if (indivisible[k] && !Number.isInteger(x)) throw new InputError(`types[${i}].${name}[${k}]`, `must be an integer: good ${k} is indivisible (got ${x})`);
      });
    const pe = t.endowment.reduce((s, x, k) => s + prices[k] * x, 0);
    const pf = targets[i].reduce((s, x, k) => s + prices[k] * x, 0);
    if (Math.abs(pe - pf) > TARGET_REL_TOL * Math.max(1, pe)) throw new InputError(`types[${i}].target`, `must cost what the endowment is worth at the prices (p·f = ${pf}, p·e = ${pe}): f is a Walrasian bundle`);
  });
  for (let k = 0; k < L; k++) {
    const excess = d.types.reduce((s, t, i) => s + t.count * (targets[i][k] - t.endowment[k]), 0);
    const supply = d.types.reduce((s, t) => s + t.count * t.endowment[k], 0);
    if (Math.abs(excess) > TARGET_REL_TOL * Math.max(1, supply)) throw new InputError(`types[*].target[${k}]`, `good ${k}'s market does not clear with the counts (excess ${excess}): targets must be a Walrasian allocation of this population`);
  }
  const spec: SimSpec = {
    prices,
    indivisible,
    types: d.types.map((t, i) => ({ count: t.count, endowment: t.endowment, target: targets[i] })),
    sizes: [d.alpha, ...d.p],
    tau: d.tau ?? 0.01,
    maxRounds,
  };
  return { spec, seed: d.seed ?? 1, source };
}

export const dsvSimulate: Quantity = {
  name: 'dsv.simulate',
  description: 'Dagan–Serrano–Volij Section 5: the strategies supporting a Walrasian allocation played by a finite population under seeded random matching (α = p(1) unmatched, coalitions of size n with probability p(n), multilateral meetings trade nothing, agents leave at their target) — the share of agents active with β ≥ τ per round and the rounds to an empty market',
  evaluate(req: unknown): Json {
    const { spec, seed, source } = parseSimulateRequest(req);
    const r = simulate(spec, makeRng(`dsv.simulate:${seed}`));
    const converged = r.empty;
    return {
      prices: spec.prices,
      targets: spec.types.map((t) => t.target),
      targetSource: source,
      rounds: r.rounds,
      empty: r.empty,
      share: r.share,
      active: r.active,
      trades: r.trades,
      incomeDrift: r.incomeDrift,
      leaveResidual: r.leaveResidual,
      stalled: r.stalled,
      converged,
      ...(converged ? {} : { reason: r.stalled ? 'stalled: no pair of active agents has a non-zero g-trade while some agent is away from his target (the liquidity gap: payers without good 1)' : `not empty after maxRounds = ${spec.maxRounds} rounds` }),
    } as unknown as Json;
  },
};
