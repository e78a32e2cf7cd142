import { describe, expect, test } from 'vitest';
import { openStream, startTestServer } from '../support/sse-server.ts';
import { openTab, useApps } from './helpers.ts';

const IMG_PAYLOAD = '<img src=x onerror="globalThis.__xss=1">';
const SCRIPT_PAYLOAD = '<script>globalThis.__xss=2</script>';

describe('feed data is text', () => {
  const apps = useApps();

  test('HTML and script in feed data render as literal text and never run', async () => {
    const hostile = JSON.stringify({
      title: IMG_PAYLOAD,
      body: SCRIPT_PAYLOAD,
      link: 'javascript:globalThis.__xss=3',
      [IMG_PAYLOAD]: SCRIPT_PAYLOAD,
    });
    const server = await startTestServer((_req, res) => {
      openStream(res);
      res.write(`id: 1\ndata: ${hostile}\n\n`);
      res.write(`id: 2\nevent: ${'<b>bold</b>'}\ndata: ${IMG_PAYLOAD}\ndata: ${SCRIPT_PAYLOAD}\n\n`);
    });
    try {
      const app = await apps.start({
        before: async ({ invoke }) =>
          void (await invoke('feeds:add', {
            name: `Hostile ${IMG_PAYLOAD}`,
            url: `${server.url}/hostile`,
            eventTypes: ['*'],
            mapping: { title: '/title', body: '/body', link: '/link' },
          })),
      });
      const { page } = app;
      await page.locator('.feed-name').waitFor();
      expect(await page.locator('.feed-name').textContent()).toBe(`Hostile ${IMG_PAYLOAD}`);

      await openTab(page, 'Live');
      await expect.poll(() => page.locator('.event-row:not([hidden])').count(), { timeout: 20_000 }).toBe(2);
      const titles = await page.locator('.event-title').allTextContents();
      expect(titles).toContain(IMG_PAYLOAD);
      expect(await page.locator('.event-body').allTextContents()).toContain(SCRIPT_PAYLOAD);

      // Every place that shows event data: the detail pane with its JSON tree, the editor, history.
      await page.locator('.event-row[data-key$=":1"] .event-title').click();
      await page.locator('.event-detail .json-tree').waitFor();
      await openTab(page, 'History');
      await expect.poll(() => page.locator('.history-item').count()).toBe(2);
      await openTab(page, 'Feeds');
      await page.getByRole('button', { name: 'Edit' }).click();
      await page.getByRole('dialog').waitFor();

      const state = await page.evaluate(() => ({
        xss: (globalThis as unknown as { __xss?: unknown }).__xss,
      }));
      expect(state.xss).toBeUndefined();
      expect(await page.locator('img').count()).toBe(0);
      expect(await page.locator('b').count()).toBe(0);
      // The only script is the app's own bundle.
      expect(await page.locator('script').count()).toBe(1);
      expect(await page.locator('script:not([src])').count()).toBe(0);
      // javascript: is not a link main accepts, so no "Open" button appears for it.
      expect(await page.locator('.event-row:not([hidden]) .event-open:not([hidden])').count()).toBe(0);
      expect(app.errors).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
