import { defineConfig } from 'vitest/config';

/**
 * The reliability suite (`npm run test:chaos`): long runs against misbehaving servers. One file at a
 * time, since each loads both cores; `--expose-gc` so heap figures are measured after a collection.
 */
export default defineConfig({
  test: {
    include: ['test/chaos/**/*.chaos.ts'],
    testTimeout: 240_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    execArgv: ['--expose-gc'],
  },
});
