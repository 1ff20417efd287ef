import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * Unit tests before claims: Stryker stops a mutant at its first failing test, and a unit test
 * (under a second) usually fails where a claim (up to 20 s) would. Vitest's own order runs the
 * largest and slowest files first. Within a group, vitest's order (failed last time first).
 */
class UnitsFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => (f.moduleId.includes('/properties/') ? 1 : 0);
    return (await super.sort(files)).map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map((x) => x.f);
  }
}

/**
 * The test files `npm run mutate` runs against each mutant (Stryker's vitest runner drives this
 * config; see stryker.config.mjs and README, "Mutation testing").
 *
 * Left out, and why:
 * - the report tests (test/report*.test.ts) run their claims in a `beforeAll`: Stryker cannot tell
 *   which test covered what, marks every mutant "static" and runs everything for each (10× longer);
 * - the CLI, replay and bundle tests run `bin/mechcheck.js` in a child process on an esbuild bundle,
 *   where Stryker's mutant switch (a global of the vitest worker) is never set: they cannot kill a
 *   mutant, only cost time;
 * - test/persist.test.ts exercises saving, which the mutate setup turns off.
 */
/**
 * MUTATE_UNITS_ONLY=1 leaves the claims (properties/) out: a survivor then costs seconds instead
 * of the minute or two the claims covering it take, for iterating on tests; the score it gives is
 * a lower bound on the full run's (the claims can only kill more).
 */
const claims = process.env.MUTATE_UNITS_ONLY === '1' ? [] : ['properties/**/*.test.ts'];
/**
 * MUTATE_TESTS=glob[,glob…] runs only those test files (e.g. `test/numeric/**\/*.test.ts` for a
 * file of src/numeric/): on a loaded machine a survivor otherwise runs every unit test that
 * reaches it, minutes per mutant for quadrature.ts. The score is then a lower bound on the full run's.
 */
const only = process.env.MUTATE_TESTS?.split(',').map((s) => s.trim()).filter(Boolean);

export default defineConfig({
  test: {
    include: only?.length ? only : ['test/pycia-wang/**/*.test.ts', 'test/jackson-palfrey/**/*.test.ts', 'test/numeric/**/*.test.ts', 'test/distributions/**/*.test.ts', 'test/eval-input.test.ts',
      'test/giraud-rochon/**/*.test.ts', 'test/economy/**/*.test.ts', 'test/hu-wallace/**/*.test.ts', 'test/dagan-serrano-volij/**/*.test.ts', ...claims],
    setupFiles: ['test/setup.ts', 'test/mutate-setup.ts'],
    sequence: { sequencer: UnitsFirst },
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
