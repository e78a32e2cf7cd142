/**
 * Event history: the last N events of every feed, with unread counts, kept in memory and persisted
 * to `history.jsonl` in the directory the app passes in (see history-file.ts for the format).
 * Writes are batched on the injected clock; the file is compacted when it holds more than twice what
 * the limits keep; loading is lazy (first query, first flush, or an explicit `load()`).
 *
 * Unread: every event arrives unread; a feed's read marker is the ordinal of the newest event marked
 * read, persisted as a `read` record in the same file, so unread counts survive a restart. A feed's
 * unread count never exceeds the history limit, since only kept events can be counted.
 */
import { join } from 'node:path';
import type { FeedEvent } from '../../shared/feed.ts';
import { systemClock, type Clock } from '../ports.ts';
import {
  HISTORY_FILE_NAME,
  encodeRecord,
  parseHistory,
  readHistoryText,
  type HistoryError,
  type HistoryRecord,
  type HistoryResult,
} from './history-file.ts';
import {
  findByKey,
  queryEvents,
  type HistoryPage,
  type HistoryQuery,
  type StoredEvent,
} from './history-query.ts';
import { HistoryWriter, type HistoryStats } from './history-writer.ts';

export type { HistoryError, HistoryResult } from './history-file.ts';
export type { HistoryPage, HistoryQuery } from './history-query.ts';
export type { HistoryStats } from './history-writer.ts';

/** Events kept per feed unless settings say otherwise. */
export const DEFAULT_HISTORY_LIMIT = 500;

/** How the store is built: where it writes, how much it keeps, and where its problems go. */
export interface HistoryStoreOptions {
  /** The folder for `history.jsonl` (the app's user-data folder). */
  dir: string;
  /** Events kept per feed; default 500. */
  limit?: number;
  clock?: Clock;
  /** How long appended events wait to be written together; default 250 ms. */
  flushDelayMs?: number;
  /** Write at once when this many records wait, so a burst does not pile up; default 1000. */
  maxBatchLines?: number;
  /** Every problem: damaged lines skipped at load, failed reads and writes. */
  onError: (error: HistoryError) => void;
}

/** What loading found. */
export interface LoadReport {
  events: number;
  skippedLines: number;
  truncatedTail: boolean;
  error: HistoryError | null;
}

interface FeedLog {
  /** Oldest first, at most `limit` long; ordinals ascend. */
  events: StoredEvent[];
  /** Ordinal of the newest event marked read; 0 when none. */
  readThrough: number;
}

/** Last-N-per-feed event history with unread counts, persisted as JSON Lines. */
export class HistoryStore {
  readonly #path: string;
  readonly #writer: HistoryWriter;
  readonly #onError: (error: HistoryError) => void;
  #limit: number;

  readonly #feeds = new Map<string, FeedLog>();
  #nextOrdinal = 1;
  #loading: Promise<LoadReport> | null = null;
  #loaded = false;
  /** Events appended before loading finished: they get ordinals once the file's are known. */
  #early: FeedEvent[] = [];

  constructor(options: HistoryStoreOptions) {
    this.#path = join(options.dir, HISTORY_FILE_NAME);
    this.#onError = options.onError;
    this.#limit = validLimit(options.limit ?? DEFAULT_HISTORY_LIMIT);
    this.#writer = new HistoryWriter({
      dir: options.dir,
      clock: options.clock ?? systemClock,
      flushDelayMs: options.flushDelayMs ?? 250,
      maxBatchLines: options.maxBatchLines ?? 1000,
      ready: () => this.load(),
      snapshot: () => this.#snapshot(),
      // "Much more than needed": twice what the limits keep across all feeds.
      compactAboveLines: () => 2 * this.#limit * Math.max(1, this.#feeds.size),
      onError: options.onError,
    });
  }

  /** Events kept per feed. */
  get limit(): number {
    return this.#limit;
  }

  /** Counters for tests and diagnostics. */
  get stats(): HistoryStats {
    return this.#writer.stats;
  }

  /** Reads the file once; later calls return the same report. Never rejects. */
  load(): Promise<LoadReport> {
    this.#loading ??= this.#load();
    return this.#loading;
  }

  /** Changes how many events each feed keeps; the oldest beyond it are forgotten now. */
  setLimit(limit: number): void {
    this.#limit = validLimit(limit);
    for (const log of this.#feeds.values()) trim(log, this.#limit);
  }

  /** Adds an event (unread). Written with the next batch; `flush()` forces it out. */
  append(event: FeedEvent): void {
    if (this.#loaded) {
      this.#add(event);
      return;
    }
    this.#early.push(event);
    void this.load(); // the events are queued for writing once they have ordinals
  }

  /** Writes everything waiting (compacting the file when it holds far more than the limits keep). */
  flush(): Promise<void> {
    return this.#writer.flush();
  }

  /** Stops the batch timer and writes what is waiting. */
  async close(): Promise<void> {
    await this.flush();
  }

  /** One page of matching events, newest first, with the total number that match. */
  async query(query: HistoryQuery): Promise<HistoryResult<HistoryPage>> {
    await this.load();
    const logs = query.feedId === undefined ? [...this.#feeds.values()] : [this.#feeds.get(query.feedId)];
    return queryEvents(
      logs.flatMap((log) => (log ? [log.events] : [])),
      query,
      (key) => this.#find(key),
    );
  }

  /** The newest `limit` events across all feeds, newest first. */
  async recent(limit: number): Promise<FeedEvent[]> {
    await this.load();
    const newest = [...this.#feeds.values()].flatMap((log) => log.events.slice(-limit));
    return newest
      .sort((a, b) => b.n - a.n)
      .slice(0, Math.max(0, limit))
      .map((stored) => stored.event);
  }

  /** The server ids of a feed's kept events, oldest first: seeds the deduper after a restart. */
  async ids(feedId: string): Promise<string[]> {
    await this.load();
    const events = this.#feeds.get(feedId)?.events ?? [];
    return events.map((stored) => stored.event.id).filter((id) => id !== '');
  }

  /** Forgets a feed's events and read marker, in memory and (with the next write) on disk. */
  async removeFeed(feedId: string): Promise<void> {
    await this.load();
    if (!this.#feeds.delete(feedId)) return;
    this.#queue({ kind: 'remove', feedId });
  }

  /**
   * Marks events read: of one feed or all, up to and including `upToKey` or all of them.
   * Resolves to the number of events that turned read, or `unknown-key` when the key is not kept.
   */
  async markRead(feedId?: string, upToKey?: string): Promise<HistoryResult<number>> {
    await this.load();
    const targets: Array<[string, FeedLog, number]> = [];
    if (upToKey !== undefined) {
      const found = this.#find(upToKey);
      if (!found || (feedId !== undefined && found.event.feedId !== feedId)) {
        const where = feedId === undefined ? '' : ` in feed ${feedId}`;
        return {
          ok: false,
          error: { code: 'unknown-key', message: `No event ${upToKey}${where} is kept in history.` },
        };
      }
      targets.push([found.event.feedId, this.#feeds.get(found.event.feedId)!, found.n]);
    } else {
      const ids = feedId === undefined ? [...this.#feeds.keys()] : [feedId];
      for (const id of ids) {
        const log = this.#feeds.get(id);
        if (log) targets.push([id, log, log.events.at(-1)?.n ?? 0]);
      }
    }
    let marked = 0;
    for (const [id, log, upTo] of targets) {
      if (upTo <= log.readThrough) continue;
      marked += unreadIn(log) - log.events.filter((stored) => stored.n > upTo).length;
      log.readThrough = upTo;
      this.#queue({ kind: 'read', feedId: id, n: upTo });
    }
    return { ok: true, value: marked };
  }

  /** Unread events per feed (every feed with kept events or a marker, zeros included). */
  async unreadCounts(): Promise<Record<string, number>> {
    await this.load();
    // fromEntries defines own properties: assigning `counts['__proto__']` would set the prototype instead.
    return Object.fromEntries([...this.#feeds].map(([feedId, log]) => [feedId, unreadIn(log)]));
  }

  async #load(): Promise<LoadReport> {
    const report: LoadReport = { events: 0, skippedLines: 0, truncatedTail: false, error: null };
    const read = await readHistoryText(this.#path);
    if (!read.ok) {
      report.error = read.error;
      this.#writer.loaded({ fileLines: 0, needsRewrite: false, readOnly: true });
    } else {
      const parsed = parseHistory(read.value);
      for (const record of parsed.records) this.#apply(record);
      report.skippedLines = parsed.skippedLines;
      report.truncatedTail = parsed.truncatedTail;
      // A damaged file (or one missing its last newline) is rewritten clean on the next write.
      const needsRewrite = parsed.skippedLines > 0 || parsed.missingFinalNewline;
      this.#writer.loaded({ fileLines: parsed.lines, needsRewrite, readOnly: false });
      if (parsed.skippedLines > 0) {
        report.error = {
          code: 'history-damaged',
          message:
            `Skipped ${parsed.skippedLines} damaged line(s) in event history` +
            (parsed.truncatedTail ? ', one of them cut short when the app last quit.' : '.'),
        };
      }
    }
    if (report.error) this.#onError(report.error);
    this.#loaded = true;
    for (const event of this.#early) this.#add(event);
    this.#early = [];
    for (const log of this.#feeds.values()) report.events += log.events.length;
    return report;
  }

  #apply(record: HistoryRecord): void {
    if (record.kind === 'remove') {
      this.#feeds.delete(record.feedId);
      return;
    }
    const feedId = record.kind === 'event' ? record.event.feedId : record.feedId;
    const log = this.#log(feedId);
    if (record.kind === 'read') log.readThrough = Math.max(log.readThrough, record.n);
    else {
      log.events.push({ n: record.n, event: record.event });
      trim(log, this.#limit);
    }
    this.#nextOrdinal = Math.max(this.#nextOrdinal, record.n + 1);
  }

  #add(event: FeedEvent): void {
    const stored = { n: this.#nextOrdinal++, event };
    const log = this.#log(event.feedId);
    log.events.push(stored);
    trim(log, this.#limit);
    this.#writer.queue(() => encodeRecord({ kind: 'event', ...stored }));
  }

  #queue(record: HistoryRecord): void {
    this.#writer.queue(() => encodeRecord(record));
  }

  #log(feedId: string): FeedLog {
    let log = this.#feeds.get(feedId);
    if (!log) {
      log = { events: [], readThrough: 0 };
      this.#feeds.set(feedId, log);
    }
    return log;
  }

  /** Keys start with their feed id, and feed ids cannot contain ":", so a key names its feed. */
  #find(key: string): StoredEvent | undefined {
    const log = this.#feeds.get(key.slice(0, key.indexOf(':')));
    return log ? findByKey(log.events, key) : undefined;
  }

  /** Every kept event in arrival order, then each feed's read marker. */
  #snapshot(): string[] {
    const events = [...this.#feeds.values()].flatMap((log) => log.events).sort((a, b) => a.n - b.n);
    const lines = events.map((stored) => encodeRecord({ kind: 'event', ...stored }));
    for (const [feedId, log] of this.#feeds) {
      if (log.readThrough > 0) lines.push(encodeRecord({ kind: 'read', feedId, n: log.readThrough }));
    }
    return lines;
  }
}

function trim(log: FeedLog, limit: number): void {
  const excess = log.events.length - limit;
  // shift() is O(1) for V8 arrays (it moves the array's start), so trimming one at a time is cheap.
  if (excess === 1) log.events.shift();
  else if (excess > 1) log.events.splice(0, excess);
}

function unreadIn(log: FeedLog): number {
  let count = 0;
  for (let i = log.events.length - 1; i >= 0 && log.events[i]!.n > log.readThrough; i -= 1) count += 1;
  return count;
}

function validLimit(limit: number): number {
  return Number.isFinite(limit) ? Math.max(1, Math.floor(limit)) : DEFAULT_HISTORY_LIMIT;
}
