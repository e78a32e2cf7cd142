// The event detail's action buttons, pressed in the real window against a real local server, and the
// feed editor's Action buttons section (fields, checks, ids, the preview of the first button).
import { mkdir } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { openStream, startTestServer } from '../support/sse-server.ts';
import { openTab, useApps } from './helpers.ts';
import { quietFeed, seedHistory } from './history-seed.ts';

const SHOTS = join(process.cwd(), 'docs', 'screenshots');

/** The focused element's aria-label, or else its name. */
function focused(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    type Active = { getAttribute(name: string): string | null } | null;
    const active = (globalThis as unknown as { document: { activeElement: Active } }).document.activeElement;
    return active?.getAttribute('aria-label') ?? active?.getAttribute('name') ?? null;
  });
}

async function openEditor(page: Page, name: string): Promise<Locator> {
  await page.locator('.feed-row', { hasText: name }).getByRole('button', { name: 'Edit' }).click();
  return page.getByRole('dialog', { name: `Edit ${name}` });
}

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

  test('actions are added field by field, checked next to each field, reordered and saved with made-up ids', async () => {
    const app = await apps.start();
    const { page } = app;
    await page.locator('[data-action="add-feed"]').click();
    const dialog = page.getByRole('dialog', { name: 'Add feed' });
    await dialog.getByLabel('Name', { exact: true }).fill('Ops');
    await dialog.getByLabel('Address (URL)').fill('https://ops.example/stream');
    const section = dialog.locator('fieldset.actions');
    await section.getByText('No buttons yet.').waitFor();

    await section.getByRole('button', { name: 'Add action' }).click();
    const first = section.getByRole('group', { name: 'Action 1' });
    // The new action's label has focus, and nothing is said before a field is touched.
    expect(await focused(page)).toBe('actions.0.label');
    expect(await section.locator('.field-error:not([hidden])').count()).toBe(0);
    expect(await first.getByLabel('Method').inputValue()).toBe('POST');
    expect(await first.getByLabel('Content type').inputValue()).toBe('application/json');

    // An unknown {…} is said in words next to the address, and Save waits for it.
    await first.getByLabel('Address').fill('/alerts/{alert}/ack');
    const errorOf = (name: string) =>
      first.locator('.field', { has: page.getByLabel(name, { exact: true }) }).locator('.field-error');
    await expect.poll(() => errorOf('Address').textContent()).toMatch(/^An event has no field \{alert\}\./);
    const save = dialog.getByRole('button', { name: 'Save' });
    expect(await save.isDisabled()).toBe(true);
    await first.getByLabel('Address').fill('/alerts/{/id}/ack');
    await expect.poll(() => save.isDisabled()).toBe(false);

    // Save with the label still empty: nothing is saved and the label says why.
    await save.click();
    await expect
      .poll(() => errorOf('Label').textContent())
      .toBe('Give the button a label, like Acknowledge.');
    expect(await app.invoke('feeds:list', undefined)).toEqual([]);
    await first.getByLabel('Label').fill('Acknowledge');

    // A GET sends no body: its field goes; back to POST, it is there again.
    await first.getByLabel('Method').selectOption('GET');
    await expect.poll(() => first.getByLabel('Body').count()).toBe(0);
    await first.getByLabel('Method').selectOption('POST');
    await first.getByLabel('Body').fill('{{"by": "feedtray", "title": "{title}"}}');
    await first.getByLabel('Also allowed host (optional)').fill('https://hooks.example/');
    await expect
      .poll(() => errorOf('Also allowed host (optional)').textContent())
      .toMatch(/^Only a host name/);
    await first.getByLabel('Also allowed host (optional)').fill('hooks.example');

    await section.getByRole('button', { name: 'Add action' }).click();
    const second = section.getByRole('group', { name: 'Action 2' });
    await second.getByLabel('Label').fill('Close');
    await second.getByLabel('Method').selectOption('DELETE');
    await second.getByLabel('Address').fill('/alerts/{/id}');
    await section.getByRole('button', { name: 'Move action 2 up' }).click();
    expect(await section.getByRole('group', { name: 'Action 1' }).getByLabel('Label').inputValue()).toBe(
      'Close',
    );
    // Focus stays on the moved action's other arrow, so the user can keep moving it.
    expect(await focused(page)).toBe('Move action 1 down');
    await section.getByRole('button', { name: 'Add action' }).click();
    await section.getByRole('button', { name: 'Remove action 3' }).click();
    expect(await section.locator('.action-card').count()).toBe(2);

    await save.click();
    await dialog.waitFor({ state: 'hidden' });
    const [saved] = await app.invoke('feeds:list', undefined);
    expect(saved!.actions).toEqual([
      {
        id: 'close',
        label: 'Close',
        method: 'DELETE',
        url: '/alerts/{/id}',
        body: null,
        contentType: 'application/json',
        allowHost: null,
      },
      {
        id: 'acknowledge',
        label: 'Acknowledge',
        method: 'POST',
        url: '/alerts/{/id}/ack',
        body: '{{"by": "feedtray", "title": "{title}"}}',
        contentType: 'application/json',
        allowHost: 'hooks.example',
      },
    ]);

    // Renaming a saved action keeps its id: presses are recorded by it.
    const edit = await openEditor(page, 'Ops');
    const renamed = edit.getByRole('group', { name: 'Action 2' });
    expect(await renamed.getByLabel('Body').inputValue()).toBe('{{"by": "feedtray", "title": "{title}"}}');
    await renamed.getByLabel('Label').fill('Ack');
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.waitFor({ state: 'hidden' });
    const [again] = await app.invoke('feeds:list', undefined);
    expect(again!.actions[1]).toEqual({ ...saved!.actions[1], label: 'Ack' });
    expect(again!.actions[0]).toEqual(saved!.actions[0]);
    expect(app.errors).toEqual([]);
  });

  test('an existing feed’s actions load into the fields and save back unchanged', async () => {
    const actions = [
      { id: 'ack_1', label: 'Acknowledge', url: '/alerts/{/alert}/ack', body: '' },
      {
        id: 'look',
        label: 'Look up',
        method: 'GET' as const,
        url: 'https://hooks.example/q?id={id}',
        contentType: 'text/plain; charset=utf-8',
        allowHost: 'hooks.example',
      },
    ];
    const app = await apps.start({
      before: async ({ invoke }) => {
        await invoke('feeds:add', { ...quietFeed('ops', 'Ops'), actions });
      },
    });
    const before = (await app.invoke('feeds:list', undefined))[0]!.actions;
    const edit = await openEditor(app.page, 'Ops');
    const look = edit.getByRole('group', { name: 'Action 2' });
    expect(await look.getByLabel('Method').inputValue()).toBe('GET');
    expect(await look.getByLabel('Body').count()).toBe(0);
    expect(await look.getByLabel('Address').inputValue()).toBe('https://hooks.example/q?id={id}');
    expect(await look.getByLabel('Also allowed host (optional)').inputValue()).toBe('hooks.example');
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.waitFor({ state: 'hidden' });
    expect((await app.invoke('feeds:list', undefined))[0]!.actions).toEqual(before);
  });

  test('shows what the first button would send for the newest stored event, as a press would', async () => {
    const now = Date.now();
    const app = await apps.start({
      beforeCore: (dir) =>
        seedHistory(dir, [
          { feedId: 'ops', id: 'A-6', title: 'Disk full on db-1', receivedAt: now - 120_000 },
          { feedId: 'ops', id: 'A-7', title: 'Disk "full" on db-2', receivedAt: now - 60_000 },
        ]),
      before: async ({ invoke }) => {
        await invoke('feeds:add', {
          ...quietFeed('ops', 'Ops'),
          actions: [
            {
              id: 'ack',
              label: 'Acknowledge',
              url: '/alerts/{id}/ack',
              body: '{{"by": "feedtray", "title": "{title}"}}',
            },
          ],
        });
      },
    });
    const { page } = app;
    await page.setViewportSize({ width: 1280, height: 1000 });
    const edit = await openEditor(page, 'Ops');
    const preview = edit.getByRole('region', { name: 'What the first button would send' });
    const lines = preview.locator('.action-preview-request');
    await expect
      .poll(() => lines.allTextContents())
      .toEqual(['POST http://127.0.0.1:9/alerts/A-7/ack', 'Content-Type: application/json']);
    expect(await preview.locator('.action-preview-body').textContent()).toBe(
      '{"by": "feedtray", "title": "Disk \\"full\\" on db-2"}',
    );
    expect(await preview.textContent()).toContain('For the newest event, “Disk "full" on db-2”');

    // Another host, not allowed: refused here in the words a press would get.
    const first = edit.getByRole('group', { name: 'Action 1' });
    await first.getByLabel('Address').fill('https://hooks.example/ack/{id}');
    await expect
      .poll(() => lines.allTextContents())
      .toEqual(["Refused: hooks.example is not this feed's server"]);
    await first.getByLabel('Also allowed host (optional)').fill('hooks.example');
    await expect.poll(() => lines.first().textContent()).toBe('POST https://hooks.example/ack/A-7');
    // An unfinished first action: no preview, and why.
    await first.getByLabel('Label').fill('');
    await expect
      .poll(() => preview.textContent())
      .toBe('Finish the first action above to see what it would send.');
    await first.getByLabel('Label').fill('Acknowledge');
    await expect.poll(() => lines.first().textContent()).toBe('POST https://hooks.example/ack/A-7');

    await mkdir(SHOTS, { recursive: true });
    // The whole section, from its title to the preview.
    await edit
      .locator('fieldset.actions')
      .evaluate((element: { scrollIntoView(options: object): void }) =>
        element.scrollIntoView({ block: 'start' }),
      );
    await page.screenshot({ path: join(SHOTS, 'actions-editor.png') });
    expect(app.errors).toEqual([]);
  });
});
