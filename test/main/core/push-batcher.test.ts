import { describe, expect, it } from 'vitest';
import { PushBatcher, type PushBatch } from '../../../src/main/core/push-batcher.ts';
import type { FeedEvent, FeedStatus } from '../../../src/shared/feed.ts';
import { FakeClock } from '../../support/fake-clock.ts';

let seq = 0;
const event = (feedId = 'rates'): FeedEvent => {
  seq += 1;
  return {
    feedId,
    type: 'message',
    id: String(seq),
    key: `${feedId}:${seq}`,
    data: '{}',
    receivedAt: 0,
    title: `Tick ${seq}`,
    body: '',
    link: null,
    value: null,
    severity: 3,
    decision: null,
  };
};
const status = (feedId: string, eventsReceived: number): FeedStatus => ({
  feedId,
  state: 'open',
  reason: { code: 'open', message: 'Connected' },
  attempt: 0,
  nextRetryAt: null,
  lastEventAt: null,
  eventsReceived,
  warning: null,
});

/** A batcher on a fake clock, recording every flush; `windowBatches` are those the window got. */
function setup(options: { maxEventsPerBatch?: number; maxBatchesInFlight?: number } = {}) {
  const clock = new FakeClock();
  const flushes: PushBatch[] = [];
  const batcher = new PushBatcher({ clock, ...options, flush: (batch) => flushes.push(batch) });
  const windowBatches = () => flushes.filter((batch) => batch.toWindow);
  const sent = () => windowBatches().flatMap((batch) => batch.events);
  const skipped = () =>
    windowBatches()
      .flatMap((batch) => batch.end?.skipped ?? [])
      .reduce((sum, entry) => sum + entry.count, 0);
  const lastBatch = () => windowBatches().at(-1)!.end!.batch;
  return { clock, batcher, flushes, windowBatches, sent, skipped, lastBatch };
}

describe('PushBatcher', () => {
  it('hands a burst on as one batch after the interval, numbered, with nothing skipped', () => {
    const { clock, batcher, windowBatches } = setup();
    for (let i = 0; i < 100; i++) batcher.event(event());
    expect(windowBatches()).toHaveLength(0);
    clock.advance(20);
    expect(windowBatches()).toHaveLength(1);
    expect(windowBatches()[0]!.events).toHaveLength(100);
    // No hello: an in-process listener, which gets no batch end unless something was skipped.
    expect(windowBatches()[0]!.end).toBeNull();
  });

  it('ends each batch for a window that acknowledges with its number', () => {
    const { clock, batcher, windowBatches } = setup();
    batcher.ack({ hello: true });
    batcher.event(event());
    clock.advance(20);
    batcher.event(event());
    clock.advance(20);
    expect(windowBatches().map((batch) => batch.end)).toEqual([
      { batch: 1, skipped: [] },
      { batch: 2, skipped: [] },
    ]);
  });

  it('tells even a listener that never said hello when one flush had more events than a batch carries', () => {
    const { clock, batcher, windowBatches } = setup({ maxEventsPerBatch: 2000 });
    for (let i = 0; i < 2500; i++) batcher.event(event('burst'));
    clock.advance(20);
    expect(windowBatches()[0]!.events).toHaveLength(2000);
    expect(windowBatches()[0]!.end).toEqual({ batch: 1, skipped: [{ feedId: 'burst', count: 500 }] });
  });

  it('gives listeners that never say hello (CLI, tests) every batch, acknowledged or not', () => {
    const { clock, batcher, sent } = setup();
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < 10; i++) batcher.event(event());
      clock.advance(20);
    }
    expect(sent()).toHaveLength(200);
    expect(batcher.batchesInFlight).toBe(0);
  });

  it('once the window said hello, keeps at most three batches unacknowledged and sends the held events on an ack', () => {
    const { clock, batcher, windowBatches, flushes, lastBatch } = setup();
    batcher.ack({ hello: true });
    for (let round = 0; round < 10; round++) {
      batcher.event(event());
      clock.advance(20);
    }
    expect(windowBatches()).toHaveLength(3);
    expect(batcher.batchesInFlight).toBe(3);
    expect(batcher.queuedEvents).toBe(7);
    // The tray still hears every flush while the window is behind.
    expect(flushes.filter((batch) => !batch.toWindow).length).toBeGreaterThanOrEqual(7);

    batcher.ack({ batch: 1 });
    clock.advance(20);
    expect(windowBatches()).toHaveLength(4);
    expect(windowBatches()[3]!.events).toHaveLength(7);
    expect(lastBatch()).toBe(4);
    expect(batcher.queuedEvents).toBe(0);
  });

  it('a window that never acknowledges costs the newest events only, and the catch-up batch says how many per feed were skipped', () => {
    const { clock, batcher, sent, windowBatches, skipped } = setup({ maxEventsPerBatch: 100 });
    batcher.ack({ hello: true });
    let peakQueued = 0;
    for (let round = 0; round < 1000; round++) {
      for (let i = 0; i < 50; i++) batcher.event(event(i % 5 === 0 ? 'news' : 'rates'));
      clock.advance(20);
      peakQueued = Math.max(peakQueued, batcher.queuedEvents);
    }
    // 50,000 events at 2,500/s for 20 s: main holds at most twice the cap between two trims.
    expect(peakQueued).toBeLessThanOrEqual(200);
    expect(windowBatches()).toHaveLength(3);

    batcher.ack({ batch: 3 });
    clock.advance(20);
    const catchUp = windowBatches().at(-1)!;
    expect(catchUp.events).toHaveLength(100);
    expect(catchUp.events.at(-1)!.title).toBe(`Tick ${seq}`);
    const perFeed = new Map(catchUp.end!.skipped.map((entry) => [entry.feedId, entry.count]));
    expect(perFeed.get('news')! + perFeed.get('rates')!).toBe(50_000 - sent().length);
    expect(perFeed.get('news')!).toBeGreaterThan(0);
    expect(sent().length + skipped()).toBe(50_000);
    expect(batcher.skippedEvents).toBe(skipped());
  });

  it('holds statuses too while the window is behind, the latest per feed', () => {
    const { clock, batcher, windowBatches } = setup({ maxBatchesInFlight: 1 });
    batcher.ack({ hello: true });
    batcher.event(event());
    clock.advance(20);
    for (let n = 1; n <= 50; n++) batcher.status(status(n % 2 ? 'a' : 'b', n));
    clock.advance(200);
    expect(windowBatches()).toHaveLength(1);
    batcher.ack({ batch: 1 });
    clock.advance(20);
    expect(windowBatches()[1]!.statuses).toEqual([status('a', 49), status('b', 50)]);
  });

  it('ignores acknowledgements of batches it never sent, already acknowledged, or from before a hello', () => {
    const { clock, batcher, windowBatches } = setup({ maxBatchesInFlight: 2 });
    batcher.ack({ hello: true });
    const send = () => {
      batcher.event(event());
      clock.advance(20);
    };
    send();
    send();
    send();
    expect(windowBatches()).toHaveLength(2);
    for (const junk of [999, 0, 3, Number.MAX_SAFE_INTEGER]) batcher.ack({ batch: junk });
    clock.advance(20);
    expect(windowBatches()).toHaveLength(2);
    batcher.ack({ batch: 1 });
    batcher.ack({ batch: 1 });
    clock.advance(20);
    // One slot opened, not two: the repeated ack counted once.
    expect(windowBatches()).toHaveLength(3);
    expect(batcher.batchesInFlight).toBe(2);
  });

  it('takes acknowledgements out of order', () => {
    const { clock, batcher, windowBatches } = setup();
    batcher.ack({ hello: true });
    for (let round = 0; round < 3; round++) {
      batcher.event(event());
      clock.advance(20);
    }
    batcher.ack({ batch: 3 });
    batcher.ack({ batch: 1 });
    expect(batcher.batchesInFlight).toBe(1);
    batcher.event(event());
    batcher.event(event());
    clock.advance(20);
    expect(windowBatches()).toHaveLength(4);
  });

  it('a reloaded page (hello) forgets the batches the old page will never acknowledge', () => {
    const { clock, batcher, windowBatches, lastBatch } = setup();
    batcher.ack({ hello: true });
    for (let round = 0; round < 5; round++) {
      batcher.event(event());
      clock.advance(20);
    }
    expect(batcher.batchesInFlight).toBe(3);
    batcher.ack({ hello: true });
    clock.advance(20);
    expect(windowBatches()).toHaveLength(4);
    expect(windowBatches()[3]!.events).toHaveLength(2);
    // An ack from the old page for a batch before the reload changes nothing.
    batcher.ack({ batch: 2 });
    expect(batcher.batchesInFlight).toBe(1);
    expect(lastBatch()).toBe(4);
  });

  it('a change without events (unread, pause) still reaches the window, as a batch of its own', () => {
    const { clock, batcher, windowBatches } = setup();
    batcher.touch();
    clock.advance(20);
    expect(windowBatches()).toHaveLength(1);
    expect(windowBatches()[0]!.events).toEqual([]);
  });

  it('keeps no timer once disposed', () => {
    const { clock, batcher } = setup();
    batcher.event(event());
    batcher.dispose();
    expect(clock.pending).toBe(0);
  });
});
