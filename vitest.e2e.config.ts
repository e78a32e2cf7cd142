import { defineConfig } from 'vitest/config';

/**
 * The window's tests in real headless Chromium (`npx vitest run --config vitest.e2e.config.ts`).
 * One file at a time: each test starts its own browser and core, and two Chromiums on a small CI
 * machine make timings flaky rather than faster.
 */
export default defineConfig({
  test: {
    include: ['test/renderer/**/*.e2e.ts'],
    globalSetup: ['test/renderer/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
  },
});
