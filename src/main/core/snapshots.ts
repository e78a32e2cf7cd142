/** What the window's state push and the tray show, built from the core's parts. Pure. */
import type { FeedConfig, FeedEvent, FeedStatus } from '../../shared/feed.ts';
import type { AppProblem, AppState } from '../../shared/ipc.ts';
import type { Preferences } from '../../shared/settings.ts';
import { isDoNotDisturb } from '../pipeline/notify-policy.ts';
import type { SecretBox } from '../settings/secret-box.ts';

/** What the tray shows, rebuilt into a menu by the platform layer. */
export interface TraySnapshot {
  feeds: { id: string; name: string; status: FeedStatus; unread: number }[];
  recent: FeedEvent[];
  paused: boolean;
  doNotDisturb: boolean;
  totalUnread: number;
  /** Problems the window's banner shows, so the tray can point at them. */
  problems: number;
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
  const scheduled = isDoNotDisturb({ ...prefs.doNotDisturb, manual: false }, new Date(parts.now));
  return {
    version: parts.version,
    paused: parts.paused,
    doNotDisturb: {
      manual: prefs.doNotDisturb.manual,
      scheduled,
      active: prefs.doNotDisturb.manual || scheduled,
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
}): TraySnapshot {
  const feeds = parts.feeds.map((feed) => ({
    id: feed.id,
    name: feed.name,
    status: parts.status(feed.id),
    unread: parts.unread.get(feed.id) ?? 0,
  }));
  return {
    feeds,
    recent: parts.recent,
    paused: parts.paused,
    doNotDisturb: parts.doNotDisturb,
    totalUnread: sum(feeds.map((feed) => feed.unread)),
    problems: parts.problems,
  };
}

function sum(counts: Iterable<number>): number {
  let total = 0;
  for (const count of counts) total += count;
  return total;
}
