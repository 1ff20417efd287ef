import { testClaims } from '../run-claims.ts';
import { dsvCoverClaims } from './claims-covers.ts';

testClaims(dsvCoverClaims);
