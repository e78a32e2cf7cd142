/**
 * Keeps docs/screenshots current: the main screens at 1280×800, one in zh-CN and two in dark mode,
 * taken from the real window over the real core and the demo feeds.
 */
import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { demoFeedConfigs } from '../../src/demo/feeds.ts';
import { closedPortUrl, openTab, useApps } from './helpers.ts';

const DIR = join(process.cwd(), 'docs', 'screenshots');

/**
 * Whether a Chinese font is installed (Debian: fonts-noto-cjk). Without one Chromium draws boxes, and
 * a zh-CN screenshot taken then would replace a good one with a useless one; the screens still run.
 */
function hasChineseFont(): boolean {
  try {
    return execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).trim() !== '';
  } catch {
    return false; // no fontconfig: assume no such font
  }
}

async function shoot(page: Page, name: string): Promise<void> {
  // Toasts ("Preferences saved") would cover part of the screen; wait until they are gone.
  await page.locator('.notice').first().waitFor({ state: 'detached', timeout: 10_000 });
  await page.screenshot({ path: join(DIR, `${name}.png`) });
}

describe('screenshots', () => {
  const apps = useApps();

  test('captures the main screens at 1280×800 into docs/screenshots', { timeout: 120_000 }, async () => {
    await mkdir(DIR, { recursive: true });
    const fresh = await apps.start();
    await shoot(fresh.page, 'first-run');

    const demo = await apps.demo();
    const refused = await closedPortUrl();
    const app = await apps.start({
      before: async ({ invoke }) => {
        for (const feed of demoFeedConfigs(demo.url)) await invoke('feeds:add', feed);
        // Two more, to show the other states: one that cannot connect, one switched off.
        await invoke('feeds:add', { name: 'Build status', url: refused });
        await invoke('feeds:add', {
          name: 'Office sensors',
          url: 'https://sensors.example.com/stream',
          enabled: false,
        });
      },
    });
    const { page } = app;
    await expect
      .poll(() => page.locator('.feed-row[data-state="open"]').count(), { timeout: 40_000 })
      .toBe(3);
    await page.locator('.feed-row[data-tone="error"] .countdown').waitFor({ timeout: 20_000 });
    // Enough ticks for the charts to have shape.
    await page.waitForTimeout(6000);
    await shoot(page, 'feeds');

    await page.locator('.feed-row', { hasText: 'Demo news' }).getByRole('button', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('[data-action="test"]').click();
    await dialog.getByText('The feed works.').waitFor({ timeout: 40_000 });
    await dialog.locator('.json-field', { hasText: 'source' }).first().click();
    await shoot(page, 'feed-editor');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await openTab(page, 'Live');
    // Alerts only: the rates' ticks would push the alerts out of the rows drawn. Paused, so the selected
    // event stays in view.
    await page.locator('#live-feed').selectOption({ label: 'Demo alerts' });
    await page.getByRole('button', { name: 'Pause scrolling' }).click();
    // An incident's alert, acknowledged: the detail shows the button and what the demo server answered.
    await page
      .locator('.event-row:not([hidden])', { hasText: 'Demo alerts' })
      .filter({ hasText: /warning|critical/ })
      .first()
      .locator('.event-title')
      .click();
    await page.getByRole('button', { name: 'Acknowledge' }).click();
    await page.locator('.action-result-ok').first().waitFor({ timeout: 20_000 });
    await page.mouse.move(0, 0); // no hover highlight in the picture
    await shoot(page, 'live');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shoot(page, 'live-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByRole('button', { name: 'Resume scrolling' }).click();
    await page.locator('#live-feed').selectOption({ index: 0 });

    await openTab(page, 'Charts');
    await page.locator('.chart-card canvas').first().waitFor();
    await shoot(page, 'charts');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForTimeout(500);
    await shoot(page, 'charts-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    await openTab(page, 'History');
    await page.getByRole('searchbox', { name: 'Search' }).fill('');
    await page.locator('.history-item').first().waitFor();
    await shoot(page, 'history');

    await openTab(page, 'Preferences');
    await shoot(page, 'preferences');

    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('tab', { name: '订阅源' }).click();
    const chinese = hasChineseFont();
    if (chinese) await shoot(page, 'feeds-zh-CN');
    await page.getByRole('tab', { name: '图表' }).click();
    await page.waitForTimeout(500);
    if (chinese) await shoot(page, 'charts-zh-CN');
  });
});
