/** The small silent notification that tells what a button pressed on a notification did. */
import type { NotificationRequest } from '../../shared/presentation/notification-text.ts';
import {
  NOTIFICATION_BODY_MAX,
  NOTIFICATION_TITLE_MAX,
} from '../../shared/presentation/notification-text.ts';
import { capText } from '../../shared/presentation/text.ts';
import type { ActionRunResult } from './action-runner.ts';

/** "Rates: Acknowledge" / "Acknowledged", never with sound; a click shows the event. */
export function actionResultNotification(
  result: ActionRunResult,
  where: { feedId: string; feedName: string; eventKey: string },
): NotificationRequest {
  const title = result.ok ? `${where.feedName}: ${result.value.label}` : where.feedName;
  const body = result.ok ? result.value.message : result.error.message;
  return {
    title: capText(title, NOTIFICATION_TITLE_MAX),
    body: capText(body, NOTIFICATION_BODY_MAX),
    feedId: where.feedId,
    eventKey: where.eventKey,
    link: null,
    severity: 2,
    urgency: 'low',
    sticky: false,
    sound: 'none',
  };
}
