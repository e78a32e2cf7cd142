// Action buttons against real local servers: the feed's own server (which also streams the event) and
// a second server on another port, a foreign origin as far as the feed is concerned.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { ActionResult, EventActionsView } from '../../../src/shared/actions.ts';
import type { FeedEvent } from '../../../src/shared/feed.ts';
import type { IpcResult } from '../../../src/shared/ipc.ts';
import { bootCore, type CoreUnderTest } from '../../support/core-harness.ts';
import { openStream, startTestServer, waitFor, type TestServer } from '../../support/sse-server.ts';

const SECRET = 's3cret-token';

/** What a server saw of one request, body included. */
interface Seen {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let app: CoreUnderTest | undefined;
const servers: TestServer[] = [];
afterEach(async () => {
  await app?.stop();
  app = undefined;
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A server that records every request with its body, then answers with `respond`. */
async function recordingServer(
  respond: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ server: TestServer; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = await startTestServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      respond(req, res);
    });
  });
  servers.push(server);
  return { server, seen };
}

function value<T>(result: IpcResult<unknown>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** The feed's server: `/stream` sends one ntfy-like event; the rest answer as their path says. */
async function feedServer(foreignUrl: string) {
  return recordingServer((req, res) => {
    const path = req.url ?? '';
    if (path === '/stream') {
      openStream(res);
      const data = JSON.stringify({
        id: 'a1',
        message: 'Disk full on db-1',
        actions: [
          {
            action: 'http',
            label: 'Mute',
            url: `${foreignUrl}/mute`,
            headers: { 'X-Key': 'k1' },
            body: 'mute',
          },
          { action: 'http', label: 'Close', url: `${serverUrl}/close`, method: 'PUT' },
          { action: 'view', label: 'Open', url: 'https://status.example/a1' },
        ],
      });
      res.write(`id: 1\ndata: ${data}\n\n`);
      return;
    }
    if (path.startsWith('/fail')) res.writeHead(500).end('boom');
    else if (path.startsWith('/redirect')) res.writeHead(302, { Location: `${foreignUrl}/landing` }).end();
    else if (path.startsWith('/slow'))
      return; // never answers
    else res.writeHead(204).end();
  });
}
let serverUrl = '';

async function setUp(options: { actionTimeoutMs?: number } = {}) {
  const foreign = await recordingServer((_req, res) => res.writeHead(200).end('ok'));
  const own = await feedServer(foreign.server.url);
  serverUrl = own.server.url;
  const foreignHost = new URL(foreign.server.url).host;
  app = await bootCore(options);
  value(
    await app.core.handle('feeds:add', {
      id: 'ops',
      name: 'Ops',
      url: `${own.server.url}/stream`,
      headers: [{ name: 'X-Token', value: SECRET, secret: true }],
      mapping: { title: '/message', actions: '/actions' },
      actions: [
        { id: 'ack', label: 'Acknowledge', url: '/ack/{/id}', body: '{"alert":"{/id}","by":"feedtray"}' },
        { id: 'fail', label: 'Fail', url: '/fail' },
        { id: 'redirect', label: 'Redirect', url: '/redirect' },
        { id: 'slow', label: 'Slow', url: '/slow' },
        { id: 'foreign', label: 'Elsewhere', url: `${foreign.server.url}/ack/{/id}` },
        { id: 'allowed', label: 'Allowed', url: `${foreign.server.url}/ack/{/id}`, allowHost: foreignHost },
        { id: 'missing', label: 'Missing', url: '/ack/{/incident}' },
      ],
    }),
  );
  await waitFor(
    () => app!.pushes.some((p) => p.channel === 'push:events' && (p.payload as FeedEvent[]).length > 0),
    'the event',
  );
  await app.core.flushHistory();
  const requestsBefore = own.seen.length;
  const press = async (actionId: string) =>
    value<ActionResult>(await app!.core.handle('actions:run', { eventKey: 'ops:1', actionId }));
  return { own, foreign, press, ownRequests: () => own.seen.slice(requestsBefore) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

describe('action buttons', () => {
  it("sends exactly one request with the feed's secret header and records it", async () => {
    const { press, ownRequests } = await setUp();
    const result = await press('feed:ack');
    expect(result).toMatchObject({ actionId: 'feed:ack', label: 'Acknowledge', ok: true, status: 204 });
    expect(result.message).toBe('Acknowledged');
    await settle();
    const sent = ownRequests();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      method: 'POST',
      path: '/ack/a1',
      body: '{"alert":"a1","by":"feedtray"}',
    });
    expect(sent[0]!.headers['x-token']).toBe(SECRET);
    expect(sent[0]!.headers['content-type']).toBe('application/json');
    const view = value<EventActionsView>(await app!.core.handle('actions:list', { eventKey: 'ops:1' }));
    expect(view.results).toEqual([result]);
  });

  it("puts the event's first buttons on its notification, and answers a press there with a silent one", async () => {
    const { ownRequests } = await setUp();
    await waitFor(() => app!.notifications.length > 0, 'the notification');
    expect(app!.notifications[0]!.actions).toEqual([
      { id: 'server:0', label: 'Mute' },
      { id: 'server:1', label: 'Close' },
      { id: 'server:2', label: 'Open' },
    ]);
    await app!.core.pressNotificationAction('ops:1', 'feed:ack');
    expect(ownRequests()).toHaveLength(1);
    expect(app!.notifications.at(-1)).toMatchObject({
      title: 'Ops: Acknowledge',
      body: 'Acknowledged',
      eventKey: 'ops:1',
      sound: 'none',
    });
    expect(app!.notifications.at(-1)!.actions).toBeUndefined();
    // A link opened from a notification needs no answer of its own.
    const shown = app!.notifications.length;
    await app!.core.pressNotificationAction('ops:1', 'server:2');
    expect(app!.opened).toEqual(['https://status.example/a1']);
    expect(app!.notifications).toHaveLength(shown);
  });

  it('refuses a foreign host in words before any request, and lets the allowed host through', async () => {
    const { press, foreign } = await setUp();
    const refused = await press('feed:foreign');
    expect(refused).toMatchObject({ ok: false, status: null });
    expect(refused.message).toBe(`Refused: ${new URL(foreign.server.url).host} is not this feed's server`);
    await settle();
    expect(foreign.seen).toHaveLength(0);

    const allowed = await press('feed:allowed');
    expect(allowed).toMatchObject({ ok: true, status: 200 });
    expect(foreign.seen).toHaveLength(1);
    expect(foreign.seen[0]).toMatchObject({ method: 'POST', path: '/ack/a1' });
    expect(foreign.seen[0]!.headers['x-token']).toBe(SECRET);
  });

  it('records a 500 and never retries it; reports a redirect without following it', async () => {
    const { press, ownRequests, foreign } = await setUp();
    const failed = await press('feed:fail');
    expect(failed).toMatchObject({ ok: false, status: 500, message: 'HTTP 500 Internal Server Error' });
    const redirected = await press('feed:redirect');
    expect(redirected).toMatchObject({ ok: false, status: 302 });
    expect(redirected.message).toContain(`redirected to ${new URL(foreign.server.url).host}`);
    await settle();
    expect(ownRequests().map((seen) => seen.path)).toEqual(['/fail', '/redirect']);
    expect(foreign.seen).toHaveLength(0);
    const view = value<EventActionsView>(await app!.core.handle('actions:list', { eventKey: 'ops:1' }));
    expect(view.results.map((result) => result.actionId)).toEqual(['feed:redirect', 'feed:fail']);
  });

  it('refuses a template field the event lacks, naming it, and gives up on a server that does not answer', async () => {
    const { press, ownRequests } = await setUp({ actionTimeoutMs: 300 });
    expect(await press('feed:missing')).toMatchObject({
      ok: false,
      message: "Refused: this event has no {/incident} for the action's address",
    });
    const slow = await press('feed:slow');
    expect(slow).toMatchObject({ ok: false, status: null, message: 'No answer within 300 ms' });
    await settle();
    expect(ownRequests().map((seen) => seen.path)).toEqual(['/slow']);
  });

  it("sends a server's http actions without the feed's secrets, to another origin and to its own", async () => {
    const { press, foreign, ownRequests } = await setUp();
    const view = value<EventActionsView>(await app!.core.handle('actions:list', { eventKey: 'ops:1' }));
    expect(view.buttons.map((button) => `${button.id} ${button.label} ${button.kind}`)).toEqual([
      'server:0 Mute http',
      'server:1 Close http',
      'server:2 Open view',
      'feed:ack Acknowledge http',
      'feed:fail Fail http',
      'feed:redirect Redirect http',
      'feed:slow Slow http',
      'feed:foreign Elsewhere http',
      'feed:allowed Allowed http',
      // `feed:missing` needs a field this event lacks: it could only be refused, so it is not offered.
    ]);
    expect(await press('server:0')).toMatchObject({ ok: true, status: 200 });
    expect(foreign.seen).toHaveLength(1);
    expect(foreign.seen[0]).toMatchObject({ method: 'POST', path: '/mute', body: 'mute' });
    expect(foreign.seen[0]!.headers['x-key']).toBe('k1');
    expect(foreign.seen[0]!.headers['x-token']).toBeUndefined();
    expect(JSON.stringify(foreign.seen[0]!.headers)).not.toContain(SECRET);

    expect(await press('server:1')).toMatchObject({ ok: true, status: 204 });
    expect(ownRequests()).toHaveLength(1);
    expect(ownRequests()[0]).toMatchObject({ method: 'PUT', path: '/close' });
    expect(ownRequests()[0]!.headers['x-token']).toBeUndefined();
    expect(JSON.stringify(ownRequests()[0]!.headers)).not.toContain(SECRET);

    expect(await press('server:2')).toMatchObject({ ok: true, status: null, message: 'Opened' });
    expect(app!.opened).toEqual(['https://status.example/a1']);
  });

  it('answers junk with a clear error and sends nothing', async () => {
    const { ownRequests, foreign } = await setUp();
    const junk: unknown[] = [
      undefined,
      'ops:1',
      { eventKey: 5, actionId: 'feed:ack' },
      { eventKey: 'ops:1', actionId: 'feed:../../x' },
      { eventKey: 'ops:1', actionId: 'server:999' },
      { eventKey: 'ops:1', actionId: 'feed:ack', extra: true },
      { eventKey: 'x'.repeat(5000), actionId: 'feed:ack' },
    ];
    for (const request of junk) {
      const result = await app!.core.handle('actions:run', request);
      expect(result.ok, JSON.stringify(request)?.slice(0, 80)).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('invalid-request');
    }
    const unknownEvent = await app!.core.handle('actions:run', {
      eventKey: 'ops:nope',
      actionId: 'feed:ack',
    });
    expect(unknownEvent).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const unknownAction = await app!.core.handle('actions:run', { eventKey: 'ops:1', actionId: 'feed:gone' });
    expect(unknownAction).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await app!.core.handle('actions:list', { eventKey: 'ops:nope' })).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: 'No event ops:nope is kept in history.' },
    });
    await settle();
    expect(ownRequests()).toEqual([]);
    expect(foreign.seen).toEqual([]);
  });
});
