/**
 * `mechcheck eval dsv.gale-trade` (INTERFACES.md): the trading rule g of Dagan, Serrano & Volij
 * (1999), Section 5, for one bilateral meeting — the proposer's net trade x (the responder gets −x)
 * and its objective −Σ_{k≥1} exp(−|x^k|). Goods are 0-indexed; good 0 is the paper's good 1.
 */
import { z } from 'zod';
import { firstIssue } from '../../distributions/schema.ts';
import { InputError } from '../../errors.ts';
import type { Json } from '../../types.ts';
import type { Quantity } from '../quantity.ts';
import { ENUMERATION_MAX, galeTrade, tradeCaps, TIE_REL } from './trading-rule.ts';

/** Goods accepted (the rule is O(L log L) per integer vector of the indivisible goods). */
export const GALE_GOODS_MAX = 50;

const num = () => z.number({ message: 'must be a number' }).refine(Number.isFinite, 'must be finite');
const nonNeg = () => num().refine((v) => v >= 0, 'must be ≥ 0');
const Side = z.strictObject({ holdings: z.array(nonNeg()), target: z.array(nonNeg()) });

const Request = z.strictObject({
  prices: z.array(num().refine((v) => v > 0, 'must be > 0 (the rule divides by p_0 and water-fills in ln p_k)')).min(1, 'must list at least 1 good').max(GALE_GOODS_MAX, `must list at most ${GALE_GOODS_MAX} goods`),
  indivisible: z.array(z.number({ message: 'must be a number' }).int('must be an integer good index')).optional(),
  proposer: Side,
  responder: Side,
});

/** Validate a dsv.gale-trade request: lengths L, good 0 divisible, integer holdings and targets in indivisible goods. */
export function parseGaleRequest(req: unknown) {
  const r = Request.safeParse(req);
  if (!r.success) {
    const e = firstIssue(r.error, '', req);
    throw new InputError(e.field, e.detail);
  }
  const { prices, proposer, responder } = r.data;
  const L = prices.length;
  const indivisible = new Array<boolean>(L).fill(false);
  (r.data.indivisible ?? []).forEach((k, i) => {
    if (k === 0) throw new InputError(`indivisible[${i}]`, 'good 0 is the paper\'s good 1, the divisible good that balances the budget: it cannot be indivisible');
    if (k < 0 || k >= L) throw new InputError(`indivisible[${i}]`, `must be a good index from 1 to ${L - 1} (got ${k})`);
    if (indivisible[k]) throw new InputError(`indivisible[${i}]`, `lists good ${k} twice`);
    indivisible[k] = true;
  });
  for (const [name, s] of [['proposer', proposer], ['responder', responder]] as const) {
    for (const part of ['holdings', 'target'] as const) {
      const v = s[part];
      if (v.length !== L) throw new InputError(`${name}.${part}`, `must have ${L} entries, one per price (got ${v.length})`);
      v.forEach((x, k) => {
        if (indivisible[k] && !Number.isInteger(x)) throw new InputError(`${name}.${part}[${k}]`, `must be an integer: good ${k} is indivisible (got ${x})`);
      });
    }
  }
  const { dir, cap } = tradeCaps(prices, indivisible, proposer, responder);
  let combos = 1;
  for (let k = 1; k < L; k++) if (indivisible[k] && dir[k] !== 0) combos *= cap[k] + 1;
  if (combos > ENUMERATION_MAX) throw new InputError('indivisible', `the indivisible goods allow ${combos} integer trades, more than the ${ENUMERATION_MAX} the exact enumeration accepts`);
  return { prices, indivisible, proposer, responder };
}

export const dsvGaleTrade: Quantity = {
  name: 'dsv.gale-trade',
  description: `Dagan–Serrano–Volij Section 5: the trading rule g(z_0, z_1) for a proposer and a responder (holdings, targets) at prices p — the proposer's net trade x maximising −Σ_{k≥1} exp(−|x^k|) over B, good 0 balancing p·x = 0 within the holdings; ties among indivisible maximisers (objectives within ${TIE_REL} relative) go to the lexicographically greatest integer vector in good order`,
  evaluate(req: unknown): Json {
    const { prices, indivisible, proposer, responder } = parseGaleRequest(req);
    const g = galeTrade(prices, indivisible, proposer, responder);
    const value = g.trade.reduce((s, x, k) => s + prices[k] * x, 0);
    return { trade: g.trade, objective: g.objective, ties: g.ties, budgetResidual: value };
  },
};
