import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runApp, type RunningApp } from '../../src/main/platform/app.ts';
import { fakeHost } from '../support/fake-host.ts';
import type { FeedEvent } from '../../src/shared/feed.ts';
import type { IpcResult } from '../../src/shared/ipc.ts';
import {
  createFakeElectron,
  mainWindowOf,
  type FakeBrowserWindow,
  type FakeElectron,
} from '../support/fake-electron.ts';
import { prepareFakeAppRoot } from '../support/fake-electron-app-root.ts';

/**
 * The whole main process (`runApp`) on the typed Electron fake, as the reliability suite drives it:
 * requests go through the real preload and `ipcMain` (sender checks included), pushes are what the
 * window's webContents received, notifications are the fake OS's, sleep and the network are the fake
 * `powerMonitor` and `net.isOnline()`.
 */
export interface ChaosApp {
  fake: FakeElectron;
  app: RunningApp;
  window: FakeBrowserWindow;
  userData: string;
  /** Calls the API the way the page does: `window.feedtray.invoke` through the real preload. */
  invoke: <T = unknown>(channel: string, request?: unknown) => Promise<IpcResult<T>>;
  /** Every event pushed to the window so far, in order. */
  pushedEvents(): FeedEvent[];
  /** The OS says the machine woke up. */
  resume(): void;
  /** The OS's network state (polled by the app every 20 ms here). */
  setOnline(online: boolean): void;
  /** Quits the app the way the user does and removes its folders (user data unless kept). */
  quit(options?: { keepUserData?: boolean }): Promise<void>;
}

export async function bootChaosApp(): Promise<ChaosApp> {
  const root = await mkdtemp(join(tmpdir(), 'feedtray-chaos-root-'));
  const userData = await mkdtemp(join(tmpdir(), 'feedtray-chaos-user-'));
  await prepareFakeAppRoot(root);
  const fake = createFakeElectron({ appRoot: root, userData });
  const host = fakeHost(join(userData, 'autostart-chaos'));
  const app = await runApp(fake, ['feedtray', '--hidden'], host);
  if (!app) throw new Error('runApp did not start');
  const window = mainWindowOf(fake);
  await app.window.loaded();
  let scanned = 0;
  const events: FeedEvent[] = [];
  return {
    fake,
    app,
    window,
    userData,
    invoke: async <T>(channel: string, request?: unknown) =>
      (await window.webContents.executeJavaScript(
        `window.feedtray.invoke(${JSON.stringify(channel)}, ${request === undefined ? 'undefined' : JSON.stringify(request)})`,
      )) as IpcResult<T>,
    pushedEvents: () => {
      const sent = window.webContents.sent;
      for (; scanned < sent.length; scanned++) {
        const message = sent[scanned]!;
        if (message.channel === 'push:events') events.push(...(message.payload as FeedEvent[]));
      }
      return events;
    },
    resume: () => void fake.powerMonitor.emit('resume'),
    setOnline: (online) => {
      fake.state.online = online;
    },
    quit: async ({ keepUserData = false } = {}) => {
      fake.app.quit();
      await app.stopped;
      if (!keepUserData) await rm(userData, { recursive: true, force: true });
      await rm(root, { recursive: true, force: true });
    },
  };
}
