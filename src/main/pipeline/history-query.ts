/**
 * Searching and paging kept history: filter by feed, type and text, newest first, with a stable
 * cursor. Pure over the in-memory logs, so every rule is a short test.
 */
import type { FeedEvent } from '../../shared/feed.ts';
import type { HistoryResult } from './history-file.ts';

/** The most events one page may hold, so one query cannot copy the whole history across IPC. */
export const MAX_PAGE_SIZE = 1000;

/** An event with the store's ordinal, which orders events across feeds. */
export interface StoredEvent {
  n: number;
  event: FeedEvent;
}

/** What to look for in history. */
export interface HistoryQuery {
  feedId?: string;
  /** Case-insensitive text found in the title, body or raw data. */
  text?: string;
  /** Exact event type (SSE types are case-sensitive). */
  type?: string;
  /**
   * Where the page starts: an event key (events strictly older than it; stable while new events
   * arrive) or a number of newest matches to skip.
   */
  before?: string | number;
  /** Events per page, 1 to `MAX_PAGE_SIZE`. */
  limit: number;
}

/** One page of results, newest first. */
export interface HistoryPage {
  events: FeedEvent[];
  /** All events that match the filters, on every page. */
  total: number;
  /** The `before` for the next page, or null on the last page. */
  nextBefore: string | null;
}

/**
 * Runs a query over per-feed logs (each oldest first). `find` resolves a `before` key to its
 * stored event, in any feed, so a cursor outside the filter still places the page.
 */
export function queryEvents(
  logs: readonly (readonly StoredEvent[])[],
  query: HistoryQuery,
  find: (key: string) => StoredEvent | undefined,
): HistoryResult<HistoryPage> {
  if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > MAX_PAGE_SIZE) {
    return badQuery(`A page holds 1 to ${MAX_PAGE_SIZE} events, not ${query.limit}.`);
  }
  let olderThan = Infinity;
  let skip = 0;
  if (typeof query.before === 'string') {
    const cursor = find(query.before);
    if (!cursor) {
      return {
        ok: false,
        error: { code: 'unknown-key', message: `No event ${query.before} is kept in history any more.` },
      };
    }
    olderThan = cursor.n;
  } else if (query.before !== undefined) {
    if (!Number.isInteger(query.before) || query.before < 0) {
      return badQuery(`An offset is a whole number of events, not ${query.before}.`);
    }
    skip = query.before;
  }

  const matches = matcher(query);
  // One feed's log is already in order; several are merged by ordinal.
  const all = logs.length === 1 ? logs[0]! : logs.flat().sort((a, b) => a.n - b.n);
  let total = 0;
  const page: FeedEvent[] = [];
  let more = false;
  for (let i = all.length - 1; i >= 0; i -= 1) {
    const stored = all[i]!;
    if (!matches(stored.event)) continue;
    total += 1;
    if (stored.n >= olderThan) continue;
    if (skip > 0) {
      skip -= 1;
      continue;
    }
    if (page.length < query.limit) page.push(stored.event);
    else more = true;
  }
  return { ok: true, value: { events: page, total, nextBefore: more ? page.at(-1)!.key : null } };
}

/** The newest stored event with this key (keys repeat only if a feed reuses ids). */
export function findByKey(events: readonly StoredEvent[], key: string): StoredEvent | undefined {
  for (let i = events.length - 1; i >= 0; i -= 1) if (events[i]!.event.key === key) return events[i];
  return undefined;
}

function matcher(query: HistoryQuery): (event: FeedEvent) => boolean {
  const text = query.text?.trim() ?? '';
  // A regular expression with the `i` flag compares without lower-casing a copy of every event's data.
  const pattern = text === '' ? null : new RegExp(escapeRegExp(text), 'iu');
  return (event) =>
    (query.type === undefined || event.type === query.type) &&
    (pattern === null || pattern.test(event.title) || pattern.test(event.body) || pattern.test(event.data));
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

function badQuery(message: string): HistoryResult<HistoryPage> {
  return { ok: false, error: { code: 'bad-query', message } };
}
