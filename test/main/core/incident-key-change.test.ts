import { afterEach, describe, expect, it } from 'vitest';
import type { IncidentView, IpcResult } from '../../../src/shared/ipc.ts';
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

describe('changing a feed’s incident key', () => {
  it('resolves the incidents no later event can reach, and tells the window', async () => {
    server = await startTestServer((_req, res) => {
      openStream(res);
      res.write(`id: 1\ndata: ${JSON.stringify({ alert_id: 'cpu', title: 'CPU 95%' })}\n\n`);
    });
    app = await bootCore();
    const feed = {
      id: 'ops',
      name: 'Ops',
      url: server.url,
      mapping: { title: '/title' },
      incident: { key: '/alert_id' },
    };
    value(await app.core.handle('feeds:add', feed));
    await waitFor(() => app!.core.eventsDelivered === 1, 'the alert');
    const [open] = value<IncidentView[]>(await app.core.handle('incidents:list', {}));
    expect(open).toMatchObject({ key: 'cpu', status: 'open' });
    expect(app.core.tray().openIncidents).toBe(1);

    // Renaming the key (or turning tracking off) leaves nothing that could resolve the old ones.
    value(await app.core.handle('feeds:update', { ...feed, incident: { key: '/labels/alertname' } }));
    const [after] = value<IncidentView[]>(await app.core.handle('incidents:list', {}));
    expect(after).toMatchObject({ id: open!.id, status: 'resolved' });
    expect(after!.resolvedAt).toBeGreaterThanOrEqual(open!.lastAt);
    expect(app.core.tray().openIncidents).toBe(0);
    await waitFor(
      () =>
        app!.pushes.some(
          (push) =>
            push.channel === 'push:incidents' &&
            (push.payload as IncidentView[]).some((incident) => incident.status === 'resolved'),
        ),
      'the window told',
    );

    // Saving the feed again without touching the key resolves nothing more.
    value(
      await app.core.handle('feeds:update', {
        ...feed,
        name: 'Ops alerts',
        incident: { key: '/labels/alertname' },
      }),
    );
    expect(value<IncidentView[]>(await app.core.handle('incidents:list', {}))).toHaveLength(1);
  });
});
