/**
 * Event history in `history.db` (node:sqlite, WAL, FTS5): every event with its dedupe record, unread
 * markers, search, chart series and retention. See history/schema.ts for the tables.
 *
 * Writes are batched: appended events wait in memory and commit in one transaction every
 * `flushDelayMs` or `maxBatchRows`, off the event path. An event about to notify is made durable
 * first with `commitNow()` (with its whole batch), so a crash never loses a notified event, and since
 * the restart's dedupe sees it, never notifies it twice. A kill loses at most the uncommitted batch.
 */
import type { FeedEvent } from '../../shared/feed.ts';
import { DEFAULT_HISTORY_SIZE } from '../../shared/settings.ts';
import type { HistoryPageView, SeriesView } from '../../shared/history.ts';
import { systemClock, type Clock, type TimerHandle } from '../ports.ts';
import type { DurableIds } from './dedupe.ts';
import { dataHash } from './dedupe.ts';
import { commitBatch, type DecisionUpdate } from './history/commit.ts';
import { importJsonLines, type ImportReport } from './history/import.ts';
import { describe, isDamage, writeFailed, type HistoryProblem } from './history/open.ts';
import type { RetentionLimits, RetentionStep } from './history/retention.ts';
import { eventOf, EVENT_COLUMNS, type EventRow, type PendingRow } from './history/rows.ts';
import { searchHistory, type HistoryQuery } from './history/search.ts';
import { readSeries, type SeriesRequest } from './history/series.ts';
import { HistoryDatabase } from './history/database.ts';

export type { HistoryProblem } from './history/open.ts';
export type { HistoryQuery } from './history/search.ts';
export type { SeriesRequest } from './history/series.ts';
/** Kept for callers of the earlier store. */
export type HistoryError = HistoryProblem;
export type HistoryResult<T> = { ok: true; value: T } | { ok: false; error: HistoryProblem };
export type HistoryPage = HistoryPageView;

/** Events kept per feed (the count cap) unless settings say otherwise. */
export const DEFAULT_HISTORY_LIMIT = DEFAULT_HISTORY_SIZE;
/** Retention defaults: 30 days, 200 MB overall and per feed. */
export const DEFAULT_RETENTION = { maxAgeDays: 30, maxTotalMB: 200, maxFeedMB: 200 } as const;
/** Retention preferences in the user's units. */
export interface RetentionPreferences {
  maxAgeDays: number;
  maxTotalMB: number;
  maxFeedMB: number;
}

/** The store's limits from the app's preferences (settings field names). */
export function historyPreferences(prefs: {
  historySize: number;
  historyMaxAgeDays: number;
  historyMaxMB: number;
  historyFeedMaxMB: number;
}): { limit: number; retention: RetentionPreferences } {
  return {
    limit: prefs.historySize,
    retention: {
      maxAgeDays: prefs.historyMaxAgeDays,
      maxTotalMB: prefs.historyMaxMB,
      maxFeedMB: prefs.historyFeedMaxMB,
    },
  };
}

/** How the store is built. */
export interface HistoryStoreOptions {
  /** The folder for `history.db` (the app's user-data folder). */
  dir: string;
  /** Events kept per feed. */
  limit?: number;
  retention?: Partial<RetentionPreferences>;
  clock?: Clock;
  /** How long appended events wait to be committed together; default 250 ms. */
  flushDelayMs?: number;
  /** Commit at once when this many rows wait; default 500. */
  maxBatchRows?: number;
  /** How often retention deletes a chunk while limits are exceeded; default 5 s when idle, 50 ms while behind. */
  retentionIntervalMs?: number;
  /** Every problem, in plain words: damage, a locked file, failed writes. */
  onProblem?: (problem: HistoryProblem) => void;
  /** The earlier name of `onProblem`. */
  onError?: (problem: HistoryProblem) => void;
}

/** What loading found. */
export interface LoadReport {
  events: number;
  import: ImportReport;
  problems: HistoryProblem[];
  /** Whether events are kept on disk (false: in memory for this run). */
  persistent: boolean;
}

/** Counters for tests, diagnostics and the benchmark. */
export interface HistoryStats {
  commits: number;
  committedRows: number;
  pendingRows: number;
  failedCommits: number;
  retentionDeleted: number;
}

const BUSY_RETENTION_MS = 50;
/** Free pages handed back per retention step (4 MiB of 4 KiB pages). */
const SHRINK_PAGES = 1024;
/** setTimeout fires at once beyond 2^31-1 ms, so no delay may exceed it. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** Rows kept in memory while writes fail, beyond which the oldest are dropped (and reported). */
const MAX_PENDING_ROWS = 100_000;

/** History in a real database, behind the interface the pipeline already uses. */
export class HistoryStore implements DurableIds {
  readonly #options: HistoryStoreOptions;
  readonly #clock: Clock;
  readonly #database: HistoryDatabase;
  #limit: number;
  #retention: RetentionPreferences;
  #pending: PendingRow[] = [];
  readonly #pendingByKey = new Map<string, PendingRow>();
  #decisions: DecisionUpdate[] = [];
  #timer: TimerHandle | null = null;
  #retentionTimer: TimerHandle | null = null;
  #retentionDueAt = Infinity;
  #report: LoadReport | null = null;
  #closed = false;
  #stats = { commits: 0, committedRows: 0, failedCommits: 0, retentionDeleted: 0 };

  constructor(options: HistoryStoreOptions) {
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    this.#limit = validLimit(options.limit ?? DEFAULT_HISTORY_LIMIT);
    this.#retention = { ...DEFAULT_RETENTION, ...options.retention };
    this.#database = new HistoryDatabase(
      options.dir,
      () => this.#clock.now(),
      (problem) => this.#problem(problem),
    );
  }

  /** Events kept per feed. */
  get limit(): number {
    return this.#limit;
  }

  get stats(): HistoryStats {
    return { ...this.#stats, pendingRows: this.#pending.length };
  }

  /** Opens the database (importing the old JSON Lines file once). Later calls return the same report. */
  load(): Promise<LoadReport> {
    return Promise.resolve(this.#load());
  }

  /** Changes the count cap; retention deletes the excess in chunks from now on. */
  setLimit(limit: number): void {
    this.#limit = validLimit(limit);
    this.#scheduleRetention(0);
  }

  /** Changes the age and size limits. */
  setRetention(retention: Partial<RetentionPreferences>): void {
    this.#retention = { ...this.#retention, ...retention };
    this.#scheduleRetention(0);
  }

  /** Adds an event (unread), committed with the next batch. `severity`/`decision` are stored as given. */
  append(
    event: FeedEvent,
    extra: { severity?: number | null; decision?: string | null; hash?: number } = {},
  ): void {
    if (this.#closed) return;
    const row: PendingRow = {
      event,
      severity: extra.severity ?? null,
      decision: extra.decision ?? null,
      hash: event.id === '' ? null : (extra.hash ?? dataHash(event.data)),
    };
    this.#pending.push(row);
    this.#pendingByKey.set(event.key, row);
    if (this.#pending.length > MAX_PENDING_ROWS) this.#dropOldestPending();
    if (this.#pending.length >= (this.#options.maxBatchRows ?? 500)) this.commitNow();
    else this.#timer ??= this.#clock.setTimeout(() => this.commitNow(), this.#options.flushDelayMs ?? 250);
  }

  /** Records why an event did or did not notify; written with the next commit. */
  recordDecision(key: string, decision: string): void {
    const pending = this.#pendingByKey.get(key);
    if (pending) pending.decision = decision;
    else this.#decisions.push({ key, decision });
  }

  /**
   * Commits everything waiting, now, synchronously: call it before showing a notification. False when
   * the write failed (reported through onProblem; the rows stay queued and the next commit retries).
   */
  commitNow(): boolean {
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
    this.#load();
    const { db, statements, readOnly } = this.#database;
    if (readOnly || (this.#pending.length === 0 && this.#decisions.length === 0)) return true;
    const rows = this.#pending;
    const decisions = this.#decisions;
    try {
      commitBatch(db, statements, rows, decisions);
    } catch (error) {
      this.#stats.failedCommits += 1;
      if (isDamage(error) && this.#database.recover(describe(error))) return this.commitNow();
      this.#problem(writeFailed(error));
      this.#timer ??= this.#clock.setTimeout(
        () => this.commitNow(),
        Math.max(1000, this.#options.flushDelayMs ?? 250),
      );
      return false;
    }
    this.#pending = [];
    this.#pendingByKey.clear();
    this.#decisions = [];
    this.#stats.commits += 1;
    this.#stats.committedRows += rows.length;
    this.#database.clearProblem('history-write-failed');
    this.#scheduleRetention(this.#options.retentionIntervalMs ?? 5000);
    return true;
  }

  /** Commits what is waiting. */
  flush(): Promise<void> {
    return settled(() => {
      this.commitNow();
    });
  }

  /** Commits what is waiting, stops the timers and closes the database. */
  close(): Promise<void> {
    return settled(() => {
      if (this.#closed) return;
      this.commitNow();
      this.#closed = true;
      if (this.#retentionTimer !== null) this.#clock.clearTimeout(this.#retentionTimer);
      this.#retentionTimer = null;
      this.#database.close();
    });
  }

  /** The dedupe record: the data hash stored with (feed, id), pending rows included. */
  seenHash(feedId: string, id: string): number | undefined {
    for (let i = this.#pending.length - 1; i >= 0; i--) {
      const { event, hash } = this.#pending[i]!;
      if (event.id === id && event.feedId === feedId && hash !== null) return hash;
    }
    this.#load();
    return this.#database.seenHash(feedId, id);
  }

  /** One page of matching events, newest first. */
  query(query: HistoryQuery): Promise<HistoryResult<HistoryPageView>> {
    return settled(() => {
      this.commitNow(); // what was appended is searchable at once
      return searchHistory(this.#database.db, query);
    });
  }

  /** A chart series over a time range, downsampled. */
  series(request: SeriesRequest): Promise<HistoryResult<SeriesView>> {
    return settled(() => {
      this.commitNow();
      return readSeries(this.#database.db, request);
    });
  }

  /** The newest `limit` events across all feeds, newest first. */
  recent(limit: number): Promise<FeedEvent[]> {
    return settled(() => {
      this.commitNow();
      const rows = this.#database.db
        .prepare(`SELECT ${EVENT_COLUMNS} FROM events e ORDER BY e.rowid DESC LIMIT ?`)
        .all(Math.max(0, Math.floor(limit))) as unknown as EventRow[];
      return rows.map(eventOf);
    });
  }

  /** The newest ids of a feed (up to 4096), oldest first: where a restart resumes, and a dedupe seed. */
  ids(feedId: string): Promise<string[]> {
    return settled(() => {
      this.commitNow();
      const rows = this.#database.db
        .prepare(
          "SELECT event_id FROM events WHERE feed = ? AND event_id != '' ORDER BY rowid DESC LIMIT 4096",
        )
        .all(feedId) as { event_id: string }[];
      return rows.map((row) => row.event_id).reverse();
    });
  }

  /** Forgets a feed: its events, read marker and dedupe record (large feeds finish in the background). */
  removeFeed(feedId: string): Promise<void> {
    return settled(() => {
      this.commitNow();
      this.#database.retention?.removeFeed(feedId, this.#clock.now());
      this.#scheduleRetention(0);
    });
  }

  /**
   * Marks events read: of one feed or all, up to and including `upToKey` or all of them.
   * Resolves to the number of events that turned read, or `unknown-key` when the key is not kept.
   */
  markRead(feedId?: string, upToKey?: string): Promise<HistoryResult<number>> {
    return settled(() => {
      this.commitNow();
      return this.#database.markRead(feedId, upToKey);
    });
  }

  /** Unread events per feed (every feed with stored events), on an object without a prototype. */
  unreadCounts(): Promise<Record<string, number>> {
    return settled(() => {
      this.commitNow();
      return this.#database.unreadCounts();
    });
  }

  /** Runs one retention chunk now (the timer runs them otherwise). */
  enforceRetention(): RetentionStep {
    this.commitNow();
    const retention = this.#database.retention;
    if (!retention || this.#database.readOnly) return { deleted: 0, reason: null };
    try {
      const step = retention.step(this.#limits(), this.#clock.now());
      this.#stats.retentionDeleted += step.reason === 'removed-feed' ? 0 : step.deleted;
      // Nothing left to delete: give freed pages back, a slice per step; more to give counts as work.
      if (step.deleted === 0 && retention.shrink(SHRINK_PAGES) > 0)
        return { deleted: 0, reason: 'shrinking' };
      return step;
    } catch (error) {
      if (isDamage(error)) this.#database.recover(describe(error));
      else this.#problem(writeFailed(error));
      return { deleted: 0, reason: null };
    }
  }

  #load(): LoadReport {
    if (this.#report) return this.#report;
    const opened = this.#database.open();
    const imported = this.#database.readOnly
      ? { imported: 0, skippedLines: 0, resumed: false, problem: null }
      : importJsonLines(this.#database.db, this.#database.statements, this.#options.dir);
    if (imported.problem) this.#problem(imported.problem);
    this.#report = {
      events: this.#database.count(),
      import: imported,
      problems: [...opened.problems, ...(imported.problem ? [imported.problem] : [])],
      persistent: opened.persistent,
    };
    this.#scheduleRetention(0);
    return this.#report;
  }

  #limits(): RetentionLimits {
    const mb = 1024 * 1024;
    return {
      maxAgeMs: this.#retention.maxAgeDays * 24 * 3600 * 1000,
      maxFeedEvents: this.#limit,
      maxFeedBytes: this.#retention.maxFeedMB * mb,
      maxTotalBytes: this.#retention.maxTotalMB * mb,
    };
  }

  /** One chunk per tick: quick ticks while behind, a slow one to notice the age limit passing. */
  #scheduleRetention(delayMs: number): void {
    if (this.#closed || this.#report === null) return;
    const dueAt = this.#clock.now() + Math.min(Math.max(0, delayMs), MAX_TIMER_MS);
    // A timer already due sooner stands; a later one gives way.
    if (this.#retentionTimer !== null) {
      if (this.#retentionDueAt <= dueAt) return;
      this.#clock.clearTimeout(this.#retentionTimer);
    }
    this.#retentionDueAt = dueAt;
    this.#retentionTimer = this.#clock.setTimeout(
      () => {
        this.#retentionTimer = null;
        const step = this.enforceRetention();
        const idleMs = this.#options.retentionIntervalMs ?? 5000;
        const busy = step.deleted > 0 || step.reason === 'shrinking';
        this.#scheduleRetention(busy ? Math.min(BUSY_RETENTION_MS, idleMs) : idleMs * 12);
      },
      Math.max(0, dueAt - this.#clock.now()),
    );
  }

  #dropOldestPending(): void {
    const dropped = this.#pending.splice(0, this.#pending.length - MAX_PENDING_ROWS);
    for (const row of dropped) this.#pendingByKey.delete(row.event.key);
    this.#problem({
      code: 'history-write-failed',
      message: `Event history cannot be saved and ${dropped.length} older unsaved event(s) were let go to bound memory.`,
    });
  }

  #problem(problem: HistoryProblem): void {
    (this.#options.onProblem ?? this.#options.onError)?.(problem);
  }
}

function validLimit(limit: number): number {
  return Number.isFinite(limit) ? Math.max(1, Math.floor(limit)) : DEFAULT_HISTORY_LIMIT;
}

/** The synchronous work of an async method: its value, or its exception as a rejection. */
function settled<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
