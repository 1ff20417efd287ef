/**
 * Every registered paper. A paper's folder exports its PaperSpec (claims, id pattern, `eval`
 * quantities) and is added to this one list, and nowhere else: the CLI's --paper choices, `list`,
 * `check`, `eval --list` and the report's paper names all come from here.
 */
import { registerPapers } from '../src/claims/registry.ts';
import { pyciaWang } from './pycia-wang/paper.ts';
import { jacksonPalfrey } from './jackson-palfrey/paper.ts';

export const registered = registerPapers([pyciaWang, jacksonPalfrey]);

/** The registered papers, in this order. */
export const papers = registered.papers;

/** Every registered claim, paper by paper, each in catalogue order. */
export const allClaims = registered.claims;

/** Every quantity `mechcheck eval` knows, in the order `eval --list` prints them. */
export const quantities = registered.quantities;
