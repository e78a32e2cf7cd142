import path from 'node:path';
import type { FeedConfig } from '../../shared/feed.ts';
import { mergeSecretHeaders, withoutUserinfo } from '../../shared/feed-secrets.ts';
import {
  describeIssues,
  fail,
  FeedUpdateListSchema,
  FeedUpdateSchema,
  OK,
  applyPreferencesPatch,
  PreferencesPatchSchema,
  redactFeed,
  SETTINGS_VERSION,
  type FeedUpdateInput,
  type Preferences,
  type PreferencesPatch,
  type RedactedFeed,
  type SettingsError,
  type SettingsExport,
  type SettingsFile,
  type SettingsProblem,
  type SettingsResult,
} from '../../shared/settings.ts';
import { systemClock, type Clock } from '../ports.ts';
import { writeFileAtomic } from './atomic-file.ts';
import { parseExport } from './import-export.ts';
import { loadSettings, SETTINGS_FILE_NAME, type SettingsState } from './load.ts';
import { describeCause, type SecretBox } from './secret-box.ts';
import { sealFeeds, unencryptableSecret, type CipherCache } from './sealed-feeds.ts';
import { SerialCommits, type Change } from './serial-commits.ts';

/** Where settings live and how secrets are sealed. */
export interface SettingsStoreOptions {
  /** The settings directory (the app's userData folder in the app). */
  dir: string;
  secretBox: SecretBox;
  /** Stamps the names of files kept aside. */
  clock?: Pick<Clock, 'now'>;
}

/** What an import could not bring along: secret headers whose values the user must enter again. */
export interface ImportReport {
  needsReentry: { feedId: string; headerName: string }[];
}

/**
 * The user's settings: loaded once, changed only through validated mutations, each saved atomically
 * before it resolves. Secrets are clear in memory (main process only) and ciphertext on disk.
 */
export class SettingsStore {
  readonly #filePath: string;
  readonly #box: SecretBox;
  readonly #saveBlocked: SettingsError | null;
  readonly #commits: SerialCommits<SettingsState>;
  #cipherCache: CipherCache;
  #frozenFrom: Preferences | null = null;
  #frozen: Preferences | null = null;

  private constructor(filePath: string, box: SecretBox, loaded: Awaited<ReturnType<typeof loadSettings>>) {
    this.#filePath = filePath;
    this.#box = box;
    this.#saveBlocked = loaded.saveBlocked;
    this.#cipherCache = loaded.cipherCache;
    this.#commits = new SerialCommits(loaded.state, (state) => this.#save(state));
  }

  /**
   * Loads settings from `dir`; `problems` lists what the user should be told (files kept aside, lost
   * secrets). Rejects only when `dir` itself cannot be created or listed: there is nowhere to keep settings.
   */
  static async open(
    options: SettingsStoreOptions,
  ): Promise<{ store: SettingsStore; problems: SettingsProblem[] }> {
    const clock = options.clock ?? systemClock;
    const loaded = await loadSettings(options.dir, options.secretBox, clock.now());
    const store = new SettingsStore(path.join(options.dir, SETTINGS_FILE_NAME), options.secretBox, loaded);
    return { store, problems: loaded.problems };
  }

  /** The path of settings.json. */
  get filePath(): string {
    return this.#filePath;
  }

  /** Every feed with clear secret values. Main process only: the renderer gets `redactedFeeds()`. */
  feeds(): FeedConfig[] {
    return this.#state.feeds.map((feed) => structuredClone(feed));
  }

  /** Every feed as the renderer may see it. */
  redactedFeeds(): RedactedFeed[] {
    return this.#state.feeds.map(redactFeed);
  }

  /**
   * The app-wide preferences, frozen. The pipeline asks for them on every event, so one frozen copy per
   * saved state replaces a deep clone per call (a burst of 100k events spent a quarter of its time cloning).
   */
  preferences(): Preferences {
    const current = this.#state.preferences;
    if (this.#frozenFrom !== current) {
      this.#frozenFrom = current;
      this.#frozen = deepFreeze(structuredClone(current));
    }
    return this.#frozen!;
  }

  /** Whether the first-run welcome has been completed. */
  firstRunDone(): boolean {
    return this.#state.firstRunDone;
  }

  /** Replaces the feed list; secret headers may say `keep` to keep the value saved under the same feed id. */
  setFeeds(updates: readonly FeedUpdateInput[]): Promise<SettingsResult> {
    const parsed = FeedUpdateListSchema.safeParse(updates);
    if (!parsed.success)
      return refuse('invalid-feed', `These feeds cannot be saved: ${describeIssues(parsed.error)}`);
    return this.#change((draft) => {
      const feeds: FeedConfig[] = [];
      for (const update of parsed.data) {
        const merged = mergeSecretHeaders(
          draft.feeds.find((feed) => feed.id === update.id),
          update,
        );
        if (!merged.ok) return merged;
        feeds.push(merged.value);
      }
      return this.#withFeeds(draft, feeds);
    });
  }

  /** Adds a feed at the end, or replaces the feed with the same id where it stands. */
  upsertFeed(update: FeedUpdateInput): Promise<SettingsResult> {
    const parsed = FeedUpdateSchema.safeParse(update);
    if (!parsed.success)
      return refuse('invalid-feed', `This feed cannot be saved: ${describeIssues(parsed.error)}`);
    return this.#change((draft) => {
      const index = draft.feeds.findIndex((feed) => feed.id === parsed.data.id);
      const merged = mergeSecretHeaders(draft.feeds[index], parsed.data);
      if (!merged.ok) return merged;
      const feeds = [...draft.feeds];
      feeds.splice(index === -1 ? feeds.length : index, index === -1 ? 0 : 1, merged.value);
      return this.#withFeeds(draft, feeds);
    });
  }

  /** Removes a feed. */
  removeFeed(id: string): Promise<SettingsResult> {
    return this.#change((draft) => {
      if (!draft.feeds.some((feed) => feed.id === id)) return unknownFeed(id);
      return { ok: true, value: { ...draft, feeds: draft.feeds.filter((feed) => feed.id !== id) } };
    });
  }

  /** Moves a feed to position `toIndex` (0-based) in the list, as a drag in the feed list does. */
  moveFeed(id: string, toIndex: number): Promise<SettingsResult> {
    return this.#change((draft) => {
      const from = draft.feeds.findIndex((feed) => feed.id === id);
      if (from === -1) return unknownFeed(id);
      const last = draft.feeds.length - 1;
      if (!Number.isInteger(toIndex) || toIndex < 0 || toIndex > last) {
        return fail('invalid-move', `A feed can move to a position from 0 to ${last}, not ${toIndex}.`);
      }
      const feeds = [...draft.feeds];
      const [moved] = feeds.splice(from, 1);
      feeds.splice(toIndex, 0, moved!);
      return { ok: true, value: { ...draft, feeds } };
    });
  }

  /** Changes some preferences; nested fields not named keep their values. */
  setPreferences(patch: PreferencesPatch): Promise<SettingsResult> {
    const parsed = PreferencesPatchSchema.safeParse(patch);
    if (!parsed.success) {
      return refuse(
        'invalid-preferences',
        `These preferences cannot be saved: ${describeIssues(parsed.error)}`,
      );
    }
    return this.#change((draft) => ({
      ok: true,
      value: { ...draft, preferences: applyPreferencesPatch(draft.preferences, parsed.data) },
    }));
  }

  /** Records that the first-run welcome is done, so it is not shown again. */
  markFirstRunDone(): Promise<SettingsResult> {
    return this.#change((draft) => ({ ok: true, value: { ...draft, firstRunDone: true } }));
  }

  /** Feeds and preferences as JSON for the user to keep or move; secret headers are listed with no value. */
  exportSettings(): string {
    const exported: SettingsExport = {
      version: SETTINGS_VERSION,
      feeds: this.#state.feeds.map((feed) => ({
        ...feed,
        headers: feed.headers.map((header) => ({ ...header, value: header.secret ? '' : header.value })),
      })),
      preferences: this.#state.preferences,
    };
    return `${JSON.stringify(exported, null, 2)}\n`;
  }

  /**
   * Replaces feeds and preferences with an export. Secret headers arrive without values and must be
   * entered again: they are not matched to secrets saved here, because an imported file could point a
   * saved token at a different server.
   */
  importSettings(json: string): Promise<SettingsResult<ImportReport>> {
    const parsed = parseExport(json);
    if (!parsed.ok) return Promise.resolve(parsed);
    const imported = parsed.value;
    const needsReentry = imported.feeds.flatMap((feed) =>
      feed.headers
        .filter((header) => header.secret && header.value === '')
        .map((header) => ({ feedId: feed.id, headerName: header.name })),
    );
    return this.#change((draft) => {
      const next = this.#withFeeds(draft, imported.feeds.map(withoutUserinfo));
      return next.ok ? { ok: true, value: { ...next.value, preferences: imported.preferences } } : next;
    }).then((result) => (result.ok ? { ok: true, value: { needsReentry } } : result));
  }

  get #state(): SettingsState {
    return this.#commits.state;
  }

  #change(change: Change<SettingsState>): Promise<SettingsResult> {
    if (this.#saveBlocked) return Promise.resolve({ ok: false, error: this.#saveBlocked });
    return this.#commits.apply(change);
  }

  /** The draft with `feeds`, unless they hold a new secret that cannot be encrypted here. */
  #withFeeds(draft: SettingsState, feeds: FeedConfig[]): SettingsResult<SettingsState> {
    const refusal = unencryptableSecret(feeds, this.#box, this.#cipherCache);
    return refusal ? { ok: false, error: refusal } : { ok: true, value: { ...draft, feeds } };
  }

  async #save(state: SettingsState): Promise<SettingsResult> {
    const sealed = sealFeeds(state.feeds, this.#box, this.#cipherCache);
    if (!sealed.ok) return sealed;
    const file: SettingsFile = {
      version: SETTINGS_VERSION,
      feeds: sealed.value.stored,
      preferences: state.preferences,
      firstRunDone: state.firstRunDone,
    };
    try {
      await writeFileAtomic(this.#filePath, `${JSON.stringify(file, null, 2)}\n`);
    } catch (error) {
      return fail(
        'write-failed',
        `FeedTray could not save your settings to ${this.#filePath}: ${describeCause(error)}`,
      );
    }
    this.#cipherCache = sealed.value.cipherCache;
    return OK;
  }
}

function refuse(code: SettingsError['code'], message: string): Promise<SettingsResult> {
  return Promise.resolve(fail(code, message));
}

function unknownFeed(id: string): SettingsResult<never> {
  return fail('unknown-feed', `There is no feed with the id "${id}"; it may have been removed already.`);
}

/** Freezes an object and everything it holds, so a caller's accidental write throws instead of corrupting state. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
