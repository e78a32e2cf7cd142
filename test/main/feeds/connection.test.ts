import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, type Recorded } from '../../support/connect.ts';
import { openStream, startTestServer, waitFor, type TestServer } from '../../support/sse-server.ts';

let server: TestServer | undefined;
let feed: Recorded | undefined;
afterEach(async () => {
  feed?.connection.stop();
  feed = undefined;
  await server?.close();
  server = undefined;
});

/** A server that answers every request with the same raw stream and then keeps it open. */
async function serveRaw(raw: string | Buffer): Promise<TestServer> {
  return startTestServer((_req, res) => {
    openStream(res);
    res.write(raw);
  });
}

describe('FeedConnection parsing (WHATWG event-stream rules)', () => {
  for (const [name, eol] of [
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ] as const) {
    it(`delivers events and joins multi-line data with ${name} line ends`, async () => {
      server = await serveRaw(`data: first${eol}data: second${eol}${eol}id: 2${eol}data: third${eol}${eol}`);
      feed = connect(server.url);
      await waitFor(() => feed!.events.length === 2, 'two events');
      expect(feed.events.map((e) => e.data)).toEqual(['first\nsecond', 'third']);
      expect(feed.events[1]!.id).toBe('2');
    });
  }

  it('ignores a leading BOM and comment lines', async () => {
    server = await serveRaw('\uFEFF: hello\n:another comment\ndata: after comments\n\n');
    feed = connect(server.url);
    await waitFor(() => feed!.events.length === 1, 'one event');
    expect(feed.events[0]!.data).toBe('after comments');
  });

  it('delivers only message events by default, the listed types when given, every type for *', async () => {
    const raw =
      'data: plain\n\nevent: alert\ndata: loud\n\nevent: tick\ndata: 1\n\nevent: error\ndata: named error\n\n';
    server = await serveRaw(raw);
    feed = connect(server.url);
    const alerts = connect(server.url, { id: 'alerts', eventTypes: ['alert'] });
    const all = connect(server.url, { id: 'all', eventTypes: ['*'] });
    try {
      await waitFor(
        () => all.events.length === 4 && alerts.events.length === 1 && feed!.events.length === 1,
        'events',
      );
      expect(feed.events.map((e) => e.type)).toEqual(['message']);
      expect(alerts.events.map((e) => e.data)).toEqual(['loud']);
      expect(all.events.map((e) => e.type)).toEqual(['message', 'alert', 'tick', 'error']);
      // A server's `event: error` is data, not a connection failure.
      expect(all.connection.status.state).toBe('open');
    } finally {
      alerts.connection.stop();
      all.connection.stop();
    }
  });

  it('reassembles events sent one byte at a time (slow drip)', async () => {
    const raw = 'id: 7\r\nevent: message\r\ndata: {"pair":"USD/CNY","rate":7.1}\r\n\r\ndata: ünïcødé ✓\n\n';
    server = await startTestServer((_req, res) => {
      openStream(res);
      const bytes = Buffer.from(raw);
      let i = 0;
      const drip = setInterval(() => {
        if (i >= bytes.length || res.destroyed) return clearInterval(drip);
        res.write(bytes.subarray(i, i + 1));
        i++;
      }, 1);
    });
    feed = connect(server.url);
    await waitFor(() => feed!.events.length === 2, 'two dripped events', 20_000);
    expect(feed.events.map((e) => e.data)).toEqual(['{"pair":"USD/CNY","rate":7.1}', 'ünïcødé ✓']);
    expect(feed.events[0]!.id).toBe('7');
  });
});

describe('FeedConnection reconnecting', () => {
  it("reconnects after the server closes the stream, with the server's retry and Last-Event-ID", async () => {
    server = await startTestServer((_req, res, index) => {
      openStream(res);
      if (index === 0) res.end('retry: 20\nid: a1\ndata: one\n\nid: a2\ndata: two\n\n');
      else res.write('id: a3\ndata: three\n\n');
    });
    feed = connect(server.url);
    await waitFor(() => feed!.events.length === 3, 'three events');
    expect(feed.events.map((e) => e.data)).toEqual(['one', 'two', 'three']);
    expect(server.requests[1]!.headers['last-event-id']).toBe('a2');
    expect(feed.reasons()).toContain('server-closed');
    expect(feed.connection.status).toMatchObject({ state: 'open', attempt: 0, eventsReceived: 3 });
  });

  it('does not deliver an event cut off when the server dies mid-event, and resumes after the last whole one', async () => {
    server = await startTestServer((_req, res, index) => {
      openStream(res);
      if (index === 0) {
        res.write('retry: 10\nid: 1\ndata: whole\n\nid: 2\ndata: half of');
        setTimeout(() => res.socket?.destroy(), 20);
      } else res.write('id: 2\ndata: second, whole\n\n');
    });
    feed = connect(server.url);
    await waitFor(() => feed!.events.length === 2, 'two events');
    expect(feed.events.map((e) => e.data)).toEqual(['whole', 'second, whole']);
    expect(server.requests[1]!.headers['last-event-id']).toBe('1');
  });

  it('sends the Last-Event-ID it was given from a previous run on its very first request', async () => {
    server = await serveRaw('data: hi\n\n');
    feed = connect(server.url, {}, { lastEventId: 'from-last-run' });
    await waitFor(() => feed!.events.length === 1, 'event');
    expect(server.requests[0]!.headers['last-event-id']).toBe('from-last-run');
  });

  it('sends the feed headers on every request', async () => {
    server = await serveRaw('data: hi\n\n');
    feed = connect(server.url, { headers: [{ name: 'Authorization', value: 'Bearer t0ken', secret: true }] });
    await waitFor(() => feed!.events.length === 1, 'event');
    expect(server.requests[0]!.headers.authorization).toBe('Bearer t0ken');
    expect(server.requests[0]!.headers.accept).toBe('text/event-stream');
  });

  it('retries with backoff after HTTP 500 and recovers', async () => {
    server = await startTestServer((_req, res, index) => {
      if (index < 2) {
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        return res.end('boom');
      }
      openStream(res);
      res.write('data: recovered\n\n');
    });
    feed = connect(server.url);
    await waitFor(() => feed!.events.length === 1, 'recovery');
    const failures = feed.statuses.filter((s) => s.reason.code === 'http-status');
    expect([...new Set(failures.map((s) => s.attempt))]).toEqual([1, 2]);
    expect(failures[0]!.reason.message).toBe('HTTP 500 Internal Server Error');
    expect(failures[0]!.nextRetryAt).not.toBeNull();
    expect(feed.connection.status).toMatchObject({ state: 'open', attempt: 0 });
  });

  it('explains a wrong Content-Type, retries, and recovers', async () => {
    server = await startTestServer((_req, res, index) => {
      if (index === 0) {
        res.writeHead(200, { 'Content-Type': 'text/html' });
        return res.end('<html>login</html>');
      }
      openStream(res);
      res.write('data: ok\n\n');
    });
    feed = connect(server.url);
    await waitFor(() => feed!.events.length === 1, 'recovery');
    expect(feed.statuses.find((s) => s.reason.code === 'not-event-stream')!.reason.message).toBe(
      'not an event stream: text/html',
    );
  });

  it('waits for the user after 401 instead of retrying, and connects again when asked', async () => {
    server = await startTestServer((_req, res, index) => {
      if (index === 0) {
        res.writeHead(401);
        return res.end();
      }
      openStream(res);
      res.write('data: signed in\n\n');
    });
    feed = connect(server.url);
    await waitFor(() => feed!.connection.status.reason.code === 'needs-auth', 'needs-auth');
    expect(feed.connection.status).toMatchObject({ state: 'closed', nextRetryAt: null });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.requests).toHaveLength(1);
    feed.connection.reconnectNow(); // a resume from sleep does not override the wait…
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.requests).toHaveLength(1);
    feed.connection.reconnectNow(true); // …the user's action does.
    await waitFor(() => feed!.events.length === 1, 'event after sign-in');
  });

  it('stops for good after HTTP 204', async () => {
    server = await startTestServer((_req, res) => {
      res.writeHead(204);
      res.end();
    });
    feed = connect(server.url);
    await waitFor(() => feed!.connection.status.reason.code === 'stopped-by-server', 'stopped-by-server');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.requests).toHaveLength(1);
    expect(feed.connection.status.state).toBe('closed');
  });

  it('reconnects when a stream goes silent past the stall timeout', async () => {
    server = await startTestServer((_req, res, index) => {
      openStream(res);
      if (index === 0) res.write('id: 1\ndata: then silence\n\n');
      else res.write('data: alive again\n\n');
    });
    feed = connect(server.url, { stallTimeoutS: 0.3 });
    await waitFor(() => feed!.events.length === 2, 'reconnect after stall');
    expect(feed.reasons()).toContain('stalled');
    expect(server.requests[1]!.headers['last-event-id']).toBe('1');
  });

  it('keeps a stream alive on comment heartbeats alone', async () => {
    let beats = 0;
    server = await startTestServer((_req, res) => {
      openStream(res);
      const timer = setInterval(() => {
        if (res.destroyed) return clearInterval(timer);
        res.write(': ping\n\n');
        if (++beats === 12) {
          res.write('data: still here\n\n');
          clearInterval(timer);
        }
      }, 50);
    });
    feed = connect(server.url, { stallTimeoutS: 0.3 });
    await waitFor(() => feed!.events.length === 1, 'event after 600 ms of heartbeats');
    expect(feed.reasons()).not.toContain('stalled');
    expect(server.requests).toHaveLength(1);
  });

  it('reports a refused connection and keeps retrying until a server appears', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    feed = connect(`http://127.0.0.1:${port}/feed`);
    await waitFor(
      () => feed!.connection.status.attempt >= 2 && feed!.connection.status.reason.code === 'refused',
      'two refused attempts',
    );
    expect(feed.connection.status.state).toBe('connecting');
    expect(feed.connection.status.attempt).toBeGreaterThanOrEqual(2);
  });
});

describe('FeedConnection limits', () => {
  it('drops a 5 MiB event, says so, and keeps the same connection delivering', async () => {
    server = await startTestServer((_req, res) => {
      openStream(res);
      res.write('id: 1\ndata: small before\n\n');
      res.write(`id: 2\ndata: ${'x'.repeat(5 * 1024 * 1024)}\n\n`);
      res.write('id: 3\ndata: small after\n\n');
    });
    feed = connect(server.url);
    await waitFor(() => feed!.events.length === 2, 'the two small events');
    expect(feed.events.map((e) => e.data)).toEqual(['small before', 'small after']);
    expect(feed.connection.status.warning?.code).toBe('event-too-large');
    expect(feed.connection.status.state).toBe('open');
    expect(server.requests).toHaveLength(1);
  });
});

describe('FeedConnection redirects', () => {
  it("follows a redirect within the feed's origin with its headers, and to another origin without them", async () => {
    const elsewhere = await startTestServer((_req, res) => {
      openStream(res);
      res.write('data: from elsewhere\n\n');
    });
    try {
      server = await startTestServer((req, res) => {
        if (req.url === '/start') {
          res.writeHead(307, { Location: '/moved' });
          return res.end();
        }
        res.writeHead(302, { Location: `${elsewhere.url}/final` });
        res.end();
      });
      feed = connect(`${server.url}/start`, {
        headers: [
          { name: 'X-Api-Key', value: 'k3y', secret: true },
          { name: 'Authorization', value: 'Bearer t0ken', secret: true },
        ],
      });
      await waitFor(() => feed!.events.length === 1, 'event after two redirects');
      expect(server.requests.map((r) => [r.path, r.headers['x-api-key']])).toEqual([
        ['/start', 'k3y'],
        ['/moved', 'k3y'],
      ]);
      expect(elsewhere.requests[0]!.headers['x-api-key']).toBeUndefined();
      expect(elsewhere.requests[0]!.headers.authorization).toBeUndefined();
      expect(feed.events[0]!.data).toBe('from elsewhere');
    } finally {
      await elsewhere.close();
    }
  });

  it('refuses a redirect to a non-http address and says so', async () => {
    server = await startTestServer((_req, res) => {
      res.writeHead(301, { Location: 'file:///etc/passwd' });
      res.end();
    });
    feed = connect(server.url, { headers: [{ name: 'X-Api-Key', value: 'k', secret: true }] });
    await waitFor(
      () => feed!.statuses.some((s) => s.reason.message.includes('Not following a redirect')),
      'refusal',
    );
    expect(feed.connection.status.state).toBe('connecting');
  });
});
