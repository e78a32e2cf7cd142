import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RETENTION_CHUNK } from '../../../../src/main/pipeline/history/retention.ts';
import { feedEvent } from '../make-event.ts';
import { appendMany, titles, useHistoryHarness } from './store-harness.ts';

const h = useHistoryHarness('retention');
const DAY = 24 * 3600 * 1000;

describe('history retention', () => {
  it('keeps the last N events per feed, deleting the excess in chunks on the timer', async () => {
    const store = h.open({ limit: 5 });
    appendMany(store, 'news', 1, 8);
    appendMany(store, 'rates', 1, 3);
    h.clock.advance(1000);
    expect(await titles(store, 'news')).toEqual(['news 8', 'news 7', 'news 6', 'news 5', 'news 4']);
    expect(await titles(store, 'rates')).toHaveLength(3);

    store.setLimit(2);
    expect(store.limit).toBe(2);
    h.clock.advance(1000);
    expect(await titles(store, 'news')).toEqual(['news 8', 'news 7']);
    expect(await store.ids('news')).toEqual(['7', '8']);
  });

  it('deletes no more than one chunk per step, so no pass pauses the app', async () => {
    const store = h.open({ limit: 50, maxBatchRows: 100_000 });
    appendMany(store, 'a', 1, 2000);
    store.commitNow();
    expect(store.enforceRetention()).toEqual({ deleted: RETENTION_CHUNK, reason: 'feed-events' });
    let steps = 1;
    while (store.enforceRetention().deleted > 0) steps++;
    expect(steps).toBe(Math.ceil(1950 / RETENTION_CHUNK));
    expect(await titles(store, 'a')).toHaveLength(50);
  });

  it('deletes events older than the age limit, and their chart rollups', async () => {
    const now = h.clock.now();
    const store = h.open({ retention: { maxAgeDays: 30 } });
    store.append(feedEvent({ id: 'old', title: 'R', value: 1, receivedAt: now - 31 * DAY }));
    store.append(feedEvent({ id: 'new', title: 'R', value: 2, receivedAt: now - DAY }));
    expect(store.enforceRetention()).toMatchObject({ deleted: 1, reason: 'age' });
    expect((await store.query({ limit: 10 })).ok && (await titles(store))).toEqual(['R']);
    const series = await store.series({
      seriesKey: 'news:R',
      fromMs: now - 40 * DAY,
      toMs: now,
      buckets: 40,
    });
    expect(series.ok && series.value.points.map((point) => point.last)).toEqual([2]);
  });

  it('keeps the dedupe record of events deleted for space, so a replay of them stays a duplicate', async () => {
    const store = h.open({ limit: 2 });
    appendMany(store, 'news', 1, 10);
    h.clock.advance(1000);
    expect(await titles(store)).toHaveLength(2);
    expect(store.seenHash('news', '1')).toBeDefined();
  });

  it('holds a feed to its size limit and the whole database to the overall one', async () => {
    const store = h.open({ retention: { maxFeedMB: 1 }, maxBatchRows: 100_000 });
    const big = 'x'.repeat(10_000);
    for (let i = 1; i <= 200; i++) store.append(feedEvent({ feedId: 'big', id: String(i), body: big }));
    for (let i = 1; i <= 10; i++) store.append(feedEvent({ feedId: 'small', id: String(i) }));
    h.clock.advance(5000);
    const kept = await titles(store, 'big');
    // Each event is estimated at ~20 kB (text twice: table and index), so about 50 fit in 1 MB.
    expect(kept.length).toBeGreaterThan(20);
    expect(kept.length).toBeLessThanOrEqual(52);
    expect(kept[0]).toBe('Event 200');
    expect(await titles(store, 'small')).toHaveLength(10);

    const total = h.open({ dir: join(h.dir, 'total'), retention: { maxTotalMB: 1 }, maxBatchRows: 100_000 });
    for (let i = 1; i <= 400; i++) total.append(feedEvent({ feedId: `f${i % 4}`, id: String(i), body: big }));
    total.commitNow();
    h.clock.advance(60_000);
    expect((await stat(join(h.dir, 'total', 'history.db'))).size).toBeLessThan(3 * 1024 * 1024);
    const left = await total.query({ limit: 1000 });
    expect(left.ok && left.value.total).toBeLessThan(400);
    expect(left.ok && left.value.events[0]!.id).toBe('400');
  });
});
