import type { InvokeChannel, IpcResult, ResponseOf, ValidRequestOf } from '../../shared/ipc.ts';
import { applyPreferencesPatch, mergeSecretHeaders, type FeedUpdate } from '../../shared/settings.ts';
import { checkFeed } from '../feeds/check.ts';
import type { FeedTrayCore } from './index.ts';
import { settingsError } from './results.ts';

/** One function per channel, each given an already validated request. */
export type Handlers = {
  [C in InvokeChannel]: (
    request: ValidRequestOf<C>,
  ) => IpcResult<ResponseOf<C>> | Promise<IpcResult<ResponseOf<C>>>;
};

const ok = <T>(value: T): IpcResult<T> => ({ ok: true, value });

/** The handlers of every IPC channel, over the core. */
export function createHandlers(core: FeedTrayCore): Handlers {
  const { settings } = core;
  const redacted = (id: string) => settings.redactedFeeds().find((feed) => feed.id === id)!;

  const saveFeed = async (update: FeedUpdate) => {
    const result = await settings.upsertFeed(update);
    if (!result.ok) return settingsError(result);
    if (!settings.firstRunDone()) await settings.markFirstRunDone();
    core.applyFeeds();
    return ok(redacted(update.id));
  };

  return {
    'feeds:list': () => ok(settings.redactedFeeds()),

    'feeds:add': async (request) => {
      const id = request.id ?? core.newFeedId();
      if (settings.feeds().some((feed) => feed.id === id)) {
        return {
          ok: false,
          error: { code: 'invalid-feed', message: `A feed with id "${id}" already exists.` },
        };
      }
      return saveFeed({ ...request, id });
    },

    'feeds:update': async (request) => {
      if (!settings.feeds().some((feed) => feed.id === request.id)) {
        return { ok: false, error: { code: 'not-found', message: `No feed with id "${request.id}".` } };
      }
      return saveFeed(request);
    },

    'feeds:remove': async ({ id }) => {
      const result = await settings.removeFeed(id);
      if (!result.ok) return settingsError(result);
      core.applyFeeds();
      await core.forgetFeed(id);
      return ok(null);
    },

    'feeds:move': async ({ id, toIndex }) => {
      const result = await settings.moveFeed(id, toIndex);
      if (!result.ok) return settingsError(result);
      core.applyFeeds();
      return ok(settings.redactedFeeds());
    },

    'feeds:test': async (request) => {
      const previous = request.feedId === undefined ? undefined : core.feedConfig(request.feedId);
      const merged = mergeSecretHeaders(previous, {
        id: request.feedId ?? previous?.id ?? 'test',
        headers: request.headers,
      } as FeedUpdate);
      if (!merged.ok) return settingsError(merged);
      const result = await checkFeed({
        url: request.url,
        fetch: core.options.fetch,
        headers: merged.value.headers,
        listenMs: request.listenMs,
      });
      return ok(result);
    },

    'feeds:retry': ({ id }) => {
      if (!core.feedConfig(id))
        return { ok: false, error: { code: 'not-found', message: `No feed with id "${id}".` } };
      core.manager.retry(id);
      return ok(null);
    },

    'feeds:statuses': () => ok(core.manager.statuses()),

    'feeds:addDemo': async () => {
      const existing = new Set(settings.feeds().map((feed) => feed.id));
      for (const feed of await core.demo.feeds()) {
        if (feed.id !== undefined && existing.has(feed.id)) continue;
        const result = await settings.upsertFeed(feed);
        if (!result.ok) return settingsError(result);
      }
      await settings.markFirstRunDone();
      core.applyFeeds();
      return ok(settings.redactedFeeds());
    },

    'prefs:get': () => ok(settings.preferences()),

    'prefs:set': async (patch) => {
      const before = settings.preferences();
      const result = await settings.setPreferences(patch);
      if (!result.ok) return settingsError(result);
      const after = settings.preferences();
      await core.preferencesChanged(before, after);
      return ok(after);
    },

    'history:query': async (query) => {
      const page = await core.history.query(query);
      if (!page.ok) return { ok: false, error: { code: 'invalid-request', message: page.error.message } };
      return ok(page.value);
    },

    'history:markRead': async ({ feedId, upToKey }) => {
      const result = await core.history.markRead(feedId, upToKey);
      if (!result.ok) return { ok: false, error: { code: 'not-found', message: result.error.message } };
      await core.refreshUnread();
      return ok(core.state());
    },

    'app:state': () => ok(core.state()),

    'app:setPaused': ({ paused }) => {
      core.setPaused(paused);
      return ok(core.state());
    },

    'app:setDoNotDisturb': async ({ manual }) => {
      const before = settings.preferences();
      const result = await settings.setPreferences({ doNotDisturb: { manual } });
      if (!result.ok) return settingsError(result);
      await core.preferencesChanged(before, applyPreferencesPatch(before, { doNotDisturb: { manual } }));
      return ok(core.state());
    },

    'app:signIn': async ({ id }) => {
      const feed = core.feedConfig(id);
      if (!feed) return { ok: false, error: { code: 'not-found', message: `No feed with id "${id}".` } };
      await core.options.signIn(id, feed.url);
      return ok(null);
    },

    'app:openLink': async ({ url }) => {
      await core.options.openExternal(url);
      return ok(null);
    },

    'app:ping': ({ sentAt }) => ok({ sentAt, receivedAt: core.options.clock.now() }),

    'settings:export': () => ok({ json: settings.exportSettings() }),

    'settings:import': async ({ json }) => {
      const before = new Set(settings.feeds().map((feed) => feed.id));
      const result = await settings.importSettings(json);
      if (!result.ok) return settingsError(result);
      core.applyFeeds();
      for (const id of before) if (!core.feedConfig(id)) await core.forgetFeed(id);
      return ok({ feeds: settings.redactedFeeds(), secretsToReenter: result.value.needsReentry.length });
    },

    'window:ack': (request) => {
      core.ackPush(request);
      return ok(null);
    },
  };
}
