import { testClaims } from '../run-claims.ts';
import { hwStage1Claims } from './claims-stage1.ts';

testClaims(hwStage1Claims);
