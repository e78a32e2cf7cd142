import type { ServerResponse } from 'node:http';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { openStream, startTestServer, type TestServer } from '../support/sse-server.ts';
import { openTab, texts, useApps } from './helpers.ts';

let server: TestServer | undefined;
/** Paths the "Acknowledge" button posted to. */
const acks: string[] = [];
afterEach(async () => {
  acks.length = 0;
  await server?.close();
  server = undefined;
});

interface Alert {
  alert_id: string;
  status: 'firing' | 'resolved';
  summary: string;
  severity: string;
}

const ALERTS: Alert[] = [
  { alert_id: 'db-1', status: 'firing', summary: 'orders-db replication lag 40 s', severity: 'warning' },
  { alert_id: 'cpu-7', status: 'firing', summary: 'api-7 CPU 92%', severity: 'high' },
  { alert_id: 'db-1', status: 'firing', summary: 'orders-db primary down', severity: 'critical' },
  { alert_id: 'disk-3', status: 'firing', summary: 'logs-3 disk 91% full', severity: 'warning' },
  { alert_id: 'cpu-7', status: 'firing', summary: 'api-7 CPU 97%', severity: 'high' },
  { alert_id: 'db-1', status: 'resolved', summary: 'orders-db primary back', severity: 'info' },
];

/**
 * An alert stream: sends ALERTS on connect, a few milliseconds apart (so "newest activity first" has
 * an order to follow, even when chunks coalesce), and keeps the response for later ones.
 */
async function alertStream(): Promise<{ send(alert: Alert): void }> {
  let stream: ServerResponse | null = null;
  let id = 0;
  const write = (alert: Alert) => stream?.write(`id: ${++id}\ndata: ${JSON.stringify(alert)}\n\n`);
  server = await startTestServer((req, res) => {
    if (req.method === 'POST') {
      acks.push(req.url ?? '');
      res.writeHead(204).end();
      return;
    }
    openStream(res);
    stream = res;
    ALERTS.forEach((alert, index) => setTimeout(() => write(alert), index * 25));
  });
  return { send: write };
}

const opsFeed = (url: string) => ({
  id: 'ops',
  name: 'Ops alerts',
  url,
  mapping: { title: '/summary', severity: '/severity' },
  actions: [{ id: 'ack', label: 'Acknowledge', url: '/alerts/{/alert_id}/ack' }],
  incident: {
    key: '/alert_id',
    resolvedWhen: {
      match: 'all' as const,
      conditions: [{ op: 'equals' as const, field: '/status', value: 'resolved' }],
    },
  },
});

describe('the Incidents view', () => {
  const apps = useApps();

  test('lists incidents open first, shows a timeline, follows live changes and is captured for the README', async () => {
    const alerts = await alertStream();
    const app = await apps.start({
      before: async ({ invoke }) => void (await invoke('feeds:add', opsFeed(server!.url))),
    });
    const { page } = app;
    await expect.poll(() => app.core.eventsDelivered, { timeout: 20_000 }).toBe(ALERTS.length);
    await openTab(page, 'Incidents');
    const list = page.getByRole('list', { name: 'Incidents, open first' });
    await expect.poll(() => list.locator('.incident-item').count()).toBe(3);
    // Open ones first (newest activity first), then the resolved one.
    expect(await texts(page, '.incident-title')).toEqual([
      'api-7 CPU 97%',
      'logs-3 disk 91% full',
      'orders-db primary back',
    ]);
    expect(await texts(page, '.incident-status')).toEqual(['Open', 'Open', 'Resolved']);
    expect(await texts(page, '.incident-count')).toEqual(['2 events', '1 event', '3 events']);
    expect(await page.locator('.incident-item').first().locator('.severity-chip').textContent()).toBe('High');
    expect(await page.locator('.incident-item').last().locator('.severity-chip').textContent()).toBe(
      'Urgent',
    );
    await expect.poll(() => page.locator('.incidents-summary').textContent()).toBe('2 open · 3 shown');

    // The resolved incident's timeline: its three events, newest first, each with why it did or did not notify.
    await list.getByRole('button', { name: /orders-db primary back/ }).click();
    const timeline = page.getByRole('list', { name: 'The incident’s events, newest first' });
    await expect.poll(() => timeline.locator('.incident-event').count()).toBe(3);
    expect(await texts(page, '.incident-event-title')).toEqual([
      'orders-db primary back',
      'orders-db primary down',
      'orders-db replication lag 40 s',
    ]);
    expect(await texts(page, '.incident-event .history-decision')).toEqual([
      'Resolved its incident',
      'Updated its incident’s notification',
      'Notified',
    ]);
    expect(await page.locator('.incident-timeline-title').textContent()).toBe('orders-db primary back');
    expect(await page.locator('.incident-key').textContent()).toBe('Key db-1 · Ops alerts');
    // Main showed one notification for it, replaced and then resolved quietly.
    expect(app.notifications.filter((n) => n.tag === app.notifications[0]!.tag).map((n) => n.title)).toEqual([
      'Ops alerts: orders-db replication lag 40 s',
      'Ops alerts: orders-db primary down',
      'Resolved: orders-db primary down',
    ]);

    // On call, the incident is where one acts: its newest event's buttons are in the timeline.
    await page.locator('.incident-timeline').getByRole('button', { name: 'Acknowledge' }).click();
    await page.locator('.incident-timeline .action-result-ok').waitFor({ timeout: 10_000 });
    expect(acks).toEqual(['/alerts/db-1/ack']);

    await mkdir(join(process.cwd(), 'docs', 'screenshots'), { recursive: true });
    await page.screenshot({ path: join(process.cwd(), 'docs', 'screenshots', 'incidents.png') });

    // Live: the disk alert resolves; the list updates without a reload, the disk incident moves down.
    alerts.send({
      alert_id: 'disk-3',
      status: 'resolved',
      summary: 'logs-3 disk 60% full',
      severity: 'info',
    });
    await expect.poll(() => texts(page, '.incident-status')).toEqual(['Open', 'Resolved', 'Resolved']);
    expect(await texts(page, '.incident-title')).toEqual([
      'api-7 CPU 97%',
      'logs-3 disk 60% full',
      'orders-db primary back',
    ]);
    expect(app.errors).toEqual([]);
  });

  test('the feed editor edits the incident key and "resolved when", and keeps them on save', async () => {
    const app = await apps.start({
      before: async ({ invoke }) =>
        void (await invoke('feeds:add', { ...opsFeed('http://127.0.0.1:9/'), enabled: false })),
    });
    const { page } = app;
    await page.locator('.feed-row').getByRole('button', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit Ops alerts' });
    const key = dialog.getByLabel('Incident key (JSON pointer)');
    expect(await key.inputValue()).toBe('/alert_id');
    expect(await dialog.getByLabel('Resolved when the field (JSON pointer)').inputValue()).toBe('/status');
    expect(await dialog.getByLabel('… equals').inputValue()).toBe('resolved');
    await key.fill('labels/alertname');
    await dialog.getByRole('button', { name: 'Save' }).click();
    // Not a pointer: said next to the field, nothing saved.
    await expect
      .poll(() => dialog.getByText('An incident key is a JSON pointer like /alert_id').count())
      .toBe(1);
    await key.fill('/labels/alertname');
    await dialog.getByLabel('… equals').fill('ok');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(async () => (await app.invoke('feeds:list', undefined))[0]!.incident)
      .toEqual({
        key: '/labels/alertname',
        resolvedWhen: { match: 'all', conditions: [{ op: 'equals', field: '/status', value: 'ok' }] },
      });
  });

  test('says in words when there are no incidents yet', async () => {
    const app = await apps.start();
    await openTab(app.page, 'Incidents');
    await expect
      .poll(() => app.page.locator('.incidents-empty').textContent())
      .toMatch(/^No incidents yet\. Give a feed an incident key/);
    expect(await app.page.locator('.incidents-empty').isVisible()).toBe(true);
    expect(await app.page.locator('.incident-item').count()).toBe(0);
  });
});
