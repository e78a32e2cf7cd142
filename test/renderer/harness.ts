/**
 * Runs the window for real: the built renderer in headless Chromium, its `window.feedtray` backed by
 * the real core (`startCore`) over a fresh user-data folder. Requests go through `core.handle`, which
 * validates them as the Electron IPC handlers do; pushes go from `core.onPush` into the page.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startCore, type FeedTrayCore, type NotificationRequest } from '../../src/main/core/index.ts';
import { systemClock } from '../../src/main/ports.ts';
import type { InvokeChannel, IpcResult, RequestOf, ResponseOf } from '../../src/shared/ipc.ts';
import { FixedKeyTestSecretBox } from '../support/fixed-key-test-secret-box.ts';
import { chromiumPath, CHROMIUM_ARGS } from './chromium.ts';
import { installPageApi, INVOKE_BINDING, PUSH_FUNCTION, type PageApiNames } from './page-api.ts';
import { serveStatic } from './static-server.ts';

/** Chromium's (harmless) note that a <meta> CSP cannot carry frame-ancestors; main sets it as a header. */
const IGNORED_CONSOLE = /frame-ancestors.*ignored when delivered via a <meta> element/;

/** A running window over a running core. */
export interface AppUnderTest {
  page: Page;
  context: BrowserContext;
  core: FeedTrayCore;
  /** Links the window asked main to open (`app:openLink`). */
  opened: string[];
  notifications: NotificationRequest[];
  /** Console errors and uncaught page errors (CSP violations show up here). */
  errors: string[];
  /** Calls the core directly, for test setup (the same path the page's requests take). */
  invoke<C extends InvokeChannel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
  close(): Promise<void>;
}

/** What a test can choose about the window. */
export interface AppOptions {
  colorScheme?: 'light' | 'dark';
  /** navigator.language; the app follows it while the language preference is "system". */
  locale?: string;
  /** Runs against the core before the page loads (add feeds, set preferences). */
  before?: (app: Pick<AppUnderTest, 'core' | 'invoke'>) => Promise<void>;
  /** Leaves `window.feedtray` out, as if the page were opened without the preload. */
  withoutApi?: boolean;
  /** Runs on the user-data folder before the core starts (seed history.db, …). */
  beforeCore?: (userDataDir: string) => Promise<void>;
  /** Files written into the user-data folder before the core starts (a damaged settings.json, …). */
  userDataFiles?: Record<string, string>;
  /** false plays a system without a keyring (secret storage unavailable, hence weak). */
  secretStorageAvailable?: boolean;
}

/** Starts a core, serves the built renderer, opens it in Chromium and waits until it has loaded. */
export async function startApp(options: AppOptions = {}): Promise<AppUnderTest> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'feedtray-e2e-data-'));
  const browserDir = await mkdtemp(join(tmpdir(), 'feedtray-e2e-chromium-'));
  const opened: string[] = [];
  const notifications: NotificationRequest[] = [];
  const errors: string[] = [];
  for (const [name, content] of Object.entries(options.userDataFiles ?? {})) {
    await writeFile(join(userDataDir, name), content);
  }
  await options.beforeCore?.(userDataDir);
  const core = await startCore({
    userDataDir,
    fetch: globalThis.fetch,
    clock: systemClock,
    secretBox: new FixedKeyTestSecretBox({ available: options.secretStorageAvailable ?? true }),
    notifier: {
      isSupported: () => true,
      show: (notification) => void notifications.push(notification),
      close: () => undefined,
    },
    version: '0.1.0-e2e',
    openExternal: (url) => {
      opened.push(url);
      return Promise.resolve();
    },
    signIn: () => Promise.resolve(),
    demoPort: 0,
  });
  const invoke = async <C extends InvokeChannel>(
    channel: C,
    request: RequestOf<C>,
  ): Promise<ResponseOf<C>> => {
    const result = (await core.handle(channel, request)) as IpcResult<ResponseOf<C>>;
    if (!result.ok) throw new Error(`${channel} failed in setup: ${result.error.message}`);
    return result.value;
  };
  await options.before?.({ core, invoke });

  const server = await serveStatic();
  const context = await chromium.launchPersistentContext(browserDir, {
    executablePath: chromiumPath(),
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1280, height: 800 },
    colorScheme: options.colorScheme ?? 'light',
    locale: options.locale ?? 'en-US',
    timezoneId: 'UTC',
  });
  if (!options.withoutApi) {
    await context.exposeBinding(INVOKE_BINDING, (_source, channel: string, request: unknown) =>
      core.handle(channel, request),
    );
    const names: PageApiNames = {
      invoke: INVOKE_BINDING,
      push: PUSH_FUNCTION,
      batchEnd: 'push:batchEnd',
      ack: 'window:ack',
    };
    await context.addInitScript(installPageApi, names);
  }
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (message) => {
    if (message.type() === 'error' && !IGNORED_CONSOLE.test(message.text())) errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));

  const unsubscribe = core.onPush((channel, payload) => {
    // Evaluations run in order; one that lands while the page is (re)loading has no listener yet and is
    // dropped, exactly like an IPC message sent before the renderer subscribed.
    page
      .evaluate(
        ([name, c, p]) =>
          (globalThis as unknown as Record<string, (c: string, p: unknown) => void>)[name]?.(c, p),
        [PUSH_FUNCTION, channel, payload] as const,
      )
      .catch(() => undefined);
  });

  await page.goto(`${server.url}/index.html`);
  await page.locator(options.withoutApi ? '[role="alert"]' : 'body[data-ready="true"]').waitFor();

  return {
    page,
    context,
    core,
    opened,
    notifications,
    errors,
    invoke,
    close: async () => {
      unsubscribe();
      await context.close();
      await core.stop();
      await server.close();
      await rm(userDataDir, { recursive: true, force: true });
      await rm(browserDir, { recursive: true, force: true });
    },
  };
}
