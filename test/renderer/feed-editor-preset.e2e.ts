import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { startNtfyServer, type NtfyServer } from '../support/ntfy-server.ts';
import { openTab, useApps } from './helpers.ts';

let ntfy: NtfyServer | undefined;
afterEach(async () => {
  await ntfy?.close();
  ntfy = undefined;
});

describe('feed editor with a server preset', () => {
  const apps = useApps();

  test('ntfy: a pasted topic address becomes its stream, the preset fills the fields, messages show mapped', async () => {
    ntfy = await startNtfyServer();
    const app = await apps.start();
    const { page } = app;
    await page.locator('[data-action="add-feed"]').click();
    const dialog = page.getByRole('dialog', { name: 'Add feed' });
    await dialog.getByLabel('Name', { exact: true }).fill('Ops');
    await dialog.getByLabel('Address (URL)').fill(`${ntfy.url}/ops`);
    await dialog.getByLabel('Server type').selectOption('ntfy');
    // The preset filled the knobs and the mapping, and they stay editable.
    expect(await dialog.getByLabel('Event id in the data').inputValue()).toBe('/id');
    expect(await dialog.getByLabel('Resume parameter').inputValue()).toBe('since');
    expect(await dialog.getByLabel('Title').inputValue()).toBe('/title');
    expect(await dialog.getByLabel('Severity', { exact: true }).inputValue()).toBe('/priority');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const feeds = await app.invoke('feeds:list', undefined);
    expect(feeds[0]).toMatchObject({
      url: `${ntfy.url}/ops/sse`,
      preset: 'ntfy',
      idPointer: '/id',
      resume: { lastEventId: false, queryParam: 'since', initial: '12h' },
      heartbeatTypes: ['open', 'keepalive'],
      mapping: { title: '/title', titleFallback: '/topic', tags: '/tags', severity: '/priority' },
    });
    await expect.poll(() => ntfy!.subscribers(), { timeout: 20_000 }).toBe(1);
    ntfy.publish('ops', { title: 'Deploy done', message: 'v1.2 is live', tags: ['white_check_mark'] });
    await openTab(page, 'Live');
    const row = page.locator('.event-row:not([hidden])', { hasText: 'Deploy done' }).first();
    await row.waitFor({ timeout: 20_000 });
    expect(await row.locator('.event-title').textContent()).toBe('✅ Deploy done');
    // A few more, with priorities, for the README's picture of an ntfy feed.
    ntfy.publish('ops', {
      title: 'orders-db is down',
      message: 'primary not answering',
      priority: 5,
      tags: ['rotating_light'],
    });
    ntfy.publish('ops', {
      title: 'Disk 81% on db-2',
      message: 'cleanup scheduled',
      priority: 4,
      tags: ['warning'],
    });
    const urgent = page.locator('.event-row:not([hidden])', { hasText: 'orders-db is down' });
    await urgent.waitFor({ timeout: 20_000 });
    expect(await urgent.locator('.event-severity').textContent()).toBe('Urgent');
    await urgent.locator('.event-title').click();
    await page.locator('.notice').first().waitFor({ state: 'detached', timeout: 10_000 });
    await page.screenshot({ path: join(process.cwd(), 'docs', 'screenshots', 'ntfy.png') });
  });

  test('ntfy without a topic gets an inline error', async () => {
    const app = await apps.start();
    const dialog = app.page.getByRole('dialog', { name: 'Add feed' });
    await app.page.locator('[data-action="add-feed"]').click();
    await dialog.getByLabel('Name', { exact: true }).fill('No topic');
    await dialog.getByLabel('Address (URL)').fill('https://ntfy.example/');
    await dialog.getByLabel('Server type').selectOption('ntfy');
    await dialog.getByText('An ntfy address names a topic').waitFor();
  });
});

describe('a feedtray://add link', () => {
  const apps = useApps();

  test('opens the editor pre-filled and adds nothing until Save; the row copies a link back', async () => {
    const app = await apps.start();
    const { page } = app;
    app.core.offerAddLink({ url: 'https://ntfy.example/alerts/sse', name: 'Alerts', preset: 'ntfy' });
    const dialog = page.getByRole('dialog', { name: 'Add feed' });
    await dialog.waitFor();
    await dialog.getByText('Offered by a feedtray:// link').waitFor();
    expect(await dialog.getByLabel('Name', { exact: true }).inputValue()).toBe('Alerts');
    expect(await dialog.getByLabel('Address (URL)').inputValue()).toBe('https://ntfy.example/alerts/sse');
    expect(await dialog.getByLabel('Server type').inputValue()).toBe('ntfy');
    expect(await app.invoke('feeds:list', undefined)).toEqual([]);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const feeds = await app.invoke('feeds:list', undefined);
    expect(feeds.map((feed) => [feed.name, feed.preset])).toEqual([['Alerts', 'ntfy']]);

    await page.getByRole('button', { name: 'Copy link' }).click();
    // Headless Chromium may refuse the clipboard; either way the user gets the link, without secrets.
    const notice = page.getByText(/Link copied|Copy this link by hand/);
    await notice.waitFor();
  });
});

describe('the editor asks whether a server resumes', () => {
  const apps = useApps();

  test('"Does it resume?" reconnects from an earlier id and says so in words', async () => {
    ntfy = await startNtfyServer();
    for (const message of ['one', 'two', 'three']) ntfy.publish('ops', { message });
    const app = await apps.start();
    const { page } = app;
    await page.locator('[data-action="add-feed"]').click();
    const dialog = page.getByRole('dialog', { name: 'Add feed' });
    await dialog.getByLabel('Name', { exact: true }).fill('Ops');
    await dialog.getByLabel('Address (URL)').fill(`${ntfy.url}/ops`);
    await dialog.getByLabel('Server type').selectOption('ntfy');
    await dialog.locator('[data-action="test-resume"]').click();
    const verdict = dialog.locator('.test-resume');
    await verdict.waitFor({ timeout: 30_000 });
    expect(await verdict.textContent()).toMatch(/^The server resumes/);
    expect(await verdict.getAttribute('class')).toContain('resume-resumes');
  });
});
