import { describe, expect, it } from 'vitest';
import {
  incidentTimeline,
  listIncidents,
  loadIncidents,
} from '../../../src/main/pipeline/history/incidents.ts';
import { IncidentTracker, OPEN_INCIDENTS_PER_FEED } from '../../../src/main/pipeline/incidents.ts';
import { FeedConfigSchema, type FeedConfig } from '../../../src/shared/feed.ts';
import { INCIDENT_KEY_MAX } from '../../../src/shared/incidents.ts';
import { inspectEvent } from '../../../src/shared/presentation/normalize.ts';
import { RuleEngine } from '../../../src/shared/rules/engine.ts';
import { useHistoryHarness } from './history/store-harness.ts';
import { rawEvent } from './make-event.ts';

const h = useHistoryHarness('incidents');

function alertsFeed(id = 'alerts'): FeedConfig {
  return FeedConfigSchema.parse({
    id,
    name: 'Alerts',
    url: 'http://127.0.0.1:1/',
    mapping: { title: '/summary', severity: '/severity' },
    incident: {
      key: '/alert_id',
      resolvedWhen: { conditions: [{ op: 'equals', field: '/status', value: 'resolved' }] },
    },
  });
}

/** A tracker writing through a real history store, as the app wires it. */
async function world(feed = alertsFeed()) {
  const store = h.open();
  await store.load();
  const tracker = new IncidentTracker(new RuleEngine());
  store.setCompanion(tracker);
  tracker.restore(await store.readWith(loadIncidents));
  let seq = 0;
  let at = 1_700_000_000_000;
  const deliver = (doc: unknown, data = JSON.stringify(doc)) => {
    at += 1000;
    seq += 1;
    const raw = rawEvent({ feedId: feed.id, id: String(seq), data, receivedAt: at });
    const { event, doc: parsed } = inspectEvent(raw, feed.mapping, seq, feed.severity);
    const step = tracker.observe(feed, event, parsed);
    store.append(event);
    return { event, step };
  };
  const list = () => store.readWith((db) => listIncidents(db, undefined, 100));
  return { store, tracker, deliver, list };
}

const firing = (alertId: unknown, summary: string, severity = 'warning') => ({
  alert_id: alertId,
  status: 'firing',
  summary,
  severity,
});

describe('IncidentTracker', () => {
  it('opens an incident on the first event, updates it with later ones and resolves it', async () => {
    const { deliver, list } = await world();
    const first = deliver(firing('db-1', 'orders-db slow'));
    expect(first.event.incident).toBe('db-1');
    expect(first.step).toMatchObject({ change: 'opened', incident: { status: 'open', count: 1 } });
    const second = deliver(firing('db-1', 'orders-db down', 'critical'));
    expect(second.step).toMatchObject({ change: 'updated', headline: 'orders-db slow' });
    expect(second.step!.incident.id).toBe(first.step!.incident.id);
    const third = deliver({
      alert_id: 'db-1',
      status: 'resolved',
      summary: 'orders-db ok',
      severity: 'info',
    });
    expect(third.step).toMatchObject({ change: 'resolved', headline: 'orders-db down' });

    const [incident] = await list();
    expect(incident).toMatchObject({
      id: first.step!.incident.id,
      feedId: 'alerts',
      key: 'db-1',
      status: 'resolved',
      title: 'orders-db ok',
      severity: 5,
      firstAt: first.event.receivedAt,
      lastAt: third.event.receivedAt,
      resolvedAt: third.event.receivedAt,
      count: 3,
      lastEvent: third.event.key,
    });
  });

  it('opens a new incident when a resolved key fires again, each with its own timeline', async () => {
    const { deliver, list, store } = await world();
    const before = deliver(firing(42, 'disk 90%')).step!.incident.id;
    deliver({ alert_id: 42, status: 'resolved', summary: 'disk 70%' });
    const again = deliver(firing(42, 'disk 95%'));
    expect(again.event.incident).toBe('42');
    expect(again.step).toMatchObject({ change: 'opened' });
    expect(again.step!.incident.id).not.toBe(before);

    const incidents = await list();
    expect(incidents.map((incident) => [incident.status, incident.title])).toEqual([
      ['open', 'disk 95%'],
      ['resolved', 'disk 70%'],
    ]);
    const old = await store.readWith((db) => incidentTimeline(db, before, 50));
    expect(old!.events.map((event) => event.title)).toEqual(['disk 70%', 'disk 90%']);
    const current = await store.readWith((db) => incidentTimeline(db, again.step!.incident.id, 50));
    expect(current!.events.map((event) => event.title)).toEqual(['disk 95%']);
    expect(await store.readWith((db) => incidentTimeline(db, 999, 50))).toBeNull();
  });

  it('keeps open incidents across a restart: the next event updates the same one', async () => {
    const first = await world();
    const opened = first.deliver(firing('cpu', 'CPU 95%')).step!.incident;
    await first.store.close();

    const second = await world();
    expect(second.tracker.openCount).toBe(1);
    const next = second.deliver(firing('cpu', 'CPU 99%'));
    expect(next.step).toMatchObject({ change: 'updated', incident: { id: opened.id, count: 2 } });
    // Ids keep counting from the database's highest, so a new incident never takes an old one's id.
    const other = second.deliver(firing('mem', 'memory 90%'));
    expect(other.step!.incident.id).toBeGreaterThan(opened.id);
    expect((await second.list()).map((incident) => [incident.key, incident.count])).toEqual([
      ['mem', 1],
      ['cpu', 2],
    ]);
  });

  it('keeps the first press that acted on an open incident, across a restart; a resolved one takes none', async () => {
    const first = await world();
    const opened = first.deliver(firing('cpu', 'CPU 95%')).step!.incident;
    expect(first.tracker.actedOn('alerts', 'cpu', 5000, 'Acknowledge')).toMatchObject({
      id: opened.id,
      actedAt: 5000,
      actedBy: 'Acknowledge',
    });
    // A second press (another button, later) does not rewrite who acted first.
    expect(first.tracker.actedOn('alerts', 'cpu', 9000, 'Escalate')).toMatchObject({
      actedBy: 'Acknowledge',
    });
    expect(first.tracker.actedOn('alerts', 'unknown', 9000, 'Acknowledge')).toBeNull();
    await first.store.close();

    const second = await world();
    expect(second.tracker.openIncident('alerts', 'cpu')).toMatchObject({
      actedAt: 5000,
      actedBy: 'Acknowledge',
    });
    second.deliver({ alert_id: 'cpu', status: 'resolved', summary: 'CPU back', severity: 'info' });
    expect(second.tracker.actedOn('alerts', 'cpu', 12_000, 'Acknowledge')).toBeNull();
    const [listed] = await second.list();
    expect(listed).toMatchObject({ status: 'resolved', actedAt: 5000, actedBy: 'Acknowledge' });
  });

  it('takes hostile keys and feed ids as plain text', async () => {
    const { deliver, list } = await world(alertsFeed('__proto__'));
    for (const key of ['__proto__', 'constructor', 'toString', '__proto__'])
      deliver(firing(key, `alert ${key}`));
    const incidents = await list();
    expect(incidents.map((incident) => [incident.feedId, incident.key, incident.count])).toEqual([
      ['__proto__', '__proto__', 2],
      ['__proto__', 'toString', 1],
      ['__proto__', 'constructor', 1],
    ]);
    expect(({} as Record<string, unknown>).count).toBeUndefined();
  });

  it('leaves events without a key outside any incident', async () => {
    const { deliver, list, tracker } = await world();
    for (const doc of [
      { status: 'firing', summary: 'no key' },
      { alert_id: null, summary: 'null key' },
      { alert_id: '   ', summary: 'blank key' },
      '"just a string"',
    ]) {
      const { event, step } = typeof doc === 'string' ? deliver(null, doc) : deliver(doc);
      expect(step).toBeNull();
      expect(event.incident).toBeUndefined();
    }
    const { event, step } = deliver(null, 'plain text, not JSON');
    expect([event.incident, step]).toEqual([undefined, null]);
    const untracked = FeedConfigSchema.parse({ id: 'plain', name: 'Plain', url: 'http://127.0.0.1:1/' });
    const raw = rawEvent({ feedId: 'plain', id: '1', data: JSON.stringify(firing('x', 'x')) });
    const inspected = inspectEvent(raw, untracked.mapping, 1, untracked.severity);
    expect(tracker.observe(untracked, inspected.event, inspected.doc)).toBeNull();
    expect(await list()).toEqual([]);
  });

  it('caps a huge key, and two events with the same huge key still meet', async () => {
    const { deliver } = await world();
    const huge = 'k'.repeat(100_000);
    const first = deliver(firing(huge, 'one'));
    const second = deliver(firing(huge, 'two'));
    expect(first.event.incident!.length).toBeLessThanOrEqual(INCIDENT_KEY_MAX);
    expect(second.step).toMatchObject({ change: 'updated', incident: { count: 2 } });
    // An object key is its JSON text.
    expect(deliver(firing({ host: 'a', check: 'b' }, 'obj')).event.incident).toBe('{"host":"a","check":"b"}');
  });

  it('forgets a removed feed: its incidents go with the next commit', async () => {
    const { deliver, list, tracker, store } = await world();
    deliver(firing('a', 'A'));
    await store.flush();
    tracker.forget('alerts');
    expect(tracker.openCount).toBe(0);
    expect(await list()).toEqual([]);
  });

  it('keeps at most a bounded number of open incidents per feed, closing the stalest', () => {
    const tracker = new IncidentTracker(new RuleEngine());
    const feed = alertsFeed();
    const steps = [];
    for (let i = 0; i <= OPEN_INCIDENTS_PER_FEED; i++) {
      const raw = rawEvent({ feedId: 'alerts', id: String(i), data: JSON.stringify(firing(`k${i}`, 'x')) });
      const { event, doc } = inspectEvent(raw, feed.mapping, i, feed.severity);
      steps.push(tracker.observe(feed, event, doc)!);
    }
    expect(tracker.openCount).toBe(OPEN_INCIDENTS_PER_FEED);
    expect(steps[0]!.incident.status).toBe('resolved');
    expect(tracker.openIncident('alerts', 'k0')).toBeUndefined();
    expect(tracker.openIncident('alerts', `k${OPEN_INCIDENTS_PER_FEED}`)).toBeDefined();
  });
});
