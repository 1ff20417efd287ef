import { testClaims } from '../run-claims.ts';
import { dsvMarketClaims } from './claims-market.ts';

testClaims(dsvMarketClaims);
