/**
 * The pipeline: every raw event a connection delivers passes these steps, in this order, here and
 * nowhere else:
 *
 *   dedupe → normalize → history → unread → notification decision → push
 *
 * Connections and the manager only deliver raw events; what happens to an event is decided here.
 */
import type { FeedConfig, FeedEvent, RawFeedEvent } from '../../shared/feed.ts';
import { normalizeEvent } from '../../shared/presentation/normalize.ts';
import {
  notificationFor,
  summaryTitle,
  type NotificationRequest,
  type UiLanguage,
} from '../../shared/presentation/notification-text.ts';
import type { Clock } from '../ports.ts';
import type { Deduper } from './dedupe.ts';
import type { HistoryStore } from './history.ts';
import { NotificationCoalescer } from './notify-policy.ts';

/** Events the tray lists under "Recent". */
export const RECENT_EVENTS = 5;

/** What the pipeline needs from the rest of the app. */
export interface PipelineOptions {
  clock: Clock;
  deduper: Deduper;
  history: HistoryStore;
  /** Where each feed's stream position is kept, so a restart resumes with Last-Event-ID. */
  positions: { set(feedId: string, lastEventId: string): void };
  /** The feed as configured now, or undefined once it was removed. */
  feed(feedId: string): FeedConfig | undefined;
  /** Whether notifications may be shown at all (the app-wide switch and OS support). */
  notificationsAllowed(): boolean;
  doNotDisturb(): boolean;
  language(): UiLanguage;
  showNotification(notification: NotificationRequest): void;
  /** The event passed every step: hand it to the window (batched by the caller). */
  push(event: FeedEvent): void;
}

/** Runs every delivered event through dedupe, normalize, history, unread, notification and push. */
export class Pipeline {
  readonly #options: PipelineOptions;
  readonly #coalescer: NotificationCoalescer;
  /** Unread events per feed; a Map because feed ids come from outside (`__proto__` is a valid id). */
  #unread = new Map<string, number>();
  #recent: FeedEvent[] = [];
  // Keys of events without an id end in this sequence; starting from the clock keeps them unique across restarts.
  #seq: number;
  #eventsDelivered = 0;
  #duplicatesDropped = 0;
  #notificationsShown = 0;

  constructor(options: PipelineOptions) {
    this.#options = options;
    this.#seq = options.clock.now() * 1000;
    this.#coalescer = new NotificationCoalescer({
      clock: options.clock,
      isDoNotDisturb: () => options.doNotDisturb(),
      summaryTitle: (count, feedName) => summaryTitle(options.language())(count, feedName),
      onNotify: (notification) => {
        const feedId = notification.kind === 'event' ? notification.event.feedId : notification.feedId;
        const feedName = options.feed(feedId)?.name ?? feedId;
        this.#notificationsShown++;
        options.showNotification(notificationFor(notification, feedName));
      },
    });
  }

  /** Takes one raw event through every step; returns the normalized event, or null when dropped. */
  accept(raw: RawFeedEvent): FeedEvent | null {
    const feed = this.#options.feed(raw.feedId);
    if (!feed) return null; // removed while its last bytes were in flight
    // 1. dedupe: a server replaying what was already delivered (after a reconnect or a restart).
    if (!this.#options.deduper.admit(raw.feedId, raw.id)) {
      this.#duplicatesDropped++;
      return null;
    }
    // 2. normalize: title, body, link and value from the feed's mapping.
    const event = normalizeEvent(raw, feed.mapping, this.#seq++);
    // 3. history, and where the stream stands, so a restart resumes after this event.
    this.#options.history.append(event);
    if (raw.lastEventId !== '') this.#options.positions.set(raw.feedId, raw.lastEventId);
    // 4. unread, and the tray's recent list.
    this.#unread.set(raw.feedId, (this.#unread.get(raw.feedId) ?? 0) + 1);
    this.#recent.push(event);
    if (this.#recent.length > RECENT_EVENTS) this.#recent.shift();
    this.#eventsDelivered++;
    // 5. the notification decision (policy, do-not-disturb, burst coalescing).
    if (this.#options.notificationsAllowed()) {
      this.#coalescer.offer(event, feed, { replayed: false, dnd: this.#options.doNotDisturb() });
    }
    // 6. push to the window.
    this.#options.push(event);
    return event;
  }

  /** Unread counts per feed. */
  get unread(): ReadonlyMap<string, number> {
    return this.#unread;
  }

  /** Replaces the unread counts with what history holds (after start, a read marker or a removal). */
  setUnread(counts: Iterable<readonly [string, number]>): void {
    this.#unread = new Map(counts);
  }

  /** The newest events, newest first. */
  recent(): FeedEvent[] {
    return [...this.#recent].reverse();
  }

  /** Events that passed the whole pipeline since start. */
  get eventsDelivered(): number {
    return this.#eventsDelivered;
  }

  /** Replays recognised and dropped since start. */
  get duplicatesDropped(): number {
    return this.#duplicatesDropped;
  }

  get notificationsShown(): number {
    return this.#notificationsShown;
  }

  /** Forgets what the pipeline keeps about a removed feed. */
  forget(feedId: string): void {
    this.#coalescer.forget(feedId);
    this.#options.deduper.forget(feedId);
    this.#unread.delete(feedId);
    this.#recent = this.#recent.filter((event) => event.feedId !== feedId);
  }

  /** Cancels held notifications' timers (they stay in history as unread). */
  dispose(): void {
    this.#coalescer.dispose();
  }
}
