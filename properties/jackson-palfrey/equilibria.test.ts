import { testClaims } from '../run-claims.ts';
import { jpEquilibriaClaims } from './claims-equilibria.ts';

testClaims(jpEquilibriaClaims);
