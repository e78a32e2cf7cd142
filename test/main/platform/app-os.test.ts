import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runApp } from '../../../src/main/platform/app.ts';
import { processHost } from '../../../src/main/platform/host.ts';
import type { SelfTestReport } from '../../../src/main/platform/self-test.ts';
import { createFakeElectron, trayMenuOf } from '../../support/fake-electron.ts';
import { openStream, startTestServer, type TestServer } from '../../support/sse-server.ts';
import { appRoot, bootApp, removeAppRoot, until, valueOf, type BootedApp } from './app-harness.ts';

let booted: BootedApp | undefined;
let server: TestServer | undefined;
let root = '';
beforeAll(async () => void (root = await appRoot()));
afterAll(removeAppRoot);
afterEach(async () => {
  await booted?.close();
  booted = undefined;
  await server?.close();
  server = undefined;
});

/** A feed server that keeps every stream open and sends one event per connection. */
async function bootWithFeed(): Promise<BootedApp> {
  server = await startTestServer((_req, res, index) => {
    openStream(res);
    res.write(`id: ${index + 1}\ndata: hello ${index + 1}\n\n`);
  });
  const app = await bootApp();
  valueOf(await app.invoke('feeds:add', { id: 'f', name: 'Feed', url: server.url }));
  await until(() => app.app.core.status('f')?.state === 'open', 'feed open');
  return app;
}

describe('OS integration', () => {
  it('reconnects every feed when the computer wakes up', async () => {
    booted = await bootWithFeed();
    expect(server!.requests).toHaveLength(1);
    booted.fake.powerMonitor.emit('suspend');
    booted.fake.powerMonitor.emit('resume');
    await until(() => server!.requests.length === 2, 'a reconnect after resume');
    await until(() => booted!.app.core.status('f')?.state === 'open', 'open again');
  });

  it('pauses while offline and reconnects when the network is back', async () => {
    booted = await bootWithFeed();
    booted.fake.state.online = false;
    await until(() => booted!.app.core.status('f')?.reason.code === 'offline', 'offline status');
    expect(booted.app.core.status('f')?.state).toBe('closed');
    await until(
      () =>
        trayMenuOf(booted!.fake)
          .labels()
          .some((label) => label.startsWith('Feed — offline')),
      'offline in the tray',
    );
    const requests = server!.requests.length;
    booted.fake.state.online = true;
    await until(() => server!.requests.length === requests + 1, 'a reconnect when online');
    await until(() => booted!.app.core.status('f')?.state === 'open', 'open again');
  });

  it('focuses the window when the app is launched a second time', async () => {
    booted = await bootApp();
    expect(booted.window.isVisible()).toBe(false);
    booted.fake.app.secondInstance(['feedtray']);
    await until(() => booted!.window.isVisible() && booted!.window.focused, 'window shown and focused');
  });

  it('quits at once when another instance holds the lock', async () => {
    const userData = await mkdtemp(join(tmpdir(), 'feedtray-user-data-'));
    try {
      const fake = createFakeElectron({ appRoot: root, userData, singleInstanceLock: false });
      const app = await runApp(fake, ['feedtray'], { ...processHost(), demoPort: 0 });
      expect(app).toBeNull();
      expect(fake.app.quitRequested).toBe(1);
      expect(fake.windows).toEqual([]);
      expect(fake.trays).toEqual([]);
    } finally {
      await rm(userData, { recursive: true, force: true });
    }
  });

  it('keeps running when its window is closed, and stops the core before quitting', async () => {
    booted = await bootWithFeed();
    booted.fake.app.emit('window-all-closed');
    expect(booted.fake.app.quitted).toBe(false);
    booted.fake.app.quit();
    expect(booted.fake.app.quitted).toBe(false);
    await booted.app.stopped;
    await until(() => booted!.fake.app.quitted, 'quit after the core stopped');
    expect(booted.app.core.statuses().map((s) => [s.state, s.reason.code])).toEqual([['closed', 'stopped']]);
  });
});

describe('--self-test on the fake', () => {
  async function selfTest(
    appRootDir: string,
  ): Promise<{ report: SelfTestReport; exitCode: number; printed: string[] }> {
    const userData = await mkdtemp(join(tmpdir(), 'feedtray-user-data-'));
    const printed: string[] = [];
    try {
      const fake = createFakeElectron({ appRoot: appRootDir, userData });
      const app = await runApp(fake, ['feedtray', '--self-test'], {
        ...processHost(),
        versions: { electron: 'fake', node: process.versions.node },
        print: (line) => printed.push(line),
      });
      const report = (await app?.selfTest) ?? (JSON.parse(printed[0]!) as SelfTestReport);
      const exitCode = await fake.app.exited;
      expect(fake.app.getPath('userData')).not.toBe(userData);
      expect(existsSync(fake.app.getPath('userData'))).toBe(false);
      return { report, exitCode, printed };
    } finally {
      await rm(userData, { recursive: true, force: true });
    }
  }

  it('passes: demo feeds open, events flow, a notification, an IPC round trip through the preload', async () => {
    const { report, exitCode, printed } = await selfTest(root);
    expect(exitCode).toBe(0);
    expect(printed).toHaveLength(1);
    expect(JSON.parse(printed[0]!)).toEqual(report);
    expect(report).toMatchObject({
      ok: true,
      feedsOpen: 3,
      notificationShown: true,
      platform: process.platform,
    });
    expect(report.events).toBeGreaterThanOrEqual(20);
    expect(report.rendererRoundTripMs).toBeGreaterThanOrEqual(0);
    expect(report.historyDatabase?.persistent).toBe(true);
    expect(report.historyDatabase?.sqlite).toMatch(/^3\./);
    expect(report.steps).toContain('renderer loaded');
  });

  it('fails in plain words, exit 1, when the renderer is missing', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'feedtray-empty-root-'));
    try {
      const { report, exitCode } = await selfTest(empty);
      expect(exitCode).toBe(1);
      expect(report.ok).toBe(false);
      expect(report.failed).toMatch(/^renderer did not load: ERR_FILE_NOT_FOUND/);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
