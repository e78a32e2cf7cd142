import { describe, expect, test } from 'vitest';
import { openStream, startTestServer, type TestServer } from '../support/sse-server.ts';
import { useApps } from './helpers.ts';

/** Events whose text main and the preview must treat exactly alike. */
const EVENTS: { id: string; data: string }[] = [
  { id: 'plain', data: '\n\n  Deploy finished  \nall 12 checks green\r\nsee the log' },
  { id: 'json', data: JSON.stringify({ t: 'CPU high', b: '85% on db-1', v: '0x1F' }) },
  { id: 'bidi', data: 'Invoice \u202Egpj.exe\u202C for \u2066you\u2069\tnow' },
  { id: 'long', data: `${'word '.repeat(300)}\n${'body '.repeat(400)}` },
  { id: 'number', data: JSON.stringify({ t: { nested: [1, 2] }, v: '42.50', b: null }) },
];

describe('the editor preview', () => {
  const apps = useApps();
  test('shows exactly the notification main shows for the same event', async () => {
    // Every connection gets the same five events, so the app's feed and the editor's Test see them alike.
    const server: TestServer = await startTestServer((_req, res) => {
      openStream(res);
      for (const event of EVENTS)
        res.write(`id: ${event.id}\ndata: ${event.data.split(/\r\n|\n/).join('\ndata: ')}\n\n`);
    });
    try {
      const app = await apps.start({
        before: async ({ invoke }) =>
          void (await invoke('feeds:add', {
            id: 'preview',
            name: 'Ops',
            url: server.url,
            mapping: { title: '/t', body: '/b', value: '/v' },
            notify: { enabled: true, minIntervalS: 0, burstThreshold: 100, include: [], exclude: [] },
          })),
      });
      const { page } = app;
      await expect.poll(() => app.notifications.length, { timeout: 15_000 }).toBe(EVENTS.length);

      await page.locator('.feed-row').getByRole('button', { name: 'Edit' }).click();
      const dialog = page.getByRole('dialog', { name: 'Edit Ops' });
      await dialog.locator('[data-action="test"]').click();
      const picker = dialog.getByLabel('Event', { exact: true });
      await expect.poll(() => picker.locator('option').count(), { timeout: 20_000 }).toBe(EVENTS.length);

      for (const [index, event] of EVENTS.entries()) {
        await picker.selectOption(String(index));
        const shown = app.notifications.find((n) => n.eventKey === `preview:${event.id}`)!;
        expect(shown, event.id).toBeDefined();
        const title = await dialog.locator('[data-preview="notification-title"]').textContent();
        const body = dialog.locator('[data-preview="body"]');
        expect(title, event.id).toBe(shown.title);
        expect((await body.count()) > 0 ? await body.textContent() : '', event.id).toBe(shown.body);
      }
    } finally {
      await server.close();
    }
  });
});
