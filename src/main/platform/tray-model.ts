import type { FeedStatus, ReasonCode } from '../../shared/feed.ts';
import type { TraySnapshot } from '../core/index.ts';
import { formatUntil, QUIET_CHOICES, type QuietChoice } from '../../shared/presentation/snooze.ts';
import { capText, cleanLine } from '../../shared/presentation/text.ts';
import type { TrayLabels } from './tray-labels.ts';

/** Which tray icon shows: `tray-<state>.png`. */
export type TrayIconState = 'normal' | 'attention' | 'urgent' | 'error' | 'paused' | 'dnd';

/** What a menu item does when clicked; the platform layer carries it out. */
export type TrayAction =
  | { type: 'open-window' }
  | { type: 'open-feed'; feedId: string }
  | { type: 'open-event'; feedId: string; eventKey: string }
  | { type: 'open-link'; url: string }
  | { type: 'set-paused'; paused: boolean }
  | { type: 'set-do-not-disturb'; manual: boolean }
  | { type: 'quiet'; choice: QuietChoice | 'off' }
  | { type: 'snooze'; feedId: string; choice: QuietChoice | 'resume' }
  | { type: 'mark-all-read' }
  | { type: 'open-incidents' }
  | { type: 'open-settings' }
  | { type: 'quit' };

/** One line of the tray menu, as plain data. */
export type TrayMenuEntry =
  | { kind: 'action'; label: string; action: TrayAction }
  | { kind: 'checkbox'; label: string; checked: boolean; action: TrayAction }
  | { kind: 'label'; label: string }
  | { kind: 'submenu'; label: string; entries: TrayMenuEntry[] }
  | { kind: 'separator' };

/** The whole tray: icon, tooltip and menu. */
export interface TrayMenuModel {
  icon: TrayIconState;
  tooltip: string;
  /** Unread events: the number beside the icon (macOS), on it (elsewhere) and on the dock or taskbar. */
  unread: number;
  entries: TrayMenuEntry[];
}

/** Reasons that mean "this feed is not working and will not fix itself right now". */
const FAILING: ReadonlySet<ReasonCode> = new Set<ReasonCode>([
  'network',
  'dns',
  'refused',
  'http-status',
  'not-event-stream',
  'needs-auth',
  'invalid-header',
  'stopped-by-server',
  'stalled',
]);

/** Whether a feed is failing (as opposed to connecting, paused, offline or turned off). */
export function isFailing(status: FeedStatus): boolean {
  return status.state !== 'open' && FAILING.has(status.reason.code);
}

/** Menu labels stay one short line, whatever a feed sends. */
const LABEL_MAX = 60;
const RECENT_MAX = 5;

/** The tray for a snapshot of the core: pure, so every state is a one-line test. */
export function trayMenuModel(snapshot: TraySnapshot, labels: TrayLabels): TrayMenuModel {
  const until = (time: number) => formatUntil(time, snapshot.now, labels.locale);
  const failing = snapshot.feeds.filter((feed) => isFailing(feed.status)).length;
  const names = new Map(snapshot.feeds.map((feed) => [feed.id, feed.name]));
  const entries: TrayMenuEntry[] = [];
  // Something was lost or not saved: the window's banner says what; the tray points there first.
  if (snapshot.problems > 0) {
    entries.push(
      { kind: 'action', label: labels.problems(snapshot.problems), action: { type: 'open-window' } },
      { kind: 'separator' },
    );
  }
  entries.push({ kind: 'label', label: labels.feedsHeader });
  if (snapshot.feeds.length === 0) entries.push({ kind: 'label', label: labels.noFeeds });
  for (const feed of snapshot.feeds) {
    const status = labels.status(feed.status);
    const snoozed = feed.snoozedUntil === null ? null : labels.snoozed(until(feed.snoozedUntil));
    entries.push({
      kind: 'action',
      label: labels.feed(oneLine(feed.name), snoozed ? `${status}, ${snoozed}` : status, feed.unread),
      action: { type: 'open-feed', feedId: feed.id },
    });
  }
  entries.push({ kind: 'separator' }, { kind: 'label', label: labels.recentHeader });
  const recent = snapshot.recent.slice(0, RECENT_MAX);
  if (recent.length === 0) entries.push({ kind: 'label', label: labels.noRecent });
  for (const event of recent) {
    const feedName = names.get(event.feedId) ?? event.feedId;
    const text = event.title || event.body || event.type;
    entries.push({
      kind: 'action',
      label: oneLine(`${feedName}: ${text}`),
      action: event.link
        ? { type: 'open-link', url: event.link }
        : { type: 'open-event', feedId: event.feedId, eventKey: event.key },
    });
  }
  entries.push({ kind: 'separator' });
  if (snapshot.openIncidents > 0)
    entries.push({
      kind: 'action',
      label: labels.openIncidents(snapshot.openIncidents),
      action: { type: 'open-incidents' },
    });
  if (snapshot.totalUnread > 0)
    entries.push({ kind: 'action', label: labels.markAllRead, action: { type: 'mark-all-read' } });
  entries.push(
    snapshot.paused
      ? { kind: 'action', label: labels.resumeAll, action: { type: 'set-paused', paused: false } }
      : { kind: 'action', label: labels.pauseAll, action: { type: 'set-paused', paused: true } },
  );
  if (snapshot.feeds.length > 0) entries.push(snoozeMenu(snapshot, labels));
  entries.push(
    {
      kind: 'checkbox',
      label:
        snapshot.doNotDisturbUntil === null
          ? labels.doNotDisturb
          : labels.doNotDisturbUntil(until(snapshot.doNotDisturbUntil) ?? ''),
      checked: snapshot.doNotDisturb,
      // Turning it off also ends "for a while"; the schedule, if on, still applies.
      action: { type: 'set-do-not-disturb', manual: !snapshot.doNotDisturb },
    },
    {
      kind: 'submenu',
      label: labels.doNotDisturbFor,
      entries: (['1h', '4h', 'tomorrow'] as const).map((choice) => ({
        kind: 'action',
        label: labels.quiet[choice],
        action: { type: 'quiet', choice },
      })),
    },
    { kind: 'separator' },
    { kind: 'action', label: labels.open, action: { type: 'open-window' } },
    { kind: 'action', label: labels.settings, action: { type: 'open-settings' } },
    { kind: 'separator' },
    { kind: 'action', label: labels.quit, action: { type: 'quit' } },
  );
  return {
    icon: iconState(snapshot, failing),
    unread: snapshot.totalUnread,
    tooltip: labels.tooltip({
      totalUnread: snapshot.totalUnread,
      paused: snapshot.paused,
      doNotDisturb: snapshot.doNotDisturb,
      failing,
      problems: snapshot.problems,
    }),
    entries,
  };
}

/**
 * Paused says the most (nothing flows), then a failing feed or a problem (needs the user), then an
 * urgent event not yet read (until it is seen), then quiet, then unread.
 */
function iconState(snapshot: TraySnapshot, failing: number): TrayIconState {
  if (snapshot.paused) return 'paused';
  if (failing > 0 || snapshot.problems > 0) return 'error';
  if (snapshot.urgentUnread > 0) return 'urgent';
  if (snapshot.doNotDisturb) return 'dnd';
  return snapshot.totalUnread > 0 ? 'attention' : 'normal';
}

/** Snooze ▸ one submenu per feed: the choices, or "resume" for a snoozed one. */
function snoozeMenu(snapshot: TraySnapshot, labels: TrayLabels): TrayMenuEntry {
  return {
    kind: 'submenu',
    label: labels.snooze,
    entries: snapshot.feeds.map((feed) => ({
      kind: 'submenu',
      label: oneLine(feed.name),
      entries:
        feed.snoozedUntil !== null
          ? [
              {
                kind: 'action',
                label: labels.resumeNotifications,
                action: { type: 'snooze', feedId: feed.id, choice: 'resume' },
              },
            ]
          : QUIET_CHOICES.map((choice) => ({
              kind: 'action',
              label: labels.quiet[choice],
              action: { type: 'snooze', feedId: feed.id, choice },
            })),
    })),
  };
}

/** Whitespace and line breaks collapsed, clipped with an ellipsis. */
function oneLine(text: string): string {
  return capText(cleanLine(text), LABEL_MAX);
}
