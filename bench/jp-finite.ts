/**
 * The finite Jackson–Palfrey market (src/models/jackson-palfrey/finite.ts): 10^6 buyer–seller pairs
 * through one period of matching and trading; target < 1 s. Median of repeated runs, each on
 * fresh uniform values (drawn outside the timing):
 *
 *   node --import ./bin/register-ts.mjs bench/jp-finite.ts [--n 1000000] [--repeats 9]
 *
 * Two numbers: `tradePeriod` alone (shuffle, pair, trade) and `simulateFiniteMarket` with one period
 * (that, plus the four sorted distributions it returns).
 */
import { simulateFiniteMarket, tradePeriod, type CutoffRule } from '../src/models/jackson-palfrey/finite.ts';
import { makeRng } from '../src/numeric/rng.ts';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const N = arg('n', 1_000_000);
const REPEATS = arg('repeats', 9);
const beta: CutoffRule = (s) => (1 + s) / 2;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const values = (seed: number) => {
  const r = makeRng(seed);
  return Float64Array.from({ length: N }, () => r());
};

const period: number[] = [];
const market: number[] = [];
let trades = 0;
for (let k = 0; k < REPEATS; k++) {
  const b = values(2 * k);
  const s = values(2 * k + 1);
  const rng = makeRng(`bench-${k}`);
  let t0 = performance.now();
  trades = tradePeriod(b, s, beta, 1, rng).tradedBuyers.length;
  period.push(performance.now() - t0);
  t0 = performance.now();
  simulateFiniteMarket({ buyers: b, sellers: s, periods: 1, beta, seed: `bench-${k}` });
  market.push(performance.now() - t0);
}
console.log(`jp-finite: N = ${N}, ${REPEATS} runs; one period (shuffle, pair, trade) median ${median(period).toFixed(1)} ms [${Math.min(...period).toFixed(1)}–${Math.max(...period).toFixed(1)}]; with sorted distributions median ${median(market).toFixed(1)} ms [${Math.min(...market).toFixed(1)}–${Math.max(...market).toFixed(1)}]; trades ${trades} (expected ≈ N/4)`);
