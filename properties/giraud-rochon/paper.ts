/**
 * Giraud & Rochon (2001) as one registered paper. Its model (src/models/giraud-rochon/:
 * the game form, Theorem 1's contract, AGV transfers, compatibility and interim efficiency), with
 * every catalogue claim encoded, in the catalogue's order (../shared/CLAIMS.md).
 */
import { paper } from '../../src/claims/registry.ts';
import { giraudRochonMeta } from './meta.ts';
import { grOutcomeClaims } from './claims-outcome.ts';
import { grAgvClaims } from './claims-agv.ts';
import { grIncentiveClaims } from './claims-incentives.ts';
import { grInterimClaims } from './claims-interim.ts';
import { grContractClaims } from './claims-contract.ts';

export const GR_CATALOGUE: readonly string[] = [
  'GR.outcome.feasible',
  'GR.outcome.projection-optimal',
  'GR.outcome.bankrupt-gets-zero',
  'GR.outcome.balanced-when-solvent',
  'GR.outcome.not-ir-off-path',
  'GR.outcome.two-step-projection',
  'GR.Thm1.contract',
  'GR.WE.nash',
  'GR.Thm1.strong-collusion-proof',
  'GR.Thm1.arbitrage',
  'GR.AGV.budget-balance',
  'GR.AGV.bic',
  'GR.AGV.correlated-fails',
  'GR.efficiency.outcome-efficient',
  'GR.interim-efficiency.characterisation',
  'GR.IC-IE.nonempty',
  'GR.compatibility.farkas',
  'GR.compatibility.efficient-rules',
  'GR.compatibility.independence',
  'GR.compatibility.not-necessary',
  'GR.Lemma1.revealing-prices',
  'GR.Lemma2.interim-efficient-dominates',
  'GR.endowments.type-independent',
];

/** The claims encoded so far, in catalogue order. */
const encoded = [...grOutcomeClaims, ...grAgvClaims, ...grIncentiveClaims, ...grInterimClaims, ...grContractClaims];
const order = new Map(GR_CATALOGUE.map((id, k) => [id, k]));
const grClaims = [...encoded].sort((a, b) => order.get(a.id)! - order.get(b.id)!);

export const grPending: readonly string[] = GR_CATALOGUE.filter((id) => !encoded.some((c) => c.id === id));

export const giraudRochon = paper({ ...giraudRochonMeta, claims: grClaims, pending: grPending });
