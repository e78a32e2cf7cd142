import { readFile, writeFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FeedEvent, FeedStatus } from '../../../src/shared/feed.ts';
import type { AppState, IpcResult } from '../../../src/shared/ipc.ts';
import type { RedactedFeed } from '../../../src/shared/settings.ts';
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

function value<T>(result: IpcResult<unknown>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

const pushed = <T>(channel: string) =>
  app!.pushes
    .filter((p) => p.channel === channel)
    .flatMap((p) => (Array.isArray(p.payload) ? (p.payload as T[]) : [p.payload as T]));

describe('FeedTrayCore', () => {
  it('offers the demo on first run and brings three demo feeds to open with events flowing', async () => {
    app = await bootCore();
    expect(value<AppState>(await app.core.handle('app:state', undefined)).firstRun).toBe(true);
    const feeds = value<RedactedFeed[]>(await app.core.handle('feeds:addDemo', undefined));
    expect(feeds.map((f) => f.id)).toEqual(['demo-news', 'demo-alerts', 'demo-rates']);
    await waitFor(
      () =>
        app!.core.statuses().every((s) => s.state === 'open') &&
        ['demo-news', 'demo-alerts', 'demo-rates'].every((id) =>
          pushed<FeedEvent>('push:events').some((e) => e.feedId === id),
        ),
      'demo open with events from every feed',
    );
    expect(value<AppState>(await app.core.handle('app:state', undefined)).firstRun).toBe(false);
    const events = pushed<FeedEvent>('push:events');
    const rate = events.find((e) => e.feedId === 'demo-rates')!;
    expect(rate.value).toBeGreaterThan(0);
    expect(rate.title).toMatch(/^[A-Z]{3}\/CNY$/);
    const news = events.find((e) => e.feedId === 'demo-news')!;
    expect(news.link).toMatch(/^https:\/\//);
    expect(pushed<FeedStatus>('push:statuses').some((s) => s.state === 'open')).toBe(true);
  });

  it('rejects malformed requests with a clear error and changes nothing', async () => {
    app = await bootCore();
    const before = await readdir(app.dir);
    const bad: [string, unknown][] = [
      ['feeds:add', { name: 'x', url: 'javascript:alert(1)' }],
      ['feeds:add', { name: '', url: 'http://127.0.0.1:1/' }],
      ['feeds:add', 'not an object'],
      ['feeds:update', { id: '../../etc', name: 'x', url: 'http://127.0.0.1:1/' }],
      ['feeds:remove', { id: 'x', extra: true }],
      ['prefs:set', { historySize: 1e9 }],
      ['prefs:set', { language: 'klingon' }],
      ['app:openLink', { url: 'file:///etc/passwd' }],
      ['history:query', { limit: -1 }],
      ['no:such-channel', {}],
    ];
    for (const [channel, request] of bad) {
      const result = await app.core.handle(channel, request);
      expect(result.ok, `${channel} ${JSON.stringify(request)}`).toBe(false);
      if (!result.ok) expect(result.error.message.length).toBeGreaterThan(10);
    }
    expect(value<RedactedFeed[]>(await app.core.handle('feeds:list', undefined))).toEqual([]);
    expect(await readdir(app.dir)).toEqual(before);
    expect(app.opened).toEqual([]);
  });

  it('keeps secret header values out of the settings file and out of every response', async () => {
    server = await startTestServer((_req, res) => {
      openStream(res);
      res.write('data: hello\n\n');
    });
    app = await bootCore();
    const token = 'Bearer s3cr3t-t0ken-value';
    const added = value<RedactedFeed>(
      await app.core.handle('feeds:add', {
        name: 'Private',
        url: server.url,
        headers: [{ name: 'Authorization', value: token, secret: true }],
      }),
    );
    expect(JSON.stringify(added)).not.toContain('s3cr3t');
    expect(added.headers[0]).toMatchObject({ name: 'Authorization', secret: true, value: '', isSet: true });
    await waitFor(() => server!.requests.length > 0, 'request');
    expect(server.requests[0]!.headers.authorization).toBe(token);
    const file = await readFile(join(app.dir, 'settings.json'), 'utf8');
    expect(file).not.toContain('s3cr3t');
    expect(JSON.stringify(value(await app.core.handle('settings:export', undefined)))).not.toContain(
      's3cr3t',
    );
    // Editing the name while keeping the secret keeps sending it.
    value(
      await app.core.handle('feeds:update', {
        ...added,
        name: 'Renamed',
        headers: [{ name: 'Authorization', secret: true, value: '', keep: true }],
      }),
    );
    const listed = value<RedactedFeed[]>(await app.core.handle('feeds:list', undefined));
    expect(listed[0]!.name).toBe('Renamed');
    expect(listed[0]!.headers[0]).toMatchObject({ isSet: true });
  });

  it('turns a burst of 1,000 events into a few notifications and a few IPC messages', async () => {
    server = await startTestServer((_req, res) => {
      openStream(res);
      let frames = '';
      for (let id = 1; id <= 1000; id++) frames += `id: ${id}\ndata: {"title":"Tick ${id}"}\n\n`;
      res.write(frames);
    });
    app = await bootCore();
    value(
      await app.core.handle('feeds:add', { name: 'Burst', url: server.url, mapping: { title: '/title' } }),
    );
    await waitFor(() => app!.core.eventsDelivered === 1000, '1000 events');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(app.notifications.length).toBeGreaterThanOrEqual(1);
    expect(app.notifications.length).toBeLessThanOrEqual(3);
    expect(app.notifications[0]!.title).toBe('Burst: Tick 1');
    const eventMessages = app.pushes.filter((p) => p.channel === 'push:events');
    expect(eventMessages.length).toBeLessThan(20);
    expect(eventMessages.flatMap((p) => p.payload as FeedEvent[])).toHaveLength(1000);
  });

  it('after a restart resumes with Last-Event-ID and neither repeats events nor notifications', async () => {
    server = await startTestServer((req, res) => {
      openStream(res);
      // A server that replays its whole history on every connection, ignoring Last-Event-ID.
      res.write('id: 1\ndata: one\n\nid: 2\ndata: two\n\n');
    });
    app = await bootCore();
    value(await app.core.handle('feeds:add', { id: 'replay', name: 'Replay', url: server.url }));
    await waitFor(() => app!.core.eventsDelivered === 2, 'two events');
    const firstNotifications = app.notifications.length;
    const dir = app.dir;
    await app.stop({ keepDir: true });
    app = await bootCore({ dir });
    await waitFor(
      () => server!.requests.length === 2 && app!.core.status('replay')?.state === 'open',
      'reconnected',
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.requests[1]!.headers['last-event-id']).toBe('2');
    expect(app.core.eventsDelivered).toBe(0);
    expect(app.notifications).toHaveLength(0);
    expect(firstNotifications).toBeGreaterThan(0);
    const page = value<{ total: number }>(await app.core.handle('history:query', { feedId: 'replay' }));
    expect(page.total).toBe(2);
  });

  it('keeps a corrupt settings file aside, starts with defaults and tells the user', async () => {
    const first = await bootCore();
    const dir = first.dir;
    await first.stop({ keepDir: true });
    await writeFile(join(dir, 'settings.json'), '{"version": 1, "feeds": [ oops');
    app = await bootCore({ dir });
    const state = value<AppState>(await app.core.handle('app:state', undefined));
    expect(state.problems[0]).toMatchObject({ code: 'corrupt-settings' });
    const kept = (await readdir(dir)).filter((name) => name.startsWith('settings.corrupt-'));
    expect(kept).toHaveLength(1);
    expect(await readFile(join(dir, kept[0]!), 'utf8')).toBe('{"version": 1, "feeds": [ oops');
  });

  it('queues into unread instead of notifying during do-not-disturb, and marks read', async () => {
    server = await startTestServer((_req, res) => {
      openStream(res);
      res.write('id: 1\ndata: quiet please\n\n');
    });
    app = await bootCore();
    value(await app.core.handle('app:setDoNotDisturb', { manual: true }));
    value(await app.core.handle('feeds:add', { id: 'dnd', name: 'DND', url: server.url }));
    await waitFor(() => app!.core.eventsDelivered === 1, 'event');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(app.notifications).toHaveLength(0);
    const state = value<AppState>(await app.core.handle('app:state', undefined));
    expect(state).toMatchObject({ totalUnread: 1, doNotDisturb: { manual: true, active: true } });
    const after = value<AppState>(await app.core.handle('history:markRead', { feedId: 'dnd' }));
    expect(after.totalUnread).toBe(0);
  });
});
