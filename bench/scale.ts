import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { EventSource } from 'eventsource';
import { heapAfterGc, median, sleep, startBenchCore, until } from './core-host.ts';

/**
 * Scale: 200 feeds on one core, each an endless stream with a comment heartbeat every 15 s, served by
 * a separate process. Measures the time from applying the feed list until every feed is `open`, the
 * CPU the core uses while the feeds idle, the heap each feed costs, and (resume from sleep) the time
 * from `reconnectAll()` until every feed is `open` again.
 */
export interface ScaleResult {
  feeds: number;
  runs: number;
  scaleOpenAllMs: number;
  scaleIdleCpuPercent: number;
  idleWindowMs: number;
  scaleHeapPerFeedBytes: number;
  resumeAllOpenMs: number;
  /** The same idle window with the same 200 streams held by bare `eventsource`: the floor. */
  eventsourceIdleCpuPercent: number;
  eventsourceHeapPerFeedBytes: number;
}

/**
 * CPU used while doing nothing for `ms`, in percent of one core: the median of 2-second windows, so a
 * burst of another process's work on a shared machine moves one window rather than the figure.
 */
async function idleCpuPercent(ms: number): Promise<number> {
  const windows: number[] = [];
  for (let left = ms; left > 0; left -= IDLE_WINDOW_MS) {
    const before = process.cpuUsage();
    const started = performance.now();
    await sleep(Math.min(IDLE_WINDOW_MS, left));
    const cpu = process.cpuUsage(before);
    windows.push(((cpu.user + cpu.system) / 1000 / (performance.now() - started)) * 100);
  }
  return median(windows);
}

/** The baseline: the same streams, idle, in bare EventSource instances. */
async function bareEventSourceIdle(
  urls: string[],
  idleMs: number,
): Promise<{ cpuPercent: number; heapPerFeed: number }> {
  const heapBefore = heapAfterGc();
  let open = 0;
  const sources = urls.map((url) => {
    const source = new EventSource(url);
    source.onopen = () => open++;
    return source;
  });
  try {
    await until(() => open === urls.length, 'bare EventSource open', 60_000);
    await sleep(1000);
    const heapPerFeed = Math.round((heapAfterGc() - heapBefore) / urls.length);
    return { cpuPercent: await idleCpuPercent(idleMs), heapPerFeed };
  } finally {
    for (const source of sources) source.close();
  }
}

const IDLE_WINDOW_MS = 2000;

async function startHeartbeatServer(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'heartbeat-server.ts')], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('heartbeat server did not start')), 10_000);
    createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer);
      resolve((JSON.parse(line) as { port: number }).port);
    });
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

export async function benchScale(feedCount = 200, runs = 3, idleMs = 10_000): Promise<ScaleResult> {
  const { url, child } = await startHeartbeatServer();
  const feeds = Array.from({ length: feedCount }, (_, i) => ({
    id: `scale-${i}`,
    name: `Scale ${i}`,
    url: `${url}/feed/${i}`,
  }));
  const openMs: number[] = [];
  const resumeMs: number[] = [];
  let idleCpu = NaN;
  let heapPerFeed = NaN;
  try {
    for (let run = 0; run < runs; run++) {
      const host = await startBenchCore({ recordPushes: false });
      try {
        const { core } = host;
        const heapBefore = heapAfterGc();
        const allOpen = () => core.statuses().every((status) => status.state === 'open');
        const started = performance.now();
        const saved = await core.replaceFeeds(feeds);
        if (!saved.ok) throw new Error(saved.error.message);
        openMs.push((await until(allOpen, `${feedCount} feeds open`, 60_000)) - started);
        if (run < runs - 1) continue;

        await sleep(1000); // let the connections settle before measuring what they hold
        heapPerFeed = Math.round((heapAfterGc() - heapBefore) / feedCount);
        idleCpu = await idleCpuPercent(idleMs);

        for (let resume = 0; resume < runs; resume++) {
          const resumed = performance.now();
          core.reconnectAll();
          resumeMs.push((await until(allOpen, 'every feed open after resume', 60_000)) - resumed);
          await sleep(500);
        }
      } finally {
        await host.stop();
      }
    }
    await sleep(500);
    const baseline = await bareEventSourceIdle(
      feeds.map((feed) => feed.url),
      idleMs,
    );
    return {
      feeds: feedCount,
      runs,
      scaleOpenAllMs: Math.round(median(openMs)),
      scaleIdleCpuPercent: Number(idleCpu.toFixed(3)),
      idleWindowMs: idleMs,
      scaleHeapPerFeedBytes: heapPerFeed,
      resumeAllOpenMs: Math.round(median(resumeMs)),
      eventsourceIdleCpuPercent: Number(baseline.cpuPercent.toFixed(3)),
      eventsourceHeapPerFeedBytes: baseline.heapPerFeed,
    };
  } finally {
    child.stdin!.end();
    child.kill();
  }
}
