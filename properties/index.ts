/**
 * Every registered paper with its claims. A paper's folder exports its meta (meta.ts, listed in
 * properties/papers.ts) and its PaperSpec (paper.ts, listed here), and is added nowhere else: the
 * CLI's --paper choices, `list`, `check`, `eval --list` and the report's paper names come from these.
 */
import { registerPapers } from '../src/claims/registry.ts';
import { paperMetas, quantities as metaQuantities } from './papers.ts';
import { pyciaWang } from './pycia-wang/paper.ts';
import { jacksonPalfrey } from './jackson-palfrey/paper.ts';
import { giraudRochon } from './giraud-rochon/paper.ts';
import { huWallace } from './hu-wallace/paper.ts';
import { daganSerranoVolij } from './dagan-serrano-volij/paper.ts';

export const registered = registerPapers([pyciaWang, jacksonPalfrey, giraudRochon, huWallace, daganSerranoVolij]);

// One list of papers in two files (the light one for `eval`): they must agree, in order.
const metaIds = paperMetas.map((p) => p.id).join(',');
const ids = registered.papers.map((p) => p.id).join(',');
if (metaIds !== ids) throw new Error(`properties/papers.ts lists papers ${metaIds} but properties/index.ts registers ${ids}`);

/** The registered papers, in this order. */
export const papers = registered.papers;

/** Every registered claim, paper by paper, each in catalogue order. */
export const allClaims = registered.claims;

/** Every quantity `mechcheck eval` knows, in the order `eval --list` prints them. */
export const quantities = metaQuantities;
