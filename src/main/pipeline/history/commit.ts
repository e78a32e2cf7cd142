/**
 * One batch of writes, committed in one transaction: the events, their dedupe record, the per-feed
 * counters and the series rollups. All or nothing, so a kill mid-commit loses the batch, never half.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { INSERT_EVENT, estimatedBytes, insertParams, seriesOf, type PendingRow } from './rows.ts';

const MINUTE_MS = 60_000;

/** A decision recorded after its event was committed. */
export interface DecisionUpdate {
  key: string;
  decision: string;
}

/**
 * Writes another part of the app makes with each batch, in the batch's transaction (the incidents), so
 * an event and what it did to its incident are committed together or not at all.
 */
export interface CommitCompanion {
  /** Whether it has something to write. */
  pending(): boolean;
  write(db: DatabaseSync): void;
  /** The transaction committed: what was written may be let go. */
  committed(): void;
}

/** The prepared statements of a commit, made once per database. */
export class CommitStatements {
  readonly insertEvent: StatementSync;
  readonly upsertSeen: StatementSync;
  readonly addToFeed: StatementSync;
  readonly upsertMinute: StatementSync;
  readonly setDecision: StatementSync;

  constructor(db: DatabaseSync) {
    this.insertEvent = db.prepare(INSERT_EVENT);
    this.upsertSeen = db.prepare(
      `INSERT INTO seen (feed, event_id, hash, at) VALUES (?, ?, ?, ?)
       ON CONFLICT (feed, event_id) DO UPDATE SET hash = excluded.hash, at = excluded.at`,
    );
    this.addToFeed = db.prepare(
      `INSERT INTO feeds (feed, events, bytes, unread) VALUES (?, ?, ?, ?)
       ON CONFLICT (feed) DO UPDATE SET events = events + excluded.events,
         bytes = bytes + excluded.bytes, unread = unread + excluded.unread`,
    );
    this.upsertMinute = db.prepare(
      `INSERT INTO series_minutes (feed, series, minute, min, max, last, last_at, count)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (feed, series, minute) DO UPDATE SET
         min = min(min, excluded.min), max = max(max, excluded.max),
         last = CASE WHEN excluded.last_at >= last_at THEN excluded.last ELSE last END,
         last_at = max(last_at, excluded.last_at), count = count + excluded.count`,
    );
    this.setDecision = db.prepare(
      'UPDATE events SET decision = ? WHERE rowid = (SELECT max(rowid) FROM events WHERE key = ?)',
    );
  }
}

interface FeedDelta {
  events: number;
  bytes: number;
}

interface MinuteDelta {
  feed: string;
  series: string;
  minute: number;
  min: number;
  max: number;
  last: number;
  lastAt: number;
  count: number;
}

/** Writes `rows` and `decisions` in one transaction; throws (after rolling back) when SQLite fails. */
export function commitBatch(
  db: DatabaseSync,
  statements: CommitStatements,
  rows: readonly PendingRow[],
  decisions: readonly DecisionUpdate[],
  /** More writes that must commit with the batch (an import's read markers and its record). */
  alongside?: () => void,
): void {
  const feeds = new Map<string, FeedDelta>();
  const minutes = new Map<string, MinuteDelta>();
  db.exec('BEGIN IMMEDIATE');
  try {
    for (const row of rows) {
      const { event } = row;
      statements.insertEvent.run(...insertParams(row));
      if (row.hash !== null && event.id !== '') {
        statements.upsertSeen.run(event.feedId, event.id, row.hash, Math.trunc(event.receivedAt) || 0);
      }
      const feed = feeds.get(event.feedId) ?? { events: 0, bytes: 0 };
      feed.events += 1;
      feed.bytes += estimatedBytes(event);
      feeds.set(event.feedId, feed);
      const series = seriesOf(event);
      if (series !== null && event.value !== null)
        addToMinute(minutes, event.feedId, series, event.receivedAt, event.value);
    }
    for (const [feed, delta] of feeds)
      statements.addToFeed.run(feed, delta.events, delta.bytes, delta.events);
    for (const m of minutes.values()) {
      statements.upsertMinute.run(m.feed, m.series, m.minute, m.min, m.max, m.last, m.lastAt, m.count);
    }
    for (const update of decisions) statements.setDecision.run(update.decision, update.key);
    alongside?.();
    db.exec('COMMIT');
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

function addToMinute(
  minutes: Map<string, MinuteDelta>,
  feed: string,
  series: string,
  receivedAt: number,
  value: number,
): void {
  const at = Number.isFinite(receivedAt) ? Math.trunc(receivedAt) : 0;
  const minute = Math.floor(at / MINUTE_MS) * MINUTE_MS;
  // Feed ids hold no NUL, so feed, series and minute joined by NUL name one bucket.
  const id = `${feed}\0${series}\0${minute}`;
  const found = minutes.get(id);
  if (!found) {
    minutes.set(id, { feed, series, minute, min: value, max: value, last: value, lastAt: at, count: 1 });
    return;
  }
  found.min = Math.min(found.min, value);
  found.max = Math.max(found.max, value);
  if (at >= found.lastAt) {
    found.last = value;
    found.lastAt = at;
  }
  found.count += 1;
}
