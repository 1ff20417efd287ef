/**
 * `mechcheck eval dsv.walrasian-equilibrium` (INTERFACES.md): the certified Walrasian equilibrium
 * of an exchange economy of types with masses (Dagan, Serrano & Volij 1999, Section 2; existence
 * Section 6), from src/economy/walrasian.ts. Good 0 is the paper's good 1 (the numéraire, price 1).
 */
import { z } from 'zod';
import { firstIssue } from '../../distributions/schema.ts';
import type { Economy } from '../../economy/utilities.ts';
import { checkEconomy, walrasianEquilibrium, WalrasianRefusal } from '../../economy/walrasian.ts';
import { InputError } from '../../errors.ts';
import type { Json } from '../../types.ts';
import type { Quantity } from '../quantity.ts';

/** Types and goods accepted (the solver is dense Newton in n − 1 log prices; beyond, ask a bigger tool). */
export const TYPES_MAX = 200;
export const GOODS_MAX = 20;

const num = () => z.number({ message: 'must be a number' }).refine(Number.isFinite, 'must be finite');
const weights = () => z.array(num()).min(2, 'must list at least 2 goods').max(GOODS_MAX, `must list at most ${GOODS_MAX} goods`);

const UtilitySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('ces'), alpha: weights(), sigma: num() }),
  z.strictObject({ kind: z.literal('cobb-douglas'), alpha: weights() }),
  z.strictObject({ kind: z.literal('exp'), w: weights() }),
  z.strictObject({ kind: z.literal('example1'), v: z.strictObject({ kind: z.literal('exp'), a: num() }), r: num().optional() }),
]);

const Request = z.strictObject({
  types: z
    .array(z.strictObject({ mass: num(), endowment: weights(), utility: UtilitySchema }))
    .min(1, 'must list at least 1 type')
    .max(TYPES_MAX, `must list at most ${TYPES_MAX} types`),
  indivisible: z.array(z.number({ message: 'must be a number' })).optional(),
});

/** Validate a dsv.walrasian-equilibrium request into an Economy (shapes, positivity, σ ≥ 1, Σα = 1, integer indivisible holdings). */
export function parseWalrasianRequest(req: unknown): Economy {
  const r = Request.safeParse(req);
  if (!r.success) {
    const e = firstIssue(r.error, '', req);
    throw new InputError(e.field, e.detail);
  }
  const e: Economy = r.data;
  checkEconomy(e);
  return e;
}

/** Solve and certify; what the solver cannot certify is refused as an InputError naming the field at fault. */
export function evaluateWalrasian(e: Economy): Json {
  e.types.forEach((t, i) => {
    if (t.utility.kind === 'exp' || t.utility.kind === 'example1') {
      throw new InputError(`types[${i}].utility.kind`, `${t.utility.kind} has a demand correspondence; the certified solver needs ces or cobb-douglas`);
    }
  });
  try {
    const { prices, allocation, certificate } = walrasianEquilibrium(e);
    const { tolerances, ...measured } = certificate;
    return { prices, allocation, converged: true, certificate: { ...measured, tolerances: { ...tolerances } } } as unknown as Json;
  } catch (err) {
    if (!(err instanceof WalrasianRefusal)) throw err;
    const field = /indivisible good/.test(err.reason) ? 'indivisible' : 'types';
    throw new InputError(field, err.message);
  }
}

export const dsvWalrasianEquilibrium: Quantity = {
  name: 'dsv.walrasian-equilibrium',
  description:
    'Dagan–Serrano–Volij: the Walrasian equilibrium of types with masses, endowments and utilities (ces σ ≥ 1, cobb-douglas Σα = 1); prices with good 0 = 1, one bundle per type, certified (clearing, budgets, first-order conditions, analytic demand, 48 random budget probes per type); indivisible goods must come out integer',
  evaluate(req: unknown): Json {
    return evaluateWalrasian(parseWalrasianRequest(req));
  },
};
