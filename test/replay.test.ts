/** Every counterexample the suite ever saved is replayed: nothing found is lost. */
import { readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { allClaims } from '../properties/index.ts';
import { ROOT } from '../src/claims/persist.ts';
import { replayFile } from '../src/cli/replay.ts';

const dir = join(ROOT, 'fixtures', 'counterexamples');
const files = existsSync(dir)
  ? readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json')).map((f) => join(dir, f))
  : [];

describe('saved counterexamples', () => {
  test('there is a folder of saved cases', () => expect(existsSync(dir)).toBe(true));
  for (const file of files) {
    test(relative(ROOT, file), () => {
      const r = replayFile(file, allClaims);
      // A refuted/contradicted/witness case must still stand; a holds violation must be fixed.
      expect(r.expected, JSON.stringify(r)).toBe(true);
    });
  }
});
