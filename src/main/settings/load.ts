import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FeedConfig } from '../../shared/feed.ts';
import {
  describeIssues,
  PreferencesSchema,
  SettingsFileSchema,
  type Preferences,
  type SettingsError,
  type SettingsProblem,
} from '../../shared/settings.ts';
import { moveAside, removeLeftoverTempFiles } from './atomic-file.ts';
import { migrateSettings } from './migrate.ts';
import { describeCause, type SecretBox } from './secret-box.ts';
import { unsealFeeds, type CipherCache } from './sealed-feeds.ts';

/** The settings file's name inside the settings directory. */
export const SETTINGS_FILE_NAME = 'settings.json';

/** Settings as the main process holds them: secrets in clear, never sent to the renderer like this. */
export interface SettingsState {
  readonly feeds: readonly FeedConfig[];
  readonly preferences: Preferences;
  readonly firstRunDone: boolean;
}

/** The settings of a first run. */
export function defaultSettings(): SettingsState {
  return { feeds: [], preferences: PreferencesSchema.parse({}), firstRunDone: false };
}

/** What loading found. `saveBlocked` is set when saving would destroy a file the user has not got back. */
export interface LoadedSettings {
  state: SettingsState;
  cipherCache: CipherCache;
  problems: SettingsProblem[];
  saveBlocked: SettingsError | null;
}

/**
 * Reads, migrates and validates settings.json in `dir`. Never fails on the file's content: a file that
 * cannot be used is renamed aside (so the user keeps it) and defaults are used. The file is not
 * rewritten here; the first change writes it, so quitting right away loses nothing.
 */
export async function loadSettings(dir: string, box: SecretBox, nowMs: number): Promise<LoadedSettings> {
  const filePath = path.join(dir, SETTINGS_FILE_NAME);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await removeLeftoverTempFiles(dir, SETTINGS_FILE_NAME);

  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fresh([]);
    // Unreadable (permissions, a directory in the way): leave it alone and refuse to overwrite it.
    const detail = describeCause(error);
    const message =
      `Your settings file ${filePath} could not be opened (${detail}). FeedTray started with defaults and ` +
      'will not save settings until the file can be read; fix its permissions and restart FeedTray.';
    return {
      ...fresh([{ code: 'unreadable-settings', message, detail }]),
      saveBlocked: { code: 'settings-locked', message },
    };
  }

  const parsed = parseJson(text);
  if (!parsed.ok) return keepAside(filePath, nowMs, parsed.detail);
  const migrated = migrateSettings(parsed.value);
  if (migrated.kind === 'invalid') return keepAside(filePath, nowMs, migrated.detail);
  if (migrated.kind === 'newer') return keepNewerAside(filePath, nowMs, migrated.version);
  const file = SettingsFileSchema.safeParse(migrated.data);
  if (!file.success) return keepAside(filePath, nowMs, describeIssues(file.error));

  const unsealed = unsealFeeds(file.data.feeds, box);
  return {
    state: {
      feeds: unsealed.feeds,
      preferences: file.data.preferences,
      firstRunDone: file.data.firstRunDone,
    },
    cipherCache: unsealed.cipherCache,
    problems: unsealed.problems,
    saveBlocked: null,
  };
}

function fresh(problems: SettingsProblem[]): LoadedSettings {
  return { state: defaultSettings(), cipherCache: new Map(), problems, saveBlocked: null };
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; detail: string } {
  try {
    // A byte-order mark (Windows Notepad adds one) is not JSON, but it is not damage either.
    return { ok: true, value: JSON.parse(text.replace(/^\uFEFF/, '')) };
  } catch (error) {
    return { ok: false, detail: describeCause(error) };
  }
}

async function keepAside(filePath: string, nowMs: number, detail: string): Promise<LoadedSettings> {
  const keptAs = await tryMoveAside(filePath, 'corrupt', nowMs);
  if (typeof keptAs !== 'string') return keptAs;
  const message = `Your settings file could not be read; it was kept as ${path.basename(keptAs)} and FeedTray started with defaults.`;
  return fresh([{ code: 'corrupt-settings', message, keptAs, detail }]);
}

async function keepNewerAside(filePath: string, nowMs: number, version: number): Promise<LoadedSettings> {
  const keptAs = await tryMoveAside(filePath, `v${version}`, nowMs);
  if (typeof keptAs !== 'string') return keptAs;
  const message =
    `Your settings file was written by a newer FeedTray (settings version ${version}); it was kept as ` +
    `${path.basename(keptAs)} and FeedTray started with defaults. Update FeedTray to use those settings again.`;
  return fresh([{ code: 'newer-settings', message, keptAs, version }]);
}

/** The kept file's path; when even renaming fails, defaults with saving blocked so the file survives. */
async function tryMoveAside(
  filePath: string,
  label: string,
  nowMs: number,
): Promise<string | LoadedSettings> {
  try {
    return await moveAside(filePath, label, nowMs);
  } catch (error) {
    const detail = describeCause(error);
    const message =
      `Your settings file ${filePath} could not be used and could not be set aside (${detail}). FeedTray ` +
      'started with defaults and will not save settings, so the file stays as it is; move it away and restart FeedTray.';
    return {
      ...fresh([{ code: 'unreadable-settings', message, detail }]),
      saveBlocked: { code: 'settings-locked', message },
    };
  }
}
