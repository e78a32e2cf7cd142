import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FeedCheckResult } from '../../../src/shared/check.ts';
import type { AppState, IpcResult } from '../../../src/shared/ipc.ts';
import type { RedactedFeed } from '../../../src/shared/settings.ts';
import { bootCore, type CoreUnderTest } from '../../support/core-harness.ts';
import { openStream, startTestServer, waitFor, type TestServer } from '../../support/sse-server.ts';

let app: CoreUnderTest | undefined;
const servers: TestServer[] = [];
afterEach(async () => {
  await app?.stop();
  app = undefined;
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

function value<T>(result: IpcResult<unknown>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

async function server(handler: Parameters<typeof startTestServer>[0]): Promise<TestServer> {
  const started = await startTestServer(handler);
  servers.push(started);
  return started;
}

describe('FeedTrayCore against hostile input', () => {
  it('counts unread for feeds whose ids are Object.prototype member names', async () => {
    const source = await server((req, res) => {
      openStream(res);
      res.write(`id: 1\ndata: ${req.url}\n\nid: 2\ndata: ${req.url}\n\n`);
    });
    app = await bootCore();
    const ids = ['constructor', 'toString', 'valueOf', '__proto__'];
    for (const id of ids)
      value(await app.core.handle('feeds:add', { id, name: id, url: `${source.url}/${id}` }));
    await waitFor(() => app!.core.eventsDelivered === 8, 'two events from each feed');
    const state = value<AppState>(await app.core.handle('app:state', undefined));
    expect(state.totalUnread).toBe(8);
    for (const id of ids) expect(Object.hasOwn(state.unread, id) && state.unread[id], id).toBe(2);
    expect(app.core.tray().feeds.map((feed) => feed.unread)).toEqual([2, 2, 2, 2]);
  });

  it('sends a saved secret to the feed’s own origin only, when testing another address', async () => {
    const seen: (string | undefined)[] = [];
    const handler: Parameters<typeof startTestServer>[0] = (req, res) => {
      seen.push(req.headers.authorization);
      openStream(res);
      res.write('data: hi\n\n');
    };
    const own = await server(handler);
    const other = await server(handler);
    app = await bootCore();
    value(
      await app.core.handle('feeds:add', {
        id: 'secret',
        name: 'Secret',
        url: own.url,
        headers: [{ name: 'Authorization', value: 'Bearer s3cr3t', secret: true }],
      }),
    );
    await waitFor(() => seen.length === 1, 'the feed connected');
    const keep = [{ name: 'Authorization', secret: true, value: '', keep: true }];
    const refused = await app.core.handle('feeds:test', {
      feedId: 'secret',
      url: other.url,
      headers: keep,
      listenMs: 500,
    });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toContain('enter "Authorization" again');
    expect(seen).toHaveLength(1); // the other server was never asked

    const tested = value<FeedCheckResult>(
      await app.core.handle('feeds:test', { feedId: 'secret', url: own.url, headers: keep, listenMs: 500 }),
    );
    expect(tested.httpStatus).toBe(200);
    expect(seen.at(-1)).toBe('Bearer s3cr3t');
  });

  it('Test takes the feed’s event types: samples only of those, the others named in a note', async () => {
    const source = await server((_req, res) => {
      openStream(res);
      res.write('event: info\ndata: i\n\nevent: critical\ndata: c\n\ndata: m\n\n');
    });
    app = await bootCore();
    const result = value<FeedCheckResult>(
      await app.core.handle('feeds:test', {
        url: source.url,
        headers: [],
        eventTypes: ['critical'],
        listenMs: 500,
      }),
    );
    expect(result.events.map((event) => event.type)).toEqual(['critical']);
    expect(result.notes.join(' ')).toContain('1 × info, 1 × message');
  });

  it('moves user:password from a feed address into a secret header; no reply, file or status shows it', async () => {
    const seen: (string | undefined)[] = [];
    const source = await server((req, res) => {
      seen.push(req.headers.authorization);
      openStream(res);
      res.write('data: hi\n\n');
    });
    app = await bootCore();
    const withPassword = source.url.replace('http://', 'http://ops:pa%24%24w0rd@');
    const saved = value<RedactedFeed>(
      await app.core.handle('feeds:add', { id: 'basic', name: 'Basic', url: withPassword }),
    );
    expect(saved.url).toBe(source.url.endsWith('/') ? source.url : `${source.url}/`);
    expect(saved.headers).toEqual([{ name: 'Authorization', secret: true, value: '', isSet: true }]);
    await waitFor(() => seen.length > 0, 'a request');
    expect(seen[0]).toBe(`Basic ${Buffer.from('ops:pa$$w0rd').toString('base64')}`);
    const everything = [
      JSON.stringify(value(await app.core.handle('feeds:list', undefined))),
      JSON.stringify(value(await app.core.handle('settings:export', undefined))),
      JSON.stringify(app.core.statuses()),
      await readFile(join(app.dir, 'settings.json'), 'utf8'),
    ].join('\n');
    expect(everything).not.toContain('pa$$w0rd');
    expect(everything).not.toContain('pa%24%24w0rd');
  });

  it('persists a position the server reset with an empty id, so a restart sends no Last-Event-ID', async () => {
    const lastIds: (string | undefined)[] = [];
    const source = await server((req, res) => {
      lastIds.push(req.headers['last-event-id'] as string | undefined);
      openStream(res);
      if (lastIds.length === 1) res.write('id: 2\ndata: two\n\nid\ndata: after the reset\n\n');
    });
    app = await bootCore();
    value(await app.core.handle('feeds:add', { id: 'reset', name: 'Reset', url: source.url }));
    await waitFor(() => app!.core.eventsDelivered === 2, 'two events');
    const dir = app.dir;
    await app.stop({ keepDir: true });
    app = await bootCore({ dir });
    await waitFor(() => lastIds.length === 2, 'the reconnect after the restart');
    expect(lastIds[1]).toBeUndefined();
  });

  it('tells the user in app:state and the tray when the history database was damaged, and starts a fresh one', async () => {
    const first = await bootCore();
    const dir = first.dir;
    await first.stop({ keepDir: true });
    await writeFile(
      join(dir, 'history.db'),
      'not a database at all, just text that happens to sit here\n'.repeat(200),
    );
    app = await bootCore({ dir });
    const state = value<AppState>(await app.core.handle('app:state', undefined));
    const damaged = state.problems.find((problem) => problem.code === 'history-damaged');
    expect(damaged?.message).toBeTruthy();
    expect(app.core.tray().problems).toBeGreaterThan(0);
    expect((await readdir(dir)).some((name) => /^history\.corrupt-.*\.db$/.test(name))).toBe(true);
  });

  it('tells the user when history cannot be saved (its file is in the way), and keeps running', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'feedtray-core-'));
    // A folder where the database should be: no write can replace it, whoever runs the test (root too).
    await mkdir(join(dir, 'history.db', 'x'), { recursive: true });
    app = await bootCore({ dir });
    const source = await server((_req, res) => {
      openStream(res);
      res.write('id: 1\ndata: one\n\n');
    });
    value(await app.core.handle('feeds:add', { id: 'f', name: 'F', url: source.url }));
    await waitFor(() => app!.core.eventsDelivered === 1, 'one event');
    await app.core.flushHistory();
    const problem = app.core.state().problems.find((p) => p.code.startsWith('history-'));
    expect(problem?.message).toMatch(/kept in memory/);
    expect(app.core.status('f')?.state).toBe('open');
  });
});

describe('an event that fails on its way', () => {
  it('is reported in words on its feed, and the stream goes on', async () => {
    const source = await server((_req, res) => {
      openStream(res);
      res.write('id: 1\ndata: first\n\nid: 2\ndata: second\n\n');
    });
    app = await bootCore({
      beforeShow: (notification) => {
        if (notification.title === 'F: first') throw new Error('the notification server is gone');
      },
    });
    value(
      await app.core.handle('feeds:add', {
        id: 'f',
        name: 'F',
        url: source.url,
        notify: { minIntervalS: 0 },
      }),
    );
    await waitFor(() => app!.notifications.length === 1, 'the second event notified');
    expect(app.notifications.map((n) => n.title)).toEqual(['F: second']);
    expect(app.core.status('f')?.warning).toEqual({
      code: 'event-failed',
      message:
        'An event (id 1) failed on its way (the notification server is gone): it may be missing from history or its notification was not shown; the feed goes on',
    });
    expect(app.core.status('f')?.state).toBe('open');
  });
});

describe('decisions of held events', () => {
  it('become final when the interval ends: in history, and pushed to the window', async () => {
    const source = await server((_req, res) => {
      openStream(res);
      for (let i = 1; i <= 4; i++) res.write(`id: ${i}\ndata: tick ${i}\n\n`);
    });
    app = await bootCore();
    value(
      await app.core.handle('feeds:add', {
        id: 'ticks',
        name: 'Ticks',
        url: source.url,
        notify: { minIntervalS: 1, burstThreshold: 2 },
      }),
    );
    // The first shows at once; the other three wait for the interval, then become one summary.
    await waitFor(() => app!.notifications.length === 2, 'the event and the summary', 5000);
    const pushed = app.pushes
      .filter((push) => push.channel === 'push:decisions')
      .flatMap((push) => push.payload as { key: string; decision: string }[]);
    expect(pushed).toEqual(['ticks:2', 'ticks:3', 'ticks:4'].map((key) => ({ key, decision: 'coalesced' })));
    const page = value<{ events: { key: string; decision: string | null }[] }>(
      await app.core.handle('history:query', { feedId: 'ticks' }),
    );
    expect(page.events.map((event) => [event.key, event.decision]).reverse()).toEqual([
      ['ticks:1', 'notified'],
      ['ticks:2', 'coalesced'],
      ['ticks:3', 'coalesced'],
      ['ticks:4', 'coalesced'],
    ]);
  });
});
