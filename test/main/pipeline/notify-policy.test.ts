import { describe, expect, it } from 'vitest';
import { NotifyPolicySchema } from '../../../src/shared/feed.ts';
import {
  isDoNotDisturb,
  minutesOfDay,
  shouldNotify,
  type NotifyContext,
  type NotifyFeed,
} from '../../../src/main/pipeline/notify-policy.ts';
import { feedEvent } from './make-event.ts';

function feed(notify: Partial<NotifyFeed['notify']> = {}, eventTypes: string[] = []): NotifyFeed {
  return { name: 'News', eventTypes, notify: { ...NotifyPolicySchema.parse({}), ...notify } };
}

const calm = { replayed: false, dnd: false };
const reason = (f: NotifyFeed, event = feedEvent(), ctx: NotifyContext = calm) =>
  shouldNotify(event, f, ctx).reason;

describe('shouldNotify', () => {
  it('notifies an ordinary event of a feed with default settings', () => {
    expect(shouldNotify(feedEvent(), feed(), calm)).toEqual({ notify: true, reason: 'ok' });
  });

  it('says off when the feed does not notify, before anything else', () => {
    expect(reason(feed({ enabled: false }), feedEvent(), { replayed: true, dnd: true })).toBe('off');
  });

  it('only notifies event types the feed subscribes to', () => {
    const alert = feedEvent({ type: 'alert' });
    expect(reason(feed(), alert)).toBe('not-included');
    expect(reason(feed({}, ['alert']), alert)).toBe('ok');
    expect(reason(feed({}, ['alert']), feedEvent())).toBe('not-included');
    expect(reason(feed({}, ['*']), alert)).toBe('ok');
  });

  it('matches include keywords case-insensitively in title or body', () => {
    const f = feed({ include: ['Outage', 'deploy'] });
    expect(reason(f, feedEvent({ title: 'Major OUTAGE in eu-west' }))).toBe('ok');
    expect(reason(f, feedEvent({ title: 'Status', body: 'Deploy finished' }))).toBe('ok');
    expect(reason(f, feedEvent({ title: 'All good', data: 'outage' }))).toBe('not-included');
  });

  it('lets an empty include list admit everything, ignoring blank keywords', () => {
    expect(reason(feed({ include: [] }))).toBe('ok');
    expect(reason(feed({ include: ['  '] }))).toBe('ok');
  });

  it('lets exclude win over include', () => {
    const f = feed({ include: ['deploy'], exclude: ['STAGING'] });
    expect(reason(f, feedEvent({ title: 'deploy to staging' }))).toBe('excluded');
    expect(reason(f, feedEvent({ title: 'deploy to prod' }))).toBe('ok');
  });

  it('holds back replayed events, and do-not-disturb only for events that would notify', () => {
    expect(reason(feed(), feedEvent(), { replayed: true, dnd: false })).toBe('replayed');
    expect(reason(feed(), feedEvent(), { replayed: false, dnd: true })).toBe('dnd');
    const excluded = feed({ exclude: ['noise'] });
    expect(reason(excluded, feedEvent({ title: 'noise' }), { replayed: false, dnd: true })).toBe('excluded');
  });
});

describe('isDoNotDisturb', () => {
  const at = (hh: number, mm: number) => new Date(2025, 0, 15, hh, mm);
  const scheduled = (from: string, to: string) => ({ manual: false, schedule: { enabled: true, from, to } });

  it('is on whenever the manual switch is', () => {
    expect(
      isDoNotDisturb({ manual: true, schedule: { enabled: false, from: '00:00', to: '00:00' } }, at(12, 0)),
    ).toBe(true);
  });

  it('is off when the schedule is disabled', () => {
    expect(
      isDoNotDisturb({ manual: false, schedule: { enabled: false, from: '00:00', to: '23:59' } }, at(12, 0)),
    ).toBe(false);
  });

  it('covers a same-day window from its start up to, not including, its end', () => {
    const prefs = scheduled('09:00', '17:30');
    expect(isDoNotDisturb(prefs, at(8, 59))).toBe(false);
    expect(isDoNotDisturb(prefs, at(9, 0))).toBe(true);
    expect(isDoNotDisturb(prefs, at(17, 29))).toBe(true);
    expect(isDoNotDisturb(prefs, at(17, 30))).toBe(false);
  });

  it('handles a schedule that wraps midnight, 22:00 to 07:00', () => {
    const prefs = scheduled('22:00', '07:00');
    expect(isDoNotDisturb(prefs, at(21, 59))).toBe(false);
    expect(isDoNotDisturb(prefs, at(22, 0))).toBe(true);
    expect(isDoNotDisturb(prefs, at(23, 59))).toBe(true);
    expect(isDoNotDisturb(prefs, at(0, 0))).toBe(true);
    expect(isDoNotDisturb(prefs, at(6, 59))).toBe(true);
    expect(isDoNotDisturb(prefs, at(7, 0))).toBe(false);
    expect(isDoNotDisturb(prefs, at(12, 0))).toBe(false);
  });

  it('treats from == to as the whole day', () => {
    const prefs = scheduled('08:00', '08:00');
    for (const [hh, mm] of [
      [8, 0],
      [7, 59],
      [0, 0],
      [23, 59],
      [15, 30],
    ] as const)
      expect(isDoNotDisturb(prefs, at(hh, mm))).toBe(true);
  });

  it('ignores a schedule with a time that is not HH:MM', () => {
    expect(isDoNotDisturb(scheduled('25:00', '07:00'), at(23, 0))).toBe(false);
    expect(isDoNotDisturb(scheduled('22:00', '7:00'), at(23, 0))).toBe(false);
  });
});

describe('minutesOfDay', () => {
  it('reads 24-hour HH:MM and nothing else', () => {
    expect(minutesOfDay('00:00')).toBe(0);
    expect(minutesOfDay('23:59')).toBe(1439);
    for (const bad of ['24:00', '12:60', '1:00', '12:5', 'noon', '12:00:00', ' 12:00'])
      expect(minutesOfDay(bad)).toBeNull();
  });
});

describe('shouldNotify with severity and snooze', () => {
  it('keeps events below the minimum severity quiet, whatever else holds', () => {
    expect(reason(feed({ minSeverity: 4 }), feedEvent({ severity: 3 }))).toBe('below-min-severity');
    expect(reason(feed({ minSeverity: 4 }), feedEvent({ severity: 4 }))).toBe('ok');
    expect(reason(feed({ minSeverity: 4 }), feedEvent({ severity: 2 }), { replayed: false, dnd: true })).toBe(
      'below-min-severity',
    );
  });

  it('holds a snoozed feed, and says snoozed before do-not-disturb', () => {
    expect(reason(feed(), feedEvent(), { replayed: false, dnd: false, snoozed: true })).toBe('snoozed');
    expect(reason(feed(), feedEvent(), { replayed: false, dnd: true, snoozed: true })).toBe('snoozed');
  });

  it('lets urgent events through snooze and do-not-disturb unless the feed says not to', () => {
    const quiet = { replayed: false, dnd: true, snoozed: true };
    expect(reason(feed(), feedEvent({ severity: 5 }), quiet)).toBe('ok');
    expect(reason(feed({ urgentBreaksThrough: false }), feedEvent({ severity: 5 }), quiet)).toBe('snoozed');
    expect(reason(feed(), feedEvent({ severity: 4 }), quiet)).toBe('snoozed');
    // Still never for a replay or an excluded keyword.
    expect(reason(feed(), feedEvent({ severity: 5 }), { ...quiet, replayed: true })).toBe('replayed');
  });
});
