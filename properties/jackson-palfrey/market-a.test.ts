import { testClaims } from '../run-claims.ts';
import { jpMarketAClaims } from './claims-market-a.ts';

testClaims(jpMarketAClaims);
