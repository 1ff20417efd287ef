/** Dagan, Serrano & Volij (1999) before its claims: code, name, id form and the model's `eval` quantities. */
import type { PaperMeta } from '../../src/claims/types.ts';
import { dsvWalrasianEquilibrium } from '../../src/models/dagan-serrano-volij/eval-walrasian.ts';
import { dsvGaleTrade } from '../../src/models/dagan-serrano-volij/eval-gale.ts';
import { dsvSimulate } from '../../src/models/dagan-serrano-volij/eval-simulate.ts';

export const daganSerranoVolijMeta: PaperMeta = {
  id: 'DSV',
  name: 'Dagan, Serrano & Volij (1999)',
  idPattern: /^DSV\.[A-Za-z0-9*.-]+$/,
  quantities: [dsvWalrasianEquilibrium, dsvGaleTrade, dsvSimulate],
};
