/**
 * Hu & Wallace (2012) as one registered paper: every catalogue row (../shared/CLAIMS.md), in the catalogue's
 * order; rows not encoded yet are declared pending (listed, never counted as checked).
 */
import { paper } from '../../src/claims/registry.ts';
import type { AnyClaim } from '../../src/claims/types.ts';
import { huWallaceMeta } from './meta.ts';
import { hwStage2Claims } from './claims-stage2.ts';
import { hwContinuumClaims } from './claims-continuum.ts';
import { hwStage1Claims } from './claims-stage1.ts';

export const HW_CATALOGUE: readonly string[] = [
  'HW.payoff.identity',
  'HW.Lemma1.one-sided',
  'HW.Lemma1.box-not-better',
  'HW.price-bounds',
  'HW.feasibility.epsilon',
  'HW.Prop1.best-response',
  'HW.Prop1.existence',
  'HW.stage2.mrs-wedge',
  'HW.Lemma2.continuum-equivalence',
  'HW.Lemma2.continuity-in-eps',
  'HW.Prop2.convergence',
  'HW.posterior.aggregation',
  'HW.beliefs.consistent-on-path',
  'HW.stage1.unique-alpha',
  'HW.stage1.separating-generic',
  'HW.Thm1.claim1-loss',
  'HW.Thm1.deviation-vanishes',
  'HW.Thm1.small-N-witness',
  'HW.Thm1.corollary-efficiency',
  'HW.Sec33.no-complete-pooling',
  'HW.A1.generic',
  'HW.Thm2.signal-posterior',
  'HW.Thm2.convergence',
];

/** The claims encoded so far, in catalogue order. */
const encoded: AnyClaim<any>[] = [...hwStage2Claims, ...hwContinuumClaims, ...hwStage1Claims];
const order = new Map(HW_CATALOGUE.map((id, k) => [id, k]));
const claims = [...encoded].sort((a, b) => order.get(a.id)! - order.get(b.id)!);

export const hwPending: readonly string[] = HW_CATALOGUE.filter((id) => !encoded.some((c) => c.id === id));

export const huWallace = paper({ ...huWallaceMeta, claims, pending: hwPending });
