#!/usr/bin/env node
/**
 * `npm run self-test`: the app's own `--self-test` (src/main/platform/self-test.ts) in plain Node, with
 * the typed fake standing in for Electron. Same code path as a real start: runApp, the core with the
 * embedded demo feeds, tray, hidden window, a notification, and an IPC round trip that crosses the REAL
 * preload bundle and the real handlers with their sender check. Prints the report as its last line and
 * exits 0 or 1, like the real `electron . --self-test`.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runApp } from '../src/main/platform/app.ts';
import { processHost } from '../src/main/platform/host.ts';
import { SELF_TEST_ARG, SELF_TEST_LIMIT_MS } from '../src/main/platform/self-test.ts';
import { createFakeElectron } from '../test/support/fake-electron.ts';
import { prepareFakeAppRoot } from '../test/support/fake-electron-app-root.ts';

const readJson = (path: string) =>
  JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as { version: string };
const electronTypes = readJson('../node_modules/electron/package.json').version;

const appRoot = await mkdtemp(join(tmpdir(), 'feedtray-fake-app-'));
let report: string | null = null;
let exitCode: number;
try {
  await prepareFakeAppRoot(appRoot);
  const fake = createFakeElectron({
    appRoot,
    // Replaced by the self-test's own fresh folder before "ready", as in the real app.
    userData: join(appRoot, 'user-data'),
    version: readJson('../package.json').version,
  });
  const host = {
    ...processHost(),
    versions: { electron: `${electronTypes} (typed fake)`, node: process.versions.node },
    autostartDir: join(appRoot, 'autostart'),
    print: (line: string) => {
      report = line;
    },
  };
  await runApp(fake, [process.execPath, 'scripts/self-test.ts', SELF_TEST_ARG], host);
  // The app bounds itself at 60 s; this only guards against the fake never being told to exit.
  let guard: ReturnType<typeof setTimeout> | undefined;
  exitCode = await Promise.race([
    fake.app.exited,
    new Promise<number>((resolve) => (guard = setTimeout(() => resolve(1), SELF_TEST_LIMIT_MS + 10_000))),
  ]);
  clearTimeout(guard);
} catch (error) {
  report = JSON.stringify({ ok: false, failed: `the self-test could not run: ${String(error)}` });
  exitCode = 1;
} finally {
  await rm(appRoot, { recursive: true, force: true });
}
console.log(report ?? JSON.stringify({ ok: false, failed: 'the self-test printed no report' }));
process.exit(exitCode);
