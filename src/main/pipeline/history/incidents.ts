/**
 * The `incidents` table (schema v2): writing whole incident rows inside a history commit, reading the
 * open ones back at start, the list the window shows and one incident's timeline from the events.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { IncidentStatus, IncidentTimelineView, IncidentView } from '../../../shared/incidents.ts';
import { DEFAULT_SEVERITY, isSeverity } from '../../../shared/presentation/severity.ts';
import { eventOf, EVENT_COLUMNS, type EventRow } from './rows.ts';

/** Open incidents read back at start, at most (the tracker keeps no more in memory either). */
export const OPEN_INCIDENTS_LOADED = 20_000;

interface IncidentRow {
  id: number;
  feed: string;
  key: string;
  status: string;
  title: string;
  severity: number;
  first_at: number;
  last_at: number;
  resolved_at: number | null;
  count: number;
  last_event: string;
  acted_at: number | null;
  acted_by: string | null;
}

const COLUMNS =
  'id, feed, key, status, title, severity, first_at, last_at, resolved_at, count, last_event, acted_at, acted_by';

/** What one commit writes for incidents: whole rows (so a fresh database after damage gets them back) and removals. */
export interface IncidentWrites {
  rows: Iterable<IncidentView>;
  removedFeeds: Iterable<string>;
}

/** Writes incident rows and removals; runs inside the caller's transaction. */
export function writeIncidents(db: DatabaseSync, writes: IncidentWrites): void {
  const remove = db.prepare('DELETE FROM incidents WHERE feed = ?');
  for (const feed of writes.removedFeeds) remove.run(feed);
  // Only one open incident per (feed, key): an open row the tracker no longer holds (it was let go to
  // bound memory, or a commit was lost) is closed rather than failing every later commit on the index.
  const closeStale = db.prepare(
    "UPDATE incidents SET status = 'resolved', resolved_at = ? WHERE feed = ? AND key = ? AND status = 'open' AND id != ?",
  );
  const upsert = db.prepare(
    `INSERT INTO incidents (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET status = excluded.status, title = excluded.title,
       severity = excluded.severity, last_at = excluded.last_at, resolved_at = excluded.resolved_at,
       count = excluded.count, last_event = excluded.last_event, acted_at = excluded.acted_at,
       acted_by = excluded.acted_by`,
  );
  for (const incident of writes.rows) {
    if (incident.status === 'open')
      closeStale.run(incident.lastAt, incident.feedId, incident.key, incident.id);
    upsert.run(...rowParams(incident));
  }
}

function rowParams(incident: IncidentView): (string | number | null)[] {
  return [
    incident.id,
    incident.feedId,
    incident.key,
    incident.status,
    incident.title,
    incident.severity,
    incident.firstAt,
    incident.lastAt,
    incident.resolvedAt,
    incident.count,
    incident.lastEvent,
    incident.actedAt ?? null,
    incident.actedBy ?? null,
  ];
}

/** The open incidents, oldest activity first (the order the tracker keeps them in), and the highest id ever used. */
export function loadIncidents(db: DatabaseSync): { open: IncidentView[]; maxId: number } {
  const rows = db
    .prepare(
      `SELECT * FROM (SELECT ${COLUMNS} FROM incidents WHERE status = 'open' ORDER BY last_at DESC LIMIT ?)
       ORDER BY last_at, id`,
    )
    .all(OPEN_INCIDENTS_LOADED) as unknown as IncidentRow[];
  const max = db.prepare('SELECT max(id) AS id FROM incidents').get() as { id: number | null };
  return { open: rows.map(incidentOf), maxId: max.id ?? 0 };
}

/** Open incidents first (newest activity first), then resolved ones by when they ended; at most `limit`. */
export function listIncidents(db: DatabaseSync, feedId: string | undefined, limit: number): IncidentView[] {
  const where = feedId === undefined ? '' : 'WHERE feed = ?';
  const rows = db
    .prepare(
      `SELECT ${COLUMNS} FROM incidents ${where}
       ORDER BY status = 'open' DESC, last_at DESC, id DESC LIMIT ?`,
    )
    .all(...(feedId === undefined ? [] : [feedId]), limit) as unknown as IncidentRow[];
  return rows.map(incidentOf);
}

/**
 * One incident and its events still in history, newest first. Events carry the incident's key, not its
 * id, so a key that fired again later is told apart by time: the incident's own span.
 */
export function incidentTimeline(db: DatabaseSync, id: number, limit: number): IncidentTimelineView | null {
  const row = db.prepare(`SELECT ${COLUMNS} FROM incidents WHERE id = ?`).get(id) as IncidentRow | undefined;
  if (!row) return null;
  const events = db
    .prepare(
      `SELECT ${EVENT_COLUMNS} FROM events e
       WHERE e.feed = ? AND e.incident = ? AND e.received_at BETWEEN ? AND ?
       ORDER BY e.received_at DESC, e.rowid DESC LIMIT ?`,
    )
    .all(row.feed, row.key, row.first_at, row.last_at, limit) as unknown as EventRow[];
  return { incident: incidentOf(row), events: events.map(eventOf) };
}

function incidentOf(row: IncidentRow): IncidentView {
  return {
    id: row.id,
    feedId: row.feed,
    key: row.key,
    status: (row.status === 'open' ? 'open' : 'resolved') satisfies IncidentStatus,
    title: row.title,
    severity: isSeverity(row.severity) ? row.severity : DEFAULT_SEVERITY,
    firstAt: row.first_at,
    lastAt: row.last_at,
    resolvedAt: row.resolved_at,
    count: row.count,
    lastEvent: row.last_event,
    ...(row.acted_at === null ? {} : { actedAt: row.acted_at, actedBy: row.acted_by ?? '' }),
  };
}
