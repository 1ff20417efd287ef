import { testClaims } from '../run-claims.ts';
import { jpGamesClaims } from './claims-games.ts';

testClaims(jpGamesClaims);
