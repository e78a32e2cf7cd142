/**
 * The open history database with its prepared statements, and the reads and writes that are more
 * than one statement: unread markers and counts. Recovers from damage found after opening by moving
 * the file aside and starting fresh, like opening does.
 */
import { importJsonLines } from './import.ts';
import type { LoadReport } from './options.ts';
import type { FeedEvent } from '../../../shared/feed.ts';
import { eventOf, EVENT_COLUMNS, type EventRow } from './rows.ts';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { CommitStatements } from './commit.ts';
import { openHistoryDatabase, type HistoryProblem, type OpenedDatabase } from './open.ts';
import { Retention } from './retention.ts';

type Result<T> = { ok: true; value: T } | { ok: false; error: HistoryProblem };

/** One history database, opened on first use. */

/** An id that is a plain whole number (up to 15 digits, exact as a double). */
const NUMERIC_ID = /^\d{1,15}$/;
export class HistoryDatabase {
  readonly #dir: string;
  readonly #now: () => number;
  readonly #report: (problem: HistoryProblem) => void;
  #opened: OpenedDatabase | null = null;
  #statements: CommitStatements | null = null;
  #retention: Retention | null = null;
  #seen: StatementSync | null = null;
  /** Per feed, the highest numbered id stored: no numbered id above it was ever seen. */
  readonly #maxNumeric = new Map<string, number>();
  /** The last problem reported, so a full disk is told once, not on every commit. */
  #lastProblem = '';

  constructor(dir: string, now: () => number, report: (problem: HistoryProblem) => void) {
    this.#dir = dir;
    this.#now = now;
    this.#report = report;
  }

  /** Opens the file once; the problems found are reported and returned. */
  open(): OpenedDatabase {
    if (this.#opened) return this.#opened;
    this.#use(openHistoryDatabase(this.#dir, this.#now));
    for (const problem of this.#opened!.problems) this.report(problem);
    return this.#opened!;
  }

  get db(): DatabaseSync {
    return this.open().db;
  }

  get statements(): CommitStatements {
    this.open();
    return this.#statements!;
  }

  get retention(): Retention | null {
    this.open();
    return this.#retention;
  }

  get readOnly(): boolean {
    return this.open().readOnly;
  }

  /**
   * Damage found while running: the file is closed, moved aside and replaced by a fresh one. True when
   * a usable database is in place again (the caller retries its write once).
   */
  recover(cause: string): boolean {
    const previous = this.#opened;
    try {
      previous?.db.close();
    } catch {
      // a damaged handle may refuse to close; it is replaced either way
    }
    this.#opened = null;
    const reopened = openHistoryDatabase(this.#dir, this.#now, cause);
    this.#use(reopened);
    for (const problem of reopened.problems) this.report(problem);
    return reopened.persistent && !reopened.readOnly;
  }

  /** Reports a problem unless it is the one reported last. */
  report(problem: HistoryProblem): void {
    const signature = `${problem.code}\n${problem.message}`;
    if (signature === this.#lastProblem) return;
    this.#lastProblem = signature;
    this.#report(problem);
  }

  /** Forgets the last problem of this kind, so it is reported again should it come back. */
  clearProblem(code: HistoryProblem['code']): void {
    if (this.#lastProblem.startsWith(`${code}\n`)) this.#lastProblem = '';
  }

  /**
   * The data hash stored with (feed, id). Most servers number their events upward: an id above every
   * number the feed ever stored cannot have been seen, so it needs no lookup (a burst stays fast).
   */
  seenHash(feedId: string, id: string): number | undefined {
    this.open();
    if (NUMERIC_ID.test(id) && Number(id) > this.#maxNumericId(feedId)) return undefined;
    const row = this.#seen!.get(feedId, id) as { hash: number } | undefined;
    return row?.hash;
  }

  /** Rows were committed: numbered ids raise their feed's highest stored number. */
  noteStored(rows: readonly { event: { feedId: string; id: string } }[]): void {
    for (const { event } of rows) {
      if (!NUMERIC_ID.test(event.id)) continue;
      const max = this.#maxNumeric.get(event.feedId);
      // Unknown yet: it is read from the database, with these rows, on first use.
      if (max !== undefined && Number(event.id) > max) this.#maxNumeric.set(event.feedId, Number(event.id));
    }
  }

  #maxNumericId(feedId: string): number {
    let max = this.#maxNumeric.get(feedId);
    if (max === undefined) {
      const row = this.db
        .prepare(
          "SELECT max(CAST(event_id AS INTEGER)) AS max FROM seen WHERE feed = ? AND event_id NOT GLOB '*[^0-9]*' AND event_id != ''",
        )
        .get(feedId) as { max: number | null } | undefined;
      max = row?.max ?? -1;
      this.#maxNumeric.set(feedId, max);
    }
    return max;
  }

  /** The newest `limit` events across all feeds, newest first. */
  recent(limit: number): FeedEvent[] {
    const rows = this.db
      .prepare(`SELECT ${EVENT_COLUMNS} FROM events e ORDER BY e.rowid DESC LIMIT ?`)
      .all(Math.max(0, Math.floor(limit))) as unknown as EventRow[];
    return rows.map(eventOf);
  }

  /** The newest ids of a feed (up to 4096), oldest first. */
  ids(feedId: string): string[] {
    const rows = this.db
      .prepare("SELECT event_id FROM events WHERE feed = ? AND event_id != '' ORDER BY rowid DESC LIMIT 4096")
      .all(feedId) as { event_id: string }[];
    return rows.map((row) => row.event_id).reverse();
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  }

  unreadCounts(): Record<string, number> {
    // Without a prototype, a feed called "__proto__" is a key like any other.
    const counts = Object.create(null) as Record<string, number>;
    for (const row of this.db.prepare('SELECT feed, unread FROM feeds').all() as {
      feed: string;
      unread: number;
    }[]) {
      counts[row.feed] = row.unread;
    }
    return counts;
  }

  /** See HistoryStore.markRead. */
  markRead(feedId: string | undefined, upToKey: string | undefined): Result<number> {
    const db = this.db;
    const targets: [string, number][] = [];
    if (upToKey !== undefined) {
      const found = db
        .prepare('SELECT feed, rowid FROM events WHERE key = ? ORDER BY rowid DESC LIMIT 1')
        .get(upToKey) as { feed: string; rowid: number } | undefined;
      if (!found || (feedId !== undefined && found.feed !== feedId)) {
        const where = feedId === undefined ? '' : ` in feed ${feedId}`;
        return {
          ok: false,
          error: { code: 'unknown-key', message: `No event ${upToKey}${where} is kept in history.` },
        };
      }
      targets.push([found.feed, found.rowid]);
    } else {
      const newest = db.prepare('SELECT max(rowid) AS r FROM events WHERE feed = ?');
      const feeds =
        feedId === undefined
          ? (db.prepare('SELECT feed FROM feeds').all() as { feed: string }[]).map((row) => row.feed)
          : [feedId];
      for (const feed of feeds) targets.push([feed, (newest.get(feed) as { r: number | null }).r ?? 0]);
    }
    if (this.readOnly) return { ok: true, value: 0 };
    const marker = db.prepare('SELECT read_through, unread FROM feeds WHERE feed = ?');
    const newer = db.prepare('SELECT count(*) AS n FROM events WHERE feed = ? AND rowid > ?');
    const save = db.prepare('UPDATE feeds SET read_through = ?, unread = ? WHERE feed = ?');
    let marked = 0;
    db.exec('BEGIN IMMEDIATE');
    try {
      for (const [feed, upTo] of targets) {
        const current = marker.get(feed) as { read_through: number; unread: number } | undefined;
        if (!current || upTo <= current.read_through) continue;
        const unread = (newer.get(feed, upTo) as { n: number }).n;
        marked += Math.max(0, current.unread - unread);
        save.run(upTo, unread, feed);
      }
      db.exec('COMMIT');
    } catch (error) {
      if (db.isTransaction) db.exec('ROLLBACK');
      throw error;
    }
    return { ok: true, value: marked };
  }

  close(): void {
    try {
      this.#opened?.db.close();
    } catch {
      // already closed
    }
  }

  #use(opened: OpenedDatabase): void {
    this.#opened = opened;
    this.#maxNumeric.clear();
    this.#statements = new CommitStatements(opened.db);
    this.#retention = new Retention(opened.db);
    this.#seen = opened.db.prepare('SELECT hash FROM seen WHERE feed = ? AND event_id = ?');
  }
}

/** Opens the database and imports the old JSON Lines history once: what loading found. */
export function loadDatabase(
  database: HistoryDatabase,
  dir: string,
  report: (problem: HistoryProblem) => void,
): LoadReport {
  const opened = database.open();
  const imported = database.readOnly
    ? { imported: 0, skippedLines: 0, resumed: false, problem: null }
    : importJsonLines(database.db, database.statements, dir);
  if (imported.problem) report(imported.problem);
  return {
    events: database.count(),
    import: imported,
    problems: [...opened.problems, ...(imported.problem ? [imported.problem] : [])],
    persistent: opened.persistent,
  };
}
