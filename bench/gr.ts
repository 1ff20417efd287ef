/**
 * Giraud–Rochon speed (issue #12): the game form's outcome for N = 50 players and L = 10 goods in
 * floating point (target < 1 ms) beside the exact-rational outcome of the same profile, and the
 * compatibility condition for N = 3 agents with 3 types each, decided by LPs with every certificate
 * re-verified exactly (target < 100 ms). Median of repeated runs on fresh seeded inputs (drawn
 * outside the timing); no peer in ../shared/peers computes either.
 *
 *   node --import ./bin/register-ts.mjs bench/gr.ts [--repeats 21]
 */
import { exactProfile, outcome, outcomeFloat, type Profile } from '../src/models/giraud-rochon/outcome.ts';
import { economy, type EconomySpec } from '../src/models/giraud-rochon/economy.ts';
import { compatibilityWith } from '../src/models/giraud-rochon/compatibility.ts';
import { lpSolver } from '../src/numeric/lp.ts';
import { makeRng } from '../src/numeric/rng.ts';

const arg = process.argv.indexOf('--repeats');
const REPEATS = arg > 0 ? Number(process.argv[arg + 1]) : 21;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (f: () => void) => {
  const t = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t) / 1e6;
};

function profile(seed: number, N: number, L: number): Profile<number> {
  const r = makeRng(`gr-bench-outcome-${seed}`);
  const q = (k: number) => Math.round(r() * k * 8) / 8;
  return {
    quotes: Array.from({ length: N }, () => [...Array.from({ length: L - 1 }, () => q(4)), 1]),
    demands: Array.from({ length: N }, (_, i) => Array.from({ length: N }, (_, j) => Array.from({ length: L }, () => (i === j ? 0 : q(2) - 1)))),
    endowments: Array.from({ length: N }, () => Array.from({ length: L }, () => 1 + q(8))),
  };
}

function economySpec(seed: number): EconomySpec {
  const r = makeRng(`gr-bench-compat-${seed}`);
  const types = [3, 3, 3];
  const omega = [[1, 2], [2, 1], [1, 1]];
  const b = types.map((k) => Array.from({ length: k }, () => [0.25 + Math.round(r() * 8) / 8]));
  const a = b.map((bi) => bi.map(([bt]) => [bt * 4 + 0.25 + Math.round(r() * 16) / 8]));
  const prior = Array.from({ length: 27 }, () => 1 + Math.floor(r() * 9));
  return { types, a, b, omega, prior };
}

const N = 50;
const L = 10;
const inputs = Array.from({ length: REPEATS }, (_, k) => profile(k, N, L));
for (let k = 0; k < 5; k++) outcomeFloat(inputs[k]); // warm-up
const floatMs = median(inputs.map((p) => ms(() => outcomeFloat(p))));
const exactMs = median(inputs.slice(0, 5).map((p) => ms(() => outcome(exactProfile(p)))));

const solver = await lpSolver();
const econs = Array.from({ length: Math.min(REPEATS, 11) }, (_, k) => economy(economySpec(k)));
// Warm-up: one pass over every economy (HiGHS's first solve, and V8 compiling the exact routes:
// the first pass runs 2–3× slower than the steady state a checking run spends its time in).
for (const e of econs) compatibilityWith(solver, e);
const verdicts: string[] = [];
const compatMs = median([0, 1, 2].flatMap(() => econs.map((e) => ms(() => verdicts.push(compatibilityWith(solver, e).verdict)))));

console.log(`gr.outcome N = ${N}, L = ${L}: floating point median ${floatMs.toFixed(3)} ms (target < 1 ms); exact rationals median ${exactMs.toFixed(1)} ms (${REPEATS} profiles, 5 exact)`);
console.log(`compatibility N = 3, 3 types each (27 profiles): median ${compatMs.toFixed(1)} ms with exact certificates (target < 100 ms); verdicts ${[...new Set(verdicts)].map((v) => `${v} ×${verdicts.filter((x) => x === v).length / 3}`).join(', ')}`);
