import { describe, expect, it } from 'vitest';
import { NotifyPolicySchema, type FeedEvent } from '../../../src/shared/feed.ts';
import {
  NotificationCoalescer,
  SUMMARY_LINES,
  type CoalescerOptions,
  type FeedNotification,
  type NotifyFeed,
  type Suppressed,
} from '../../../src/main/pipeline/notify-policy.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { feedEvent } from './make-event.ts';

function feed(notify: Partial<NotifyFeed['notify']> = {}, name = 'Rates'): NotifyFeed {
  return {
    name,
    eventTypes: ['*'],
    notify: { ...NotifyPolicySchema.parse({}), minIntervalS: 10, ...notify },
  };
}

function setup(options: Partial<CoalescerOptions> = {}) {
  const clock = new FakeClock();
  const sent: FeedNotification[] = [];
  const suppressed: Suppressed[] = [];
  const coalescer = new NotificationCoalescer({
    clock,
    onNotify: (notification) => sent.push(notification),
    onSuppressed: (entry) => suppressed.push(entry),
    ...options,
  });
  return { clock, sent, suppressed, coalescer };
}

const calm = { replayed: false, dnd: false };
let nextId = 1;
const tick = (feedId = 'rates'): FeedEvent => {
  const id = String(nextId++);
  return feedEvent({ feedId, id, title: `tick ${id}` });
};
const titles = (sent: FeedNotification[]) =>
  sent.map((n) => (n.kind === 'event' ? n.event.title : `summary ${n.count}`));

describe('NotificationCoalescer', () => {
  it('notifies the first event after a quiet interval at once', () => {
    const { coalescer, sent } = setup();
    const event = tick();
    expect(coalescer.offer(event, feed(), calm)).toMatchObject({ delivery: 'now' });
    expect(sent).toEqual([{ kind: 'event', event }]);
  });

  it('holds a second event until the interval ends, then shows it as itself', () => {
    const { coalescer, sent, clock } = setup();
    coalescer.offer(tick(), feed(), calm);
    const second = tick();
    expect(coalescer.offer(second, feed(), calm)).toMatchObject({ delivery: 'held' });
    clock.advance(9_999);
    expect(sent).toHaveLength(1);
    clock.advance(1);
    expect(sent).toEqual([expect.anything(), { kind: 'event', event: second }]);
  });

  it('shows held events one by one while fewer than the burst threshold', () => {
    const { coalescer, sent, clock } = setup();
    for (let i = 0; i < 3; i += 1) coalescer.offer(tick(), feed({ burstThreshold: 3 }), calm);
    clock.advance(10_000);
    expect(sent.map((n) => n.kind)).toEqual(['event', 'event', 'event']);
  });

  it('turns a burst of burstThreshold or more held events into one summary', () => {
    const { coalescer, sent, clock } = setup();
    for (let i = 0; i < 13; i += 1) coalescer.offer(tick(), feed({ burstThreshold: 3 }), calm);
    clock.advance(10_000);
    expect(sent).toHaveLength(2);
    const summary = sent[1]!;
    expect(summary.kind).toBe('summary');
    if (summary.kind !== 'summary') return;
    expect(summary).toMatchObject({
      feedId: 'rates',
      feedName: 'Rates',
      count: 12,
      title: '12 new from Rates',
    });
    expect(summary.latest.title).toBe(`tick ${nextId - 1}`);
    const lines = summary.body.split('\n');
    expect(lines).toHaveLength(SUMMARY_LINES);
    expect(lines[0]).toBe(summary.latest.title);
  });

  it('yields at most a few notifications for a burst of 1,000 events in one second', () => {
    const { coalescer, sent, clock } = setup();
    for (let i = 0; i < 1000; i += 1) {
      coalescer.offer(tick(), feed(), calm);
      clock.advance(1);
    }
    clock.advance(60_000);
    expect(sent.length).toBeLessThanOrEqual(2);
    expect(titles(sent)).toEqual(['tick ' + String(nextId - 1000), 'summary 999']);
  });

  it('keeps to one notification per interval under a steady flood', () => {
    const { coalescer, sent, clock } = setup();
    for (let second = 0; second < 60; second += 1) {
      for (let i = 0; i < 50; i += 1) coalescer.offer(tick(), feed(), calm);
      clock.advance(1_000);
    }
    expect(sent.length).toBeLessThanOrEqual(7); // one at once, then one summary per 10 s window
    expect(sent.slice(1).every((n) => n.kind === 'summary')).toBe(true);
  });

  it('goes quiet again after an interval with nothing held', () => {
    const { coalescer, sent, clock } = setup();
    coalescer.offer(tick(), feed(), calm);
    clock.advance(10_000);
    expect(clock.pending).toBe(0);
    expect(coalescer.offer(tick(), feed(), calm)).toMatchObject({ delivery: 'now' });
    expect(sent).toHaveLength(2);
  });

  it('coalesces each feed on its own', () => {
    const { coalescer, sent } = setup();
    coalescer.offer(tick('rates'), feed(), calm);
    coalescer.offer(tick('news'), feed({}, 'News'), calm);
    expect(sent.map((n) => n.kind === 'event' && n.event.feedId)).toEqual(['rates', 'news']);
  });

  it('notifies every event when the feed has no minimum interval', () => {
    const { coalescer, sent, clock } = setup();
    for (let i = 0; i < 5; i += 1) coalescer.offer(tick(), feed({ minIntervalS: 0 }), calm);
    expect(sent).toHaveLength(5);
    expect(clock.pending).toBe(0);
  });

  it('reports events do-not-disturb held back, so the tray can count them as unread', () => {
    const { coalescer, sent, suppressed } = setup();
    const event = tick();
    expect(coalescer.offer(event, feed(), { replayed: false, dnd: true })).toMatchObject({
      decision: { notify: false, reason: 'dnd' },
      delivery: 'none',
    });
    expect(sent).toEqual([]);
    expect(suppressed).toEqual([{ feedId: 'rates', count: 1, reason: 'dnd', latest: event }]);
  });

  it('holds back events that come due after do-not-disturb began, reporting them as one count', () => {
    let dnd = false;
    const { coalescer, sent, suppressed, clock } = setup({ isDoNotDisturb: () => dnd });
    for (let i = 0; i < 4; i += 1) coalescer.offer(tick(), feed(), calm);
    dnd = true;
    clock.advance(10_000);
    expect(sent).toHaveLength(1);
    expect(suppressed).toMatchObject([{ feedId: 'rates', count: 3, reason: 'dnd' }]);
  });

  it('reports filtered events with their reason and never notifies them', () => {
    const { coalescer, sent, suppressed } = setup();
    coalescer.offer(tick(), feed({ enabled: false }), calm);
    coalescer.offer(tick(), feed({ exclude: ['tick'] }), calm);
    expect(sent).toEqual([]);
    expect(suppressed.map((entry) => entry.reason)).toEqual(['off', 'excluded']);
  });

  it('uses a translated summary title when given one', () => {
    const { coalescer, sent, clock } = setup({ summaryTitle: (count, name) => `${name}：${count} 条新消息` });
    for (let i = 0; i < 5; i += 1) coalescer.offer(tick(), feed(), calm);
    clock.advance(10_000);
    expect(sent[1]).toMatchObject({ kind: 'summary', title: 'Rates：4 条新消息' });
  });

  it('drops held events and their timer when a feed is forgotten', () => {
    const { coalescer, sent, clock } = setup();
    coalescer.offer(tick(), feed(), calm);
    coalescer.offer(tick(), feed(), calm);
    coalescer.forget('rates');
    expect(clock.pending).toBe(0);
    clock.advance(10_000);
    expect(sent).toHaveLength(1);
  });

  it('clears every timer on dispose', () => {
    const { coalescer, sent, clock } = setup();
    coalescer.offer(tick('rates'), feed(), calm);
    coalescer.offer(tick('news'), feed(), calm);
    coalescer.offer(tick('news'), feed(), calm);
    expect(clock.pending).toBe(2);
    coalescer.dispose();
    expect(clock.pending).toBe(0);
    clock.advance(60_000);
    expect(sent).toHaveLength(2);
  });
});

describe('NotificationCoalescer and quiet time', () => {
  it('when quiet time began while events were held, shows only the urgent ones and reports the rest', () => {
    let quiet: 'dnd' | 'snoozed' | null = null;
    const { coalescer, sent, suppressed, clock } = setup({ isQuiet: () => quiet });
    const f = feed({ burstThreshold: 3 });
    coalescer.offer(tick(), f, calm); // shown at once, opens the window
    const urgent = feedEvent({ feedId: 'rates', id: 'u1', title: 'down', severity: 5 });
    coalescer.offer(tick(), f, calm);
    coalescer.offer(urgent, f, calm);
    coalescer.offer(tick(), f, calm);
    quiet = 'snoozed';
    clock.advance(10_000);
    expect(sent.map((n) => (n.kind === 'event' ? n.event.title : n.title))).toEqual([
      'tick ' + String(nextId - 3),
      'down',
    ]);
    expect(suppressed).toMatchObject([{ feedId: 'rates', count: 2, reason: 'snoozed' }]);
  });

  it('gives a summary the highest severity among its events', () => {
    const { coalescer, sent, clock } = setup();
    const f = feed({ burstThreshold: 2 });
    coalescer.offer(tick(), f, calm);
    coalescer.offer(feedEvent({ feedId: 'rates', id: 'a', severity: 4 }), f, calm);
    coalescer.offer(feedEvent({ feedId: 'rates', id: 'b', severity: 2 }), f, calm);
    clock.advance(10_000);
    expect(sent.at(-1)).toMatchObject({ kind: 'summary', count: 2, severity: 4 });
  });
});

describe('NotificationCoalescer and urgent events', () => {
  it('shows the first urgent event of an interval at once, and holds further urgent ones', () => {
    const { coalescer, sent, clock } = setup();
    const f = feed({ burstThreshold: 3 });
    coalescer.offer(tick(), f, calm); // opens the window
    const urgent = (id: string) => feedEvent({ feedId: 'rates', id, title: id, severity: 5 });
    expect(coalescer.offer(urgent('u1'), f, calm).delivery).toBe('now');
    expect(coalescer.offer(urgent('u2'), f, calm).delivery).toBe('held');
    expect(sent.map((n) => (n.kind === 'event' ? n.event.title : n.title)).at(-1)).toBe('u1');
    clock.advance(10_000);
    expect(sent.map((n) => (n.kind === 'event' ? n.event.title : n.title)).at(-1)).toBe('u2');
  });
});
