/** Jackson & Palfrey (1996) before its claims: code, name, id form and the model's `eval` quantity. */
import type { PaperMeta } from '../../src/claims/types.ts';
import { jpEfficientCutoffs } from '../../src/models/jackson-palfrey/eval.ts';

export const jacksonPalfreyMeta: PaperMeta = {
  id: 'JP',
  name: 'Jackson & Palfrey (1996), Dynamic efficiency and voluntary implementation in markets with repeated pairwise bargaining',
  idPattern: /^JP\.[A-Za-z0-9*.-]+$/,
  quantities: [jpEfficientCutoffs],
};
