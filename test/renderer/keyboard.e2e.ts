import { describe, expect, test } from 'vitest';
import { demoFeedConfigs } from '../../src/demo/feeds.ts';
import { useApps } from './helpers.ts';

describe('keyboard', () => {
  const apps = useApps();

  test('tab order reaches the tabs and arrow keys switch between them', async () => {
    const app = await apps.start();
    const { page } = app;
    const focusedTab = () =>
      page.evaluate(() => {
        const active = (
          globalThis as unknown as {
            document: {
              activeElement: { getAttribute(name: string): string | null; textContent: string } | null;
            };
          }
        ).document.activeElement;
        return active?.getAttribute('role') === 'tab' ? active.textContent : null;
      });
    for (let presses = 0; presses < 10 && (await focusedTab()) === null; presses += 1)
      await page.keyboard.press('Tab');
    expect(await focusedTab()).toBe('Feeds');

    await page.keyboard.press('ArrowRight');
    expect(await focusedTab()).toBe('Live');
    expect(await page.getByRole('tab', { name: 'Live' }).getAttribute('aria-selected')).toBe('true');
    expect(await page.getByRole('tabpanel').getByRole('heading', { name: 'Live events' }).isVisible()).toBe(
      true,
    );

    await page.keyboard.press('End');
    expect(await focusedTab()).toBe('Preferences');
    await page.keyboard.press('ArrowRight');
    expect(await focusedTab()).toBe('Feeds');
    await page.keyboard.press('ArrowLeft');
    expect(await focusedTab()).toBe('Preferences');
    await page.keyboard.press('Home');
    expect(await focusedTab()).toBe('Feeds');
    // Only the selected tab is in the tab order.
    expect(await page.locator('[role="tab"][tabindex="0"]').count()).toBe(1);
  });

  test('feeds are reordered with the move buttons and focus stays on the moved feed', async () => {
    const app = await apps.start({
      before: async ({ invoke }) => {
        for (const feed of demoFeedConfigs('http://127.0.0.1:9'))
          await invoke('feeds:add', { ...feed, enabled: false });
      },
    });
    const { page } = app;
    await page.getByRole('button', { name: 'Move Demo news down' }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => (await app.invoke('feeds:list', undefined)).map((feed) => feed.id))
      .toEqual(['demo-alerts', 'demo-news', 'demo-rates']);
    expect(await page.locator('.feed-name').allTextContents()).toEqual([
      'Demo alerts',
      'Demo news',
      'Demo rates',
    ]);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('.feed-name').allTextContents())
      .toEqual(['Demo alerts', 'Demo rates', 'Demo news']);
    // At the bottom "down" is disabled, so focus moved to "up" of the same feed.
    const focused = await page.evaluate(() =>
      (
        globalThis as unknown as {
          document: { activeElement: { getAttribute(name: string): string | null } | null };
        }
      ).document.activeElement?.getAttribute('aria-label'),
    );
    expect(focused).toBe('Move Demo news up');
  });
});
