/**
 * Measures the error each Pycia–Wang claim's declared tolerance must cover (issue #9, item 4):
 * runs every property on generated cases with its declared floor set to 0 — so only the
 * quadrature's own error estimates remain — and prints the largest error in the units the
 * floor is declared in. The declared tolerance is this measurement times a stated safety factor
 * (each claim's `why` says which). Deterministic: same seed, same numbers.
 *
 *   node --import ./bin/register-ts.mjs scripts/measure-pw-tolerances.ts [cases=200] [seed=1]
 *   ONLY=concave node --import …   (the claims whose id contains the word)
 * PW.T1.concave keeps its rel (the gradient's step target and judging threshold are tied to it).
 */
import fc from 'fast-check';
import { makeDist } from '../src/distributions/index.ts';
import type { Claim, Numbers } from '../src/claims/types.ts';
import { pwClaims } from '../properties/pycia-wang/claims.ts';
import { betaStarEqual } from '../src/models/pycia-wang/routes.ts';
import { exactCutoff, hasExactPath } from '../src/models/pycia-wang/exact.ts';
import { equalShares } from '../src/models/pycia-wang/market.ts';

const cases = Number(process.argv[2] ?? 200);
const seed = Number(process.argv[3] ?? 1);
const scaleOf = (spec: unknown) => {
  const d = makeDist(spec as never);
  return Math.max(1, Math.abs(d.lo), Math.abs(d.hi));
};
const widthOf = (spec: unknown) => {
  const d = makeDist(spec as never);
  return d.hi - d.lo;
};
const num = (x: Numbers, k: string) => (typeof x[k] === 'number' ? (x[k] as number) : Number.NaN);

/** Per claim: the errors of one case, in the units of the declared abs (and rel) floors. */
const measures: Record<string, (input: any, x: Numbers) => Record<string, number>> = {
  'PW.Lemma2.T2-identity': (_, x) => ({ abs: num(x, 'diffOverScale') }),
  'PW.T2-5.identity': (_, x) => ({ abs: num(x, 'diffOverScale') }),
  'PW.T2-6.identity': (_, x) => ({ abs: num(x, 'diffOverScale') }),
  'PW.Thm2.interval': (i, x) => ({ abs: Math.abs(num(x, 'conditionAtBetaStar')) / (scaleOf(i.market.dist) * (1 + Math.abs(num(x, 'betaStar')))) }),
  'PW.T1.concave': (i, x) => ({
    abs: Math.max(0, -num(x, 'chordGap'), -num(x, 'eqGap')) / (scaleOf(i.market.dist) * i.market.n),
    rel: x.gradJudged ? num(x, 'gradErr') / widthOf(i.market.dist) : 0,
  }),
  'PW.MS.bilateral-impossible': (_, x) => ({ abs: Math.max(num(x, 'd1OverScale'), num(x, 'd2OverScale')), rel: num(x, 'dBeta') }),
  'PW.uniform.closed-form': (_, x) => ({ abs: Math.max(num(x, 'e1'), num(x, 'e2')) }),
  'PW.Ex1.figure': (_, x) => ({ rel: num(x, 'worstRelErr') }),
  'PW.Lemma3a.asymptotics': (_, x) => {
    const r1 = x.ratio1 as number[];
    const r2 = x.ratio2 as number[];
    return { rel: Math.max(Math.abs(r1[r1.length - 1] - 1), Math.abs(r2[r2.length - 1] - 1)) };
  },
  'PW.Lemma1.mechanism': (i, x) => ({ rel: num(x, 'bbResidualRel'), abs: x.path === 'quadrature' ? Math.abs(num(x, 'identityDiff')) / scaleT(i, x) : 0 }),
  'PW.Lemma1.general-rules': (i, x) => ({ rel: num(x, 'bbResidualRel'), abs: x.path === 'quadrature' ? Math.abs(num(x, 'diff')) / scaleT(i, x) : 0 }),
  'PW.Lemma4.envelope': (i, x) => ({ abs: x.path === 'quadrature' ? Math.abs(num(x, 'diff')) / scaleT(i, x) : 0 }),
  'PW.Lemma5.worst-type': (_, x) => ({ rel: Number.isFinite(num(x, 'derivativeFD')) ? Math.abs(num(x, 'derivativeFD') - num(x, 'derivativeFormula')) : 0 }),
};

function scaleT(i: { market: { n: number; dist: unknown } }, x: Numbers): number {
  return (1 + num(x, 'beta')) * i.market.n * scaleOf(i.market.dist);
}

const few = new Set(['PW.Lemma1.mechanism', 'PW.Lemma1.general-rules', 'PW.Lemma4.envelope', 'PW.Lemma5.worst-type', 'PW.Lemma3a.asymptotics']);
for (const c of pwClaims as Claim<any>[]) {
  const m = measures[c.id];
  if (!m || (process.env.ONLY && !c.id.includes(process.env.ONLY))) continue;
  const zero = { ...c.tolerance, abs: c.tolerance.abs === undefined ? undefined : 0, rel: c.tolerance.rel === undefined || c.id.startsWith('PW.Lemma3a') || c.id === 'PW.Ex1.figure' || c.id === 'PW.T1.concave' || c.id.startsWith('PW.Lemma1') || c.id.startsWith('PW.Lemma5') ? c.tolerance.rel : 0 };
  const n = few.has(c.id) ? Math.max(10, Math.round(cases / 8)) : cases;
  const worst: Record<string, number> = {};
  let count = 0;
  for (const input of fc.sample(c.input, { seed, numRuns: n })) {
    for (const precision of ['standard', 'high'] as const) {
      if (precision === 'high' && few.has(c.id)) continue;
      const r = c.property(input, { precision, tolerance: zero });
      if (r.undecided) continue;
      count++;
      for (const [k, v] of Object.entries(m(input, r.numbers))) if (Number.isFinite(v)) worst[k] = Math.max(worst[k] ?? 0, v);
    }
  }
  console.log(`${c.id}\tdeclared ${JSON.stringify({ abs: c.tolerance.abs, rel: c.tolerance.rel })}\tmeasured ${JSON.stringify(worst)} over ${count} evaluations`);
}

// PW.Ex1.beta-star-monotone: β* by the model against exact β* (piecewise-uniform F) and against the quantile route.
if (!process.env.ONLY || 'PW.Ex1.beta-star-monotone'.includes(process.env.ONLY)) {
  const c = (pwClaims as Claim<any>[]).find((x) => x.id === 'PW.Ex1.beta-star-monotone')!;
  let worst = 0;
  let count = 0;
  for (const { dist, n } of fc.sample(c.input, { seed, numRuns: cases })) {
    const d = makeDist(dist);
    const a = betaStarEqual(d, n, 'standard');
    const ref = hasExactPath(dist) ? Number(exactCutoff(n, equalShares(n), dist).betaStar as unknown as number) : betaStarEqual(d, n, 'high', 'quantile').value;
    worst = Math.max(worst, Math.max(0, Math.abs(a.value - ref) - a.err) / Math.max(1, Math.abs(ref)));
    count++;
  }
  console.log(`${c.id}\tdeclared ${JSON.stringify(c.tolerance)}\tmeasured {"rel": ${worst}} (|β* − reference| beyond its error bound, / max(1, |β*|)) over ${count} cases`);
}
