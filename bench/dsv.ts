/**
 * Dagan–Serrano–Volij speed (issue #14): the certified Walrasian equilibrium of 10 types × 5 goods
 * (CES with σ drawn in [1, 20]), solve plus the whole certificate (48 probes per type), target
 * < 20 ms. Median of repeated runs on fresh seeded economies (drawn outside the timing).
 *
 *   node --import ./bin/register-ts.mjs bench/dsv.ts [--repeats 41]
 */
import type { Economy } from '../src/economy/utilities.ts';
import { walrasianEquilibrium } from '../src/economy/walrasian.ts';
import { makeRng } from '../src/numeric/rng.ts';

const arg = process.argv.indexOf('--repeats');
const REPEATS = arg > 0 ? Number(process.argv[arg + 1]) : 41;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (f: () => void) => {
  const t = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t) / 1e6;
};

function economy(seed: number, T: number, n: number): Economy {
  const r = makeRng(`dsv-bench-walrasian-${seed}`);
  return {
    types: Array.from({ length: T }, () => ({
      mass: 0.1 + 3 * r(),
      endowment: Array.from({ length: n }, () => 0.05 + 10 * r()),
      utility: { kind: 'ces' as const, alpha: Array.from({ length: n }, () => 0.02 + r()), sigma: 1 + 19 * r() },
    })),
  };
}

const inputs = Array.from({ length: REPEATS }, (_, k) => economy(k, 10, 5));
for (let k = 0; k < 5; k++) walrasianEquilibrium(inputs[k]); // warm-up (JIT)
const iterations: number[] = [];
const times = inputs.map((e) => ms(() => iterations.push(walrasianEquilibrium(e).certificate.iterations)));
console.log(
  `dsv Walrasian equilibrium, 10 types × 5 goods, certified: median ${median(times).toFixed(2)} ms, worst ${Math.max(...times).toFixed(2)} ms (target < 20 ms; ${REPEATS} economies, Newton iterations median ${median(iterations)})`,
);
