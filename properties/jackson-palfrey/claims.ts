/**
 * Jackson & Palfrey (1996): every catalogue row, in the catalogue's order (../shared/CLAIMS.md,
 * section JP). Rows not encoded yet are `pending`: `list` names them and the catalogue test holds
 * claims and pending together to the catalogue's rows.
 */
import type { AnyClaim } from '../../src/claims/types.ts';
import { jpGamesClaims } from './claims-games.ts';
import { jpMarketAClaims } from './claims-market-a.ts';
import { jpMarketBClaims } from './claims-market-b.ts';
import { jpEquilibriaClaims } from './claims-equilibria.ts';
import { jpLpClaims } from './claims-lp.ts';
import { jpThm4Claims } from './claims-thm4.ts';

/** The JP section's ids, in the catalogue's order. */
export const JP_CATALOGUE = [
  'JP.evolution.mass-balance',
  'JP.utility.reservation-identity',
  'JP.efficiency.price-independence',
  'JP.Ex1.closed-form',
  'JP.Ex1.printed-equation',
  'JP.Ex1.below-competitive',
  'JP.Thm1.efficient-cutoffs',
  'JP.efficient-is-cutoff',
  'JP.Cor1.decreasing',
  'JP.Cor1.below-competitive',
  'JP.Thm2.efficient-cutoffs',
  'JP.Thm1.vs-Thm2',
  'JP.Thm2.homogeneous-reduction',
  'JP.Thm2.reduction-as-printed',
  'JP.Thm6.lemma-trade-iff-IR',
  'JP.Thm5.bi-price-monotone',
  'JP.Thm3.necessary-conditions',
  'JP.Thm4.sufficiency',
  'JP.reservation-prices-nonmonotone',
  'JP.Sec6.seller-tioli-implements',
  'JP.Sec6.discounting',
  'JP.Ex2.two-equilibria',
  'JP.Ex2.all-wait-violates-iii',
  'JP.Prop1.limits',
  'JP.Prop1.efficient-not-attainable',
  'JP.Prop1.naive-conjecture',
  'JP.Cond*.example2',
  'JP.Sec7.announcement-mechanism',
  'JP.finite.law-of-large-numbers',
] as const;

const encoded: readonly AnyClaim<any>[] = [...jpGamesClaims, ...jpMarketAClaims, ...jpMarketBClaims, ...jpEquilibriaClaims, ...jpLpClaims, ...jpThm4Claims];
const rank = new Map<string, number>(JP_CATALOGUE.map((id, k) => [id, k]));

/** The encoded JP claims, in catalogue order. */
/** The suite's own findings (not catalogue rows; test/catalogue.test.ts allows them), each listed after the row it concerns. */
const AFTER: Record<string, string> = { 'JP.Thm4.b-prime-as-printed': 'JP.Thm4.sufficiency' };
const rankOf = (id: string) => rank.get(id) ?? (id in AFTER ? rank.get(AFTER[id])! + 0.5 : 1e9);
export const jpClaims: readonly AnyClaim<any>[] = [...encoded].sort((a, b) => rankOf(a.id) - rankOf(b.id));

/** Catalogue rows not encoded yet. */
export const jpPending: readonly string[] = JP_CATALOGUE.filter((id) => !encoded.some((c) => c.id === id));
