import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { HISTORY_TOTAL_CAP } from '../../src/shared/history.ts';
import { openTab, useApps } from './helpers.ts';
import { quietFeed, seedHistory, type SeedEvent } from './history-seed.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const IMG_PAYLOAD = '<img src=x onerror="globalThis.__xss=1">';
const SCRIPT_PAYLOAD = '<script>globalThis.__xss=2</script>';

/** A small history across two feeds, oldest first, spanning ten days. */
function incidents(now: number): SeedEvent[] {
  const orders = 'orders-db';
  const rates = 'rates';
  return [
    {
      feedId: rates,
      id: 'r1',
      title: 'EUR/USD moved',
      body: 'eur usd cross',
      receivedAt: now - 10 * DAY,
      severity: 2,
      decision: 'dnd',
    },
    {
      feedId: rates,
      id: 'r2',
      title: 'USD/CNY fixing',
      body: 'usd cny reference',
      receivedAt: now - 3 * DAY,
      severity: 1,
      decision: 'min-interval',
    },
    {
      feedId: orders,
      id: 'o1',
      type: 'alert',
      title: 'orders-db outage in eu-west',
      body: 'Primary unreachable',
      receivedAt: now - 2 * HOUR,
      severity: 5,
      decision: 'notified',
    },
    {
      feedId: orders,
      id: 'o2',
      type: 'alert',
      title: 'disk space low on db-2',
      body: 'volume at 91 percent',
      receivedAt: now - 90 * 60_000,
      severity: 3,
      decision: 'coalesced',
    },
    {
      feedId: orders,
      id: 'o3',
      title: 'space warning cleared on disk db-3',
      body: 'space reclaimed',
      receivedAt: now - 40 * 60_000,
      severity: 2,
      decision: 'replayed',
    },
    {
      feedId: orders,
      id: 'o4',
      type: 'alert',
      title: 'orders-db recovered',
      body: 'Replication caught up after the outage',
      receivedAt: now - 30 * 60_000,
      severity: 3,
      decision: 'keyword',
    },
    {
      feedId: orders,
      id: 'o5',
      title: `${IMG_PAYLOAD} payment outage`,
      body: `${SCRIPT_PAYLOAD} payment failed`,
      receivedAt: now - 5 * 60_000,
      severity: 4,
      decision: 'snoozed',
    },
  ];
}

async function startSeeded(apps: ReturnType<typeof useApps>, extra: (now: number) => SeedEvent[] = () => []) {
  const now = Date.now();
  const app = await apps.start({
    beforeCore: (dir) => seedHistory(dir, [...incidents(now), ...extra(now)]),
    before: async ({ invoke }) => {
      await invoke('feeds:add', quietFeed('orders-db', 'Orders DB'));
      await invoke('feeds:add', quietFeed('rates', 'Rates'));
    },
  });
  await openTab(app.page, 'History');
  return app;
}

/** Types into the search box and waits until the summary reflects that search. */
async function search(page: Page, text: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search' }).fill(text);
  await expect.poll(() => page.locator('.history-list').getAttribute('data-text')).toBe(text.trim());
}

const titles = (page: Page): Promise<string[]> => page.locator('.history-title').allTextContents();

describe('history search', () => {
  const apps = useApps();

  test('FTS syntax finds phrases, alternatives and one column; invalid syntax falls back to plain words and says so', async () => {
    const { page } = await startSeeded(apps);
    await search(page, '"disk space"');
    expect(await titles(page)).toEqual(['disk space low on db-2']);
    expect(await page.locator('.history-summary').textContent()).toBe('1 match');
    expect(await page.locator('.history-text-note').getAttribute('data-mode')).toBe('fts');

    await search(page, 'usd OR eur');
    expect(await titles(page)).toEqual(['USD/CNY fixing', 'EUR/USD moved']);

    // "outage" is in the body of "recovered" too; `title:` keeps only the titles that say it.
    await search(page, 'title: outage');
    expect(await titles(page)).toEqual([`${IMG_PAYLOAD} payment outage`, 'orders-db outage in eu-west']);

    await search(page, '"outage');
    const note = page.locator('.history-text-note');
    expect(await note.getAttribute('data-mode')).toBe('plain');
    expect(await note.textContent()).toBe(
      'That is not valid search syntax, so it was searched as plain words (each word, in any order).',
    );
    expect(await page.locator('.history-item').count()).toBe(3);
    expect(await page.locator('.history-summary').textContent()).toBe('3 matches · showing 3');
  });

  test('matches are wrapped in <mark> and hostile text shows as text, never as HTML', async () => {
    const app = await startSeeded(apps);
    const { page } = app;
    await search(page, 'payment');
    const item = page.locator('.history-item');
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.locator('.history-title').textContent()).toBe(`${IMG_PAYLOAD} payment outage`);
    expect(await item.locator('.history-title mark').allTextContents()).toEqual(['payment']);
    expect(await item.locator('.history-body mark').allTextContents()).toEqual(['payment']);
    expect(await item.locator('.history-body').textContent()).toContain(SCRIPT_PAYLOAD);
    // Each mark holds only text: no element was parsed out of the feed's data.
    expect(await page.locator('.history-list img, .history-list script').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(await item.locator('.severity-chip').textContent()).toBe('High');
    expect(await item.locator('.history-decision').textContent()).toBe('Feed snoozed');
    expect(app.errors).toEqual([]);
  });

  test('each row shows its severity and decision in words, and every filter narrows the results', async () => {
    const { page } = await startSeeded(apps);
    await expect.poll(() => page.locator('.history-item').count()).toBe(7);
    const first = page.locator('.history-item[data-key="orders-db:o1"]');
    expect(await first.locator('.severity-chip').textContent()).toBe('Urgent');
    expect(await first.locator('.severity-chip').getAttribute('title')).toBe('Severity 5 of 5');
    expect(await first.locator('.history-decision').textContent()).toBe('Notified');
    expect(await page.locator('.history-item[data-key="rates:r2"] .history-decision').textContent()).toBe(
      'Held: minimum interval',
    );
    const count = () => page.locator('.history-item').count();

    // Severity: High and Urgent.
    const severity = page.getByRole('group', { name: /Severity levels/ });
    await severity.getByRole('button', { name: 'High' }).click();
    await severity.getByRole('button', { name: 'Urgent' }).click();
    await expect
      .poll(() => titles(page))
      .toEqual([`${IMG_PAYLOAD} payment outage`, 'orders-db outage in eu-west']);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(count).toBe(7);

    // Decision: Do not disturb (a <details> list of checkboxes).
    await page.locator('#history-decisions summary').click();
    await page.getByRole('checkbox', { name: 'Do not disturb' }).check();
    await expect.poll(() => titles(page)).toEqual(['EUR/USD moved']);
    expect(await page.locator('#history-decisions summary').textContent()).toBe('Do not disturb');
    await page.getByRole('checkbox', { name: 'Do not disturb' }).uncheck();
    await page.keyboard.press('Escape');

    // Feeds: Rates only.
    await page.locator('#history-feeds summary').click();
    await page.getByRole('checkbox', { name: /^Rates/ }).check();
    await expect.poll(() => titles(page)).toEqual(['USD/CNY fixing', 'EUR/USD moved']);
    await page.getByRole('checkbox', { name: /^Orders DB/ }).check();
    await expect.poll(count).toBe(7);
    expect(await page.locator('#history-feeds summary').textContent()).toBe('2 feeds');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Clear filters' }).click();

    // Type: alerts only (exact, comma separated).
    await page.getByLabel('Event type').fill('alert');
    await expect.poll(count).toBe(3);
    await page.getByLabel('Event type').fill('alert, message');
    await expect.poll(count).toBe(7);
    await page.getByLabel('Event type').fill('');

    // Time: last hour, last 7 days, and a from–to that holds only the fixing three days ago.
    const time = page.getByLabel('Time');
    await time.selectOption('hour');
    await expect.poll(count).toBe(3);
    await time.selectOption('week');
    await expect.poll(count).toBe(6);
    await time.selectOption('custom');
    const local = (ms: number) => new Date(ms).toISOString().slice(0, 16); // the page runs in UTC
    const now = Date.now();
    await page.getByLabel('Since').fill(local(now - 4 * DAY));
    await page.getByLabel('Until').fill(local(now - 2 * DAY));
    await expect.poll(() => titles(page)).toEqual(['USD/CNY fixing']);
    await page.getByLabel('Since').fill(local(now - DAY));
    await page.getByText('The start must be before the end.').waitFor();
    expect(await titles(page)).toEqual(['USD/CNY fixing']);
  });

  test('pages through the matches with the cursor and counts past the cap as "10,000+"', async () => {
    const bulk = (now: number): SeedEvent[] =>
      Array.from({ length: HISTORY_TOTAL_CAP + 50 }, (_, i) => ({
        feedId: 'rates',
        id: `t${i}`,
        title: i < 120 ? `heartbeat ${i}` : `tick ${i}`,
        receivedAt: now - 60_000 + i,
      }));
    const { page } = await startSeeded(apps, bulk);
    await search(page, 'heartbeat');
    const summary = page.locator('.history-summary');
    expect(await summary.textContent()).toBe('120 matches · showing 50');
    const more = page.getByRole('button', { name: 'Load more' });
    await more.click();
    await expect.poll(() => summary.textContent()).toBe('120 matches · showing 100');
    await more.click();
    await expect.poll(() => summary.textContent()).toBe('120 matches · showing 120');
    expect(await more.isHidden()).toBe(true);
    const keys = await page
      .locator('.history-item')
      .evaluateAll((items) =>
        items.map((item) => (item as unknown as { dataset: { key?: string } }).dataset.key),
      );
    expect(new Set(keys).size).toBe(120);
    expect(keys[0]).toBe('rates:t119');
    expect(keys.at(-1)).toBe('rates:t0');

    await search(page, '');
    expect(await summary.textContent()).toBe('10,000+ matches · showing 50');
  });

  test('captures the search with filters into docs/screenshots/history-search.png', async () => {
    const { page } = await startSeeded(apps);
    await page
      .getByRole('group', { name: /Severity levels/ })
      .getByRole('button', { name: 'Urgent' })
      .click();
    await page
      .getByRole('group', { name: /Severity levels/ })
      .getByRole('button', { name: 'High' })
      .click();
    await page
      .getByRole('group', { name: /Severity levels/ })
      .getByRole('button', { name: 'Default' })
      .click();
    await search(page, 'outage OR disk');
    await expect.poll(() => page.locator('.history-item').count()).toBe(4);
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(process.cwd(), 'docs', 'screenshots', 'history-search.png') });
  });
});
