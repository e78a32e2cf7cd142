// The live list under load: frozen from the click, idle while hidden, and honest about events main
// had to skip while the window was busy.
import type { ServerResponse } from 'node:http';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { FeedEvent } from '../../src/shared/feed.ts';
import { openStream, startTestServer, waitFor } from '../support/sse-server.ts';
import { openTab, useApps } from './helpers.ts';
import { PUSH_FUNCTION } from './page-api.ts';

const liveEvent = (n: number): FeedEvent => ({
  feedId: 'race',
  type: 'message',
  id: String(n),
  key: `race:${n}`,
  data: '{}',
  receivedAt: 1_700_000_000_000 + n,
  title: `Race ${n}`,
  body: '',
  link: null,
  value: null,
  severity: 3,
  decision: null,
});
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => liveEvent(from + i));

/** Delivers events to the page as a push from main would. */
function push(page: Page, events: FeedEvent[]): Promise<void> {
  return page.evaluate(
    ([name, payload]) =>
      (globalThis as unknown as Record<string, (c: string, p: unknown) => void>)[name]!(
        'push:events',
        payload,
      ),
    [PUSH_FUNCTION, events] as const,
  );
}

/** The few DOM names the page-side code uses (tests compile without the DOM library). */
interface Dom {
  requestAnimationFrame(callback: () => void): number;
  document: {
    querySelector(
      selector: string,
    ): { getAttribute(name: string): string | null; click(): void; textContent: string | null } | null;
  };
  MutationObserver: new (callback: (records: unknown[]) => void) => {
    observe(target: unknown, options: object): void;
  };
  listMutations: number;
  [push: string]: unknown;
}

const topKey = (page: Page) => page.locator('.event-row:not([hidden])').first().getAttribute('data-key');

describe('the live list under load', () => {
  const apps = useApps();

  test('pause freezes the list from the click, even when a draw was already on its way', async () => {
    const app = await apps.start();
    const { page } = app;
    await openTab(page, 'Live');
    await push(page, range(1, 3));
    await expect.poll(() => topKey(page)).toBe('race:3');

    // Events arrive, the list draws them in the next frame; the click lands in that same frame, after
    // the draw was scheduled. Nothing may move after the click.
    const [atClick, later] = await page.evaluate(
      async ([name, events]) => {
        const w = globalThis as unknown as Dom;
        const frame = () => new Promise((resolve) => w.requestAnimationFrame(() => resolve(null)));
        const top = () => w.document.querySelector('.event-row:not([hidden])')?.getAttribute('data-key');
        (w[name] as (channel: string, payload: unknown) => void)('push:events', events);
        const shown = await new Promise<string | null | undefined>((resolve) =>
          w.requestAnimationFrame(() => {
            w.document.querySelector('section:has(#live-feed) button[aria-pressed]')!.click();
            resolve(top());
          }),
        );
        for (let i = 0; i < 3; i++) await frame();
        return [shown, top()];
      },
      [PUSH_FUNCTION, range(4, 6)] as const,
    );
    expect(later).toBe(atClick);

    // Resume, then events arrive and the click comes before the frame that would draw them: they are
    // not drawn, and they count as new.
    await page.getByRole('button', { name: 'Resume scrolling' }).click();
    await expect.poll(() => topKey(page)).toBe('race:6');
    const [beforeDraw, afterFrames, pending] = await page.evaluate(
      async ([name, events]) => {
        const w = globalThis as unknown as Dom;
        const frame = () => new Promise((resolve) => w.requestAnimationFrame(() => resolve(null)));
        const top = () => w.document.querySelector('.event-row:not([hidden])')?.getAttribute('data-key');
        (w[name] as (channel: string, payload: unknown) => void)('push:events', events);
        w.document.querySelector('section:has(#live-feed) button[aria-pressed]')!.click();
        const shown = top();
        for (let i = 0; i < 3; i++) await frame();
        return [shown, top(), w.document.querySelector('button.pending')?.textContent];
      },
      [PUSH_FUNCTION, range(7, 9)] as const,
    );
    expect(beforeDraw).toBe('race:6');
    expect(afterFrames).toBe('race:6');
    expect(pending).toBe('3 new — show');
  });

  test('the list does no work while its tab is hidden, and catches up when shown', async () => {
    const app = await apps.start();
    const { page } = app;
    await page.evaluate(() => {
      const w = globalThis as unknown as Dom;
      const list = w.document.querySelector('.vlist')!;
      w.listMutations = 0;
      new w.MutationObserver((records) => (w.listMutations += records.length)).observe(list, {
        subtree: true,
        childList: true,
        attributes: true,
        characterData: true,
      });
    });
    await push(page, range(1, 50));
    await page.evaluate(() => {
      const w = globalThis as unknown as Dom;
      return new Promise((resolve) =>
        w.requestAnimationFrame(() => w.requestAnimationFrame(() => resolve(null))),
      );
    });
    expect(await page.evaluate(() => (globalThis as unknown as Dom).listMutations)).toBe(0);
    await openTab(page, 'Live');
    await expect.poll(() => topKey(page)).toBe('race:50');
    expect(await page.locator('.live-count').textContent()).toBe('50 events');
  });

  test('says how many events main skipped while the window was busy, and leads to History', async () => {
    const total = 6000;
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const server = await startTestServer((_req, res: ServerResponse) => {
      openStream(res);
      void released.then(() => {
        let next = 1;
        const timer = setInterval(() => {
          let chunk = '';
          for (const end = Math.min(total, next + 499); next <= end; next += 1)
            chunk += `id: ${next}\ndata: {"title":"Busy ${next}"}\n\n`;
          res.write(chunk);
          if (next > total) clearInterval(timer);
        }, 20);
        res.on('close', () => clearInterval(timer));
      });
    });
    try {
      const app = await apps.start({
        before: async ({ invoke }) =>
          void (await invoke('feeds:add', {
            id: 'busy',
            name: 'Busy',
            url: server.url,
            mapping: { title: '/title' },
            notify: { enabled: false },
          })),
      });
      const { page, core } = app;
      await openTab(page, 'Live');
      await waitFor(() => core.status('busy')?.state === 'open', 'the feed open');
      // The window is busy for two seconds (a long task): it handles no push and acknowledges nothing.
      const busy = page.evaluate(() => {
        const end = performance.now() + 2000;
        while (performance.now() < end);
      });
      release();
      await busy;

      const notice = page.locator('.live-skipped');
      await expect.poll(() => notice.isVisible(), { timeout: 20_000 }).toBe(true);
      await expect
        .poll(async () => {
          const shown = Number((await page.locator('.live-count').textContent())!.replace(/\D/g, ''));
          const skipped = Number(
            (await notice.textContent())!.replace(/ events skipped.*/, '').replace(/\D/g, ''),
          );
          return shown + skipped;
        })
        .toBe(total);
      expect(await notice.textContent()).toMatch(
        /^[\d,]+ events skipped while the window was busy — see History$/,
      );
      expect(await topKey(page)).toBe(`busy:${total}`);
      expect(core.windowBacklog.queuedEvents).toBe(0);

      await notice.click();
      expect(await page.getByRole('tab', { name: 'History' }).getAttribute('aria-selected')).toBe('true');
      await openTab(page, 'Live');
      expect(await notice.isVisible()).toBe(false);
    } finally {
      await server.close();
    }
  });
});
