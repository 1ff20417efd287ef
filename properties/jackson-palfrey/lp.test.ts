import { testClaims } from '../run-claims.ts';
import { jpLpClaims } from './claims-lp.ts';

// JP.Prop1.naive-conjecture (≈ 25 s: a search over LPs) runs in lp-naive.test.ts, so the two files run in parallel
testClaims(jpLpClaims.filter((c) => c.id !== 'JP.Prop1.naive-conjecture'));
