import type { InvokeChannel, IpcResult, ResponseOf, ValidRequestOf } from '../../shared/ipc.ts';
import type { FeedUpdate } from '../../shared/settings.ts';
import { previewRules, RULES_PREVIEW_BUDGET_MS, RULES_PREVIEW_EVENTS } from '../../shared/rules/preview.ts';
import type { HandlerDeps } from './operations.ts';
import { settingsError } from './results.ts';

/** One function per channel, each given an already validated request. */
export type Handlers = {
  [C in InvokeChannel]: (
    request: ValidRequestOf<C>,
  ) => IpcResult<ResponseOf<C>> | Promise<IpcResult<ResponseOf<C>>>;
};

const ok = <T>(value: T): IpcResult<T> => ({ ok: true, value });
const notFound = (id: string) =>
  ({ ok: false, error: { code: 'not-found', message: `No feed with id "${id}".` } }) as const;

/** The handlers of every IPC channel: the renderer's requests, validated, turned into core operations. */
export function createHandlers({ settings, history, core }: HandlerDeps): Handlers {
  const redacted = (id: string) => settings.redactedFeeds().find((feed) => feed.id === id)!;

  const saveFeed = async (update: FeedUpdate) => {
    const result = await settings.upsertFeed(update);
    if (!result.ok) return settingsError(result);
    if (!settings.firstRunDone()) await settings.markFirstRunDone();
    core.feedsChanged();
    return ok(redacted(update.id));
  };

  return {
    'feeds:list': () => ok(settings.redactedFeeds()),

    'feeds:add': async (request) => {
      const id = request.id ?? core.newFeedId();
      if (core.feedConfig(id)) {
        return {
          ok: false,
          error: { code: 'invalid-feed', message: `A feed with id "${id}" already exists.` },
        };
      }
      return saveFeed({ ...request, id });
    },

    'feeds:update': async (request) => {
      if (!core.feedConfig(request.id)) return notFound(request.id);
      return saveFeed(request);
    },

    'feeds:remove': async ({ id }) => {
      const result = await settings.removeFeed(id);
      if (!result.ok) return settingsError(result);
      core.feedsChanged();
      await core.forgetFeed(id);
      return ok(null);
    },

    'feeds:move': async ({ id, toIndex }) => {
      const result = await settings.moveFeed(id, toIndex);
      if (!result.ok) return settingsError(result);
      core.feedsChanged();
      return ok(settings.redactedFeeds());
    },

    'feeds:test': async (request) => {
      const result = await core.testFeed(request);
      return result.ok ? ok(result.value) : settingsError(result);
    },

    'feeds:retry': ({ id }) => {
      if (!core.feedConfig(id)) return notFound(id);
      core.retry(id);
      return ok(null);
    },

    'feeds:statuses': () => ok(core.statuses()),

    'feeds:snooze': async ({ id, choice }) => {
      if (!core.feedConfig(id)) return notFound(id);
      const result = await core.snoozeFeed(id, choice);
      return result.ok ? ok(redacted(id)) : settingsError(result);
    },

    'feeds:takeAddLink': () => ok(core.takeAddLink()),

    'feeds:addDemo': async () => {
      const result = await core.addDemoFeeds();
      return result.ok ? ok(settings.redactedFeeds()) : settingsError(result);
    },

    'prefs:get': () => ok(settings.preferences()),

    'prefs:set': async (patch) => {
      const result = await core.setPreferences(patch);
      return result.ok ? ok(settings.preferences()) : settingsError(result);
    },

    'history:query': async (query) => {
      const page = await history.query(query);
      if (!page.ok) return { ok: false, error: { code: 'invalid-request', message: page.error.message } };
      return ok(page.value);
    },

    'history:series': async (request) => {
      const series = await history.series(request);
      if (!series.ok) return { ok: false, error: { code: 'invalid-request', message: series.error.message } };
      return ok(series.value);
    },

    'history:markRead': async ({ feedId, upToKey }) => {
      const result = await history.markRead(feedId, upToKey);
      if (!result.ok) return { ok: false, error: { code: 'not-found', message: result.error.message } };
      await core.refreshUnread();
      return ok(core.state());
    },

    'rules:preview': async ({ feedId, name, mapping, severity, rules }) => {
      const saved = core.feedConfig(feedId);
      if (!saved) return notFound(feedId);
      // The draft decides; the saved feed only gives what the draft leaves out (its name).
      const events = await history.recentEvents(feedId, RULES_PREVIEW_EVENTS);
      const draft = { id: feedId, name: name ?? saved.name, mapping, severity, rules };
      return ok(previewRules(draft, events, { now: () => performance.now(), ms: RULES_PREVIEW_BUDGET_MS }));
    },

    'incidents:list': async ({ feedId, limit }) => ok(await core.incidents(feedId, limit)),

    'incidents:timeline': async ({ id, limit }) => {
      const timeline = await core.incidentTimeline(id, limit);
      if (timeline === null)
        return { ok: false, error: { code: 'not-found', message: `No incident ${id} is kept in history.` } };
      return ok(timeline);
    },

    'app:state': () => ok(core.state()),

    'app:setPaused': ({ paused }) => {
      core.setPaused(paused);
      return ok(core.state());
    },

    'app:setDoNotDisturb': async (request) => {
      const result =
        'manual' in request
          ? await core.setDoNotDisturb(request.manual)
          : await core.setQuiet(request.choice);
      return result.ok ? ok(core.state()) : settingsError(result);
    },

    'app:signIn': async ({ id }) => {
      const result = await core.signIn(id);
      return result.ok ? ok(null) : notFound(id);
    },

    'app:openLink': async ({ url }) => {
      await core.openLink(url);
      return ok(null);
    },

    'app:ping': ({ sentAt }) => ok({ sentAt, receivedAt: core.now() }),

    'settings:export': () => ok({ json: settings.exportSettings() }),

    'settings:import': async ({ json }) => {
      const before = settings.feeds().map((feed) => feed.id);
      const result = await settings.importSettings(json);
      if (!result.ok) return settingsError(result);
      core.feedsChanged();
      for (const id of before) if (!core.feedConfig(id)) await core.forgetFeed(id);
      return ok({ feeds: settings.redactedFeeds(), secretsToReenter: result.value.needsReentry.length });
    },

    'actions:list': ({ eventKey }) => core.listActions(eventKey),

    'actions:run': ({ eventKey, actionId }) => core.runAction(eventKey, actionId),

    'window:ack': (request) => {
      core.ackPush(request);
      return ok(null);
    },
  };
}
