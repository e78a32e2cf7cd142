import { z } from 'zod';
import { FeedConfigSchema, FeedHeaderSchema, type FeedConfig } from './feed.ts';

/** The settings file format this build writes; older files are migrated, newer ones are never overwritten. */
export const SETTINGS_VERSION = 2;

/** Languages the UI offers; `system` follows the OS. */
export const LANGUAGES = ['system', 'en', 'zh-CN'] as const;
/** A UI language choice. */
export type Language = (typeof LANGUAGES)[number];

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a 24-hour time like 22:00');
const historySize = z
  .number()
  .int('History size is a whole number of events')
  .min(50, 'Keep at least 50 events in history')
  .max(10_000_000, 'Keep at most 10000000 events per feed in history');
/** Events kept per feed by default (the count cap; age and size usually bind first). */
export const DEFAULT_HISTORY_SIZE = 1_000_000;
const historyMaxAgeDays = z
  .number()
  .int('History age is a whole number of days')
  .min(1, 'Keep history for at least 1 day')
  .max(3650, 'Keep history for at most 3650 days');
const historyMB = z
  .number()
  .int('History size is a whole number of megabytes')
  .min(10, 'Give history at least 10 MB')
  .max(100_000, 'Give history at most 100000 MB');

const DndScheduleSchema = z.object({
  enabled: z.boolean().default(false),
  from: clockTime.default('22:00'),
  to: clockTime.default('07:00'),
});

// `prefault` runs the default through the schema, so each parse gets fresh nested objects.
const DoNotDisturbSchema = z.object({
  manual: z.boolean().default(false),
  schedule: DndScheduleSchema.prefault({}),
  /** Do-not-disturb for a while ("for 1 hour", "until tomorrow"): on until this time (epoch ms), or null. */
  until: z.number().int().min(0).max(8_640_000_000_000_000).nullable().default(null),
});

/** App-wide preferences. Missing fields take their defaults, so older files stay readable. */
export const PreferencesSchema = z.object({
  doNotDisturb: DoNotDisturbSchema.prefault({}),
  launchAtLogin: z.boolean().default(false),
  /** Events kept per feed. */
  historySize: historySize.default(DEFAULT_HISTORY_SIZE),
  /** Events older than this are deleted. */
  historyMaxAgeDays: historyMaxAgeDays.default(30),
  /** The history database's size overall. */
  historyMaxMB: historyMB.default(200),
  /** The estimated size of one feed's events. */
  historyFeedMaxMB: historyMB.default(200),
  language: z.enum(LANGUAGES).default('system'),
  notificationsEnabled: z.boolean().default(true),
});
/** App-wide preferences, every field present. */
export type Preferences = z.infer<typeof PreferencesSchema>;

/** A change to some preferences, nested objects partial too; unknown keys are refused so a typo is not ignored. */
export const PreferencesPatchSchema = z.strictObject({
  doNotDisturb: z
    .strictObject({
      manual: z.boolean().optional(),
      until: z.number().int().min(0).max(8_640_000_000_000_000).nullable().optional(),
      schedule: z.strictObject({ enabled: z.boolean(), from: clockTime, to: clockTime }).partial().optional(),
    })
    .optional(),
  launchAtLogin: z.boolean().optional(),
  historySize: historySize.optional(),
  historyMaxAgeDays: historyMaxAgeDays.optional(),
  historyMaxMB: historyMB.optional(),
  historyFeedMaxMB: historyMB.optional(),
  language: z.enum(LANGUAGES).optional(),
  notificationsEnabled: z.boolean().optional(),
});
/** A partial, nested change to preferences. */
export type PreferencesPatch = z.infer<typeof PreferencesPatchSchema>;

/** Preferences with `patch` laid over `current` (nested objects merged, not replaced). */
export function applyPreferencesPatch(current: Preferences, patch: PreferencesPatch): Preferences {
  return {
    ...current,
    ...patch,
    doNotDisturb: {
      ...current.doNotDisturb,
      ...patch.doNotDisturb,
      schedule: { ...current.doNotDisturb.schedule, ...patch.doNotDisturb?.schedule },
    },
  };
}

const headerName = FeedHeaderSchema.shape.name;
const headerValue = FeedHeaderSchema.shape.value;
const ClearHeaderSchema = z.object({
  name: headerName,
  value: headerValue,
  secret: z.literal(false).default(false),
});

/** A secret header at rest: only its ciphertext (base64, from the SecretBox) is written. */
export const StoredSecretHeaderSchema = z.strictObject({
  name: headerName,
  secret: z.literal(true),
  ciphertext: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'A ciphertext is base64'),
});

/** A secret header whose value is gone (it could not be decrypted, or was never entered): the user must enter it. */
export const StoredUnsetSecretHeaderSchema = z.strictObject({
  name: headerName,
  secret: z.literal(true),
  needsReentry: z.literal(true),
});

// Strict objects: a secret header with a clear `value` beside it is not a valid stored header.
/** A feed as written to settings.json: a FeedConfig whose secret values are ciphertext. */
export const StoredFeedSchema = FeedConfigSchema.extend({
  headers: z
    .array(z.union([ClearHeaderSchema, StoredSecretHeaderSchema, StoredUnsetSecretHeaderSchema]))
    .default([]),
});
/** A feed as written to settings.json. */
export type StoredFeed = z.infer<typeof StoredFeedSchema>;

/** Feeds with distinct ids: the id keys history, feed state and every IPC call. */
function feedList<T extends z.ZodType<{ id: string }>>(feed: T) {
  return z.array(feed).superRefine((feeds, ctx) => {
    const seen = new Set<string>();
    feeds.forEach((item, index) => {
      if (seen.has(item.id)) {
        ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `Two feeds share the id "${item.id}"` });
      }
      seen.add(item.id);
    });
  });
}

/** The whole settings.json. */
export const SettingsFileSchema = z.object({
  version: z.literal(SETTINGS_VERSION),
  feeds: feedList(StoredFeedSchema).default([]),
  preferences: PreferencesSchema.prefault({}),
  firstRunDone: z.boolean().default(false),
});
/** The whole settings.json. */
export type SettingsFile = z.infer<typeof SettingsFileSchema>;

/** What "Export settings" writes: feeds and preferences, secret headers listed with an empty value. */
export const SettingsExportSchema = z.object({
  // Exports of version 1 differ only in preferences the schema defaults, so they import as they are.
  version: z.number().int().min(1).max(SETTINGS_VERSION),
  feeds: feedList(FeedConfigSchema).default([]),
  preferences: PreferencesSchema.prefault({}),
});
/** What "Export settings" writes. */
export type SettingsExport = z.infer<typeof SettingsExportSchema>;

/** A secret header as the renderer sees it: never the value, only whether one is saved. */
export const RedactedSecretHeaderSchema = z.object({
  name: headerName,
  secret: z.literal(true),
  value: z.literal(''),
  isSet: z.boolean(),
});

/** A feed as the renderer sees it. */
export const RedactedFeedSchema = FeedConfigSchema.extend({
  headers: z.array(z.union([ClearHeaderSchema, RedactedSecretHeaderSchema])).default([]),
});
/** A feed as the renderer sees it: secret header values replaced by `isSet`. */
export type RedactedFeed = z.infer<typeof RedactedFeedSchema>;

/** The renderer-safe view of a feed. Headers are rebuilt field by field so no secret can ride along. */
export function redactFeed(feed: FeedConfig): RedactedFeed {
  return {
    ...feed,
    headers: feed.headers.map((header) =>
      header.secret
        ? { name: header.name, secret: true as const, value: '' as const, isSet: header.value !== '' }
        : { name: header.name, value: header.value, secret: false as const },
    ),
  };
}

/** "Keep the secret already saved under this name": how the renderer leaves a secret untouched. */
export const KeepSecretHeaderSchema = z.strictObject({
  name: headerName,
  secret: z.literal(true),
  value: z.literal(''),
  keep: z.literal(true),
});

// Strict, so a RedactedFeed echoed back (with `isSet`) is refused instead of clearing every secret.
const NewHeaderSchema = z.strictObject({
  name: headerName,
  value: headerValue,
  secret: z.boolean().default(false),
  keep: z.literal(false).optional(),
});

/**
 * A feed as the renderer sends it to be saved. Per header: a value replaces; `keep: true` keeps the saved
 * secret; a secret with an empty value and no `keep` clears it; a header left out is removed.
 */
export const FeedUpdateSchema = FeedConfigSchema.extend({
  headers: z.array(z.union([KeepSecretHeaderSchema, NewHeaderSchema])).default([]),
});
/** A validated feed update. */
export type FeedUpdate = z.infer<typeof FeedUpdateSchema>;
/** A feed update before defaults are applied. */
export type FeedUpdateInput = z.input<typeof FeedUpdateSchema>;
/** A whole feed list from the renderer, ids distinct. */
export const FeedUpdateListSchema = feedList(FeedUpdateSchema);

/** Why a settings change was refused, as a code for machines and a sentence for people. */
export interface SettingsError {
  code:
    | 'invalid-feed'
    | 'invalid-preferences'
    | 'unknown-feed'
    | 'invalid-move'
    | 'secret-missing'
    | 'secrets-unavailable'
    | 'encryption-failed'
    | 'write-failed'
    | 'settings-locked'
    | 'invalid-import';
  message: string;
}

/** A value, or the reason there is none. */
export type SettingsResult<T = undefined> = { ok: true; value: T } | { ok: false; error: SettingsError };

/** The success result of an operation that returns nothing. */
export const OK: SettingsResult = { ok: true, value: undefined };

/** A failed result. */
export function fail(code: SettingsError['code'], message: string): { ok: false; error: SettingsError } {
  return { ok: false, error: { code, message } };
}

/** Something found while loading that the user should hear about; loading itself went on. */
export type SettingsProblem =
  | { code: 'corrupt-settings'; message: string; keptAs: string; detail: string }
  | { code: 'newer-settings'; message: string; keptAs: string; version: number }
  | { code: 'unreadable-settings'; message: string; detail: string }
  | { code: 'secret-unreadable'; message: string; feedId: string; headerName: string }
  | { code: 'corrupt-feed-state'; message: string; detail: string }
  | { code: 'feed-state-write-failed'; message: string; detail: string }
  /** History database trouble: damage set aside, a locked file, failed writes. */
  | { code: 'history-problem'; message: string; detail: string };

/** The first few zod issues as one readable line: `headers.0.name: Header name may only use …`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
