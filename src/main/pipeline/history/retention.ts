/**
 * Retention: what history keeps, enforced a small chunk at a time so no pass pauses the app. Limits, in
 * the order they are applied: age (every feed), events per feed (the count cap), estimated bytes per
 * feed, and the database's size overall (its used pages). Oldest events go first. The dedupe record
 * (`seen`) is trimmed by age only, so a replay of events deleted for space is still recognised.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';

/** The limits, all enforced together. */
export interface RetentionLimits {
  maxAgeMs: number;
  maxFeedEvents: number;
  maxFeedBytes: number;
  maxTotalBytes: number;
}

/** Rows deleted by one chunk; 0 when every limit holds. */
export interface RetentionStep {
  deleted: number;
  /** Which limit the chunk served, for tests and diagnostics. */
  reason: 'removed-feed' | 'age' | 'feed-events' | 'feed-bytes' | 'total-bytes' | 'shrinking' | null;
}

/** Rows one chunk deletes at most: a few milliseconds of work. */
export const RETENTION_CHUNK = 500;
/** Dedupe records are kept at least this long, whatever the history's own age limit. */
const SEEN_MIN_AGE_MS = 90 * 24 * 3600 * 1000;

interface Deleted {
  feed: string;
  rowid: number;
  bytes: number;
}

/** The retention statements of one database. */
export class Retention {
  readonly #db: DatabaseSync;
  readonly #byAge: StatementSync;
  readonly #oldestOfFeed: StatementSync;
  readonly #oldest: StatementSync;
  readonly #overFeeds: StatementSync;
  readonly #subtract: StatementSync;
  readonly #seenByAge: StatementSync;
  readonly #minutesByAge: StatementSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
    const returning = 'RETURNING feed, rowid, bytes';
    this.#byAge = db.prepare(
      `DELETE FROM events WHERE rowid IN
         (SELECT rowid FROM events WHERE received_at < ? ORDER BY received_at LIMIT ${RETENTION_CHUNK}) ${returning}`,
    );
    this.#oldestOfFeed = db.prepare(
      `DELETE FROM events WHERE rowid IN
         (SELECT rowid FROM events WHERE feed = ? ORDER BY rowid LIMIT ?) ${returning}`,
    );
    this.#oldest = db.prepare(
      `DELETE FROM events WHERE rowid IN
         (SELECT rowid FROM events ORDER BY rowid LIMIT ?) ${returning}`,
    );
    this.#overFeeds = db.prepare(
      'SELECT feed, events, bytes FROM feeds WHERE events > ? OR bytes > ? ORDER BY bytes DESC LIMIT 1',
    );
    this.#subtract = db.prepare(
      `UPDATE feeds SET events = max(0, events - ?), bytes = max(0, bytes - ?), unread = max(0, unread - ?)
       WHERE feed = ?`,
    );
    this.#seenByAge = db.prepare(
      `DELETE FROM seen WHERE (feed, event_id) IN
         (SELECT feed, event_id FROM seen WHERE at < ? ORDER BY at LIMIT ${RETENTION_CHUNK})`,
    );
    this.#minutesByAge = db.prepare(
      `DELETE FROM series_minutes WHERE (feed, series, minute) IN
         (SELECT feed, series, minute FROM series_minutes WHERE minute < ? ORDER BY minute LIMIT ${RETENTION_CHUNK})`,
    );
  }

  /** Deletes one chunk for the first limit that is exceeded, in one transaction. */
  step(limits: RetentionLimits, nowMs: number): RetentionStep {
    const cutoff = nowMs - limits.maxAgeMs;
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      const step = this.#chooseAndDelete(limits, cutoff);
      // The side tables shrink by age alongside, whatever else the chunk did.
      this.#seenByAge.run(nowMs - Math.max(limits.maxAgeMs, SEEN_MIN_AGE_MS));
      this.#minutesByAge.run(cutoff);
      this.#db.exec('COMMIT');
      return step;
    } catch (error) {
      if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
      throw error;
    }
  }

  /**
   * Gives up to `pages` free pages back to the file system (incremental vacuum; the file shrinks at
   * the checkpoint that follows). Returns the free pages left.
   */
  shrink(pages: number): number {
    const free = this.#pragma('freelist_count');
    if (free === 0) return 0;
    this.#db.exec(`PRAGMA incremental_vacuum(${Math.min(free, Math.max(1, Math.floor(pages)))})`);
    this.#db.exec('PRAGMA wal_checkpoint(PASSIVE)');
    return this.#pragma('freelist_count');
  }

  /** Bytes the database's pages hold now (free pages not counted). */
  usedBytes(): number {
    return (this.#pragma('page_count') - this.#pragma('freelist_count')) * this.#pragma('page_size');
  }

  /**
   * Forgets a removed feed: its counters, read marker, rollups and first chunk of events now; the rest
   * of its events and dedupe records chunk by chunk on later steps (a feed may hold millions). The
   * removal record bounds the rows by rowid and time, so a feed re-added under the same id keeps its new rows.
   */
  removeFeed(feed: string, nowMs: number): void {
    const mark = (this.#db.prepare('SELECT coalesce(max(rowid), 0) AS r FROM events').get() as { r: number })
      .r;
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      this.#db.prepare('DELETE FROM feeds WHERE feed = ?').run(feed);
      this.#db.prepare('DELETE FROM series_minutes WHERE feed = ?').run(feed);
      this.#db
        .prepare('INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)')
        .run(`removed:${feed}`, JSON.stringify({ rowid: mark, atMs: nowMs }));
      this.#db.exec('COMMIT');
    } catch (error) {
      if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
      throw error;
    }
    this.step(
      { maxAgeMs: Infinity, maxFeedEvents: Infinity, maxFeedBytes: Infinity, maxTotalBytes: Infinity },
      nowMs,
    );
  }

  #removalChunk(): number {
    const removal = this.#db
      .prepare("SELECT name, value FROM meta WHERE name LIKE 'removed:%' LIMIT 1")
      .get() as { name: string; value: string } | undefined;
    if (!removal) return 0;
    const feed = removal.name.slice('removed:'.length);
    const { rowid, atMs } = JSON.parse(removal.value) as { rowid: number; atMs: number };
    const events = this.#db
      .prepare(
        `DELETE FROM events WHERE rowid IN
           (SELECT rowid FROM events WHERE feed = ? AND rowid <= ? ORDER BY rowid LIMIT ${RETENTION_CHUNK})`,
      )
      .run(feed, rowid).changes;
    const seen = this.#db
      .prepare(
        `DELETE FROM seen WHERE (feed, event_id) IN
           (SELECT feed, event_id FROM seen WHERE feed = ? AND at <= ? LIMIT ${RETENTION_CHUNK})`,
      )
      .run(feed, atMs).changes;
    if (Number(events) + Number(seen) === 0)
      this.#db.prepare('DELETE FROM meta WHERE name = ?').run(removal.name);
    // A finished removal still counts as work done, so the caller steps once more for the other limits.
    return Math.max(1, Number(events));
  }

  #chooseAndDelete(limits: RetentionLimits, cutoff: number): RetentionStep {
    const removed = this.#removalChunk();
    if (removed > 0) return { deleted: removed, reason: 'removed-feed' };
    const aged = this.#apply(this.#byAge.all(cutoff) as unknown as Deleted[]);
    if (aged > 0) return { deleted: aged, reason: 'age' };
    const over = this.#overFeeds.get(limits.maxFeedEvents, limits.maxFeedBytes) as
      { feed: string; events: number; bytes: number } | undefined;
    if (over) {
      const reason = over.events > limits.maxFeedEvents ? 'feed-events' : 'feed-bytes';
      // Too many bytes: as many of the oldest rows as the excess takes at the feed's average row size.
      const excess =
        reason === 'feed-events'
          ? over.events - limits.maxFeedEvents
          : Math.ceil(
              (over.bytes - limits.maxFeedBytes) / Math.max(1, over.bytes / Math.max(1, over.events)),
            );
      const rows = this.#oldestOfFeed.all(
        over.feed,
        Math.min(RETENTION_CHUNK, excess),
      ) as unknown as Deleted[];
      // A counter out of step with the rows (nothing left to delete) is set right, so the loop ends.
      if (rows.length === 0)
        this.#db.prepare('UPDATE feeds SET events = 0, bytes = 0 WHERE feed = ?').run(over.feed);
      return { deleted: this.#apply(rows), reason };
    }
    const used = this.usedBytes();
    if (used > limits.maxTotalBytes) {
      // As many of the oldest rows as the excess takes at the database's average bytes per row.
      const rows = (
        this.#db.prepare('SELECT coalesce(sum(events), 0) AS n FROM feeds').get() as { n: number }
      ).n;
      const excess = Math.ceil((used - limits.maxTotalBytes) / Math.max(1, used / Math.max(1, rows)));
      const deleted = this.#apply(
        this.#oldest.all(Math.max(1, Math.min(RETENTION_CHUNK, excess))) as unknown as Deleted[],
      );
      if (deleted > 0) return { deleted, reason: 'total-bytes' };
    }
    return { deleted: 0, reason: null };
  }

  /** Takes deleted rows off their feeds' counters (unread too, for rows newer than the read marker). */
  #apply(rows: readonly Deleted[]): number {
    const byFeed = new Map<string, { events: number; bytes: number; unread: number; readThrough: number }>();
    for (const row of rows) {
      let feed = byFeed.get(row.feed);
      if (!feed) {
        const marker = this.#db.prepare('SELECT read_through FROM feeds WHERE feed = ?').get(row.feed) as
          { read_through: number } | undefined;
        feed = { events: 0, bytes: 0, unread: 0, readThrough: marker?.read_through ?? 0 };
        byFeed.set(row.feed, feed);
      }
      feed.events += 1;
      feed.bytes += row.bytes;
      if (row.rowid > feed.readThrough) feed.unread += 1;
    }
    for (const [feed, delta] of byFeed) this.#subtract.run(delta.events, delta.bytes, delta.unread, feed);
    return rows.length;
  }

  #pragma(name: string): number {
    const row = this.#db.prepare(`PRAGMA ${name}`).get() as Record<string, number> | undefined;
    return row?.[name] ?? 0;
  }
}
