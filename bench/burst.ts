import { EventSource } from 'eventsource';
import type { FeedEvent } from '../src/shared/feed.ts';
import { heapAfterGc, median, sleep, startBenchCore, until } from './core-host.ts';
import { startStreamServer, type StreamServer } from './stream-server.ts';

/**
 * Burst: one feed sends 100,000 events at once. The whole core drains them (connection → dedupe →
 * normalize → history → notification policy → push batching) while bare `eventsource` only parses
 * them; both are timed from the server receiving the request to the last event handed on (for the
 * core: the push message to the renderer that carries the last event). Runs alternate.
 */
export interface BurstResult {
  events: number;
  runs: number;
  eventsourceMs: number;
  coreMs: number;
  burstRatioToEventsource: number;
  burstNotifications: number;
  burstIpcMessages: number;
  burstIpcMessagesPerS: number;
  burstHeapGrowthBytes: number;
  /** The same, once history has written what it holds: what the drain retains for good. */
  burstHeapGrowthAfterHistoryFlushBytes: number;
  /** The longest the event loop went without turning while the core drained the burst (worst run). */
  burstMaxStallMs: number;
  /** The same, median of the runs. */
  burstMedianMaxStallMs: number;
}

/**
 * Watches the event loop with a 1 ms timer: the longest gap between two ticks, less the 1 ms asked for,
 * is the longest stretch in which nothing else (tray, IPC, timers) could run.
 */
function watchStalls(): () => number {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last - 1);
    last = now;
  }, 1);
  return () => {
    clearInterval(timer);
    longest = Math.max(longest, performance.now() - last - 1);
    return Math.max(0, longest);
  };
}

function bareEventSource(server: StreamServer): Promise<number> {
  return new Promise((resolve) => {
    let events = 0;
    const source = new EventSource(server.url);
    source.onmessage = () => {
      if (++events === server.count) {
        source.close();
        resolve(performance.now() - server.lastRequestAt);
      }
    };
  });
}

interface CoreRun {
  ms: number;
  messages: number;
  notifications: number;
  heapGrowthBytes: number;
  heapGrowthAfterFlushBytes: number;
  maxStallMs: number;
}

/** One burst through a fresh core; `settleMs` keeps it alive so the burst's summary notification can show. */
async function throughCore(server: StreamServer, settleMs = 0): Promise<CoreRun> {
  // Pushes are counted, not kept: a renderer does not hold every event either.
  const host = await startBenchCore({ recordPushes: false });
  try {
    const lastKey = `burst:${server.count}`;
    let drainedAt = 0;
    let messages = 0;
    host.core.onPush((channel, payload) => {
      if (drainedAt === 0) messages++;
      if (channel === 'push:events' && (payload as FeedEvent[]).at(-1)?.key === lastKey)
        drainedAt = performance.now();
    });
    const heapBefore = heapAfterGc();
    const stopWatching = watchStalls();
    const added = await host.core.handle('feeds:add', {
      id: 'burst',
      name: 'Burst',
      url: server.url,
      mapping: { title: '/pair', value: '/rate' },
    });
    if (!added.ok) throw new Error(added.error.message);
    await until(() => drainedAt > 0, 'the burst to drain', 60_000);
    const maxStallMs = stopWatching();
    const ms = drainedAt - server.lastRequestAt;
    const heapGrowthBytes = heapAfterGc() - heapBefore;
    await host.core.flushHistory();
    const heapGrowthAfterFlushBytes = heapAfterGc() - heapBefore;
    if (settleMs > 0) await sleep(settleMs);
    return {
      ms,
      messages,
      notifications: host.notifications.length,
      heapGrowthBytes,
      heapGrowthAfterFlushBytes,
      maxStallMs,
    };
  } finally {
    await host.stop();
  }
}

export async function benchBurst(count = 100_000, runs = 5): Promise<BurstResult> {
  const server = await startStreamServer(count);
  try {
    await bareEventSource(server); // warm-up
    await throughCore(server);
    const eventsourceMs: number[] = [];
    const core: CoreRun[] = [];
    for (let run = 0; run < runs; run++) {
      heapAfterGc();
      eventsourceMs.push(await bareEventSource(server));
      heapAfterGc();
      core.push(await throughCore(server));
    }
    // Once more, kept alive past the feed's notification interval (default 10 s), so the burst's
    // summary notification is counted too.
    const settled = await throughCore(server, 10_500);
    const coreMs = median(core.map((run) => run.ms));
    const messages = median(core.map((run) => run.messages));
    return {
      events: count,
      runs,
      eventsourceMs: median(eventsourceMs),
      coreMs,
      burstRatioToEventsource: Number((coreMs / median(eventsourceMs)).toFixed(3)),
      burstNotifications: settled.notifications,
      burstIpcMessages: messages,
      burstIpcMessagesPerS: Math.round(median(core.map((run) => run.messages / (run.ms / 1000)))),
      burstHeapGrowthBytes: median(core.map((run) => run.heapGrowthBytes)),
      burstHeapGrowthAfterHistoryFlushBytes: median(core.map((run) => run.heapGrowthAfterFlushBytes)),
      burstMaxStallMs: Math.round(Math.max(...core.map((run) => run.maxStallMs))),
      burstMedianMaxStallMs: Math.round(median(core.map((run) => run.maxStallMs))),
    };
  } finally {
    await server.close();
  }
}
