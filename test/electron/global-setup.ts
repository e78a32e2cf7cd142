/** Checks for the Electron binary (a clear sentence when it is missing), then builds the app as `npm run build` does. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { findElectronBinary } from './electron-binary.ts';

/** vitest globalSetup for vitest.electron.config.ts. */
export default async function buildApp(): Promise<void> {
  const binary = findElectronBinary(process.cwd());
  if (!binary.ok) throw new Error(`The real-Electron tests cannot run: ${binary.reason}.`);
  console.log(`real-Electron tests drive ${binary.path}`);
  await promisify(execFile)(process.execPath, ['scripts/build.mjs'], { cwd: process.cwd() });
}
