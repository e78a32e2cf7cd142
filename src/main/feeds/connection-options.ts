/** What a feed connection is given, and what it keeps per attempt. */
import type { ConnectionConfig, FeedStatus, RawFeedEvent } from '../../shared/feed.ts';
import type { Clock, FetchFn } from '../ports.ts';
import type { PositionQueue } from './positions.ts';
import type { TappedEventSource } from './tapped-event-source.ts';

/** What a connection needs from the world. */
export interface FeedConnectionOptions {
  config: ConnectionConfig;
  fetch: FetchFn;
  clock: Clock;
  /** The last event id from a previous run, sent as `Last-Event-ID` on the first request. */
  lastEventId?: string;
  random?: () => number;
  onEvent(event: RawFeedEvent): void;
  onStatus(status: FeedStatus): void;
  /**
   * The stream's last event id moved without an event (a block with only an `id` field; an empty
   * `id:` resets it to ''). Events carry the id they leave, so this is the only other moment to persist it.
   */
  onLastEventId?(lastEventId: string): void;
}

/** One request and the stream it gave: callbacks of an attempt that is no longer current are ignored. */
export interface Attempt {
  source: TappedEventSource | null;
  openedAt: number | null;
  events: number;
  positions: PositionQueue;
}
