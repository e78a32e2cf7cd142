import type {
  ConnectionConfig,
  FeedConfig,
  FeedReason,
  FeedStatus,
  FeedWarning,
  RawFeedEvent,
} from '../../shared/feed.ts';
import type { Clock, FetchFn } from '../ports.ts';
import { FeedConnection } from './connection.ts';
import { reason } from './reasons.ts';

/** What the manager needs from the world. */
export interface FeedManagerOptions {
  fetch: FetchFn;
  clock: Clock;
  random?: () => number;
  /** The persisted last event id of a feed, so a restart resumes with `Last-Event-ID`. */
  lastEventIdOf?: (feedId: string) => string | undefined;
  /** Every event as delivered, in order per feed (the pipeline decides what becomes of it). */
  onEvent(event: RawFeedEvent): void;
  onStatus(status: FeedStatus): void;
  /**
   * A feed's last event id moved without an event (a block with only `id:`; an empty one resets it
   * to ''): persist it like the `lastEventId` of an event.
   */
  onLastEventId?(feedId: string, lastEventId: string): void;
}

interface Entry {
  config: FeedConfig;
  connection: FeedConnection | null;
}

/** The settings that, when they change, need a new connection; name, mapping and notify do not. */
function connectionKey(config: FeedConfig): string {
  const { id, url, eventTypes, headers, withCredentials, stallTimeoutS, maxEventBytes } = config;
  const { idPointer, resume, heartbeatTypes } = config;
  const connection: ConnectionConfig = {
    id,
    url,
    eventTypes,
    headers,
    withCredentials,
    stallTimeoutS,
    maxEventBytes,
    idPointer,
    resume,
    heartbeatTypes,
  };
  return JSON.stringify(connection);
}

/**
 * One connection per enabled feed. A new feed list is applied as a diff, so adding, removing or editing
 * one feed never reconnects the others. Pause and reconnectAll serve sleep, resume and network changes.
 */
export class FeedManager {
  readonly #options: FeedManagerOptions;
  readonly #entries = new Map<string, Entry>();
  #pausedFor: FeedReason | null = null;

  constructor(options: FeedManagerOptions) {
    this.#options = options;
  }

  /** Feeds as last applied, in order. */
  get feeds(): FeedConfig[] {
    return [...this.#entries.values()].map((entry) => entry.config);
  }

  get paused(): boolean {
    return this.#pausedFor !== null;
  }

  /** Applies a feed list: starts new and enabled feeds, stops removed and disabled ones, restarts edited ones. */
  apply(feeds: readonly FeedConfig[]): void {
    const next = new Map(feeds.map((feed) => [feed.id, feed]));
    for (const [id, entry] of this.#entries) {
      if (!next.has(id)) {
        entry.connection?.stop();
        this.#entries.delete(id);
      }
    }
    const ordered = new Map<string, Entry>();
    for (const config of feeds) {
      const existing = this.#entries.get(config.id);
      if (
        existing &&
        existing.config.enabled === config.enabled &&
        connectionKey(existing.config) === connectionKey(config)
      ) {
        existing.config = config;
        ordered.set(config.id, existing);
        continue;
      }
      // Same address: keep the position in the stream; a new address starts a new stream.
      const carriedId = existing?.config.url === config.url ? existing.connection?.lastEventId : undefined;
      existing?.connection?.stop();
      ordered.set(config.id, this.#createEntry(config, carriedId));
    }
    this.#entries.clear();
    for (const [id, entry] of ordered) this.#entries.set(id, entry);
  }

  /** Statuses of every feed, in feed order. */
  statuses(): FeedStatus[] {
    return [...this.#entries.values()].map((entry) => this.#statusOf(entry));
  }

  status(feedId: string): FeedStatus | undefined {
    const entry = this.#entries.get(feedId);
    return entry && this.#statusOf(entry);
  }

  /** The stream position of a feed, to persist. */
  lastEventId(feedId: string): string | undefined {
    return this.#entries.get(feedId)?.connection?.lastEventId;
  }

  /** Closes every connection until `resume`: the user's pause, or the network going offline. */
  pause(why: FeedReason = reason('paused', 'Paused')): void {
    this.#pausedFor = why;
    for (const entry of this.#entries.values()) entry.connection?.stop(why);
  }

  /** Undoes `pause`, connecting every enabled feed at once. */
  resume(): void {
    if (!this.#pausedFor) return;
    this.#pausedFor = null;
    for (const entry of this.#entries.values()) entry.connection?.reconnectNow();
  }

  /** Reconnects every running feed now with the backoff reset: resume from sleep, network online. */
  reconnectAll(): void {
    if (this.#pausedFor) return;
    for (const entry of this.#entries.values()) entry.connection?.reconnectNow();
  }

  /** Shows a non-fatal problem on a feed's status (found by the pipeline, such as reused ids). */
  warn(feedId: string, warning: FeedWarning): void {
    this.#entries.get(feedId)?.connection?.warn(warning);
  }

  /** The user's "retry now": also moves a feed that waits for sign-in or was stopped by its server. */
  retry(feedId: string): void {
    if (this.#pausedFor) return;
    this.#entries.get(feedId)?.connection?.reconnectNow(true);
  }

  /** Closes everything for shutdown. */
  stopAll(): void {
    for (const entry of this.#entries.values()) entry.connection?.stop();
  }

  #createEntry(config: FeedConfig, carriedLastEventId: string | undefined): Entry {
    if (!config.enabled) {
      const entry: Entry = { config, connection: null };
      this.#options.onStatus(this.#statusOf(entry));
      return entry;
    }
    const lastEventId = carriedLastEventId ?? this.#options.lastEventIdOf?.(config.id);
    const connection = new FeedConnection({
      config,
      fetch: this.#options.fetch,
      clock: this.#options.clock,
      ...(this.#options.random ? { random: this.#options.random } : {}),
      ...(lastEventId === undefined ? {} : { lastEventId }),
      onEvent: (event) => this.#options.onEvent(event),
      onStatus: (status) => this.#options.onStatus(status),
      onLastEventId: (id) => this.#options.onLastEventId?.(config.id, id),
    });
    if (this.#pausedFor) connection.stop(this.#pausedFor);
    else connection.start();
    return { config, connection };
  }

  #statusOf(entry: Entry): FeedStatus {
    if (entry.connection) return entry.connection.status;
    return {
      feedId: entry.config.id,
      state: 'closed',
      reason: reason('disabled', 'Turned off'),
      attempt: 0,
      nextRetryAt: null,
      lastEventAt: null,
      eventsReceived: 0,
      warning: null,
    };
  }
}
