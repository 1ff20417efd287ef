/** Pycia & Wang (2015) before its claims: code, name, id form and the model's `eval` quantities. */
import type { PaperMeta } from '../../src/claims/types.ts';
import { pwCutoff } from '../../src/models/pycia-wang/eval.ts';

export const pyciaWangMeta: PaperMeta = {
  id: 'PW',
  name: 'Pycia & Wang (2015), Efficient trade with interdependent values',
  idPattern: /^PW\.[A-Za-z0-9*.-]+$/,
  quantities: [pwCutoff],
};
