/**
 * `mechcheck report --out` never deletes what the report did not write (issue #8, item 1): it
 * writes into a new folder, an empty one, or one holding a previous report (recognised by the
 * `.mechcheck-report` marker it writes), and refuses anything else with exit 2 naming --out.
 * A report killed while writing leaves a temporary folder that the next report removes
 * (item 11). Every folder here is made under the system's temporary directory.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { ROOT } from '../src/claims/persist.ts';
import { main, type IO } from '../src/cli/main.ts';

const BIN = join(ROOT, 'bin', 'mechcheck.js');
const MARKER = '.mechcheck-report';

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: IO = { out: (s) => out.push(s), err: (s) => err.push(s), readStdin: () => '', isTTY: false };
  return { code: await main(argv, io), out, err };
}

/** The installed command, run in `cwd` (for `--out .`, `..`, "" — relative to where the user stands). */
function cli(cwd: string, args: string[]) {
  const p = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: p.status, out: p.stdout, err: p.stderr.trim() };
}

/** Every path under dir with file contents: what must survive a refused report untouched. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        out[`${rel}${e.name}/`] = '';
        walk(p, `${rel}${e.name}/`);
      } else out[rel + e.name] = readFileSync(p, 'utf8');
    }
  };
  walk(dir, '');
  return out;
}

let work: string;
let runFile: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'mechcheck-report-out-'));
  const c = await run(['check', 'PW.uniform.closed-form', '--runs', '3', '--json', '--no-save']);
  expect(c.code).toBe(0);
  runFile = join(work, 'run.jsonl');
  writeFileSync(runFile, c.out.join('\n') + '\n');
});

/** A folder of a user's own files: a file and a subfolder with a file. */
function userFolder(name: string): string {
  const d = join(work, name);
  mkdirSync(join(d, 'sub'), { recursive: true });
  writeFileSync(join(d, 'precious.txt'), 'x');
  writeFileSync(join(d, 'sub', 'notes.md'), 'y');
  return d;
}

function expectRefused(r: { code: number | null; out: string | string[]; err: string | string[] }, what: string) {
  expect(r.code, what).toBe(2);
  const err = Array.isArray(r.err) ? r.err : r.err.split('\n');
  expect(err, what).toHaveLength(1);
  expect(err[0], what).toMatch(/^mechcheck: --out: /);
  expect(r.out.length, what).toBe(0);
}

describe('--out: only a new folder, an empty one, or a previous report', () => {
  test('a folder of user files, given by path: exit 2 naming --out, every file as it was', async () => {
    const d = userFolder('mine');
    const before = snapshot(d);
    const r = await run(['report', '--from', runFile, '--out', d]);
    expectRefused(r, d);
    expect(r.err[0]).toMatch(/precious\.txt/);
    expect(snapshot(d)).toEqual(before);
    expect(readdirSync(work).filter((n) => n.startsWith('.mine.'))).toEqual([]);
  });

  test('the folder one stands in (".", "./", ""), and its parent (".."): refused, nothing touched', () => {
    const d = userFolder('cwd');
    const inner = join(d, 'sub');
    const before = snapshot(d);
    for (const [cwd, out] of [[d, '.'], [d, './'], [d, ''], [inner, '..'], [inner, '../']] as const) {
      const r = cli(cwd, ['report', '--from', runFile, '--out', out]);
      expectRefused(r, `--out "${out}" in ${cwd}`);
      expect(snapshot(d), out).toEqual(before);
    }
    expect(readdirSync(work).filter((n) => n.startsWith('.cwd.'))).toEqual([]);
  });

  test('a folder like a repository root (package.json, .git/, src/): refused', async () => {
    const d = join(work, 'repo');
    mkdirSync(join(d, '.git'), { recursive: true });
    mkdirSync(join(d, 'src'));
    writeFileSync(join(d, 'package.json'), '{}');
    writeFileSync(join(d, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    const before = snapshot(d);
    expectRefused(await run(['report', '--from', runFile, '--out', d]), d);
    expect(snapshot(d)).toEqual(before);
  });

  test('a new folder, then the same folder again: written, then replaced; only index.html and the marker', async () => {
    const d = join(work, 'fresh', 'report');
    expect((await run(['report', '--from', runFile, '--out', d])).code).toBe(0);
    expect(readdirSync(d).sort()).toEqual([MARKER, 'index.html']);
    expect(readFileSync(join(d, MARKER), 'utf8')).toMatch(/^mechcheck-report 1\n/);
    writeFileSync(join(d, 'index.html'), 'stale');
    expect((await run(['report', '--from', runFile, '--out', d])).code).toBe(0);
    expect(readdirSync(d).sort()).toEqual([MARKER, 'index.html']);
    expect(readFileSync(join(d, 'index.html'), 'utf8')).toMatch(/^<!doctype html>/i);
    expect(readdirSync(join(work, 'fresh'))).toEqual(['report']);
  });

  test('an empty folder is written into, and "." there leaves the folder itself in place', () => {
    const d = join(work, 'empty');
    mkdirSync(d);
    const ino = statSync(d).ino;
    const r = cli(d, ['report', '--from', runFile, '--out', '.']);
    expect(r.code, r.err).toBe(0);
    expect(readdirSync(d).sort()).toEqual([MARKER, 'index.html']);
    // the shell standing in it still stands in the same folder, not in a deleted one
    expect(statSync(d).ino).toBe(ino);
    expect(readdirSync(work).filter((n) => n.startsWith('.empty.'))).toEqual([]);
  });

  test('a previous report with a user file added: refused, not cleaned', async () => {
    const d = join(work, 'mixed');
    expect((await run(['report', '--from', runFile, '--out', d])).code).toBe(0);
    writeFileSync(join(d, 'my-notes.txt'), 'mine');
    const before = snapshot(d);
    const r = await run(['report', '--from', runFile, '--out', d]);
    expectRefused(r, d);
    expect(r.err[0]).toMatch(/my-notes\.txt/);
    expect(snapshot(d)).toEqual(before);
  });

  test('an index.html without the marker (a user\'s page, or a report older than the marker): refused', async () => {
    const d = join(work, 'site');
    mkdirSync(d);
    writeFileSync(join(d, 'index.html'), '<p>my home page</p>');
    expectRefused(await run(['report', '--from', runFile, '--out', d]), d);
    expect(readFileSync(join(d, 'index.html'), 'utf8')).toBe('<p>my home page</p>');
  });

  test('the marker with a folder where index.html should be: refused', async () => {
    const d = join(work, 'odd');
    mkdirSync(join(d, 'index.html'), { recursive: true });
    writeFileSync(join(d, MARKER), 'mechcheck-report 1\n');
    writeFileSync(join(d, 'index.html', 'x'), 'mine');
    expectRefused(await run(['report', '--from', runFile, '--out', d]), d);
    expect(readFileSync(join(d, 'index.html', 'x'), 'utf8')).toBe('mine');
  });
});

describe('temporary folders of a killed report', () => {
  test('a report killed while writing leaves a temporary folder; the next report removes it', async () => {
    const out = join(work, 'killed');
    // A child that writes a report and is SIGKILLed half-way through (the page's getter runs mid-write).
    const script = join(work, 'kill-mid-write.mjs');
    writeFileSync(
      script,
      `const { writeFolderAtomically } = await import(${JSON.stringify(join(ROOT, 'src', 'report', 'write.ts'))});
       writeFolderAtomically(${JSON.stringify(out)}, { get ['index.html']() { process.kill(process.pid, 'SIGKILL'); return ''; } });`,
    );
    const p = spawnSync(process.execPath, ['--import', join(ROOT, 'bin', 'register-ts.mjs'), script], { encoding: 'utf8' });
    expect(p.signal).toBe('SIGKILL');
    expect(readdirSync(work).filter((n) => n.startsWith('.killed.tmp-')).length).toBe(1);
    expect((await run(['report', '--from', runFile, '--out', out])).code).toBe(0);
    expect(readdirSync(work).filter((n) => n.startsWith('.killed.'))).toEqual([]);
    expect(readdirSync(out).sort()).toEqual([MARKER, 'index.html']);
  });

  test('only stale temporaries of the report are removed: not a live one, nor one holding a user file, nor an unmarked one', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    const live = process.pid;
    const mk = (name: string, files: Record<string, string>) => {
      mkdirSync(join(work, name));
      for (const [f, c] of Object.entries(files)) writeFileSync(join(work, name, f), c);
    };
    const marker = { [MARKER]: 'mechcheck-report 1\n' };
    mk(`.stale.tmp-${dead}-aaaaaa`, { ...marker, 'index.html': 'x' });
    mk(`.stale.tmp-${dead}-bbbbbb`, {});
    mk(`.stale.tmp-${live}-cccccc`, { ...marker, 'index.html': 'x' });
    mk(`.stale.tmp-${dead}-dddddd`, { ...marker, 'index.html': 'x', 'mine.txt': 'keep' });
    mk(`.stale.tmp-${dead}-eeeeee`, { 'index.html': 'x' });
    mk(`.other.tmp-${dead}-ffffff`, { ...marker });
    expect((await run(['report', '--from', runFile, '--out', join(work, 'stale')])).code).toBe(0);
    expect(readdirSync(work).filter((n) => /^\.(stale|other)\./.test(n)).sort()).toEqual([
      `.other.tmp-${dead}-ffffff`,
      `.stale.tmp-${dead}-dddddd`,
      `.stale.tmp-${dead}-eeeeee`,
      `.stale.tmp-${live}-cccccc`,
    ].sort());
    expect(existsSync(join(work, `.stale.tmp-${dead}-dddddd`, 'mine.txt'))).toBe(true);
  });
});
