/**
 * The window's cost under a firehose: the built window (Live tab showing) and a naive capped `<ul>` take
 * the same events at 10–5,000 events/s in one headless Chromium, one page at a time, runs interleaved.
 * Renderer CPU is CDP `Performance.getMetrics` TaskDuration over the measured window; layouts per frame
 * are its LayoutCount over the frames the page drew; latency is push → the batch's newest row in the DOM.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { FeedConfigSchema } from '../src/shared/feed.ts';
import type { AppState } from '../src/shared/ipc.ts';
import { PreferencesSchema, redactFeed } from '../src/shared/settings.ts';
import { CHROMIUM_ARGS, chromiumPath } from '../test/renderer/chromium.ts';
import { serveStatic } from '../test/renderer/static-server.ts';
import { median } from './core-host.ts';
import { installBenchPage, NAIVE_PAGE_HTML, type BenchPageSetup, type PageProbe } from './window-page.ts';

const WARMUP_MS = 1500;
const MEASURE_MS = 4000;
const FEED_ID = 'bench';

/** One page's figures at one rate. */
export interface PageRun {
  cpuPercent: number;
  /** Parts of cpuPercent: script, style recalculation, layout (the rest is paint, parsing, IPC, GC). */
  scriptPercent: number;
  stylePercent: number;
  layoutPercent: number;
  layoutsPerFrame: number;
  fps: number;
  longTasks: number;
  latencyMs: number;
}

/** Medians per rate for the window and the naive page. */
export interface WindowRate {
  ratePerS: number;
  window: PageRun;
  naive: PageRun;
  cpuRatio: number;
}

export interface WindowBench {
  runs: number;
  rates: WindowRate[];
  /** Window CPU over naive CPU at 1,000 events/s (target ≤ 1.2). */
  windowCpuRatioToNaive: number;
  windowLayoutsPerFrame: number;
  windowLatencyMs: number;
  naiveLatencyMs: number;
  windowFpsAt5000: number;
  windowLongTasksAt5000: number;
}

function setup(): BenchPageSetup {
  const feed = redactFeed(
    FeedConfigSchema.parse({
      id: FEED_ID,
      name: 'Bench',
      url: 'http://127.0.0.1:9/',
      mapping: { title: '/title' },
    }),
  );
  const state: AppState = {
    version: '0.0.0-bench',
    paused: false,
    doNotDisturb: { manual: false, scheduled: false, until: null, active: false },
    unread: {},
    totalUnread: 0,
    firstRun: false,
    secretStorage: { available: true, backend: 'bench', weak: false },
    problems: [],
    notificationsSupported: true,
  };
  return {
    feedId: FEED_ID,
    responses: {
      'app:state': state,
      'feeds:list': [feed],
      'feeds:statuses': [],
      'prefs:get': PreferencesSchema.parse({ language: 'en' }),
      'history:query': { events: [], total: 0, nextBefore: null },
    },
  };
}

async function openWindow(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('body[data-ready="true"]').waitFor();
  await page.getByRole('tab', { name: 'Live' }).click();
  return page;
}

async function openNaive(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

async function measure(page: Page, ratePerS: number): Promise<PageRun> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metrics = async () => {
    const { metrics: list } = await cdp.send('Performance.getMetrics');
    return new Map(list.map((metric) => [metric.name, metric.value]));
  };
  await page.evaluate((rate) => (globalThis as unknown as BenchGlobal).__bench.start(rate), ratePerS);
  await page.waitForTimeout(WARMUP_MS);
  const before = await metrics();
  // Frames, long tasks and latencies count from here: restart the probe without stopping the source.
  await page.evaluate(() => {
    const bench = (globalThis as unknown as BenchGlobal).__bench;
    bench.stop();
    return undefined;
  });
  await page.evaluate((rate) => (globalThis as unknown as BenchGlobal).__bench.start(rate), ratePerS);
  const startedAt = performance.now();
  await page.waitForTimeout(MEASURE_MS);
  const after = await metrics();
  const elapsedS = (performance.now() - startedAt) / 1000;
  const probe = await page.evaluate(() => (globalThis as unknown as BenchGlobal).__bench.stop());
  await cdp.detach();
  const delta = (name: string) => (after.get(name) ?? 0) - (before.get(name) ?? 0);
  return {
    cpuPercent: (delta('TaskDuration') / elapsedS) * 100,
    scriptPercent: (delta('ScriptDuration') / elapsedS) * 100,
    stylePercent: (delta('RecalcStyleDuration') / elapsedS) * 100,
    layoutPercent: (delta('LayoutDuration') / elapsedS) * 100,
    layoutsPerFrame: probe.frames > 0 ? delta('LayoutCount') / probe.frames : 0,
    fps: probe.frames / elapsedS,
    longTasks: probe.longTasks,
    latencyMs: probe.latenciesMs.length > 0 ? median(probe.latenciesMs) : NaN,
  };
}

interface BenchGlobal {
  __bench: { start(rate: number): void; stop(): PageProbe };
}

const medianRun = (runs: PageRun[]): PageRun => ({
  cpuPercent: median(runs.map((run) => run.cpuPercent)),
  scriptPercent: median(runs.map((run) => run.scriptPercent)),
  stylePercent: median(runs.map((run) => run.stylePercent)),
  layoutPercent: median(runs.map((run) => run.layoutPercent)),
  layoutsPerFrame: median(runs.map((run) => run.layoutsPerFrame)),
  fps: median(runs.map((run) => run.fps)),
  longTasks: median(runs.map((run) => run.longTasks)),
  latencyMs: median(runs.map((run) => run.latencyMs)),
});

/** Runs the window benchmark (builds the renderer first, so the figure is of this checkout). */
export async function benchWindow(options: { rates?: number[]; runs?: number } = {}): Promise<WindowBench> {
  const rates = options.rates ?? [10, 100, 1000, 5000];
  const runs = options.runs ?? 3;
  await promisify(execFile)(process.execPath, ['scripts/build.mjs', 'renderer'], { cwd: process.cwd() });
  const server = await serveStatic();
  const browserDir = await mkdtemp(join(tmpdir(), 'feedtray-bench-chromium-'));
  const context = await chromium.launchPersistentContext(browserDir, {
    executablePath: chromiumPath(),
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  try {
    await context.addInitScript(installBenchPage, setup());
    // Served from the same origin as a real page (setContent would replace the document the probes watch).
    await context.route('**/naive.html', (route) =>
      route.fulfill({ body: NAIVE_PAGE_HTML, contentType: 'text/html; charset=utf-8' }),
    );
    const results: WindowRate[] = [];
    for (const ratePerS of rates) {
      const window: PageRun[] = [];
      const naive: PageRun[] = [];
      for (let run = 0; run < runs; run += 1) {
        // Alternate which goes first, so a load spike on the shared machine hits both alike.
        const order = run % 2 === 0 ? (['window', 'naive'] as const) : (['naive', 'window'] as const);
        for (const which of order) {
          const page =
            which === 'window'
              ? await openWindow(context, `${server.url}/index.html`)
              : await openNaive(context, `${server.url}/naive.html`);
          (which === 'window' ? window : naive).push(await measure(page, ratePerS));
          await page.close();
        }
      }
      const w = medianRun(window);
      const n = medianRun(naive);
      results.push({ ratePerS, window: w, naive: n, cpuRatio: round(w.cpuPercent / n.cpuPercent, 2) });
    }
    const at = (rate: number) => results.find((result) => result.ratePerS === rate) ?? results.at(-1)!;
    return {
      runs,
      rates: results,
      windowCpuRatioToNaive: at(1000).cpuRatio,
      windowLayoutsPerFrame: round(at(1000).window.layoutsPerFrame, 2),
      windowLatencyMs: round(at(1000).window.latencyMs, 1),
      naiveLatencyMs: round(at(1000).naive.latencyMs, 1),
      windowFpsAt5000: round(at(5000).window.fps, 1),
      windowLongTasksAt5000: at(5000).window.longTasks,
    };
  } finally {
    await context.close();
    await server.close();
    await rm(browserDir, { recursive: true, force: true });
  }
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
