import { testClaims } from '../run-claims.ts';
import { jpMarketBClaims } from './claims-market-b.ts';

testClaims(jpMarketBClaims);
