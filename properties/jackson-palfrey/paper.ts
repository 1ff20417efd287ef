/** Jackson & Palfrey (1996) as one registered paper: its claims (some still pending) and its model's `eval` quantity. */
import { paper } from '../../src/claims/registry.ts';
import { jpEfficientCutoffs } from '../../src/models/jackson-palfrey/eval.ts';
import { jpClaims, jpPending } from './claims.ts';

export const jacksonPalfrey = paper({
  id: 'JP',
  name: 'Jackson & Palfrey (1996), Dynamic efficiency and voluntary implementation in markets with repeated pairwise bargaining',
  idPattern: /^JP\.[A-Za-z0-9*.-]+$/,
  claims: jpClaims,
  quantities: [jpEfficientCutoffs],
  pending: jpPending,
});
