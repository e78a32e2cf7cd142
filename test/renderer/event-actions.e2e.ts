// The event detail's action buttons, pressed in the real window against a real local server.
import type { IncomingMessage } from 'node:http';
import { describe, expect, test } from 'vitest';
import { openStream, startTestServer } from '../support/sse-server.ts';
import { openTab, useApps } from './helpers.ts';

describe('action buttons in the event detail', () => {
  const apps = useApps();

  test('pressing Acknowledge disables the button, sends once with the secret, and shows the result', async () => {
    const presses: { path: string; headers: IncomingMessage['headers'] }[] = [];
    const server = await startTestServer((req, res) => {
      if (req.url === '/stream') {
        openStream(res);
        res.write(`id: 1\ndata: ${JSON.stringify({ title: 'Disk full on db-1', alert: 'A-7' })}\n\n`);
        return;
      }
      presses.push({ path: req.url ?? '', headers: req.headers });
      // Slow enough that the disabled button can be seen.
      if (req.url === '/alerts/A-7/ack') setTimeout(() => res.writeHead(204).end(), 400);
      else res.writeHead(500).end();
    });
    try {
      const app = await apps.start({
        before: async ({ invoke }) => {
          await invoke('feeds:add', {
            id: 'ops',
            name: 'Ops',
            url: `${server.url}/stream`,
            headers: [{ name: 'X-Token', value: 'tk-secret', secret: true }],
            mapping: { title: '/title' },
            actions: [
              { id: 'ack', label: 'Acknowledge', url: '/alerts/{/alert}/ack' },
              { id: 'close', label: 'Close', url: '/alerts/{/alert}/close' },
            ],
          });
        },
      });
      const { page } = app;
      await openTab(page, 'Live');
      await page.locator('.event-row:not([hidden])').first().click();
      const ack = page.locator('.event-detail button[data-action="feed:ack"]');
      await ack.waitFor();
      expect(await ack.getAttribute('title')).toBe(`Sends a request to ${new URL(server.url).host}`);

      await ack.click();
      await expect.poll(() => ack.isDisabled()).toBe(true);
      const results = page.locator('.event-detail .action-result');
      await expect.poll(() => results.first().textContent()).toMatch(/^Acknowledge: Acknowledged · \d/);
      expect(await ack.isDisabled()).toBe(false);
      expect(presses).toHaveLength(1);
      expect(presses[0]!.path).toBe('/alerts/A-7/ack');
      expect(presses[0]!.headers['x-token']).toBe('tk-secret');

      await page.locator('.event-detail button[data-action="feed:close"]').click();
      await expect
        .poll(() => results.first().textContent())
        .toMatch(/^Close: HTTP 500 Internal Server Error · \d/);
      expect(await results.count()).toBe(2);
      expect(presses).toHaveLength(2);

      // Past results come back with the event, from main, in a freshly loaded window.
      await page.reload();
      await openTab(page, 'Live');
      await page.locator('.event-row:not([hidden])').first().click();
      await expect.poll(() => results.count()).toBe(2);
      expect(await results.first().textContent()).toMatch(/^Close: HTTP 500/);
      expect(presses).toHaveLength(2);
      expect(app.errors).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

describe('action buttons in the feed editor', () => {
  const apps = useApps();

  test('actions typed as JSON are checked as you type and saved with the feed; editing keeps them', async () => {
    const app = await apps.start();
    const { page } = app;
    await page.locator('[data-action="add-feed"]').click();
    const dialog = page.getByRole('dialog', { name: 'Add feed' });
    await dialog.getByLabel('Name', { exact: true }).fill('Ops');
    await dialog.getByLabel('Address (URL)').fill('https://ops.example/stream');
    const actions = dialog.getByLabel('Actions (JSON)');

    await actions.fill('[{ "id": "ack", "label": "Acknowledge" ');
    await dialog.getByText(/^This is not JSON/).waitFor();
    await actions.fill('[{ "id": "ack", "label": "Acknowledge", "url": "" }]');
    await dialog.getByText('Action 1, url: Give the address the action calls').waitFor();
    await dialog.getByRole('button', { name: 'Save' }).click();
    expect(await app.invoke('feeds:list', undefined)).toEqual([]);

    await actions.fill('[{ "id": "ack", "label": "Acknowledge", "url": "/alerts/{/id}/ack" }]');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const [saved] = await app.invoke('feeds:list', undefined);
    expect(saved!.actions).toEqual([
      {
        id: 'ack',
        label: 'Acknowledge',
        method: 'POST',
        url: '/alerts/{/id}/ack',
        body: null,
        contentType: 'application/json',
        allowHost: null,
      },
    ]);

    // Saving again from the editor without touching the actions keeps them.
    await page.locator('.feed-row', { hasText: 'Ops' }).getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit Ops' });
    expect(await edit.getByLabel('Actions (JSON)').inputValue()).toContain('"Acknowledge"');
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.waitFor({ state: 'hidden' });
    expect((await app.invoke('feeds:list', undefined))[0]!.actions).toEqual(saved!.actions);
  });
});
