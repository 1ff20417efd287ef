import { testClaims } from '../run-claims.ts';
import { cgk, concave, interval, lemma2, myersonSatterthwaite, negativeSum, t25, t25Printed, t26, uniformClosedForm } from './cutoff.ts';

testClaims([lemma2, t25, t25Printed, t26, negativeSum, interval, concave, myersonSatterthwaite, cgk, uniformClosedForm]);
