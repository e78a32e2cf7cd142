import { appendFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  HistoryStore,
  type HistoryError,
  type HistoryStoreOptions,
} from '../../../src/main/pipeline/history.ts';
import { HISTORY_FILE_NAME } from '../../../src/main/pipeline/history-file.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { feedEvent } from './make-event.ts';

let dir: string;
let clock: FakeClock;
let errors: HistoryError[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'feedtray-history-'));
  clock = new FakeClock();
  errors = [];
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function openStore(options: Partial<HistoryStoreOptions> = {}): HistoryStore {
  return new HistoryStore({ dir, clock, onError: (error) => errors.push(error), ...options });
}

async function fileLines(): Promise<string[]> {
  const text = await readFile(join(dir, HISTORY_FILE_NAME), 'utf8');
  return text.split('\n').filter((line) => line !== '');
}

function appendMany(store: HistoryStore, feedId: string, from: number, to: number): void {
  for (let i = from; i <= to; i += 1)
    store.append(feedEvent({ feedId, id: String(i), title: `${feedId} ${i}` }));
}

async function titles(store: HistoryStore, feedId?: string, limit = 1000): Promise<string[]> {
  const result = await store.query({ feedId, limit });
  if (!result.ok) throw new Error(result.error.message);
  return result.value.events.map((event) => event.title);
}

describe('HistoryStore', () => {
  it('history survives a restart, newest first', async () => {
    const store = openStore();
    await store.load();
    appendMany(store, 'news', 1, 3);
    await store.close();

    const reopened = openStore();
    expect(await titles(reopened)).toEqual(['news 3', 'news 2', 'news 1']);
    expect(errors).toEqual([]);
  });

  it('writes a burst of events in one append after the batch delay', async () => {
    const store = openStore({ maxBatchLines: 5000 });
    await store.load();
    appendMany(store, 'rates', 1, 1000);
    expect(store.stats.appendWrites).toBe(0);
    await expect(readdir(dir)).resolves.toEqual([]);

    clock.advance(250);
    await store.flush();
    expect(store.stats.appendWrites).toBe(1);
    expect(await fileLines()).toHaveLength(1000);
  });

  it('writes at once when a batch reaches its size cap, without waiting for the clock', async () => {
    const store = openStore({ maxBatchLines: 10 });
    await store.load();
    appendMany(store, 'rates', 1, 9);
    expect(clock.pending).toBe(1);
    appendMany(store, 'rates', 10, 10);
    expect(clock.pending).toBe(0); // the batch timer gave way to an immediate write
    await vi.waitFor(async () => expect(await fileLines()).toHaveLength(10));
    expect(store.stats.appendWrites).toBe(1);
  });

  it('history survives a restart and skips a half-written last line', async () => {
    const store = openStore();
    appendMany(store, 'news', 1, 3);
    await store.close();
    const path = join(dir, HISTORY_FILE_NAME);
    await appendFile(path, '{"kind":"event","n":4,"event":{"feedId":"news","ty');

    const reopened = openStore();
    const report = await reopened.load();
    expect(report).toMatchObject({ events: 3, skippedLines: 1, truncatedTail: true });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'history-damaged' });
    expect(errors[0]!.message).toMatch(/cut short/);
    expect(await titles(reopened)).toEqual(['news 3', 'news 2', 'news 1']);

    // The next write starts the file over clean rather than gluing onto the broken line.
    reopened.append(feedEvent({ id: '5', title: 'news 5' }));
    await reopened.flush();
    expect(reopened.stats.compactions).toBe(1);
    const lines = await fileLines();
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
    expect(await titles(openStore())).toEqual(['news 5', 'news 3', 'news 2', 'news 1']);
  });

  it('skips and counts garbage lines anywhere in the file', async () => {
    const store = openStore();
    appendMany(store, 'news', 1, 2);
    await store.close();
    const path = join(dir, HISTORY_FILE_NAME);
    const [first, second] = await fileLines();
    await writeFile(path, ['\u0000\u0000garbage', first, '{"kind":"event"}', second, 'x'].join('\n') + '\n');

    const reopened = openStore();
    expect(await reopened.load()).toMatchObject({ events: 2, skippedLines: 3, truncatedTail: false });
    expect(await titles(reopened)).toEqual(['news 2', 'news 1']);
  });

  it('keeps only the last N events per feed, and a lower limit applies at once', async () => {
    const store = openStore({ limit: 5 });
    await store.load();
    appendMany(store, 'news', 1, 8);
    appendMany(store, 'rates', 1, 3);
    expect(await titles(store, 'news')).toEqual(['news 8', 'news 7', 'news 6', 'news 5', 'news 4']);
    expect(await titles(store, 'rates')).toHaveLength(3);

    store.setLimit(2);
    expect(store.limit).toBe(2);
    expect(await titles(store, 'news')).toEqual(['news 8', 'news 7']);
    expect(await store.ids('news')).toEqual(['7', '8']);
  });

  it('holds no more than the limit per feed in memory however many events arrive', async () => {
    const store = openStore({ limit: 50 });
    await store.load();
    for (const feedId of ['a', 'b', 'c']) appendMany(store, feedId, 1, 10_000);
    expect(await store.recent(1_000_000)).toHaveLength(150);
    await store.close();
    expect(store.stats.fileLines).toBeLessThanOrEqual(2 * 50 * 3);
  });

  it('applies the limit when loading a file written with a larger one', async () => {
    const store = openStore({ limit: 100 });
    appendMany(store, 'news', 1, 50);
    await store.close();
    expect(await titles(openStore({ limit: 10 }), 'news')).toHaveLength(10);
  });

  it('compacts the file when it holds more than twice the limit, keeping memory and file bounded', async () => {
    const store = openStore({ limit: 10 });
    await store.load();
    for (let batch = 0; batch < 20; batch += 1) {
      appendMany(store, 'news', batch * 5 + 1, batch * 5 + 5);
      await store.flush();
      expect(store.stats.fileLines).toBeLessThanOrEqual(2 * 10 + 5);
    }
    expect(store.stats.compactions).toBeGreaterThan(0);
    expect(await readdir(dir)).toEqual([HISTORY_FILE_NAME]);
    expect((await store.recent(1000)).length).toBe(10);

    const reopened = openStore({ limit: 10 });
    expect(await titles(reopened)).toEqual(Array.from({ length: 10 }, (_, i) => `news ${100 - i}`));
  });

  it('removes a temp file a crash mid-compaction left behind', async () => {
    await writeFile(join(dir, `${HISTORY_FILE_NAME}.tmp`), 'half a compaction');
    const store = openStore();
    store.append(feedEvent());
    await store.flush();
    expect(await readdir(dir)).toEqual([HISTORY_FILE_NAME]);
  });

  it('loads lazily: the file is read at the first query, not when the store is built', async () => {
    const writer = openStore();
    appendMany(writer, 'news', 1, 2);
    await writer.close();

    const lazy = openStore();
    const other = openStore();
    appendMany(other, 'news', 3, 3);
    await other.close();
    // Had `lazy` read the file when it was built, it would not know about news 3.
    expect(await titles(lazy)).toEqual(['news 3', 'news 2', 'news 1']);
  });

  it('orders events appended before loading after those already in the file', async () => {
    const first = openStore();
    appendMany(first, 'news', 1, 2);
    await first.close();

    const second = openStore();
    second.append(feedEvent({ id: '3', title: 'news 3' }));
    expect(await titles(second)).toEqual(['news 3', 'news 2', 'news 1']);
    await second.close();
    expect(await titles(openStore())).toEqual(['news 3', 'news 2', 'news 1']);
  });

  it('pages through one feed with text and type filters', async () => {
    const store = openStore();
    for (let i = 1; i <= 30; i += 1) {
      const type = i % 3 === 0 ? 'alert' : 'message';
      store.append(
        feedEvent({ id: String(i), type, title: i % 2 === 0 ? `Disk FULL on db${i}` : `ok ${i}` }),
      );
    }
    store.append(feedEvent({ feedId: 'other', id: '1', title: 'disk full elsewhere' }));

    const first = await store.query({ feedId: 'news', text: 'disk full', type: 'alert', limit: 2 });
    expect(first.ok && first.value.events.map((event) => event.id)).toEqual(['30', '24']);
    expect(first.ok && first.value.total).toBe(5);
    const second = await store.query({
      feedId: 'news',
      text: 'disk full',
      type: 'alert',
      limit: 10,
      before: first.ok ? first.value.nextBefore! : '',
    });
    expect(second.ok && second.value.events.map((event) => event.id)).toEqual(['18', '12', '6']);
    expect(second.ok && second.value.nextBefore).toBeNull();
  });

  it('lists recent events across feeds in arrival order', async () => {
    const store = openStore();
    store.append(feedEvent({ feedId: 'a', id: '1', title: 'a1' }));
    store.append(feedEvent({ feedId: 'b', id: '1', title: 'b1' }));
    store.append(feedEvent({ feedId: 'a', id: '2', title: 'a2' }));
    expect((await store.recent(2)).map((event) => event.title)).toEqual(['a2', 'b1']);
    expect(await store.recent(0)).toEqual([]);
  });

  it('gives the ids of kept events to seed the deduper, skipping events without an id', async () => {
    const store = openStore();
    store.append(feedEvent({ id: '7' }));
    store.append(feedEvent({ id: '', key: 'news:#1' }));
    store.append(feedEvent({ id: '8' }));
    expect(await store.ids('news')).toEqual(['7', '8']);
    expect(await store.ids('unknown')).toEqual([]);
  });

  it('forgets a removed feed, also after a restart', async () => {
    const store = openStore();
    appendMany(store, 'news', 1, 3);
    appendMany(store, 'rates', 1, 2);
    await store.flush();
    await store.removeFeed('news');
    await store.close();

    const reopened = openStore();
    expect(await titles(reopened, 'news')).toEqual([]);
    expect(await titles(reopened)).toEqual(['rates 2', 'rates 1']);
    expect(await reopened.unreadCounts()).toEqual({ rates: 2 });
    reopened.append(feedEvent({ id: '9', title: 'news again' }));
    expect(await titles(reopened, 'news')).toEqual(['news again']);
  });

  it('reports a failed write once, keeps events in memory and saves them when the disk is back', async () => {
    const blocked = join(dir, 'blocked');
    await writeFile(blocked, 'a file where the folder should be');
    const store = openStore({ dir: join(blocked, 'data') });
    appendMany(store, 'news', 1, 2);
    await store.flush();
    appendMany(store, 'news', 3, 3);
    await store.flush();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'history-write-failed' });
    expect(errors[0]!.cause).toBeTruthy();
    expect(await titles(store)).toEqual(['news 3', 'news 2', 'news 1']);

    await rm(blocked);
    await mkdir(blocked);
    await store.flush();
    expect(await titles(openStore({ dir: join(blocked, 'data') }))).toEqual(['news 3', 'news 2', 'news 1']);
  });

  it('never writes over a history file it could not read', async () => {
    await mkdir(join(dir, HISTORY_FILE_NAME)); // unreadable as a file
    const store = openStore();
    const report = await store.load();
    expect(report.error?.code).toBe('history-read-failed');
    expect(errors.map((error) => error.code)).toEqual(['history-read-failed']);
    store.append(feedEvent());
    await store.flush();
    expect(await titles(store)).toEqual(['Event 1']);
    expect(await readdir(join(dir, HISTORY_FILE_NAME))).toEqual([]);
  });
});
