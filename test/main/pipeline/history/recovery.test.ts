import { copyFile, mkdir, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { encodeRecord } from '../../../../src/main/pipeline/history-file.ts';
import { HistoryStore } from '../../../../src/main/pipeline/history.ts';
import { feedEvent } from '../make-event.ts';
import { appendMany, titles, useHistoryHarness } from './store-harness.ts';

const h = useHistoryHarness('recovery');

const jsonl = (lines: string[]) => writeFile(join(h.dir, 'history.jsonl'), lines.join('\n') + '\n');
const eventLine = (n: number, feedId: string, id: string) =>
  encodeRecord({ kind: 'event', n, event: feedEvent({ feedId, id, title: `${feedId} ${id}` }) });

describe('damaged history databases', () => {
  it('sets a truncated file aside, tells the user and starts fresh', async () => {
    const store = h.open({ maxBatchRows: 100_000 });
    for (let i = 1; i <= 2000; i++) store.append(feedEvent({ id: String(i), body: 'x'.repeat(200) }));
    await store.close();
    const path = join(h.dir, 'history.db');
    await truncate(path, Math.floor((await stat(path)).size / 2));

    const reopened = h.open();
    const report = await reopened.load();
    expect(report.persistent).toBe(true);
    expect(h.problems).toHaveLength(1);
    expect(h.problems[0]).toMatchObject({ code: 'history-damaged' });
    expect(h.problems[0]!.message).toMatch(/set aside as .*history\.corrupt-.*\.db/);
    expect((await readdir(h.dir)).filter((name) => name.startsWith('history.corrupt-'))).toHaveLength(1);
    reopened.append(feedEvent({ id: 'fresh', title: 'after' }));
    expect(await titles(reopened)).toEqual(['after']);
  });

  it('opens a file cut short by a kill mid-checkpoint, whose pages the WAL still holds, as it is', async () => {
    const store = h.open({ maxBatchRows: 100_000 });
    for (let i = 1; i <= 300; i++) store.append(feedEvent({ id: String(i), title: `event ${i}` }));
    store.commitNow();
    // Copied while open, as a kill leaves it: the main file and the WAL the next open recovers from.
    const crashed = join(h.dir, 'crashed');
    await mkdir(crashed);
    for (const name of ['history.db', 'history.db-wal'])
      await copyFile(join(h.dir, name), join(crashed, name));
    // A checkpoint writes page 1 (with the new page count) before the pages that extend the file: a
    // kill between them leaves a file shorter than its header says, while the WAL holds every page.
    const path = join(crashed, 'history.db');
    const file = await readFile(path);
    const pageSize = file.readUInt16BE(16);
    file.writeUInt32BE(file.length / pageSize + 5, 28);
    await writeFile(path, file);

    const reopened = new HistoryStore({ dir: crashed, clock: h.clock, onProblem: (p) => h.problems.push(p) });
    h.stores.push(reopened);
    const report = await reopened.load();
    expect(h.problems).toEqual([]);
    expect(report.persistent).toBe(true);
    expect(report.events).toBe(300);
    // Without the WAL, the same short file is damage, set aside as before.
    await reopened.close();
    const again = new HistoryStore({ dir: crashed, clock: h.clock, onProblem: (p) => h.problems.push(p) });
    h.stores.push(again);
    await writeFile(path, file);
    await rm(join(crashed, 'history.db-wal'), { force: true });
    await again.load();
    expect(h.problems.map((problem) => problem.code)).toEqual(['history-damaged']);
  });

  it('sets a file that is not a database aside', async () => {
    await writeFile(join(h.dir, 'history.db'), 'this is not a database at all, not even close'.repeat(50));
    const store = h.open();
    appendMany(store, 'news', 1, 1);
    expect(await titles(store)).toEqual(['news 1']);
    expect(h.problems.map((problem) => problem.code)).toEqual(['history-damaged']);
    const kept = (await readdir(h.dir)).find((name) => name.startsWith('history.corrupt-'))!;
    expect(await readFile(join(h.dir, kept), 'utf8')).toMatch(/^this is not a database/);
  });

  it('leaves a database another instance holds locked alone, keeping history in memory', async () => {
    const first = h.open();
    appendMany(first, 'news', 1, 1);
    first.commitNow();
    const holder = new DatabaseSync(join(h.dir, 'history.db'));
    holder.exec('BEGIN EXCLUSIVE');
    try {
      const second = h.open();
      appendMany(second, 'news', 2, 2);
      expect(await titles(second)).toEqual(['news 2']);
      expect(h.problems.map((problem) => problem.code)).toEqual(['history-locked']);
      expect(h.problems[0]!.message).toMatch(/another FeedTray/);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(await titles(first)).toEqual(['news 1']);
    expect((await readdir(h.dir)).some((name) => name.includes('corrupt'))).toBe(false);
  });
});

describe('importing the JSON Lines history of earlier versions', () => {
  it('imports events and read markers once, verifies the count, then removes the old file', async () => {
    await jsonl([
      eventLine(1, 'news', '1'),
      eventLine(2, 'rates', '1'),
      eventLine(3, 'news', '2'),
      encodeRecord({ kind: 'read', feedId: 'news', n: 1 }),
      eventLine(4, 'gone', '1'),
      encodeRecord({ kind: 'remove', feedId: 'gone' }),
      '{"kind":"event","n":5,"event":{"feedId":"news","ty', // cut short by a kill
    ]);
    const store = h.open();
    const report = await store.load();
    expect(report.import).toMatchObject({ imported: 3, skippedLines: 1, resumed: false, problem: null });
    expect(await titles(store)).toEqual(['news 2', 'rates 1', 'news 1']);
    expect({ ...(await store.unreadCounts()) }).toEqual({ news: 1, rates: 1 });
    expect(store.seenHash('news', '2')).toBeDefined();
    expect(await readdir(h.dir)).not.toContain('history.jsonl');
    await store.close();
    expect(await titles(h.open())).toEqual(['news 2', 'rates 1', 'news 1']);
  });

  it('resumes an import that committed but was stopped before removing the file: no second copy', async () => {
    await jsonl([eventLine(1, 'news', '1'), eventLine(2, 'news', '2')]);
    const first = h.open();
    await first.load();
    await first.close();
    // The kill came between the commit and the removal: the file is back as it was.
    await jsonl([eventLine(1, 'news', '1'), eventLine(2, 'news', '2')]);
    const second = h.open();
    expect((await second.load()).import).toMatchObject({ imported: 0, resumed: true });
    expect(await titles(second)).toEqual(['news 2', 'news 1']);
    expect(await readdir(h.dir)).not.toContain('history.jsonl');
  });

  it('imports again from the file when the earlier attempt never committed', async () => {
    // An attempt that died before its commit leaves a database without the import next to the file.
    const empty = h.open();
    empty.commitNow();
    await empty.close();
    await jsonl([eventLine(1, 'news', '1'), eventLine(2, 'news', '2')]);
    const store = h.open();
    expect((await store.load()).import).toMatchObject({ imported: 2, resumed: false });
    expect(await titles(store)).toEqual(['news 2', 'news 1']);
  });
});
