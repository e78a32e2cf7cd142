/**
 * What the OS is asked to show for a decided notification: the words (notification-text.ts), the
 * incident's tag, the event's buttons; and what showing a held event means for its decision record.
 */
import { notificationActions } from '../../shared/actions.ts';
import type { FeedConfig, FeedEvent } from '../../shared/feed.ts';
import { notificationFor, type NotificationRequest } from '../../shared/presentation/notification-text.ts';
import { incidentTag, type IncidentNotice, type IncidentNotices } from './incident-notices.ts';
import type { IncidentTracker } from './incidents.ts';
import type { FeedNotification } from './notify-policy.ts';
import type { PipelineOptions } from './pipeline.ts';

type RequestOptions = Pick<
  PipelineOptions,
  'history' | 'feed' | 'language' | 'closeNotification' | 'decided'
>;

/** Builds the request for each notification the pipeline shows. */
export class NotificationRequests {
  readonly #options: RequestOptions;
  readonly #incidents: IncidentTracker;
  readonly #notices: IncidentNotices;

  constructor(options: RequestOptions, incidents: IncidentTracker, notices: IncidentNotices) {
    this.#options = options;
    this.#incidents = incidents;
    this.#notices = notices;
  }

  /** The request for `notification`; null when an incident's resolution only closes its notification. */
  of(notification: FeedNotification | IncidentNotice): NotificationRequest | null {
    return notification.kind === 'event' || notification.kind === 'summary'
      ? this.#feedRequest(notification)
      : this.#incidentRequest(notification);
  }

  /** An event's or a summary's notification; an incident's first one carries the incident's tag. */
  #feedRequest(notification: FeedNotification): NotificationRequest {
    // Held events shown when the interval ended: record how (alone, or in the summary), and say so.
    const updates =
      notification.kind === 'summary'
        ? notification.keys.map((key) => ({ key, decision: 'coalesced' as const }))
        : notification.event.decision === 'min-interval'
          ? [{ key: notification.event.key, decision: 'notified' as const }]
          : [];
    for (const { key, decision } of updates) this.#options.history.recordDecision(key, decision);
    if (updates.length > 0) this.#options.decided?.(updates);
    const feedId = notification.kind === 'event' ? notification.event.feedId : notification.feedId;
    const feed = this.#options.feed(feedId);
    const request = notificationFor(notification, feed?.name ?? feedId, feed?.notify.sounds);
    const key = notification.kind === 'event' ? notification.event.incident : undefined;
    const open = key === undefined ? undefined : this.#incidents.openIncident(feedId, key);
    if (open) request.tag = this.#notices.showing(open.id, feedId, request.severity);
    if (notification.kind === 'event' && feed) withButtons(request, feed, notification.event);
    return request;
  }

  /** An incident's replacement or quiet resolution; null when the resolution only closes. */
  #incidentRequest(notice: IncidentNotice): NotificationRequest | null {
    const feedId = notice.kind === 'incident-update' ? notice.event.feedId : notice.incident.feedId;
    const feed = this.#options.feed(feedId);
    const request = this.#notices.request(
      notice,
      feed?.name ?? feedId,
      feed?.notify.sounds,
      this.#options.language(),
    );
    if (request === null && notice.kind === 'incident-resolved')
      this.#options.closeNotification?.(incidentTag(notice.incident.id));
    if (request !== null && notice.kind === 'incident-update') {
      if (feed) withButtons(request, feed, notice.event);
      // Someone acted on it ("Acknowledge"): its updates are news on screen, not a sound, unless urgent.
      const key = notice.event.incident;
      const acted = key !== undefined && this.#incidents.openIncident(feedId, key)?.actedAt !== undefined;
      if (acted && notice.event.severity < 5) request.sound = 'none';
    }
    return request;
  }
}

/** The event's buttons on its notification (at most 3), where it has any. */
function withButtons(request: NotificationRequest, feed: FeedConfig, event: FeedEvent): void {
  const actions = notificationActions(feed, event);
  if (actions.length > 0) request.actions = actions;
}
