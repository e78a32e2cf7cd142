/**
 * The history database's tables, versioned with `PRAGMA user_version`: each migration takes the
 * database from version `index` to `index + 1` inside one transaction, so a crash mid-upgrade leaves
 * the old version whole and the next start runs it again.
 */
import type { DatabaseSync } from 'node:sqlite';

/** The schema this build writes. A newer database is opened read-only, never written over. */
export const SCHEMA_VERSION = 3;

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

// Rules, incidents and actions: which rule decided an event and its message, the incident an event
// belongs to, the incidents themselves, and what each action button did.
const V2 = `
ALTER TABLE events ADD COLUMN rule TEXT;       -- the name of the rule that decided, null when none did
ALTER TABLE events ADD COLUMN message TEXT;    -- that rule's message (its template filled in)
ALTER TABLE events ADD COLUMN incident TEXT;   -- the incident key (the text at the feed's key pointer)
CREATE INDEX events_incident ON events(feed, incident, received_at) WHERE incident IS NOT NULL;
CREATE INDEX events_rule ON events(feed, received_at) WHERE rule IS NOT NULL;

-- One row per incident: events with the same (feed, key) update it until it is resolved; a key that
-- fires again after that opens a new incident (a new row).
CREATE TABLE incidents (
  id INTEGER PRIMARY KEY,
  feed TEXT NOT NULL,
  key TEXT NOT NULL,
  status TEXT NOT NULL,            -- 'open' | 'resolved'
  title TEXT NOT NULL,             -- the latest event's headline
  severity INTEGER NOT NULL,       -- the highest severity seen while open
  first_at INTEGER NOT NULL,
  last_at INTEGER NOT NULL,
  resolved_at INTEGER,
  count INTEGER NOT NULL,
  last_event TEXT NOT NULL         -- the key of its newest event
);
CREATE UNIQUE INDEX incidents_open ON incidents(feed, key) WHERE status = 'open';
CREATE INDEX incidents_last ON incidents(last_at);

-- What each press of an action button did: never retried, so this is the record of it.
CREATE TABLE action_results (
  rowid INTEGER PRIMARY KEY,
  event_key TEXT NOT NULL,
  action TEXT NOT NULL,            -- the action's id
  label TEXT NOT NULL,
  at INTEGER NOT NULL,
  ok INTEGER NOT NULL,             -- 1 when the server answered 2xx
  status INTEGER,                  -- the HTTP status, null when no answer came
  message TEXT NOT NULL            -- what the user was told
);
CREATE INDEX action_results_event ON action_results(event_key);
`;

// Incidents someone acted on: the first successful press of an action button on one of its events.
const V3 = `
ALTER TABLE incidents ADD COLUMN acted_at INTEGER;   -- epoch ms, null until a button press succeeded
ALTER TABLE incidents ADD COLUMN acted_by TEXT;      -- that button's label ("Acknowledge")
`;

/** Migrations by the version they start from. */
const MIGRATIONS: readonly string[] = [V1, V2, V3];

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
