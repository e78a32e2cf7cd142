import { describe, expect, it } from 'vitest';
import { Deduper, dataHash } from '../../../src/main/pipeline/dedupe.ts';
import type { HistoryStore } from '../../../src/main/pipeline/history.ts';
import { useHistoryHarness } from './history/store-harness.ts';
import { feedEvent } from './make-event.ts';

describe('Deduper', () => {
  it('admits an id once per feed', () => {
    const dedupe = new Deduper();
    expect(dedupe.admit('a', '1')).toBe(true);
    expect(dedupe.admit('a', '1')).toBe(false);
    expect(dedupe.admit('b', '1')).toBe(true);
  });

  it('always admits events without an id', () => {
    const dedupe = new Deduper();
    expect(dedupe.admit('a', '')).toBe(true);
    expect(dedupe.admit('a', '')).toBe(true);
  });

  it('forgets the oldest ids beyond its window, so memory stays bounded', () => {
    const dedupe = new Deduper(3);
    for (const id of ['1', '2', '3', '4']) dedupe.admit('a', id);
    expect(dedupe.admit('a', '4')).toBe(false);
    expect(dedupe.admit('a', '2')).toBe(false);
    expect(dedupe.admit('a', '1')).toBe(true);
  });

  it('recognises ids remembered from history after a restart', () => {
    const dedupe = new Deduper();
    dedupe.remember('a', ['7', '8']);
    expect(dedupe.admit('a', '8')).toBe(false);
    expect(dedupe.admit('a', '9')).toBe(true);
  });

  it('forgets a removed feed entirely', () => {
    const dedupe = new Deduper();
    dedupe.admit('a', '1');
    dedupe.forget('a');
    expect(dedupe.admit('a', '1')).toBe(true);
  });
});

describe('Deduper with numbered ids', () => {
  it('remembers the last window of increasing numeric ids exactly', () => {
    const dedupe = new Deduper(100);
    for (let id = 1; id <= 1000; id++) expect(dedupe.admit('a', String(id))).toBe(true);
    for (let id = 901; id <= 1000; id++) expect(dedupe.admit('a', String(id))).toBe(false);
    expect(dedupe.admit('a', '1001')).toBe(true);
  });

  it('never mistakes a new id for a repeat when numbers collide in the table', () => {
    const dedupe = new Deduper(10);
    expect(dedupe.admit('a', '3')).toBe(true);
    expect(dedupe.admit('a', '13')).toBe(true); // same slot, different id: admitted, not confused
    expect(dedupe.admit('a', '13')).toBe(false);
  });

  it('treats ids that only look numeric as distinct strings', () => {
    const dedupe = new Deduper();
    expect(dedupe.admit('a', '7')).toBe(true);
    for (const lookalike of ['07', '7.0', '7e0', ' 7', '+7']) expect(dedupe.admit('a', lookalike)).toBe(true);
    expect(dedupe.admit('a', '07')).toBe(false);
    expect(dedupe.admit('a', '1234567890123456789')).toBe(true);
    expect(dedupe.admit('a', '1234567890123456789')).toBe(false);
  });
});

describe('Deduper with data: exactly-once', () => {
  it('delivers a reused id with new data as a new event, and warns once per feed', () => {
    const warned: string[] = [];
    const dedupe = new Deduper({ onIdReused: (feedId, id) => warned.push(`${feedId}:${id}`) });
    expect(dedupe.classify('a', '1', 'first')).toBe('new');
    expect(dedupe.classify('a', '1', 'first')).toBe('duplicate');
    expect(dedupe.classify('a', '1', 'after the server restarted')).toBe('id-reused');
    expect(dedupe.classify('a', '1', 'after the server restarted')).toBe('duplicate');
    expect(dedupe.classify('a', 'x', 'one')).toBe('new');
    expect(dedupe.classify('a', 'x', 'two')).toBe('id-reused');
    expect(warned).toEqual(['a:1']);
  });

  it('takes a replay framed over other data lines as the same event', () => {
    const dedupe = new Deduper();
    expect(dedupe.classify('a', '1', '{"seq":1,"title":"x"}')).toBe('new');
    expect(dedupe.classify('a', '1', '{"seq":1,\n"title":"x"}')).toBe('duplicate');
  });

  it('asks the durable record about ids the window forgot', () => {
    const durable = new Map([['a\u00001', dataHash('stored')]]);
    const dedupe = new Deduper({
      windowSize: 2,
      durable: { seenHash: (f, id) => durable.get(`${f}\u0000${id}`) },
    });
    expect(dedupe.classify('a', '1', 'stored')).toBe('duplicate');
    expect(dedupe.classify('a', '1', 'changed')).toBe('id-reused');
    expect(dedupe.classify('a', '2', 'fresh')).toBe('new');
  });

  it('compares data for ids seeded without it, through the durable record', () => {
    const dedupe = new Deduper({ durable: { seenHash: () => dataHash('kept') } });
    dedupe.remember('a', ['5']);
    expect(dedupe.classify('a', '5', 'kept')).toBe('duplicate');
    expect(dedupe.classify('a', '5', 'new data')).toBe('id-reused');
  });
});

describe('Deduper backed by the history database', () => {
  const h = useHistoryHarness('dedupe');

  /** The pipeline in small: classify, then store what is delivered. */
  function deliver(
    store: HistoryStore,
    dedupe: Deduper,
    ids: number[],
    data = (id: number) => `tick ${id}`,
  ): number {
    let delivered = 0;
    for (const id of ids) {
      const event = feedEvent({ feedId: 'ticks', id: String(id), data: data(id) });
      if (!dedupe.admit(event.feedId, event.id, event.data)) continue;
      store.append(event);
      delivered++;
    }
    return delivered;
  }
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

  it('recognises a replay larger than any window, and larger than history keeps, across a restart', async () => {
    const first = h.open({ limit: 100 });
    expect(deliver(first, new Deduper({ windowSize: 64, durable: first }), range(1, 10_000))).toBe(10_000);
    h.clock.advance(60_000); // retention trims history to 100 events; the dedupe record stays
    await first.close();

    const second = h.open({ limit: 100 });
    const dedupe = new Deduper({ windowSize: 64, durable: second });
    dedupe.remember('ticks', await second.ids('ticks'));
    expect((await second.query({ limit: 500 })).ok && (await second.query({ limit: 500 }))).toMatchObject({
      value: { total: 100 },
    });
    expect(deliver(second, dedupe, range(1, 10_000))).toBe(0);
    expect(deliver(second, dedupe, range(9_990, 10_010))).toBe(10);
  });

  it('delivers the events of a server that restarted its numbering, across a restart', async () => {
    const first = h.open();
    deliver(first, new Deduper({ durable: first }), range(1, 25));
    await first.close();
    const second = h.open();
    const warned: string[] = [];
    const dedupe = new Deduper({ durable: second, onIdReused: (feedId) => warned.push(feedId) });
    expect(deliver(second, dedupe, range(1, 25), (id) => `new era ${id}`)).toBe(25);
    expect(deliver(second, dedupe, range(1, 25), (id) => `new era ${id}`)).toBe(0);
    expect(warned).toEqual(['ticks']);
  });

  it('sees rows not yet committed when the window lost them', () => {
    const store = h.open({ maxBatchRows: 100_000 });
    const dedupe = new Deduper({ windowSize: 8, durable: store });
    expect(deliver(store, dedupe, [1, 9])).toBe(2); // 9 takes 1's slot in the window
    expect(store.stats.pendingRows).toBe(2);
    expect(deliver(store, dedupe, [1])).toBe(0);
  });
});
