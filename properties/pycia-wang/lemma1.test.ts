import { testClaims } from '../run-claims.ts';
import { lemma1Claims } from './lemma1.ts';

testClaims(lemma1Claims);
