/**
 * Measures the errors the tolerances of the Jackson–Palfrey market claims, part A
 * (properties/jackson-palfrey/claims-market-a.ts) must cover: each property's gaps on generated
 * cases with the tolerance set to +∞, the largest printed. Deterministic (fast-check seed).
 *
 *   node --import ./bin/register-ts.mjs scripts/measure-jp-market-a.ts [cases=2000] [seed=1]
 */
import fc from 'fast-check';
import type { Claim, PropertyContext } from '../src/claims/types.ts';
import { cor1Decreasing, ex1ClosedForm, priceIndependence, reservationIdentity } from '../properties/jackson-palfrey/claims-market-a.ts';
import { buildEconomy, homogeneous } from '../properties/jackson-palfrey/generators-eff-a.ts';
import { maximiseCutoffs } from '../properties/jackson-palfrey/market-a-routes.ts';
import { theorem1Cutoffs } from '../src/models/jackson-palfrey/efficient.ts';

const cases = Number(process.argv[2] ?? 2000);
const seed = Number(process.argv[3] ?? 1);
const ctx: PropertyContext = { precision: 'standard', tolerance: { abs: Infinity, why: 'measuring' } };

function worst<I>(c: Claim<I>, n: number, keys: string[]): void {
  const max: Record<string, number> = Object.fromEntries(keys.map((k) => [k, 0]));
  const min: Record<string, number> = Object.fromEntries(keys.map((k) => [k, Infinity]));
  for (const x of fc.sample(c.input, { numRuns: n, seed })) {
    const r = c.property(x, ctx);
    for (const k of keys) {
      const v = r.numbers[k];
      if (typeof v === 'number') {
        max[k] = Math.max(max[k], v);
        min[k] = Math.min(min[k], v);
      }
    }
  }
  console.log(`${c.id} (${n} cases): largest ${JSON.stringify(max)} smallest ${JSON.stringify(min)}`);
}

worst(reservationIdentity, cases, ['formsGap', 'forwardGap', 'reservationGap']);
worst(priceIndependence, cases, ['gap']);
// Example 1 on the 1/1000 grid of [0.01, 0.99]
let arg = 0;
let other = 0;
for (let k = 10; k <= 990; k++) {
  const r = ex1ClosedForm.property({ m: k / 1000, m2: 0.995 }, ctx).numbers;
  arg = Math.max(arg, r.argGap as number);
  other = Math.max(other, r.fixedGap as number, r.wGap as number, r.residual as number);
}
console.log(`JP.Ex1.closed-form (981 m): largest argGap ${arg}, fixed/W/residual gaps ${other}`);
worst(cor1Decreasing, Math.min(cases, 300), ['recursionGap', 'minStep']);
// coordinate ascent against the nested scan
let res = 0;
for (const x of fc.sample(cor1Decreasing.input, { numRuns: Math.min(cases, 100), seed })) {
  const e = buildEconomy({ buyers: x.buyers, sellers: homogeneous(x.m0) });
  const a = theorem1Cutoffs(e, x.T).beta0;
  const b = maximiseCutoffs(e, x.T).cuts;
  b.forEach((c, k) => (res = Math.max(res, Math.abs(c - a[k]))));
}
console.log(`direct maximisation against (3): largest cutoff gap ${res}`);
