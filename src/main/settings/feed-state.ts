import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import {
  describeIssues,
  fail,
  OK,
  type SettingsProblem,
  type SettingsResult,
} from '../../shared/settings.ts';
import { systemClock, type Clock, type TimerHandle } from '../ports.ts';
import { removeLeftoverTempFiles, writeFileAtomic } from './atomic-file.ts';
import { describeCause } from './secret-box.ts';

/** The feed state file's name inside the settings directory. */
export const FEED_STATE_FILE_NAME = 'feed-state.json';

/** How long a change waits for company before it is written. */
export const FEED_STATE_DEBOUNCE_MS = 2000;

// A list rather than an object keyed by feed id, so an id like `__proto__` cannot touch a prototype.
const FeedStateFileSchema = z.object({
  version: z.literal(1),
  feeds: z.array(z.object({ feedId: z.string(), lastEventId: z.string() })),
});

/** Where feed state lives, and who hears about a background write that failed. */
export interface FeedStateStoreOptions {
  dir: string;
  clock?: Clock;
  debounceMs?: number;
  /** Told when a background write fails; the change stays pending and is retried with the next one. */
  onProblem?: (problem: SettingsProblem) => void;
}

/**
 * Values that change with every event and must survive a restart: the last event id per feed, sent
 * back as `Last-Event-ID` so a server can resume where it left off. Kept apart from settings.json so a
 * price tick never rewrites the user's settings.
 */
export class FeedStateStore {
  readonly #filePath: string;
  readonly #clock: Clock;
  readonly #debounceMs: number;
  readonly #onProblem: ((problem: SettingsProblem) => void) | undefined;
  readonly #lastEventIds: Map<string, string>;
  #timer: TimerHandle | null = null;
  #dirty = false;
  #writing: Promise<SettingsResult> = Promise.resolve(OK);

  private constructor(filePath: string, options: FeedStateStoreOptions, ids: Map<string, string>) {
    this.#filePath = filePath;
    this.#clock = options.clock ?? systemClock;
    this.#debounceMs = options.debounceMs ?? FEED_STATE_DEBOUNCE_MS;
    this.#onProblem = options.onProblem;
    this.#lastEventIds = ids;
  }

  /** Loads feed-state.json; a damaged file means starting empty, with a problem saying what that costs. */
  static async open(
    options: FeedStateStoreOptions,
  ): Promise<{ store: FeedStateStore; problems: SettingsProblem[] }> {
    const filePath = path.join(options.dir, FEED_STATE_FILE_NAME);
    await mkdir(options.dir, { recursive: true, mode: 0o700 });
    await removeLeftoverTempFiles(options.dir, FEED_STATE_FILE_NAME);
    const loaded = await readIds(filePath);
    const problems: SettingsProblem[] = [];
    if (typeof loaded === 'string') {
      problems.push({
        code: 'corrupt-feed-state',
        detail: loaded,
        message:
          'FeedTray could not read where each feed left off, so feeds resume from what their servers send now; ' +
          'events sent while FeedTray was closed may be missed this once. Your settings are not affected.',
      });
    }
    const ids = typeof loaded === 'string' ? new Map<string, string>() : loaded;
    return { store: new FeedStateStore(filePath, options, ids), problems };
  }

  /** The last event id seen on a feed, if any (none after the server reset it). */
  get(feedId: string): string | undefined {
    return this.#lastEventIds.get(feedId) || undefined;
  }

  /**
   * Whether the server reset the feed's position with an empty `id:` since it last sent one: the
   * position is then known to be "none", not merely unknown, so history's last id must not stand in.
   */
  wasReset(feedId: string): boolean {
    return this.#lastEventIds.get(feedId) === '';
  }

  /** Records a feed's last event id; it is written within the debounce interval. */
  set(feedId: string, id: string): void {
    // [spec] an event with an empty `id` field resets the last event ID, so none is sent on reconnect;
    // the reset itself is kept (as '') so a restart knows the position is gone.
    if (this.#lastEventIds.get(feedId) === id) return;
    if (id === '' && !this.#lastEventIds.has(feedId)) return; // never had one: nothing to reset
    this.#lastEventIds.set(feedId, id);
    this.#changed();
  }

  /** Drops a feed's state (the feed was removed). */
  forget(feedId: string): void {
    if (this.#lastEventIds.delete(feedId)) this.#changed();
  }

  /** Writes pending changes now and waits for every write; call at shutdown. */
  flush(): Promise<SettingsResult> {
    if (this.#timer !== null) {
      this.#clock.clearTimeout(this.#timer);
      this.#timer = null;
    }
    return this.#dirty ? this.#write() : this.#writing;
  }

  #changed(): void {
    this.#dirty = true;
    // The timer is not restarted by later changes: a feed ticking every 100 ms would otherwise never
    // be written. One write per interval at most, carrying every change made during it.
    if (this.#timer !== null) return;
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = null;
      void this.#write().then((result) => {
        if (!result.ok) {
          this.#onProblem?.({
            code: 'feed-state-write-failed',
            message: result.error.message,
            detail: this.#filePath,
          });
        }
      });
    }, this.#debounceMs);
  }

  /** Chains a write after the one in flight, so writes never overlap; it takes the state as of its turn. */
  #write(): Promise<SettingsResult> {
    this.#writing = this.#writing.then(async () => {
      if (!this.#dirty) return OK;
      this.#dirty = false;
      const feeds = [...this.#lastEventIds].map(([feedId, lastEventId]) => ({ feedId, lastEventId }));
      const file = { version: 1, feeds };
      try {
        await writeFileAtomic(this.#filePath, `${JSON.stringify(file)}\n`);
        return OK;
      } catch (error) {
        this.#dirty = true;
        return fail('write-failed', `FeedTray could not save where feeds left off: ${describeCause(error)}`);
      }
    });
    return this.#writing;
  }
}

/** The saved ids, or why the file could not be used. A missing file is a first run, not a problem. */
async function readIds(filePath: string): Promise<Map<string, string> | string> {
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    return describeCause(error);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return describeCause(error);
  }
  const parsed = FeedStateFileSchema.safeParse(data);
  return parsed.success
    ? new Map(parsed.data.feeds.map((feed) => [feed.feedId, feed.lastEventId]))
    : describeIssues(parsed.error);
}
