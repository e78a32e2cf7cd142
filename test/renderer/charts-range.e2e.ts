import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { openStream, startTestServer } from '../support/sse-server.ts';
import { openTab, useApps } from './helpers.ts';
import { quietFeed, seedHistory, type SeedEvent } from './history-seed.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const PAIRS = [
  { pair: 'USD/CNY', base: 7.1 },
  { pair: 'EUR/USD', base: 1.08 },
  { pair: 'USD/JPY', base: 151 },
];

/**
 * A rate a minute for 8 days, ending 20 minutes ago, so the 15-minute range is empty. The rates drift
 * up over the days (the 24 h and 7 d ranges have different lows) and wobble within each hour, so a
 * pixel of the 24 h chart spans several values: a visible min/max band.
 */
function rateHistory(now: number): SeedEvent[] {
  const events: SeedEvent[] = [];
  const end = now - 20 * MINUTE;
  for (let t = end - 8 * DAY, i = 0; t <= end; t += MINUTE, i++) {
    const drift = (0.004 * (t - (end - 8 * DAY))) / DAY;
    const wobble = 0.0015 * Math.sin(i / 97) + 0.0007 * Math.sin(i / 13) + 0.0004 * Math.sin(i / 2.3);
    for (const { pair, base } of PAIRS) {
      const value = base * (1 + drift + wobble);
      events.push({
        feedId: 'rates',
        id: `${pair}-${i}`,
        title: pair,
        value: Number(value.toFixed(4)),
        receivedAt: t,
      });
    }
  }
  return events;
}

async function pick(card: Locator, range: string): Promise<void> {
  await card.getByRole('button', { name: range, exact: true }).click();
  await expect.poll(() => card.getAttribute('data-range')).toBe(range.replace(' ', '').replace('min', 'm'));
}

/** A figure under the chart (Min, Max, Points) as a number; counts are shown with grouping ("2,016"). */
const stat = async (card: Locator, name: string): Promise<number> => {
  const dd = card.locator('.chart-range dt', { hasText: name }).locator('xpath=following-sibling::dd[1]');
  return Number((await dd.textContent())?.replaceAll(',', ''));
};

describe('chart ranges', () => {
  const apps = useApps();

  test('15 min, 24 h and 7 d read different spans from the database; an empty range says so in words', async () => {
    const app = await apps.start({
      beforeCore: (dir) => seedHistory(dir, rateHistory(Date.now())),
      before: async ({ invoke }) => {
        await invoke('feeds:add', quietFeed('rates', 'Rates', '/value'));
      },
    });
    const { page } = app;
    await openTab(page, 'Charts');
    const card = page.locator('.chart-card[data-series="USD/CNY"]');
    await card.waitFor();
    expect(await page.locator('.chart-card').count()).toBe(3);

    await expect.poll(() => card.getAttribute('data-state')).toBe('empty');
    expect(await card.getAttribute('data-range')).toBe('15m');
    expect(await card.locator('.chart-message').textContent()).toBe('No data in this range.');
    expect(await card.locator('.chart-message').isVisible()).toBe(true);

    await pick(card, '24 h');
    await expect.poll(() => card.getAttribute('data-state')).toBe('ready');
    expect(await card.locator('.chart-message').isVisible()).toBe(false);
    const dayValues = await stat(card, 'Points');
    const dayLow = await stat(card, 'Min');
    // 24 h of ticks a minute apart, less the last 20 minutes.
    expect(dayValues).toBeGreaterThanOrEqual(1419);
    expect(dayValues).toBeLessThanOrEqual(1421);

    await pick(card, '7 d');
    await expect.poll(async () => stat(card, 'Points')).toBeGreaterThan(7 * 1400);
    const weekLow = await stat(card, 'Min');
    expect(weekLow).toBeLessThan(dayLow);
    // Downsampled to about a point per pixel, never a point per event.
    const drawn = Number(await card.getAttribute('data-points'));
    const width = await card
      .locator('.chart-plot')
      .evaluate((element) => (element as unknown as { clientWidth: number }).clientWidth);
    expect(drawn).toBeLessThanOrEqual(Math.max(60, width));
    expect(drawn).toBeGreaterThan(width / 4);
    expect(await card.locator('canvas').count()).toBeGreaterThan(0);

    // The range is per series: the neighbour still shows its own.
    expect(await page.locator('.chart-card[data-series="EUR/USD"]').getAttribute('data-range')).toBe('15m');
    // And kept when the tab is shown again.
    await openTab(page, 'Feeds');
    await openTab(page, 'Charts');
    expect(await card.getAttribute('data-range')).toBe('7d');
    expect(app.errors).toEqual([]);
  });

  test('a short range keeps its live edge from pushed events, counting each value once', async () => {
    const total = 30;
    const stored = 5;
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const server = await startTestServer((_req, res) => {
      openStream(res);
      const send = (n: number) => res.write(`id: ${n}\ndata: {"title":"Load","value":${100 + n}}\n\n`);
      // A few values before the window opens (read back from the database), the rest pushed live.
      for (let n = 1; n <= stored; n++) send(n);
      let sent = stored;
      let timer: ReturnType<typeof setInterval> | undefined;
      void released.then(() => {
        timer = setInterval(() => {
          send(++sent);
          if (sent >= total) clearInterval(timer);
        }, 100);
      });
      res.on('close', () => clearInterval(timer));
    });
    try {
      const app = await apps.start({
        before: async ({ invoke }) => {
          await invoke('feeds:add', {
            id: 'load',
            name: 'Load',
            url: `${server.url}/load`,
            mapping: { title: '/title', value: '/value' },
            notify: { enabled: false },
          });
          await expect
            .poll(async () => (await invoke('history:query', { limit: 1 })).total, { timeout: 20_000 })
            .toBe(stored);
        },
      });
      const { page } = app;
      await openTab(page, 'Charts');
      const card = page.locator('.chart-card[data-series="Load"]');
      await pick(card, '1 h');
      await expect.poll(() => stat(card, 'Points')).toBe(stored);
      release();
      await expect
        .poll(() => card.locator('[data-stat="last"]').textContent(), { timeout: 20_000 })
        .toBe(String(100 + total));
      // Every value once: the ones read from the database and the ones pushed meanwhile are not added twice.
      await expect.poll(() => stat(card, 'Points')).toBe(total);
      expect(await stat(card, 'Min')).toBe(101);
      expect(await stat(card, 'Max')).toBe(100 + total);
    } finally {
      await server.close();
    }
  });

  test('captures a 24 h rates chart into docs/screenshots/charts-24h.png', async () => {
    const app = await apps.start({
      beforeCore: (dir) => seedHistory(dir, rateHistory(Date.now())),
      before: async ({ invoke }) => {
        await invoke('feeds:add', quietFeed('rates', 'Rates', '/value'));
      },
    });
    const { page } = app;
    await openTab(page, 'Charts');
    const cards = page.locator('.chart-card');
    await expect.poll(() => cards.count()).toBe(3);
    for (const card of await cards.all()) {
      await pick(card, '24 h');
      await expect.poll(() => card.getAttribute('data-state')).toBe('ready');
    }
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(process.cwd(), 'docs', 'screenshots', 'charts-24h.png') });
  });
});
