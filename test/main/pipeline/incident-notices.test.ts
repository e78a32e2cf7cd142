import { describe, expect, it } from 'vitest';
import { Deduper } from '../../../src/main/pipeline/dedupe.ts';
import type { HistoryStore } from '../../../src/main/pipeline/history.ts';
import { Pipeline } from '../../../src/main/pipeline/pipeline.ts';
import { FeedConfigSchema } from '../../../src/shared/feed.ts';
import type { NotificationRequest } from '../../../src/shared/presentation/notification-text.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { rawEvent } from './make-event.ts';

/** A pipeline over one alerting feed with incident tracking; `dnd` and `allowed` are levers. */
function setup(feedOverrides: Record<string, unknown> = {}) {
  const clock = new FakeClock();
  const levers = { dnd: false, allowed: true };
  const feed = FeedConfigSchema.parse({
    id: 'ops',
    name: 'Ops',
    url: 'http://127.0.0.1:1/',
    mapping: { title: '/summary', severity: '/severity' },
    notify: { minIntervalS: 60 },
    incident: {
      key: '/alert_id',
      resolvedWhen: { conditions: [{ op: 'equals', field: '/status', value: 'resolved' }] },
    },
    ...feedOverrides,
  });
  const history: Pick<HistoryStore, 'append' | 'commitNow' | 'recordDecision'> = {
    append: () => undefined,
    commitNow: () => true,
    recordDecision: () => undefined,
  };
  const shown: NotificationRequest[] = [];
  const closed: string[] = [];
  const pipeline = new Pipeline({
    clock,
    deduper: new Deduper(),
    history,
    positions: { set: () => undefined },
    feed: (id) => (id === 'ops' ? feed : undefined),
    notificationsAllowed: () => levers.allowed,
    doNotDisturb: () => levers.dnd,
    language: () => 'zh-CN',
    showNotification: (notification) => void shown.push(notification),
    closeNotification: (tag) => void closed.push(tag),
    push: () => undefined,
  });
  let id = 0;
  const send = (alertId: string, status: string, summary: string, severity = 'warning') =>
    pipeline.accept(
      rawEvent({
        feedId: 'ops',
        id: String(++id),
        data: JSON.stringify({ alert_id: alertId, status, summary, severity }),
      }),
    )!;
  return { pipeline, levers, shown, closed, send, clock };
}

describe('incident notifications in the pipeline', () => {
  it('replaces the showing notification at once, silently unless it got worse, and resolves quietly', () => {
    const { send, shown, closed, clock } = setup();
    expect(send('a', 'firing', 'disk 90%').decision).toBe('notified');
    expect(send('a', 'firing', 'disk 91%').decision).toBe('replaced');
    // Past the app-wide gap between sounds, so only the incident's own rule decides the sound.
    clock.advance(5000);
    expect(send('a', 'firing', 'disk 99%', 'critical').decision).toBe('replaced');
    expect(send('a', 'resolved', 'disk 50%').decision).toBe('resolved');
    expect(shown.map((n) => [n.title, n.tag, n.sound])).toEqual([
      ['Ops: disk 90%', 'incident:1', 'os'],
      ['Ops: disk 91%', 'incident:1', 'none'],
      // Worse (urgent): it sounds again, with urgent's own sound.
      ['Ops: disk 99%', 'incident:1', 'alert'],
      ['已解决：disk 99%', 'incident:1', 'none'],
    ]);
    expect(shown[3]).toMatchObject({ urgency: 'low', sticky: false, body: 'Ops' });
    expect(closed).toEqual([]);
  });

  it('keeps to do-not-disturb: updates wait, urgent breaks through, the resolution only closes', () => {
    const { send, shown, closed, levers } = setup();
    send('a', 'firing', 'CPU 90%');
    levers.dnd = true;
    expect(send('a', 'firing', 'CPU 93%').decision).toBe('dnd');
    expect(send('a', 'firing', 'CPU 99%', 'critical').decision).toBe('replaced');
    expect(send('a', 'resolved', 'CPU 20%').decision).toBe('resolved');
    expect(shown.map((n) => n.title)).toEqual(['Ops: CPU 90%', 'Ops: CPU 99%']);
    expect(closed).toEqual(['incident:1']);
  });

  it('decides an incident as usual while its notification is not showing, and a resolution then shows nothing', () => {
    const { send, shown, closed, levers } = setup();
    levers.allowed = false;
    expect(send('b', 'firing', 'queue 10k').decision).toBe('off');
    levers.allowed = true;
    // Not showing: the usual decision, tagged so that later events replace it.
    expect(send('b', 'firing', 'queue 20k').decision).toBe('notified');
    expect(send('c', 'firing', 'other alert').decision).toBe('min-interval');
    expect(send('b', 'resolved', 'queue 0').decision).toBe('resolved');
    expect(send('c', 'resolved', 'other ok').decision).toBe('resolved');
    expect(shown.map((n) => [n.title, n.tag])).toEqual([
      ['Ops: queue 20k', 'incident:1'],
      ['已解决：queue 20k', 'incident:1'],
    ]);
    expect(closed).toEqual([]);
  });

  it('lets a quiet rule keep an update off the screen', () => {
    const { send, shown } = setup({
      rules: [
        {
          name: 'flapping',
          conditions: [{ op: 'contains', field: '/summary', value: 'flap' }],
          outcome: { kind: 'quiet' },
        },
      ],
    });
    send('a', 'firing', 'link down');
    expect(send('a', 'firing', 'link flap').decision).toBe('rule-quiet');
    expect(shown).toHaveLength(1);
  });
});
