/**
 * `check --workers N` (issue #10): claims on a piscina pool give the serial run's standard output
 * byte for byte apart from timings, in the claims' order whatever order they finish in; `--workers 1`
 * starts no pool; a bad value is exit 2 naming the flag; and saved cases stay whole when worker
 * threads write them at once. (The bundled worker entry is run by test/shards.test.ts, through
 * bin/mechcheck.js; here the workers load the sources through bin/register-ts.mjs.)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { main, type IO } from '../src/cli/main.ts';
import { poolsStarted } from '../src/cli/workers.ts';
import { ROOT } from '../src/claims/persist.ts';
import { claim } from '../src/claims/registry.ts';
import fc from 'fast-check';

function capture(): { io: IO; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s) => out.push(s), err: (s) => err.push(s), readStdin: () => '', isTTY: false }, out, err };
}

// Cheap claims of the kinds of outcome line: a contradiction and a refutation (a counterexample,
// certified, saved cases replayed), passes, a figure.
const IDS = ['PW.T2-5.as-printed', 'PW.uniform.closed-form', 'PW.Ex1.beta-star-monotone', 'PW.Ex1.figure'];

/** Timings are the only thing allowed to differ: `millis` in JSON, the time column and "in 1.2s" in text. */
const untimed = (s: string) => s.replace(/"millis":\d+/g, '"millis":0').replace(/\b\d+\.\ds\b/g, 'T');

const RUNS = ['--runs', '12', '--no-save'];

/** `mechcheck check …` as a user runs it. */
function cli(args: string[]): { stdout: string; stderr: string } {
  const p = spawnSync(process.execPath, [join(ROOT, 'bin', 'mechcheck.js'), 'check', ...args], { encoding: 'utf8', env: { ...process.env, CI: '' } });
  expect(p.status, p.stderr).toBe(0);
  return { stdout: p.stdout, stderr: p.stderr };
}

const scratch = mkdtempSync(join(tmpdir(), 'mechcheck-workers-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('check --workers', () => {
  test('--workers 2 prints the JSON Lines --workers 1 prints, apart from timings (the bundle, as users run it)', () => {
    // The bundle's worker.js entry is what the pool loads here.
    const serial = cli([...IDS, ...RUNS, '--json', '--workers', '1']);
    const pooled = cli([...IDS, ...RUNS, '--json', '--workers', '2']);
    expect(pooled.stdout.trim().split('\n').map((l) => JSON.parse(l).id)).toEqual(IDS);
    expect(untimed(pooled.stdout)).toBe(untimed(serial.stdout));
    expect(pooled.stderr).toBe('');
  });

  test('the table and progress lines, in-process (the sources, workers through the module hooks); --workers 1 starts no pool', async () => {
    const ids = ['PW.T2-5.as-printed', 'PW.uniform.closed-form', 'PW.T2.limit'];
    const before = poolsStarted();
    const serial = capture();
    expect(await main(['check', ...ids, ...RUNS, '--workers', '1'], serial.io)).toBe(0);
    expect(poolsStarted()).toBe(before);
    const pooled = capture();
    expect(await main(['check', ...ids, ...RUNS, '--workers', '2'], pooled.io)).toBe(0);
    expect(poolsStarted()).toBe(before + 1);
    expect(untimed(pooled.out.join('\n'))).toBe(untimed(serial.out.join('\n')));
    // One progress line per claim, numbered by claims finished: the same lines, in any order.
    const unnumbered = (lines: string[]) => lines.map(untimed).map((l) => l.replace(/^\[\d\/3\] /, '')).sort();
    expect(unnumbered(pooled.err)).toEqual(unnumbered(serial.err));
    expect(pooled.err.map((l) => l.slice(0, 6))).toEqual(['[1/3] ', '[2/3] ', '[3/3] ']);
  });

  test('one claim selected: no pool, whatever --workers says', async () => {
    const before = poolsStarted();
    expect(await main(['check', 'PW.uniform.closed-form', '--runs', '5', '--no-save', '--json', '--workers', '4'], capture().io)).toBe(0);
    expect(poolsStarted()).toBe(before);
  });

  test.each([['0'], ['-1'], ['1.5'], ['abc'], [''], ['0x2'], ['257']])('--workers %j is exit 2 naming the flag, before any claim runs', async (v) => {
    for (const cmd of [['check', 'PW.uniform.closed-form'], ['report', 'PW.uniform.closed-form', '--out', join(scratch, 'never')]]) {
      const c = capture();
      expect(await main([...cmd, '--workers', v], c.io)).toBe(2);
      expect(c.err).toEqual([`mechcheck: --workers: must be a whole number from 1 to 256 (got ${JSON.stringify(v)})`]);
      expect(c.out).toEqual([]);
    }
    expect(readdirSync(scratch)).not.toContain('never');
  });

  test('report --from reads a finished run: --workers there is exit 2, as --runs is', async () => {
    const c = capture();
    expect(await main(['report', '--from', join(scratch, 'run.jsonl'), '--workers', '2', '--out', join(scratch, 'r')], c.io)).toBe(2);
    expect(c.err).toEqual(['mechcheck: --from: reads a finished run; --workers applies only when the report runs the claims']);
  });
});

describe('the order of what is printed', () => {
  test('claims finishing in reverse order: JSON lines in the claims\' order, progress lines numbered as they finish', async () => {
    // The pool replaced by one that finishes the last task first: deterministic, no threads.
    vi.resetModules();
    vi.doMock('../src/cli/workers.ts', async (orig) => {
      const real = await orig<typeof import('../src/cli/workers.ts')>();
      const { runClaim } = await import('../src/claims/runner.ts');
      return {
        ...real,
        runOnPool: async (tasks: { id: string }[], _threads: number, done: (k: number, r: unknown) => void) => {
          for (let k = tasks.length - 1; k >= 0; k--) done(k, { outcome: runClaim(toys.find((t) => t.id === tasks[k].id)!, { persist: false, replaySaved: false, root: scratch }), log: [`log of ${tasks[k].id}`] });
        },
      };
    });
    const { checkRunParallel } = await import('../src/cli/check.ts');
    const out: string[] = [];
    const err: string[] = [];
    const r = await checkRunParallel({ claims: toys, json: true, save: false, replay: false, out: (s) => out.push(s), err: (s) => err.push(s), bar: false, workers: 2, root: scratch });
    vi.doUnmock('../src/cli/workers.ts');
    vi.resetModules();
    expect(out.map((l) => JSON.parse(l).id)).toEqual(['PW.toy-a', 'PW.toy-b', 'PW.toy-c']);
    expect(r.outcomes.map((o) => o.id)).toEqual(['PW.toy-a', 'PW.toy-b', 'PW.toy-c']);
    expect(err).toEqual(['log of PW.toy-c', 'log of PW.toy-b', 'log of PW.toy-a']);
  });
});

const toy = (id: string) =>
  claim({
    id,
    paper: 'PW',
    statement: 'x ≥ 0',
    source: 'test',
    verdict: 'holds',
    tolerance: { abs: 0, why: 'exact' },
    runs: 5,
    input: fc.nat(),
    property: (x: number) => ({ holds: x >= 0, margin: x, numbers: { x } }),
  });
const toys = ['PW.toy-a', 'PW.toy-b', 'PW.toy-c'].map(toy);

describe('saved cases under worker threads', () => {
  test('threads writing the same case at once: one creates it, the file is whole, no temporary left', async () => {
    const dir = mkdtempSync(join(scratch, 'cases-'));
    const file = join(dir, 'PW.X', 'abc.json');
    const text = JSON.stringify({ big: 'x'.repeat(1 << 20) }) + '\n';
    // All threads wait on one shared flag, then write: the writes overlap as two workers' would.
    const go = new Int32Array(new SharedArrayBuffer(4));
    const code = `
      const { workerData, parentPort } = require('node:worker_threads');
      import(workerData.hooks).then(() => import(workerData.persist)).then(({ writeNewFile }) => {
        const go = new Int32Array(workerData.go);
        Atomics.add(go, 0, 1);
        while (Atomics.load(go, 0) < workerData.n) Atomics.wait(go, 0, Atomics.load(go, 0), 5);
        parentPort.postMessage(writeNewFile(workerData.file, workerData.text));
      });`;
    const n = 4;
    const persist = new URL('../src/claims/persist.ts', import.meta.url).href;
    const created = await Promise.all(
      Array.from({ length: n }, () => {
        const w = new Worker(code, { eval: true, workerData: { hooks: new URL('../bin/register-ts.mjs', import.meta.url).href, persist, go: go.buffer, n, file, text } });
        return new Promise<boolean>((res, rej) => {
          w.once('message', res);
          w.once('error', rej);
        }).finally(() => w.terminate());
      }),
    );
    expect(created.filter(Boolean)).toHaveLength(1);
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(readdirSync(join(dir, 'PW.X'))).toEqual(['abc.json']);
  });
});

describe('longest first', () => {
  test('recorded claims start longest first, unrecorded ones before them in their own order; output order is untouched elsewhere', async () => {
    const { longestFirst } = await import('../src/cli/check.ts');
    const t = (id: string) => ({ id, persist: false, replaySaved: true });
    const tasks = [t('a'), t('b'), t('c'), t('d')];
    expect(longestFirst(tasks, { 'a||': 5, 'c||': 50, 'd||': 7 })).toEqual([1, 2, 3, 0]);
    expect(longestFirst(tasks, {})).toEqual([0, 1, 2, 3]);
    // Another depth is another key: times at --runs 5 say nothing about the default depth.
    expect(longestFirst([{ ...t('a'), runs: 5 }, t('b')], { 'a|5|': 1, 'b||': 9 })).toEqual([1, 0]);
  });
});
