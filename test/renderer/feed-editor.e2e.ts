import { describe, expect, test } from 'vitest';
import { openTab, useApps } from './helpers.ts';

describe('feed editor', () => {
  const apps = useApps();

  test('a feed added through the form delivers its events to the live view', async () => {
    const demo = await apps.demo();
    const app = await apps.start();
    const { page } = app;
    await page.locator('[data-action="add-feed"]').click();
    const dialog = page.getByRole('dialog', { name: 'Add feed' });
    await dialog.getByLabel('Name', { exact: true }).fill('Fast news');
    await dialog.getByLabel('Address (URL)').fill(demo.feedUrls.news);
    await dialog.getByLabel('Title').fill('/title');
    await dialog.getByLabel('Body').fill('/body');
    await dialog.getByLabel('Link').fill('/link');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const feeds = await app.invoke('feeds:list', undefined);
    expect(feeds.map((feed) => [feed.name, feed.url, feed.mapping.title])).toEqual([
      ['Fast news', demo.feedUrls.news, '/title'],
    ]);

    await openTab(page, 'Live');
    const row = page.locator('.event-row:not([hidden])', { hasText: 'Fast news' }).first();
    await row.waitFor({ timeout: 20_000 });
    const title = (await row.locator('.event-title').textContent()) ?? '';
    expect(title.length).toBeGreaterThan(0);
    const history = await app.invoke('history:query', { feedId: feeds[0]!.id, limit: 500 });
    expect(history.events.map((event) => event.title)).toContain(title);

    // A link is opened by main (app:openLink), never by navigating the window.
    const url = page.url();
    await row.getByRole('button', { name: 'Open', exact: true }).click();
    await expect.poll(() => app.opened.length).toBe(1);
    expect(app.opened[0]).toMatch(/^https?:\/\//);
    expect(page.url()).toBe(url);
  });

  test('an invalid URL gets an inline error and nothing is saved', async () => {
    const app = await apps.start();
    const { page } = app;
    await page.locator('[data-action="add-feed"]').click();
    const dialog = page.getByRole('dialog', { name: 'Add feed' });
    await dialog.getByLabel('Name', { exact: true }).fill('Broken');
    const url = dialog.getByLabel('Address (URL)');
    await url.fill('ftp://example.com/events');

    // The error shows while typing, next to the field, and is tied to it for screen readers.
    const error = dialog.getByText('Enter an absolute http:// or https:// address.');
    await error.waitFor();
    expect(await url.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await url.getAttribute('aria-describedby')) ?? '';
    expect(describedBy.split(' ')).toContain(await error.getAttribute('id'));

    await dialog.getByLabel('Stall timeout (s)').fill('2');
    await dialog.getByText('Enter a whole number of seconds from 5 to 3600.').waitFor();

    await dialog.getByRole('button', { name: 'Save' }).click();
    expect(await dialog.isVisible()).toBe(true);
    expect(await app.invoke('feeds:list', undefined)).toEqual([]);

    // Fixing the address clears its error.
    await url.fill('https://example.com/events');
    await error.waitFor({ state: 'hidden' });
    expect(await url.getAttribute('aria-invalid')).toBe('false');
  });

  test('a saved secret header shows as set and its value never reaches the DOM', async () => {
    const secret = 'Bearer s3cr3t-e2e-token-7f2a';
    const demo = await apps.demo();
    const app = await apps.start();
    const { page } = app;
    await page.locator('[data-action="add-feed"]').click();
    let dialog = page.getByRole('dialog', { name: 'Add feed' });
    await dialog.getByLabel('Name', { exact: true }).fill('Private news');
    await dialog.getByLabel('Address (URL)').fill(demo.feedUrls.news);
    await dialog.getByRole('button', { name: 'Add header' }).click();
    await dialog.getByLabel('Header 1 name').fill('Authorization');
    await dialog.getByRole('group', { name: 'Header 1' }).getByLabel('Secret').check();
    await dialog.getByLabel('Header 1 value').fill(secret);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const [saved] = await app.invoke('feeds:list', undefined);
    expect(saved!.headers).toEqual([{ name: 'Authorization', secret: true, value: '', isSet: true }]);

    await page.locator('.feed-row').getByRole('button', { name: 'Edit' }).click();
    dialog = page.getByRole('dialog', { name: 'Edit Private news' });
    const row = dialog.getByRole('group', { name: 'Header 1' });
    expect((await row.locator('.secret-set').textContent())?.replace(/\s+/g, ' ').trim()).toBe(
      'set — replace',
    );
    expect(await page.content()).not.toContain('s3cr3t');
    const values = await page
      .locator('input, textarea')
      .evaluateAll((elements) => elements.map((element) => (element as unknown as { value: string }).value));
    expect(values.join('\n')).not.toContain('s3cr3t');

    // Saving without touching it keeps the secret (sent back as keep: true).
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const [kept] = await app.invoke('feeds:list', undefined);
    expect(kept!.headers).toEqual([{ name: 'Authorization', secret: true, value: '', isSet: true }]);
  });

  test('Test shows the diagnosis, and clicking a field of a sample event fills the mapping and the preview', async () => {
    const demo = await apps.demo();
    const app = await apps.start();
    const { page } = app;
    await page.locator('[data-action="add-feed"]').click();
    const dialog = page.getByRole('dialog', { name: 'Add feed' });
    await dialog.getByLabel('Name', { exact: true }).fill('Rates');
    await dialog.getByLabel('Address (URL)').fill(demo.feedUrls.rates);
    await dialog.locator('[data-action="test"]').click();
    await dialog.getByText('The feed works.').waitFor({ timeout: 20_000 });
    expect(await dialog.locator('.test-result').textContent()).toContain('HTTP 200');

    await dialog.locator('.json-field', { hasText: 'pair' }).first().click();
    await dialog.getByRole('button', { name: 'Use as title' }).click();
    await dialog.locator('.json-field', { hasText: 'rate' }).first().click();
    await dialog.getByRole('button', { name: 'Use as value' }).click();

    expect(await dialog.getByLabel('Title').inputValue()).toBe('/pair');
    expect(await dialog.getByLabel('Value (for charts)').inputValue()).toBe('/rate');
    expect(await dialog.locator('[data-preview="title"]').textContent()).toMatch(/^[A-Z]{3}\/CNY$/);
    expect(await dialog.locator('[data-preview="value"]').textContent()).toMatch(/^\d+\.\d+$/);
  });
});
