/**
 * The history database's tables, versioned with `PRAGMA user_version`: each migration takes the
 * database from version `index` to `index + 1` inside one transaction, so a crash mid-upgrade leaves
 * the old version whole and the next start runs it again.
 */
import type { DatabaseSync } from 'node:sqlite';

/** The schema this build writes. A newer database is opened read-only, never written over. */
export const SCHEMA_VERSION = 1;

const V1 = `
-- One row per stored event. rowid is the arrival order: newest first means rowid descending.
CREATE TABLE events (
  rowid INTEGER PRIMARY KEY,
  feed TEXT NOT NULL,
  event_id TEXT NOT NULL,          -- the server's id, '' when the event had none
  key TEXT NOT NULL,               -- FeedEvent.key
  received_at INTEGER NOT NULL,    -- epoch ms
  type TEXT NOT NULL,
  severity INTEGER,                -- 1 (min) … 5 (urgent), null until a feed's events carry one
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  link TEXT,
  value REAL,
  series TEXT,                     -- the chart series (the title) when value is a number
  decision TEXT,                   -- the notification decision record, null until one is made
  data TEXT NOT NULL,              -- raw data, already bounded by the feed's maxEventBytes
  bytes INTEGER NOT NULL           -- estimated stored size, for per-feed size limits
);
CREATE INDEX events_feed ON events(feed);
CREATE INDEX events_feed_time ON events(feed, received_at);
CREATE INDEX events_time ON events(received_at);
CREATE INDEX events_key ON events(key);
CREATE INDEX events_series_time ON events(feed, series, received_at, value) WHERE series IS NOT NULL;

-- Full-text index over title, body and raw data; external content, kept in step by triggers.
CREATE VIRTUAL TABLE events_fts USING fts5(
  title, body, data,
  content='events', content_rowid='rowid',
  tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN
  INSERT INTO events_fts(rowid, title, body, data) VALUES (new.rowid, new.title, new.body, new.data);
END;
CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
  INSERT INTO events_fts(events_fts, rowid, title, body, data)
    VALUES ('delete', old.rowid, old.title, old.body, old.data);
END;

-- The dedupe record: every stored event's (feed, id) with its data hash. It outlives the events
-- (retention by count or size never touches it), so a replay of long-gone events is still recognised.
CREATE TABLE seen (
  feed TEXT NOT NULL,
  event_id TEXT NOT NULL,
  hash INTEGER NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (feed, event_id)
) WITHOUT ROWID;
CREATE INDEX seen_at ON seen(at);

-- Per feed: counters kept with every write, so limits and unread counts never scan the events.
CREATE TABLE feeds (
  feed TEXT PRIMARY KEY,
  events INTEGER NOT NULL DEFAULT 0,
  bytes INTEGER NOT NULL DEFAULT 0,
  read_through INTEGER NOT NULL DEFAULT 0,   -- rowid of the newest event marked read
  unread INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- Per-minute rollups of every series, so a 30-day chart reads ~43,000 rows, not millions.
CREATE TABLE series_minutes (
  feed TEXT NOT NULL,
  series TEXT NOT NULL,
  minute INTEGER NOT NULL,         -- epoch ms of the minute's start
  min REAL NOT NULL,
  max REAL NOT NULL,
  last REAL NOT NULL,
  last_at INTEGER NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (feed, series, minute)
) WITHOUT ROWID;
CREATE INDEX series_minutes_minute ON series_minutes(minute);

CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
`;

/** Migrations by the version they start from. */
const MIGRATIONS: readonly string[] = [V1];

/** What migrating found. */
export type SchemaOutcome = { kind: 'current'; from: number } | { kind: 'newer'; version: number };

/** Brings a database up to SCHEMA_VERSION, one transaction per step. */
export function migrateSchema(db: DatabaseSync): SchemaOutcome {
  const from = userVersion(db);
  if (from > SCHEMA_VERSION) return { kind: 'newer', version: from };
  for (let version = from; version < SCHEMA_VERSION; version++) {
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(MIGRATIONS[version]!);
      db.exec(`PRAGMA user_version = ${version + 1}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
  return { kind: 'current', from };
}

/** The database's schema version (0 for a new file). */
export function userVersion(db: DatabaseSync): number {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number } | undefined;
  return row?.user_version ?? 0;
}
