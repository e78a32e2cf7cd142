/**
 * The app's start and end around `runApp`: a `--self-test` run (fresh user data, the report printed
 * before exit) and the shutdown that holds a quit until the core has written what is pending.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ElectronDeps } from './deps.ts';
import type { Host } from './host.ts';
import type { MainWindow } from './main-window.ts';
import { SelfTestRecorder, type SelfTestReport } from './self-test.ts';

/** How long the self-test waits for a clean shutdown after printing its report. */
const SELF_TEST_STOP_MS = 5000;

/** A `--self-test` run: its recorder, and the report that, once settled, is printed before the app exits. */
export interface SelfTestRun {
  recorder: SelfTestRecorder;
  report: Promise<SelfTestReport>;
  /** Set once the app runs: stops it (bounded) before the process exits. */
  finish: (() => Promise<void>) | null;
}

/** Before ready: a fresh user-data folder, so Chromium's own profile (and the instance lock) live there too. */
export function prepareSelfTest(app: ElectronDeps['app'], host: Host): SelfTestRun {
  const recorder = new SelfTestRecorder(host);
  const dir = mkdtempSync(join(host.tmpDir, 'feedtray-self-test-'));
  app.setPath('userData', dir);
  recorder.passed('fresh user data folder');
  // Whatever settles the self-test (success, a failed step, the time limit) prints it and exits.
  const report = recorder.report.then(async (settled) => {
    host.print(JSON.stringify(settled));
    await run.finish?.();
    removeSelfTestDir(dir);
    app.exit(settled.ok ? 0 : 1);
    return settled;
  });
  const run: SelfTestRun = { recorder, report, finish: null };
  return run;
}

/**
 * Holds a quit until `stop` has written what is pending and closed the connections, then quits for
 * real. The self-test's variant is bounded: its report is out already, and a stuck shutdown must not
 * keep the run from exiting.
 */
export function installShutdown(
  app: ElectronDeps['app'],
  stop: () => Promise<void>,
  window: MainWindow,
): { stopped: Promise<void>; forSelfTest: () => Promise<void> } {
  let quitting = false;
  let markStopped!: () => void;
  const stopped = new Promise<void>((resolve) => (markStopped = resolve));
  let shutdown: Promise<void> | null = null;
  const stopOnce = (): Promise<void> =>
    (shutdown ??= (async () => {
      window.allowClose();
      try {
        await stop();
      } finally {
        window.destroy();
        markStopped();
      }
    })());
  const logFailure = (error: unknown) => console.error(`FeedTray did not stop cleanly: ${String(error)}`);
  app.on('before-quit', (event) => {
    if (quitting) return;
    event.preventDefault();
    stopOnce()
      .catch(logFailure)
      .finally(() => {
        quitting = true;
        app.quit();
      });
  });
  return {
    stopped,
    forSelfTest: async () => {
      quitting = true;
      await Promise.race([
        stopOnce().catch(logFailure),
        new Promise((resolve) => setTimeout(resolve, SELF_TEST_STOP_MS).unref()),
      ]);
    },
  };
}

/** The self-test's folder goes; Chromium may still hold a file in it on Windows, which is only worth a note. */
function removeSelfTestDir(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  } catch (error) {
    console.warn(`self-test: could not remove ${dir}: ${String(error)}`);
  }
}
