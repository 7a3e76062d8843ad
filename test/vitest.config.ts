import { defineConfig } from 'vitest/config';

/**
 * Cross-package flows: real processes, real PostgreSQL, many simulated devices. Timeouts are
 * generous because a 2-core CI machine runs three coordinators, PostgreSQL and the devices at once.
 */
export default defineConfig({
  test: {
    include: ['specs/**/*.test.ts', 'harness/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 420_000,
    teardownTimeout: 60_000,
    fileParallelism: false,
    reporters: ['verbose'],
  },
});
