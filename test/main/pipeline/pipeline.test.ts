import { describe, expect, it } from 'vitest';
import { Deduper } from '../../../src/main/pipeline/dedupe.ts';
import type { HistoryStore } from '../../../src/main/pipeline/history.ts';
import { Pipeline } from '../../../src/main/pipeline/pipeline.ts';
import { FeedConfigSchema, type FeedConfig, type FeedEvent } from '../../../src/shared/feed.ts';
import type { NotificationRequest, UiLanguage } from '../../../src/shared/presentation/notification-text.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { rawEvent } from './make-event.ts';

function setup(feedIds: string[], options: { language?: UiLanguage; minIntervalS?: number } = {}) {
  const clock = new FakeClock();
  const steps: string[] = [];
  const feeds = new Map<string, FeedConfig>(
    feedIds.map((id) => [
      id,
      FeedConfigSchema.parse({
        id,
        name: id === 'rates' ? '汇率' : id,
        url: 'http://127.0.0.1:1/',
        mapping: { title: '/t' },
        notify: { minIntervalS: options.minIntervalS ?? 0, burstThreshold: 3 },
      }),
    ]),
  );
  const history: Pick<HistoryStore, 'append' | 'commitNow' | 'recordDecision'> = {
    append: (event: FeedEvent) => void steps.push(`history ${event.key}`),
    commitNow: () => true,
    recordDecision: () => undefined,
  };
  const positions = new Map<string, string>();
  const notifications: NotificationRequest[] = [];
  const pipeline = new Pipeline({
    clock,
    deduper: new Deduper(),
    history,
    positions: { set: (feedId, id) => void positions.set(feedId, id) },
    feed: (feedId) => feeds.get(feedId),
    notificationsAllowed: () => true,
    doNotDisturb: () => false,
    language: () => options.language ?? 'en',
    showNotification: (notification) => {
      steps.push(`notify ${notification.title}`);
      notifications.push(notification);
    },
    push: (event) => steps.push(`push ${event.key}`),
  });
  return { clock, pipeline, steps, positions, notifications, feeds };
}

const json = (t: string) => JSON.stringify({ t });

describe('Pipeline', () => {
  it('runs dedupe, normalize, history, unread, notification and push in that order', () => {
    const { pipeline, steps, positions } = setup(['news']);
    const event = pipeline.accept(
      rawEvent({ feedId: 'news', id: '1', lastEventId: '1', data: json('Hello') }),
    );
    expect(event?.title).toBe('Hello');
    expect(steps).toEqual(['history news:1', 'notify news: Hello', 'push news:1']);
    expect(pipeline.unread.get('news')).toBe(1);
    expect(positions.get('news')).toBe('1');
  });

  it('drops a replayed id before anything else happens, and counts it', () => {
    const { pipeline, steps } = setup(['news']);
    pipeline.accept(rawEvent({ feedId: 'news', id: '1', data: json('a') }));
    steps.length = 0;
    expect(pipeline.accept(rawEvent({ feedId: 'news', id: '1', data: json('a') }))).toBeNull();
    expect(steps).toEqual([]);
    expect(pipeline.duplicatesDropped).toBe(1);
    expect(pipeline.eventsDelivered).toBe(1);
  });

  it('drops events of a feed removed while its last bytes were in flight', () => {
    const { pipeline, steps } = setup([]);
    expect(pipeline.accept(rawEvent({ feedId: 'gone', id: '1' }))).toBeNull();
    expect(steps).toEqual([]);
  });

  it('counts unread for feeds named like Object.prototype members', () => {
    const { pipeline } = setup(['__proto__', 'constructor', 'toString']);
    for (const feedId of ['__proto__', 'constructor', 'constructor', 'toString'])
      pipeline.accept(rawEvent({ feedId, data: json(feedId) }));
    expect([...pipeline.unread]).toEqual([
      ['__proto__', 1],
      ['constructor', 2],
      ['toString', 1],
    ]);
    const state = Object.fromEntries(pipeline.unread);
    expect(Object.hasOwn(state, '__proto__')).toBe(true);
    expect(Object.values(state).reduce((a, b) => a + b, 0)).toBe(4);
  });

  it('words a burst summary in the app language', () => {
    const { pipeline, clock, notifications } = setup(['rates'], { language: 'zh-CN', minIntervalS: 10 });
    for (let i = 1; i <= 5; i++)
      pipeline.accept(rawEvent({ feedId: 'rates', id: String(i), data: json(`t${i}`) }));
    clock.advance(10_000);
    expect(notifications.map((n) => n.title)).toEqual(['汇率: t1', '汇率：4 条新消息']);
  });

  it('forgets a removed feed: unread, recent and its dedupe window', () => {
    const { pipeline } = setup(['news']);
    pipeline.accept(rawEvent({ feedId: 'news', id: '1', data: json('a') }));
    pipeline.forget('news');
    expect(pipeline.unread.has('news')).toBe(false);
    expect(pipeline.recent()).toEqual([]);
    expect(pipeline.accept(rawEvent({ feedId: 'news', id: '1', data: json('a') }))).not.toBeNull();
  });
});
