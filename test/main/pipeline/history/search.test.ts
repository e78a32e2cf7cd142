import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import {
  FILTERED_TOTAL_CAP,
  plainWords,
  searchHistory,
  segments,
  type HistoryQuery,
} from '../../../../src/main/pipeline/history/search.ts';
import { feedEvent } from '../make-event.ts';
import { useHistoryHarness } from './store-harness.ts';

const h = useHistoryHarness('search');
const T0 = 1_700_000_000_000;

function seeded() {
  const store = h.open();
  for (let i = 1; i <= 30; i += 1) {
    const type = i % 3 === 0 ? 'alert' : 'message';
    store.append(
      feedEvent({
        id: String(i),
        type,
        receivedAt: T0 + i * 1000,
        title: i % 2 === 0 ? `Disk FULL on db${i}` : `ok ${i}`,
        body: i === 7 ? 'orders-db said the replica lags' : '',
        data: i === 9 ? '{"host":"orders-db","note":"zebra"}' : '',
      }),
      { severity: (i % 5) + 1, decision: i % 2 === 0 ? 'notified' : 'quiet-hours' },
    );
  }
  store.append(feedEvent({ feedId: 'other', id: '1', title: 'disk full elsewhere', receivedAt: T0 }));
  return store;
}

const ids = (page: { events: { id: string }[] }) => page.events.map((event) => event.id);

describe('history search', () => {
  it('pages through one feed with text and type filters, newest first, with a stable cursor', async () => {
    const store = seeded();
    const first = await store.query({ feedId: 'news', text: 'disk full', type: 'alert', limit: 2 });
    if (!first.ok) throw new Error(first.error.message);
    expect(ids(first.value)).toEqual(['30', '24']);
    expect(first.value).toMatchObject({ total: 5, totalExact: true, textMode: 'fts' });
    store.append(feedEvent({ id: '99', type: 'alert', title: 'Disk full again' })); // arrives between pages
    const second = await store.query({
      feedId: 'news',
      text: 'disk full',
      type: 'alert',
      limit: 10,
      before: first.value.nextBefore!,
    });
    expect(second.ok && ids(second.value)).toEqual(['18', '12', '6']);
    expect(second.ok && second.value.nextBefore).toBeNull();
  });

  it('finds words in the body and the raw data, and highlights them as plain-text segments', async () => {
    const store = seeded();
    const page = await store.query({ text: 'orders', limit: 10 });
    if (!page.ok) throw new Error(page.error.message);
    expect(ids(page.value)).toEqual(['9', '7']);
    expect(page.value.hits[1]!.snippet).toEqual([
      { text: 'orders', match: true },
      { text: '-db said the replica lags', match: false },
    ]);
    expect(page.value.hits[0]!.snippet.some((segment) => segment.match && segment.text === 'orders')).toBe(
      true,
    );
    const titled = await store.query({ text: 'disk', feedIds: ['other'], limit: 1 });
    expect(titled.ok && titled.value.hits[0]!.title).toEqual([
      { text: 'disk', match: true },
      { text: ' full elsewhere', match: false },
    ]);
  });

  it('understands FTS5 syntax: phrases, OR, prefixes and NOT', async () => {
    const store = seeded();
    const count = async (text: string) => {
      const page = await store.query({ text, limit: 100 });
      return page.ok ? page.value.total : -1;
    };
    expect(await count('"disk full"')).toBe(16);
    expect(await count('zebra OR replica')).toBe(2);
    expect(await count('db1*')).toBe(5); // db10, db12 … db18
    expect(await count('disk NOT elsewhere')).toBe(15);
  });

  it('falls back to plain words when the text is not valid FTS5', async () => {
    const store = seeded();
    const page = await store.query({ text: '"disk full', limit: 100 });
    expect(page.ok && page.value).toMatchObject({ total: 16, textMode: 'plain' });
    const odd = await store.query({ text: 'AND (', limit: 100 });
    expect(odd.ok && odd.value).toMatchObject({ total: 0, textMode: 'plain' });
    expect(plainWords('usd/cny "rate')).toBe('"usd"* "cny"* "rate"*');
    expect(plainWords('*** ((')).toBeNull();
  });

  it('filters by several feeds, severity, decision and time range', async () => {
    const store = seeded();
    const bySeverity = await store.query({ severities: [5], limit: 100 });
    expect(bySeverity.ok && ids(bySeverity.value)).toEqual(['29', '24', '19', '14', '9', '4']);
    const byDecision = await store.query({ decisions: ['quiet-hours'], fromMs: T0 + 20_000, limit: 100 });
    expect(byDecision.ok && ids(byDecision.value)).toEqual(['29', '27', '25', '23', '21']);
    const range = await store.query({ fromMs: T0, toMs: T0 + 3000, feedIds: ['news', 'other'], limit: 100 });
    expect(range.ok && range.value.events.map((event) => event.key)).toEqual(['other:1', 'news:2', 'news:1']); // arrival order
  });

  it('gives the same answer whether feed and time narrow a text search as a set or row by row', () => {
    const store = h.open({ maxBatchRows: 100_000 });
    for (let i = 1; i <= 3000; i++) {
      const feedId = i % 3 === 0 ? 'small' : 'big';
      store.append(
        feedEvent({ feedId, id: String(i), title: i % 2 ? 'orders lag' : 'quiet', receivedAt: T0 + i }),
      );
    }
    store.commitNow();
    const db = new DatabaseSync(join(h.dir, 'history.db'), { readOnly: true });
    const ask = (query: HistoryQuery, narrowSetMax: number) => {
      const page = searchHistory(db, query, narrowSetMax);
      return page.ok ? [page.value.total, ids(page.value).slice(0, 3)] : null;
    };
    try {
      for (const query of [
        { text: 'orders', feedIds: ['small'], limit: 3 },
        { text: 'orders', fromMs: T0 + 2990, limit: 3 },
        { text: 'orders', feedIds: ['small', 'big'], fromMs: T0, toMs: T0 + 2000, limit: 3 },
      ]) {
        const asSet = ask(query, Infinity);
        const rowByRow = ask(query, 0);
        expect(rowByRow![1]).toEqual(asSet![1]);
        expect(rowByRow![0]).toBe(Math.min(asSet![0] as number, FILTERED_TOTAL_CAP));
      }
      expect(ask({ text: 'orders', feedIds: ['small'], limit: 3 }, Infinity)).toEqual([
        500,
        ['2997', '2991', '2985'],
      ]);
    } finally {
      db.close();
    }
  });

  it('pages by offset and by event key, and reports a cursor that names nothing', async () => {
    const store = seeded();
    const offset = await store.query({ feedId: 'news', before: 27, limit: 5 });
    expect(offset.ok && ids(offset.value)).toEqual(['3', '2', '1']);
    const byKey = await store.query({ feedId: 'news', before: 'news:3', limit: 5 });
    expect(byKey.ok && ids(byKey.value)).toEqual(['2', '1']);
    expect(await store.query({ before: 'news:nope', limit: 5 })).toMatchObject({
      ok: false,
      error: { code: 'unknown-key' },
    });
    expect(await store.query({ limit: 0 })).toMatchObject({ ok: false, error: { code: 'bad-query' } });
  });

  it('records a decision made after its event was committed', async () => {
    const store = h.open();
    store.append(feedEvent({ id: '1' }));
    store.commitNow();
    store.recordDecision('news:1', 'coalesced');
    const page = await store.query({ decisions: ['coalesced'], limit: 5 });
    expect(page.ok && ids(page.value)).toEqual(['1']);
  });

  it('never turns marker characters in raw data into markup', () => {
    expect(segments('a\u0002b\u0003c\u0003d')).toEqual([
      { text: 'a', match: false },
      { text: 'b', match: true },
      { text: 'c', match: false },
      { text: 'd', match: false },
    ]);
  });
});

describe('history series', () => {
  it('downsamples a series to min, max and last per bucket, from the events for short ranges', async () => {
    const store = h.open();
    const values = [5, 1, 9, 4, 7, 2];
    values.forEach((value, i) =>
      store.append(
        feedEvent({ feedId: 'rates', id: String(i), title: 'USD/CNY', value, receivedAt: T0 + i * 1000 }),
      ),
    );
    store.append(feedEvent({ feedId: 'rates', id: 'x', title: 'EUR/CNY', value: 100, receivedAt: T0 }));
    const series = await store.series({
      seriesKey: 'rates:USD/CNY',
      fromMs: T0,
      toMs: T0 + 6000,
      buckets: 2,
    });
    if (!series.ok) throw new Error(series.error.message);
    expect(series.value).toMatchObject({ feedId: 'rates', series: 'USD/CNY', bucketMs: 3000 });
    expect(series.value.points).toEqual([
      { t: T0, min: 1, max: 9, last: 9, lastAt: T0 + 2000, count: 3 },
      { t: T0 + 3000, min: 2, max: 7, last: 2, lastAt: T0 + 5000, count: 3 },
    ]);
  });

  it('reads 30 days from the per-minute rollups, the same figures as the events give', async () => {
    const store = h.open({ maxBatchRows: 100_000 });
    const day = 24 * 3600 * 1000;
    const start = T0 - (T0 % 60_000);
    for (let i = 0; i < 3000; i++) {
      store.append(
        feedEvent({
          feedId: 'rates',
          id: String(i),
          title: 'USD/CNY',
          value: i % 97,
          receivedAt: start + i * 20_000,
        }),
      );
    }
    const month = await store.series({
      feedId: 'rates',
      series: 'USD/CNY',
      fromMs: start,
      toMs: start + 30 * day,
      buckets: 30,
    });
    if (!month.ok) throw new Error(month.error.message);
    expect(month.value.bucketMs).toBe(day);
    expect(month.value.points).toHaveLength(1); // 3000 × 20 s is under a day
    expect(month.value.points[0]).toEqual({
      t: start,
      min: 0,
      max: 96,
      last: 2999 % 97,
      lastAt: start + 2999 * 20_000,
      count: 3000,
    });
  });

  it('refuses a series key without a feed part', async () => {
    const store = h.open();
    expect(await store.series({ seriesKey: 'no-colon', fromMs: 0, toMs: 10, buckets: 1 })).toMatchObject({
      ok: false,
      error: { code: 'bad-query' },
    });
  });
});
