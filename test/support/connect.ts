import { FeedConnection } from '../../src/main/feeds/connection.ts';
import { systemClock, type Clock } from '../../src/main/ports.ts';
import type { ConnectionConfig, FeedStatus, RawFeedEvent } from '../../src/shared/feed.ts';

/** A connection to a test server that records what it delivers. */
export interface Recorded {
  connection: FeedConnection;
  events: RawFeedEvent[];
  statuses: FeedStatus[];
  /** Reason codes in order, for readable assertions. */
  reasons(): string[];
}

/** Opens a FeedConnection with test-friendly defaults: no jitter, a short stall timeout. */
export function connect(
  url: string,
  config: Partial<ConnectionConfig> = {},
  options: { lastEventId?: string; clock?: Clock } = {},
): Recorded {
  const events: RawFeedEvent[] = [];
  const statuses: FeedStatus[] = [];
  const connection = new FeedConnection({
    config: {
      id: config.id ?? 'feed',
      url,
      eventTypes: [],
      headers: [],
      withCredentials: false,
      stallTimeoutS: 30,
      maxEventBytes: 1024 * 1024,
      ...config,
    },
    fetch: globalThis.fetch,
    clock: options.clock ?? systemClock,
    random: () => 0,
    ...(options.lastEventId === undefined ? {} : { lastEventId: options.lastEventId }),
    onEvent: (event) => events.push(event),
    onStatus: (status) => statuses.push(status),
  });
  connection.start();
  return { connection, events, statuses, reasons: () => statuses.map((s) => s.reason.code) };
}
