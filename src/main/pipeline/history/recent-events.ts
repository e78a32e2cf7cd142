/** Bounded reads of one feed's newest events, for the rules preview (and whatever replays a feed). */
import type { DatabaseSync } from 'node:sqlite';
import type { FeedEvent } from '../../../shared/feed.ts';
import { eventOf, EVENT_COLUMNS, type EventRow } from './rows.ts';

/** The most events one read returns, whatever the caller asks. */
export const RECENT_EVENTS_MAX = 10_000;

/** A feed's newest `limit` events, oldest first (the order rules saw them in). */
export function recentFeedEvents(db: DatabaseSync, feedId: string, limit: number): FeedEvent[] {
  const bounded = Math.min(RECENT_EVENTS_MAX, Math.max(0, Math.floor(Number.isFinite(limit) ? limit : 0)));
  // The events_feed index gives this feed's rows; rowid is arrival order.
  const rows = db
    .prepare(`SELECT ${EVENT_COLUMNS} FROM events e WHERE e.feed = ? ORDER BY e.rowid DESC LIMIT ?`)
    .all(feedId, bounded) as unknown as EventRow[];
  return rows.reverse().map(eventOf);
}
