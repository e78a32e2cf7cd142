/**
 * Whether an event may raise an OS notification: pure decisions (`shouldNotify`, `isDoNotDisturb`),
 * and the small stateful `NotificationCoalescer` that applies them with a feed's interval, so a
 * burst becomes one summary instead of a wall of notifications.
 */
import type { FeedConfig, FeedEvent } from '../../shared/feed.ts';
import type { Clock, TimerHandle } from '../ports.ts';
import { BODY_MAX_CHARS, capText } from '../../shared/presentation/text.ts';

/** Why an event does or does not notify; `ok` is the only one that does. */
export type NotifyReason = 'off' | 'excluded' | 'not-included' | 'replayed' | 'dnd' | 'ok';

/** The decision for one event: notify with reason `ok`, or not, with why not. */
export type NotifyDecision =
  { notify: true; reason: 'ok' } | { notify: false; reason: Exclude<NotifyReason, 'ok'> };

/** The parts of a feed's settings the decision reads. */
export type NotifyFeed = Pick<FeedConfig, 'notify' | 'eventTypes' | 'name'>;

/** What is true of the moment, not of the event. */
export interface NotifyContext {
  /** The event came again after a reconnect or restart (its id was already seen). */
  replayed: boolean;
  /** Do-not-disturb is on. */
  dnd: boolean;
}

/** Do-not-disturb preferences: a manual switch and a daily schedule in local time. */
export interface DoNotDisturbPrefs {
  manual: boolean;
  schedule: { enabled: boolean; from: string; to: string };
}

/**
 * Decides one event, checking in this order: notifications off for the feed; an event type the feed
 * does not subscribe to (empty list = `message`, `*` = all); an exclude keyword (exclude wins over
 * include); no include keyword (an empty include list admits all); replayed; do-not-disturb.
 * Do-not-disturb comes last so `dnd` means "would have notified", which is what the unread count wants.
 */
export function shouldNotify(event: FeedEvent, feed: NotifyFeed, ctx: NotifyContext): NotifyDecision {
  if (!feed.notify.enabled) return no('off');
  if (!subscribes(feed.eventTypes, event.type)) return no('not-included');
  const text = `${event.title}\n${event.body}`.toLowerCase();
  const mentions = (keyword: string): boolean => {
    const needle = keyword.trim().toLowerCase();
    return needle !== '' && text.includes(needle);
  };
  if (feed.notify.exclude.some(mentions)) return no('excluded');
  const include = feed.notify.include.filter((keyword) => keyword.trim() !== '');
  if (include.length > 0 && !include.some(mentions)) return no('not-included');
  if (ctx.replayed) return no('replayed');
  if (ctx.dnd) return no('dnd');
  return { notify: true, reason: 'ok' };
}

/**
 * True when do-not-disturb is on at `now` (local time): the manual switch, or inside the schedule.
 * The schedule covers [from, to): `to` at or before `from` means it ends the next day, so
 * 22:00–07:00 spans midnight and `from == to` is a whole day. A time that is not `HH:MM` disables
 * the schedule (settings validation should have rejected it first).
 */
export function isDoNotDisturb(prefs: DoNotDisturbPrefs, now: Date): boolean {
  if (prefs.manual) return true;
  if (!prefs.schedule.enabled) return false;
  const from = minutesOfDay(prefs.schedule.from);
  const to = minutesOfDay(prefs.schedule.to);
  if (from === null || to === null) return false;
  const minute = now.getHours() * 60 + now.getMinutes();
  if (from < to) return minute >= from && minute < to;
  return minute >= from || minute < to;
}

/** Minutes since midnight for `HH:MM` (24-hour), or null when it is not such a time. */
export function minutesOfDay(time: string): number | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

function subscribes(eventTypes: readonly string[], type: string): boolean {
  // The same rule the connection uses to pick which event types it listens for.
  if (eventTypes.length === 0) return type === 'message';
  return eventTypes.includes('*') || eventTypes.includes(type);
}

function no(reason: Exclude<NotifyReason, 'ok'>): NotifyDecision {
  return { notify: false, reason };
}

/** What the coalescer hands to the notifier: one event, or a summary of a burst. */
export type FeedNotification =
  | { kind: 'event'; event: FeedEvent }
  | {
      kind: 'summary';
      feedId: string;
      feedName: string;
      /** How many events the summary stands for. */
      count: number;
      title: string;
      /** The newest titles, newest first, one per line. */
      body: string;
      /** The newest of them: a click opens its link or the app on it. */
      latest: FeedEvent;
    };
/** The same type under the name the design uses; `FeedNotification` avoids a clash with Electron's. */
export type Notification = FeedNotification;

/** Events that would have notified but did not, so the tray can count them as missed. */
export interface Suppressed {
  feedId: string;
  count: number;
  reason: Exclude<NotifyReason, 'ok'>;
  latest: FeedEvent;
}

/** How a coalescer is wired. */
export interface CoalescerOptions {
  clock: Clock;
  onNotify: (notification: FeedNotification) => void;
  /** Every event the policy kept quiet, with the reason; `dnd` ones belong in the unread count. */
  onSuppressed?: (suppressed: Suppressed) => void;
  /** Asked again when held events come due, so do-not-disturb that began meanwhile still holds. */
  isDoNotDisturb?: () => boolean;
  /** The summary title, for translation; default `12 new from Rates`. */
  summaryTitle?: (count: number, feedName: string) => string;
}

/** What happened to one offered event. */
export interface OfferOutcome {
  decision: NotifyDecision;
  /** `now`: notified at once; `held`: waits for the interval's end; `none`: the policy said no. */
  delivery: 'now' | 'held' | 'none';
}

/** Newest titles listed in a summary body. */
export const SUMMARY_LINES = 5;

interface Window {
  feed: NotifyFeed;
  timer: TimerHandle;
  /** Events held since the window opened. */
  count: number;
  /** The newest held events, at most `max(SUMMARY_LINES, burstThreshold - 1)`, so memory is bounded. */
  held: FeedEvent[];
}

/**
 * Applies each feed's `minIntervalS` and `burstThreshold`. The first notifying event after a quiet
 * spell shows at once and opens a window of `minIntervalS`; later events in the window are held.
 * When the window ends with held events: one held event shows as itself; fewer than `burstThreshold`
 * show one by one (so a window shows at most `burstThreshold` events individually, the first
 * included); `burstThreshold` or more become one summary ("12 new from Rates"). Showing anything
 * opens a new window, so a steady flood yields one summary per interval.
 */
export class NotificationCoalescer {
  readonly #options: CoalescerOptions;
  readonly #windows = new Map<string, Window>();

  constructor(options: CoalescerOptions) {
    this.#options = options;
  }

  /** Decides one event and notifies now, holds it, or reports it suppressed. */
  offer(event: FeedEvent, feed: NotifyFeed, ctx: NotifyContext): OfferOutcome {
    const decision = shouldNotify(event, feed, ctx);
    if (!decision.notify) {
      this.#options.onSuppressed?.({
        feedId: event.feedId,
        count: 1,
        reason: decision.reason,
        latest: event,
      });
      return { decision, delivery: 'none' };
    }
    const window = this.#windows.get(event.feedId);
    if (!window) {
      this.#options.onNotify({ kind: 'event', event });
      this.#open(event.feedId, feed);
      return { decision, delivery: 'now' };
    }
    window.feed = feed;
    window.count += 1;
    window.held.push(event);
    if (window.held.length > keepCount(feed)) window.held.shift();
    return { decision, delivery: 'held' };
  }

  /** Drops a feed's window and held events (the feed was removed or its notifications turned off). */
  forget(feedId: string): void {
    const window = this.#windows.get(feedId);
    if (window) this.#options.clock.clearTimeout(window.timer);
    this.#windows.delete(feedId);
  }

  /** Clears every timer; held events are dropped (they stay in history as unread). */
  dispose(): void {
    for (const feedId of [...this.#windows.keys()]) this.forget(feedId);
  }

  #open(feedId: string, feed: NotifyFeed): void {
    const intervalMs = feed.notify.minIntervalS * 1000;
    if (intervalMs <= 0) return; // no interval: every event notifies on its own
    const timer = this.#options.clock.setTimeout(() => this.#due(feedId), intervalMs);
    this.#windows.set(feedId, { feed, timer, count: 0, held: [] });
  }

  #due(feedId: string): void {
    const window = this.#windows.get(feedId);
    this.#windows.delete(feedId);
    if (!window || window.count === 0) return;
    const latest = window.held.at(-1)!;
    if (this.#options.isDoNotDisturb?.()) {
      this.#options.onSuppressed?.({ feedId, count: window.count, reason: 'dnd', latest });
      return;
    }
    if (window.count < Math.max(2, window.feed.notify.burstThreshold)) {
      for (const event of window.held) this.#options.onNotify({ kind: 'event', event });
    } else {
      const title = (this.#options.summaryTitle ?? defaultSummaryTitle)(window.count, window.feed.name);
      const lines = window.held
        .slice(-SUMMARY_LINES)
        .reverse()
        .map((event) => event.title);
      this.#options.onNotify({
        kind: 'summary',
        feedId,
        feedName: window.feed.name,
        count: window.count,
        title,
        body: capText(lines.join('\n'), BODY_MAX_CHARS),
        latest,
      });
    }
    this.#open(feedId, window.feed);
  }
}

function keepCount(feed: NotifyFeed): number {
  return Math.max(SUMMARY_LINES, feed.notify.burstThreshold - 1);
}

function defaultSummaryTitle(count: number, feedName: string): string {
  return `${count} new from ${feedName}`;
}
