import type { FeedConfig } from '../../shared/feed.ts';
import type { AppProblem } from '../../shared/ipc.ts';
import type { FeedManager } from '../feeds/manager.ts';
import type { HistoryStore } from '../pipeline/history.ts';
import type { Pipeline } from '../pipeline/pipeline.ts';
import type { Clock, FetchFn } from '../ports.ts';
import type { FeedStateStore } from '../settings/feed-state.ts';
import type { SecretBox } from '../settings/secret-box.ts';
import type { SettingsStore } from '../settings/store.ts';
import type { DemoHost } from './demo-host.ts';
import type { Notifier } from './notifier.ts';
import type { CorePushes } from './pushes.ts';

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
  /** The OS's preferred languages, for the `system` language choice; default English. */
  systemLanguages?(): readonly string[];
  /** Port the embedded demo server prefers (0 = any); default 47811. */
  demoPort?: number;
  random?: () => number;
  /** How long an action button's request may wait for an answer; default 15 s. */
  actionTimeoutMs?: number;
  /** How often pushes to the renderer are flushed; default 20 ms (≤ 50 event messages a second). */
  pushIntervalMs?: number;
}

/** The parts the composition root (`startCore`) builds and hands to the core. */
export interface CoreParts {
  settings: SettingsStore;
  feedState: FeedStateStore;
  history: HistoryStore;
  manager: FeedManager;
  pipeline: Pipeline;
  pushes: CorePushes;
  demo: DemoHost;
  problems: AppProblem[];
  feedsById: Map<string, FeedConfig>;
}
