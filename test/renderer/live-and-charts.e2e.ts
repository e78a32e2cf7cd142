import type { ServerResponse } from 'node:http';
import { describe, expect, test } from 'vitest';
import { demoFeedConfigs } from '../../src/demo/feeds.ts';
import { openStream, startTestServer } from '../support/sse-server.ts';
import { openTab, useApps } from './helpers.ts';

describe('live view and charts', () => {
  const apps = useApps();

  test('the chart of each rate pair updates as ticks arrive', async () => {
    const demo = await apps.demo();
    const rates = demoFeedConfigs(demo.url).find((feed) => feed.id === 'demo-rates')!;
    const app = await apps.start({ before: async ({ invoke }) => void (await invoke('feeds:add', rates)) });
    const { page } = app;
    await openTab(page, 'Charts');

    const card = page.locator('.chart-card[data-series="USD/CNY"]');
    await card.waitFor({ timeout: 20_000 });
    expect(await page.locator('.chart-card').count()).toBe(5);
    const points = async (): Promise<number> => Number(await card.getAttribute('data-points'));
    const first = await points();
    const lastValue = await card.locator('[data-stat="last"]').textContent();
    expect(lastValue).toMatch(/^7\.\d{1,4}$/);
    await expect.poll(points, { timeout: 15_000 }).toBeGreaterThan(first + 3);
    expect(await card.locator('canvas').count()).toBeGreaterThan(0);
    expect(await card.locator('.chart-range').textContent()).toMatch(/Min\s*7\.\d+/);
  });

  test('10,000 events scroll in a virtualized list that renders only the visible rows', async () => {
    const total = 10_000;
    const server = await startTestServer((_req, res: ServerResponse) => {
      openStream(res);
      // 100 events every 20 ms (5,000 a second, the rate the window holds 60 fps at): fast, but paced so
      // the window acknowledges every batch and flow control skips nothing, even on a loaded machine
      // (skipping under a harder flood is tested in live-flow.e2e.ts).
      let next = 1;
      const timer = setInterval(() => {
        let chunk = '';
        for (const end = Math.min(total, next + 99); next <= end; next += 1)
          chunk += `id: ${next}\ndata: {"title":"Burst event ${next}","n":${next}}\n\n`;
        res.write(chunk);
        if (next > total) clearInterval(timer);
      }, 20);
      res.on('close', () => clearInterval(timer));
    });
    const app = await apps.start();
    try {
      const { page } = app;
      await openTab(page, 'Live');
      // Added once the window is up, so the burst arrives live rather than from history.
      await app.invoke('feeds:add', {
        name: 'Burst',
        url: `${server.url}/burst`,
        mapping: { title: '/title' },
        notify: { enabled: false },
      });
      await expect
        .poll(() => page.locator('.live-count').textContent(), { timeout: 30_000 })
        .toBe('10,000 events');
      expect(await page.locator('.event-row:not([hidden])').count()).toBeLessThan(40);
      expect(await page.locator('.event-title').first().textContent()).toBe(`Burst event ${total}`);

      const list = page.getByRole('list', { name: 'Events, newest first' });
      await list.evaluate((element) => {
        const scroller = element as unknown as { scrollTop: number; scrollHeight: number };
        scroller.scrollTop = scroller.scrollHeight;
      });
      await page.locator(`.event-row[aria-posinset="${total}"]`).waitFor();
      expect(await page.locator(`.event-row[aria-posinset="${total}"] .event-title`).textContent()).toBe(
        'Burst event 1',
      );
      expect(await page.locator('.event-row:not([hidden])').count()).toBeLessThan(40);
    } finally {
      await server.close();
    }
  });

  test('pause scrolling freezes the list and counts what arrives meanwhile', async () => {
    const demo = await apps.demo();
    const rates = demoFeedConfigs(demo.url).find((feed) => feed.id === 'demo-rates')!;
    const app = await apps.start({ before: async ({ invoke }) => void (await invoke('feeds:add', rates)) });
    const { page } = app;
    await openTab(page, 'Live');
    await page.locator('.event-row:not([hidden])').first().waitFor({ timeout: 20_000 });
    const pause = page.getByRole('button', { name: 'Pause scrolling' });
    await pause.click();
    expect(await page.getByRole('button', { name: 'Resume scrolling' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    const frozen = await page.locator('.event-row:not([hidden])').first().getAttribute('data-key');
    const pending = page.locator('button.pending');
    await pending.waitFor({ timeout: 10_000 });
    expect(await page.locator('.event-row:not([hidden])').first().getAttribute('data-key')).toBe(frozen);
    await pending.click();
    await expect
      .poll(() => page.locator('.event-row:not([hidden])').first().getAttribute('data-key'))
      .not.toBe(frozen);
  });
});
