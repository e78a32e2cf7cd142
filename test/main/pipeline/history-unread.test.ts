import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HistoryStore, type HistoryProblem } from '../../../src/main/pipeline/history.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { feedEvent } from './make-event.ts';

let dir: string;
let errors: HistoryProblem[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'feedtray-unread-'));
  errors = [];
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function openStore(limit?: number): HistoryStore {
  return new HistoryStore({ dir, limit, clock: new FakeClock(), onError: (error) => errors.push(error) });
}

function appendMany(store: HistoryStore, feedId: string, count: number): void {
  for (let i = 1; i <= count; i += 1) store.append(feedEvent({ feedId, id: String(i) }));
}

describe('HistoryStore unread counts', () => {
  it('counts every new event as unread, per feed', async () => {
    const store = openStore();
    appendMany(store, 'news', 3);
    appendMany(store, 'rates', 2);
    expect(await store.unreadCounts()).toEqual({ news: 3, rates: 2 });
  });

  it('marks one feed read, leaving the others', async () => {
    const store = openStore();
    appendMany(store, 'news', 3);
    appendMany(store, 'rates', 2);
    expect(await store.markRead('news')).toEqual({ ok: true, value: 3 });
    expect(await store.unreadCounts()).toEqual({ news: 0, rates: 2 });
    store.append(feedEvent({ feedId: 'news', id: '4' }));
    expect(await store.unreadCounts()).toEqual({ news: 1, rates: 2 });
  });

  it('marks read up to and including a key, even without naming the feed', async () => {
    const store = openStore();
    appendMany(store, 'news', 5);
    expect(await store.markRead(undefined, 'news:3')).toEqual({ ok: true, value: 3 });
    expect(await store.unreadCounts()).toEqual({ news: 2 });
    // An older key than the marker changes nothing.
    expect(await store.markRead('news', 'news:1')).toEqual({ ok: true, value: 0 });
    expect(await store.unreadCounts()).toEqual({ news: 2 });
  });

  it('marks everything read', async () => {
    const store = openStore();
    appendMany(store, 'news', 2);
    appendMany(store, 'rates', 2);
    expect(await store.markRead()).toEqual({ ok: true, value: 4 });
    expect(await store.unreadCounts()).toEqual({ news: 0, rates: 0 });
  });

  it('reports a key that is not kept, or belongs to another feed, as an error value', async () => {
    const store = openStore();
    appendMany(store, 'news', 2);
    expect(await store.markRead('news', 'news:99')).toMatchObject({
      ok: false,
      error: { code: 'unknown-key' },
    });
    expect(await store.markRead('rates', 'news:1')).toMatchObject({
      ok: false,
      error: { code: 'unknown-key' },
    });
    expect(await store.unreadCounts()).toEqual({ news: 2 });
  });

  it('unread state survives a restart', async () => {
    const store = openStore();
    appendMany(store, 'news', 4);
    appendMany(store, 'rates', 2);
    await store.markRead('news', 'news:3');
    await store.markRead('rates');
    await store.close();

    const reopened = openStore();
    expect({ ...(await reopened.unreadCounts()) }).toEqual({ news: 1, rates: 0 });
    expect(errors).toEqual([]);
  });

  it('unread state survives retention deleting old events', async () => {
    const clock = new FakeClock();
    const store = new HistoryStore({ dir, limit: 2, clock, onError: (error) => errors.push(error) });
    appendMany(store, 'news', 3);
    await store.markRead('news', 'news:2');
    for (let i = 4; i <= 12; i += 1) store.append(feedEvent({ id: String(i) }));
    await store.markRead('news', 'news:11');
    clock.advance(1000);
    expect(store.stats.retentionDeleted).toBe(10);
    await store.close();
    expect({ ...(await openStore(2).unreadCounts()) }).toEqual({ news: 1 });
  });

  it('never counts more unread events than history keeps', async () => {
    const clock = new FakeClock();
    const store = new HistoryStore({ dir, limit: 10, clock, onError: (error) => errors.push(error) });
    appendMany(store, 'news', 50);
    clock.advance(1000);
    expect({ ...(await store.unreadCounts()) }).toEqual({ news: 10 });
  });
});
