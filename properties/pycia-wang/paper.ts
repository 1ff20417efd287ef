/** Pycia & Wang (2015) as one registered paper: its meta (meta.ts) and its claims. */
import { paper } from '../../src/claims/registry.ts';
import { pyciaWangMeta } from './meta.ts';
import { pwClaims } from './claims.ts';
// Registers the paper's certificate kinds (replay re-verifies saved cases with them).
import './exact-certificates.ts';

export const pyciaWang = paper({ ...pyciaWangMeta, claims: pwClaims });
