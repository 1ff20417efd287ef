/**
 * `eval jp.efficient-cutoffs` for T = 2 with 2000 heterogeneous seller atoms (issue #11, "Speed":
 * under 1 second). The whole `evaluate` — validation, building the economy, eq. (4)'s fixed point
 * from four starts, the cutoffs at the `at` points, surplus and competitive price — on fresh random
 * economies (a new seed per repeat, so nothing is cached): piecewise-uniform buyers with 1–8
 * pieces, 2000 seller atoms at random values in [0, 1], δ ∈ {1, 0.9, 0.5}. No peer in
 * ../shared/peers solves eq. (4), so the number stands against the target alone.
 *
 *   node --import ./bin/register-ts.mjs bench/jp-efficient-cutoffs.ts [--repeats N]
 *
 * Prints the first (cold) call, the median and worst of the steady-state calls, and the iterations.
 */
import { makeRng } from '../src/numeric/rng.ts';
import { jpEfficientCutoffs } from '../src/models/jackson-palfrey/eval.ts';

const arg = process.argv.indexOf('--repeats');
const REPEATS = arg > 0 ? Number(process.argv[arg + 1]) : 9;
const N_ATOMS = 2000;

function request(seed: number, delta: number) {
  const r = makeRng(`jp-bench-${seed}`);
  const k = 1 + Math.floor(r() * 8);
  const cuts = [0, ...Array.from({ length: k - 1 }, () => r()).sort((a, b) => a - b), 1];
  const pieces = cuts.slice(1).map((hi, i) => ({ lo: cuts[i], hi, weight: 0.1 + r() })).filter((p) => p.hi > p.lo);
  const points = Array.from({ length: N_ATOMS }, () => [r(), 0.1 + r()] as [number, number]);
  return {
    periods: 2,
    delta,
    buyers: { mass: 1, dist: { kind: 'piecewise-uniform', pieces } },
    sellers: { mass: 1, dist: { kind: 'atoms', points } },
    at: Array.from({ length: 101 }, (_, i) => i / 100),
  };
}

/** Wall time, and this process's CPU time (user + system): on a shared machine the CPU time is the steadier of the two. */
const time = (f: () => unknown) => {
  const t = process.hrtime.bigint();
  const c = process.cpuUsage();
  const out = f();
  const cu = process.cpuUsage(c);
  return { s: Number(process.hrtime.bigint() - t) / 1e9, cpu: (cu.user + cu.system) / 1e6, out };
};

const deltas = [1, 0.9, 0.5];
const cold = time(() => jpEfficientCutoffs.evaluate(request(0, 0.9)));
const samples: { s: number; cpu: number; converged: boolean; delta: number }[] = [];
for (let k = 1; k <= REPEATS; k++) {
  const delta = deltas[k % deltas.length];
  const t = time(() => jpEfficientCutoffs.evaluate(request(k, delta)));
  const { s, out } = t;
  const { cpu } = t;
  samples.push({ s, cpu, converged: (out as { converged: boolean }).converged, delta });
}
const sorted = samples.map((x) => x.s).sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)];
const cpus = samples.map((x) => x.cpu).sort((a, b) => a - b);
const cpuMedian = cpus[Math.floor(cpus.length / 2)];
console.log(`jp.efficient-cutoffs T = 2, ${N_ATOMS} seller atoms: cold ${cold.s.toFixed(3)} s (CPU ${cold.cpu.toFixed(3)} s); steady median ${median.toFixed(3)} s, worst ${sorted[sorted.length - 1].toFixed(3)} s over ${REPEATS} economies (target < 1 s: ${median < 1 ? 'met' : 'MISSED'}); CPU median ${cpuMedian.toFixed(3)} s; converged ${samples.filter((x) => x.converged).length}/${REPEATS}`);
console.log(`seconds ${median}`);
