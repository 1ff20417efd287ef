// @ts-check
/**
 * Mutation testing (`npm run mutate`; README, "Mutation testing"): does the test suite notice when
 * a model or numeric formula is broken? StrykerJS 9 (10.x needs Node 22) with its vitest runner.
 * Run it on the files a change touched: `npx stryker run --mutate src/models/pycia-wang/cutoff.ts`.
 * Mutants that cannot change a result are listed, with why, in mutation/equivalent/ (one list per source file).
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts' },
  // Each mutant runs only the tests that reached it.
  coverageAnalysis: 'perTest',
  // Two shared cores: one mutant at a time (vitest itself runs one worker under Stryker).
  concurrency: 1,
  mutate: [
    'src/models/pycia-wang/*.ts',
    'src/models/jackson-palfrey/**/*.ts',
    'src/numeric/*.ts',
    'src/models/giraud-rochon/**/*.ts',
    'src/economy/**/*.ts',
    'src/models/hu-wallace/**/*.ts',
    'src/models/dagan-serrano-volij/**/*.ts',
  ],
  // Module-level constants would run every test for each mutant (Stryker cannot attribute them);
  // they are few and listed in mutation/equivalent/ where they matter.
  ignoreStatic: true,
  // A mutant that loops (a broken bracket update) is a kill by timeout, not a hang.
  timeoutMS: 30_000,
  timeoutFactor: 2,
  thresholds: { high: 90, low: 80, break: null },
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // `--incremental` keeps the results of the last run here and re-runs only the mutants whose code
  // or covering tests changed: name one per file or area (`--incrementalFile reports/…`).
  incrementalFile: 'reports/stryker-incremental.json',
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
