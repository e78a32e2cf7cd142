/**
 * Whether an event may raise an OS notification: pure decisions (`shouldNotify`, `isDoNotDisturb`),
 * and the small stateful `NotificationCoalescer` that applies them with a feed's interval, so a
 * burst becomes one summary instead of a wall of notifications.
 */
import type { FeedConfig, FeedEvent, NotifyDecisionCode } from '../../shared/feed.ts';
import type { Severity } from '../../shared/presentation/severity.ts';
import type { Clock, TimerHandle } from '../ports.ts';
import { isQuietAt } from '../../shared/presentation/snooze.ts';
import { subscribesTo } from '../../shared/presentation/event-types.ts';
import { BODY_MAX_CHARS, capText } from '../../shared/presentation/text.ts';

/** Why an event does or does not notify; `ok` is the only one that does. */
export type NotifyReason =
  'off' | 'excluded' | 'not-included' | 'replayed' | 'below-min-severity' | 'snoozed' | 'dnd' | 'ok';

/** The decision for one event: notify with reason `ok`, or not, with why not. */
export type NotifyDecision =
  { notify: true; reason: 'ok' } | { notify: false; reason: Exclude<NotifyReason, 'ok'> };

/** The decision record of a reason not to notify (both keyword reasons are one: the keyword filter). */
export function reasonCode(reason: Exclude<NotifyReason, 'ok'>): NotifyDecisionCode {
  return reason === 'excluded' || reason === 'not-included' ? 'keyword' : reason;
}

/** The parts of a feed's settings the decision reads. */
export type NotifyFeed = Pick<FeedConfig, 'notify' | 'eventTypes' | 'name'> & Partial<Pick<FeedConfig, 'id'>>;

/** What is true of the moment, not of the event. */
export interface NotifyContext {
  /** The event came again after a reconnect or restart (its id was already seen). */
  replayed: boolean;
  /** Do-not-disturb is on. */
  dnd: boolean;
  /** The user snoozed this feed's notifications. */
  snoozed?: boolean;
  /** A rule chose to notify: keywords and the minimum severity are the rule's business, not checked again. */
  ruled?: boolean;
}

/** Do-not-disturb preferences: a manual switch, a daily schedule in local time, and "for a while". */
export interface DoNotDisturbPrefs {
  manual: boolean;
  schedule: { enabled: boolean; from: string; to: string };
  /** On until this time (epoch ms), or null. */
  until?: number | null;
}

/**
 * Decides one event, checking in this order: notifications off for the feed; an event type the feed
 * does not subscribe to (empty list = `message`, `*` = all); an exclude keyword (exclude wins over
 * include); no include keyword (an empty include list admits all); replayed; below the feed's minimum
 * severity; then, unless the event is urgent and the feed lets urgent break through, snoozed and
 * do-not-disturb. Those come last so they mean "would have notified", which is what the user asks about.
 * An event a rule chose to notify skips the keywords and the minimum severity (the rule decided those).
 */
export function shouldNotify(event: FeedEvent, feed: NotifyFeed, ctx: NotifyContext): NotifyDecision {
  if (!feed.notify.enabled) return no('off');
  if (!subscribesTo(feed.eventTypes, event.type)) return no('not-included');
  if (ctx.ruled) {
    if (ctx.replayed) return no('replayed');
    return breaksThrough(event, feed) ? { notify: true, reason: 'ok' } : quietTime(ctx);
  }
  const text = `${event.title}\n${event.body}`.toLowerCase();
  const mentions = (keyword: string): boolean => {
    const needle = keyword.trim().toLowerCase();
    return needle !== '' && text.includes(needle);
  };
  if (feed.notify.exclude.some(mentions)) return no('excluded');
  const include = feed.notify.include.filter((keyword) => keyword.trim() !== '');
  if (include.length > 0 && !include.some(mentions)) return no('not-included');
  if (ctx.replayed) return no('replayed');
  if (event.severity < feed.notify.minSeverity) return no('below-min-severity');
  if (breaksThrough(event, feed)) return { notify: true, reason: 'ok' };
  return quietTime(ctx);
}

/** Snoozed, do-not-disturb, or free to notify. */
function quietTime(ctx: NotifyContext): NotifyDecision {
  if (ctx.snoozed) return no('snoozed');
  if (ctx.dnd) return no('dnd');
  return { notify: true, reason: 'ok' };
}

/**
 * True when do-not-disturb is on at `now` (local time): the manual switch, "for a while" not yet over,
 * or inside the schedule.
 * The schedule covers [from, to): `to` at or before `from` means it ends the next day, so
 * 22:00–07:00 spans midnight and `from == to` is a whole day. A time that is not `HH:MM` disables
 * the schedule (settings validation should have rejected it first).
 */
export function isDoNotDisturb(prefs: DoNotDisturbPrefs, now: Date): boolean {
  if (prefs.manual) return true;
  if (isQuietAt(prefs.until, now.getTime())) return true;
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

/** An urgent event of a feed that lets urgent events through do-not-disturb and snooze. */
export function breaksThrough(event: Pick<FeedEvent, 'severity'>, feed: NotifyFeed): boolean {
  return event.severity === 5 && feed.notify.urgentBreaksThrough;
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
      /** The highest severity among them. */
      severity: Severity;
      /** Keys of the held events it stands for (the newest ones kept, at most max(5, burstThreshold - 1)). */
      keys: string[];
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
  /** The same for one feed, snooze included; takes precedence over `isDoNotDisturb`. */
  isQuiet?: (feedId: string) => 'dnd' | 'snoozed' | null;
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
  /** Held events that break through quiet time (urgent), counted and bounded the same way. */
  urgentCount: number;
  urgent: FeedEvent[];
  /** An urgent event already jumped the queue in this window. */
  urgentShown: boolean;
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
    // An urgent event does not wait for the interval: the first in a window shows at once; more urgent
    // ones in the same window are held like the rest, so a flood of them still becomes one summary.
    if (event.severity === 5 && !window.urgentShown) {
      window.urgentShown = true;
      this.#options.onNotify({ kind: 'event', event });
      return { decision, delivery: 'now' };
    }
    window.count += 1;
    window.held.push(event);
    if (window.held.length > keepCount(feed)) window.held.shift();
    if (breaksThrough(event, feed)) {
      window.urgentCount += 1;
      window.urgent.push(event);
      if (window.urgent.length > keepCount(feed)) window.urgent.shift();
    }
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
    this.#windows.set(feedId, {
      feed,
      timer,
      count: 0,
      held: [],
      urgentCount: 0,
      urgent: [],
      urgentShown: false,
    });
  }

  #due(feedId: string): void {
    const window = this.#windows.get(feedId);
    this.#windows.delete(feedId);
    if (!window || window.count === 0) return;
    const quiet =
      this.#options.isQuiet?.(feedId) ?? (this.#options.isDoNotDisturb?.() === true ? 'dnd' : null);
    if (quiet) {
      // Quiet time began while these were held: only urgent ones that may break through still show.
      const kept = window.count - window.urgentCount;
      if (kept > 0)
        this.#options.onSuppressed?.({ feedId, count: kept, reason: quiet, latest: window.held.at(-1)! });
      if (window.urgentCount > 0) this.#show(feedId, window.feed, window.urgentCount, window.urgent);
    } else {
      this.#show(feedId, window.feed, window.count, window.held);
    }
    this.#open(feedId, window.feed);
  }

  /** Shows `count` held events: one by one when fewer than the burst threshold, else one summary. */
  #show(feedId: string, feed: NotifyFeed, count: number, held: FeedEvent[]): void {
    if (count < Math.max(2, feed.notify.burstThreshold)) {
      for (const event of held) this.#options.onNotify({ kind: 'event', event });
      return;
    }
    const title = (this.#options.summaryTitle ?? defaultSummaryTitle)(count, feed.name);
    const lines = held
      .slice(-SUMMARY_LINES)
      .reverse()
      .map((event) => event.title);
    this.#options.onNotify({
      kind: 'summary',
      feedId,
      feedName: feed.name,
      count,
      title,
      body: capText(lines.join('\n'), BODY_MAX_CHARS),
      latest: held.at(-1)!,
      severity: held.reduce<Severity>((top, event) => (event.severity > top ? event.severity : top), 1),
      keys: held.map((event) => event.key),
    });
  }
}

function keepCount(feed: NotifyFeed): number {
  return Math.max(SUMMARY_LINES, feed.notify.burstThreshold - 1);
}

function defaultSummaryTitle(count: number, feedName: string): string {
  return `${count} new from ${feedName}`;
}
