/**
 * Hu–Wallace speed (issue #13): the competitive equilibrium of the continuum economy L^z(ε) with 10 types
 * (target < 5 ms), including the 64-point sign-change scan of (19) — all-log, all-CES and mixed economies
 * with a quarter of the types' utilities sums (their demand is a Brent root each). Median of repeated runs
 * on fresh seeded economies (drawn outside the timing); no peer in ../shared/peers computes it.
 *
 *   node --import ./bin/register-ts.mjs bench/hw-continuum.ts [--repeats 41]
 */
import type { TwoGoodUtility } from '../src/economy/two-goods.ts';
import { competitiveEquilibrium, type ContinuumEconomy } from '../src/models/hu-wallace/continuum.ts';
import { makeRng } from '../src/numeric/rng.ts';

const arg = process.argv.indexOf('--repeats');
const REPEATS = arg > 0 ? Number(process.argv[arg + 1]) : 41;
const TYPES = 10;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (f: () => void) => {
  const t = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t) / 1e6;
};

function economy(seed: number, mix: 'log' | 'ces' | 'mixed'): ContinuumEconomy {
  const r = makeRng(`hw-bench-continuum-${mix}-${seed}`);
  const coef = () => 0.2 * 25 ** r();
  const leaf = (kind: 'log' | 'ces'): TwoGoodUtility => (kind === 'log' ? { kind, a: coef(), b: coef() } : { kind, a: coef(), b: coef(), sigma: r() < 0.5 ? 0.25 + 0.7 * r() : 1.05 + 5 * r() });
  const w = Array.from({ length: TYPES }, () => 1 + r());
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

for (const mix of ['log', 'ces', 'mixed'] as const) {
  const es = Array.from({ length: REPEATS }, (_, k) => economy(k, mix));
  for (let k = 0; k < 5; k++) competitiveEquilibrium(es[k]); // warm-up
  const times = es.map((e) => ms(() => competitiveEquilibrium(e)));
  console.log(`continuum CE, ${TYPES} types, ${mix}: median ${median(times).toFixed(2)} ms, worst ${Math.max(...times).toFixed(2)} ms (target < 5 ms; ${REPEATS} economies)`);
}
