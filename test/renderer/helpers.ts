/** Small helpers shared by the window tests: app lifecycle per test, a fast demo server, tab switching. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import type { Page } from 'playwright-core';
import { startDemoServer, type DemoServer } from '../../src/demo/server.ts';
import { startApp, type AppOptions, type AppUnderTest } from './harness.ts';

/** Starts apps and demo servers for a test and closes them after it, whatever happened. */
export function useApps(): {
  start(options?: AppOptions): Promise<AppUnderTest>;
  demo(): Promise<DemoServer>;
} {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return {
    start: async (options) => {
      const app = await startApp(options);
      cleanups.push(() => app.close());
      return app;
    },
    demo: async () => {
      // Fast enough that a test sees several events a second, slow enough to stay readable on screen.
      const server = await startDemoServer({ tickMs: 250, newsEveryMs: 400, alertsEveryMs: 600 });
      cleanups.push(() => server.close());
      return server;
    },
  };
}

/** Clicks a tab by its visible name. */
export async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name }).click();
}

/** The text of every element matching `selector`. */
export function texts(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).allTextContents();
}

/** An http URL on loopback where nothing listens (a port just freed), so connecting is refused at once. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/events`;
}
