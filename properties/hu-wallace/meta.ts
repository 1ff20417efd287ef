/** Hu & Wallace (2012) before its claims: code, name, id form and the model's `eval` quantities. */
import type { PaperMeta } from '../../src/claims/types.ts';
import { hwCompetitiveEquilibrium } from '../../src/models/hu-wallace/eval-continuum.ts';

export const huWallaceMeta: PaperMeta = {
  id: 'HW',
  name: 'Hu & Wallace (2012)',
  idPattern: /^HW\.[A-Za-z0-9*.-]+$/,
  quantities: [hwCompetitiveEquilibrium],
};
