/** How an event becomes a row of `events` and back. */
import { NOTIFY_DECISIONS, type FeedEvent, type NotifyDecisionCode } from '../../../shared/feed.ts';
import { DEFAULT_SEVERITY, isSeverity } from '../../../shared/presentation/severity.ts';

/** An event waiting to be committed, with what the store adds to it. */
export interface PendingRow {
  event: FeedEvent;
  severity: number | null;
  decision: string | null;
  /** The data's hash for the dedupe record; null for events without an id (never recognised). */
  hash: number | null;
}

/** The columns `SELECT_EVENT` reads. */
export interface EventRow {
  rowid: number;
  feed: string;
  event_id: string;
  key: string;
  received_at: number;
  type: string;
  severity: number | null;
  title: string;
  body: string;
  link: string | null;
  value: number | null;
  decision: string | null;
  data: string;
  rule: string | null;
  message: string | null;
  incident: string | null;
}

export const EVENT_COLUMNS =
  'e.rowid AS rowid, e.feed, e.event_id, e.key, e.received_at, e.type, e.severity, e.title, e.body, e.link, e.value, e.decision, e.data, e.rule, e.message, e.incident';

export const INSERT_EVENT = `INSERT INTO events
  (feed, event_id, key, received_at, type, severity, title, body, link, value, series, decision, data, bytes,
   rule, message, incident)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** Rough bytes a row takes with its index entries: text twice (table and full-text index) plus overhead. */
export function estimatedBytes(event: FeedEvent): number {
  return 2 * (event.title.length + event.body.length + event.data.length) + event.key.length + 160;
}

/** The chart series an event belongs to: its title, when it carries a number. */
export function seriesOf(event: FeedEvent): string | null {
  return event.value === null ? null : event.title;
}

/** The parameters of INSERT_EVENT for a pending row. */
export function insertParams(row: PendingRow): (string | number | null)[] {
  const { event } = row;
  return [
    event.feedId,
    event.id,
    event.key,
    // Epoch ms as an integer; a clock that returned garbage still gives a sortable number.
    Number.isFinite(event.receivedAt) ? Math.trunc(event.receivedAt) : 0,
    event.type,
    row.severity,
    event.title,
    event.body,
    event.link,
    event.value,
    seriesOf(event),
    row.decision,
    event.data,
    estimatedBytes(event),
    event.rule ?? null,
    event.message ?? null,
    event.incident ?? null,
  ];
}

/** The FeedEvent a row holds. */
export function eventOf(row: EventRow): FeedEvent {
  return {
    feedId: row.feed,
    type: row.type,
    id: row.event_id,
    data: row.data,
    receivedAt: row.received_at,
    key: row.key,
    title: row.title,
    body: row.body,
    link: row.link,
    value: row.value,
    // Rows from before severity was kept (and imported old history) read as `default`.
    severity: isSeverity(row.severity) ? row.severity : DEFAULT_SEVERITY,
    decision: isDecision(row.decision) ? row.decision : null,
    ...(row.rule !== null ? { rule: row.rule } : {}),
    ...(row.message !== null ? { message: row.message } : {}),
    ...(row.incident !== null ? { incident: row.incident } : {}),
  };
}

function isDecision(value: unknown): value is NotifyDecisionCode {
  return typeof value === 'string' && (NOTIFY_DECISIONS as readonly string[]).includes(value);
}
