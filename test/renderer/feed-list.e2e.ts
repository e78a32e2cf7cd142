import { describe, expect, test } from 'vitest';
import { closedPortUrl, useApps } from './helpers.ts';

describe('feed list', () => {
  const apps = useApps();

  test('a feed that cannot connect shows the reason and a live retry countdown', async () => {
    const url = await closedPortUrl();
    const app = await apps.start({
      before: async ({ invoke }) => void (await invoke('feeds:add', { name: 'Build status', url })),
    });
    const row = app.page.locator('.feed-row', { hasText: 'Build status' });
    await expect.poll(() => row.getAttribute('data-tone'), { timeout: 15_000 }).toBe('error');
    const status = await app.invoke('feeds:statuses', undefined);
    expect(await row.locator('.feed-reason').textContent()).toContain(status[0]!.reason.message);
    await expect
      .poll(() => row.locator('.countdown').textContent(), { timeout: 15_000 })
      .toMatch(/^retrying in \d+ s$/);
    await row.getByRole('button', { name: 'Retry now' }).waitFor();
  });

  test('a feed is disabled with its switch and removed after confirming', async () => {
    const demo = await apps.demo();
    const app = await apps.start({
      before: async ({ invoke }) =>
        void (await invoke('feeds:add', { name: 'News', url: demo.feedUrls.news })),
    });
    const { page } = app;
    const row = page.locator('.feed-row', { hasText: 'News' });
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 15_000 }).toBe('open');

    await page.getByRole('checkbox', { name: 'Connect to News' }).uncheck();
    await expect.poll(async () => (await app.invoke('feeds:list', undefined))[0]!.enabled).toBe(false);
    await expect.poll(() => row.locator('.pill').textContent()).toBe('Disabled');

    await row.getByRole('button', { name: 'Remove' }).click();
    await row.getByText('Remove News?').waitFor();
    expect(await app.invoke('feeds:list', undefined)).toHaveLength(1);
    await row.getByRole('button', { name: 'Remove' }).click();
    await expect.poll(async () => (await app.invoke('feeds:list', undefined)).length).toBe(0);
    await page.getByRole('heading', { name: 'No feeds' }).waitFor();
  });
});
