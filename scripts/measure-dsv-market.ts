/**
 * Measurements behind the tolerances of the DSV market claims (properties/dagan-serrano-volij/
 * claims-market.ts) and the data of the DSV.core.shrinks figure:
 *   node --import ./bin/register-ts.mjs scripts/measure-dsv-market.ts [--write]
 * prints the worst solver clearing/budget gap, the worst price-dual δ of Walrasian allocations, the
 * smallest supporting-price slack at δ = 1e-9, the worst replica blocking margin at the Walrasian
 * point; --write stores fixtures/dsv/core-shrinks.json (the unblocked segment by replica, r = 1..10,
 * for two 2×2 economies on a grid of 200 contract-curve points).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { cesArb, cobbDouglasArb, dyadic, economyArb } from '../properties/dagan-serrano-volij/generators.ts';
import { shrinkRun } from '../properties/dagan-serrano-volij/claims-market.ts';
import type { Economy } from '../src/economy/utilities.ts';
import { walrasianEquilibrium } from '../src/economy/walrasian.ts';
import { dualImprovementBound, replicaBlockingMargin, supportingPriceSlack } from '../src/models/dagan-serrano-volij/core.ts';

let worstDelta = -Infinity;
let minSlack = Infinity;
let worstClear = 0;
for (const e of fc.sample(economyArb(), { numRuns: 300, seed: 7 })) {
  const w = walrasianEquilibrium(e);
  worstClear = Math.max(worstClear, w.certificate.clearing, w.certificate.budget);
  for (const comp of [e.types.map((_, i) => (i % 2 === 0 ? 1 : 2)), e.types.map(() => 1)]) {
    worstDelta = Math.max(worstDelta, dualImprovementBound(e, w.allocation, comp).delta);
    const wealth = comp.reduce((a, c, t) => a + c * e.types[t].endowment.reduce((s, v, k) => s + w.prices[k] * v, 0), 0);
    minSlack = Math.min(minSlack, supportingPriceSlack(e, w.prices, w.allocation, comp, 1e-9) / wealth);
  }
}
console.log(`300 economies (seed 7): worst clearing/budget gap ${worstClear}; worst dual δ of the Walrasian allocation ${worstDelta}; smallest supporting slack at δ = 1e-9 ${minSlack} of wealth`);

const box = fc.record({
  u: fc.tuple(fc.oneof(cobbDouglasArb(2), cesArb(2)), fc.oneof(cobbDouglasArb(2), cesArb(2))),
  e: fc.tuple(fc.tuple(dyadic(1 / 4, 10, 4), dyadic(1 / 4, 10, 4)), fc.tuple(dyadic(1 / 4, 10, 4), dyadic(1 / 4, 10, 4))),
});
let worstMargin = -Infinity;
for (const { u, e } of fc.sample(box, { numRuns: 400, seed: 9 })) {
  const ec: Economy = { types: [0, 1].map((t) => ({ mass: 1, endowment: e[t], utility: u[t] })) };
  const w = walrasianEquilibrium(ec);
  for (let a = 0; a <= 5; a++) for (let b = 0; b <= 5; b++) if (a + b > 0) worstMargin = Math.max(worstMargin, replicaBlockingMargin(ec, w.allocation, a, b));
}
console.log(`400 2×2 economies (seed 9): worst blocking margin at the Walrasian point, a, b ≤ 5: ${worstMargin}`);

if (process.argv.includes('--write')) {
  const economies: [string, Economy][] = [
    ['Cobb–Douglas ½/½, endowments (3,1), (1,3)', { types: [{ mass: 1, endowment: [3, 1], utility: { kind: 'cobb-douglas', alpha: [0.5, 0.5] } }, { mass: 1, endowment: [1, 3], utility: { kind: 'cobb-douglas', alpha: [0.5, 0.5] } }] }],
    ['CES σ = 3 (α 1/1) against Cobb–Douglas ⅓/⅔, endowments (5,1), (1,5)', { types: [{ mass: 1, endowment: [5, 1], utility: { kind: 'ces', alpha: [1, 1], sigma: 3 } }, { mass: 1, endowment: [1, 5], utility: { kind: 'cobb-douglas', alpha: [1 / 3, 2 / 3] } }] }],
  ];
  const out = economies.map(([name, e]) => {
    const r = shrinkRun(e, 1e-9, 10, 200);
    return { name, economy: e, walrasian: r.sStar, segments: r.segs.map((s) => ({ r: s.r, lo: s.lo, hi: s.hi, points: s.count })) };
  });
  mkdirSync('fixtures/dsv', { recursive: true });
  writeFileSync('fixtures/dsv/core-shrinks.json', `${JSON.stringify({ what: 'DSV.core.shrinks: type 0’s good-0 holding at the ends of the unblocked contract-curve segment in the r-replica (200 grid points + the Walrasian one; blocking margin > 1e-9)', economies: out }, null, 1)}\n`);
  for (const o of out) console.log(o.name, o.segments.map((s) => `r=${s.r} [${s.lo.toFixed(3)}, ${s.hi.toFixed(3)}]`).join(' '));
}
