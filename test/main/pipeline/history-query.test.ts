import { describe, expect, it } from 'vitest';
import type { FeedEvent } from '../../../src/shared/feed.ts';
import {
  MAX_PAGE_SIZE,
  findByKey,
  queryEvents,
  type StoredEvent,
} from '../../../src/main/pipeline/history-query.ts';
import { feedEvent } from './make-event.ts';

/** Two feeds interleaved: news gets odd ordinals, rates even ones. */
function logs(): StoredEvent[][] {
  const news: StoredEvent[] = [];
  const rates: StoredEvent[] = [];
  for (let n = 1; n <= 20; n += 1) {
    const feedId = n % 2 === 1 ? 'news' : 'rates';
    const event = feedEvent({ feedId, id: String(n), type: n % 5 === 0 ? 'alert' : 'message' });
    (feedId === 'news' ? news : rates).push({ n, event });
  }
  return [news, rates];
}

const all = logs();
const find = (key: string) => all.map((log) => findByKey(log, key)).find(Boolean);
const ids = (events: FeedEvent[]) => events.map((event) => event.id);

describe('queryEvents', () => {
  it('returns events across feeds newest first with the total', () => {
    const result = queryEvents(all, { limit: 3 }, find);
    expect(result.ok && ids(result.value.events)).toEqual(['20', '19', '18']);
    expect(result.ok && result.value.total).toBe(20);
    expect(result.ok && result.value.nextBefore).toBe('rates:18');
  });

  it('pages with a key cursor until the last page', () => {
    const seen: string[] = [];
    let before: string | undefined;
    for (;;) {
      const result = queryEvents(all, { limit: 7, before }, find);
      if (!result.ok) throw new Error(result.error.message);
      seen.push(...ids(result.value.events));
      if (result.value.nextBefore === null) break;
      before = result.value.nextBefore;
    }
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => String(20 - i)));
  });

  it('pages with an offset', () => {
    const result = queryEvents(all, { limit: 5, before: 17 }, find);
    expect(result.ok && ids(result.value.events)).toEqual(['3', '2', '1']);
    expect(result.ok && result.value.nextBefore).toBeNull();
  });

  it('filters by type and keeps the filter when paging past a non-matching cursor', () => {
    const result = queryEvents(all, { type: 'alert', limit: 10, before: 'news:11' }, find);
    expect(result.ok && ids(result.value.events)).toEqual(['10', '5']);
    expect(result.ok && result.value.total).toBe(4);
  });

  it('searches title, body and data case-insensitively, treating the text literally', () => {
    const events = [
      { n: 1, event: feedEvent({ id: '1', title: 'Rates UP' }) },
      { n: 2, event: feedEvent({ id: '2', body: 'rates are up' }) },
      { n: 3, event: feedEvent({ id: '3', data: '{"note":"RATES"}' }) },
      { n: 4, event: feedEvent({ id: '4', title: 'unrelated' }) },
      { n: 5, event: feedEvent({ id: '5', title: 'price (a+b)*' }) },
    ];
    const text = (search: string) => {
      const result = queryEvents([events], { text: search, limit: 10 }, () => undefined);
      return result.ok ? ids(result.value.events) : result.error.code;
    };
    expect(text('rates')).toEqual(['3', '2', '1']);
    expect(text('(A+B)*')).toEqual(['5']);
    expect(text('.*')).toEqual([]);
    expect(text('  ')).toEqual(['5', '4', '3', '2', '1']);
  });

  it('reports a cursor key that is no longer kept, instead of returning an empty page', () => {
    const result = queryEvents(all, { limit: 5, before: 'news:999' }, find);
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown-key' } });
  });

  it('rejects page sizes and offsets that make no sense', () => {
    for (const limit of [0, -1, 1.5, Number.NaN, MAX_PAGE_SIZE + 1])
      expect(queryEvents(all, { limit }, find)).toMatchObject({ ok: false, error: { code: 'bad-query' } });
    expect(queryEvents(all, { limit: 5, before: -1 }, find)).toMatchObject({ ok: false });
  });

  it('finds the newest event with a key', () => {
    const events = [
      { n: 1, event: feedEvent({ id: 'x', title: 'old' }) },
      { n: 2, event: feedEvent({ id: 'x', title: 'new' }) },
    ];
    expect(findByKey(events, 'news:x')?.n).toBe(2);
    expect(findByKey(events, 'news:y')).toBeUndefined();
  });
});
