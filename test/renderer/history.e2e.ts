import { describe, expect, test } from 'vitest';
import { demoFeedConfigs } from '../../src/demo/feeds.ts';
import { openTab, useApps } from './helpers.ts';

describe('history', () => {
  const apps = useApps();

  test('search finds an event by a word from its title, and mark as read clears the unread count', async () => {
    const demo = await apps.demo();
    const news = demoFeedConfigs(demo.url).find((feed) => feed.id === 'demo-news')!;
    const app = await apps.start({ before: async ({ invoke }) => void (await invoke('feeds:add', news)) });
    const { page } = app;
    await expect
      .poll(async () => (await app.invoke('history:query', { limit: 1 })).total, { timeout: 20_000 })
      .toBeGreaterThan(2);
    const [target] = (await app.invoke('history:query', { limit: 1 })).events;
    // The longest word of the title is the most specific one to search for.
    const word = target!.title.split(/\W+/).sort((a, b) => b.length - a.length)[0]!;

    await openTab(page, 'History');
    await page.getByRole('searchbox', { name: 'Search' }).fill(word);
    const results = page.getByRole('list', { name: 'Search results' });
    // Until the search runs, the tab shows the latest events; wait for the filtered list.
    const matching = async (): Promise<boolean> => {
      const items = await results.locator('.history-item').allTextContents();
      return items.length > 0 && items.every((item) => item.toLowerCase().includes(word.toLowerCase()));
    };
    await expect.poll(matching).toBe(true);
    expect(await results.locator('.history-title').allTextContents()).toContain(target!.title);

    await expect.poll(() => page.locator('.unread-summary').textContent()).not.toBe('0 unread');
    await page.getByRole('button', { name: 'Mark as read' }).click();
    await expect
      .poll(async () => (await app.invoke('app:state', undefined)).unread['demo-news'] ?? 0)
      .toBeLessThan(3);
  });
});
