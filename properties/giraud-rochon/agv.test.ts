import { testClaims } from '../run-claims.ts';
import { grAgvClaims } from './claims-agv.ts';

testClaims(grAgvClaims);
