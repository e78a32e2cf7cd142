// The window in the real Electron: the built app, its real preload (contextBridge, the acknowledging of
// push batches) and main's real IPC handlers with their sender checks. Runs where the Electron binary
// is installed (CI on Linux, Windows and macOS); scripts/test.mjs says so where it is not.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startElectronApp, type ElectronAppUnderTest } from './app-under-test.ts';

/** `window.feedtray` as the page sees it (the tests compile without the DOM library). */
interface PageGlobals {
  feedtray: {
    invoke(channel: string, request?: unknown): Promise<{ ok: boolean; error?: { code: string } }>;
  };
  [name: string]: unknown;
}

describe('the window in the real Electron', () => {
  let running: ElectronAppUnderTest | undefined;
  beforeAll(async () => {
    running = await startElectronApp();
  });
  afterAll(async () => {
    await running?.close();
  });

  test('the preload exposes exactly invoke and on, and nothing of Node or Electron', async () => {
    const { window } = running!;
    const seen = await window.evaluate(() => {
      const page = globalThis as unknown as PageGlobals;
      return {
        api: Object.keys(page.feedtray).sort(),
        frozen: Object.isFrozen(page.feedtray),
        require: typeof page.require,
        process: typeof page.process,
      };
    });
    expect(seen).toEqual({ api: ['invoke', 'on'], frozen: true, require: 'undefined', process: 'undefined' });
  });

  test('acknowledgements go through main’s schema: a malformed one is refused, a hello is taken', async () => {
    const { window } = running!;
    const [bad, hello, unknown] = await window.evaluate(async () => {
      const { feedtray } = globalThis as unknown as PageGlobals;
      return [
        await feedtray.invoke('window:ack', { batch: -1 }),
        await feedtray.invoke('window:ack', { hello: true }),
        await feedtray.invoke('no:such-channel'),
      ];
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(hello).toMatchObject({ ok: true });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  });

  test('the demo feeds stream into the live list, which keeps up and skips nothing', async () => {
    const { window } = running!;
    const added = await window.evaluate(async () => {
      const { feedtray } = globalThis as unknown as PageGlobals;
      return feedtray.invoke('feeds:addDemo');
    });
    expect(added.ok).toBe(true);
    await window.getByRole('tab', { name: 'Live' }).click();
    await window.locator('.event-row:not([hidden])').first().waitFor({ timeout: 30_000 });
    const count = () => window.locator('.live-count').textContent();
    const first = await count();
    await expect.poll(count, { timeout: 30_000 }).not.toBe(first);
    // The preload acknowledged every batch: main never had to hold events back from this window.
    expect(await window.locator('.live-skipped').isVisible()).toBe(false);
  });

  test('pause scrolling freezes the list from the click', async () => {
    const { window } = running!;
    await window.getByRole('button', { name: 'Pause scrolling' }).click();
    const frozen = await window.locator('.event-row:not([hidden])').first().getAttribute('data-key');
    await window.locator('button.pending').waitFor({ timeout: 30_000 });
    expect(await window.locator('.event-row:not([hidden])').first().getAttribute('data-key')).toBe(frozen);
    await window.getByRole('button', { name: 'Resume scrolling' }).click();
  });
});
