/**
 * Dagan–Serrano–Volij Section 5: the seeded simulation with N = 10^5 agents, 4 goods (good 1
 * indivisible), to an empty market (issue #14: under 2 s). Median of repeats, a fresh seed each.
 * Run: node --import ./bin/register-ts.mjs bench/dsv-simulate.ts [N] [repeats]
 */
import { makeRng } from '../src/numeric/rng.ts';
import { simulate, type SimSpec } from '../src/models/dagan-serrano-volij/simulate.ts';
import { figureEconomy } from '../properties/dagan-serrano-volij/claims-trade.ts';
import { simSpec } from '../properties/dagan-serrano-volij/generators-trade.ts';

/** Four types of N/4 agents at prices (1, 1, 2, 1/2) (the convergence figure's economy): goods 1–3 split equally, good 0 balancing each budget, so the targets are a Walrasian allocation of these counts; trace off. */
export function benchEconomy(N: number): SimSpec {
  return simSpec(figureEconomy(Math.floor(N / 4)), 10_000);
}

if (process.argv[1]?.endsWith("dsv-simulate.ts")) main();
function main() {
const N = Number(process.argv[2] ?? 100_000);
const repeats = Number(process.argv[3] ?? 7);
const times: number[] = [];
let rounds: number[] = [];
for (let r = 0; r < repeats; r++) {
  const spec = benchEconomy(N);
  const t0 = performance.now();
  const out = simulate(spec, makeRng(`bench-${r}`));
  times.push(performance.now() - t0);
  rounds.push(out.rounds);
  if (!out.empty) throw new Error(`seed ${r}: not empty after ${out.rounds} rounds`);
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({ N, repeats, medianMs: Math.round(times[Math.floor(repeats / 2)]), minMs: Math.round(times[0]), maxMs: Math.round(times[repeats - 1]), rounds }));
}
