import { describe, expect, test } from 'vitest';
import { openTab, useApps } from './helpers.ts';

describe('history retention preferences', () => {
  const apps = useApps();

  test('days and megabytes are saved on change, and a value out of range is refused inline', async () => {
    const app = await apps.start();
    const { page } = app;
    await openTab(page, 'Preferences');
    const prefs = () => app.invoke('prefs:get', undefined);
    const days = page.getByLabel('Keep events for (days)');
    expect(await days.inputValue()).toBe('30');
    expect(await page.getByLabel('History database size (MB)').inputValue()).toBe('200');

    await days.fill('0');
    await days.press('Tab');
    await page.getByText('Enter a whole number of days from 1 to 3650.').waitFor();
    expect((await prefs()).historyMaxAgeDays).toBe(30);
    await days.fill('90');
    await days.press('Tab');
    await expect.poll(async () => (await prefs()).historyMaxAgeDays).toBe(90);
    expect(await page.getByText('Enter a whole number of days from 1 to 3650.').isHidden()).toBe(true);

    const total = page.getByLabel('History database size (MB)');
    for (const bad of ['5', '12.5', 'lots', '']) {
      await total.fill(bad);
      await total.press('Tab');
      await page.getByText('Enter a whole number of megabytes from 10 to 100000.').waitFor();
    }
    await total.fill('500');
    await total.press('Tab');
    await expect.poll(async () => (await prefs()).historyMaxMB).toBe(500);
    const perFeed = page.getByLabel('Largest share of one feed (MB)');
    await perFeed.fill('50');
    await perFeed.press('Tab');
    await expect.poll(async () => (await prefs()).historyFeedMaxMB).toBe(50);

    const size = page.getByLabel('Events kept per feed');
    await size.fill('20000000');
    await size.press('Tab');
    await page.getByText('Enter a whole number from 50 to 10000000.').waitFor();
    expect((await prefs()).historySize).toBe(1_000_000);
    expect(app.errors).toEqual([]);
  });
});
