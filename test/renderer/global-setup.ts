/** Finds Chromium and builds the renderer once before the browser tests, exactly as the app build does. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { chromiumPath } from './chromium.ts';

/**
 * vitest globalSetup: finds the browser first (a missing one fails the run at once, with a sentence
 * naming every place tried), then `node scripts/build.mjs renderer` into out/renderer.
 */
export default async function buildRenderer(): Promise<void> {
  console.log(`window tests drive ${chromiumPath()}`);
  await promisify(execFile)(process.execPath, ['scripts/build.mjs', 'renderer'], { cwd: process.cwd() });
}
