import { testClaims } from '../run-claims.ts';
import { dsvTradeClaims } from './claims-trade.ts';

testClaims(dsvTradeClaims);
