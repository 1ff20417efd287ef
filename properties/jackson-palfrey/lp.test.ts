import { testClaims } from '../run-claims.ts';
import { jpLpClaims } from './claims-lp.ts';

testClaims(jpLpClaims);
