import type { ServerResponse } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { IpcResult } from '../../../src/shared/ipc.ts';
import { bootCore, type CoreUnderTest } from '../../support/core-harness.ts';
import { openStream, startTestServer, waitFor, type TestServer } from '../../support/sse-server.ts';

let app: CoreUnderTest | undefined;
let server: TestServer | undefined;
let dir: string | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
  await server?.close();
  server = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

function value<T>(result: IpcResult<unknown>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

describe('rules across a restart', () => {
  it('a crossing between the last event before a restart and the first after it notifies', async () => {
    // Each connection resumes after the last id it saw: the first run gets 7.18, the second 7.21.
    const ticks = [7.15, 7.18, 7.21];
    server = await startTestServer((req, res) => {
      openStream(res);
      const after = Number(req.headers['last-event-id'] ?? 0);
      const upTo = after === 0 ? 2 : 3;
      for (let id = after + 1; id <= upTo; id++)
        res.write(`id: ${id}\ndata: ${JSON.stringify({ pair: 'USD/CNY', rate: ticks[id - 1] })}\n\n`);
    });
    dir = await mkdtemp(join(tmpdir(), 'feedtray-rules-'));
    app = await bootCore({ dir });
    value(
      await app.core.handle('feeds:add', {
        id: 'rates',
        name: 'Rates',
        url: server.url,
        mapping: { title: '/pair', value: '/rate' },
        notify: { minIntervalS: 0 },
        rules: [
          {
            name: 'Above 7.20',
            conditions: [{ op: 'crossesAbove', field: '', level: 7.2 }],
            message: '{title} crossed {value}',
          },
          { name: 'Quiet', conditions: [], outcome: { kind: 'quiet' } },
        ],
      }),
    );
    await waitFor(() => app!.core.eventsDelivered === 2, 'the first run’s two ticks');
    expect(app.notifications).toEqual([]);
    await app.stop({ keepDir: true });

    app = await bootCore({ dir });
    await waitFor(() => app!.core.eventsDelivered === 1, 'the tick after the restart');
    expect(app.notifications.map((n) => n.title)).toEqual(['Rates: USD/CNY crossed 7.21']);
  });

  it('a rule saved later judges the next value against the history before it, as its preview did', async () => {
    let stream: ServerResponse | undefined;
    const tick = (id: number, rate: number) =>
      stream!.write(`id: ${id}\ndata: ${JSON.stringify({ pair: 'USD/CNY', rate })}\n\n`);
    server = await startTestServer((_req, res) => {
      openStream(res);
      stream = res;
    });
    app = await bootCore();
    const feed = {
      id: 'rates',
      name: 'Rates',
      url: server.url,
      mapping: { title: '/pair', value: '/rate' },
      notify: { minIntervalS: 0, enabled: false },
    };
    value(await app.core.handle('feeds:add', feed));
    await waitFor(() => stream !== undefined, 'the stream');
    tick(1, 7.15);
    tick(2, 7.18);
    await waitFor(() => app!.core.eventsDelivered === 2, 'two ticks before any rule');
    value(
      await app.core.handle('feeds:update', {
        ...feed,
        notify: { minIntervalS: 0 },
        rules: [
          {
            name: 'Above 7.20',
            conditions: [{ op: 'crossesAbove', field: '', level: 7.2 }],
            message: '{title} crossed {value}',
          },
          { name: 'Quiet', conditions: [], outcome: { kind: 'quiet' } },
        ],
      }),
    );
    // The rebuild reads history asynchronously; a round trip through the store lets it land.
    await app.core.handle('history:query', { feedId: 'rates' });
    tick(3, 7.21);
    await waitFor(() => app!.notifications.length === 1, 'the crossing');
    expect(app.notifications.map((n) => n.title)).toEqual(['Rates: USD/CNY crossed 7.21']);
  });
});
