import { afterEach, describe, expect, it } from 'vitest';
import { DemoServerError } from '../../src/demo/server.ts';
import { demoServers, ids, SseStream, waitUntil } from './sse-stream.ts';

const servers = demoServers();
afterEach(() => servers.closeAll());

/** Timers slow enough that nothing live arrives during a test that only looks at the backlog. */
const QUIET = { tickMs: 60_000, newsEveryMs: 60_000, alertsEveryMs: 60_000, heartbeatMs: 60_000 };

describe('demo server streams', () => {
  it('answers an event stream with the SSE headers and a retry line first', async () => {
    const server = await servers.start({ ...QUIET, retryMs: 1234 });
    const stream = await SseStream.open(server.feedUrls.news);
    try {
      expect(stream.response.status).toBe(200);
      expect(stream.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      expect(stream.response.headers.get('cache-control')).toBe('no-store');
      expect(stream.response.headers.get('connection')).toBe('keep-alive');
      await stream.untilEvents(1);
      expect(stream.raw.startsWith('retry: 1234\n')).toBe(true);
      expect(stream.retries).toEqual([1234]);
    } finally {
      stream.close();
    }
  });

  it('gives every event an id that increases by one', async () => {
    const server = await servers.start({ ...QUIET, newsEveryMs: 10 });
    const stream = await SseStream.open(server.feedUrls.news);
    try {
      await stream.untilEvents(12);
      const received = ids(stream.events.slice(0, 12));
      expect(received).toEqual(received.map((_, i) => received[0]! + i));
    } finally {
      stream.close();
    }
  });

  it('sends news as JSON with a title, body, source and a link that names the event', async () => {
    const server = await servers.start(QUIET);
    const stream = await SseStream.open(server.feedUrls.news);
    try {
      await stream.untilEvents(5);
      for (const event of stream.events) {
        expect(event.event).toBeUndefined();
        const item = JSON.parse(event.data) as Record<string, unknown>;
        expect(Object.keys(item).sort()).toEqual(['body', 'link', 'source', 'title']);
        expect(item.title).toEqual(expect.any(String));
        expect(item.link).toBe(`https://example.com/news/${event.id}`);
      }
      expect(new Set(stream.events.map((event) => event.data)).size).toBe(5);
    } finally {
      stream.close();
    }
  });

  it('sends alerts as named event types that match their severity', async () => {
    const server = await servers.start({ ...QUIET, alertsEveryMs: 5 });
    const stream = await SseStream.open(server.feedUrls.alerts);
    try {
      // Enough alerts that all three severities show up (critical is about one in ten).
      await stream.until(
        (s) => new Set(s.events.map((event) => event.event)).size === 3,
        'info, warning and critical alerts',
      );
      for (const event of stream.events) {
        expect(['info', 'warning', 'critical']).toContain(event.event);
        const alert = JSON.parse(event.data) as Record<string, unknown>;
        expect(alert.severity).toBe(event.event);
        expect(alert.service).toEqual(expect.any(String));
        expect(alert.title).toEqual(expect.any(String));
        expect(alert.body).toEqual(expect.any(String));
        // Warnings and critical alerts are incidents; info alerts are plain notes.
        if (event.event === 'info') expect(alert).not.toHaveProperty('alert_id');
        else {
          expect(alert.alert_id).toMatch(new RegExp(`^${alert.service as string}:[a-z]+$`));
          expect(['firing', 'resolved']).toContain(alert.status);
        }
      }
    } finally {
      stream.close();
    }
  });

  it('ticks a finite positive rate for every pair, all stamped with the same time', async () => {
    const server = await servers.start({ ...QUIET, tickMs: 20 });
    const stream = await SseStream.open(server.feedUrls.rates);
    try {
      await stream.untilEvents(5 * 4);
      const quotes = stream.events.map((event) => JSON.parse(event.data) as Record<string, unknown>);
      for (const quote of quotes) {
        expect(typeof quote.rate).toBe('number');
        expect(Number.isFinite(quote.rate) && (quote.rate as number) > 0).toBe(true);
        expect(Number.isFinite(quote.change)).toBe(true);
        expect(Number.isNaN(Date.parse(quote.at as string))).toBe(false);
      }
      const firstTick = quotes.slice(0, 5);
      expect(firstTick.map((quote) => quote.pair)).toEqual(
        expect.arrayContaining(['USD/CNY', 'EUR/CNY', 'JPY/CNY', 'GBP/CNY']),
      );
      expect(new Set(firstTick.map((quote) => quote.at)).size).toBe(1);
    } finally {
      stream.close();
    }
  });

  it('sends ": ping" comment heartbeats on an idle stream', async () => {
    const server = await servers.start({ ...QUIET, heartbeatMs: 20 });
    const stream = await SseStream.open(server.feedUrls.alerts);
    try {
      await stream.until((s) => s.comments.length >= 2, 'two heartbeats');
      expect(stream.raw).toContain('\n: ping\n');
      expect(stream.comments.every((comment) => comment === 'ping')).toBe(true);
    } finally {
      stream.close();
    }
  });

  it('shows every client of a feed the same events under the same ids', async () => {
    const server = await servers.start({ ...QUIET, newsEveryMs: 10 });
    const first = await SseStream.open(server.feedUrls.news);
    const second = await SseStream.open(server.feedUrls.news);
    try {
      await first.untilEvents(15);
      await second.untilEvents(15);
      const byId = new Map(first.events.map((event) => [event.id, event.data]));
      const shared = second.events.filter((event) => byId.has(event.id));
      expect(shared.length).toBeGreaterThanOrEqual(10);
      for (const event of shared) expect(event.data).toBe(byId.get(event.id));
    } finally {
      first.close();
      second.close();
    }
  });
});

describe('demo server housekeeping', () => {
  it('lists the feeds as plain text at /', async () => {
    const server = await servers.start(QUIET);
    const response = await fetch(server.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    for (const feedUrl of Object.values(server.feedUrls)) expect(text).toContain(feedUrl);
  });

  it('answers an unknown path with 404 and a short text body', async () => {
    const server = await servers.start(QUIET);
    const response = await fetch(`${server.url}/nope`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await response.text()).toContain('Not found');
  });

  it('refuses methods other than GET with 405', async () => {
    const server = await servers.start(QUIET);
    const response = await fetch(server.feedUrls.news, { method: 'POST', body: 'x' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
    await response.body?.cancel();
  });

  it('serves a feed path with a query string', async () => {
    const server = await servers.start(QUIET);
    const stream = await SseStream.open(`${server.feedUrls.rates}?client=test`);
    try {
      expect(stream.response.status).toBe(200);
      await stream.untilEvents(1);
    } finally {
      stream.close();
    }
  });

  it('refuses to listen on anything but 127.0.0.1', async () => {
    for (const host of ['0.0.0.0', '::', 'localhost', '192.168.1.10']) {
      const start = servers.start({ host: host as '127.0.0.1' });
      const error = await start.then(
        () => null,
        (reason: unknown) => reason,
      );
      expect(error).toBeInstanceOf(DemoServerError);
      expect((error as DemoServerError).code).toBe('non-loopback-host');
      expect((error as DemoServerError).message).toContain(JSON.stringify(host));
    }
  });

  it('rejects a nonsensical option with a message naming it', async () => {
    await expect(servers.start({ tickMs: 0 })).rejects.toThrow(/option tickMs must be a whole number/);
    await expect(servers.start({ tickMs: 0 })).rejects.toMatchObject({ code: 'invalid-option' });
    await expect(servers.start({ historySize: 2.5 })).rejects.toMatchObject({ code: 'invalid-option' });
  });

  it('reports a port already in use instead of starting', async () => {
    const server = await servers.start(QUIET);
    await expect(servers.start({ ...QUIET, port: server.port })).rejects.toMatchObject({
      code: 'EADDRINUSE',
    });
  });

  it('forgets a client that disconnects and keeps serving others', async () => {
    const server = await servers.start({ ...QUIET, newsEveryMs: 10 });
    const leaving = await SseStream.open(server.feedUrls.news);
    const staying = await SseStream.open(server.feedUrls.news);
    await waitUntil(() => server.connections() === 2, 'two open streams');
    leaving.close();
    await waitUntil(() => server.connections() === 1, 'the disconnected client to be dropped');
    const seen = staying.events.length;
    await staying.untilEvents(seen + 3);
    staying.close();
    await waitUntil(() => server.connections() === 0, 'no open streams');
  });

  it('ends every open stream on close and counts no connections after', async () => {
    const server = await servers.start({ ...QUIET, tickMs: 20 });
    const streams = await Promise.all(
      [server.feedUrls.news, server.feedUrls.alerts, server.feedUrls.rates].map((url) => SseStream.open(url)),
    );
    await waitUntil(() => server.connections() === 3, 'three open streams');
    await server.close();
    expect(server.connections()).toBe(0);
    for (const stream of streams) {
      await stream.until((s) => s.ended, 'the stream to end');
      expect(stream.endError).toBeNull();
    }
    await expect(fetch(server.url)).rejects.toThrow();
    // A second close is harmless.
    await server.close();
  });
});
