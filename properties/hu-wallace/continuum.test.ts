import { testClaims } from '../run-claims.ts';
import { hwContinuumClaims } from './claims-continuum.ts';

testClaims(hwContinuumClaims);
