import { testClaims } from '../run-claims.ts';
import { grInterimClaims } from './claims-interim.ts';

testClaims(grInterimClaims);
