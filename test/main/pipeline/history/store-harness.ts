/** A history store in a temp folder with a fake clock, collecting the problems it reports. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import {
  HistoryStore,
  type HistoryProblem,
  type HistoryStoreOptions,
} from '../../../../src/main/pipeline/history.ts';
import type { FeedEvent } from '../../../../src/shared/feed.ts';
import { FakeClock } from '../../../support/fake-clock.ts';
import { feedEvent } from '../make-event.ts';

export interface Harness {
  dir: string;
  clock: FakeClock;
  problems: HistoryProblem[];
  stores: HistoryStore[];
  open(options?: Partial<HistoryStoreOptions>): HistoryStore;
}

/** Registers before/after hooks and returns the live harness. */
export function useHistoryHarness(prefix: string): Harness {
  const harness: Harness = {
    dir: '',
    clock: new FakeClock(),
    problems: [],
    stores: [],
    open(options = {}) {
      const store = new HistoryStore({
        dir: harness.dir,
        clock: harness.clock,
        onProblem: (problem) => harness.problems.push(problem),
        ...options,
      });
      harness.stores.push(store);
      return store;
    },
  };
  beforeEach(async () => {
    harness.dir = await mkdtemp(join(tmpdir(), `feedtray-${prefix}-`));
    harness.clock = new FakeClock();
    harness.problems = [];
    harness.stores = [];
  });
  afterEach(async () => {
    for (const store of harness.stores) await store.close();
    await rm(harness.dir, { recursive: true, force: true });
  });
  return harness;
}

export function appendMany(store: HistoryStore, feedId: string, from: number, to: number, at?: number): void {
  for (let i = from; i <= to; i += 1) {
    store.append(
      feedEvent({
        feedId,
        id: String(i),
        title: `${feedId} ${i}`,
        ...(at === undefined ? {} : { receivedAt: at }),
      }),
    );
  }
}

export async function titles(store: HistoryStore, feedId?: string, limit = 1000): Promise<string[]> {
  const result = await store.query({ feedId, limit });
  if (!result.ok) throw new Error(result.error.message);
  return result.value.events.map((event: FeedEvent) => event.title);
}
