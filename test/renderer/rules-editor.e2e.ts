/**
 * The rules editor in the real window: a feed with a stored rate series, a "crosses above" rule whose
 * live preview counts what it would have done to the last 1,000 events, an invalid pattern that keeps
 * Save disabled, and the chart marking where a saved rule fired. Screenshots go to docs/screenshots.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { patternError } from '../../src/shared/rules/regex.ts';
import { openStream, startTestServer } from '../support/sse-server.ts';
import { openTab, useApps } from './helpers.ts';
import { quietFeed, seedHistory, type SeedEvent } from './history-seed.ts';

const MINUTE = 60_000;
const SHOTS = join(process.cwd(), 'docs', 'screenshots');
const RULE = 'USD/CNY above 7.20';

/** USD/CNY a minute apart for 20 hours, ending 5 minutes ago, wobbling around 7.20. */
function rates(): number[] {
  return Array.from({ length: 1200 }, (_, i) =>
    Number((7.18 + 0.03 * Math.sin(i / 50) + 0.002 * Math.sin(i / 3.7)).toFixed(4)),
  );
}

/** How often `values` go from below `level` to at or above it (the newest 1,000: what a preview reads). */
function crossings(values: readonly number[], level: number, newest = 1000): number {
  const last = values.slice(-newest);
  let count = 0;
  for (let i = 1; i < last.length; i++) if (last[i - 1]! < level && last[i]! >= level) count++;
  return count;
}

/**
 * The stored series as earlier rules decided it: crossings above 7.20 notified, the newest value marked
 * by "Watch", the rest kept quiet by "Otherwise quiet" (which the chart must not mark).
 */
function history(now: number): SeedEvent[] {
  const values = rates();
  const start = now - 5 * MINUTE - values.length * MINUTE;
  return values.map((value, i) => {
    const fired = i > 0 && values[i - 1]! < 7.2 && value >= 7.2;
    const newest = i === values.length - 1;
    const decided = fired
      ? { decision: 'notified', rule: RULE, message: `USD/CNY crossed ${value}` }
      : newest
        ? { decision: 'marked', rule: 'Watch', message: 'Watching USD/CNY' }
        : { decision: 'rule-quiet', rule: 'Otherwise quiet' };
    return {
      feedId: 'rates',
      id: String(i + 1),
      title: 'USD/CNY',
      value,
      receivedAt: start + i * MINUTE,
      ...decided,
    };
  });
}

/** The preview's counts, as its attributes carry them. */
async function counts(preview: Locator) {
  const line = preview.locator('.rules-preview-counts');
  const read = async (name: string) => Number(await line.getAttribute(`data-${name}`));
  return {
    notify: await read('notify'),
    quiet: await read('quiet'),
    marked: await read('marked'),
    unmatched: await read('unmatched'),
  };
}

async function openEditor(page: Page, name: string): Promise<Locator> {
  await page.locator('.feed-row', { hasText: name }).getByRole('button', { name: 'Edit' }).click();
  return page.getByRole('dialog', { name: `Edit ${name}` });
}

describe('rules editor', () => {
  const apps = useApps();

  test('previews a crossing rule live, refuses a bad pattern, saves, and the chart marks the fires', async () => {
    const now = Date.now();
    const values = rates();
    const app = await apps.start({
      beforeCore: (dir) => seedHistory(dir, history(now)),
      before: async ({ invoke }) => {
        await invoke('feeds:add', quietFeed('rates', 'Rates', '/value'));
        await invoke('feeds:add', quietFeed('empty', 'Empty', '/value'));
      },
    });
    const { page } = app;
    await page.setViewportSize({ width: 1280, height: 800 });
    const dialog = await openEditor(page, 'Rates');
    const preview = dialog.getByRole('region', { name: 'What these rules would have done' });
    await expect.poll(() => preview.textContent()).toContain('No rules');

    await dialog.getByRole('button', { name: 'Add rule' }).click();
    const rule = dialog.locator('.rule-card').first();
    // The new condition waits for its level: no preview yet, and no error shown before it is touched.
    await expect.poll(() => preview.textContent()).toContain('Finish the rules above');
    await rule.getByLabel('Rule name').fill(RULE);
    await rule.getByLabel('Level').fill('7.20');
    await rule.getByLabel('Message').fill('{title} crossed {value}');
    const above720 = crossings(values, 7.2);
    expect(above720).toBeGreaterThan(1);
    await expect
      .poll(() => counts(preview))
      .toEqual({ notify: above720, quiet: 0, marked: 0, unmatched: 1000 - above720 });
    expect(await preview.locator('.rules-preview-counts').textContent()).toBe(
      `${above720} would notify · 0 marked · 0 quiet · ${(1000 - above720).toLocaleString('en')} no rule`,
    );
    expect(await preview.locator('.rules-preview-scope').textContent()).toContain('last 1,000 stored events');
    expect(await preview.locator('.rules-preview-per-rule li').allTextContents()).toEqual([
      `1. ${RULE}: ${above720}`,
    ]);
    expect(await preview.locator('.rules-preview-message').first().textContent()).toMatch(
      /^USD\/CNY crossed 7\.2\d*$/,
    );

    // Another level: the counts follow as the user types.
    const above715 = crossings(values, 7.15);
    expect(above715).not.toBe(above720);
    await rule.getByLabel('Level').fill('7.15');
    await expect.poll(async () => (await counts(preview)).notify).toBe(above715);

    // A pattern RE2 cannot read: the schema's sentence next to the field, Save disabled, no preview.
    await rule.getByRole('button', { name: 'Add condition' }).click();
    const second = rule.getByRole('group', { name: 'Condition 2' });
    await second.getByLabel('Test').selectOption('matches');
    await second.getByLabel('Pattern (RE2)').fill('(USD');
    const error = second.locator('.field-error:not([hidden])');
    await expect.poll(() => error.textContent()).toBe(patternError('(USD'));
    const save = dialog.getByRole('button', { name: 'Save' });
    expect(await save.isDisabled()).toBe(true);
    await expect.poll(() => preview.textContent()).toContain('Finish the rules above');

    await second.getByLabel('Pattern (RE2)').fill('^USD/');
    await expect.poll(() => save.isDisabled()).toBe(false);
    await expect.poll(async () => (await counts(preview)).notify).toBe(above715);
    // A level left empty: said in words next to it.
    await rule.getByLabel('Level').fill('');
    await expect
      .poll(() =>
        rule.getByRole('group', { name: 'Condition 1' }).locator('.field-error:not([hidden])').textContent(),
      )
      .toBe('Give a number, like 7.2.');
    expect(await save.isDisabled()).toBe(true);
    await rule.getByLabel('Level').fill('7.20');
    await expect.poll(async () => (await counts(preview)).notify).toBe(above720);
    await mkdir(SHOTS, { recursive: true });
    // The rule and its preview together: the preview's end at the bottom of the form.
    await preview.evaluate((element: { scrollIntoView(options: object): void }) =>
      element.scrollIntoView({ block: 'end' }),
    );
    await page.screenshot({ path: join(SHOTS, 'rules-editor.png') });

    await save.click();
    await dialog.waitFor({ state: 'hidden' });
    const saved = (await app.invoke('feeds:list', undefined)).find((feed) => feed.id === 'rates')!;
    expect(saved.rules).toMatchObject([
      {
        name: RULE,
        match: 'all',
        outcome: { kind: 'notify', severity: 3 },
        message: '{title} crossed {value}',
        conditions: [
          { op: 'crossesAbove', field: '', level: 7.2, per: null },
          { op: 'matches', field: '', pattern: '^USD/' },
        ],
      },
    ]);

    // A feed with nothing stored says so instead of counting zeros.
    const empty = await openEditor(page, 'Empty');
    await empty.getByRole('button', { name: 'Add rule' }).click();
    await empty.locator('.rule-card').getByLabel('Level').fill('1');
    await expect
      .poll(() => empty.locator('.rules-preview').textContent())
      .toContain('This feed has no stored events yet');
    await empty.getByRole('button', { name: 'Cancel' }).click();

    // The chart marks where the saved rule fired, its name on hover.
    await openTab(page, 'Charts');
    const card = page.locator('.chart-card[data-series="USD/CNY"]');
    await card.getByRole('button', { name: '24 h', exact: true }).click();
    await expect.poll(() => card.getAttribute('data-state')).toBe('ready');
    const marks = card.locator('.chart-rule-mark');
    // Every crossing, and the newest value "Watch" marked; none of the events kept quiet.
    expect(crossings(values, 7.2, 2)).toBe(0);
    await expect.poll(() => marks.count()).toBe(crossings(values, 7.2, values.length) + 1);
    expect(await marks.last().getAttribute('data-rule')).toBe('Watch');
    const hover = (await marks.first().getAttribute('title')) ?? '';
    expect(hover.startsWith(`${RULE} fired at 7.2`)).toBe(true);
    expect(hover).toContain(' — USD/CNY crossed 7.2');
    await page.locator('.notice').first().waitFor({ state: 'detached', timeout: 10_000 });
    await page.screenshot({ path: join(SHOTS, 'chart-rule-marks.png') });

    // History names the rule that decided each event, with its message.
    await openTab(page, 'History');
    const newest = page.getByRole('list', { name: 'Search results' }).locator('.history-item').first();
    await expect
      .poll(() => newest.locator('.rule-note').textContent())
      .toBe('Decided by rule WatchWatching USD/CNY');
    expect(app.errors).toEqual([]);
  });

  test('a saved rule decides live events: the detail names it with its message, the chart marks it', async () => {
    const server = await startTestServer((_req, res) => {
      openStream(res);
      res.write('id: 1\ndata: {"pair":"USD/CNY","rate":7.18}\n\n');
      res.write('id: 2\ndata: {"pair":"USD/CNY","rate":7.23}\n\n');
    });
    try {
      const app = await apps.start({
        before: async ({ invoke }) =>
          void (await invoke('feeds:add', {
            id: 'live-rates',
            name: 'Live rates',
            url: server.url,
            mapping: { title: '/pair', value: '/rate' },
            rules: [
              {
                name: 'Above 7.20',
                conditions: [{ op: 'crossesAbove', field: '', level: 7.2, per: '/pair' }],
                outcome: { kind: 'mark' },
                message: '{/pair} crossed {value}',
              },
            ],
          })),
      });
      const { page } = app;
      await openTab(page, 'Live');
      const rows = page.locator('.event-row:not([hidden])');
      await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(2);
      await rows.first().click();
      const note = page.locator('.event-detail .rule-note');
      await expect
        .poll(() => note.locator('.rule-note-name').textContent())
        .toBe('Decided by rule Above 7.20');
      expect(await note.locator('.rule-note-message').textContent()).toBe('USD/CNY crossed 7.23');
      expect(await page.locator('.event-detail .detail-decision').textContent()).toContain(
        'Marked by a rule',
      );

      await openTab(page, 'Charts');
      const mark = page.locator('.chart-card[data-series="USD/CNY"] .chart-rule-mark');
      await expect.poll(() => mark.count()).toBe(1);
      expect(await mark.getAttribute('title')).toContain('Above 7.20 fired at 7.23 — USD/CNY crossed 7.23');
      expect(app.errors).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
