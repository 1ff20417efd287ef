/**
 * The suite runs most files in one shared module graph per worker (vitest.config.ts, `isolate:
 * false`): a file there that replaced a module or the environment would leak into the files after
 * it. Such files must be listed as isolated.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import config from '../vitest.config.ts';

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? testFiles(join(dir, e.name)) : e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );
}

test('every file that mocks a module or changes the environment runs isolated', () => {
  const projects = (config.test?.projects ?? []) as { test: { name: string; include: string[] } }[];
  const isolated = projects.find((p) => p.test.name === 'isolated')!.test.include;
  const needs = [...testFiles('test'), ...testFiles('properties')]
    .filter((f) => /vi\.(mock|doMock|stubEnv|stubGlobal|spyOn|hoisted)\(|process\.env\.[A-Z_]+ *=[^=]|process\.chdir\(/.test(readFileSync(f, 'utf8')))
    .filter((f) => f !== join('test', 'vitest-config.test.ts'))
    .sort();
  expect(needs).toEqual([...isolated].sort());
});
