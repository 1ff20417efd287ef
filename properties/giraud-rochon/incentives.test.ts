import { testClaims } from '../run-claims.ts';
import { grIncentiveClaims } from './claims-incentives.ts';

testClaims(grIncentiveClaims);
