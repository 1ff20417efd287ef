/**
 * One process's steady-state time for the β* table, n = 2..200, uniform(0,1) and the sine
 * market (run by bench/run.ts several times, each in a fresh process: on this shared 2-core
 * machine a whole process is sometimes ~1.6× slower than the next, so one process is one sample).
 * Prints `ms <median>` and, with --values, the table as JSON.
 */
import { makeDist } from '../src/distributions/index.ts';
import { SINE_MARKET, UNIFORM01 } from '../src/generators/distributions.ts';
import { cutoffGroups } from '../src/models/pycia-wang/cutoff.ts';

export function betaTable() {
  const u = makeDist(UNIFORM01);
  const s = makeDist(SINE_MARKET);
  const out: { uniform: number[]; sine: number[] } = { uniform: [], sine: [] };
  for (let n = 2; n <= 200; n++) {
    out.uniform.push(cutoffGroups(u, n, [{ share: 1 / n, count: n }]).betaStar);
    out.sine.push(cutoffGroups(s, n, [{ share: 1 / n, count: n }]).betaStar);
  }
  return out;
}

if (process.argv[1]?.endsWith('beta-table.ts')) {
  // Steady state, as a process computing tables would see it: the first passes build the sine
  // density's interpolant once and let the JIT settle (the first ten passes measured 53, 15, 26,
  // 33, 14, 14, 18, 12, 14, 21 ms: tier-up and GC, not the algorithm). Then the median of 21.
  for (let k = 0; k < 10; k++) betaTable();
  const ts: number[] = [];
  for (let k = 0; k < 21; k++) {
    const t = process.hrtime.bigint();
    betaTable();
    ts.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  ts.sort((a, b) => a - b);
  console.log(`ms ${ts[10]}`);
  if (process.argv.includes('--values')) console.log(JSON.stringify(betaTable()));
}
