/**
 * Hu–Wallace speed (issue #13): the symmetric stage-2 equilibrium β^σ with 10 types and
 * M = 10^6 active agents (target < 50 ms), and the same economies at M = 10^9 (the same time within
 * noise: M enters only as the number in b/(M Q̃)). Seeded economies with 2 states, log / CES / sum
 * utilities, counts round(M μ_z); median of repeated runs on fresh economies (drawn outside the
 * timing), after warm-up. No peer in ../shared/peers computes it.
 *
 * Also the competitive equilibrium of the continuum economy L^z(ε) with 10 types (target < 5 ms; hw-continuum),
 * including its 64-point sign-change scan of (19): all-log, all-CES and mixed economies (a quarter of the
 * types' utilities sums, whose demand is a Brent root each), on the same repeat count.
 *
 *   node --import ./bin/register-ts.mjs bench/hw.ts [--repeats 21]
 */
import type { TwoGoodUtility } from '../src/economy/two-goods.ts';
import { roundedCounts, type HwEconomy } from '../src/models/hu-wallace/economy.ts';
import { stage2Equilibrium } from '../src/models/hu-wallace/stage2.ts';
import { competitiveEquilibrium, type ContinuumEconomy } from '../src/models/hu-wallace/continuum.ts';
import { makeRng } from '../src/numeric/rng.ts';

const arg = process.argv.indexOf('--repeats');
const REPEATS = arg > 0 ? Number(process.argv[arg + 1]) : 21;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (f: () => void) => {
  const t = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t) / 1e6;
};

/** A 10-type, 2-state economy: weights 10^u on [0.1, 10], σ on [0.2, 5] (≠ 1), every third utility a sum. */
function economy(seed: number): HwEconomy {
  const r = makeRng(`hw-bench-${seed}`);
  const w = () => 10 ** (2 * r() - 1);
  const leaf = (): TwoGoodUtility => (r() < 0.5 ? { kind: 'log', a: w(), b: w() } : { kind: 'ces', a: w(), b: w(), sigma: r() < 0.5 ? 0.2 + 0.7 * r() : 1.2 + 3.8 * r() });
  const n = 10;
  const lik = [0, 1].map(() => {
    const v = Array.from({ length: n }, () => 0.05 + r());
    const s = v.reduce((a, b) => a + b, 0);
    return v.map((x) => x / s);
  });
  return {
    endowment: { q: 1, r: 1 },
    epsilon: { q: 0.01, r: 0.01 },
    states: [
      { name: 'z1', prior: 0.5 },
      { name: 'z2', prior: 0.5 },
    ],
    types: Array.from({ length: n }, (_, x) => ({
      name: `x${x + 1}`,
      likelihood: [lik[0][x], lik[1][x]],
      utility: [0, 1].map((): TwoGoodUtility => (x % 3 === 0 ? { kind: 'sum', terms: [leaf(), leaf()] } : leaf())),
    })),
  };
}

const econs = Array.from({ length: REPEATS }, (_, k) => economy(k));
for (let k = 0; k < 5; k++) stage2Equilibrium(econs[k], roundedCounts(econs[k], 0, 1e6)); // warm-up
const line = (M: number) => {
  const iters: number[] = [];
  const t = median(econs.map((e) => ms(() => iters.push(stage2Equilibrium(e, roundedCounts(e, 0, M)).iterations))));
  return { t, iters: median(iters) };
};
// alternate the two sizes so a slow stretch of the shared machine hits both
const a: number[] = [];
const b: number[] = [];
let ia = 0;
let ib = 0;
for (let round = 0; round < 3; round++) {
  const x = line(1e6);
  const y = line(1e9);
  a.push(x.t);
  b.push(y.t);
  ia = x.iters;
  ib = y.iters;
}
console.log(`hw stage-2 equilibrium, 10 types, 2 states: M = 10^6 median ${median(a).toFixed(2)} ms (target < 50 ms; ${ia} price iterations); M = 10^9 median ${median(b).toFixed(2)} ms (${ib} iterations); ${REPEATS} economies × 3 alternating rounds`);

/** A 10-type continuum economy L^z(ε) (shares 1 + U normalised, ε = 10^-3): all log, all CES, or mixed with every fourth utility a sum. */
function continuum(seed: number, mix: 'log' | 'ces' | 'mixed'): ContinuumEconomy {
  const r = makeRng(`hw-bench-continuum-${mix}-${seed}`);
  const coef = () => 0.2 * 25 ** r();
  const leaf = (kind: 'log' | 'ces'): TwoGoodUtility => (kind === 'log' ? { kind, a: coef(), b: coef() } : { kind, a: coef(), b: coef(), sigma: r() < 0.5 ? 0.25 + 0.7 * r() : 1.05 + 5 * r() });
  const w = Array.from({ length: 10 }, () => 1 + r());
  const tot = w.reduce((s, v) => s + v, 0);
  return {
    endowment: { q: 0.5 + r(), r: 0.5 + r() },
    epsilon: { q: 1e-3, r: 1e-3 },
    types: w.map((v, x) => ({
      name: `x${x}`,
      share: v / tot,
      utility: mix === 'mixed' ? (x % 4 === 0 ? { kind: 'sum', terms: [leaf('log'), leaf('ces')] } : leaf(x % 2 ? 'log' : 'ces')) : leaf(mix),
    })),
  };
}
const ce: string[] = [];
for (const mix of ['log', 'ces', 'mixed'] as const) {
  const es = Array.from({ length: REPEATS }, (_, k) => continuum(k, mix));
  for (let k = 0; k < 5; k++) competitiveEquilibrium(es[k % es.length]); // warm-up
  const times = es.map((e) => ms(() => competitiveEquilibrium(e)));
  ce.push(`${mix} median ${median(times).toFixed(2)} ms (worst ${Math.max(...times).toFixed(2)})`);
}
console.log(`hw continuum competitive equilibrium, 10 types (target < 5 ms): ${ce.join('; ')}; ${REPEATS} economies each`);
