import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runApp, type RunningApp } from '../../../src/main/platform/app.ts';
import type { Host } from '../../../src/main/platform/host.ts';
import { fakeHost } from '../../support/fake-host.ts';
import type { IpcResult } from '../../../src/shared/ipc.ts';
import {
  createFakeElectron,
  mainWindowOf,
  type FakeBrowserWindow,
  type FakeElectron,
  type FakeElectronOptions,
} from '../../support/fake-electron.ts';
import { prepareFakeAppRoot } from '../../support/fake-electron-app-root.ts';
import { waitFor } from '../../support/sse-server.ts';

/** One app root (with the preload bundled from the current source) per test file: building takes a moment. */
let sharedRoot: Promise<string> | null = null;

/** Bundles the preload once for the test file; call from `beforeAll`. */
export function appRoot(): Promise<string> {
  sharedRoot ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'feedtray-app-root-'));
    await prepareFakeAppRoot(dir);
    return dir;
  })();
  return sharedRoot;
}

/** Removes the shared app root; call from `afterAll`. */
export async function removeAppRoot(): Promise<void> {
  if (sharedRoot) await rm(await sharedRoot, { recursive: true, force: true });
  sharedRoot = null;
}

/** The whole main process on the fake, in a temp user-data folder. */
export interface BootedApp {
  fake: FakeElectron;
  app: RunningApp;
  userData: string;
  autostartDir: string;
  window: FakeBrowserWindow;
  /** Calls the API the way the page does: `window.feedtray.invoke` through the real preload. */
  invoke<T = unknown>(channel: string, request?: unknown): Promise<IpcResult<T>>;
  /** Quits (before-quit → core.stop) and removes the folders. */
  close(): Promise<void>;
}

/** Boots `runApp` with the fake; `prepare` may write into the user-data folder first. */
export async function bootApp(
  options: {
    argv?: string[];
    host?: Partial<Host>;
    fake?: Partial<FakeElectronOptions>;
    prepare?: (userData: string) => Promise<void>;
  } = {},
): Promise<BootedApp> {
  const root = await appRoot();
  const userData = await mkdtemp(join(tmpdir(), 'feedtray-user-data-'));
  const autostartDir = join(userData, 'autostart-test');
  await options.prepare?.(userData);
  const fake = createFakeElectron({ appRoot: root, userData, ...options.fake });
  const host = fakeHost(autostartDir, options.host);
  const app = await runApp(fake, options.argv ?? ['feedtray', '--hidden'], host);
  if (!app) throw new Error('runApp did not start');
  const window = mainWindowOf(fake);
  await app.window.loaded();
  const invoke = async <T>(channel: string, request?: unknown) =>
    (await window.webContents.executeJavaScript(
      `window.feedtray.invoke(${JSON.stringify(channel)}, ${request === undefined ? 'undefined' : JSON.stringify(request)})`,
    )) as IpcResult<T>;
  return {
    fake,
    app,
    userData,
    autostartDir,
    window,
    invoke,
    close: async () => {
      fake.app.quit();
      await app.stopped;
      await rm(userData, { recursive: true, force: true });
    },
  };
}

/** The value of an ok result, or a thrown explanation. */
export function valueOf<T>(result: IpcResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Waits for a condition with a bounded time (default 10 s). */
export const until = (condition: () => boolean, what: string, timeoutMs = 10_000) =>
  waitFor(condition, what, timeoutMs);
