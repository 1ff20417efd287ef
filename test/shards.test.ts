/**
 * The sharded deep run of .github/workflows/deep.yml, locally (issue #10): three `check --shard i/3
 * --json --workers 2` processes, their artifacts merged by scripts/merge-shards.mjs (the script the
 * workflow's last job calls) into one report, equal to the report of one unsharded `--workers 1`
 * run apart from timings — outcome by outcome (minus `millis`) and in the HTML (timings, the
 * time stamp and the names of the files read stripped). And the merge's edges: counterexample
 * folders merge by union, a name holding different bytes in two places is exit 2 before anything
 * is written, a missing shard is named, and `collect` copies only the cases git does not track.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ROOT } from '../src/claims/persist.ts';

const BIN = join(ROOT, 'bin', 'mechcheck.js');
const MERGE = join(ROOT, 'scripts', 'merge-shards.mjs');
// Six cheap claims, two a shard: a contradiction and a refutation (counterexamples), a figure, passes.
const IDS = ['PW.T2-5.as-printed', 'PW.Ex1.beta-star-monotone', 'PW.Ex1.figure', 'PW.uniform.closed-form', 'PW.MS.bilateral-impossible', 'PW.T2.limit'];
const RUN = ['--runs', '10', '--json', '--no-save'];
// Two saved cases of the checkout stand for what shards would have found (the shards here do not
// save: they must not write into the checkout's fixtures).
const CASE_DIR = 'PW.Ex1.beta-star-monotone';

const work = mkdtempSync(join(tmpdir(), 'mechcheck-shards-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A child process's exit code and output, without blocking the others (the matrix runs at once). */
function run(args: string[], cwd = work): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((res) => {
    const p = spawn(process.execPath, args, { cwd, env: { ...process.env, CI: '' } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => res({ code, stdout, stderr }));
  });
}

const cases = readdirSync(join(ROOT, 'fixtures', 'counterexamples', CASE_DIR)).filter((f) => f.endsWith('.json')).sort();

/** The artifacts of three shards as the merge job downloads them: one folder per shard. */
function artifacts(dir: string, shards: string[]) {
  shards.forEach((text, k) => {
    mkdirSync(join(dir, `shard-${k + 1}`), { recursive: true });
    writeFileSync(join(dir, `shard-${k + 1}`, `shard-${k + 1}.jsonl`), text);
  });
  return dir;
}

const copyCase = (dir: string, shard: number, name: string, text?: string) => {
  const to = join(dir, `shard-${shard}`, 'counterexamples', CASE_DIR);
  mkdirSync(to, { recursive: true });
  if (text === undefined) cpSync(join(ROOT, 'fixtures', 'counterexamples', CASE_DIR, name), join(to, name));
  else writeFileSync(join(to, name), text);
};

/** The report's page without what differs between two runs of the same claims: timings, time stamp, the files read. */
const untimedHtml = (html: string) =>
  html
    .replace(/\b\d+\.\d s\b/g, 'T s')
    .replace(/\(outcomes read from [^;]*;/g, '(outcomes read from FILES;')
    .replace(/; \d{4}-\d\d-\d\dT[\d:.]+Z\)/g, '; DATE)');

const outcomesById = (text: string) =>
  Object.fromEntries(
    text
      .trim()
      .split('\n')
      .map((l) => {
        const { millis, ...o } = JSON.parse(l);
        expect(typeof millis).toBe('number');
        return [o.id, o];
      }),
  );

let shardOut: string[];
let single: string;

beforeAll(async () => {
  const [one, ...shards] = await Promise.all([
    run([BIN, 'check', ...IDS, ...RUN, '--workers', '1']),
    ...[1, 2, 3].map((i) => run([BIN, 'check', ...IDS, ...RUN, '--shard', `${i}/3`, '--workers', '2'])),
  ]);
  for (const r of [one, ...shards]) expect(r.code, r.stderr).toBe(0);
  single = one.stdout;
  shardOut = shards.map((r) => r.stdout);
}, 120_000);

describe('three shards merged equal one unsharded run', () => {
  test('the shards split the claims, each claim once, with the outcome of the unsharded run apart from millis', () => {
    const lines = shardOut.map((s) => s.trim().split('\n'));
    expect(lines.map((l) => l.length)).toEqual([2, 2, 2]);
    const merged = outcomesById(shardOut.join(''));
    expect(Object.keys(merged).sort()).toEqual([...IDS].sort());
    expect(merged).toEqual(outcomesById(single));
  });

  test('merge-shards: counterexample folders by union, then one report equal to the unsharded run\'s apart from timings', async () => {
    const dir = artifacts(join(work, 'ok'), shardOut);
    // The same case found by shards 1 and 3 (same name, same bytes), another by shard 2 alone.
    copyCase(dir, 1, cases[0]);
    copyCase(dir, 3, cases[0]);
    copyCase(dir, 2, cases[1]);
    const into = join(work, 'ok-cases');
    const m = await run([MERGE, 'merge', '--shards', dir, '--expect', '3', '--into', into, '--out', join(work, 'merged')]);
    expect(m.code, m.stderr).toBe(0);
    expect(m.stderr).toMatch(/merge-shards: 3 shard\(s\); 2 counterexample file\(s\), 2 new in /);
    expect(readdirSync(join(into, CASE_DIR)).sort()).toEqual(cases.slice(0, 2));
    for (const f of cases.slice(0, 2)) expect(readFileSync(join(into, CASE_DIR, f), 'utf8')).toBe(readFileSync(join(ROOT, 'fixtures', 'counterexamples', CASE_DIR, f), 'utf8'));

    writeFileSync(join(work, 'single.jsonl'), single);
    const s = await run([BIN, 'report', '--from', join(work, 'single.jsonl'), '--out', join(work, 'single')]);
    expect(s.code, s.stderr).toBe(0);
    const merged = readFileSync(join(work, 'merged', 'index.html'), 'utf8');
    const one = readFileSync(join(work, 'single', 'index.html'), 'utf8');
    expect(merged).toContain('outcomes read from');
    expect(untimedHtml(merged)).toBe(untimedHtml(one));
    // Merging again changes nothing: the union is already there, byte for byte.
    const again = await run([MERGE, 'merge', '--shards', dir, '--into', into, '--out', join(work, 'merged')]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/2 counterexample file\(s\), 0 new/);
  });

  test('one name, two texts: exit 2 naming the file, nothing merged, no report', async () => {
    const dir = artifacts(join(work, 'conflict'), shardOut);
    copyCase(dir, 1, cases[1]);
    copyCase(dir, 1, cases[0]);
    copyCase(dir, 3, cases[0], readFileSync(join(ROOT, 'fixtures', 'counterexamples', CASE_DIR, cases[0]), 'utf8').replace('"certified": true', '"certified": false'));
    const into = join(work, 'conflict-cases');
    const m = await run([MERGE, 'merge', '--shards', dir, '--into', into, '--out', join(work, 'conflict-report')]);
    expect(m.code).toBe(2);
    expect(m.stderr).toBe(`merge-shards: counterexamples/${CASE_DIR}/${cases[0]}: shard-1/counterexamples/${CASE_DIR}/${cases[0]} and shard-3/counterexamples/${CASE_DIR}/${cases[0]} differ (the same name must be the same bytes)\n`);
    expect(existsSync(into)).toBe(false);
    expect(existsSync(join(work, 'conflict-report'))).toBe(false);

    // A file already in the target folder counts too.
    const dir2 = artifacts(join(work, 'conflict2'), shardOut);
    copyCase(dir2, 2, cases[0]);
    mkdirSync(join(into, CASE_DIR), { recursive: true });
    writeFileSync(join(into, CASE_DIR, cases[0]), '{}\n');
    const m2 = await run([MERGE, 'merge', '--shards', dir2, '--into', into, '--out', join(work, 'conflict-report')]);
    expect(m2.code).toBe(2);
    expect(m2.stderr).toMatch(/differs from .* \(the same name must be the same bytes\)/);
    expect(readFileSync(join(into, CASE_DIR, cases[0]), 'utf8')).toBe('{}\n');
  });

  test('a shard that did not arrive is named; the report holds the others', async () => {
    const dir = artifacts(join(work, 'missing'), shardOut.slice(0, 2));
    const m = await run([MERGE, 'merge', '--shards', dir, '--expect', '3', '--into', join(work, 'missing-cases'), '--out', join(work, 'missing-report')]);
    expect(m.code).toBe(1);
    expect(m.stderr).toMatch(/merge-shards: shard\(s\) 3 of 3 missing: the report holds the others only\n$/);
    expect(readFileSync(join(work, 'missing-report', 'index.html'), 'utf8')).toContain('not in this run');
  });

  test('bad use is exit 2 with one line naming the flag', () => {
    const cases: [string[], RegExp][] = [
      [[], /^merge-shards: command: must be collect or merge \(got ""\)\n$/],
      [['merge', '--out', 'x'], /^merge-shards: --shards: missing/],
      [['merge', '--shards', join(work, 'nowhere'), '--out', 'x'], /^merge-shards: --shards: .* is not a folder\n$/],
      [['merge', '--shards', work, '--out', 'x', '--expect', '0'], /^merge-shards: --expect: must be a whole number ≥ 1 \(got "0"\)\n$/],
      [['merge', '--shards', work, '--bogus', 'x'], /^merge-shards: --bogus: unknown flag/],
    ];
    for (const [args, re] of cases) {
      const p = spawnSync(process.execPath, [MERGE, ...args], { encoding: 'utf8', cwd: work });
      expect(p.status, args.join(' ')).toBe(2);
      expect(p.stderr).toMatch(re);
    }
  });
});

describe('merge-shards collect', () => {
  test('copies the counterexample files git does not track, and only those', () => {
    const repo = join(work, 'repo');
    const dir = join(repo, 'fixtures', 'counterexamples', CASE_DIR);
    mkdirSync(dir, { recursive: true });
    const git = (...a: string[]) => execFileSync('git', ['-C', repo, ...a], { encoding: 'utf8' });
    git('init', '-q');
    cpSync(join(ROOT, 'fixtures', 'counterexamples', CASE_DIR, cases[0]), join(dir, cases[0]));
    git('add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'old case');
    cpSync(join(ROOT, 'fixtures', 'counterexamples', CASE_DIR, cases[1]), join(dir, cases[1]));
    writeFileSync(join(repo, 'elsewhere.json'), '{}');
    const out = join(work, 'collected');
    const p = spawnSync(process.execPath, [MERGE, 'collect', '--root', repo, '--out', out], { encoding: 'utf8' });
    expect(p.status, p.stderr).toBe(0);
    expect(p.stderr).toBe(`merge-shards: 1 new counterexample file(s) collected into ${out}\n`);
    expect(readdirSync(join(out, 'counterexamples', CASE_DIR))).toEqual([cases[1]]);
    expect(readFileSync(join(out, 'counterexamples', CASE_DIR, cases[1]), 'utf8')).toBe(readFileSync(join(dir, cases[1]), 'utf8'));
  });
});
