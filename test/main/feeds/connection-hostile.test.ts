import { afterEach, describe, expect, it } from 'vitest';
import { RETRY_MAX_MS } from '../../../src/main/feeds/backoff.ts';
import { FeedConnection } from '../../../src/main/feeds/connection.ts';
import type { ConnectionConfig, FeedStatus, RawFeedEvent } from '../../../src/shared/feed.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import {
  openStream,
  startTestServer,
  waitFor,
  type Handler,
  type TestServer,
} from '../../support/sse-server.ts';

/**
 * Hostile servers against a fake clock: time moves only to the retry each status announces, so every
 * request's time is exact, and a request that came at any other time (the package reconnecting on its
 * own, a timer that overflowed) shows up as one the status never announced.
 */
interface Feed {
  connection: FeedConnection;
  events: RawFeedEvent[];
  statuses: FeedStatus[];
  lastIds: string[];
}

const servers: TestServer[] = [];
let feed: Feed | undefined;
const warnings: string[] = [];
const onWarning = (warning: Error) => warnings.push(warning.name);
process.on('warning', onWarning);
afterEach(async () => {
  feed?.connection.stop();
  feed = undefined;
  await Promise.all(servers.splice(0).map((server) => server.close()));
  warnings.length = 0;
});

const clock = new FakeClock();
/** When each request reached a server, on the fake clock. */
let requestTimes: number[] = [];

async function serve(handler: Handler): Promise<TestServer> {
  const server = await startTestServer((req, res, index) => {
    requestTimes.push(clock.now());
    handler(req, res, index);
  });
  servers.push(server);
  return server;
}

function open(
  url: string,
  config: Partial<ConnectionConfig> = {},
  random = () => 0,
  lastEventId?: string,
): Feed {
  requestTimes = [];
  const recorded: Feed = {
    connection: undefined as unknown as FeedConnection,
    events: [],
    statuses: [],
    lastIds: [],
  };
  recorded.connection = new FeedConnection({
    config: {
      id: 'hostile',
      url,
      eventTypes: [],
      headers: [],
      withCredentials: false,
      stallTimeoutS: 30,
      maxEventBytes: 1024 * 1024,
      ...config,
    },
    fetch: globalThis.fetch,
    clock,
    random,
    ...(lastEventId === undefined ? {} : { lastEventId }),
    onEvent: (event) => recorded.events.push(event),
    onStatus: (status) => recorded.statuses.push(status),
    onLastEventId: (id) => recorded.lastIds.push(id),
  });
  recorded.connection.start();
  feed = recorded;
  return recorded;
}

/** Waits for `condition`, moving the fake clock to each retry the feed announces. */
async function runUntil(condition: () => boolean, what: string): Promise<void> {
  await waitFor(
    () => {
      const next = feed!.connection.status.nextRetryAt;
      if (next !== null && next > clock.now()) clock.advance(next - clock.now());
      return condition();
    },
    what,
    15_000,
  );
}

/** Every request after the first went out exactly when a status said it would. */
function expectEveryRequestAnnounced(statuses: FeedStatus[]): void {
  const announced = new Set(statuses.map((status) => status.nextRetryAt).filter((at) => at !== null));
  for (const at of requestTimes.slice(1)) expect(announced).toContain(at);
}

describe('reconnecting never hammers a server', () => {
  for (const retryLine of ['retry: 0', 'retry: 1', 'retry: 1000000000000']) {
    it(`"${retryLine}" and an instant close: about one request a second at most, each when announced`, async () => {
      const server = await serve((_req, res) => {
        openStream(res);
        res.end(`${retryLine}\n\n`);
      });
      const { statuses } = open(server.url);
      await runUntil(() => server.requests.length >= 12, '12 requests');
      const times = requestTimes.slice(0, 12);
      // Three at once (the bucket), then one a second at most.
      expect(times[11]! - times[0]!).toBeGreaterThanOrEqual(9 * 1000);
      expectEveryRequestAnnounced(statuses);
      for (const status of statuses)
        if (status.nextRetryAt !== null)
          expect(status.nextRetryAt - clock.now()).toBeLessThanOrEqual(RETRY_MAX_MS);
      expect(warnings).not.toContain('TimeoutOverflowWarning');
    });
  }

  it('a retry of 3,000,000,000 ms then 503 forever waits at most an hour per attempt, and says when', async () => {
    const server = await serve((_req, res, index) => {
      if (index === 0) {
        openStream(res);
        return res.end('retry: 3000000000\n\n');
      }
      res.writeHead(503);
      res.end();
    });
    const { statuses } = open(server.url);
    await runUntil(() => server.requests.length >= 6, '6 requests');
    expectEveryRequestAnnounced(statuses);
    for (let i = 1; i < 6; i++) {
      const gap = requestTimes[i]! - requestTimes[i - 1]!;
      expect(gap).toBeGreaterThanOrEqual(1000);
      expect(gap).toBeLessThanOrEqual(RETRY_MAX_MS);
    }
    expect(statuses.at(-1)!.reason.message).toBe('HTTP 503 Service Unavailable');
  });

  it('counts instant closes without retry: the attempt and the wait grow', async () => {
    const server = await serve((_req, res) => {
      openStream(res);
      res.end();
    });
    const { statuses } = open(server.url, {}, () => 0.999);
    await runUntil(() => server.requests.length >= 7, '7 requests');
    const closes = statuses.filter((status) => status.reason.code === 'server-closed');
    expect(closes.map((status) => status.attempt).slice(0, 6)).toEqual([1, 2, 3, 4, 5, 6]);
    const waits = closes.slice(0, 6).map((status, i) => status.nextRetryAt! - requestTimes[i]!);
    expect(waits[0]).toBe(3000);
    expect(waits[5]).toBeGreaterThan(30_000);
    expectEveryRequestAnnounced(statuses);
  });

  it('sends one status per failed attempt, each with its next try', async () => {
    const server = await serve((_req, res, index) => {
      if (index < 3) {
        res.writeHead(500);
        return res.end();
      }
      openStream(res);
      res.write('data: up\n\n');
    });
    const { statuses, events } = open(server.url);
    await runUntil(() => events.length === 1, 'recovery');
    expect(statuses.map((s) => [s.state, s.reason.code, s.attempt, s.nextRetryAt !== null])).toEqual([
      ['connecting', 'starting', 0, false],
      ['connecting', 'http-status', 1, true],
      ['connecting', 'http-status', 2, true],
      ['connecting', 'http-status', 3, true],
      ['open', 'open', 0, false],
    ]);
    expectEveryRequestAnnounced(statuses);
  });
});

describe('Retry-After', () => {
  it('is honoured on 503 and shown in the reason', async () => {
    const server = await serve((_req, res, index) => {
      if (index === 0) {
        res.writeHead(503, { 'Retry-After': '120' });
        return res.end();
      }
      openStream(res);
      res.write('data: back\n\n');
    });
    const { statuses, events } = open(server.url);
    await runUntil(() => events.length === 1, 'the event after the wait');
    const failure = statuses.find((s) => s.reason.code === 'http-status')!;
    expect(failure.reason.message).toBe('HTTP 503 Service Unavailable; the server asked to wait 2 min');
    expect(requestTimes[1]! - requestTimes[0]!).toBe(120_000);
  });

  it('reads an HTTP date on 429 and caps an absurd wait at an hour', async () => {
    let dateWaitMs = 0;
    const server = await serve((_req, res, index) => {
      const date = new Date(clock.now() + 90_000).toUTCString(); // whole seconds: up to 1 s less
      if (index === 0) dateWaitMs = Date.parse(date) - clock.now();
      const retryAfter = index === 0 ? date : '99999999999';
      res.writeHead(429, { 'Retry-After': retryAfter });
      res.end();
    });
    const { statuses } = open(server.url);
    await runUntil(() => server.requests.length >= 3, 'three requests');
    expect(dateWaitMs).toBeGreaterThan(89_000);
    expect(requestTimes[1]! - requestTimes[0]!).toBe(dateWaitMs);
    expect(requestTimes[2]! - requestTimes[1]!).toBe(RETRY_MAX_MS);
    expect(statuses.map((s) => s.reason.message)).toContain(
      'HTTP 429 Too Many Requests; the server asked to wait 1 h',
    );
  });
});

describe('credentials in the address', () => {
  const password = 'päss@word';
  const encoded = 'p%C3%A4ss%40word';

  it('are sent as Basic authorization, never in the URL, and never shown', async () => {
    const server = await serve((_req, res) => {
      openStream(res);
      res.write('data: signed in\n\n');
    });
    const url = server.url.replace('http://', `http://us%C3%A9r:${encoded}@`);
    const { events, statuses } = open(`${url}/feed`);
    await runUntil(() => events.length === 1, 'the event');
    expect(server.requests[0]!.headers.authorization).toBe(
      `Basic ${Buffer.from(`usér:${password}`).toString('base64')}`,
    );
    for (const text of [JSON.stringify(statuses), JSON.stringify(events)]) {
      expect(text).not.toContain(encoded);
      expect(text).not.toContain(password);
    }
  });

  it('are never shown when the connection fails', async () => {
    const server = await serve(() => undefined);
    const url = server.url.replace('http://', `http://user:${encoded}@`);
    await server.close();
    const { statuses } = open(url);
    await runUntil(
      () => feed!.statuses.filter((s) => s.reason.code === 'refused').length >= 2,
      'two refusals',
    );
    expect(JSON.stringify(statuses)).not.toContain(encoded);
  });

  it('give way to an explicit Authorization header, and stay with the origin across redirects', async () => {
    const elsewhere = await serve((_req, res) => {
      openStream(res);
      res.write('data: elsewhere\n\n');
    });
    const server = await serve((req, res) => {
      if (req.url === '/away') {
        res.writeHead(302, { Location: `${elsewhere.url}/feed` });
        return res.end();
      }
      openStream(res);
      res.write('data: here\n\n');
    });
    const withUser = server.url.replace('http://', 'http://user:secret@');
    const explicit = open(`${withUser}/feed`, {
      headers: [{ name: 'Authorization', value: 'Bearer t0ken', secret: true }],
    });
    await runUntil(() => explicit.events.length === 1, 'event');
    expect(server.requests[0]!.headers.authorization).toBe('Bearer t0ken');
    explicit.connection.stop();
    const redirected = open(`${withUser}/away`);
    await runUntil(() => redirected.events.length === 1, 'event after the redirect');
    expect(server.requests.at(-1)!.headers.authorization).toMatch(/^Basic /);
    expect(elsewhere.requests[0]!.headers.authorization).toBeUndefined();
  });
});

describe('headers that cannot be sent', () => {
  it('fail with a reason that names the header, not its value, and wait for the user', async () => {
    const server = await serve((_req, res) => openStream(res));
    const { statuses } = open(server.url, {
      headers: [{ name: 'X-Token', value: 'pa€€word', secret: true }],
    });
    await runUntil(() => feed!.connection.status.state === 'closed', 'the failure');
    const status = statuses.at(-1)!;
    expect(status.reason.code).toBe('invalid-header');
    expect(status.reason.message).toContain('"X-Token"');
    expect(status.reason.message).toContain('Latin-1');
    expect(JSON.stringify(statuses)).not.toContain('pa€€word');
    expect(status.nextRetryAt).toBeNull();
    expect(server.requests).toHaveLength(0);
  });
});

describe('ids', () => {
  it("an id containing NUL is not the event's own id (the parser ignores it)", async () => {
    const server = await serve((_req, res) => {
      openStream(res);
      res.write('id: 1\ndata: a\n\nid: x\u0000y\ndata: b\n\n');
    });
    const { events } = open(server.url);
    await runUntil(() => events.length === 2, 'two events');
    expect(events.map((e) => [e.id, e.lastEventId])).toEqual([
      ['1', '1'],
      ['', '1'],
    ]);
  });

  it('an empty id resets the position: reported, and no Last-Event-ID is sent on reconnect', async () => {
    const server = await serve((_req, res, index) => {
      openStream(res);
      if (index === 0) res.end('id: 2\ndata: a\n\nid:\n\n');
      else if (index === 1) res.end('id: 5\ndata: b\n\nid\ndata: c\n\n');
      else res.write('data: d\n\n');
    });
    const { connection, events, lastIds } = open(server.url, {}, () => 0, 'from-last-run');
    await runUntil(() => events.length === 4, 'four events');
    expect(server.requests.map((r) => r.headers['last-event-id'])).toEqual([
      'from-last-run',
      undefined,
      undefined,
    ]);
    expect(lastIds).toEqual(['']);
    expect(events.map((e) => [e.data, e.lastEventId])).toEqual([
      ['a', '2'],
      ['b', '5'],
      ['c', ''],
      ['d', ''],
    ]);
    expect(connection.lastEventId).toBe('');
  });
});

describe('redirects', () => {
  for (const status of [301, 308]) {
    it(`remembers a ${status} for this session and says where the feed moved`, async () => {
      const server = await serve((req, res) => {
        if (req.url === '/old') {
          res.writeHead(status, { Location: '/new' });
          return res.end();
        }
        openStream(res);
        res.end('data: x\n\n');
      });
      const { statuses, events } = open(`${server.url}/old`);
      await runUntil(() => events.length === 3, 'three events');
      expect(server.requests.map((r) => r.path)).toEqual(['/old', '/new', '/new', '/new']);
      const moved = statuses.find((s) => s.warning?.code === 'moved')!;
      expect(moved.warning!.message).toBe(`The feed moved permanently to ${server.url}/new; update the feed`);
      expect(feed!.connection.status.movedTo).toBe(`${server.url}/new`);
    });
  }

  it('asks the old address again after a temporary redirect', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/old') {
        res.writeHead(307, { Location: '/new' });
        return res.end();
      }
      openStream(res);
      res.end('data: x\n\n');
    });
    const { statuses, events } = open(`${server.url}/old`);
    await runUntil(() => events.length === 2, 'two events');
    expect(server.requests.map((r) => r.path).slice(0, 4)).toEqual(['/old', '/new', '/old', '/new']);
    expect(statuses.some((s) => s.warning?.code === 'moved')).toBe(false);
  });

  it("does not send the feed's headers to the new origin of a permanent move", async () => {
    const elsewhere = await serve((_req, res) => {
      openStream(res);
      res.end('data: moved\n\n');
    });
    const server = await serve((_req, res) => {
      res.writeHead(301, { Location: `${elsewhere.url}/feed` });
      res.end();
    });
    const { events } = open(`${server.url}/old`, {
      headers: [{ name: 'X-Api-Key', value: 'k3y', secret: true }],
    });
    await runUntil(() => events.length === 2, 'two events');
    expect(server.requests).toHaveLength(1);
    expect(elsewhere.requests.map((r) => r.headers['x-api-key'])).toEqual([undefined, undefined]);
  });

  it('follows at most 10 redirects, with headers or without', async () => {
    const server = await serve((req, res) => {
      const hop = Number(req.url!.slice(1));
      if (hop < 15) {
        res.writeHead(302, { Location: `/${hop + 1}` });
        return res.end();
      }
      openStream(res);
      res.write('data: too far\n\n');
    });
    open(`${server.url}/0`);
    await runUntil(() => feed!.connection.status.reason.code === 'http-status', 'the refusal');
    expect(feed!.connection.status.reason.message).toBe('Not following a redirect: more than 10 redirects');
    expect(feed!.events).toHaveLength(0);
  });
});
