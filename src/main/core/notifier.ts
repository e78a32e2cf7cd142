import type { FeedNotification } from '../pipeline/notify-policy.ts';

/** An OS notification, already plain text. */
export interface NotificationRequest {
  title: string;
  body: string;
  feedId: string;
  /** The event a click should show, or null. */
  eventKey: string | null;
  /** An http(s) link a click opens, or null to open the app on the event. */
  link: string | null;
}

/** Where notifications go: Electron's `Notification` in the app, a recorder in tests. */
export interface Notifier {
  isSupported(): boolean;
  show(notification: NotificationRequest): void;
}

const TITLE_MAX = 120;
const BODY_MAX = 300;

/** The text of a notification for one event or a burst summary, with the feed named. */
export function notificationFor(notification: FeedNotification, feedName: string): NotificationRequest {
  if (notification.kind === 'summary') {
    return {
      title: clip(notification.title, TITLE_MAX),
      body: clip(notification.body, BODY_MAX),
      feedId: notification.feedId,
      eventKey: notification.latest.key,
      link: null,
    };
  }
  const { event } = notification;
  const title = event.title || feedName;
  return {
    title: clip(title === feedName ? title : `${feedName}: ${title}`, TITLE_MAX),
    body: clip(event.body, BODY_MAX),
    feedId: event.feedId,
    eventKey: event.key,
    link: event.link,
  };
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
