import { describe, expect, test } from 'vitest';
import { useApps } from './helpers.ts';

describe('first run', () => {
  const apps = useApps();

  test('offers the demo feeds, and one click adds three feeds whose statuses turn open', async () => {
    const app = await apps.start();
    const { page } = app;
    await page.getByRole('heading', { name: 'Welcome to FeedTray' }).waitFor();
    await page.getByText('Adding a real feed').waitFor();

    await page.getByRole('button', { name: 'Add demo feeds' }).click();

    const rows = page.locator('.feed-row');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await page.locator('.feed-name').allTextContents()).toEqual([
      'Demo news',
      'Demo alerts',
      'Demo rates',
    ]);
    await expect
      .poll(() => page.locator('.feed-row[data-state="open"]').count(), { timeout: 20_000 })
      .toBe(3);
    expect(await page.locator('.feed-row .pill').allTextContents()).toEqual(['Open', 'Open', 'Open']);
    expect((await app.invoke('app:state', undefined)).firstRun).toBe(false);
  });

  test('shows an error panel when the page has no window.feedtray', async () => {
    const app = await apps.start({ withoutApi: true });
    const panel = app.page.getByRole('alert');
    expect(await panel.textContent()).toContain('window.feedtray is missing');
    expect(await app.page.locator('[role="tablist"]').count()).toBe(0);
  });
});

describe('start-up problems', () => {
  const apps = useApps();

  test('a corrupt settings file and missing secret storage are explained in dismissible banners', async () => {
    const app = await apps.start({
      userDataFiles: { 'settings.json': '{ this is not json' },
      secretStorageAvailable: false,
    });
    const { page } = app;
    const problems = (await app.invoke('app:state', undefined)).problems;
    expect(problems.map((problem) => problem.code)).toContain('corrupt-settings');

    const banner = page.getByRole('alert').filter({ hasText: 'Something needed fixing' });
    await banner.waitFor();
    expect(await banner.textContent()).toContain(problems[0]!.message);
    await page.getByRole('status').filter({ hasText: 'no secure storage' }).waitFor();

    await banner.getByRole('button', { name: 'Dismiss' }).click();
    await banner.waitFor({ state: 'detached' });
    expect(await page.getByRole('status').filter({ hasText: 'no secure storage' }).count()).toBe(1);
  });
});
