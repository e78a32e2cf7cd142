import { randomUUID } from 'node:crypto';
import type { FeedCheckResult } from '../../shared/check.ts';
import type { FeedConfig, FeedStatus } from '../../shared/feed.ts';
import type { AppProblem, AppState, IpcResult, WindowView } from '../../shared/ipc.ts';
import { uiLanguage, type UiLanguage } from '../../shared/presentation/notification-text.ts';
import {
  fail,
  OK,
  type FeedUpdateInput,
  type Preferences,
  type PreferencesPatch,
  type SettingsResult,
} from '../../shared/settings.ts';
import { reason } from '../feeds/reasons.ts';
import { isDoNotDisturb } from '../pipeline/notify-policy.ts';
import { dispatcher } from './dispatch.ts';
import { createHandlers } from './handlers.ts';
import type { CoreOperations, FeedTestInput } from './operations.ts';
import type { CoreOptions, CoreParts } from './options.ts';
import { testFeed } from './feed-test.ts';
import type { PushListener } from './pushes.ts';
import { appState, traySnapshot, type TraySnapshot } from './snapshots.ts';

export type { TraySnapshot } from './snapshots.ts';

/** Problems kept for the banner; older ones go (they were shown or logged already). */
const MAX_PROBLEMS = 20;

/**
 * FeedTray without Electron: the operations the window (through `handle`), the tray, the sign-in window
 * and the self-test use. It owns no logic of the event path: that is the pipeline's.
 */
export class FeedTrayCore implements CoreOperations {
  readonly #options: CoreOptions;
  readonly #parts: CoreParts;
  readonly #dispatch: (channel: string, request: unknown) => Promise<IpcResult<unknown>>;
  #userPaused = false;
  #offline = false;
  #stopped = false;

  constructor(options: CoreOptions, parts: CoreParts) {
    this.#options = options;
    this.#parts = parts;
    this.#dispatch = dispatcher(
      createHandlers({ settings: parts.settings, history: parts.history, core: this }),
    );
  }

  /** Runs one IPC request from the renderer: validates it against the contract, then handles it. Never rejects. */
  handle(channel: string, request: unknown): Promise<IpcResult<unknown>> {
    return this.#dispatch(channel, request);
  }

  /** Subscribes to renderer pushes; returns the unsubscribe function. */
  onPush(listener: PushListener): () => void {
    return this.#parts.pushes.onPush(listener);
  }

  /** Called after anything the tray shows changed (at most once per push interval). */
  onTrayChange(listener: () => void): () => void {
    return this.#parts.pushes.onTrayChange(listener);
  }

  /** Events that passed the whole pipeline since start. */
  get eventsDelivered(): number {
    return this.#parts.pipeline.eventsDelivered;
  }

  get notificationsShown(): number {
    return this.#parts.pipeline.notificationsShown;
  }

  /** Replays recognised and dropped since start. */
  get duplicatesDropped(): number {
    return this.#parts.pipeline.duplicatesDropped;
  }

  feeds(): FeedConfig[] {
    return this.#parts.settings.feeds();
  }

  feedConfig(feedId: string): FeedConfig | undefined {
    return this.#parts.feedsById.get(feedId);
  }

  preferences(): Preferences {
    return this.#parts.settings.preferences();
  }

  /** The app's language for notifications and the tray. */
  language(): UiLanguage {
    return uiLanguage(this.preferences().language, this.#options.systemLanguages?.() ?? []);
  }

  statuses(): FeedStatus[] {
    return this.#parts.manager.statuses();
  }

  status(feedId: string): FeedStatus | undefined {
    return this.#parts.manager.status(feedId);
  }

  /** Where a feed's stream stands now (its last event id). */
  lastEventId(feedId: string): string | undefined {
    return this.#parts.manager.lastEventId(feedId);
  }

  now(): number {
    return this.#options.clock.now();
  }

  doNotDisturbActive(): boolean {
    return isDoNotDisturb(this.preferences().doNotDisturb, new Date(this.now()));
  }

  state(): AppState {
    return appState({
      prefs: this.preferences(),
      now: this.now(),
      version: this.#options.version,
      paused: this.#userPaused,
      unread: this.#parts.pipeline.unread,
      firstRun: !this.#parts.settings.firstRunDone() && this.#parts.settings.feeds().length === 0,
      secretBox: this.#options.secretBox,
      problems: this.#parts.problems,
      notificationsSupported: this.#options.notifier.isSupported(),
    });
  }

  tray(): TraySnapshot {
    const { manager, pipeline } = this.#parts;
    return traySnapshot({
      feeds: manager.feeds,
      status: (feedId) => manager.status(feedId)!,
      unread: pipeline.unread,
      recent: pipeline.recent(),
      paused: this.#userPaused,
      doNotDisturb: this.doNotDisturbActive(),
      problems: this.#parts.problems.length,
    });
  }

  /** Something was lost or not saved: the window's banner and the tray say so, in words. */
  reportProblem(problem: AppProblem): void {
    const problems = this.#parts.problems;
    if (problems.some((known) => known.code === problem.code && known.message === problem.message)) return;
    console.warn(`${problem.code}: ${problem.message}`);
    problems.push(problem);
    if (problems.length > MAX_PROBLEMS) problems.shift();
    this.#parts.pushes.touch();
  }

  /** Re-reads the feed list from settings and applies it as a diff. */
  feedsChanged(): void {
    const feeds = this.#parts.settings.feeds();
    this.#parts.feedsById.clear();
    for (const feed of feeds) this.#parts.feedsById.set(feed.id, feed);
    this.#parts.manager.apply(feeds);
    this.#parts.pushes.touch();
  }

  /** Saves a whole feed list (an import, a benchmark's 200 feeds) and applies it. */
  async replaceFeeds(feeds: readonly FeedUpdateInput[]): Promise<SettingsResult> {
    const before = this.#parts.settings.feeds().map((feed) => feed.id);
    const saved = await this.#parts.settings.setFeeds(feeds);
    if (!saved.ok) return saved;
    this.feedsChanged();
    for (const id of before) if (!this.feedConfig(id)) await this.forgetFeed(id);
    return OK;
  }

  async forgetFeed(feedId: string): Promise<void> {
    this.#parts.pipeline.forget(feedId);
    this.#parts.feedState.forget(feedId);
    await this.#parts.history.removeFeed(feedId);
    await this.refreshUnread();
  }

  newFeedId(): string {
    return `feed-${randomUUID().slice(0, 8)}`;
  }

  retry(feedId: string): void {
    this.#parts.manager.retry(feedId);
  }

  testFeed(input: FeedTestInput): Promise<SettingsResult<FeedCheckResult>> {
    const saved = input.feedId === undefined ? undefined : this.feedConfig(input.feedId);
    return testFeed(saved, input, this.#options.fetch);
  }

  async addDemoFeeds(): Promise<SettingsResult> {
    const { settings } = this.#parts;
    const existing = new Set(settings.feeds().map((feed) => feed.id));
    for (const feed of await this.#parts.demo.feeds()) {
      if (feed.id !== undefined && existing.has(feed.id)) continue;
      const result = await settings.upsertFeed(feed);
      if (!result.ok) return result;
    }
    await settings.markFirstRunDone();
    this.feedsChanged();
    return OK;
  }

  async setPreferences(patch: PreferencesPatch): Promise<SettingsResult> {
    const { settings, history } = this.#parts;
    const before = settings.preferences();
    const result = await settings.setPreferences(patch);
    if (!result.ok) return result;
    const after = settings.preferences();
    if (before.historySize !== after.historySize) history.setLimit(after.historySize);
    if (before.launchAtLogin !== after.launchAtLogin)
      await this.#options.setLaunchAtLogin?.(after.launchAtLogin);
    this.#parts.pushes.touch();
    return OK;
  }

  setDoNotDisturb(manual: boolean): Promise<SettingsResult> {
    return this.setPreferences({ doNotDisturb: { manual } });
  }

  async refreshUnread(): Promise<void> {
    const counts = await this.#parts.history.unreadCounts();
    this.#parts.pipeline.setUnread(Object.entries(counts));
    this.#parts.pushes.touch();
  }

  /** The user's pause/resume of every feed. */
  setPaused(paused: boolean): void {
    this.#userPaused = paused;
    this.#applyPause();
  }

  /** Resume from sleep, network back: every feed reconnects now with its backoff reset. */
  reconnectAll(): void {
    this.#parts.manager.reconnectAll();
  }

  /** The OS says the network went away or came back: pause retries while offline. */
  setOnline(online: boolean): void {
    if (this.#offline === !online) return;
    this.#offline = !online;
    this.#applyPause();
  }

  async signIn(feedId: string): Promise<SettingsResult> {
    const feed = this.feedConfig(feedId);
    if (!feed) return fail('unknown-feed', `No feed with id "${feedId}".`);
    await this.#options.signIn(feedId, feed.url);
    return OK;
  }

  openLink(url: string): Promise<void> {
    return this.#options.openExternal(url);
  }

  /** A notification was clicked without a link: the window shows that event. */
  focusEvent(eventKey: string, feedId: string): void {
    this.#parts.pushes.push('push:focus', { eventKey, feedId });
  }

  /** The tray asked the window for one of its views. */
  showView(view: WindowView): void {
    this.#parts.pushes.push('push:show', { view });
  }

  /** Writes what history holds in memory now (tests and benchmarks wait on it). */
  flushHistory(): Promise<void> {
    return this.#parts.history.flush();
  }

  /** Stops every connection and timer and writes what is pending. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    const { manager, feedState, pipeline, pushes, history, demo } = this.#parts;
    for (const feed of manager.feeds) {
      const id = manager.lastEventId(feed.id);
      if (id) feedState.set(feed.id, id);
    }
    manager.stopAll();
    pipeline.dispose();
    pushes.dispose();
    await Promise.all([history.close(), feedState.flush(), demo.stop()]);
  }

  #applyPause(): void {
    const { manager } = this.#parts;
    if (this.#userPaused) manager.pause(reason('paused', 'Paused'));
    else if (this.#offline) manager.pause(reason('offline', 'Offline: waiting for the network'));
    else manager.resume();
    this.#parts.pushes.touch();
  }
}
