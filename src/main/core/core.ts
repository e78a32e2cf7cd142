import { randomUUID } from 'node:crypto';
import type { AddLink } from '../../shared/add-link.ts';
import type { FeedCheckResult } from '../../shared/check.ts';
import type { AppProblem, IpcResult, PushAck, WindowView } from '../../shared/ipc.ts';
import { quietUntil, type QuietChoice } from '../../shared/presentation/snooze.ts';
import type { SoundName } from '../../shared/sounds.ts';
import {
  fail,
  OK,
  type FeedUpdateInput,
  type PreferencesPatch,
  type SettingsResult,
} from '../../shared/settings.ts';
import { dispatcher } from './dispatch.ts';
import { createHandlers } from './handlers.ts';
import type { CoreOperations, FeedTestInput } from './operations.ts';
import type { CoreOptions, CoreParts } from './options.ts';
import { testFeed } from './feed-test.ts';
import { followFeedChange } from './feed-change.ts';
import { probeHistory } from './history-probe.ts';
import { keepSecrets } from './results.ts';
import { CoreQueries } from './core-queries.ts';
import { QuietTimer } from './quiet-timer.ts';
import type { CorePushes, PushListener } from './pushes.ts';
import { addProblem } from './snapshots.ts';
import { ActionRunner, type ActionRunResult } from './action-runner.ts';
import { actionResultNotification } from './action-notification.ts';

export type { TraySnapshot } from './snapshots.ts';

/**
 * FeedTray without Electron: the operations the window (through `handle`), the tray, the sign-in window
 * and the self-test use. It owns no logic of the event path: that is the pipeline's.
 */
export class FeedTrayCore extends CoreQueries implements CoreOperations {
  readonly #dispatch: (channel: string, request: unknown) => Promise<IpcResult<unknown>>;
  readonly #quietTimer: QuietTimer;
  readonly #actions: ActionRunner;
  #stopped = false;
  #addLink: AddLink | null = null;

  constructor(options: CoreOptions, parts: CoreParts) {
    super(options, parts);
    this.#quietTimer = new QuietTimer(options.clock, () => parts.pushes.touch());
    this.#actions = new ActionRunner({
      history: parts.history,
      feed: (feedId) => this.feedConfig(feedId),
      fetch: options.fetch,
      clock: options.clock,
      openExternal: (url) => options.openExternal(url),
      language: () => this.language(),
      acted: (event, result) =>
        event.incident !== undefined &&
        parts.pipeline.incidents.actedOn(event.feedId, event.incident, result.at, result.label),
      ...(options.actionTimeoutMs === undefined ? {} : { timeoutMs: options.actionTimeoutMs }),
    });
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
    return this.parts.pushes.onPush(listener);
  }

  /** Called after anything the tray shows changed (at most once per push interval). */
  onTrayChange(listener: () => void): () => void {
    return this.parts.pushes.onTrayChange(listener);
  }

  /** Something was lost or not saved: the window's banner and the tray say so, in words. */
  reportProblem(problem: AppProblem): void {
    if (addProblem(this.parts.problems, problem)) this.parts.pushes.touch();
  }

  /** Re-reads the feed list from settings and applies it as a diff. */
  feedsChanged(): void {
    const feeds = this.parts.settings.feeds();
    for (const feed of feeds) {
      const before = this.parts.feedsById.get(feed.id);
      if (before) followFeedChange(before, feed, this.parts, this.now());
    }
    this.parts.feedsById.clear();
    for (const feed of feeds) this.parts.feedsById.set(feed.id, feed);
    this.parts.manager.apply(feeds);
    this.#armQuietTimer();
    this.parts.pushes.touch();
  }

  /** Saves a whole feed list (an import, a benchmark's 200 feeds) and applies it. */
  async replaceFeeds(feeds: readonly FeedUpdateInput[]): Promise<SettingsResult> {
    const before = this.parts.settings.feeds().map((feed) => feed.id);
    const saved = await this.parts.settings.setFeeds(feeds);
    if (!saved.ok) return saved;
    this.feedsChanged();
    for (const id of before) if (!this.feedConfig(id)) await this.forgetFeed(id);
    return OK;
  }

  async forgetFeed(feedId: string): Promise<void> {
    this.parts.pipeline.forget(feedId);
    this.parts.feedState.forget(feedId);
    await this.parts.history.removeFeed(feedId);
    await this.refreshUnread();
  }

  newFeedId(): string {
    return `feed-${randomUUID().slice(0, 8)}`;
  }

  retry(feedId: string): void {
    this.parts.manager.retry(feedId);
  }

  testFeed(input: FeedTestInput): Promise<SettingsResult<FeedCheckResult>> {
    const saved = input.feedId === undefined ? undefined : this.feedConfig(input.feedId);
    return testFeed(saved, input, this.options.fetch);
  }

  async addDemoFeeds(): Promise<SettingsResult> {
    const { settings } = this.parts;
    const existing = new Set(settings.feeds().map((feed) => feed.id));
    for (const feed of await this.parts.demo.feeds()) {
      if (feed.id !== undefined && existing.has(feed.id)) continue;
      const result = await settings.upsertFeed(feed);
      if (!result.ok) return result;
    }
    await settings.markFirstRunDone();
    this.feedsChanged();
    return OK;
  }

  async setPreferences(patch: PreferencesPatch): Promise<SettingsResult> {
    const { settings, history } = this.parts;
    const before = settings.preferences();
    const result = await settings.setPreferences(patch);
    if (!result.ok) return result;
    const after = settings.preferences();
    if (before.historySize !== after.historySize) history.setLimit(after.historySize);
    this.#armQuietTimer();
    if (before.launchAtLogin !== after.launchAtLogin)
      await this.options.setLaunchAtLogin?.(after.launchAtLogin);
    this.parts.pushes.touch();
    return OK;
  }

  setDoNotDisturb(manual: boolean): Promise<SettingsResult> {
    return this.setPreferences({ doNotDisturb: { manual, until: null } });
  }

  setQuiet(choice: QuietChoice | 'off'): Promise<SettingsResult> {
    if (choice === 'off') return this.setPreferences({ doNotDisturb: { manual: false, until: null } });
    if (choice === 'manual') return this.setDoNotDisturb(true);
    return this.setPreferences({ doNotDisturb: { until: quietUntil(choice, new Date(this.now())) } });
  }

  async snoozeFeed(feedId: string, choice: QuietChoice | 'resume'): Promise<SettingsResult> {
    const feed = this.feedConfig(feedId);
    if (!feed) return fail('unknown-feed', `No feed with id "${feedId}".`);
    const snoozedUntil = choice === 'resume' ? null : quietUntil(choice, new Date(this.now()));
    const result = await this.parts.settings.upsertFeed(keepSecrets({ ...feed, snoozedUntil }));
    if (!result.ok) return result;
    this.feedsChanged();
    return OK;
  }

  /** "Mark all read" in the tray: every feed's unread count (and the attention icon) clears. */
  async markAllRead(): Promise<void> {
    await this.parts.history.markRead();
    await this.refreshUnread();
  }

  /** Plays a bundled sound in the window (the only place every OS lets the app play one). */
  playSound(name: SoundName): void {
    this.parts.pushes.push('push:sound', { name });
  }

  async refreshUnread(): Promise<void> {
    const counts = await this.parts.history.unreadCounts();
    this.parts.pipeline.setUnread(Object.entries(counts));
    this.parts.pushes.touch();
  }

  /** The user's pause/resume of every feed. */
  setPaused(paused: boolean): void {
    this.pause.setUserPaused(paused);
    this.#applyPause();
  }

  /** Resume from sleep, network back: every feed reconnects now with its backoff reset. */
  reconnectAll(): void {
    this.parts.manager.reconnectAll();
  }

  /** The OS says the network went away or came back: pause retries while offline. */
  setOnline(online: boolean): void {
    if (this.pause.setOnline(online)) this.#applyPause();
  }

  async signIn(feedId: string): Promise<SettingsResult> {
    const feed = this.feedConfig(feedId);
    if (!feed) return fail('unknown-feed', `No feed with id "${feedId}".`);
    await this.options.signIn(feedId, feed.url);
    return OK;
  }

  openLink(url: string): Promise<void> {
    return this.options.openExternal(url);
  }

  /** An event's action buttons and what earlier presses did. */
  listActions(eventKey: string): ReturnType<ActionRunner['list']> {
    return this.#actions.list(eventKey);
  }

  /** Presses one of an event's buttons: at most one request, its result recorded with the event. */
  runAction(eventKey: string, actionId: string): Promise<ActionRunResult> {
    return this.#actions.run(eventKey, actionId);
  }

  /** A button pressed on a notification: the result comes back as a small silent notification. */
  async pressNotificationAction(eventKey: string, actionId: string): Promise<void> {
    const result = await this.runAction(eventKey, actionId);
    // A link that opened is its own answer: the browser is in front.
    if (result.ok && result.value.ok && result.value.status === null) return;
    // Feed ids have no colon, so an event key's feed is what comes before its first one.
    const feedId = eventKey.slice(0, Math.max(0, eventKey.indexOf(':')));
    const feedName = this.feedConfig(feedId)?.name ?? feedId;
    this.options.notifier.show(actionResultNotification(result, { feedId, feedName, eventKey }));
  }

  ackPush(request: PushAck): void {
    this.parts.pushes.ack(request);
  }

  /** Events waiting in main for the window, batches it has not acknowledged, events it never got. */
  get windowBacklog(): CorePushes['windowBacklog'] {
    return this.parts.pushes.windowBacklog;
  }

  /** A notification was clicked without a link: the window shows that event. */
  focusEvent(eventKey: string, feedId: string): void {
    this.parts.pushes.push('push:focus', { eventKey, feedId });
  }

  /**
   * A `feedtray://add` link (from the OS): kept until the window takes it, so a link that started the
   * app is not lost while the page loads; the newest link wins.
   */
  offerAddLink(link: AddLink): void {
    this.#addLink = link;
    this.parts.pushes.push('push:show', { view: 'feeds' });
    this.parts.pushes.push('push:addFeed', {});
  }

  takeAddLink(): AddLink | null {
    const link = this.#addLink;
    this.#addLink = null;
    return link;
  }

  /** The tray asked the window for one of its views. */
  showView(view: WindowView): void {
    this.parts.pushes.push('push:show', { view });
  }

  /** `--self-test`: one event through the history database and back. */
  probeHistory(): ReturnType<typeof probeHistory> {
    return probeHistory(this.parts.history, () => this.now());
  }

  /** Writes what history holds in memory now (tests and benchmarks wait on it). */
  flushHistory(): Promise<void> {
    return this.parts.history.flush();
  }

  /** Stops every connection and timer and writes what is pending. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    const { manager, feedState, pipeline, pushes, history, demo } = this.parts;
    for (const feed of manager.feeds) {
      const id = manager.lastEventId(feed.id);
      if (id !== undefined) feedState.set(feed.id, id);
    }
    manager.stopAll();
    this.#quietTimer.dispose();
    pipeline.dispose();
    pushes.dispose();
    await Promise.all([history.close(), feedState.flush(), demo.stop()]);
  }

  #armQuietTimer(): void {
    this.#quietTimer.arm(() => [
      this.preferences().doNotDisturb.until,
      ...[...this.parts.feedsById.values()].map((feed) => feed.snoozedUntil),
    ]);
  }

  #applyPause(): void {
    const why = this.pause.holdReason();
    if (why) this.parts.manager.pause(why);
    else this.parts.manager.resume();
    this.parts.pushes.touch();
  }
}
