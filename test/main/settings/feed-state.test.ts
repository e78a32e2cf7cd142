import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FeedStateStore } from '../../../src/main/settings/feed-state.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { filesIn, useTempDir } from './settings-dir.ts';
import { containing } from './matchers.ts';

const temp = useTempDir();
const DEBOUNCE_MS = 1000;

function open(clock = new FakeClock()) {
  return FeedStateStore.open({ dir: temp.dir(), clock, debounceMs: DEBOUNCE_MS });
}

function stateFile(): string {
  return path.join(temp.dir(), 'feed-state.json');
}

describe('FeedStateStore', () => {
  it('starts empty on a first run', async () => {
    const { store, problems } = await open();
    expect(problems).toEqual([]);
    expect(store.get('rates')).toBeUndefined();
  });

  it('gathers a burst of changes into one pending write', async () => {
    const clock = new FakeClock();
    const { store } = await open(clock);
    for (let id = 1; id <= 100; id++) store.set('rates', String(id));
    expect(clock.pending).toBe(1);
    expect(await filesIn(temp.dir())).toEqual([]);

    clock.advance(DEBOUNCE_MS);
    expect(clock.pending).toBe(0);
    await store.flush();
    expect(JSON.parse(await readFile(stateFile(), 'utf8'))).toEqual({
      version: 1,
      feeds: [{ feedId: 'rates', lastEventId: '100' }],
    });
  });

  it('does not postpone the write while changes keep coming', async () => {
    const clock = new FakeClock();
    const { store } = await open(clock);
    store.set('rates', '1');
    clock.advance(DEBOUNCE_MS / 2);
    store.set('rates', '2');
    clock.advance(DEBOUNCE_MS / 2);
    // The first change's timer fired on schedule, carrying the second change with it.
    expect(clock.pending).toBe(0);
    await store.flush();
    expect((await open()).store.get('rates')).toBe('2');
  });

  it('writes pending changes at once on flush, so a shutdown keeps them', async () => {
    const clock = new FakeClock();
    const { store } = await open(clock);
    store.set('rates', 'evt-42');
    store.set('news', 'n-7');
    expect((await store.flush()).ok).toBe(true);
    expect(clock.pending).toBe(0);
    const reopened = (await open()).store;
    expect(reopened.get('rates')).toBe('evt-42');
    expect(reopened.get('news')).toBe('n-7');
  });

  it('forgets a feed whose stream reset its id to empty', async () => {
    const { store } = await open();
    store.set('rates', '5');
    store.set('rates', '');
    await store.flush();
    expect((await open()).store.get('rates')).toBeUndefined();
  });

  it('keeps an id for a feed named like an object prototype key', async () => {
    const { store } = await open();
    store.set('__proto__', 'p-1');
    await store.flush();
    expect((await open()).store.get('__proto__')).toBe('p-1');
  });

  it('starts empty with a problem when the file is damaged, then writes a good one', async () => {
    await writeFile(stateFile(), '{"version":1,"feeds":[{"feedId":');
    const { store, problems } = await open();
    expect(problems).toMatchObject([{ code: 'corrupt-feed-state', message: containing('may be missed') }]);
    expect(store.get('rates')).toBeUndefined();
    store.set('rates', '9');
    await store.flush();
    expect((await open()).problems).toEqual([]);
  });

  it('removes a temp file left by a crash mid-write', async () => {
    await writeFile(path.join(temp.dir(), 'feed-state.json.tmp-deadbeef'), '{');
    await open();
    expect(await filesIn(temp.dir())).toEqual([]);
  });
});
