import { testClaims } from '../run-claims.ts';
import { lemma3a, lemma3b, t2Limit, thm3 } from './asymptotics.ts';
import { figure, monotone } from './example1.ts';

testClaims([t2Limit, lemma3a, lemma3b, thm3, monotone, figure]);
