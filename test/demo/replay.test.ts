import { afterEach, describe, expect, it } from 'vitest';
import { demoServers, ids, SseStream } from './sse-stream.ts';

const servers = demoServers();
afterEach(() => servers.closeAll());

/** Timers slow enough that only the backlog arrives unless a test speeds one up. */
const QUIET = { tickMs: 60_000, newsEveryMs: 60_000, alertsEveryMs: 60_000, heartbeatMs: 60_000 };

/** `count` consecutive ids starting at `first`. */
const run = (first: number, count: number): number[] => Array.from({ length: count }, (_, i) => first + i);

describe('Last-Event-ID replay', () => {
  it('replays exactly the missed events, then continues live with no gap and no duplicate', async () => {
    const server = await servers.start({ ...QUIET, newsEveryMs: 10 });
    // A watcher stays connected throughout, to know what the server published while the client was away.
    const watcher = await SseStream.open(server.feedUrls.news);
    const client = await SseStream.open(server.feedUrls.news);
    await client.untilEvents(8);
    client.close();
    const lastSeen = Number(client.events.at(-1)!.id);

    await watcher.until((s) => Number(s.events.at(-1)?.id) >= lastSeen + 5, 'five events while away');
    const resumed = await SseStream.open(server.feedUrls.news, { 'Last-Event-ID': String(lastSeen) });
    try {
      const publishedWhileAway = Number(watcher.events.at(-1)!.id) - lastSeen;
      // Wait past the replay into live events, so both the replay and its seam with live are checked.
      await resumed.untilEvents(publishedWhileAway + 5);
      expect(ids(resumed.events)).toEqual(run(lastSeen + 1, resumed.events.length));
      const watched = new Map(watcher.events.map((event) => [event.id, event.data]));
      for (const event of resumed.events.filter((e) => watched.has(e.id)))
        expect(event.data).toBe(watched.get(event.id));
    } finally {
      watcher.close();
      resumed.close();
    }
  });

  it('gives a first-time client the last five news items', async () => {
    const server = await servers.start(QUIET);
    const stream = await SseStream.open(server.feedUrls.news);
    try {
      await stream.untilEvents(5);
      expect(ids(stream.events)).toEqual([1, 2, 3, 4, 5]);
    } finally {
      stream.close();
    }
  });

  it('gives a first-time client one tick of rates, one quote per pair', async () => {
    const server = await servers.start({ ...QUIET, heartbeatMs: 20 });
    const stream = await SseStream.open(server.feedUrls.rates);
    try {
      await stream.until((s) => s.comments.length > 0, 'a heartbeat after the backlog');
      const pairs = stream.events.map((event) => (JSON.parse(event.data) as { pair: string }).pair);
      expect(new Set(pairs).size).toBe(pairs.length);
      expect(pairs).toEqual(expect.arrayContaining(['USD/CNY', 'EUR/CNY', 'JPY/CNY', 'GBP/CNY']));
    } finally {
      stream.close();
    }
  });

  it('treats an unparsable Last-Event-ID like none', async () => {
    const server = await servers.start(QUIET);
    for (const header of ['abc', '-3', '1.5', '', '99999999999999999999']) {
      const stream = await SseStream.open(server.feedUrls.alerts, { 'Last-Event-ID': header });
      try {
        await stream.untilEvents(5);
        expect(ids(stream.events)).toEqual([1, 2, 3, 4, 5]);
      } finally {
        stream.close();
      }
    }
  });

  it('replays everything kept when Last-Event-ID is older than the history', async () => {
    const server = await servers.start({ ...QUIET, historySize: 3, heartbeatMs: 20 });
    const stream = await SseStream.open(server.feedUrls.news, { 'Last-Event-ID': '0' });
    try {
      // The replay is written before any heartbeat, so a heartbeat means the replay is complete.
      await stream.until((s) => s.comments.length > 0, 'a heartbeat after the replay');
      expect(ids(stream.events)).toEqual([3, 4, 5]);
    } finally {
      stream.close();
    }
  });

  it('replays nothing to a client that is already up to date, then sends it live events', async () => {
    const server = await servers.start({ ...QUIET, newsEveryMs: 20 });
    const stream = await SseStream.open(server.feedUrls.news, { 'Last-Event-ID': '5' });
    try {
      await stream.untilEvents(3);
      expect(ids(stream.events.slice(0, 3))).toEqual([6, 7, 8]);
    } finally {
      stream.close();
    }
  });

  it('treats a Last-Event-ID ahead of the feed (from an earlier server run) like none', async () => {
    const server = await servers.start(QUIET);
    const stream = await SseStream.open(server.feedUrls.news, { 'Last-Event-ID': '5000' });
    try {
      await stream.untilEvents(5);
      expect(ids(stream.events)).toEqual([1, 2, 3, 4, 5]);
    } finally {
      stream.close();
    }
  });
});
