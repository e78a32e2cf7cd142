import type { NotificationRequest } from '../../shared/presentation/notification-text.ts';

export type { NotificationRequest } from '../../shared/presentation/notification-text.ts';

/** Where notifications go: Electron's `Notification` in the app, a recorder in tests. */
export interface Notifier {
  isSupported(): boolean;
  /** Shows it; one with a `tag` first closes the notification shown before with the same tag. */
  show(notification: NotificationRequest): void;
  /** Closes the notification shown with this tag, if it is still there. */
  close(tag: string): void;
}
