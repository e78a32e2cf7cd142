import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { openStream, startTestServer, type TestServer } from '../support/sse-server.ts';
import { openTab, useApps } from './helpers.ts';

/** Whether a Chinese font is installed: without one a zh-CN screenshot would show boxes (screenshots.e2e.ts). */
function hasChineseFont(): boolean {
  try {
    return execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).trim() !== '';
  } catch {
    return false; // no fontconfig: assume no such font
  }
}

/** Sends these events (`{t, p}`: title and priority) once per connection, then keeps the stream open. */
async function opsServer(events: { t: string; p: number }[]): Promise<TestServer> {
  return startTestServer((_req, res) => {
    openStream(res);
    events.forEach((event, index) => res.write(`id: ${index + 1}\ndata: ${JSON.stringify(event)}\n\n`));
  });
}

const ops = (url: string) => ({
  id: 'ops',
  name: 'Ops',
  url,
  mapping: { title: '/t', severity: '/p' },
  notify: { minIntervalS: 0 },
});

describe('severity, snooze and quiet time in the window', () => {
  const apps = useApps();

  test('live rows carry severity chips, and the detail says why it notified', async () => {
    const server = await opsServer([
      { t: 'orders-db is down', p: 5 },
      { t: 'cache warming', p: 2 },
      { t: 'deploy finished', p: 3 },
    ]);
    try {
      const app = await apps.start({
        before: async ({ invoke }) => void (await invoke('feeds:add', ops(server.url))),
      });
      const { page } = app;
      await openTab(page, 'Live');
      const row = (title: string) => page.locator('.event-row:not([hidden])', { hasText: title });
      await row('deploy finished').waitFor({ timeout: 15_000 });
      expect(await row('orders-db is down').locator('.event-severity').textContent()).toBe('Urgent');
      expect(await row('cache warming').locator('.event-severity').textContent()).toBe('Low');
      expect(await row('deploy finished').locator('.event-severity').isHidden()).toBe(true);
      await row('orders-db is down').locator('.event-title').click();
      const detail = page.locator('.detail-decision');
      expect(await detail.locator('.severity-chip').textContent()).toBe('Urgent');
      expect(await detail.textContent()).toContain('Notified');
      await page.screenshot({ path: join(process.cwd(), 'docs', 'screenshots', 'severity.png') });

      // The same in Chinese: the chips' words and the decision follow the language.
      const zh = await apps.start({
        locale: 'zh-CN',
        before: async ({ invoke }) =>
          void (await invoke('feeds:add', { ...ops(server.url), id: 'ops-zh', name: '运维' })),
      });
      await openTab(zh.page, '实时');
      const urgent = zh.page.locator('.event-row:not([hidden])', { hasText: 'orders-db is down' });
      await urgent.waitFor({ timeout: 15_000 });
      expect(await urgent.locator('.event-severity').textContent()).toBe('紧急');
      await urgent.locator('.event-title').click();
      expect(await zh.page.locator('.detail-decision').textContent()).toContain('已通知');
      if (hasChineseFont())
        await zh.page.screenshot({ path: join(process.cwd(), 'docs', 'screenshots', 'severity-zh-CN.png') });
    } finally {
      await server.close();
    }
  });

  test('snoozing from the feed row says until when, and Resume ends it', async () => {
    const app = await apps.start({
      before: async ({ invoke }) =>
        void (await invoke('feeds:add', {
          id: 'quiet',
          name: 'Quiet',
          url: 'http://127.0.0.1:9/q',
          enabled: false,
        })),
    });
    const { page } = app;
    const row = page.locator('.feed-row', { hasText: 'Quiet' });
    await row.getByLabel('Snooze notifications of Quiet').selectOption('1h');
    await expect
      .poll(() => row.locator('.feed-snoozed-text').textContent())
      .toMatch(/^Notifications snoozed until \d\d:\d\d$/);
    const [saved] = await app.invoke('feeds:list', undefined);
    expect(saved!.snoozedUntil! - Date.now()).toBeGreaterThan(59 * 60_000);
    await row.getByRole('button', { name: 'Resume' }).click();
    await row.getByLabel('Snooze notifications of Quiet').waitFor();
    expect((await app.invoke('feeds:list', undefined))[0]!.snoozedUntil).toBeNull();
  });

  test('the editor sets the minimum severity and the server’s own words, and refuses a word it cannot read', async () => {
    const app = await apps.start({
      before: async ({ invoke }) =>
        void (await invoke('feeds:add', {
          id: 'ops',
          name: 'Ops',
          url: 'http://127.0.0.1:9/ops',
          enabled: false,
        })),
    });
    const { page } = app;
    await page.locator('.feed-row').getByRole('button', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit Ops' });
    await dialog.getByLabel('Notify from').selectOption('4');
    const words = dialog.getByLabel('This server’s words');
    await words.fill('sev1 = urgent\noops');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => dialog.locator('.field-error:not([hidden])').allTextContents())
      .toContain('Write each line as word = level, the level 1–5 or min, low, default, high, urgent.');
    await words.fill('sev1 = urgent\nsev4 = 2');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const [feed] = await app.invoke('feeds:list', undefined);
    expect(feed!.notify.minSeverity).toBe(4);
    expect(feed!.severity.words).toEqual([
      { match: 'sev1', severity: 5 },
      { match: 'sev4', severity: 2 },
    ]);
  });

  test('do not disturb for a while, from Preferences, says until when and ends on request', async () => {
    const app = await apps.start();
    const { page } = app;
    await openTab(page, 'Preferences');
    await page.getByLabel('Do not disturb for a while').selectOption('1h');
    const until = page.locator('.dnd-until');
    await expect.poll(() => until.textContent()).toMatch(/On until \d\d:\d\d\./);
    expect((await app.invoke('app:state', undefined)).doNotDisturb).toMatchObject({
      active: true,
      manual: false,
    });
    await until.getByRole('button', { name: 'End now' }).click();
    await until.waitFor({ state: 'hidden' });
    expect((await app.invoke('app:state', undefined)).doNotDisturb).toMatchObject({
      active: false,
      until: null,
    });
  });
});
