/**
 * Run registered claims under vitest through the same runner the CLI uses (search, shrink,
 * certification, persistence), and expect each outcome to be its verdict's.
 */
import { expect, test } from 'vitest';
import { foundBySearch } from '../src/claims/evidence.ts';
import { runClaimAsync } from '../src/claims/runner.ts';
import { EXPECTED } from '../src/claims/registry.ts';
import type { AnyClaim } from '../src/claims/types.ts';

export function testClaims(claims: readonly AnyClaim<any>[]): void {
  for (const c of claims) {
    test(`${c.id} [${c.verdict}]`, async () => {
      // MECHCHECK_NO_SAVE=1 (mutation runs): a mutant's "counterexample" must not be saved for later runs to replay.
      // Asynchronously, as the CLI runs it: claims whose property awaits (a WASM LP solver) included.
      // No figures: this test shows none (the report's tests and `check --json` draw them).
      const o = await runClaimAsync(c, { log: (s) => console.log(s), persist: !process.env.MECHCHECK_NO_SAVE, figures: false });
      // A saved file the runner had to skip fails the test with one line naming it (the run itself goes on).
      if (o.skippedFiles?.length) throw new Error(o.skippedFiles.map((s) => `${s.file}: ${s.reason}`).join('\n'));
      const detail = `${o.outcome}: ${o.message}\nnumbers: ${JSON.stringify(o.counterexample?.certification ?? o.numbers)}`;
      expect(o.outcome, detail).toBe(EXPECTED[c.verdict]);
      if (c.verdict !== 'holds') {
        // Found by the suite's own search this run and certified, not only replayed from a saved
        // file: the same test as `check`'s searchFound (one function, src/claims/evidence.ts).
        expect(foundBySearch(o), `${detail}\nnot found by this run's search (${o.counterexample?.foundBy ?? 'no case'})`).toBe(true);
        expect(o.searchFound, detail).toBe(true);
        console.log(`${c.id}: ${o.counterexample?.describe}\n  certified by ${o.counterexample?.certifiedBy}: ${JSON.stringify(o.counterexample?.certification.high)}`);
      }
    });
  }
}
