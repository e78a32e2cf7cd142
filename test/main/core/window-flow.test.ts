// A slow window against a firehose, through the real core: main's queue stays bounded while the
// window does not acknowledge, and once it does, it gets the newest events and the count it missed.
import { afterEach, describe, expect, it } from 'vitest';
import type { FeedEvent } from '../../../src/shared/feed.ts';
import type { IpcResult, PushPayloads } from '../../../src/shared/ipc.ts';
import { bootCore, type CoreUnderTest } from '../../support/core-harness.ts';
import { openStream, startTestServer, waitFor, type TestServer } from '../../support/sse-server.ts';

let app: CoreUnderTest | undefined;
let server: TestServer | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
  await server?.close();
  server = undefined;
});

const TOTAL = 20_000;

/** 20,000 events, 1,000 every 10 ms: far more than a window takes, for two seconds at most. */
function firehose(): Promise<TestServer> {
  return startTestServer((_req, res) => {
    openStream(res);
    let next = 1;
    const timer = setInterval(() => {
      let chunk = '';
      for (const end = Math.min(TOTAL, next + 999); next <= end; next += 1)
        chunk += `id: ${next}\ndata: {"title":"Tick ${next}"}\n\n`;
      res.write(chunk);
      if (next > TOTAL) clearInterval(timer);
    }, 10);
    res.on('close', () => clearInterval(timer));
  });
}

describe('flow control between main and a slow window', () => {
  it('keeps main bounded while the window does not acknowledge, then sends the newest events and what it skipped', async () => {
    server = await firehose();
    app = await bootCore({ notificationsSupported: false });
    const { core } = app;
    expect((await core.handle('window:ack', { hello: true })).ok).toBe(true);

    let acking = false;
    const unacknowledged: number[] = [];
    let peakQueued = 0;
    let peakInFlight = 0;
    const sample = () => {
      peakQueued = Math.max(peakQueued, core.windowBacklog.queuedEvents);
      peakInFlight = Math.max(peakInFlight, core.windowBacklog.batchesInFlight);
    };
    core.onPush((channel, payload) => {
      sample();
      if (channel !== 'push:batchEnd') return;
      const { batch } = payload as PushPayloads['push:batchEnd'];
      if (acking) void core.handle('window:ack', { batch });
      else unacknowledged.push(batch);
    });

    await core.handle('feeds:add', {
      id: 'firehose',
      name: 'Firehose',
      url: server.url,
      mapping: { title: '/title' },
    });
    await waitFor(
      () => {
        sample();
        return core.eventsDelivered === TOTAL;
      },
      'every event through the pipeline',
      30_000,
    );
    // The window sat on its batches the whole time: at most three went out, and main kept only the newest.
    expect(unacknowledged.length).toBeLessThanOrEqual(3);
    expect(peakInFlight).toBeLessThanOrEqual(3);
    expect(peakQueued).toBeLessThanOrEqual(4000);

    // The window wakes up: it acknowledges what it had, and each batch from now on.
    acking = true;
    for (const batch of unacknowledged.splice(0)) await core.handle('window:ack', { batch });
    const events = () =>
      app!.pushes.flatMap((push) => (push.channel === 'push:events' ? (push.payload as FeedEvent[]) : []));
    const skipped = () =>
      app!.pushes.flatMap((push) =>
        push.channel === 'push:batchEnd' ? (push.payload as PushPayloads['push:batchEnd']).skipped : [],
      );
    const skippedCount = () => skipped().reduce((sum, entry) => sum + entry.count, 0);
    await waitFor(() => events().length + skippedCount() === TOTAL, 'every event sent or counted as skipped');

    expect(skippedCount()).toBeGreaterThan(0);
    expect(new Set(skipped().map((entry) => entry.feedId))).toEqual(new Set(['firehose']));
    expect(events().at(-1)!.title).toBe(`Tick ${TOTAL}`);
    expect(new Set(events().map((event) => event.key)).size).toBe(events().length);
    expect(core.windowBacklog).toMatchObject({ queuedEvents: 0, skippedEvents: skippedCount() });
    // History has every event, skipped or not.
    await core.flushHistory();
    const page = (await core.handle('history:query', { feedId: 'firehose', limit: 1 })) as IpcResult<{
      total: number;
    }>;
    expect(page.ok && page.value.total).toBeGreaterThanOrEqual(Math.min(TOTAL, 500));
  });

  it('refuses malformed acknowledgements with a clear error, through the shared schema', async () => {
    app = await bootCore();
    const junk: unknown[] = [
      undefined,
      {},
      { batch: -1 },
      { batch: 0 },
      { batch: 1.5 },
      { batch: '1' },
      { batch: Number.MAX_SAFE_INTEGER + 2 },
      { hello: false },
      { batch: 1, hello: true },
      JSON.parse('{"__proto__": {"batch": 1}}'),
    ];
    for (const request of junk) {
      const result = await app.core.handle('window:ack', request);
      expect(result.ok, JSON.stringify(request)).toBe(false);
      expect(!result.ok && result.error.code).toBe('invalid-request');
    }
    expect((await app.core.handle('window:ack', { batch: 12 })).ok).toBe(true);
  });
});
