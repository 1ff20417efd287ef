/**
 * `eval pw.cutoff` over JSON Lines, whole process (issue #10, "speed where users meet it"): the β*
 * table n = 2..200 for uniform(0,1) and the sine market, one request a line, through
 * `node bin/mechcheck.js eval pw.cutoff --input FILE`, against the SciPy peer computing the same
 * table in its own process (../shared/peers/pw_scipy.py). Samples alternate ours / peer, so a slow
 * stretch of the shared machine hits both; the ratio is of medians. Target ≤ 0.5.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../src/claims/persist.ts';
import { SINE_MARKET, UNIFORM01 } from '../src/generators/distributions.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const wall = (cmd: string, args: string[]) => {
  const t = process.hrtime.bigint();
  execFileSync(cmd, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 26 });
  return Number(process.hrtime.bigint() - t) / 1e9;
};

/** Median whole-process seconds of ours and of the peer over `samples` alternating pairs. */
export function evalJsonlBench(samples: number) {
  const dir = mkdtempSync(join(tmpdir(), 'mechcheck-eval-bench-'));
  const file = join(dir, 'table.jsonl');
  const lines: string[] = [];
  for (let n = 2; n <= 200; n++) for (const d of [UNIFORM01, SINE_MARKET]) lines.push(JSON.stringify({ n, distribution: d }));
  writeFileSync(file, lines.join('\n') + '\n');
  const ours: number[] = [];
  const peer: number[] = [];
  try {
    wall('node', [join(ROOT, 'bin', 'mechcheck.js'), 'eval', 'pw.cutoff', '--input', file]); // builds the bundle once
    for (let k = 0; k < samples; k++) {
      ours.push(wall('node', [join(ROOT, 'bin', 'mechcheck.js'), 'eval', 'pw.cutoff', '--input', file]));
      peer.push(wall('python3', [join(ROOT, '..', 'shared', 'peers', 'pw_scipy.py')]));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { ours: median(ours), peer: median(peer), ratio: median(ours) / median(peer), samples: { ours, peer }, requests: lines.length };
}

if (process.argv[1]?.endsWith('eval-jsonl.ts')) {
  const r = evalJsonlBench(Number(process.argv[2] ?? 7));
  console.log(`eval pw.cutoff, ${r.requests} JSON Lines requests, whole process: ours ${r.ours.toFixed(3)} s, SciPy ${r.peer.toFixed(3)} s, ratio ${r.ratio.toFixed(3)} (target ≤ 0.5)`);
  console.log(`  ours ${r.samples.ours.map((x) => x.toFixed(2)).join(' ')}; peer ${r.samples.peer.map((x) => x.toFixed(2)).join(' ')}`);
}
