import type { FeedEvent, RawFeedEvent } from '../../../src/shared/feed.ts';

/** A raw event with sensible defaults, for tests. */
export function rawEvent(overrides: Partial<RawFeedEvent> = {}): RawFeedEvent {
  return {
    feedId: 'news',
    type: 'message',
    id: '',
    lastEventId: '',
    data: '',
    receivedAt: 1_700_000_000_000,
    ...overrides,
  };
}

/** A normalized event with sensible defaults; the key follows feedId and id unless given. */
export function feedEvent(overrides: Partial<FeedEvent> = {}): FeedEvent {
  const feedId = overrides.feedId ?? 'news';
  const id = overrides.id ?? '1';
  return {
    feedId,
    type: 'message',
    id,
    data: '',
    receivedAt: 1_700_000_000_000,
    key: `${feedId}:${id}`,
    title: `Event ${id}`,
    body: '',
    link: null,
    value: null,
    severity: 3,
    decision: null,
    ...overrides,
  };
}
