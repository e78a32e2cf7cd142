import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HistoryStore } from '../../../../src/main/pipeline/history.ts';
import type { ActionResult } from '../../../../src/shared/actions.ts';
import { FakeClock } from '../../../support/fake-clock.ts';
import { feedEvent } from '../make-event.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'feedtray-actions-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const result = (actionId: string, at: number, ok = true): ActionResult => ({
  actionId,
  label: 'Acknowledge',
  at,
  ok,
  status: ok ? 204 : 500,
  message: ok ? 'Acknowledged' : 'HTTP 500 Internal Server Error',
});

describe('HistoryStore action results', () => {
  it('reads an event by key (waiting writes included) and keeps its presses, newest first, across a reopen', async () => {
    const store = new HistoryStore({ dir, clock: new FakeClock() });
    store.append(feedEvent({ feedId: 'ops', id: '1', title: 'Disk full' }));
    expect((await store.event('ops:1'))?.title).toBe('Disk full');
    expect(await store.event('ops:2')).toBeNull();
    await store.recordActionResult('ops:1', result('feed:ack', 1000, false));
    await store.recordActionResult('ops:1', result('feed:ack', 2000));
    await store.close();

    const reopened = new HistoryStore({ dir, clock: new FakeClock() });
    expect(await reopened.actionResults('ops:1')).toEqual([
      result('feed:ack', 2000),
      result('feed:ack', 1000, false),
    ]);
    expect(await reopened.actionResults('ops:2')).toEqual([]);
    await reopened.close();
  });

  it('lets the presses of events that left history go with the next press', async () => {
    const store = new HistoryStore({ dir, clock: new FakeClock() });
    store.append(feedEvent({ feedId: 'gone', id: '1' }));
    store.append(feedEvent({ feedId: 'ops', id: '1' }));
    await store.recordActionResult('gone:1', result('feed:ack', 1000));
    await store.removeFeed('gone');
    while (store.enforceRetention().deleted > 0);
    expect(await store.event('gone:1')).toBeNull();
    await store.recordActionResult('ops:1', result('feed:ack', 2000));
    expect(await store.actionResults('gone:1')).toEqual([]);
    expect(await store.actionResults('ops:1')).toHaveLength(1);
    await store.close();
  });
});
