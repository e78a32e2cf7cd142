import type { NotificationRequest } from '../../shared/presentation/notification-text.ts';

export type { NotificationRequest } from '../../shared/presentation/notification-text.ts';

/** Where notifications go: Electron's `Notification` in the app, a recorder in tests. */
export interface Notifier {
  isSupported(): boolean;
  show(notification: NotificationRequest): void;
}
