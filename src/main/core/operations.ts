/**
 * What the IPC handlers may do: the narrow set of core operations they need, so the handlers depend on
 * this interface and not on the whole core (and the core does not depend on its handlers' shapes).
 */
import type { EventActionsView } from '../../shared/actions.ts';
import type { AddLink } from '../../shared/add-link.ts';
import type { FeedCheckResult } from '../../shared/check.ts';
import type { FeedConfig, FeedStatus } from '../../shared/feed.ts';
import type { IncidentTimelineView, IncidentView } from '../../shared/incidents.ts';
import type { AppState, IpcError, PushAck } from '../../shared/ipc.ts';
import type { QuietChoice } from '../../shared/presentation/snooze.ts';
import type { FeedUpdate, PreferencesPatch, SettingsResult } from '../../shared/settings.ts';
import type { HistoryStore } from '../pipeline/history.ts';
import type { SettingsStore } from '../settings/store.ts';
import type { ActionRunResult } from './action-runner.ts';

/** A feed test as the window asks for it: the draft's address, types and headers. */
export interface FeedTestInput {
  feedId?: string;
  url: string;
  eventTypes: string[];
  headers: FeedUpdate['headers'];
  listenMs?: number;
  /** The draft's server knobs; plain SSE when left out. */
  idPointer?: FeedUpdate['idPointer'];
  resume?: FeedUpdate['resume'];
  heartbeatTypes?: FeedUpdate['heartbeatTypes'];
  diagnoseResume?: boolean;
}

/** The core as its operations, for the IPC handlers, the tray, the sign-in window and the self-test. */
export interface CoreOperations {
  /** The settings were saved with a changed feed list: apply it as a diff. */
  feedsChanged(): void;
  /** Forgets everything kept about a removed feed (history, position, unread). */
  forgetFeed(feedId: string): Promise<void>;
  feedConfig(feedId: string): FeedConfig | undefined;
  newFeedId(): string;
  statuses(): FeedStatus[];
  /** The user's "retry now", which also moves a feed waiting for sign-in or stopped by its server. */
  retry(feedId: string): void;
  /** Tests a feed draft once, with saved secrets kept on the feed's own origin. */
  testFeed(input: FeedTestInput): Promise<SettingsResult<FeedCheckResult>>;
  /** Adds the built-in demo feeds not yet configured. */
  addDemoFeeds(): Promise<SettingsResult>;
  setPreferences(patch: PreferencesPatch): Promise<SettingsResult>;
  setDoNotDisturb(manual: boolean): Promise<SettingsResult>;
  /** Do-not-disturb for a while (or until turned off), or `off` to end it now. */
  setQuiet(choice: QuietChoice | 'off'): Promise<SettingsResult>;
  /** Holds a feed's notifications for a while (events still reach history and unread), or resumes them. */
  snoozeFeed(feedId: string, choice: QuietChoice | 'resume'): Promise<SettingsResult>;
  refreshUnread(): Promise<void>;
  /** Incidents, open first, then the recently resolved. */
  incidents(feedId: string | undefined, limit: number): Promise<IncidentView[]>;
  /** One incident and its events, or null when unknown. */
  incidentTimeline(id: number, limit: number): Promise<IncidentTimelineView | null>;
  state(): AppState;
  setPaused(paused: boolean): void;
  signIn(feedId: string): Promise<SettingsResult>;
  openLink(url: string): Promise<void>;
  /** The feed a `feedtray://add` link offered, handed over once. */
  takeAddLink(): AddLink | null;
  /** An event's action buttons and what earlier presses did. */
  listActions(
    eventKey: string,
  ): Promise<{ ok: true; value: EventActionsView } | { ok: false; error: IpcError }>;
  /** Presses one of an event's buttons: at most one request, recorded with the event. */
  runAction(eventKey: string, actionId: string): Promise<ActionRunResult>;
  /** The window handled a push batch, or a page just loaded (flow control, src/main/core/push-batcher.ts). */
  ackPush(request: PushAck): void;
  now(): number;
}

/** Everything the handlers are given: the two stores they read and write, and the core's operations. */
export interface HandlerDeps {
  settings: SettingsStore;
  history: Pick<HistoryStore, 'query' | 'markRead' | 'series' | 'recentEvents'>;
  core: CoreOperations;
}
