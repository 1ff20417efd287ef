import { defineConfig } from 'vitest/config';

// Two cores: run test files in parallel forks, one per core. Claims are CPU-bound.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'properties/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
