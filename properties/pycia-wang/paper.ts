/** Pycia & Wang (2015) as one registered paper: its claims and its model's `eval` quantities. */
import { paper } from '../../src/claims/registry.ts';
import { pwCutoff } from '../../src/models/pycia-wang/eval.ts';
import { pwClaims } from './claims.ts';
// Registers the paper's certificate kinds (replay re-verifies saved cases with them).
import './exact-certificates.ts';

export const pyciaWang = paper({
  id: 'PW',
  name: 'Pycia & Wang (2015), Efficient trade with interdependent values',
  idPattern: /^PW\.[A-Za-z0-9*.-]+$/,
  claims: pwClaims,
  quantities: [pwCutoff],
});
