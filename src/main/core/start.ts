/**
 * The composition of the core: loads settings, feed positions and history, builds the feed manager,
 * the pipeline and the pushes, wires them in the order of the data flow, and connects every enabled feed.
 */
import type { FeedConfig } from '../../shared/feed.ts';
import type { AppProblem, RuntimeProblem } from '../../shared/ipc.ts';
import { FeedManager } from '../feeds/manager.ts';
import { Deduper } from '../pipeline/dedupe.ts';
import { HistoryStore, historyPreferences, type HistoryProblem } from '../pipeline/history.ts';
import { loadIncidents } from '../pipeline/history/incidents.ts';
import { Pipeline, RULES_WARM_UP_EVENTS } from '../pipeline/pipeline.ts';
import { FeedStateStore } from '../settings/feed-state.ts';
import { SettingsStore } from '../settings/store.ts';
import { FeedTrayCore } from './core.ts';
import { DemoHost, DEMO_PREFERRED_PORT } from './demo-host.ts';
import type { CoreOptions } from './options.ts';
import { CorePushes } from './pushes.ts';
import { keepSecrets } from './results.ts';

/** Builds the core; the composition root of the app, the CLI-free test harness and the benchmarks call this. */
export async function startCore(options: CoreOptions): Promise<FeedTrayCore> {
  const problems: AppProblem[] = [];
  // Until the core exists, problems are collected; after, they go through it so the window hears at once.
  let report: (problem: AppProblem) => void = (problem) => {
    problems.push(problem);
  };
  const { store: settings, problems: settingsProblems } = await SettingsStore.open({
    dir: options.userDataDir,
    secretBox: options.secretBox,
    clock: options.clock,
  });
  problems.push(...settingsProblems);
  const { store: feedState, problems: stateProblems } = await FeedStateStore.open({
    dir: options.userDataDir,
    clock: options.clock,
    onProblem: (problem) => report(problem),
  });
  problems.push(...stateProblems);
  const history = new HistoryStore({
    dir: options.userDataDir,
    clock: options.clock,
    ...historyPreferences(settings.preferences()),
    // Damage, a locked file, failed reads and writes: every one reaches the banner and the tray.
    onProblem: (problem) => report(historyProblem(problem)),
  });
  await history.load();

  // Dedupe backed by the database: a replay larger than any window, across restarts, is recognised; the
  // same id with other data is a new event from a server that restarted its numbering, and says so.
  let manager: FeedManager | null = null;
  const deduper = new Deduper({
    durable: history,
    onIdReused: (feedId) =>
      manager?.warn(feedId, {
        code: 'ids-restarted',
        message: 'The server restarted its numbering: events that reuse old ids are delivered as new',
      }),
  });
  for (const feed of settings.feeds()) {
    const ids = await history.ids(feed.id);
    deduper.remember(feed.id, ids);
    // History is written within 250 ms, feed positions within 2 s: after a crash history is the
    // fresher record of where the stream was, so resume from it (test/chaos/kill.chaos.ts), unless the
    // server reset the position with an empty id: then there is nothing to resume from.
    if (ids.length > 0 && !feedState.wasReset(feed.id)) feedState.set(feed.id, ids.at(-1)!);
  }

  const feedsById = new Map<string, FeedConfig>();
  let core: FeedTrayCore | null = null;
  const pushes = new CorePushes({
    clock: options.clock,
    ...(options.pushIntervalMs === undefined ? {} : { intervalMs: options.pushIntervalMs }),
    state: () => core!.state(),
  });
  const pipeline = new Pipeline({
    clock: options.clock,
    deduper,
    history,
    positions: feedState,
    feed: (feedId) => feedsById.get(feedId),
    notificationsAllowed: () => settings.preferences().notificationsEnabled && options.notifier.isSupported(),
    doNotDisturb: () => core!.doNotDisturbActive(),
    language: () => core!.language(),
    showNotification: (notification) => options.notifier.show(notification),
    closeNotification: (tag) => options.notifier.close(tag),
    push: (event) => pushes.event(event),
    decided: (updates) => pushes.push('push:decisions', updates),
    incidentChanged: (incident) => pushes.incident(incident),
  });
  // Crossings and changes pick up where the last run left them: each feed's rules see its newest stored
  // events again, oldest first, before any connection opens (nothing is decided or shown for them).
  for (const feed of settings.feeds()) {
    if (feed.rules.length > 0)
      pipeline.warmUp(feed, await history.recentEvents(feed.id, RULES_WARM_UP_EVENTS));
  }
  // Incidents commit with the events that change them, and the open ones survive a restart.
  history.setCompanion(pipeline.incidents);
  try {
    pipeline.incidents.restore(await history.readWith(loadIncidents));
  } catch (error) {
    problems.push({
      code: 'history-read-failed',
      message: 'Open incidents could not be read back from history: their next events open new ones.',
      detail: (error as Error).message,
    });
  }
  manager = new FeedManager({
    fetch: options.fetch,
    clock: options.clock,
    ...(options.random ? { random: options.random } : {}),
    lastEventIdOf: (feedId) => feedState.get(feedId),
    // An id-only block (or an empty `id:`, which resets it) moves the position without an event.
    onLastEventId: (feedId, lastEventId) => feedState.set(feedId, lastEventId),
    onEvent: (event) => {
      // A bug on the event path must not take the stream (or the app) down with one odd event: the
      // feed says which event failed, in words, and the next one goes on.
      try {
        pipeline.accept(event);
      } catch (error) {
        manager?.warn(event.feedId, {
          code: 'event-failed',
          message: `An event${event.id === '' ? '' : ` (id ${event.id.slice(0, 40)})`} failed on its way (${error instanceof Error ? error.message : String(error)}): it may be missing from history or its notification was not shown; the feed goes on`,
        });
      }
    },
    onStatus: (status) => pushes.status(status),
  });
  const demo = new DemoHost(options.demoPort ?? DEMO_PREFERRED_PORT);
  core = new FeedTrayCore(options, {
    settings,
    feedState,
    history,
    manager,
    pipeline,
    pushes,
    demo,
    problems,
    feedsById,
  });
  const running = core;
  report = (problem) => running.reportProblem(problem);
  pipeline.setUnread(Object.entries(await history.unreadCounts()));
  await relocateDemoFeeds(settings, demo);
  core.feedsChanged();
  return core;
}

/** Demo feeds saved with another port (the preferred one was busy last time) follow the server. */
async function relocateDemoFeeds(settings: SettingsStore, demo: DemoHost): Promise<void> {
  const demoFeeds = settings.feeds().filter((feed) => DemoHost.isDemoFeed(feed.id) && feed.enabled);
  for (const feed of demoFeeds) {
    const url = await demo.relocated(feed.url);
    if (url) await settings.upsertFeed(keepSecrets({ ...feed, url }));
  }
}

/** A history problem as the user is told about it. */
function historyProblem(problem: HistoryProblem): RuntimeProblem {
  const code = RUNTIME_CODES.has(problem.code as RuntimeProblem['code'])
    ? (problem.code as RuntimeProblem['code'])
    : 'history-read-failed';
  return { code, message: problem.message, ...(problem.cause ? { detail: problem.cause } : {}) };
}

const RUNTIME_CODES = new Set<RuntimeProblem['code']>([
  'history-read-failed',
  'history-write-failed',
  'history-damaged',
  'history-locked',
  'history-newer',
  'history-import-failed',
]);
