/**
 * The import graph of src/ and properties/ runs one way (numeric → distributions → models →
 * generators → claims → properties → report → cli) and has no cycle: `node scripts/layers.mjs`,
 * the command anyone can run, says so — and says what is wrong when it is not.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect, test } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SCRIPT = join(ROOT, 'scripts', 'layers.mjs');

/** Runs the script as a command (optionally on another tree) and returns its exit code and output. */
function layers(...args: string[]) {
  const r = spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The script's checker in this process (the made-up trees need no process of their own). */
async function problemsOf(root: string): Promise<string[]> {
  const { checkLayers } = await import(pathToFileURL(SCRIPT).href);
  return checkLayers(root).problems;
}

test('this checkout: no upward import, no cycle', () => {
  const r = layers();
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/^layers: ok — \d+ files, \d+ relative imports, none upward, no cycle\n$/);
});

test('a made-up tree: every upward import and every cycle is listed, exit 1', async () => {
  const root = mkdtempSync(join(tmpdir(), 'mechcheck-layers-'));
  const put = (file: string, text: string) => {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  };
  put('src/errors.ts', 'export class UsageError extends Error {}\n');
  put('src/numeric/a.ts', "import type { B } from '../claims/b.ts';\nexport type A = B;\n");
  put('src/claims/b.ts', "import { UsageError } from '../errors.ts';\nexport type B = UsageError;\n");
  // A cycle inside one layer; and an import named only in a comment, which must not count.
  put('src/distributions/x.ts', "import { y } from './y.ts';\n// import { z } from '../cli/z.ts';\nexport const x = () => y;\n");
  put('src/distributions/y.ts', "import { x } from './x.ts';\nexport const y = () => x;\n");
  put('src/report/r.ts', "export const r = () => import('../cli/c.ts');\n");
  put('src/cli/c.ts', "export { r } from '../report/r.ts';\n");
  // The command once (exit code and summary line), the checker for the list.
  const r = layers('--root', root);
  expect(r.code).toBe(1);
  expect(r.err.trim().split('\n').at(-1)).toBe('layers: 4 problems in 7 files (6 relative imports)');
  const lines = await problemsOf(root);
  expect(lines).toHaveLength(4);
  expect(lines).toContain('upward: src/numeric/a.ts (numeric) imports src/claims/b.ts (claims)');
  expect(lines).toContain('upward: src/report/r.ts (report) imports src/cli/c.ts (cli)');
  expect(lines).toContain('cycle: src/distributions/x.ts, src/distributions/y.ts (src/distributions/x.ts → src/distributions/y.ts; src/distributions/y.ts → src/distributions/x.ts)');
  expect(lines).toContain('cycle: src/cli/c.ts, src/report/r.ts (src/cli/c.ts → src/report/r.ts; src/report/r.ts → src/cli/c.ts)');
});

test('a file in a folder no layer ranks is an error, not ignored', async () => {
  const root = mkdtempSync(join(tmpdir(), 'mechcheck-layers-'));
  mkdirSync(join(root, 'src', 'extra'), { recursive: true });
  writeFileSync(join(root, 'src', 'extra', 'e.ts'), 'export const e = 1;\n');
  expect(await problemsOf(root)).toEqual(['unranked: src/extra/e.ts is in no layer of scripts/layers.mjs (place its folder in LAYERS)']);
});
