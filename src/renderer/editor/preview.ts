/**
 * What notification a sample event would give with the mapping being edited: main's own normalization
 * and notification text (src/shared/presentation), so the preview is exactly what the user will get.
 */
import type { FeedMapping } from '../../shared/feed.ts';
import { inspectEvent, type MappingRole } from '../../shared/presentation/normalize.ts';
import { notificationFor } from '../../shared/presentation/notification-text.ts';
import type { SampleEvent } from '../app-context.ts';

/** The preview: the notification's two lines, the event's link and value, and the pointers that found nothing. */
export interface NotificationPreview {
  /** The notification's title as the OS shows it, split into the feed's name prefix and the event's part. */
  feedPrefix: string;
  title: string;
  body: string;
  link: string | null;
  value: number | null;
  missing: MappingRole[];
}

/** Previews `sample` under `mapping` for a feed called `feedName`. */
export function previewNotification(
  sample: SampleEvent,
  mapping: FeedMapping,
  feedName: string,
): NotificationPreview {
  const raw = {
    feedId: 'preview',
    type: sample.type,
    id: sample.id,
    lastEventId: sample.id,
    data: sample.data,
    receivedAt: 0,
  };
  const { event, missing } = inspectEvent(raw, mapping, 0);
  const notification = notificationFor({ kind: 'event', event }, feedName);
  const prefix = `${feedName}: `;
  const named = notification.title.startsWith(prefix);
  return {
    feedPrefix: named ? prefix : '',
    title: named ? notification.title.slice(prefix.length) : notification.title,
    body: notification.body,
    link: event.link,
    value: event.value,
    missing,
  };
}
