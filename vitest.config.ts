import { defineConfig } from 'vitest/config';

/**
 * Files that replace modules (vi.mock, vi.spyOn on a module's export) or the environment: they get
 * a fresh module graph each, as vitest does by default.
 */
const ISOLATED = [
  'properties/pycia-wang/certify.test.ts',
  'properties/pycia-wang/guards.test.ts',
  'test/persist.test.ts',
  'test/pycia-wang/eval-branches.test.ts',
  'test/workers.test.ts',
];

// Two cores: run test files in parallel forks, one per core. Claims are CPU-bound.
export default defineConfig({
  test: {
    setupFiles: ['test/setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'isolated', include: ISOLATED } },
      // Everything else shares one module graph per worker: most files load the whole claim registry,
      // and re-evaluating it for each of 160 files cost ~75 s of the suite's CPU (half its wall time
      // on two cores). Nothing here mocks a module; test/vitest-config.test.ts checks that stays so.
      { extends: true, test: { name: 'shared', isolate: false, include: ['test/**/*.test.ts', 'properties/**/*.test.ts'], exclude: ISOLATED } },
    ],
  },
});
