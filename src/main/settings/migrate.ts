import { DEFAULT_HISTORY_SIZE, SETTINGS_VERSION } from '../../shared/settings.ts';

/**
 * Each entry upgrades a parsed settings object from version `key` to version `key + 1`. A migration
 * does not validate: it reshapes what it recognises and passes the rest through, and the schema
 * check after the last step decides whether the result is usable.
 */
export const migrations: Record<number, (old: unknown) => unknown> = {
  0: fromLegacyV0,
  1: (old) => toSeverityV2(toHistoryDatabaseV2(old)),
};

/** What became of a parsed settings file on its way to the current version. */
export type MigrationOutcome =
  | { kind: 'current'; data: unknown; fromVersion: number }
  | { kind: 'newer'; version: number }
  | { kind: 'invalid'; detail: string };

/** Brings parsed settings up to SETTINGS_VERSION, one step at a time. */
export function migrateSettings(data: unknown): MigrationOutcome {
  const fromVersion = versionOf(data);
  if (typeof fromVersion === 'string') return { kind: 'invalid', detail: fromVersion };
  if (fromVersion > SETTINGS_VERSION) return { kind: 'newer', version: fromVersion };
  let current = data;
  for (let version = fromVersion; version < SETTINGS_VERSION; version++) {
    const migration = migrations[version];
    if (!migration) return { kind: 'invalid', detail: `no migration from settings version ${version}` };
    current = migration(current);
  }
  return { kind: 'current', data: current, fromVersion };
}

/** The file's version number, or why it has none. Files from before versioning have no `version`: 0. */
function versionOf(data: unknown): number | string {
  if (!isRecord(data)) return 'the settings are not a JSON object';
  if (!('version' in data)) return 0;
  const { version } = data;
  if (typeof version === 'number' && Number.isInteger(version) && version >= 0) return version;
  return `"version" must be a whole number, not ${JSON.stringify(version)}`;
}

/**
 * Version 0 (before the file had `version`) kept headers as a `{ name: value }` object and knew no
 * secrets, so every header stays a clear header. Such a file exists only once someone has used the
 * app, so the first-run flow is counted as done.
 */
function fromLegacyV0(old: unknown): unknown {
  if (!isRecord(old)) return old;
  const feeds = Array.isArray(old.feeds) ? old.feeds.map(legacyFeed) : old.feeds;
  return { ...old, version: 1, feeds, firstRunDone: old.firstRunDone ?? true };
}

/** The history size that version 1 wrote when the user left it alone. */
const V1_DEFAULT_HISTORY_SIZE = 500;

/**
 * Version 2 keeps history in a database with age and size limits, so the per-feed count cap is no
 * longer what bounds it: the old default (500 events) becomes the new one, a size the user chose stays.
 * The age and size limits take their defaults (30 days, 200 MB).
 */
function toHistoryDatabaseV2(old: unknown): unknown {
  if (!isRecord(old)) return old;
  const preferences = isRecord(old.preferences) ? old.preferences : {};
  const historySize =
    preferences.historySize === V1_DEFAULT_HISTORY_SIZE || preferences.historySize === undefined
      ? DEFAULT_HISTORY_SIZE
      : preferences.historySize;
  return {
    ...old,
    version: 2,
    preferences: {
      ...preferences,
      historySize,
      historyMaxAgeDays: preferences.historyMaxAgeDays ?? 30,
      historyMaxMB: preferences.historyMaxMB ?? 200,
      historyFeedMaxMB: preferences.historyFeedMaxMB ?? 200,
    },
  };
}

function legacyFeed(feed: unknown): unknown {
  if (!isRecord(feed) || !isRecord(feed.headers)) return feed;
  const headers = Object.entries(feed.headers).map(([name, value]) => ({ name, value, secret: false }));
  return { ...feed, headers };
}

/**
 * Version 2 added severity (per event, per feed: a default, words, a minimum that notifies, sounds),
 * snooze and do-not-disturb for a while. A version-1 feed notified for every event and had no snooze:
 * it keeps exactly that (minimum severity 1, not snoozed); the rest takes the schema's defaults.
 */
function toSeverityV2(old: unknown): unknown {
  if (!isRecord(old)) return old;
  const feeds = Array.isArray(old.feeds)
    ? old.feeds.map((feed: unknown) =>
        isRecord(feed)
          ? {
              ...feed,
              notify: { ...(isRecord(feed.notify) ? feed.notify : {}), minSeverity: 1 },
              snoozedUntil: null,
            }
          : feed,
      )
    : old.feeds;
  return { ...old, version: 2, feeds };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
