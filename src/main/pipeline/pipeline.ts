/**
 * The pipeline: every raw event a connection delivers passes these steps, in this order, here and
 * nowhere else:
 *
 *   dedupe → normalize → rules → incident → notification decision → history → unread → notify → push
 *
 * The decision is made before the event is stored, so the stored event says why it did or did not
 * notify; the notification itself is shown only after the event was handed to history, so what the user
 * saw is always in history. Connections and the manager only deliver raw events.
 */
import type { FeedConfig, FeedEvent, NotifyDecisionCode, RawFeedEvent } from '../../shared/feed.ts';
import { inspectEvent } from '../../shared/presentation/normalize.ts';
import { RuleEngine } from '../../shared/rules/engine.ts';
import { applyRules } from '../../shared/rules/apply.ts';
import type { RuleOutcome } from '../../shared/rules/schema.ts';
import {
  summaryTitle,
  type NotificationRequest,
  type UiLanguage,
} from '../../shared/presentation/notification-text.ts';
import { isQuietAt } from '../../shared/presentation/snooze.ts';
import type { Clock } from '../ports.ts';
import type { IncidentView } from '../../shared/incidents.ts';
import type { Deduper } from './dedupe.ts';
import type { HistoryStore } from './history.ts';
import { IncidentNotices, type IncidentNotice } from './incident-notices.ts';
import { IncidentTracker, type IncidentStep } from './incidents.ts';
import { NotificationRequests } from './notification-requests.ts';
import {
  NotificationCoalescer,
  reasonCode,
  type FeedNotification,
  type OfferOutcome,
} from './notify-policy.ts';

/** Events the tray lists under "Recent". */
export const RECENT_EVENTS = 5;
/** Stored events per feed the rules see again at start and after they changed. */
export const RULES_WARM_UP_EVENTS = 1000;
/** At most one sound this often, whatever arrives: a burst shown one by one makes one sound, not ten. */
export const SOUND_GAP_MS = 2000;

/** What the pipeline needs from the rest of the app. */
export interface PipelineOptions {
  clock: Clock;
  deduper: Deduper;
  history: Pick<HistoryStore, 'append' | 'commitNow' | 'recordDecision'>;
  /** Where each feed's stream stands, so a restart resumes with Last-Event-ID. */
  positions: { set(feedId: string, lastEventId: string): void };
  /** The feed as configured now, or undefined once it was removed. */
  feed(feedId: string): FeedConfig | undefined;
  /** Whether notifications may be shown at all (the app-wide switch and OS support). */
  notificationsAllowed(): boolean;
  doNotDisturb(): boolean;
  language(): UiLanguage;
  showNotification(notification: NotificationRequest): void;
  /** Closes the notification shown with this tag (an incident's, when it resolves quietly). */
  closeNotification?(tag: string): void;
  /** An incident opened, changed or resolved (a copy): the window updates its Incidents view. */
  incidentChanged?(incident: IncidentView): void;
  /** The event passed every step: hand it to the window (batched by the caller). */
  push(event: FeedEvent): void;
  /** Held events got their final decision (their interval ended): the window updates what it shows. */
  decided?(updates: { key: string; decision: NotifyDecisionCode }[]): void;
}

/** Runs every delivered event through dedupe, normalize, decision, history, unread, notification and push. */
export class Pipeline {
  readonly #options: PipelineOptions;
  readonly #coalescer: NotificationCoalescer;
  /** The feeds' rules with what their stateful conditions (crossings, changes) remember. */
  readonly #rules = new RuleEngine();
  /** Open incidents (their writes commit with history: start.ts makes it the store's companion). */
  readonly incidents = new IncidentTracker(this.#rules, (incident) =>
    this.#options.incidentChanged?.(incident),
  );
  readonly #incidentNotices = new IncidentNotices();
  readonly #requests: NotificationRequests;
  /** Unread events per feed; a Map because feed ids come from outside (`__proto__` is a valid id). */
  #unread = new Map<string, number>();
  /** Unread urgent events per feed: the tray's attention icon stays until they are seen. */
  #urgentUnread = new Map<string, number>();
  #recent: FeedEvent[] = [];
  // Keys of events without an id end in this sequence; starting from the clock keeps them unique across restarts.
  #seq: number;
  #eventsDelivered = 0;
  #duplicatesDropped = 0;
  #notificationsShown = 0;
  #lastSoundAt = -Infinity;
  /** Notifications decided while an event is on its way to history; shown once it is there. */
  readonly #pending: (FeedNotification | IncidentNotice)[] = [];
  #deciding = false;

  constructor(options: PipelineOptions) {
    this.#options = options;
    this.#seq = options.clock.now() * 1000;
    this.#requests = new NotificationRequests(options, this.incidents, this.#incidentNotices);
    this.#coalescer = new NotificationCoalescer({
      clock: options.clock,
      isQuiet: (feedId) => this.#quiet(options.feed(feedId)),
      summaryTitle: (count, feedName) => summaryTitle(options.language())(count, feedName),
      onNotify: (notification) => {
        if (this.#deciding) this.#pending.push(notification);
        else this.#show(notification);
      },
    });
  }

  /** Takes one raw event through every step; returns the normalized event, or null when dropped. */
  accept(raw: RawFeedEvent): FeedEvent | null {
    const feed = this.#options.feed(raw.feedId);
    if (!feed) return null; // removed while its last bytes were in flight
    // 1. dedupe: a server replaying what was already delivered (after a reconnect or a restart).
    if (!this.#options.deduper.admit(raw.feedId, raw.id, raw.data)) {
      this.#duplicatesDropped++;
      return null;
    }
    // 2. normalize: title, body, link, value and severity from the feed's mapping.
    const { event, doc } = inspectEvent(raw, feed.mapping, this.#seq++, feed.severity);
    // 3. rules: the first that matches names itself on the event, and may set its severity and message.
    const ruled = applyRules(this.#rules, feed, event, doc);
    // 4. incident: an event with the feed's incident key opens, updates or resolves its incident.
    const incident = this.incidents.observe(feed, event, doc);
    // 5. the notification decision (rule, policy, severity, snooze, do-not-disturb, burst coalescing;
    // a later event of an incident whose notification shows replaces it instead).
    this.#deciding = true;
    try {
      event.decision = this.#decideIncident(incident, event, feed, ruled) ?? this.#decide(event, feed, ruled);
    } finally {
      this.#deciding = false;
    }
    // 6. history, and where the stream stands, so a restart resumes after this event.
    this.#options.history.append(event, {
      severity: event.severity,
      decision: event.decision,
      // Dedupe hashed the data already: the store keeps that hash for the next restart's dedupe.
      hash: raw.id === '' ? undefined : this.#options.deduper.hashOf(raw.feedId, raw.id),
    });
    // '' is a position too: the server reset it with an empty `id:` (the store then forgets the old one).
    this.#options.positions.set(raw.feedId, raw.lastEventId);
    // 7. unread, and the tray's recent list.
    this.#unread.set(raw.feedId, (this.#unread.get(raw.feedId) ?? 0) + 1);
    if (event.severity === 5)
      this.#urgentUnread.set(raw.feedId, (this.#urgentUnread.get(raw.feedId) ?? 0) + 1);
    this.#recent.push(event);
    if (this.#recent.length > RECENT_EVENTS) this.#recent.shift();
    this.#eventsDelivered++;
    // 8. notify, now that the event is in history (committed first: a crash never loses a notified event).
    // (Rarely more than one; the list is reused, so the event path allocates nothing for it.)
    if (this.#pending.length > 0) {
      for (const notification of this.#pending.splice(0)) this.#show(notification);
    }
    // 9. push to the window.
    this.#options.push(event);
    if (incident) this.#options.incidentChanged?.({ ...incident.incident });
    return event;
  }

  /** Unread counts per feed. */
  get unread(): ReadonlyMap<string, number> {
    return this.#unread;
  }

  /** Feeds with urgent events not yet read. */
  get urgentUnread(): number {
    let total = 0;
    for (const count of this.#urgentUnread.values()) total += count;
    return total;
  }

  /**
   * Replaces the unread counts with what history holds (after start, a read marker or a removal). A
   * feed read down to fewer events than its urgent ones has had its urgent ones seen.
   */
  setUnread(counts: Iterable<readonly [string, number]>): void {
    this.#unread = new Map(counts);
    for (const [feedId, urgent] of this.#urgentUnread) {
      const left = Math.min(urgent, this.#unread.get(feedId) ?? 0);
      if (left > 0) this.#urgentUnread.set(feedId, left);
      else this.#urgentUnread.delete(feedId);
    }
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

  /**
   * Rebuilds what the feed's rules remember from events that came before (oldest first): at start, so a
   * crossing or a change that spans a restart is recognised, and after the rules changed. Nothing is
   * decided or shown.
   */
  warmUp(feed: FeedConfig, events: readonly FeedEvent[]): void {
    this.#rules.forget(feed.id);
    if (feed.rules.length === 0) return;
    for (const stored of events) {
      const { event, doc } = inspectEvent({ ...stored, lastEventId: '' }, feed.mapping, 0, feed.severity);
      applyRules(this.#rules, feed, event, doc);
    }
  }

  /** Forgets what the pipeline keeps about a removed feed. */
  forget(feedId: string): void {
    this.#rules.forget(feedId);
    this.incidents.forget(feedId);
    this.#incidentNotices.forget(feedId);
    this.#coalescer.forget(feedId);
    this.#options.deduper.forget(feedId);
    this.#unread.delete(feedId);
    this.#urgentUnread.delete(feedId);
    this.#recent = this.#recent.filter((event) => event.feedId !== feedId);
  }

  /** Cancels held notifications' timers (they stay in history as unread). */
  dispose(): void {
    this.#coalescer.dispose();
  }

  #decide(event: FeedEvent, feed: FeedConfig, ruled: RuleOutcome | null): NotifyDecisionCode {
    if (ruled?.kind === 'quiet') return 'rule-quiet';
    if (ruled?.kind === 'mark') return 'marked';
    if (!this.#options.notificationsAllowed()) return 'off';
    const quiet = this.#quiet(feed);
    const outcome = this.#coalescer.offer(event, feed, {
      replayed: false,
      dnd: quiet === 'dnd',
      snoozed: quiet === 'snoozed',
      ruled: ruled !== null,
    });
    return decisionCode(outcome);
  }

  /** An incident's own decision (a replacement or a resolution), or null for the usual one. */
  #decideIncident(
    step: IncidentStep | null,
    event: FeedEvent,
    feed: FeedConfig,
    ruled: RuleOutcome | null,
  ): NotifyDecisionCode | null {
    if (step === null) return null;
    const allowed = this.#options.notificationsAllowed();
    const decided = this.#incidentNotices.decide(step, event, feed, {
      ruled,
      allowed,
      quiet: this.#quiet(feed),
    });
    if (decided?.notice) this.#pending.push(decided.notice);
    return decided?.code ?? null;
  }

  /** Whether a feed is quiet now: snoozed, or do-not-disturb. */
  #quiet(feed: FeedConfig | undefined): 'dnd' | 'snoozed' | null {
    if (isQuietAt(feed?.snoozedUntil, this.#options.clock.now())) return 'snoozed';
    return this.#options.doNotDisturb() ? 'dnd' : null;
  }

  #show(notification: FeedNotification | IncidentNotice): void {
    // The event is durable before anyone sees it: after a crash the restart's dedupe knows it was shown.
    this.#options.history.commitNow();
    const request = this.#requests.of(notification);
    if (request === null) return;
    const now = this.#options.clock.now();
    if (request.sound !== 'none') {
      if (now - this.#lastSoundAt < SOUND_GAP_MS) request.sound = 'none';
      else this.#lastSoundAt = now;
    }
    this.#notificationsShown++;
    this.#options.showNotification(request);
  }
}

/** The decision record of one offered event. */
function decisionCode(outcome: OfferOutcome): NotifyDecisionCode {
  if (outcome.delivery === 'now') return 'notified';
  if (outcome.delivery === 'held') return 'min-interval';
  return outcome.decision.notify ? 'notified' : reasonCode(outcome.decision.reason);
}
