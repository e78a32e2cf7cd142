import { randomUUID } from 'node:crypto';
import type { FeedConfig, FeedEvent, FeedStatus, RawFeedEvent } from '../../shared/feed.ts';
import {
  IPC,
  invalidRequest,
  type AppState,
  type InvokeChannel,
  type IpcResult,
  type PushAck,
  type PushPayloads,
  type WindowView,
} from '../../shared/ipc.ts';
import type { Preferences, SettingsProblem } from '../../shared/settings.ts';
import type { Clock, FetchFn, TimerHandle } from '../ports.ts';
import { FeedManager } from '../feeds/manager.ts';
import { reason } from '../feeds/reasons.ts';
import { Deduper } from '../pipeline/dedupe.ts';
import { HistoryStore } from '../pipeline/history.ts';
import { normalizeEvent } from '../pipeline/normalize.ts';
import { isDoNotDisturb, NotificationCoalescer } from '../pipeline/notify-policy.ts';
import { FeedStateStore } from '../settings/feed-state.ts';
import type { SecretBox } from '../settings/secret-box.ts';
import { SettingsStore } from '../settings/store.ts';
import { DemoHost, DEMO_PREFERRED_PORT } from './demo-host.ts';
import { createHandlers, type Handlers } from './handlers.ts';
import { keepSecrets } from './results.ts';
import { notificationFor, type Notifier } from './notifier.ts';
import { PushBatcher, type PushBatch } from './push-batcher.ts';

export type { NotificationRequest, Notifier } from './notifier.ts';

/** Everything the core needs from the world; the app passes Electron adapters, tests pass real local ones. */
export interface CoreOptions {
  userDataDir: string;
  fetch: FetchFn;
  clock: Clock;
  secretBox: SecretBox;
  notifier: Notifier;
  version: string;
  /** Opens an http(s) URL in the user's browser (already validated). */
  openExternal(url: string): Promise<void>;
  /** Opens the feed's site in a sign-in window so the session gets its cookies. */
  signIn(feedId: string, url: string): Promise<void>;
  /** Registers or removes the app as a login item. */
  setLaunchAtLogin?(enabled: boolean): Promise<void> | void;
  /** Port the embedded demo server prefers (0 = any); default 47811. */
  demoPort?: number;
  random?: () => number;
  /** How often pushes to the renderer are flushed; default 20 ms (≤ 50 event messages a second). */
  pushIntervalMs?: number;
}

/** What the tray shows, rebuilt into a menu by the platform layer. */
export interface TraySnapshot {
  feeds: { id: string; name: string; status: FeedStatus; unread: number }[];
  recent: FeedEvent[];
  paused: boolean;
  doNotDisturb: boolean;
  totalUnread: number;
}

type PushListener = <C extends keyof PushPayloads>(channel: C, payload: PushPayloads[C]) => void;

const RECENT_EVENTS = 5;
const STATE_PUSH_MS = 250;

/**
 * FeedTray without Electron: settings, feeds, pipeline (normalize → history → notification policy)
 * and the handlers of every IPC channel. The Electron main process and the test harness both drive it
 * through `handle` and `onPush`.
 */
export class FeedTrayCore {
  readonly options: CoreOptions;
  readonly settings: SettingsStore;
  readonly history: HistoryStore;
  readonly manager: FeedManager;
  readonly demo: DemoHost;
  readonly #feedState: FeedStateStore;
  readonly #coalescer: NotificationCoalescer;
  readonly #batcher: PushBatcher;
  readonly #handlers: Handlers;
  readonly #problems: SettingsProblem[];
  readonly #pushListeners = new Set<PushListener>();
  readonly #trayListeners = new Set<() => void>();
  #feedsById = new Map<string, FeedConfig>();
  #unread: Record<string, number> = {};
  #recent: FeedEvent[] = [];
  // Keys of events without an id end in this sequence; starting from the clock keeps them unique across restarts.
  #seq: number;
  #eventsDelivered = 0;
  #notificationsShown = 0;
  #lastStateJson = '';
  #lastStatePushAt = -Infinity;
  #stateTimer: TimerHandle | null = null;
  #userPaused = false;
  #offline = false;
  #stopped = false;

  private constructor(
    options: CoreOptions,
    parts: {
      settings: SettingsStore;
      feedState: FeedStateStore;
      history: HistoryStore;
      deduper: Deduper;
      problems: SettingsProblem[];
    },
  ) {
    this.options = options;
    this.settings = parts.settings;
    this.#feedState = parts.feedState;
    this.history = parts.history;
    this.#problems = parts.problems;
    this.#seq = options.clock.now() * 1000;
    this.demo = new DemoHost(options.demoPort ?? DEMO_PREFERRED_PORT);
    this.#batcher = new PushBatcher({
      clock: options.clock,
      ...(options.pushIntervalMs === undefined ? {} : { intervalMs: options.pushIntervalMs }),
      flush: (batch) => this.#flush(batch),
    });
    this.#coalescer = new NotificationCoalescer({
      clock: options.clock,
      isDoNotDisturb: () => this.doNotDisturbActive(),
      onNotify: (notification) => {
        const feedId = notification.kind === 'event' ? notification.event.feedId : notification.feedId;
        const feedName = this.#feedsById.get(feedId)?.name ?? feedId;
        this.#notificationsShown++;
        this.options.notifier.show(notificationFor(notification, feedName));
      },
    });
    this.manager = new FeedManager({
      fetch: options.fetch,
      clock: options.clock,
      ...(options.random ? { random: options.random } : {}),
      deduper: parts.deduper,
      lastEventIdOf: (feedId) => this.#feedState.get(feedId),
      onEvent: (event) => this.#onEvent(event),
      onStatus: (status) => this.#onStatus(status),
    });
    this.#handlers = createHandlers(this);
  }

  /** Loads settings, feed positions and history, then connects every enabled feed. */
  static async start(options: CoreOptions): Promise<FeedTrayCore> {
    const { store: settings, problems } = await SettingsStore.open({
      dir: options.userDataDir,
      secretBox: options.secretBox,
      clock: options.clock,
    });
    const { store: feedState, problems: stateProblems } = await FeedStateStore.open({
      dir: options.userDataDir,
      clock: options.clock,
      onProblem: (problem) => problems.push(problem),
    });
    problems.push(...stateProblems);
    const history = new HistoryStore({
      dir: options.userDataDir,
      clock: options.clock,
      limit: settings.preferences().historySize,
      onError: (error) => console.warn(`history: ${error.message}`),
    });
    const loaded = await history.load();
    if (loaded.skippedLines > 0 || loaded.truncatedTail) {
      console.warn(`history: skipped ${loaded.skippedLines} damaged line(s) while loading`);
    }
    // Seed dedupe with what history holds, so a server replaying after a restart does not notify twice.
    const deduper = new Deduper();
    for (const feed of settings.feeds()) {
      const ids = await history.ids(feed.id);
      deduper.remember(feed.id, ids);
      // History is written within 250 ms, feed positions within 2 s: after a crash history is the
      // fresher record of where the stream was, so resume from it (test/chaos/kill.chaos.ts).
      if (ids.length > 0) feedState.set(feed.id, ids.at(-1)!);
    }
    const core = new FeedTrayCore(options, { settings, feedState, history, deduper, problems });
    core.#unread = await history.unreadCounts();
    await core.#relocateDemoFeeds();
    core.applyFeeds();
    return core;
  }

  /** Runs one IPC request: validates it against the contract, then handles it. Never rejects. */
  async handle(channel: string, request: unknown): Promise<IpcResult<unknown>> {
    if (!Object.hasOwn(IPC, channel)) {
      return {
        ok: false,
        error: { code: 'unknown-channel', message: `Unknown channel: ${channel.slice(0, 60)}` },
      };
    }
    const known = channel as InvokeChannel;
    const parsed = IPC[known].request.safeParse(request);
    if (!parsed.success) return { ok: false, error: invalidRequest(parsed.error) };
    try {
      return await this.#handlers[known](parsed.data as never);
    } catch (error) {
      console.error(`ipc ${channel} failed`, error);
      return {
        ok: false,
        error: { code: 'internal', message: `FeedTray hit an internal error: ${(error as Error).message}` },
      };
    }
  }

  /** Subscribes to renderer pushes; returns the unsubscribe function. */
  onPush(listener: PushListener): () => void {
    this.#pushListeners.add(listener);
    return () => this.#pushListeners.delete(listener);
  }

  /** Called after anything the tray shows changed (at most once per push interval). */
  onTrayChange(listener: () => void): () => void {
    this.#trayListeners.add(listener);
    return () => this.#trayListeners.delete(listener);
  }

  push<C extends keyof PushPayloads>(channel: C, payload: PushPayloads[C]): void {
    for (const listener of this.#pushListeners) listener(channel, payload);
  }

  /** Events that passed the whole pipeline since start. */
  get eventsDelivered(): number {
    return this.#eventsDelivered;
  }

  get notificationsShown(): number {
    return this.#notificationsShown;
  }

  feedConfig(feedId: string): FeedConfig | undefined {
    return this.#feedsById.get(feedId);
  }

  doNotDisturbActive(): boolean {
    const prefs = this.settings.preferences();
    return isDoNotDisturb(prefs.doNotDisturb, new Date(this.options.clock.now()));
  }

  state(): AppState {
    const prefs = this.settings.preferences();
    const scheduled = isDoNotDisturb(
      { ...prefs.doNotDisturb, manual: false },
      new Date(this.options.clock.now()),
    );
    const box = this.options.secretBox;
    return {
      version: this.options.version,
      paused: this.#userPaused,
      doNotDisturb: {
        manual: prefs.doNotDisturb.manual,
        scheduled,
        active: prefs.doNotDisturb.manual || scheduled,
      },
      unread: { ...this.#unread },
      totalUnread: Object.values(this.#unread).reduce((sum, count) => sum + count, 0),
      firstRun: !this.settings.firstRunDone() && this.settings.feeds().length === 0,
      secretStorage: { available: box.isAvailable(), backend: box.backend, weak: !box.isAvailable() },
      problems: [...this.#problems],
      notificationsSupported: this.options.notifier.isSupported(),
    };
  }

  tray(): TraySnapshot {
    // The manager holds a status for every configured feed (disabled ones included) once applied.
    const feeds = this.manager.feeds.map((feed) => ({
      id: feed.id,
      name: feed.name,
      status: this.manager.status(feed.id)!,
      unread: this.#unread[feed.id] ?? 0,
    }));
    return {
      feeds,
      recent: [...this.#recent].reverse(),
      paused: this.#userPaused,
      doNotDisturb: this.doNotDisturbActive(),
      totalUnread: feeds.reduce((sum, feed) => sum + feed.unread, 0),
    };
  }

  /** Re-reads the feed list from settings and applies it as a diff. */
  applyFeeds(): void {
    const feeds = this.settings.feeds();
    this.#feedsById = new Map(feeds.map((feed) => [feed.id, feed]));
    this.manager.apply(feeds);
    this.#batcher.touch();
  }

  /** Forgets everything kept about a removed feed. */
  async forgetFeed(feedId: string): Promise<void> {
    this.#coalescer.forget(feedId);
    this.#feedState.forget(feedId);
    await this.history.removeFeed(feedId);
    this.#unread = await this.history.unreadCounts();
    this.#batcher.touch();
  }

  /** Applies preference side effects after a change was saved. */
  async preferencesChanged(before: Preferences, after: Preferences): Promise<void> {
    if (before.historySize !== after.historySize) this.history.setLimit(after.historySize);
    if (before.launchAtLogin !== after.launchAtLogin)
      await this.options.setLaunchAtLogin?.(after.launchAtLogin);
    this.#batcher.touch();
  }

  async refreshUnread(): Promise<void> {
    this.#unread = await this.history.unreadCounts();
    this.#batcher.touch();
  }

  /** The user's pause/resume of every feed. */
  setPaused(paused: boolean): void {
    this.#userPaused = paused;
    this.#applyPause();
  }

  /** Resume from sleep, network back: every feed reconnects now with its backoff reset. */
  reconnectAll(): void {
    this.manager.reconnectAll();
  }

  /** The OS says the network went away or came back: pause retries while offline. */
  setOnline(online: boolean): void {
    if (this.#offline === !online) return;
    this.#offline = !online;
    this.#applyPause();
  }

  #applyPause(): void {
    if (this.#userPaused) this.manager.pause(reason('paused', 'Paused'));
    else if (this.#offline) this.manager.pause(reason('offline', 'Offline: waiting for the network'));
    else this.manager.resume();
    this.#batcher.touch();
  }

  // --- window flow control (push-batcher.ts): the window acknowledges each push batch ---
  /** The window handled a push batch (`window:ack`), or a page just loaded (`hello`). */
  ackPush(request: PushAck): void {
    this.#batcher.ack(request);
  }

  /** Events waiting in main for the window, batches it has not acknowledged, events it never got. */
  get windowBacklog(): { queuedEvents: number; batchesInFlight: number; skippedEvents: number } {
    const batcher = this.#batcher;
    return {
      queuedEvents: batcher.queuedEvents,
      batchesInFlight: batcher.batchesInFlight,
      skippedEvents: batcher.skippedEvents,
    };
  }
  // --- end of window flow control ---

  /** A notification was clicked without a link: the window shows that event. */
  focusEvent(eventKey: string, feedId: string): void {
    this.push('push:focus', { eventKey, feedId });
  }

  /** The tray asked the window for one of its views. */
  showView(view: WindowView): void {
    this.push('push:show', { view });
  }

  /** A fresh feed id. */
  newFeedId(): string {
    return `feed-${randomUUID().slice(0, 8)}`;
  }

  /** Stops every connection and timer and writes what is pending. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    for (const feed of this.manager.feeds) {
      const id = this.manager.lastEventId(feed.id);
      if (id) this.#feedState.set(feed.id, id);
    }
    this.manager.stopAll();
    this.#coalescer.dispose();
    this.#batcher.dispose();
    if (this.#stateTimer !== null) this.options.clock.clearTimeout(this.#stateTimer);
    await Promise.all([this.history.close(), this.#feedState.flush(), this.demo.stop()]);
  }

  #onEvent(raw: RawFeedEvent): void {
    const feed = this.#feedsById.get(raw.feedId);
    if (!feed) return;
    const event = normalizeEvent(raw, feed.mapping, this.#seq++);
    this.history.append(event);
    if (raw.lastEventId !== '') this.#feedState.set(raw.feedId, raw.lastEventId);
    this.#unread[raw.feedId] = (this.#unread[raw.feedId] ?? 0) + 1;
    this.#recent.push(event);
    if (this.#recent.length > RECENT_EVENTS) this.#recent.shift();
    this.#eventsDelivered++;
    if (this.settings.preferences().notificationsEnabled && this.options.notifier.isSupported()) {
      this.#coalescer.offer(event, feed, { replayed: false, dnd: this.doNotDisturbActive() });
    }
    this.#batcher.event(event);
  }

  #onStatus(status: FeedStatus): void {
    this.#batcher.status(status);
  }

  #flush(batch: PushBatch): void {
    // Window flow control: the window gets events, statuses and state only in a batch it has room for.
    if (batch.toWindow) {
      if (batch.events.length > 0) this.push('push:events', batch.events);
      if (batch.statuses.length > 0) this.push('push:statuses', batch.statuses);
      this.#pushStateIfChanged();
      if (batch.end) this.push('push:batchEnd', batch.end);
    }
    for (const listener of this.#trayListeners) listener();
  }

  /**
   * App state changes with every event (the unread count), so it is pushed at most every
   * STATE_PUSH_MS, with a trailing push for the last change: a burst then costs the renderer
   * ~50 event messages and ~4 state messages a second, not twice the events.
   */
  #pushStateIfChanged(): void {
    if (this.#stateTimer !== null) return;
    const waitMs = this.#lastStatePushAt + STATE_PUSH_MS - this.options.clock.now();
    if (waitMs > 0) {
      this.#stateTimer = this.options.clock.setTimeout(() => {
        this.#stateTimer = null;
        // Through the batcher, so a state push too waits while the window is behind (flow control).
        this.#batcher.touch();
      }, waitMs);
      return;
    }
    const state = this.state();
    const json = JSON.stringify(state);
    if (json === this.#lastStateJson) return;
    this.#lastStateJson = json;
    this.#lastStatePushAt = this.options.clock.now();
    this.push('push:state', state);
  }

  /** Demo feeds saved with another port (the preferred one was busy last time) follow the server. */
  async #relocateDemoFeeds(): Promise<void> {
    const demoFeeds = this.settings.feeds().filter((feed) => DemoHost.isDemoFeed(feed.id) && feed.enabled);
    if (demoFeeds.length === 0) return;
    for (const feed of demoFeeds) {
      const url = await this.demo.relocated(feed.url);
      if (url) await this.settings.upsertFeed(keepSecrets({ ...feed, url }));
    }
  }
}

/** Builds the core; the composition root and the test harness call this. */
export function startCore(options: CoreOptions): Promise<FeedTrayCore> {
  return FeedTrayCore.start(options);
}
