import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { feedEvent } from '../make-event.ts';
import { appendMany, titles, useHistoryHarness } from './store-harness.ts';

const h = useHistoryHarness('history');

describe('HistoryStore on node:sqlite', () => {
  it('history survives a restart, newest first', async () => {
    const store = h.open();
    await store.load();
    appendMany(store, 'news', 1, 3);
    await store.close();

    expect(await titles(h.open())).toEqual(['news 3', 'news 2', 'news 1']);
    expect(h.problems).toEqual([]);
  });

  it('commits a burst in one transaction after the batch delay, off the event path', async () => {
    const store = h.open({ maxBatchRows: 5000 });
    await store.load();
    appendMany(store, 'rates', 1, 1000);
    expect(store.stats).toMatchObject({ commits: 0, pendingRows: 1000 });

    h.clock.advance(250);
    expect(store.stats).toMatchObject({ commits: 1, committedRows: 1000, pendingRows: 0 });
  });

  it('commits at once when a batch reaches its size cap, without waiting for the clock', async () => {
    const store = h.open({ maxBatchRows: 10 });
    await store.load();
    appendMany(store, 'rates', 1, 9);
    expect(store.stats.commits).toBe(0);
    appendMany(store, 'rates', 10, 10);
    expect(store.stats).toMatchObject({ commits: 1, committedRows: 10 });
  });

  it('commitNow makes an event durable before anything else happens: another connection sees it', async () => {
    const store = h.open();
    await store.load();
    store.append(feedEvent({ id: '1', title: 'about to notify' }));
    expect(store.commitNow()).toBe(true);
    const other = new DatabaseSync(join(h.dir, 'history.db'), { readOnly: true });
    expect(other.prepare('SELECT title FROM events').all()).toEqual([{ title: 'about to notify' }]);
    other.close();
  });

  it('lets another connection read while it writes (WAL)', async () => {
    const store = h.open({ maxBatchRows: 50 });
    await store.load();
    const reader = new DatabaseSync(join(h.dir, 'history.db'), { readOnly: true });
    const counts: number[] = [];
    reader.exec('BEGIN'); // a long read transaction sees one snapshot while the writer goes on
    const count = () => (reader.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    counts.push(count());
    appendMany(store, 'news', 1, 200);
    counts.push(count());
    reader.exec('COMMIT');
    counts.push(count());
    reader.close();
    expect(counts).toEqual([0, 0, 200]);
  });

  it('keeps the files owner-only', async () => {
    const store = h.open();
    appendMany(store, 'news', 1, 2);
    store.commitNow();
    for (const name of ['history.db', 'history.db-wal']) {
      expect(((await stat(join(h.dir, name))).mode & 0o777).toString(8)).toBe('600');
    }
  });

  it('orders events appended before loading after those already stored', async () => {
    const first = h.open();
    appendMany(first, 'news', 1, 2);
    await first.close();
    const second = h.open();
    second.append(feedEvent({ id: '3', title: 'news 3' }));
    expect(await titles(second)).toEqual(['news 3', 'news 2', 'news 1']);
  });

  it('lists recent events across feeds in arrival order', async () => {
    const store = h.open();
    store.append(feedEvent({ feedId: 'a', id: '1', title: 'a1' }));
    store.append(feedEvent({ feedId: 'b', id: '1', title: 'b1' }));
    store.append(feedEvent({ feedId: 'a', id: '2', title: 'a2' }));
    expect((await store.recent(2)).map((event) => event.title)).toEqual(['a2', 'b1']);
    expect(await store.recent(0)).toEqual([]);
  });

  it('gives the newest ids of a feed to resume from, skipping events without an id', async () => {
    const store = h.open();
    store.append(feedEvent({ id: '7' }));
    store.append(feedEvent({ id: '', key: 'news:#1' }));
    store.append(feedEvent({ id: '8' }));
    expect(await store.ids('news')).toEqual(['7', '8']);
    expect(await store.ids('unknown')).toEqual([]);
  });

  it('forgets a removed feed, also after a restart, and a re-added feed starts clean', async () => {
    const store = h.open();
    appendMany(store, 'news', 1, 3);
    appendMany(store, 'rates', 1, 2);
    await store.removeFeed('news');
    await store.close();

    const reopened = h.open();
    expect(await titles(reopened, 'news')).toEqual([]);
    expect(await titles(reopened)).toEqual(['rates 2', 'rates 1']);
    expect({ ...(await reopened.unreadCounts()) }).toEqual({ rates: 2 });
    expect(reopened.seenHash('news', '1')).toBeUndefined();
    reopened.append(feedEvent({ id: '9', title: 'news again' }));
    expect(await titles(reopened, 'news')).toEqual(['news again']);
  });

  it('removes a large feed in chunks on the timer, keeping the rows of the feed added again', async () => {
    const store = h.open({ maxBatchRows: 100_000 });
    appendMany(store, 'big', 1, 1200);
    await store.removeFeed('big');
    appendMany(store, 'big', 5000, 5001, h.clock.now() + 1);
    h.clock.advance(1000); // the chunks run one per tick
    expect(await titles(store, 'big')).toEqual(['big 5001', 'big 5000']);
    expect(store.seenHash('big', '1')).toBeUndefined();
    expect(store.seenHash('big', '5000')).toBeDefined();
  });

  it('takes feed ids like __proto__ and constructor as plain keys', async () => {
    const store = h.open();
    appendMany(store, '__proto__', 1, 2);
    appendMany(store, 'constructor', 1, 1);
    const unread = await store.unreadCounts();
    expect(Object.keys(unread).sort()).toEqual(['__proto__', 'constructor']);
    expect(unread['__proto__']).toBe(2);
    expect(await titles(store, '__proto__')).toEqual(['__proto__ 2', '__proto__ 1']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reports an unusable folder in plain words and keeps history in memory', async () => {
    const blocked = join(h.dir, 'blocked');
    await writeFile(blocked, 'a file where the folder should be');
    const store = h.open({ dir: join(blocked, 'data') });
    appendMany(store, 'news', 1, 2);
    expect(await titles(store)).toEqual(['news 2', 'news 1']);
    expect((await store.load()).persistent).toBe(false);
    expect(h.problems).toHaveLength(1);
    expect(h.problems[0]).toMatchObject({ code: 'history-write-failed' });
    expect(h.problems[0]!.message).toMatch(/could not be saved/);
    expect(h.problems[0]!.cause).toBeTruthy();
  });
});
