/** Builds the renderer once before the browser tests, exactly as the app build does. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/** vitest globalSetup: `node scripts/build.mjs renderer` into out/renderer. */
export default async function buildRenderer(): Promise<void> {
  await promisify(execFile)(process.execPath, ['scripts/build.mjs', 'renderer'], { cwd: process.cwd() });
}
