import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    // Two cores here and in CI: more workers only add contention.
    maxWorkers: 2,
    coverage: { provider: 'v8', include: ['src/**'] },
  },
});
