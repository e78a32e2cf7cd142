import { describe, expect, test } from 'vitest';
import { SOUND_NAMES } from '../../src/shared/sounds.ts';
import { useApps } from './helpers.ts';

describe('notification sounds', () => {
  const apps = useApps();

  test('the window plays the bundled sound main asks for, from a file the CSP allows', async () => {
    const app = await apps.start();
    const { page } = app;
    // Records what would play: headless Chromium has no audio device to prove it with.
    await page.evaluate(() => {
      type Media = { src: string };
      const page = globalThis as unknown as {
        played: string[];
        HTMLMediaElement: { prototype: { play(this: Media): Promise<void> } };
      };
      page.played = [];
      page.HTMLMediaElement.prototype.play = function (this: Media) {
        page.played.push(this.src);
        return Promise.resolve();
      };
    });
    for (const name of SOUND_NAMES) app.core.playSound(name);
    await expect
      .poll(() => page.evaluate(() => (globalThis as unknown as { played: string[] }).played.length))
      .toBe(SOUND_NAMES.length);
    const played = await page.evaluate(() => (globalThis as unknown as { played: string[] }).played);
    for (const [index, name] of SOUND_NAMES.entries())
      expect(played[index]).toMatch(new RegExp(`/${name}-[\\w-]+\\.wav$`));
    // Each file is really there and is a WAV, loaded under the page's own CSP (media-src 'self').
    const durationS = await page.evaluate(async (url) => {
      type Audio = {
        duration: number;
        load(): void;
        addEventListener(type: string, listener: () => void): void;
      };
      const audio = new (globalThis as unknown as { Audio: new (src: string) => Audio }).Audio(url);
      await new Promise<void>((resolve, reject) => {
        audio.addEventListener('loadedmetadata', () => resolve());
        audio.addEventListener('error', () => reject(new Error(`cannot load ${url}`)));
        audio.load();
      });
      return audio.duration;
    }, played[0]!);
    expect(durationS).toBeGreaterThan(0);
    expect(app.errors).toEqual([]);
  });
});
