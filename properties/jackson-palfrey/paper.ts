/** Jackson & Palfrey (1996) as one registered paper: its meta (meta.ts), its claims, and those still pending. */
import { paper } from '../../src/claims/registry.ts';
import { jacksonPalfreyMeta } from './meta.ts';
import { jpClaims, jpPending } from './claims.ts';

export const jacksonPalfrey = paper({ ...jacksonPalfreyMeta, claims: jpClaims, pending: jpPending });
