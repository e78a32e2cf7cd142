import { cp, mkdtemp, rm } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryPageView, IncidentTimelineView, IncidentView } from '../../../src/shared/ipc.ts';
import { trayMenuOf } from '../../support/fake-electron.ts';
import { openStream, startTestServer, type TestServer } from '../../support/sse-server.ts';
import { appRoot, bootApp, removeAppRoot, until, valueOf, type BootedApp } from './app-harness.ts';

let booted: BootedApp | undefined;
let server: TestServer | undefined;
const folders: string[] = [];
beforeAll(async () => void (await appRoot()));
afterAll(removeAppRoot);
afterEach(async () => {
  await booted?.close();
  booted = undefined;
  await server?.close();
  server = undefined;
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

interface Alert {
  alert_id: string;
  status: 'firing' | 'resolved';
  summary: string;
  severity: string;
}

/**
 * A server that sends, on each connection, the alerts after the one the client last saw (ids count from
 * 1); `available` says how many it has on that connection (a restart's run hears the later ones).
 */
async function alertServer(alerts: Alert[], available = (_connection: number) => alerts.length) {
  let connections = 0;
  return startTestServer((req, res) => {
    openStream(res);
    const upTo = available(connections++);
    const after = Number(req.headers['last-event-id'] ?? 0);
    for (let index = after; index < upTo; index++)
      res.write(`id: ${index + 1}\ndata: ${JSON.stringify(alerts[index])}\n\n`);
  });
}

/** An alerting feed with incident tracking; a minute's minimum interval, which replacements do not wait for. */
const opsFeed = (url: string) => ({
  id: 'ops',
  name: 'Ops',
  url,
  mapping: { title: '/summary', severity: '/severity' },
  notify: { minIntervalS: 60 },
  incident: {
    key: '/alert_id',
    resolvedWhen: { match: 'all', conditions: [{ op: 'equals', field: '/status', value: 'resolved' }] },
  },
});

async function decisions(app: BootedApp): Promise<string[]> {
  const page = valueOf<HistoryPageView>(await app.invoke('history:query', { feedId: 'ops' }));
  return page.events.map((event) => `${event.title}:${event.decision}`).reverse();
}

describe('incidents in the whole app', () => {
  it("an incident's three events give one notification, replaced twice and closed quietly", async () => {
    server = await alertServer([
      { alert_id: 'db-1', status: 'firing', summary: 'orders-db slow', severity: 'warning' },
      { alert_id: 'db-1', status: 'firing', summary: 'orders-db down', severity: 'critical' },
      { alert_id: 'db-1', status: 'resolved', summary: 'orders-db back', severity: 'info' },
    ]);
    booted = await bootApp();
    valueOf(await booted.invoke('feeds:add', opsFeed(server.url)));
    await until(() => booted!.app.core.eventsDelivered === 3, 'three events');

    const shown = booted.fake.notifications;
    expect(shown.map((n) => n.options.title)).toEqual([
      'Ops: orders-db slow',
      'Ops: orders-db down',
      'Resolved: orders-db down',
    ]);
    // Each replacement closed the one before; the resolution stays, quiet and not sticky.
    expect(shown.map((n) => n.closed)).toEqual([true, true, false]);
    expect(shown[2]!.options).toMatchObject({ silent: true, urgency: 'low', timeoutType: 'default' });
    // The escalation to urgent replaced the notification at once, at its own level.
    expect(shown[1]!.options).toMatchObject({ urgency: 'critical', timeoutType: 'never' });

    await booted.app.core.flushHistory();
    expect(await decisions(booted)).toEqual([
      'orders-db slow:notified',
      'orders-db down:replaced',
      'orders-db back:resolved',
    ]);
    const incidents = valueOf<IncidentView[]>(await booted.invoke('incidents:list', {}));
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ key: 'db-1', status: 'resolved', count: 3, severity: 5 });
    const timeline = valueOf<IncidentTimelineView>(
      await booted.invoke('incidents:timeline', { id: incidents[0]!.id }),
    );
    expect(timeline.events.map((event) => [event.title, event.incident])).toEqual([
      ['orders-db back', 'db-1'],
      ['orders-db down', 'db-1'],
      ['orders-db slow', 'db-1'],
    ]);
    // The window heard of the incident without asking.
    await until(
      () => pushedIncidents(booted!).some((incident) => incident.status === 'resolved'),
      'push:incidents with the resolution',
    );
  });

  it('keeps an open incident across a restart: its next event updates it and notifies under its tag', async () => {
    const alerts: Alert[] = [
      { alert_id: 'cpu', status: 'firing', summary: 'CPU 95%', severity: 'high' },
      { alert_id: 'cpu', status: 'firing', summary: 'CPU 99%', severity: 'high' },
    ];
    // The first run hears the first alert only; after the restart, the server has the second.
    server = await alertServer(alerts, (connection) => (connection === 0 ? 1 : alerts.length));
    const first = await bootApp();
    valueOf(await first.invoke('feeds:add', opsFeed(server.url)));
    await until(() => first.app.core.eventsDelivered === 1, 'the first alert');
    const [opened] = valueOf<IncidentView[]>(await first.invoke('incidents:list', {}));
    expect(opened).toMatchObject({ key: 'cpu', status: 'open', count: 1 });
    first.fake.app.quit();
    await first.app.stopped;
    const kept = await mkdtemp(join(tmpdir(), 'feedtray-incidents-kept-'));
    folders.push(kept, first.userData);
    await cp(first.userData, kept, { recursive: true });

    booted = await bootApp({ prepare: (userData) => cp(kept, userData, { recursive: true }) });
    await until(() => booted!.app.core.eventsDelivered === 1, 'the second alert after the restart');
    const [after] = valueOf<IncidentView[]>(await booted.invoke('incidents:list', {}));
    expect(after).toMatchObject({ id: opened!.id, status: 'open', count: 2, title: 'CPU 99%' });
    // A new run has no notification showing for it: the event is decided as usual and shows.
    expect(booted.fake.notifications.map((n) => n.options.title)).toEqual(['Ops: CPU 99%']);
    // The tray points at it, and opens the window on the Incidents view.
    await until(() => trayMenuOf(booted!.fake).labels().includes('1 open incident…'), 'the tray entry');
    trayMenuOf(booted.fake).click('1 open incident…');
    await until(
      () => booted!.window.webContents.sent.some((m) => m.channel === 'push:show'),
      'the window asked to show the Incidents view',
    );
    expect(booted.window.webContents.sent.filter((m) => m.channel === 'push:show').at(-1)?.payload).toEqual({
      view: 'incidents',
    });
  });

  it('an incident someone acknowledged says so, and its next update replaces the notification without a sound', async () => {
    let stream: ServerResponse | undefined;
    const posts: string[] = [];
    server = await startTestServer((req, res) => {
      if (req.method === 'POST') {
        posts.push(req.url ?? '');
        res.writeHead(204).end();
        return;
      }
      openStream(res);
      stream = res;
    });
    const send = (id: number, alert: Alert) => stream!.write(`id: ${id}\ndata: ${JSON.stringify(alert)}\n\n`);
    booted = await bootApp({ host: { platform: 'darwin' } });
    valueOf(
      await booted.invoke('feeds:add', {
        ...opsFeed(server.url),
        actions: [{ id: 'ack', label: 'Acknowledge', url: '/alerts/{/alert_id}/ack' }],
      }),
    );
    await until(() => stream !== undefined, 'the stream');
    send(1, { alert_id: 'db-1', status: 'firing', summary: 'orders-db lag 10 s', severity: 'info' });
    await until(() => booted!.fake.notifications.length === 1, 'the first notification');
    booted.fake.notifications[0]!.pressAction(0);
    await until(() => booted!.fake.notifications.length === 2, 'the answer to the press');
    expect(posts).toEqual(['/alerts/db-1/ack']);
    const [acted] = valueOf<IncidentView[]>(await booted.invoke('incidents:list', {}));
    expect(acted).toMatchObject({ key: 'db-1', status: 'open', actedBy: 'Acknowledge' });
    expect(acted!.actedAt).toBeGreaterThan(0);
    await until(
      () => pushedIncidents(booted!).some((incident) => incident.actedBy === 'Acknowledge'),
      'the window told',
    );

    // Worse news (info → warning) would sound; someone is on it, so the replacement is silent.
    send(2, { alert_id: 'db-1', status: 'firing', summary: 'orders-db lag 40 s', severity: 'warning' });
    await until(() => booted!.fake.notifications.length === 3, 'the replacement');
    expect(booted.fake.notifications[2]!.options).toMatchObject({
      title: 'Ops: orders-db lag 40 s',
      id: `incident:${acted!.id}`,
      silent: true,
    });
  });
});

function pushedIncidents(app: BootedApp): IncidentView[] {
  return app.window.webContents.sent
    .filter((message) => message.channel === 'push:incidents')
    .flatMap((message) => message.payload as IncidentView[]);
}
