/**
 * The `action_results` table: what each press of an action button did, kept with the event (presses
 * are never retried, so this is the record of them), and the one-event read the press starts from.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { ActionResult } from '../../../shared/actions.ts';
import type { FeedEvent } from '../../../shared/feed.ts';
import { eventOf, EVENT_COLUMNS, type EventRow } from './rows.ts';

/** Results shown per event, newest first. */
export const ACTION_RESULTS_SHOWN = 20;

/** The newest stored event with this key, or null. */
export function eventByKey(db: DatabaseSync, key: string): FeedEvent | null {
  const row = db
    .prepare(`SELECT ${EVENT_COLUMNS} FROM events e WHERE e.key = ? ORDER BY e.rowid DESC LIMIT 1`)
    .get(key) as unknown as EventRow | undefined;
  return row ? eventOf(row) : null;
}

/**
 * Records one press. Results of events retention has since removed go at the same time: presses are
 * few, so the table stays small without a trigger on every event deletion.
 */
export function insertActionResult(db: DatabaseSync, eventKey: string, result: ActionResult): void {
  db.exec('BEGIN IMMEDIATE');
  try {
    db.prepare(
      'INSERT INTO action_results (event_key, action, label, at, ok, status, message) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(
      eventKey,
      result.actionId,
      result.label,
      Math.trunc(result.at),
      result.ok ? 1 : 0,
      result.status,
      result.message,
    );
    db.prepare(
      'DELETE FROM action_results WHERE NOT EXISTS (SELECT 1 FROM events WHERE events.key = action_results.event_key)',
    ).run();
    db.exec('COMMIT');
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

/** The event's recorded presses, newest first. */
export function actionResultsOf(db: DatabaseSync, eventKey: string): ActionResult[] {
  const rows = db
    .prepare(
      'SELECT action, label, at, ok, status, message FROM action_results WHERE event_key = ? ORDER BY rowid DESC LIMIT ?',
    )
    .all(eventKey, ACTION_RESULTS_SHOWN) as {
    action: string;
    label: string;
    at: number;
    ok: number;
    status: number | null;
    message: string;
  }[];
  return rows.map((row) => ({
    actionId: row.action,
    label: row.label,
    at: row.at,
    ok: row.ok === 1,
    status: row.status,
    message: row.message,
  }));
}
