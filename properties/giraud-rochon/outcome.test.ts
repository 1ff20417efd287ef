import { testClaims } from '../run-claims.ts';
import { grOutcomeClaims } from './claims-outcome.ts';

testClaims(grOutcomeClaims);
