import { testClaims } from '../run-claims.ts';
import { hwStage2Claims } from './claims-stage2.ts';

testClaims(hwStage2Claims);
