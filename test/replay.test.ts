/** Every counterexample the suite ever saved is replayed: nothing found is lost. */
import { readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { allClaims } from '../properties/index.ts';
import { casesRoot, loadSaved, ROOT, strayFiles } from '../src/claims/persist.ts';
import { replayFile } from '../src/cli/replay.ts';

const dir = casesRoot(ROOT);
const files = existsSync(dir)
  ? readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json')).map((f) => relative(ROOT, join(dir, f)))
  : [];
// The runner's own reading of the folder: a file it would skip fails here with the same one line.
const problems = [...allClaims.flatMap((c) => loadSaved(c.id, ROOT).problems), ...strayFiles(allClaims.map((c) => c.id), ROOT)];
const reasons = new Map(problems.map((p) => [p.file, p.reason]));

describe('saved counterexamples', () => {
  test('there is a folder of saved cases', () => expect(existsSync(dir)).toBe(true));
  const notFiles = problems.filter((p) => !files.includes(p.file));
  if (notFiles.length) {
    test('the folder of saved cases can be read', () => {
      throw new Error(notFiles.map((p) => `${p.file}: ${p.reason}`).join('\n'));
    });
  }
  for (const file of files.sort()) {
    test(file, async () => {
      const reason = reasons.get(file);
      if (reason !== undefined) throw new Error(`${file}: ${reason}`);
      const r = await replayFile(join(ROOT, file), allClaims);
      // A refuted/contradicted/witness case must still stand; a holds violation must be fixed.
      expect(r.expected, JSON.stringify(r)).toBe(true);
    });
  }
});
