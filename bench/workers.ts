/**
 * `check` of every registered claim on two worker threads against one (issue #10; target: wall
 * time ≤ 0.6 × the serial run's on a 2-core machine). Whole processes, as users meet them
 * (`node bin/mechcheck.js check --json --no-save --workers W`), taken in alternating pairs
 * (serial first in even pairs, parallel first in odd ones) so a slow stretch of this shared machine
 * hits both. Reports the medians, the ratio of medians and each pair's ratio, the CPU time of each
 * process, and the load average around every sample: with other work on the machine (load above
 * its cores) the ratio says more about the neighbours than about the pool, and is marked unreliable.
 *
 *   node --import ./bin/register-ts.mjs bench/workers.ts [--pairs K]     (also a row of `npm run bench`)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../src/claims/persist.ts';

export interface Sample {
  workers: number;
  wall: number;
  /** CPU seconds (user + system) of the process and its threads, when /usr/bin/time is there to say. */
  cpu?: number;
  /** 1-minute load average just before the sample. */
  load: number;
}

export interface WorkersBench {
  serial: number;
  parallel: number;
  ratio: number;
  pairRatios: number[];
  samples: Sample[];
  loads: number[];
  cores: number;
  reliable: boolean;
  why: string;
  sameOutput: boolean;
  /** The ratio an idle machine could reach at best: the pool's CPU time over two cores / the serial CPU time. */
  idleBound?: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const TIME = '/usr/bin/time';

/** One `check` of every claim as a fresh process: wall seconds, CPU seconds, and its output without timings. */
function sample(workers: number): Sample & { out: string } {
  const load = loadavg()[0];
  const cmd = [join(ROOT, 'bin', 'mechcheck.js'), 'check', '--json', '--no-save', '--workers', String(workers)];
  const timed = existsSync(TIME);
  const t = process.hrtime.bigint();
  const p = timed
    ? spawnSync(TIME, ['-f', 'cpu %U %S', process.execPath, ...cmd], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(process.execPath, cmd, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = Number(process.hrtime.bigint() - t) / 1e9;
  if (p.status !== 0) throw new Error(`check --workers ${workers} exited ${p.status}: ${p.stderr}`);
  const m = /cpu ([\d.]+) ([\d.]+)/.exec(p.stderr);
  return { workers, wall, load, ...(m ? { cpu: Number(m[1]) + Number(m[2]) } : {}), out: p.stdout.replace(/"millis":\d+/g, '"millis":0') };
}

/** K alternating pairs of serial and two-worker runs of every claim (after one warm-up run that builds the bundle). */
export function workersBench(pairs = 5): WorkersBench {
  sample(1);
  const samples: Sample[] = [];
  const pairRatios: number[] = [];
  let sameOutput = true;
  let reference: string | undefined;
  for (let k = 0; k < pairs; k++) {
    const order = k % 2 === 0 ? [1, 2] : [2, 1];
    const pair = order.map((w) => sample(w));
    for (const { out, ...s } of pair) {
      reference ??= out;
      sameOutput &&= out === reference;
      samples.push(s);
    }
    const [s1, s2] = [pair.find((s) => s.workers === 1)!, pair.find((s) => s.workers === 2)!];
    pairRatios.push(s2.wall / s1.wall);
  }
  const serial = median(samples.filter((s) => s.workers === 1).map((s) => s.wall));
  const parallel = median(samples.filter((s) => s.workers === 2).map((s) => s.wall));
  const loads = samples.map((s) => s.load);
  const cores = availableParallelism();
  const spread = Math.max(...pairRatios) - Math.min(...pairRatios);
  const busy = median(loads) > cores;
  const reliable = !busy && spread < 0.2;
  // Linux's autogroup shares the CPU between sessions, not threads: while other sessions are busy,
  // a second thread adds no share to this one, and the wall ratio measures the neighbours.
  let autogroup = false;
  try {
    autogroup = readFileSync('/proc/sys/kernel/sched_autogroup_enabled', 'utf8').trim() === '1';
  } catch {
    // not Linux
  }
  const why = [
    busy
      ? `median load ${median(loads).toFixed(1)} on ${cores} cores: other processes take CPU from both runs${autogroup ? ' (and autogroup shares CPU between sessions, so the pool\'s second thread gets no share of its own)' : ''}`
      : '',
    spread >= 0.2 ? `pair ratios spread over ${spread.toFixed(2)}` : '',
  ]
    .filter(Boolean)
    .join('; ');
  // Load-independent bound: the pool's CPU time split evenly over two cores, against the serial
  // run's CPU time (its wall time on an idle machine). The wall ratio cannot be below it.
  const cpu = (w: number) => {
    const xs = samples.filter((x) => x.workers === w && x.cpu !== undefined).map((x) => x.cpu!);
    return xs.length ? median(xs) : undefined;
  };
  const [c1, c2] = [cpu(1), cpu(2)];
  const idleBound = c1 !== undefined && c2 !== undefined ? c2 / Math.min(2, cores) / c1 : undefined;
  return { serial, parallel, ratio: parallel / serial, pairRatios, samples, loads, cores, reliable, why: why || 'quiet machine, consistent pairs', sameOutput, idleBound };
}

/** One line for the bench table. */
export function workersLine(b: WorkersBench): string {
  const cpu = (w: number) => {
    const xs = b.samples.filter((s) => s.workers === w && s.cpu !== undefined).map((s) => s.cpu!);
    return xs.length ? `${median(xs).toFixed(1)} s CPU` : 'CPU not measured';
  };
  return (
    `serial ${b.serial.toFixed(1)} s (${cpu(1)}), --workers 2 ${b.parallel.toFixed(1)} s (${cpu(2)}); pairs ${b.pairRatios.map((r) => r.toFixed(2)).join(', ')}; ` +
    `load ${Math.min(...b.loads).toFixed(1)}–${Math.max(...b.loads).toFixed(1)} on ${b.cores} cores; ${b.idleBound !== undefined ? `idle-machine bound ${b.idleBound.toFixed(2)} (CPU time of the pool over 2 cores / serial CPU time); ` : ''}${b.reliable ? 'reliable' : `UNRELIABLE: ${b.why}`}; output ${b.sameOutput ? 'identical apart from millis' : 'DIFFERS'}`
  );
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const i = process.argv.indexOf('--pairs');
  const b = workersBench(i > 0 ? Number(process.argv[i + 1]) : 5);
  console.log(`check, every claim, --workers 2 vs 1 (wall, median of ${b.pairRatios.length} alternating pairs): ratio ${b.ratio.toFixed(3)} (target ≤ 0.6) ${b.ratio <= 0.6 ? 'met' : 'MISSED'}`);
  console.log(workersLine(b));
  for (const s of b.samples) console.log(`  --workers ${s.workers}  ${s.wall.toFixed(2)} s wall${s.cpu !== undefined ? `, ${s.cpu.toFixed(2)} s CPU` : ''}, load ${s.load.toFixed(2)}`);
}
