/**
 * The words of an OS notification: one event ("Rates: USD/CNY 7.21") or a burst summary ("12 new from
 * Rates"), plain text, clipped. Main shows exactly this; the editor's preview shows exactly this.
 */
import { DEFAULT_SOUNDS, type FeedEvent, type SoundChoice } from '../feed.ts';
import type { Language } from '../settings.ts';
import { SEVERITY_NAMES, type Severity } from './severity.ts';
import { capText } from './text.ts';

/** A language the app has words for. */
export type UiLanguage = 'en' | 'zh-CN';

/** What one notification stands for: an event, or a summary of a burst of events. */
export type NotificationContent =
  | { kind: 'event'; event: FeedEvent }
  | { kind: 'summary'; feedId: string; title: string; body: string; latest: FeedEvent; severity: Severity };

/** The sound for each severity level (a feed's `notify.sounds`). */
export type SoundsBySeverity = Record<(typeof SEVERITY_NAMES)[Severity], SoundChoice>;

/** An OS notification, already plain text. */
export interface NotificationRequest {
  title: string;
  body: string;
  feedId: string;
  /** The event a click should show, or null. */
  eventKey: string | null;
  /** An http(s) link a click opens, or null to open the app on the event. */
  link: string | null;
  severity: Severity;
  /** How the OS ranks it (Linux urgency): urgent is `critical`, min and low are `low`. */
  urgency: 'low' | 'normal' | 'critical';
  /** Urgent notifications stay until dismissed. */
  sticky: boolean;
  /** What to play: nothing, the OS's own sound, or a bundled one. */
  sound: SoundChoice;
  /** Names what it stands for (`incident:12`): showing another with the same tag replaces it. */
  tag?: string;
  /**
   * Buttons of a single-event notification (`actions.ts`: `feed:<id>` / `server:<index>`), shown where
   * the OS shows notification buttons; never on a summary.
   */
  actions?: { id: string; label: string }[];
}

/** The longest notification title and body, in UTF-16 code units, ellipsis included. */
export const NOTIFICATION_TITLE_MAX = 120;
export const NOTIFICATION_BODY_MAX = 300;

/** The app's language: the preference, or for `system` the first system language (any Chinese → zh-CN). */
export function uiLanguage(choice: Language, systemLanguages: readonly string[]): UiLanguage {
  if (choice !== 'system') return choice;
  return (systemLanguages[0] ?? 'en').toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

const SUMMARY_TITLES: Record<UiLanguage, (count: number, feedName: string) => string> = {
  en: (count, feedName) => `${count} new from ${feedName}`,
  'zh-CN': (count, feedName) => `${feedName}：${count} 条新消息`,
};

/** The title of a burst summary in `language`: "12 new from Rates". */
export function summaryTitle(language: UiLanguage): (count: number, feedName: string) => string {
  return SUMMARY_TITLES[language];
}

/** The notification for one event or a burst summary, with the feed named, ranked and voiced by severity. */
export function notificationFor(
  content: NotificationContent,
  feedName: string,
  sounds: SoundsBySeverity = DEFAULT_SOUNDS,
): NotificationRequest {
  const severity = content.kind === 'summary' ? content.severity : content.event.severity;
  const rank = {
    severity,
    urgency: severity === 5 ? 'critical' : severity <= 2 ? 'low' : 'normal',
    sticky: severity === 5,
    sound: sounds[SEVERITY_NAMES[severity]],
  } as const;
  if (content.kind === 'summary') {
    return {
      title: capText(content.title, NOTIFICATION_TITLE_MAX),
      body: capText(content.body, NOTIFICATION_BODY_MAX),
      feedId: content.feedId,
      eventKey: content.latest.key,
      link: null,
      ...rank,
    };
  }
  const { event } = content;
  // A rule's message is the headline; the event's own title then leads the body.
  const title = event.message || event.title || feedName;
  const body = event.message
    ? [event.title, event.body].filter((text) => text !== '').join('\n')
    : event.body;
  return {
    title: capText(title === feedName ? title : `${feedName}: ${title}`, NOTIFICATION_TITLE_MAX),
    body: capText(body, NOTIFICATION_BODY_MAX),
    feedId: event.feedId,
    eventKey: event.key,
    link: event.link,
    ...rank,
  };
}
