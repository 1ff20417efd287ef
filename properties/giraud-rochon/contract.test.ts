import { testClaims } from '../run-claims.ts';
import { grContractClaims } from './claims-contract.ts';

testClaims(grContractClaims);
