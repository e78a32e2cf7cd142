import { describe, expect, test } from 'vitest';
import { openTab, useApps } from './helpers.ts';

describe('language', () => {
  const apps = useApps();

  test('switching to zh-CN relabels the window without a reload and is saved in preferences', async () => {
    const app = await apps.start();
    const { page } = app;
    await page.evaluate(() => ((globalThis as unknown as { __sameDocument: boolean }).__sameDocument = true));
    await openTab(page, 'Preferences');
    await page.getByLabel('Language').selectOption('zh-CN');

    await page.getByRole('tab', { name: '订阅源' }).waitFor();
    expect(await page.locator('[role="tab"] > span:first-child').allTextContents()).toEqual([
      '订阅源',
      '实时',
      '图表',
      '历史',
      '故障',
      '偏好设置',
    ]);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.getByLabel('语言').inputValue()).toBe('zh-CN');
    // Still the same document: nothing was reloaded.
    expect(
      await page.evaluate(() => (globalThis as unknown as { __sameDocument?: boolean }).__sameDocument),
    ).toBe(true);
    expect((await app.invoke('prefs:get', undefined)).language).toBe('zh-CN');

    await page.reload();
    await page.getByRole('tab', { name: '订阅源' }).waitFor();
    await page.getByRole('button', { name: '添加演示订阅源' }).waitFor();
  });

  test('follows the system language while the preference is "system"', async () => {
    const app = await apps.start({ locale: 'zh-CN' });
    await app.page.getByRole('heading', { name: '欢迎使用 FeedTray' }).waitFor();
    expect((await app.invoke('prefs:get', undefined)).language).toBe('system');
  });
});
