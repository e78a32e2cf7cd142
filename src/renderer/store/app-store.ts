/**
 * What the window knows: feeds, their statuses, the app state, preferences and recent events. Views
 * read it and subscribe to the topic they show; only IPC results and pushes write to it.
 */
import type { FeedEvent, NotifyDecisionCode, FeedStatus } from '../../shared/feed.ts';
import type { AppState, SkippedEvents } from '../../shared/ipc.ts';
import type { Preferences, RedactedFeed } from '../../shared/settings.ts';
import { Emitter } from '../emitter.ts';
import { EventBuffer } from './event-buffer.ts';

/** How many events the live list and charts keep in memory. */
export const MAX_LIVE_EVENTS = 10_000;

/** What changed, for subscribers. `events` carries only the new batch. */
export interface StoreTopics extends Record<string, unknown> {
  feeds: readonly RedactedFeed[];
  statuses: ReadonlyMap<string, FeedStatus>;
  state: AppState;
  prefs: Preferences;
  events: readonly FeedEvent[];
  skipped: ReadonlyMap<string, number>;
  /** Keys of events whose decision changed (held events, once their interval ended). */
  decisions: readonly string[];
}

/** The renderer's single source of truth. */
export class AppStore {
  feeds: readonly RedactedFeed[] = [];
  readonly statuses = new Map<string, FeedStatus>();
  state: AppState | null = null;
  prefs: Preferences | null = null;
  readonly events = new EventBuffer(MAX_LIVE_EVENTS);
  /** Events main did not send per feed, because the window was busy (History has them). */
  readonly skipped = new Map<string, number>();
  readonly #emitter = new Emitter<StoreTopics>();
  /**
   * Events per feed since its last status push. Main pushes a status only when the connection state
   * changes, not per event, so the count and "last event" time would otherwise stand still.
   */
  readonly #since = new Map<string, { count: number; lastAt: number }>();

  /** Subscribes to one topic; returns the unsubscribe function. */
  on<K extends keyof StoreTopics>(topic: K, listener: (payload: StoreTopics[K]) => void): () => void {
    return this.#emitter.on(topic, listener);
  }

  /** Replaces the feed list (ordered as the user arranged it). */
  setFeeds(feeds: readonly RedactedFeed[]): void {
    this.feeds = feeds;
    const ids = new Set(feeds.map((feed) => feed.id));
    for (const id of this.statuses.keys()) if (!ids.has(id)) this.statuses.delete(id);
    this.#emitter.emit('feeds', feeds);
  }

  /** Merges statuses (a push carries only the feeds that changed). */
  setStatuses(statuses: readonly FeedStatus[]): void {
    for (const status of statuses) {
      this.statuses.set(status.feedId, status);
      this.#since.delete(status.feedId);
    }
    this.#emitter.emit('statuses', this.statuses);
  }

  /** Replaces the app state. */
  setState(state: AppState): void {
    this.state = state;
    this.#emitter.emit('state', state);
  }

  /** Replaces the preferences. */
  setPrefs(prefs: Preferences): void {
    this.prefs = prefs;
    this.#emitter.emit('prefs', prefs);
  }

  /** Adds a batch of live events (oldest first) and tells subscribers which were new. */
  addEvents(batch: readonly FeedEvent[]): void {
    const added = this.events.push(batch);
    for (const event of added) {
      const since = this.#since.get(event.feedId) ?? { count: 0, lastAt: 0 };
      this.#since.set(event.feedId, {
        count: since.count + 1,
        lastAt: Math.max(since.lastAt, event.receivedAt),
      });
    }
    if (added.length > 0) this.#emitter.emit('events', added);
  }

  /** Final decisions of held events (from `push:decisions`): the events in memory show them. */
  setDecisions(updates: readonly { key: string; decision: NotifyDecisionCode }[]): void {
    const changed: string[] = [];
    for (const { key, decision } of updates) {
      const event = this.events.find(key);
      if (!event) continue;
      event.decision = decision;
      changed.push(key);
    }
    if (changed.length > 0) this.#emitter.emit('decisions', changed);
  }

  /** Counts events main skipped while the window was busy (from `push:batchEnd`). */
  addSkipped(skipped: readonly SkippedEvents[]): void {
    if (skipped.length === 0) return;
    for (const { feedId, count } of skipped)
      this.skipped.set(feedId, (this.skipped.get(feedId) ?? 0) + count);
    this.#emitter.emit('skipped', this.skipped);
  }

  /** The user went to History to see the skipped events. */
  clearSkipped(): void {
    this.skipped.clear();
    this.#emitter.emit('skipped', this.skipped);
  }

  /** Seeds the live list with history (newest first), behind anything already received. */
  seedEvents(newestFirst: readonly FeedEvent[]): void {
    const added = this.events.pushOlder(newestFirst);
    if (added.length > 0) this.#emitter.emit('events', added);
  }

  /** A feed's last pushed status, with the events that arrived since counted in. */
  liveStatus(feedId: string): FeedStatus | undefined {
    const status = this.statuses.get(feedId);
    const since = this.#since.get(feedId);
    if (!status || !since) return status;
    return {
      ...status,
      eventsReceived: status.eventsReceived + since.count,
      lastEventAt: Math.max(status.lastEventAt ?? 0, since.lastAt),
    };
  }

  /** A feed by id. */
  feed(id: string): RedactedFeed | undefined {
    return this.feeds.find((feed) => feed.id === id);
  }

  /** A feed's name, or its id when it has been removed. */
  feedName(id: string): string {
    return this.feed(id)?.name ?? id;
  }
}
