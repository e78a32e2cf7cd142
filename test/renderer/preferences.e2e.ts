import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { openTab, useApps } from './helpers.ts';

describe('preferences', () => {
  const apps = useApps();

  test('do-not-disturb and its schedule are saved, and a bad time is refused inline', async () => {
    const app = await apps.start();
    const { page } = app;
    await openTab(page, 'Preferences');
    await page.getByRole('checkbox', { name: 'Do not disturb', exact: true }).check();
    await expect.poll(async () => (await app.invoke('prefs:get', undefined)).doNotDisturb.manual).toBe(true);
    await page.locator('.app-header').getByText('Do not disturb').waitFor();

    await page.getByLabel('From', { exact: true }).fill('23:30');
    await page.getByLabel('From', { exact: true }).press('Tab');
    await expect
      .poll(async () => (await app.invoke('prefs:get', undefined)).doNotDisturb.schedule.from)
      .toBe('23:30');
    await page.getByLabel('To', { exact: true }).fill('25:00');
    await page.getByLabel('To', { exact: true }).press('Tab');
    await page.getByText('Use a 24-hour time like 22:00.').waitFor();
    expect((await app.invoke('prefs:get', undefined)).doNotDisturb.schedule.to).toBe('07:00');
  });

  test('settings export downloads as a file under the CSP, and an import replaces the feeds', async () => {
    const app = await apps.start({
      before: async ({ invoke }) =>
        void (await invoke('feeds:add', {
          name: 'Exported feed',
          url: 'https://example.com/a',
          enabled: false,
        })),
    });
    const { page } = app;
    await openTab(page, 'Preferences');
    await page.getByRole('button', { name: 'Export settings' }).click();
    const exported = page.getByLabel('Exported settings');
    await expect.poll(() => exported.inputValue()).toContain('Exported feed');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Save as file' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('feedtray-settings.json');
    const saved = await readFile(await download.path(), 'utf8');
    expect(saved).toBe(await exported.inputValue());
    expect(app.errors).toEqual([]);

    const settings = JSON.parse(saved) as { feeds: { name: string; id: string }[] };
    settings.feeds = [{ ...settings.feeds[0]!, id: 'imported', name: 'Imported feed' }];
    await page.getByLabel('Settings to import').fill(JSON.stringify(settings));
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect
      .poll(async () => (await app.invoke('feeds:list', undefined)).map((feed) => feed.name))
      .toEqual(['Imported feed']);
    await openTab(page, 'Feeds');
    expect(await page.locator('.feed-name').allTextContents()).toEqual(['Imported feed']);
  });
});
