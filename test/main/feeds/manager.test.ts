import { afterEach, describe, expect, it } from 'vitest';
import { systemClock, type Clock } from '../../../src/main/ports.ts';
import { FeedManager } from '../../../src/main/feeds/manager.ts';
import {
  FeedConfigSchema,
  type FeedConfig,
  type FeedStatus,
  type RawFeedEvent,
} from '../../../src/shared/feed.ts';
import { openStream, startTestServer, waitFor, type TestServer } from '../../support/sse-server.ts';

let server: TestServer | undefined;
let manager: FeedManager | undefined;
afterEach(async () => {
  manager?.stopAll();
  manager = undefined;
  await server?.close();
  server = undefined;
});

function feed(id: string, url: string, extra: Partial<FeedConfig> = {}): FeedConfig {
  return FeedConfigSchema.parse({ id, name: id, url, ...extra });
}

function startManager(lastEventIdOf?: (id: string) => string | undefined, clock: Clock = systemClock) {
  const events: RawFeedEvent[] = [];
  const statuses: FeedStatus[] = [];
  manager = new FeedManager({
    fetch: globalThis.fetch,
    clock,
    random: () => 0,
    ...(lastEventIdOf ? { lastEventIdOf } : {}),
    onEvent: (event) => events.push(event),
    onStatus: (status) => statuses.push(status),
  });
  return { manager, events, statuses };
}

/** Every path is its own feed: one event with the path as data, then the stream stays open. */
async function echoServer(): Promise<TestServer> {
  return startTestServer((req, res) => {
    openStream(res);
    res.write(`retry: 20\ndata: ${req.url}\n\n`);
  });
}

const requestsTo = (path: string) => server!.requests.filter((r) => r.path === path).length;

describe('FeedManager', () => {
  it('opens 50 feeds at once and delivers from each', async () => {
    server = await echoServer();
    const { manager, events } = startManager();
    manager.apply(Array.from({ length: 50 }, (_, i) => feed(`f${i}`, `${server!.url}/feed/${i}`)));
    await waitFor(
      () => manager.statuses().every((s) => s.state === 'open') && events.length === 50,
      '50 open feeds',
    );
    expect(new Set(events.map((e) => e.feedId)).size).toBe(50);
  });

  it('applies edits as a diff: changing one feed never reconnects the others', async () => {
    server = await echoServer();
    const { manager } = startManager();
    const a = feed('a', `${server.url}/a`);
    const b = feed('b', `${server.url}/b`);
    manager.apply([a, b]);
    await waitFor(() => manager.statuses().every((s) => s.state === 'open'), 'both open');

    manager.apply([{ ...a, name: 'renamed', notify: { ...a.notify, enabled: false } }, b]); // no connection change
    manager.apply([a, { ...b, url: `${server.url}/b2` }]); // b moves
    manager.apply([a, { ...b, url: `${server.url}/b2` }, feed('c', `${server.url}/c`)]); // c added
    await waitFor(
      () => manager.statuses().length === 3 && manager.statuses().every((s) => s.state === 'open'),
      'three open',
    );
    expect(requestsTo('/a')).toBe(1);
    expect(requestsTo('/b')).toBe(1);
    expect(requestsTo('/b2')).toBe(1);
    expect(manager.feeds.map((f) => f.id)).toEqual(['a', 'b', 'c']);
  });

  it('stops removed and disabled feeds and shows a disabled one as turned off', async () => {
    server = await echoServer();
    const { manager } = startManager();
    const a = feed('a', `${server.url}/a`);
    manager.apply([a, feed('b', `${server.url}/b`)]);
    await waitFor(() => manager.statuses().every((s) => s.state === 'open'), 'open');
    manager.apply([{ ...a, enabled: false }]);
    const statuses = manager.statuses();
    expect(statuses.map((s) => [s.feedId, s.state, s.reason.code])).toEqual([['a', 'closed', 'disabled']]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.requests).toHaveLength(2); // nothing reconnected
  });

  it('pauses every feed and resumes them all at once', async () => {
    server = await echoServer();
    const { manager } = startManager();
    manager.apply([feed('a', `${server.url}/a`), feed('b', `${server.url}/b`)]);
    await waitFor(() => manager.statuses().every((s) => s.state === 'open'), 'open');
    manager.pause({ code: 'offline', message: 'Offline' });
    expect(manager.statuses().map((s) => s.reason.code)).toEqual(['offline', 'offline']);
    manager.apply([...manager.feeds, feed('c', `${server.url}/c`)]); // added while paused: waits too
    expect(manager.status('c')?.reason.code).toBe('offline');
    manager.resume();
    await waitFor(() => manager.statuses().every((s) => s.state === 'open'), 'open again');
    expect(requestsTo('/a')).toBe(2);
    expect(requestsTo('/c')).toBe(1);
  });

  it('reconnects every feed at once on reconnectAll (resume from sleep) with Last-Event-ID', async () => {
    server = await startTestServer((req, res) => {
      openStream(res);
      res.write(`id: ${req.url}-1\ndata: x\n\n`);
    });
    const { manager } = startManager();
    manager.apply([feed('a', `${server.url}/a`), feed('b', `${server.url}/b`)]);
    await waitFor(() => manager.lastEventId('a') === '/a-1' && manager.lastEventId('b') === '/b-1', 'ids');
    manager.reconnectAll();
    await waitFor(
      () => server!.requests.length === 4 && manager.statuses().every((s) => s.state === 'open'),
      'reconnected',
    );
    expect(
      server.requests
        .slice(2)
        .map((r) => r.headers['last-event-id'])
        .sort(),
    ).toEqual(['/a-1', '/b-1']);
  });

  it('resumes from a persisted Last-Event-ID after a restart', async () => {
    server = await echoServer();
    const { manager } = startManager((id) => (id === 'a' ? '41' : undefined));
    manager.apply([feed('a', `${server.url}/a`)]);
    await waitFor(() => server!.requests.length === 1, 'request');
    expect(server.requests[0]!.headers['last-event-id']).toBe('41');
  });
});
