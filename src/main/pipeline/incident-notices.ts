/**
 * An incident's one notification, tagged `incident:<id>`. Its first event is decided like any other;
 * a later event, while that notification shows, replaces it at once (replacing adds nothing to the
 * screen, so no minimum interval or burst summary applies) but still keeps to snooze, do-not-disturb
 * and quiet rules; the event that resolves it closes it and says so quietly ("Resolved: …").
 */
import type { FeedConfig, FeedEvent, NotifyDecisionCode } from '../../shared/feed.ts';
import type { IncidentView } from '../../shared/incidents.ts';
import {
  NOTIFICATION_BODY_MAX,
  NOTIFICATION_TITLE_MAX,
  notificationFor,
  type NotificationRequest,
  type SoundsBySeverity,
  type UiLanguage,
} from '../../shared/presentation/notification-text.ts';
import type { Severity } from '../../shared/presentation/severity.ts';
import { capText } from '../../shared/presentation/text.ts';
import type { RuleOutcome } from '../../shared/rules/schema.ts';
import type { IncidentStep } from './incidents.ts';
import { reasonCode, shouldNotify } from './notify-policy.ts';

/** Incidents whose notification is remembered as showing, at most (the oldest is forgotten beyond it). */
const SHOWING_MAX = 10_000;

/** A notification an incident's event asks for, shown once the event is in history. */
export type IncidentNotice =
  | { kind: 'incident-update'; event: FeedEvent; incidentId: number }
  | { kind: 'incident-resolved'; incident: IncidentView; headline: string; show: boolean };

/** What the moment says: the deciding rule's outcome, the app-wide switch, snooze or do-not-disturb. */
export interface IncidentMoment {
  ruled: RuleOutcome | null;
  allowed: boolean;
  quiet: 'dnd' | 'snoozed' | null;
}

const RESOLVED_TITLES: Record<UiLanguage, (headline: string) => string> = {
  en: (headline) => `Resolved: ${headline}`,
  'zh-CN': (headline) => `已解决：${headline}`,
};

/** The tag of an incident's notification. */
export function incidentTag(id: number): string {
  return `incident:${id}`;
}

/** Which incidents' notifications show, and the decisions and notifications of their later events. */
export class IncidentNotices {
  /** Incident id → the severity its notification showed with. */
  readonly #showing = new Map<number, { feedId: string; severity: Severity }>();

  /**
   * The decision for an incident's event, with the notification to show or close; null when the usual
   * decision applies (its first event, or a later one whose notification is not showing).
   */
  decide(
    step: IncidentStep,
    event: FeedEvent,
    feed: FeedConfig,
    moment: IncidentMoment,
  ): { code: NotifyDecisionCode; notice: IncidentNotice | null } | null {
    const { incident } = step;
    const shown = this.#showing.get(incident.id);
    if (step.change === 'resolved') {
      if (shown === undefined) return { code: 'resolved', notice: null };
      this.#showing.delete(incident.id);
      const ruledQuiet = moment.ruled !== null && moment.ruled.kind !== 'notify';
      const show = moment.allowed && !ruledQuiet && moment.quiet === null;
      const notice: IncidentNotice = {
        kind: 'incident-resolved',
        incident: { ...incident },
        headline: step.headline,
        show,
      };
      return { code: 'resolved', notice };
    }
    if (step.change === 'opened' || shown === undefined) return null;
    if (moment.ruled?.kind === 'quiet') return { code: 'rule-quiet', notice: null };
    if (moment.ruled?.kind === 'mark') return { code: 'marked', notice: null };
    if (!moment.allowed) return { code: 'off', notice: null };
    // As for an event a rule chose: keywords and the minimum severity let the incident in already.
    const decision = shouldNotify(event, feed, {
      replayed: false,
      dnd: moment.quiet === 'dnd',
      snoozed: moment.quiet === 'snoozed',
      ruled: true,
    });
    if (!decision.notify) return { code: reasonCode(decision.reason), notice: null };
    return { code: 'replaced', notice: { kind: 'incident-update', event, incidentId: incident.id } };
  }

  /** An incident's notification is about to show with `severity`: its tag, remembered as showing. */
  showing(incidentId: number, feedId: string, severity: Severity): string {
    this.#showing.delete(incidentId);
    this.#showing.set(incidentId, { feedId, severity });
    if (this.#showing.size > SHOWING_MAX) this.#showing.delete(this.#showing.keys().next().value!);
    return incidentTag(incidentId);
  }

  /**
   * The request for a notice, or null when it only closes the incident's notification. A replacement
   * stays silent unless its severity rose above what the notification showed: an update is not news.
   */
  request(
    notice: IncidentNotice,
    feedName: string,
    sounds: SoundsBySeverity | undefined,
    language: UiLanguage,
  ): NotificationRequest | null {
    if (notice.kind === 'incident-update') {
      const before = this.#showing.get(notice.incidentId)?.severity ?? 5;
      const request = notificationFor({ kind: 'event', event: notice.event }, feedName, sounds);
      if (notice.event.severity <= before) request.sound = 'none';
      const severity = Math.max(before, notice.event.severity) as Severity;
      request.tag = this.showing(notice.incidentId, notice.event.feedId, severity);
      return request;
    }
    if (!notice.show) return null;
    const { incident } = notice;
    return {
      title: capText(RESOLVED_TITLES[language](notice.headline || feedName), NOTIFICATION_TITLE_MAX),
      body: capText(feedName, NOTIFICATION_BODY_MAX),
      feedId: incident.feedId,
      eventKey: incident.lastEvent,
      link: null,
      severity: incident.severity,
      urgency: 'low',
      sticky: false,
      sound: 'none',
      tag: incidentTag(incident.id),
    };
  }

  /** Forgets a removed feed's notifications. */
  forget(feedId: string): void {
    for (const [id, shown] of this.#showing) if (shown.feedId === feedId) this.#showing.delete(id);
  }
}
