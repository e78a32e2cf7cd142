import type { FeedConfig, FeedStatus } from '../../shared/feed.ts';
import type { IncidentTimelineView, IncidentView } from '../../shared/incidents.ts';
import type { AppState } from '../../shared/ipc.ts';
import { uiLanguage, type UiLanguage } from '../../shared/presentation/notification-text.ts';
import type { Preferences } from '../../shared/settings.ts';
import { incidentTimeline, listIncidents } from '../pipeline/history/incidents.ts';
import { isDoNotDisturb } from '../pipeline/notify-policy.ts';
import type { CoreOptions, CoreParts } from './options.ts';
import { PauseState } from './pause-state.ts';
import { appState, traySnapshot, type TraySnapshot } from './snapshots.ts';

/**
 * The read side of the core: what the window, the tray and tests may ask of it. Nothing here changes
 * anything; FeedTrayCore adds the operations.
 */
export class CoreQueries {
  protected readonly options: CoreOptions;
  protected readonly parts: CoreParts;
  protected readonly pause = new PauseState();

  constructor(options: CoreOptions, parts: CoreParts) {
    this.options = options;
    this.parts = parts;
  }

  /** Events that passed the whole pipeline since start. */
  get eventsDelivered(): number {
    return this.parts.pipeline.eventsDelivered;
  }

  get notificationsShown(): number {
    return this.parts.pipeline.notificationsShown;
  }

  /** Replays recognised and dropped since start. */
  get duplicatesDropped(): number {
    return this.parts.pipeline.duplicatesDropped;
  }

  /** Incidents: the open ones first (newest activity first), then the recently resolved; at most `limit`. */
  incidents(feedId: string | undefined, limit: number): Promise<IncidentView[]> {
    return this.parts.history.readWith((db) => listIncidents(db, feedId, limit));
  }

  /** One incident with its events still in history, newest first, or null when there is no such incident. */
  incidentTimeline(id: number, limit: number): Promise<IncidentTimelineView | null> {
    return this.parts.history.readWith((db) => incidentTimeline(db, id, limit));
  }

  feeds(): FeedConfig[] {
    return this.parts.settings.feeds();
  }

  feedConfig(feedId: string): FeedConfig | undefined {
    return this.parts.feedsById.get(feedId);
  }

  preferences(): Preferences {
    return this.parts.settings.preferences();
  }

  /** The app's language for notifications and the tray. */
  language(): UiLanguage {
    return uiLanguage(this.preferences().language, this.options.systemLanguages?.() ?? []);
  }

  statuses(): FeedStatus[] {
    return this.parts.manager.statuses();
  }

  status(feedId: string): FeedStatus | undefined {
    return this.parts.manager.status(feedId);
  }

  /** Where a feed's stream stands now (its last event id). */
  lastEventId(feedId: string): string | undefined {
    return this.parts.manager.lastEventId(feedId);
  }

  now(): number {
    return this.options.clock.now();
  }

  doNotDisturbActive(): boolean {
    return isDoNotDisturb(this.preferences().doNotDisturb, new Date(this.now()));
  }

  state(): AppState {
    return appState({
      prefs: this.preferences(),
      now: this.now(),
      version: this.options.version,
      paused: this.pause.userPaused,
      unread: this.parts.pipeline.unread,
      firstRun: !this.parts.settings.firstRunDone() && this.parts.settings.feeds().length === 0,
      secretBox: this.options.secretBox,
      problems: this.parts.problems,
      notificationsSupported: this.options.notifier.isSupported(),
    });
  }

  tray(): TraySnapshot {
    const { manager, pipeline } = this.parts;
    return traySnapshot({
      feeds: manager.feeds,
      status: (feedId) => manager.status(feedId)!,
      unread: pipeline.unread,
      recent: pipeline.recent(),
      paused: this.pause.userPaused,
      doNotDisturb: this.doNotDisturbActive(),
      problems: this.parts.problems.length,
      urgentUnread: pipeline.urgentUnread,
      doNotDisturbUntil: this.preferences().doNotDisturb.until,
      openIncidents: pipeline.incidents.openCount,
      now: this.now(),
    });
  }
}
