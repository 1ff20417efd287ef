/**
 * What each finding of the Pycia–Wang slice shrinks to, seed by seed, searched afresh
 * (saved cases not replayed, nothing saved):
 *
 *   node --import ./bin/register-ts.mjs scripts/shrink-sweep.ts [--seeds 1-10] [--json]
 *
 * Prints one line per (claim, seed): how the case was found, the
 * outcome, and the description of the shrunk case (see test/generators/shrink.test.ts for
 * what each finding must shrink to).
 */
import { runClaim } from '../src/claims/runner.ts';
import { monotone } from '../properties/pycia-wang/example1.ts';
import { t25Printed } from '../properties/pycia-wang/cutoff.ts';

const args = process.argv.slice(2);
const seedArg = args.includes('--seeds') ? args[args.indexOf('--seeds') + 1] : '1-10';
const [a, b] = seedArg.split('-').map(Number);
const seeds = Array.from({ length: (b ?? a) - a + 1 }, (_, i) => a + i);
const json = args.includes('--json');

for (const claim of [t25Printed, monotone] as const) {
  for (const seed of seeds) {
    const t0 = Date.now();
    const o = runClaim(claim as any, { seed, replaySaved: false, persist: false });
    const ce = o.counterexample;
    const row = { claim: claim.id, seed, outcome: o.outcome, foundBy: ce?.foundBy ?? null, describe: ce?.describe ?? o.message, input: ce?.input ?? null, seconds: (Date.now() - t0) / 1000 };
    console.log(json ? JSON.stringify(row) : `${claim.id}\tseed ${seed}\t${row.outcome}\t${row.foundBy}\t${row.seconds.toFixed(1)}s\t${row.describe}`);
  }
}
