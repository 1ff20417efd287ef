/**
 * Dagan, Serrano & Volij (1999) as one registered paper: every catalogue row (../shared/CLAIMS.md), in the catalogue's
 * order; rows not encoded yet are declared pending (listed, never counted as checked).
 */
import { paper } from '../../src/claims/registry.ts';
import type { AnyClaim } from '../../src/claims/types.ts';
import { daganSerranoVolijMeta } from './meta.ts';
import { dsvMarketClaims } from './claims-market.ts';
import { dsvCoverClaims } from './claims-covers.ts';
import { dsvTradeClaims } from './claims-trade.ts';

export const DSV_CATALOGUE: readonly string[] = [
  'DSV.WE.certified',
  'DSV.Thm2.trading-rule',
  'DSV.Thm2.no-income-gain',
  'DSV.Thm2.income-invariant',
  'DSV.Thm2.excess-demand-monotone',
  'DSV.Thm2.feasibility',
  'DSV.Thm2.convergence',
  'DSV.Thm2.liquidity-stall',
  'DSV.Step1.individual-rationality',
  'DSV.core.no-finite-blocking',
  'DSV.Step5.finite-coalition',
  'DSV.core.shrinks',
  'DSV.Ex1.cover',
  'DSV.Prop1.aggregate-risk-aversion',
  'DSV.Prop2.strict',
  'DSV.Prop2.needs-almost-strict',
  'DSV.Ex1.indivisible-market',
];

/** The claims encoded so far, in catalogue order. */
const encoded: AnyClaim<any>[] = [...dsvMarketClaims, ...dsvTradeClaims, ...dsvCoverClaims];
const order = new Map(DSV_CATALOGUE.map((id, k) => [id, k]));
const claims = [...encoded].sort((a, b) => order.get(a.id)! - order.get(b.id)!);

export const dsvPending: readonly string[] = DSV_CATALOGUE.filter((id) => !encoded.some((c) => c.id === id));

export const daganSerranoVolij = paper({ ...daganSerranoVolijMeta, claims, pending: dsvPending });
