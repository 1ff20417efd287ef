/**
 * Benchmarks against ../shared/peers, side by side in one run (medians of repeated runs,
 * ratios against the peer). Not a test: `npm run bench` prints a table and writes
 * bench/results/latest.json.
 *
 *   beta-star-table   β*(n), n = 2..200, uniform(0,1) and the sine market (in-process time),
 *                     and the worst relative error against the mpmath reference
 *   negative-sum      PW.Thm2.negative-sum: generated markets checked per second
 *   monotone          PW.Ex1.beta-star-monotone: seconds to a refuted, shrunk, certified case
 *   figure            each figure a registered claim declares, drawn to SVG (median ms; target < 50 ms)
 *   report --from     `npx mechcheck report --from` on a run of every registered claim (target < 2 s)
 *   eval JSON Lines   the β* table through `eval pw.cutoff --input FILE`, whole process, against SciPy's
 *                     whole process (bench/eval-jsonl.ts; target ≤ 0.5)
 *   workers           `check` of every claim, --workers 2 against --workers 1, wall time in alternating
 *                     pairs of processes (bench/workers.ts; target ≤ 0.6, on 2 cores)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../src/claims/persist.ts';
import { runClaim } from '../src/claims/runner.ts';
import { betaTable } from './beta-table.ts';
import { negativeSum } from '../properties/pycia-wang/cutoff.ts';
import { monotone, reference } from '../properties/pycia-wang/example1.ts';
import { allClaims } from '../properties/index.ts';
import { renderFigure } from '../src/report/figure.ts';
import { workersBench, workersLine } from './workers.ts';
import { evalJsonlBench } from './eval-jsonl.ts';

const PEERS = join(ROOT, '..', 'shared', 'peers');
const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const REPEATS = quick ? 3 : 7;
const PEER_REPEATS = quick ? 1 : 3;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (f: () => void) => {
  const t = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t) / 1e9;
};
function python(script: string, argv: string[]): string {
  return execFileSync('python3', [join(PEERS, script), ...argv], { encoding: 'utf8', maxBuffer: 1 << 26 });
}

// ------------------------------------------------------------ β* table
// Each sample of ours is a fresh process (bench/beta-table.ts: steady state, median of 21 passes),
// taken alternately with the peer's, so a slow stretch of this shared machine hits both.
const oursSamples: number[] = [];
const peerTimes: number[] = [];
const TABLE_SAMPLES = quick ? 3 : 5;
const tableRun = () => execFileSync('node', ['--import', join(ROOT, 'bin', 'register-ts.mjs'), join(ROOT, 'bench', 'beta-table.ts')], { cwd: ROOT, encoding: 'utf8' });
tableRun(); // the first run fills the TypeScript cache
for (let k = 0; k < TABLE_SAMPLES; k++) {
  oursSamples.push(Number(/ms ([\d.]+)/.exec(tableRun())![1]) / 1000);
  if (k < Math.max(PEER_REPEATS, 3)) peerTimes.push(Number(/seconds ([\d.]+)/.exec(python('pw_scipy.py', []))![1]));
}
const ours = median(oursSamples);
const peer = median(peerTimes);
const table = betaTable();
const ref = reference();
let worst = 0;
for (const name of ['uniform', 'sine'] as const) {
  for (const r of ref[name]) worst = Math.max(worst, Math.abs(table[name][r.n - 2] - r.betaStar) / Math.abs(r.betaStar));
}

// ------------------------------------------------------------ negative-sum throughput
const N_CASES = quick ? 300 : 1000;
// A new seed per repeat: fresh markets, so caches of built distributions cannot flatter the rate.
// The random phase only, as the peer does (Hypothesis generates and checks; it has no targeted
// phase): the runner's climb would add up to as many mutated markets again, which are checked
// markets too, but not drawn from the generator the target is about.
const nsTimes = Array.from({ length: REPEATS }, (_, k) =>
  time(() => runClaim(negativeSum, { runs: N_CASES, seed: 1000 + k, persist: false, replaySaved: false, targeted: false })),
);
const oursRate = N_CASES / median(nsTimes);
const PEER_N = quick ? 60 : 200;
const peerRate = median(Array.from({ length: PEER_REPEATS }, () => Number(/per_second ([\d.]+)/.exec(python('pw_hypothesis.py', ['negative-sum', String(PEER_N)]))![1])));

// ------------------------------------------------------------ monotone refutation
let outcome = '';
let example = '';
// Seeds vary per repeat (fresh distributions, no cache hits); the median is reported.
const monoTimes = Array.from({ length: Math.max(1, REPEATS - 4) }, (_, k) =>
  time(() => {
    const o = runClaim(monotone, { seed: 2000 + k, persist: false, replaySaved: false });
    outcome = `${o.outcome} (${o.counterexample?.foundBy}, certified ${o.counterexample?.certified})`;
    example = o.counterexample?.describe ?? '';
  }),
);
const oursMono = median(monoTimes);
const peerMono = median(Array.from({ length: PEER_REPEATS }, () => Number(/total-with-shrink ([\d.]+)s/.exec(python('pw_hypothesis.py', ['monotone']))![1])));

// ------------------------------------------------------------ report: figures and report --from
const specs = allClaims.flatMap((c) => c.figures?.() ?? []);
renderFigure(specs[0]); // load Plot's code paths once, as the report does for its first figure
const figureMs = specs.map((f) => ({ id: f.id, ms: 1000 * median(Array.from({ length: REPEATS }, () => time(() => renderFigure(f)))) }));
const worstFigure = figureMs.reduce((a, b) => (b.ms > a.ms ? b : a));
const work = mkdtempSync(join(tmpdir(), 'mechcheck-bench-'));
const runFile = join(work, 'run.jsonl');
writeFileSync(runFile, execFileSync('node', [join(ROOT, 'bin', 'mechcheck.js'), 'check', '--json', '--no-save'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 }));
const reportRun = (cmd: string, args: string[]) => time(() => execFileSync(cmd, args, { cwd: ROOT, stdio: 'ignore' }));
const npxMs = 1000 * median(Array.from({ length: Math.max(3, REPEATS - 4) }, () => reportRun('npx', ['mechcheck', 'report', '--from', runFile, '--out', join(work, 'report')])));
const nodeMs = 1000 * median(Array.from({ length: Math.max(3, REPEATS - 4) }, () => reportRun('node', [join(ROOT, 'bin', 'mechcheck.js'), 'report', '--from', runFile, '--out', join(work, 'report')])));
rmSync(work, { recursive: true, force: true });

// ------------------------------------------------------------ eval over JSON Lines, whole process
const evalJsonl = evalJsonlBench(quick ? 3 : 7);

// ------------------------------------------------------------ check --workers 2 vs 1
const workers = workersBench(quick ? 3 : 5);

const rows = [
  { bench: 'beta-star-table (s, in-process)', ours, peer, ratio: ours / peer, target: '≤ 0.1', ok: ours / peer <= 0.1, note: `worst rel. error vs mpmath ${worst.toExponential(2)} (target ≤ 1e-9); ours per process: ${oursSamples.map((x) => (1000 * x).toFixed(1)).join(', ')} ms` },
  { bench: 'negative-sum (markets/s)', ours: oursRate, peer: peerRate, ratio: oursRate / peerRate, target: '≥ 10', ok: oursRate / peerRate >= 10, note: `${N_CASES} generated markets, every Dist kind, n ≤ 60` },
  { bench: 'eval JSON Lines, whole process (s)', ours: evalJsonl.ours, peer: evalJsonl.peer, ratio: evalJsonl.ratio, target: '≤ 0.5', ok: evalJsonl.ratio <= 0.5, note: `${evalJsonl.requests} requests (β* table, uniform and sine); ours ${evalJsonl.samples.ours.map((x) => x.toFixed(2)).join(' ')} s` },
  { bench: 'monotone refuted (s)', ours: oursMono, peer: peerMono, ratio: oursMono / peerMono, target: '≤ 0.2', ok: oursMono / peerMono <= 0.2, note: `${outcome}: ${example}` },
];
const limits = [
  { bench: `figure, slowest of ${specs.length} (ms)`, value: worstFigure.ms, target: '< 50', ok: worstFigure.ms < 50, note: figureMs.map((f) => `${f.id} ${f.ms.toFixed(1)}`).join(', ') },
  { bench: 'check --workers 2 / --workers 1', value: workers.ratio, target: '≤ 0.6', ok: workers.ratio <= 0.6, note: workersLine(workers) },
  { bench: 'report --from, all claims (s)', value: npxMs / 1000, target: '< 2', ok: npxMs < 2000, note: `npx mechcheck report --from run.jsonl; ${(nodeMs / 1000).toFixed(2)} s as node bin/mechcheck.js (npx's own start-up is the rest)` },
];
console.log(`mechcheck benchmarks (median of ${REPEATS} runs ours, ${PEER_REPEATS} peer; node ${process.version})`);
for (const r of rows) {
  console.log(`${r.bench.padEnd(34)} ours ${r.ours.toPrecision(4).padStart(9)}  peer ${r.peer.toPrecision(4).padStart(9)}  ratio ${r.ratio.toPrecision(3).padStart(7)} (target ${r.target}) ${r.ok ? 'met' : 'MISSED'}  ${r.note}`);
}
for (const r of limits) console.log(`${r.bench.padEnd(34)} ours ${r.value.toPrecision(4).padStart(9)}  (target ${r.target}) ${r.ok ? 'met' : 'MISSED'}  ${r.note}`);
mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
writeFileSync(join(ROOT, 'bench', 'results', 'latest.json'), JSON.stringify({ rows, limits, figures: figureMs, workers, evalJsonl, worstRelErr: worst, date: new Date().toISOString() }, null, 2));
