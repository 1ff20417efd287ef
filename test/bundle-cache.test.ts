/**
 * bin/mechcheck.js bundles the sources into node_modules/.cache/mechcheck-bundle/. A build
 * killed half-way leaves <hash>.<pid>.tmp behind: the next start removes it, but never the
 * folder of a build that is still running. Run on a copy of the launcher in a scratch checkout
 * (a one-line main, its own cache), so the shared cache is left alone.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { ROOT } from '../src/claims/persist.ts';

const scratch = mkdtempSync(join(tmpdir(), 'mechcheck-bundle-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

test('a start removes the temporaries of dead or old builds and keeps a running one', () => {
  mkdirSync(join(scratch, 'bin'));
  copyFileSync(join(ROOT, 'bin', 'mechcheck.js'), join(scratch, 'bin', 'mechcheck.js'));
  mkdirSync(join(scratch, 'src', 'cli'), { recursive: true });
  writeFileSync(join(scratch, 'src', 'cli', 'main.ts'), 'export async function main(argv: string[]): Promise<number> { console.log(`ran ${argv.length}`); return 0; }\n');
  mkdirSync(join(scratch, 'properties'));
  writeFileSync(join(scratch, 'package-lock.json'), '{}');
  mkdirSync(join(scratch, 'node_modules'));
  symlinkSync(join(ROOT, 'node_modules', 'esbuild'), join(scratch, 'node_modules', 'esbuild'));
  const cache = join(scratch, 'node_modules', '.cache', 'mechcheck-bundle');
  const dead = 'aaaa.99999999.tmp'; // above the largest pid Linux hands out (2^22)
  const running = `bbbb.${process.pid}.tmp`; // this test's process: alive while the launcher runs
  const old = `cccc.${process.pid}.tmp`;
  const bundle = 'dddd';
  for (const d of [dead, running, old, bundle]) mkdirSync(join(cache, d), { recursive: true });
  const hourAgo = new Date(Date.now() - 3_600_000);
  utimesSync(join(cache, old), hourAgo, hourAgo);

  const p = spawnSync(process.execPath, [join(scratch, 'bin', 'mechcheck.js'), 'x'], { encoding: 'utf8', cwd: scratch });
  expect(p.stderr).toBe('');
  expect(p.stdout).toBe('ran 1\n');
  const left = readdirSync(cache);
  expect(left).toContain(running);
  expect(left).toContain(bundle);
  expect(left).not.toContain(dead);
  expect(left).not.toContain(old);
  // the launcher built its bundle (and did not fall back to the hooks)
  expect(left.some((n) => existsSync(join(cache, n, 'main.js')))).toBe(true);
});

// The hooks are a silent fallback: a bundle that builds but fails to load (a bundled CommonJS
// package requiring a built-in, a package finding files by __dirname) would only make every
// command a second slower. MECHCHECK_DEBUG prints why the launcher fell back.
test('the real sources bundle and load, commands and worker threads alike (no fallback to the hooks)', () => {
  const run = (args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin', 'mechcheck.js'), ...args], { encoding: 'utf8', cwd: ROOT, env: { ...process.env, MECHCHECK_DEBUG: '1' } });
  const v = run(['--version']);
  expect(v.stderr).toBe('');
  expect(v.status).toBe(0);
  const c = run(['check', 'PW.T1.concave', 'PW.Thm2.negative-sum', '--runs', '2', '--workers', '2', '--no-save', '--json']);
  expect(c.stderr).toBe('');
  expect(c.status).toBe(0);
  expect(c.stdout.trim().split('\n').map((l) => JSON.parse(l).outcome)).toEqual(['passed', 'passed']);
});

// `eval` loads the expression engine only for a request that may name a density (the word, or a
// \u escape that could spell it): each form must still evaluate, and agree.
test('eval builds expression densities with the engine loaded on demand, a \\u-escaped kind too', () => {
  const ev = (line: string) => spawnSync(process.execPath, [join(ROOT, 'bin', 'mechcheck.js'), 'eval', 'pw.cutoff'], { encoding: 'utf8', cwd: ROOT, input: line, env: { ...process.env, MECHCHECK_DEBUG: '1' } });
  const plain = ev('{"n":3,"distribution":{"kind":"density","expr":"1+x","lo":0,"hi":1}}');
  const escaped = ev('{"n":3,"distribution":{"kind":"d\\u0065nsity","expr":"1+x","lo":0,"hi":1}}');
  const uniform = ev('{"n":3,"distribution":{"kind":"uniform","lo":0,"hi":1}}');
  for (const r of [plain, escaped, uniform]) {
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  }
  expect(JSON.parse(escaped.stdout).betaStar).toBe(JSON.parse(plain.stdout).betaStar);
  expect(JSON.parse(plain.stdout).betaStar).toBeCloseTo(2.3646351596981, 10);
});
