import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { IncomingHttpHeaders } from 'node:http';
import type { EventActionsView } from '../../../src/shared/actions.ts';
import { openStream, startTestServer, type TestServer } from '../../support/sse-server.ts';
import { appRoot, bootApp, removeAppRoot, until, valueOf, type BootedApp } from './app-harness.ts';

const SECRET = 'tk_0123456789secret';

let booted: BootedApp | undefined;
const servers: TestServer[] = [];
beforeAll(async () => void (await appRoot()));
afterAll(removeAppRoot);
afterEach(async () => {
  await booted?.close();
  booted = undefined;
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

interface Seen {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A server that streams one alert at `/` and records every other request (answering 204). */
async function recordingServer(
  alert: Record<string, unknown> | null,
): Promise<{ server: TestServer; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = await startTestServer((req, res) => {
    if (req.method === 'GET' && req.url === '/' && alert) {
      openStream(res);
      res.write(`id: 1\ndata: ${JSON.stringify(alert)}\n\n`);
      return;
    }
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  servers.push(server);
  return { server, seen };
}

describe('action buttons in the whole app', () => {
  it("a button on a macOS notification sends exactly one request with the feed's secret header; a foreign host is refused, in words, with nothing sent", async () => {
    const ops = await recordingServer({ alert_id: 'a1', title: 'Disk full' });
    const foreign = await recordingServer(null);
    booted = await bootApp({ host: { platform: 'darwin' } });
    valueOf(
      await booted.invoke('feeds:add', {
        id: 'ops',
        name: 'Ops',
        url: ops.server.url,
        headers: [{ name: 'X-Token', value: SECRET, secret: true }],
        mapping: { title: '/title' },
        notify: { minIntervalS: 0 },
        actions: [
          { id: 'ack', label: 'Acknowledge', url: '/ack/{/alert_id}', body: '{{"by":"feedtray"}}' },
          { id: 'elsewhere', label: 'Elsewhere', url: `${foreign.server.url}/x/{/alert_id}` },
        ],
      }),
    );
    await until(() => booted!.fake.notifications.length === 1, 'the alert’s notification');
    const shown = booted.fake.notifications[0]!;
    expect(shown.options.title).toBe('Ops: Disk full');
    expect(shown.options.actions).toEqual([
      { type: 'button', text: 'Acknowledge' },
      { type: 'button', text: 'Elsewhere' },
    ]);

    shown.pressAction(0);
    await until(() => booted!.fake.notifications.length === 2, 'the answer to the press');
    expect(ops.seen).toHaveLength(1);
    expect(ops.seen[0]).toMatchObject({ method: 'POST', path: '/ack/a1', body: '{"by":"feedtray"}' });
    expect(ops.seen[0]!.headers['x-token']).toBe(SECRET);
    expect(booted.fake.notifications[1]!.options).toMatchObject({
      title: 'Ops: Acknowledge',
      body: 'Acknowledged',
      silent: true,
    });

    shown.pressAction(1);
    await until(() => booted!.fake.notifications.length === 3, 'the refusal');
    const foreignHost = new URL(foreign.server.url).host;
    expect(booted.fake.notifications[2]!.options.body).toBe(
      `Refused: ${foreignHost} is not this feed's server`,
    );
    expect(foreign.seen).toEqual([]);
    expect(ops.seen).toHaveLength(1); // never retried

    // The window's detail lists the buttons and both results, newest first.
    const view = valueOf<EventActionsView>(await booted.invoke('actions:list', { eventKey: 'ops:1' }));
    expect(view.buttons.map((button) => button.label)).toEqual(['Acknowledge', 'Elsewhere']);
    expect(view.results.map((result) => `${result.label}: ${result.message}`)).toEqual([
      `Elsewhere: Refused: ${foreignHost} is not this feed's server`,
      'Acknowledge: Acknowledged',
    ]);
  });
});
