import { afterEach, describe, expect, it } from 'vitest';
import { FeedManager } from '../../../src/main/feeds/manager.ts';
import { Deduper } from '../../../src/main/pipeline/dedupe.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { FeedConfigSchema, type FeedConfig, type RawFeedEvent } from '../../../src/shared/feed.ts';
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

describe('manager and dedupe together', () => {
  it('delivers every event exactly once, in order, from a server that drops every k events and replays', async () => {
    const total = 300;
    let connections = 0;
    server = await startTestServer((req, res) => {
      connections++;
      openStream(res);
      const last = Number(req.headers['last-event-id'] ?? 0);
      // Replays a few already-seen events on every reconnect, then drops after 7 new ones.
      const from = Math.max(1, last - 3);
      res.write('retry: 5\n\n');
      let sent = 0;
      for (let id = from; id <= total; id++) {
        const frame = `id: ${id}\ndata: event ${id}\n\n`;
        if (id > last && ++sent === 7 && id < total) {
          // Cut the connection once this frame has reached the socket, mid-stream, without a clean end.
          res.write(frame, () => res.socket?.destroy());
          return;
        }
        res.write(frame);
      }
    });
    const deduper = new Deduper();
    const events: RawFeedEvent[] = [];
    let duplicatesDropped = 0;
    // The server's `retry: 5` is held to 1 s: a fake clock jumps to each announced retry.
    const clock = new FakeClock();
    manager = new FeedManager({
      fetch: globalThis.fetch,
      clock,
      random: () => 0,
      // The pipeline's first step: the manager delivers what arrived, dedupe drops the replays.
      onEvent: (event) => (deduper.admit(event.feedId, event.id) ? events.push(event) : duplicatesDropped++),
      onStatus: () => undefined,
    });
    manager.apply([feed('chaos', `${server.url}/chaos`)]);
    await waitFor(
      () => {
        const nextRetryAt = manager!.status('chaos')?.nextRetryAt ?? null;
        if (nextRetryAt !== null && nextRetryAt > clock.now()) clock.advance(nextRetryAt - clock.now());
        return events.length >= total;
      },
      `${total} events`,
      20_000,
    );
    expect(events.map((e) => e.data)).toEqual(Array.from({ length: total }, (_, i) => `event ${i + 1}`));
    expect(duplicatesDropped).toBeGreaterThan(0);
    expect(connections).toBeGreaterThanOrEqual(Math.floor(total / 7));
  });
});
