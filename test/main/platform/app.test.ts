import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppState } from '../../../src/shared/ipc.ts';
import type { RedactedFeed } from '../../../src/shared/settings.ts';
import { trayMenuOf } from '../../support/fake-electron.ts';
import { openStream, startTestServer, type TestServer } from '../../support/sse-server.ts';
import { appRoot, bootApp, removeAppRoot, until, valueOf, type BootedApp } from './app-harness.ts';

let booted: BootedApp | undefined;
let server: TestServer | undefined;
beforeAll(async () => void (await appRoot()));
afterAll(removeAppRoot);
afterEach(async () => {
  await booted?.close();
  booted = undefined;
  await server?.close();
  server = undefined;
});

const menuLabels = () => trayMenuOf(booted!.fake).labels();

describe('the main process on the fake Electron', () => {
  it('shows the demo feeds and their statuses in the tray menu, and unread in icon and tooltip', async () => {
    booted = await bootApp();
    const { fake } = booted;
    expect(fake.trays).toHaveLength(1);
    expect(menuLabels().slice(0, 2)).toEqual(['Feeds', 'No feeds yet']);
    expect(fake.trays[0]!.image.path).toMatch(/resources[/\\]tray[/\\]tray-normal\.png$/);

    const feeds = valueOf<RedactedFeed[]>(await booted.invoke('feeds:addDemo'));
    expect(feeds.map((feed) => feed.id)).toEqual(['demo-news', 'demo-alerts', 'demo-rates']);
    await until(
      () =>
        ['Demo news — connected', 'Demo alerts — connected', 'Demo rates — connected'].every((line) =>
          menuLabels().some((label) => label.startsWith(line)),
        ),
      'three connected feeds in the tray menu',
    );
    await until(() => booted!.app.core.tray().totalUnread > 0, 'unread events');
    // The attention icon with the unread count on it (1–9, or 9+); urgent once a critical demo alert is unread.
    await until(
      () => /tray-(attention|urgent)-(\d|9plus)\.png$/.test(fake.trays[0]!.image.path),
      'attention icon',
    );
    expect(fake.trays[0]!.tooltip).toMatch(/^FeedTray — \d+ unread$/);
    expect(menuLabels()).toContain('Recent events');
    // Throttled: thousands of changes a minute, but at most ~4 menus a second.
    const builds = fake.menus.length;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(fake.menus.length - builds).toBeLessThanOrEqual(5);
  });

  it('follows the language preference in the tray', async () => {
    booted = await bootApp({ fake: { locales: ['zh-CN'] } });
    expect(menuLabels()[0]).toBe('订阅源');
    valueOf(await booted.invoke('prefs:set', { language: 'en' }));
    await until(() => menuLabels()[0] === 'Feeds', 'English menu');
  });

  it('turns events into notifications with the mapped title and body; clicks open the link or the event', async () => {
    server = await startTestServer((_req, res) => {
      openStream(res);
      res.write(
        'id: 1\ndata: {"title":"Deploy done","body":"Build 42 <ok>","url":"https://ci.example/42"}\n\n',
      );
    });
    booted = await bootApp();
    valueOf(
      await booted.invoke('feeds:add', {
        id: 'ci',
        name: 'CI',
        url: server.url,
        mapping: { title: '/title', body: '/body', link: '/url' },
      }),
    );
    const { fake } = booted;
    await until(() => fake.notifications.length === 1, 'one notification');
    const notification = fake.notifications[0]!;
    expect(notification.options).toMatchObject({
      title: 'CI: Deploy done',
      body: 'Build 42 &lt;ok&gt;',
      silent: false,
    });
    notification.click();
    expect(fake.opened).toEqual(['https://ci.example/42']);
    // The feed's fetch went through net.fetch, without cookies for a feed that does not ask for them.
    expect(fake.fetches.some((f) => f.url.startsWith(server!.url) && f.credentials === 'omit')).toBe(true);
  });

  it('a click on an event without a link shows the window on that event', async () => {
    server = await startTestServer((_req, res) => {
      openStream(res);
      res.write('id: 1\ndata: plain text alert\n\n');
    });
    booted = await bootApp();
    valueOf(await booted.invoke('feeds:add', { id: 'plain', name: 'Plain', url: server.url }));
    await until(() => booted!.fake.notifications.length === 1, 'notification');
    expect(booted.window.isVisible()).toBe(false);
    booted.fake.notifications[0]!.click();
    expect(booted.window.isVisible()).toBe(true);
    expect(booted.window.focused).toBe(true);
    const focus = booted.window.webContents.sent.find((message) => message.channel === 'push:focus');
    expect(focus?.payload).toEqual({ feedId: 'plain', eventKey: expect.stringContaining('plain') as string });
  });

  it("the tray's Settings item shows the window on its preferences", async () => {
    booted = await bootApp();
    expect(booted.window.isVisible()).toBe(false);
    trayMenuOf(booted.fake).click(/^Settings/);
    expect(booted.window.isVisible()).toBe(true);
    const show = booted.window.webContents.sent.find((message) => message.channel === 'push:show');
    expect(show?.payload).toEqual({ view: 'preferences' });
  });

  it('coalesces a burst of 1,000 events into a few notifications', async () => {
    server = await startTestServer((_req, res) => {
      openStream(res);
      let frames = '';
      for (let id = 1; id <= 1000; id++) frames += `id: ${id}\ndata: {"title":"Tick ${id}"}\n\n`;
      res.write(frames);
    });
    booted = await bootApp();
    valueOf(
      await booted.invoke('feeds:add', { name: 'Burst', url: server.url, mapping: { title: '/title' } }),
    );
    await until(() => booted!.app.core.eventsDelivered === 1000, '1000 events');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(booted.fake.notifications.length).toBeGreaterThanOrEqual(1);
    expect(booted.fake.notifications.length).toBeLessThanOrEqual(3);
    expect(booted.fake.notifications[0]!.options.title).toBe('Burst: Tick 1');
    const eventPushes = booted.window.webContents.sent.filter((message) => message.channel === 'push:events');
    expect(eventPushes.length).toBeLessThan(20);
  });

  it('keeps secrets as safeStorage ciphertext on disk', async () => {
    server = await startTestServer((_req, res) => {
      openStream(res);
    });
    booted = await bootApp();
    const token = 'Bearer s3cr3t-t0ken';
    const added = valueOf<RedactedFeed>(
      await booted.invoke('feeds:add', {
        name: 'Private',
        url: server.url,
        headers: [{ name: 'Authorization', value: token, secret: true }],
      }),
    );
    expect(JSON.stringify(added)).not.toContain('s3cr3t');
    await until(() => server!.requests.length > 0, 'the feed connected');
    expect(server.requests[0]!.headers.authorization).toBe(token);
    const file = await readFile(join(booted.userData, 'settings.json'), 'utf8');
    expect(file).not.toContain('s3cr3t');
    const ciphertexts = [...file.matchAll(/"([A-Za-z0-9+/]{40,}={0,2})"/g)].map((match) => match[1]!);
    const decrypted = ciphertexts.map((text) => {
      try {
        return booted!.fake.safeStorage.decryptString(Buffer.from(text, 'base64'));
      } catch {
        return null;
      }
    });
    expect(decrypted).toContain(token);
  });

  it('refuses to store a secret where Linux only offers basic_text, and says so', async () => {
    booted = await bootApp({ fake: { storageBackend: 'basic_text' } });
    const state = valueOf<AppState>(await booted.invoke('app:state'));
    expect(state.secretStorage).toEqual({ available: false, backend: 'basic_text', weak: true });
    const result = await booted.invoke('feeds:add', {
      name: 'Private',
      url: 'http://127.0.0.1:9/',
      headers: [{ name: 'Authorization', value: 'Bearer x', secret: true }],
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('secrets-unavailable');
  });

  it('keeps a corrupt settings file aside and starts anyway', async () => {
    const garbage = '{"version": 1, "feeds": [oops';
    booted = await bootApp({ prepare: (dir) => writeFile(join(dir, 'settings.json'), garbage) });
    expect(booted.fake.trays).toHaveLength(1);
    const state = valueOf<AppState>(await booted.invoke('app:state'));
    expect(state.problems[0]?.code).toBe('corrupt-settings');
    const kept = (await readdir(booted.userData)).filter((name) => name.startsWith('settings.corrupt-'));
    expect(kept).toHaveLength(1);
    expect(await readFile(join(booted.userData, kept[0]!), 'utf8')).toBe(garbage);
  });

  it('writes and removes the XDG autostart entry on Linux', async () => {
    booted = await bootApp();
    const file = join(booted.autostartDir, 'feedtray.desktop');
    valueOf(await booted.invoke('prefs:set', { launchAtLogin: true }));
    const entry = await readFile(file, 'utf8');
    expect(entry).toContain('[Desktop Entry]');
    expect(entry).toContain('Exec=/opt/FeedTray/feedtray');
    expect(entry).toContain('--hidden');
    valueOf(await booted.invoke('prefs:set', { launchAtLogin: false }));
    expect(existsSync(file)).toBe(false);
  });

  it('uses login items and the AppUserModelID on Windows', async () => {
    booted = await bootApp({ host: { platform: 'win32' } });
    expect(booted.fake.app.appUserModelId).toBe('com.feedtray.app');
    valueOf(await booted.invoke('prefs:set', { launchAtLogin: true }));
    expect(booted.fake.app.loginItems.at(-1)).toMatchObject({
      openAtLogin: true,
      path: '/opt/FeedTray/feedtray',
      args: expect.arrayContaining(['--hidden']) as string[],
    });
    expect(existsSync(booted.autostartDir)).toBe(false);
  });

  it('uses template images for the macOS menu bar', async () => {
    booted = await bootApp({ host: { platform: 'darwin' } });
    const image = booted.fake.trays[0]!.image;
    expect(image.path).toMatch(/tray-normalTemplate\.png$/);
    expect(image.template).toBe(true);
  });

  it('pauses and resumes from the tray menu, and quits cleanly from it', async () => {
    booted = await bootApp();
    trayMenuOf(booted.fake).click('Pause all feeds');
    await until(() => menuLabels().includes('Resume all feeds'), 'Resume offered');
    expect(booted.app.core.state().paused).toBe(true);
    await until(
      () => /tray-paused(-(\d|9plus))?\.png$/.test(booted!.fake.trays[0]!.image.path),
      'paused icon',
    );
    trayMenuOf(booted.fake).click('Resume all feeds');
    await until(() => menuLabels().includes('Pause all feeds'), 'Pause offered');
    trayMenuOf(booted.fake).click('Do not disturb');
    await until(() => booted!.app.core.state().doNotDisturb.manual, 'do not disturb on');

    trayMenuOf(booted.fake).click('Quit FeedTray');
    await booted.app.stopped;
    await until(() => booted!.fake.app.quitted, 'the quit went through after the core stopped');
    expect(booted.window.isDestroyed()).toBe(true);
    expect(booted.fake.trays[0]!.isDestroyed()).toBe(true);
  });
});
