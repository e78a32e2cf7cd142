import { describe, expect, it } from 'vitest';
import { findChromium, type ChromiumHost } from './chromium.ts';

const host = (platform: NodeJS.Platform, present: string[], env: ChromiumHost['env'] = {}): ChromiumHost => ({
  platform,
  env,
  exists: (path) => present.includes(path),
});

describe('finding Chromium for the window tests', () => {
  it('takes CHROMIUM_PATH first when it exists', () => {
    const lookup = findChromium(
      host('linux', ['/opt/chrome', '/usr/bin/chromium'], { CHROMIUM_PATH: '/opt/chrome' }),
    );
    expect(lookup).toEqual({ ok: true, path: '/opt/chrome' });
  });

  it('refuses a CHROMIUM_PATH that points nowhere, naming it, instead of quietly using another browser', () => {
    const lookup = findChromium(host('linux', ['/usr/bin/chromium'], { CHROMIUM_PATH: '/typo/chrome' }));
    expect(lookup.ok).toBe(false);
    expect(!lookup.ok && lookup.message).toContain('/typo/chrome');
  });

  it("finds Chrome in a Mac's Applications folders", () => {
    const chrome = '/Users/ada/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(findChromium(host('darwin', [chrome], { HOME: '/Users/ada' }))).toEqual({
      ok: true,
      path: chrome,
    });
  });

  it('finds Chrome under Program Files, and the per-user install, on Windows', () => {
    const env = { PROGRAMFILES: 'C:\\Program Files', LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' };
    const machine = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe';
    const user = 'C:\\Users\\ada\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe';
    expect(findChromium(host('win32', [machine, user], env))).toEqual({ ok: true, path: machine });
    expect(findChromium(host('win32', [user], env))).toEqual({ ok: true, path: user });
  });

  it('prefers a Linux Chrome or Chromium over the last resort /usr/bin/chromium', () => {
    expect(findChromium(host('linux', ['/usr/bin/google-chrome', '/usr/bin/chromium']))).toEqual({
      ok: true,
      path: '/usr/bin/google-chrome',
    });
    expect(findChromium(host('linux', ['/usr/bin/chromium']))).toEqual({
      ok: true,
      path: '/usr/bin/chromium',
    });
  });

  it('says every place it tried when there is no browser at all', () => {
    const lookup = findChromium(host('darwin', [], { HOME: '/Users/ada' }));
    expect(lookup.ok).toBe(false);
    const message = lookup.ok ? '' : lookup.message;
    expect(message).toContain('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    expect(message).toContain('/Applications/Chromium.app/Contents/MacOS/Chromium');
    expect(message).toContain('/usr/bin/chromium');
    expect(message).toContain('CHROMIUM_PATH');
  });
});
