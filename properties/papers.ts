/**
 * Every registered paper, before its claims: the one list of papers, in order. `eval` and the
 * CLI's --paper choices read only this, so they load the models, not the claims (and fast-check):
 * `eval` starts in a fraction of the time (issue #10, bench/eval-jsonl.ts). properties/index.ts
 * registers the same papers with their claims and fails if the two lists ever differ.
 */
import { registerQuantities } from '../src/claims/registry.ts';
import type { PaperMeta } from '../src/claims/types.ts';
import { pyciaWangMeta } from './pycia-wang/meta.ts';
import { jacksonPalfreyMeta } from './jackson-palfrey/meta.ts';
import { giraudRochonMeta } from './giraud-rochon/meta.ts';
import { huWallaceMeta } from './hu-wallace/meta.ts';
import { daganSerranoVolijMeta } from './dagan-serrano-volij/meta.ts';

export const paperMetas: readonly PaperMeta[] = [pyciaWangMeta, jacksonPalfreyMeta, giraudRochonMeta, huWallaceMeta, daganSerranoVolijMeta];

/** Every quantity `mechcheck eval` knows, in the order `eval --list` prints them. */
export const quantities = registerQuantities(paperMetas);
