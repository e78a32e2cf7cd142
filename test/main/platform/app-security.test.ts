import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { APP_CSP } from '../../../src/main/platform/window-security.ts';
import type { RedactedFeed } from '../../../src/shared/settings.ts';
import { appRoot, bootApp, removeAppRoot, until, valueOf, type BootedApp } from './app-harness.ts';

let booted: BootedApp | undefined;
let root = '';
beforeAll(async () => void (root = await appRoot()));
afterAll(removeAppRoot);
afterEach(async () => {
  await booted?.close();
  booted = undefined;
});

const pageUrl = () => pathToFileURL(join(root, 'out', 'renderer', 'index.html')).href;

describe('windows', () => {
  it('creates the main window hidden, isolated, sandboxed, without Node, with the bundled preload', async () => {
    booted = await bootApp();
    const { options, loads } = booted.window;
    expect(options.show).toBe(false);
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      preload: join(root, 'out', 'preload', 'index.cjs'),
    });
    expect(loads).toEqual([pageUrl()]);
    expect(booted.window.webContents.preloadError).toBeNull();
  });

  it('shows the window on a normal start, and hides it to the tray on close', async () => {
    booted = await bootApp({ argv: ['feedtray'] });
    await until(() => booted!.window.isVisible(), 'window shown');
    booted.window.close();
    expect(booted.window.isDestroyed()).toBe(false);
    expect(booted.window.isVisible()).toBe(false);
  });

  it('denies navigation away from the app page, new windows and webviews', async () => {
    booted = await bootApp();
    const contents = booted.window.webContents;
    expect(contents.navigate('https://evil.example/')).toBe(false);
    expect(contents.navigate('file:///etc/passwd')).toBe(false);
    expect(contents.navigate('https://evil.example/', 'will-redirect')).toBe(false);
    expect(contents.navigate(`${pageUrl()}#/live`)).toBe(true);
    expect(contents.openWindow('https://example.com/docs')).toEqual({ action: 'deny' });
    expect(contents.openWindow('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(contents.openWindow('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(contents.attachWebview()).toBe(true);
    // Web links leave for the browser; nothing else is handed to the OS.
    expect(booted.fake.opened).toEqual(['https://evil.example/', 'https://example.com/docs']);
    expect(booted.fake.windows).toHaveLength(1);
  });

  it('sends the CSP header for the app page only, and denies every permission', async () => {
    booted = await bootApp();
    const session = booted.fake.session.defaultSession;
    expect(session.headersFor(pageUrl(), 'mainFrame')?.responseHeaders).toMatchObject({
      'Content-Security-Policy': [APP_CSP],
    });
    expect(session.headersFor('https://feeds.example/stream', 'xhr')).toEqual({});
    expect(session.headersFor('https://login.example/', 'mainFrame')).toEqual({});
    const granted = await new Promise<boolean>((resolve) =>
      session.permissionRequestHandler!(
        booted!.window.webContents as never,
        'notifications',
        resolve,
        {} as never,
      ),
    );
    expect(granted).toBe(false);
    expect(session.permissionCheckHandler!(null, 'media', 'file://', {} as never)).toBe(false);
  });

  it('keeps the CSP header equal to the page meta tag', async () => {
    const html = await readFile(new URL('../../../src/renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(APP_CSP);
  });

  it('opens Sign in as a sandboxed window in the default session that stays on the web', async () => {
    booted = await bootApp();
    valueOf<RedactedFeed>(
      await booted.invoke('feeds:add', {
        id: 'private',
        name: 'Private',
        url: 'https://feeds.example.com/stream',
        withCredentials: true,
      }),
    );
    valueOf(await booted.invoke('app:signIn', { id: 'private' }));
    const signIn = booted.fake.windows[1]!;
    expect(signIn.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
    expect(signIn.options.webPreferences?.preload).toBeUndefined();
    expect(signIn.options.webPreferences?.partition).toBeUndefined();
    await until(() => signIn.loads.length === 1, 'sign-in page loaded');
    expect(signIn.loads).toEqual(['https://feeds.example.com/']);
    expect(signIn.webContents.navigate('https://login.example.com/oauth')).toBe(true);
    expect(signIn.webContents.navigate('file:///etc/passwd')).toBe(false);
    expect(signIn.webContents.navigate('ms-settings:privacy', 'will-redirect')).toBe(false);
    expect(signIn.webContents.openWindow('https://idp.example.com/popup')).toEqual({ action: 'deny' });
    await until(() => signIn.loads.includes('https://idp.example.com/popup'), 'popup opened in place');
    // The sign-in page cannot call the app's API even if it tried.
    const refused = await signIn.webContents.invokeFrom(
      signIn.webContents.mainFrame,
      'feeds:list',
      undefined,
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    // The feed sends the session's cookies.
    await until(
      () =>
        booted!.fake.fetches.some(
          (f) => f.url.startsWith('https://feeds.example.com') && f.credentials === 'include',
        ),
      'a credentialed fetch',
    );
  });
});

describe('IPC', () => {
  it('answers the page through the real preload, which exposes exactly invoke and on', async () => {
    booted = await bootApp();
    const contents = booted.window.webContents;
    expect(await contents.executeJavaScript('Object.keys(window.feedtray).sort()')).toEqual(['invoke', 'on']);
    expect(await contents.executeJavaScript('typeof require + typeof ipcRenderer + typeof process')).toBe(
      'undefinedundefinedundefined',
    );
    const ping = valueOf<{ sentAt: number; receivedAt: number }>(
      await booted.invoke('app:ping', { sentAt: 1 }),
    );
    expect(ping.sentAt).toBe(1);
    expect(await booted.invoke('evil:channel', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown-channel' },
    });
    await expect(contents.executeJavaScript('window.feedtray.on("evil:channel", () => {})')).rejects.toThrow(
      /pushes nothing/,
    );
    expect([...booted.fake.ipcMain.handlers.keys()]).not.toContain('evil:channel');
  });

  it('delivers pushes to the page without the IPC event, and unsubscribes', async () => {
    booted = await bootApp();
    const contents = booted.window.webContents;
    await contents.executeJavaScript(`
      window.seen = [];
      window.stop = window.feedtray.on('push:focus', (...args) => window.seen.push(args));
      true;
    `);
    booted.app.core.focusEvent('key-1', 'feed-1');
    await contents.executeJavaScript('window.stop(); true');
    booted.app.core.focusEvent('key-2', 'feed-1');
    expect(await contents.executeJavaScript('window.seen')).toEqual([
      [{ eventKey: 'key-1', feedId: 'feed-1' }],
    ]);
  });

  it('rejects malformed payloads with an error value and changes nothing', async () => {
    booted = await bootApp();
    const before = await readdir(booted.userData);
    for (const [channel, request] of [
      ['feeds:add', { name: 'x', url: 'javascript:alert(1)' }],
      ['feeds:add', 'not an object'],
      ['feeds:remove', { id: 'x', extra: true }],
      ['prefs:set', { language: 'klingon' }],
      ['app:openLink', { url: 'file:///etc/passwd' }],
      ['app:setPaused', { paused: 'yes' }],
    ] as const) {
      const result = await booted.invoke(channel, request);
      expect(result, `${channel} ${JSON.stringify(request)}`).toMatchObject({
        ok: false,
        error: { code: 'invalid-request' },
      });
    }
    expect(valueOf(await booted.invoke('feeds:list'))).toEqual([]);
    expect(booted.app.core.state().paused).toBe(false);
    expect(booted.fake.opened).toEqual([]);
    expect(await readdir(booted.userData)).toEqual(before);
  });

  it('refuses foreign senders: a subframe, another page, a vanished frame', async () => {
    booted = await bootApp();
    const contents = booted.window.webContents;
    const attempts = [
      () => contents.invokeFrom(contents.subframe(pageUrl()), 'app:setPaused', { paused: true }),
      () => contents.invokeFrom(contents.subframe('https://ads.example/'), 'feeds:addDemo', undefined),
      () => contents.invokeFrom(null, 'app:setPaused', { paused: true }),
    ];
    for (const attempt of attempts) {
      expect(await attempt()).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    }
    // The top frame showing something else (had navigation ever slipped through) is refused too.
    contents.mainFrame.url = 'https://evil.example/';
    expect(await booted.invoke('app:setPaused', { paused: true })).toMatchObject({
      ok: false,
      error: { code: 'forbidden-sender' },
    });
    contents.mainFrame.url = pageUrl();
    expect(booted.app.core.state().paused).toBe(false);
    expect(valueOf(await booted.invoke('feeds:list'))).toEqual([]);
  });

  it('stops pushing once the window is gone, without failing', async () => {
    booted = await bootApp();
    booted.window.destroy();
    expect(() => booted!.app.core.focusEvent('k', 'f')).not.toThrow();
    expect(booted.window.webContents.sent.filter((m) => m.channel === 'push:focus')).toEqual([]);
  });
});
