/**
 * Puts events straight into the core's history database for the window tests: any time in the past,
 * with a severity and a decision, as the pipeline would have stored them. Bounded by the caller's list.
 */
import type { FeedTrayCore } from '../../src/main/core/index.ts';
import type { FeedEvent } from '../../src/shared/feed.ts';

/** One stored event; what is left out takes a plain default. */
export interface SeedEvent {
  feedId: string;
  id: string;
  title: string;
  body?: string;
  type?: string;
  value?: number | null;
  receivedAt: number;
  severity?: number | null;
  decision?: string | null;
}

/** Appends the events (any order) and commits them, so the next search or series read sees them. */
export function seedHistory(core: FeedTrayCore, events: readonly SeedEvent[]): void {
  for (const seed of events) {
    const event: FeedEvent = {
      feedId: seed.feedId,
      type: seed.type ?? 'message',
      id: seed.id,
      data: JSON.stringify({ title: seed.title, body: seed.body ?? '', value: seed.value ?? null }),
      receivedAt: seed.receivedAt,
      key: `${seed.feedId}:${seed.id}`,
      title: seed.title,
      body: seed.body ?? '',
      link: null,
      value: seed.value ?? null,
    };
    core.history.append(event, { severity: seed.severity ?? null, decision: seed.decision ?? null });
  }
  core.history.commitNow();
}

/** A disabled feed (it never connects), so only the seeded events are in its history. */
export function quietFeed(id: string, name: string, valuePointer?: string) {
  return {
    id,
    name,
    url: `http://127.0.0.1:9/${id}`,
    enabled: false,
    mapping: valuePointer ? { title: '/title', value: valuePointer } : { title: '/title', body: '/body' },
  };
}
