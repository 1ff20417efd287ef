import { testClaims } from '../run-claims.ts';
import { jpThm4Claims } from './claims-thm4.ts';

testClaims(jpThm4Claims);
