import { describe, expect, it } from 'vitest';
import { ElectronNotifier } from '../../../src/main/platform/electron-notifier.ts';
import { desktopEntry } from '../../../src/main/platform/launch-at-login.ts';
import { openExternalLink } from '../../../src/main/platform/open-external.ts';
import { isRendererUrl, rendererSource } from '../../../src/main/platform/paths.ts';
import { SafeStorageSecretBox } from '../../../src/main/platform/safe-storage-secret-box.ts';
import { SelfTestRecorder } from '../../../src/main/platform/self-test.ts';
import { checkSender } from '../../../src/main/platform/sender-check.ts';
import { throttle } from '../../../src/main/throttle.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { createFakeElectron, FakeWebContents, FakeIpcMain } from '../../support/fake-electron.ts';

const appPath = (...segments: string[]) => ['/opt/FeedTray/resources/app.asar', ...segments].join('/');

describe('rendererSource', () => {
  it('loads the built page inside the app, even from app.asar', () => {
    const source = rendererSource(appPath, { isPackaged: true, devServerUrl: 'http://localhost:5173/' });
    expect(source).toEqual({
      kind: 'file',
      path: '/opt/FeedTray/resources/app.asar/out/renderer/index.html',
      url: 'file:///opt/FeedTray/resources/app.asar/out/renderer/index.html',
    });
  });

  it('uses VITE_DEV_SERVER_URL only unpackaged and only on loopback', () => {
    expect(
      rendererSource(appPath, { isPackaged: false, devServerUrl: 'http://localhost:5173/' }),
    ).toMatchObject({
      kind: 'dev-server',
      origin: 'http://localhost:5173',
    });
    expect(rendererSource(appPath, { isPackaged: false, devServerUrl: 'https://evil.example/' }).kind).toBe(
      'file',
    );
    expect(rendererSource(appPath, { isPackaged: false, devServerUrl: 'file:///tmp/x.html' }).kind).toBe(
      'file',
    );
  });

  it('recognises the app page with any hash or query, and nothing else', () => {
    const file = rendererSource(appPath, { isPackaged: true, devServerUrl: undefined });
    expect(isRendererUrl(file, `${file.url}#/live`)).toBe(true);
    expect(isRendererUrl(file, 'file:///opt/FeedTray/resources/app.asar/out/renderer/other.html')).toBe(
      false,
    );
    expect(isRendererUrl(file, 'https://example.com/out/renderer/index.html')).toBe(false);
    expect(isRendererUrl(file, 'not a url')).toBe(false);
    const dev = rendererSource(appPath, { isPackaged: false, devServerUrl: 'http://127.0.0.1:5173' });
    expect(isRendererUrl(dev, 'http://127.0.0.1:5173/index.html')).toBe(true);
    expect(isRendererUrl(dev, 'http://127.0.0.1:5174/')).toBe(false);
  });
});

describe('SafeStorageSecretBox', () => {
  const storage = (available: boolean, backend: string) => ({
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend as 'basic_text',
    encryptString: (plain: string) => Buffer.from(`enc:${plain}`),
    decryptString: (cipher: Buffer) => cipher.toString().slice(4),
  });

  it('refuses when the OS offers no encryption, or Linux only obscures (basic_text, unknown)', () => {
    expect(new SafeStorageSecretBox(storage(false, 'gnome_libsecret'), 'linux').isAvailable()).toBe(false);
    expect(new SafeStorageSecretBox(storage(true, 'basic_text'), 'linux').isAvailable()).toBe(false);
    expect(new SafeStorageSecretBox(storage(true, 'unknown'), 'linux').isAvailable()).toBe(false);
    expect(new SafeStorageSecretBox(storage(true, 'kwallet5'), 'linux').isAvailable()).toBe(true);
    expect(new SafeStorageSecretBox(storage(true, 'unknown'), 'darwin').isAvailable()).toBe(true);
    expect(new SafeStorageSecretBox(storage(true, 'unknown'), 'win32').backend).toBe('dpapi');
    expect(new SafeStorageSecretBox(storage(true, 'kwallet5'), 'linux').backend).toBe('kwallet5');
  });

  it('stores base64 ciphertext and reads it back', () => {
    const box = new SafeStorageSecretBox(storage(true, 'gnome_libsecret'), 'linux');
    const cipher = box.encrypt('token');
    expect(cipher).toBe(Buffer.from('enc:token').toString('base64'));
    expect(box.decrypt(cipher)).toBe('token');
  });
});

describe('openExternalLink', () => {
  it('opens http(s) only', async () => {
    const opened: string[] = [];
    const shell = { openExternal: (url: string) => Promise.resolve(void opened.push(url)) };
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'ms-settings:', '']) {
      const result = await openExternalLink(shell, url);
      expect(result.ok, url).toBe(false);
    }
    expect((await openExternalLink(shell, 'https://example.com/a')).ok).toBe(true);
    expect(opened).toEqual(['https://example.com/a']);
  });
});

describe('desktopEntry', () => {
  it('quotes the Exec line as the Desktop Entry spec asks', () => {
    expect(desktopEntry('/opt/FeedTray/feedtray', ['--hidden'])).toContain(
      'Exec=/opt/FeedTray/feedtray --hidden\n',
    );
    expect(desktopEntry('/home/me/My Apps/Feed$Tray 100%.AppImage', ['--hidden'])).toContain(
      'Exec="/home/me/My Apps/Feed\\\\$Tray 100%%.AppImage" --hidden\n',
    );
  });
});

describe('checkSender', () => {
  const source = rendererSource(appPath, { isPackaged: true, devServerUrl: undefined });
  const ipcMain = new FakeIpcMain();
  const main = new FakeWebContents(ipcMain);
  main.mainFrame.url = source.url;

  it('trusts only the main window top frame on the app page', () => {
    expect(checkSender({ sender: main, senderFrame: main.mainFrame }, main, source)).toEqual({
      trusted: true,
    });
    const other = new FakeWebContents(ipcMain);
    other.mainFrame.url = source.url;
    expect(checkSender({ sender: other, senderFrame: other.mainFrame }, main, source).trusted).toBe(false);
    expect(checkSender({ sender: main, senderFrame: main.subframe(source.url) }, main, source).trusted).toBe(
      false,
    );
    expect(checkSender({ sender: main, senderFrame: null }, main, source).trusted).toBe(false);
    expect(checkSender({ sender: main, senderFrame: main.mainFrame }, null, source).trusted).toBe(false);
    main.mainFrame.url = 'https://evil.example/';
    expect(checkSender({ sender: main, senderFrame: main.mainFrame }, main, source)).toEqual({
      trusted: false,
      why: 'not the FeedTray page',
    });
  });
});

describe('throttle', () => {
  it('runs at once, then at most once per interval, always ending with a trailing run', () => {
    const clock = new FakeClock();
    let runs = 0;
    const throttled = throttle(() => runs++, 250, clock);
    throttled.request();
    expect(runs).toBe(1);
    for (let i = 0; i < 100; i++) throttled.request();
    expect(runs).toBe(1);
    clock.advance(250);
    expect(runs).toBe(2);
    clock.advance(1000);
    expect(runs).toBe(2);
    throttled.request();
    expect(runs).toBe(3);
  });
});

describe('ElectronNotifier', () => {
  const fake = createFakeElectron({ appRoot: '/nowhere', userData: '/nowhere' });
  const clicks: string[] = [];
  const notifier = (platform: NodeJS.Platform) =>
    new ElectronNotifier({
      Notification: fake.Notification,
      platform,
      actions: {
        openLink: (url) => clicks.push(`link ${url}`),
        showEvent: (key, feedId) => clicks.push(`event ${feedId} ${key}`),
      },
    });

  const ranked = { severity: 3, urgency: 'normal', sticky: false, sound: 'os' } as const;

  it('shows plain text with sound; Linux bodies are escaped because servers read markup', async () => {
    const linux = await notifier('linux').showAndWatch({
      title: 'Feed: <b>Hi</b>',
      body: 'a <i>b</i> & c',
      feedId: 'f',
      eventKey: 'f:1',
      link: null,
      ...ranked,
    });
    expect(linux).toEqual({ shown: true });
    expect(fake.notifications.at(-1)!.options).toMatchObject({
      title: 'Feed: <b>Hi</b>',
      body: 'a &lt;i&gt;b&lt;/i&gt; &amp; c',
      silent: false,
    });
    notifier('darwin').show({
      title: 't',
      body: 'a <i>b</i>',
      feedId: 'f',
      eventKey: null,
      link: null,
      ...ranked,
    });
    expect(fake.notifications.at(-1)!.options.body).toBe('a <i>b</i>');
  });

  it('routes a click to the link, or to the event in the window', () => {
    const n = notifier('linux');
    n.show({ title: 't', body: '', feedId: 'f', eventKey: 'f:1', link: 'https://example.com/', ...ranked });
    fake.notifications.at(-1)!.click();
    n.show({ title: 't', body: '', feedId: 'f', eventKey: 'f:2', link: null, ...ranked });
    fake.notifications.at(-1)!.click();
    expect(clicks).toEqual(['link https://example.com/', 'event f f:2']);
  });
});

describe('SelfTestRecorder', () => {
  const host = { platform: 'linux' as const, versions: { electron: '45.4.1', node: '24.0.0' } };

  it('settles once, naming what it waited for when the time limit passes', async () => {
    const recorder = new SelfTestRecorder(host, 50);
    recorder.passed('fresh user data folder');
    recorder.doing('waiting for the renderer to load');
    const report = await recorder.report;
    expect(report).toMatchObject({
      ok: false,
      failed: 'timed out after 0.05 s while waiting for the renderer to load',
      steps: ['fresh user data folder'],
      electron: '45.4.1',
      platform: 'linux',
    });
    recorder.succeed();
    expect(await recorder.report).toBe(report);
  });
});
