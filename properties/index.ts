/**
 * Every registered paper. A paper's folder exports its PaperSpec (claims, id pattern, `eval`
 * quantities) and is added to this one list, and nowhere else: the CLI's --paper choices, `list`,
 * `check`, `eval --list` and the report's paper names all come from here.
 */
import { registerPapers } from '../src/claims/registry.ts';
import { pyciaWang } from './pycia-wang/paper.ts';
import { jpEfficientCutoffs } from '../src/models/jackson-palfrey/eval.ts';

export const registered = registerPapers([pyciaWang]);

/**
 * `eval` quantities of models whose papers are not registered yet (their claims are still being
 * encoded: a registered paper must carry every catalogue id, test/catalogue.test.ts). They move into
 * their paper's `quantities` when it is registered.
 */
const unregisteredQuantities = [jpEfficientCutoffs];

/** The registered papers, in this order. */
export const papers = registered.papers;

/** Every registered claim, paper by paper, each in catalogue order. */
export const allClaims = registered.claims;

/** Every quantity `mechcheck eval` knows, in the order `eval --list` prints them. */
export const quantities = [...registered.quantities, ...unregisteredQuantities];
if (new Set(quantities.map((q) => q.name)).size !== quantities.length) throw new Error('an eval quantity is registered twice');
