/** Every Pycia–Wang claim of ../shared/CLAIMS.md, in catalogue order (plus the printed (T2-5), a finding). */
import { lemma3a, lemma3b, t2Limit, thm3 } from './asymptotics.ts';
import { cgk, concave, interval, lemma2, myersonSatterthwaite, negativeSum, t25, t25Printed, t26, uniformClosedForm } from './cutoff.ts';
import { figure, monotone } from './example1.ts';
import { lemma1Claims } from './lemma1.ts';

export const pwClaims = [
  lemma2,
  t25,
  t25Printed,
  t26,
  negativeSum,
  interval,
  concave,
  ...lemma1Claims,
  myersonSatterthwaite,
  cgk,
  uniformClosedForm,
  t2Limit,
  lemma3a,
  lemma3b,
  thm3,
  monotone,
  figure,
];
