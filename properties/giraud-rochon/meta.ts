/** Giraud & Rochon (2001) before its claims: code, name, id form and the model's `eval` quantities. */
import type { PaperMeta } from '../../src/claims/types.ts';
import { grOutcome } from '../../src/models/giraud-rochon/eval.ts';
import { grContract } from '../../src/models/giraud-rochon/eval-contract.ts';
import { grAgv, grCompatibility } from '../../src/models/giraud-rochon/eval-incentives.ts';

export const giraudRochonMeta: PaperMeta = {
  id: 'GR',
  name: 'Giraud & Rochon (2001), Generic efficiency and collusion-proofness in exchange economies',
  idPattern: /^GR\.[A-Za-z0-9*.-]+$/,
  quantities: [grOutcome, grContract, grAgv, grCompatibility],
};
