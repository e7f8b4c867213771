import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    // Two cores here and in CI: more workers only add contention.
    maxWorkers: 2,
    // A guard against hangs, not a speed check: on a shared, loaded machine the
    // heavier suites (property tests, 2,000-action scripts) can take several seconds.
    testTimeout: 60_000,
    coverage: { provider: 'v8', include: ['src/**'] },
  },
});
