/**
 * Event history in `history.db` (node:sqlite, WAL, FTS5): every event with its dedupe record, unread
 * markers, search, chart series and retention. See history/schema.ts for the tables.
 *
 * Writes are batched: appended events wait in memory and commit in one transaction every
 * `flushDelayMs` or `maxBatchRows`, off the event path. An event about to notify is made durable
 * first with `commitNow()` (with its whole batch), so a crash never loses a notified event, and since
 * the restart's dedupe sees it, never notifies it twice. A kill loses at most the uncommitted batch.
 */
import { eventKey } from '../../shared/presentation/normalize.ts';
import type { FeedEvent } from '../../shared/feed.ts';
import type { HistoryPageView, SeriesView } from '../../shared/history.ts';
import { systemClock, type Clock, type TimerHandle } from '../ports.ts';
import type { DurableIds } from './dedupe.ts';
import { dataHash } from './dedupe.ts';
import type { DatabaseSync } from 'node:sqlite';
import { commitBatch, type CommitCompanion, type DecisionUpdate } from './history/commit.ts';
import { describe, isDamage, writeFailed, type HistoryProblem } from './history/open.ts';
import type { RetentionStep } from './history/retention.ts';
import type { PendingRow } from './history/rows.ts';
import { searchHistory, type HistoryQuery } from './history/search.ts';
import { readSeries, type SeriesRequest } from './history/series.ts';
import { recentFeedEvents } from './history/recent-events.ts';
import { actionResultsOf, eventByKey, insertActionResult } from './history/action-results.ts';
import type { ActionResult } from '../../shared/actions.ts';
import { HistoryDatabase, loadDatabase } from './history/database.ts';
import { RetentionTimer } from './history/retention-timer.ts';
import {
  DEFAULT_HISTORY_LIMIT,
  DEFAULT_RETENTION,
  MAX_PENDING_ROWS,
  retentionLimits,
  SHRINK_PAGES,
  type HistoryStats,
  type HistoryStoreOptions,
  type LoadReport,
  type RetentionPreferences,
} from './history/options.ts';

export {
  DEFAULT_HISTORY_LIMIT,
  DEFAULT_RETENTION,
  historyPreferences,
  type HistoryStats,
  type HistoryStoreOptions,
  type LoadReport,
  type RetentionPreferences,
} from './history/options.ts';
export type { HistoryProblem } from './history/open.ts';
export type HistoryResult<T> = { ok: true; value: T } | { ok: false; error: HistoryProblem };

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
  #companion: CommitCompanion | null = null;
  readonly #retentionTimer: RetentionTimer;
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
    this.#retentionTimer = new RetentionTimer(this.#clock, options.retentionIntervalMs ?? 5000, () =>
      this.enforceRetention(),
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

  /** Gives another part of the app's writes (the incidents) a place in every commit. */
  setCompanion(companion: CommitCompanion): void {
    this.#companion = companion;
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
    const companion = this.#companion?.pending() ? this.#companion : null;
    if (readOnly || (this.#pending.length === 0 && this.#decisions.length === 0 && !companion)) return true;
    const rows = this.#pending;
    const decisions = this.#decisions;
    try {
      commitBatch(db, statements, rows, decisions, companion ? () => companion.write(db) : undefined);
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
    this.#database.noteStored(rows);
    companion?.committed();
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
      this.#retentionTimer.dispose();
      this.#database.close();
    });
  }

  /** The dedupe record: the data hash stored with (feed, id), pending rows included. */
  seenHash(feedId: string, id: string): number | undefined {
    // The newest pending row of this (feed, id): a lookup, not a scan (this runs for every new event).
    const pending = this.#pendingByKey.get(eventKey(feedId, id, 0));
    if (pending && pending.hash !== null) return pending.hash;
    this.#load();
    return this.#database.seenHash(feedId, id);
  }

  /** One page of matching events, newest first. */
  query(query: HistoryQuery): Promise<HistoryResult<HistoryPageView>> {
    return this.#read(() => searchHistory(this.#database.db, query));
  }

  /** A chart series over a time range, downsampled. */
  series(request: SeriesRequest): Promise<HistoryResult<SeriesView>> {
    return this.#read(() => readSeries(this.#database.db, request));
  }

  /** Any other read of the database (the incidents), seeing everything appended so far. */
  readWith<T>(work: (db: DatabaseSync) => T): Promise<T> {
    return this.#read(() => work(this.#database.db));
  }

  /** The newest `limit` events across all feeds, newest first. */
  recent(limit: number): Promise<FeedEvent[]> {
    return this.#read(() => this.#database.recent(limit));
  }

  /** A feed's newest `limit` events (at most 10,000), oldest first: what the rules preview runs over. */
  recentEvents(feedId: string, limit: number): Promise<FeedEvent[]> {
    return this.#read(() => recentFeedEvents(this.#database.db, feedId, limit));
  }

  /** The stored event with this key (waiting writes included), or null. */
  event(key: string): Promise<FeedEvent | null> {
    return this.#read(() => eventByKey(this.#database.db, key));
  }

  /** Records what a press of an action button did; a read-only database keeps nothing. */
  recordActionResult(eventKey: string, result: ActionResult): Promise<void> {
    return this.#read(() => {
      if (!this.#database.readOnly) insertActionResult(this.#database.db, eventKey, result);
    });
  }

  /** What presses of the event's buttons did, newest first. */
  actionResults(eventKey: string): Promise<ActionResult[]> {
    return this.#read(() => actionResultsOf(this.#database.db, eventKey));
  }

  /** The newest ids of a feed (up to 4096), oldest first: where a restart resumes, and a dedupe seed. */
  ids(feedId: string): Promise<string[]> {
    return this.#read(() => this.#database.ids(feedId));
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
    return this.#read(() => this.#database.markRead(feedId, upToKey));
  }

  /** Unread events per feed (every feed with stored events), on an object without a prototype. */
  unreadCounts(): Promise<Record<string, number>> {
    return this.#read(() => this.#database.unreadCounts());
  }

  /** Runs one retention chunk now (the timer runs them otherwise). */
  enforceRetention(): RetentionStep {
    this.commitNow();
    const retention = this.#database.retention;
    if (!retention || this.#database.readOnly) return { deleted: 0, reason: null };
    try {
      const step = retention.step(retentionLimits(this.#limit, this.#retention), this.#clock.now());
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
    if (!this.#report) {
      this.#report = loadDatabase(this.#database, this.#options.dir, (problem) => this.#problem(problem));
      this.#scheduleRetention(0);
    }
    return this.#report;
  }

  #scheduleRetention(delayMs: number): void {
    if (this.#closed || this.#report === null) return;
    this.#retentionTimer.schedule(delayMs);
  }

  /** A read sees everything appended so far: what waits is committed first. */
  #read<T>(work: () => T): Promise<T> {
    return settled(() => {
      this.commitNow();
      return work();
    });
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
