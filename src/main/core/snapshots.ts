/** What the window's state push and the tray show, built from the core's parts. Pure. */
import type { FeedConfig, FeedEvent, FeedStatus } from '../../shared/feed.ts';
import type { AppProblem, AppState } from '../../shared/ipc.ts';
import type { Preferences } from '../../shared/settings.ts';
import { isQuietAt } from '../../shared/presentation/snooze.ts';
import { isDoNotDisturb } from '../pipeline/notify-policy.ts';
import type { SecretBox } from '../settings/secret-box.ts';

/** What the tray shows, rebuilt into a menu by the platform layer. */
export interface TraySnapshot {
  feeds: {
    id: string;
    name: string;
    status: FeedStatus;
    unread: number;
    /** Snoozed until this time (epoch ms), or null when not snoozed now. */
    snoozedUntil: number | null;
  }[];
  recent: FeedEvent[];
  paused: boolean;
  doNotDisturb: boolean;
  totalUnread: number;
  /** Problems the window's banner shows, so the tray can point at them. */
  problems: number;
  /** Urgent events not yet read: the attention icon stays until they are seen. */
  urgentUnread: number;
  /** Do-not-disturb "for a while" ends at this time, or null. */
  doNotDisturbUntil: number | null;
  /** Incidents not yet resolved, over every feed. */
  openIncidents: number;
  /** Now, for "snoozed until 14:30" (today) versus "until Tue 09:00". */
  now: number;
}

/** The app state the window receives. */
export function appState(parts: {
  prefs: Preferences;
  now: number;
  version: string;
  paused: boolean;
  unread: ReadonlyMap<string, number>;
  firstRun: boolean;
  secretBox: SecretBox;
  problems: readonly AppProblem[];
  notificationsSupported: boolean;
}): AppState {
  const { prefs, secretBox: box } = parts;
  const scheduled = isDoNotDisturb(
    { ...prefs.doNotDisturb, manual: false, until: null },
    new Date(parts.now),
  );
  const until = isQuietAt(prefs.doNotDisturb.until, parts.now) ? prefs.doNotDisturb.until : null;
  return {
    version: parts.version,
    paused: parts.paused,
    doNotDisturb: {
      manual: prefs.doNotDisturb.manual,
      scheduled,
      until,
      active: prefs.doNotDisturb.manual || scheduled || until !== null,
    },
    // fromEntries defines own properties, so a feed named `__proto__` is a count like any other.
    unread: Object.fromEntries(parts.unread),
    totalUnread: sum(parts.unread.values()),
    firstRun: parts.firstRun,
    secretStorage: { available: box.isAvailable(), backend: box.backend, weak: !box.isAvailable() },
    problems: [...parts.problems],
    notificationsSupported: parts.notificationsSupported,
  };
}

/** The tray's view: every configured feed with its status and unread count, the newest events. */
export function traySnapshot(parts: {
  feeds: readonly FeedConfig[];
  status: (feedId: string) => FeedStatus;
  unread: ReadonlyMap<string, number>;
  recent: FeedEvent[];
  paused: boolean;
  doNotDisturb: boolean;
  problems: number;
  urgentUnread: number;
  doNotDisturbUntil: number | null;
  openIncidents: number;
  now: number;
}): TraySnapshot {
  const feeds = parts.feeds.map((feed) => ({
    id: feed.id,
    name: feed.name,
    status: parts.status(feed.id),
    unread: parts.unread.get(feed.id) ?? 0,
    snoozedUntil: isQuietAt(feed.snoozedUntil, parts.now) ? feed.snoozedUntil : null,
  }));
  return {
    feeds,
    recent: parts.recent,
    paused: parts.paused,
    doNotDisturb: parts.doNotDisturb,
    totalUnread: sum(feeds.map((feed) => feed.unread)),
    problems: parts.problems,
    urgentUnread: parts.urgentUnread,
    doNotDisturbUntil: isQuietAt(parts.doNotDisturbUntil, parts.now) ? parts.doNotDisturbUntil : null,
    openIncidents: parts.openIncidents,
    now: parts.now,
  };
}

function sum(counts: Iterable<number>): number {
  let total = 0;
  for (const count of counts) total += count;
  return total;
}

/** Problems kept for the banner; older ones go (they were shown or logged already). */
export const MAX_PROBLEMS = 20;

/** Adds a problem unless the same one is listed; false when nothing changed. */
export function addProblem(problems: AppProblem[], problem: AppProblem): boolean {
  if (problems.some((known) => known.code === problem.code && known.message === problem.message))
    return false;
  console.warn(`${problem.code}: ${problem.message}`);
  problems.push(problem);
  if (problems.length > MAX_PROBLEMS) problems.shift();
  return true;
}
