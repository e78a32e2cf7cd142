import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/main/ports.ts';
import { FeedManager } from '../../src/main/feeds/manager.ts';
import { FeedConfigSchema } from '../../src/shared/feed.ts';
import { connect, type Recorded } from '../support/connect.ts';
import { openStream, startTestServer, waitFor, type TestServer } from '../support/sse-server.ts';
import { sleep } from './support.ts';

/**
 * Bugs the reliability suite found in src/main/feeds, pinned down as small cases so they stay fixed:
 * the stream guard now tells FeedConnection which events carried their own id.
 */
let server: TestServer | undefined;
let feed: Recorded | undefined;
afterEach(async () => {
  feed?.connection.stop();
  feed = undefined;
  await server?.close();
  server = undefined;
});

describe('events without an id (found by the reliability suite)', () => {
  // [spec] an event without an `id` field keeps the stream's last event id, so the package reports
  // the previous event's id for it; dedupe must not take it for a replay of that event.
  it('delivers an event without an id that follows one with an id', async () => {
    server = await startTestServer((_req, res) => {
      openStream(res);
      res.write('id: 1\ndata: one\n\ndata: two\n\nid: 2\ndata: three\n\n');
    });
    const data: string[] = [];
    const manager = new FeedManager({
      fetch: globalThis.fetch,
      clock: systemClock,
      random: () => 0,
      onEvent: (event) => data.push(event.data),
      onStatus: () => undefined,
    });
    try {
      manager.apply([FeedConfigSchema.parse({ id: 'f', name: 'f', url: server.url })]);
      await waitFor(() => data.includes('three'), 'the third event');
      expect(data).toEqual(['one', 'two', 'three']);
    } finally {
      manager.stopAll();
    }
  });

  // A fresh EventSource (made for each of FeedTray's own reconnects) reports '' as the last id until
  // the stream names one; an id-less first event must not erase the position FeedTray resumed from.
  it('keeps its stream position when a resumed stream starts with an event without an id', async () => {
    server = await startTestServer((_req, res, index) => {
      openStream(res);
      if (index === 0) res.write('retry: 20\nid: 5\ndata: five\n\n');
      else if (index === 1) res.end('retry: 20\ndata: welcome back\n\n');
      else res.write('retry: 20\n\n');
    });
    feed = connect(server.url);
    await waitFor(() => feed!.events.length === 1, 'the first event');
    feed.connection.reconnectNow(); // resume from sleep: a fresh EventSource
    await waitFor(() => server!.requests.length >= 3, 'the reconnect after the welcome');
    await sleep(20);
    expect(server.requests[1]!.headers['last-event-id']).toBe('5');
    expect(server.requests[2]!.headers['last-event-id']).toBe('5');
  });
});
