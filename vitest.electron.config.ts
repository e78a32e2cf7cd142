import { defineConfig } from 'vitest/config';

/**
 * The window in the real Electron (`npm run test:electron`): the built app launched with Playwright's
 * `_electron`. Needs the Electron binary; scripts/test.mjs runs it only where the binary is installed and
 * says so where it is not. One app at a time.
 */
export default defineConfig({
  test: {
    include: ['test/electron/**/*.e2e.ts'],
    globalSetup: ['test/electron/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
  },
});
