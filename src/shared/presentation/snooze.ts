/**
 * Quiet time the user asks for, for one feed (snooze) or the whole app (do-not-disturb): for an hour,
 * four hours, until tomorrow morning, or until they turn it back on. Pure: the clock is passed in.
 */
import { SNOOZED_UNTIL_RESUMED } from '../feed.ts';

/** The choices the tray and the window offer. */
export const QUIET_CHOICES = ['1h', '4h', 'tomorrow', 'manual'] as const;
export type QuietChoice = (typeof QUIET_CHOICES)[number];

/** "Until tomorrow" ends at this local hour. */
export const TOMORROW_HOUR = 9;

/**
 * When quiet time chosen at `now` ends (epoch ms). "Tomorrow" is 09:00 local time on the next calendar
 * day, computed in local time so a DST change overnight still lands on 09:00; "manual" never ends.
 */
export function quietUntil(choice: QuietChoice, now: Date): number {
  switch (choice) {
    case '1h':
      return now.getTime() + 60 * 60 * 1000;
    case '4h':
      return now.getTime() + 4 * 60 * 60 * 1000;
    case 'tomorrow': {
      const next = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, TOMORROW_HOUR, 0, 0, 0);
      return next.getTime();
    }
    case 'manual':
      return SNOOZED_UNTIL_RESUMED;
  }
}

/** Whether quiet time that ends at `until` is still on at `now`. */
export function isQuietAt(until: number | null | undefined, now: number): boolean {
  return until != null && until > now;
}

/**
 * When quiet time ends, in words for the tray and the feed row: `14:30` today, `Tue 09:00` on another day,
 * or null for "until resumed". Uses the app's language for the weekday.
 */
export function formatUntil(until: number, now: number, language: string): string | null {
  if (until >= SNOOZED_UNTIL_RESUMED) return null;
  const end = new Date(until);
  const time = new Intl.DateTimeFormat(language, {
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(end);
  const sameDay = new Date(now).toDateString() === end.toDateString();
  if (sameDay) return time;
  const day = new Intl.DateTimeFormat(language, { weekday: 'short' }).format(end);
  return `${day} ${time}`;
}
