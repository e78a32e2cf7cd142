/**
 * Searching stored history: full-text (FTS5 syntax, or plain words when the syntax is invalid),
 * filters, cursor paging newest first, and the matches as plain-text segments (never HTML).
 * Used by the store and, on a read-only connection, by `feedtray history`.
 */
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import {
  HISTORY_TOTAL_CAP,
  type HistoryHit,
  type HistoryPageView,
  type TextSegment,
} from '../../../shared/history.ts';
import { EVENT_COLUMNS, eventOf, type EventRow } from './rows.ts';
import { sqliteCode, type HistoryProblem } from './open.ts';

/** A search as the store takes it (the IPC request, defaults applied; also the CLI's). */
export interface HistoryQuery {
  feedId?: string | undefined;
  feedIds?: readonly string[] | undefined;
  text?: string | undefined;
  type?: string | undefined;
  types?: readonly string[] | undefined;
  severities?: readonly number[] | undefined;
  decisions?: readonly string[] | undefined;
  fromMs?: number | undefined;
  toMs?: number | undefined;
  before?: string | number | undefined;
  limit: number;
}

/** The most events one page holds. */
export const MAX_PAGE_SIZE = 1000;

// Markers FTS5 puts around matches; titles and bodies hold no control characters (plain-text.ts), so
// they cannot be confused with text. In raw data they could be: the worst case is a wrong highlight.
const OPEN = '\u0002';
const CLOSE = '\u0003';
const SNIPPET_TOKENS = 16;
const PLAIN_SNIPPET_CHARS = 200;
/** Feed and time filters leaving at most this many rows narrow a text search as a set of rowids. */
const NARROW_SET_MAX = 100_000;
/** Totals of text searches whose every match must be read from its row stop here. */
export const FILTERED_TOTAL_CAP = 1000;

type Result<T> = { ok: true; value: T } | { ok: false; error: HistoryProblem };

/** Runs a search; a `before` that names no stored event is an error value, not an empty page. */
export function searchHistory(
  db: DatabaseSync,
  query: HistoryQuery,
  /** Where narrowing by a rowid set gives way to row checks (tests lower it to see both plans). */
  narrowSetMax = NARROW_SET_MAX,
): Result<HistoryPageView> {
  if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > MAX_PAGE_SIZE) {
    return bad(`A page holds 1 to ${MAX_PAGE_SIZE} events, not ${query.limit}.`);
  }
  const text = query.text?.trim() ?? '';
  if (text === '') return run(db, query, null, null, narrowSetMax);
  try {
    return run(db, query, text, 'fts', narrowSetMax);
  } catch (error) {
    // A generic SQL error on our own fixed SQL comes from the MATCH text: invalid FTS5 syntax.
    if (sqliteCode(error) !== 1) throw error;
    const words = plainWords(text);
    if (words === null) return { ok: true, value: emptyPage('plain') };
    return run(db, query, words, 'plain', narrowSetMax);
  }
}

/** Text as plain words, each a quoted prefix term, all required; null when it holds no word at all. */
export function plainWords(text: string): string | null {
  const words = text.match(/[\p{L}\p{N}_]+/gu);
  return words ? words.map((word) => `"${word}"*`).join(' ') : null;
}

function run(
  db: DatabaseSync,
  query: HistoryQuery,
  match: string | null,
  mode: 'fts' | 'plain' | null,
  narrowSetMax: number,
): Result<HistoryPageView> {
  const where: string[] = [];
  const params: SQLInputValue[] = [];
  const rowid = match === null ? 'e.rowid' : 'events_fts.rowid';
  if (match !== null) {
    where.push('events_fts MATCH ?');
    params.push(match);
  }
  const feeds = [...(query.feedIds ?? []), ...(query.feedId === undefined ? [] : [query.feedId])];
  // Feed and time narrow through the indexes: for a text search, as the set of rowids the full-text
  // matches must fall in (index-only, no row read per match); otherwise as plain conditions.
  const narrow: string[] = [];
  const narrowParams: SQLInputValue[] = [];
  inList(narrow, narrowParams, 'feed', feeds);
  if (query.fromMs !== undefined) {
    narrow.push('received_at >= ?');
    narrowParams.push(query.fromMs);
  }
  if (query.toMs !== undefined) {
    narrow.push('received_at < ?');
    narrowParams.push(query.toMs);
  }
  const asSet = narrow.length > 0 && match !== null && estimateRows(db, feeds, query) <= narrowSetMax;
  if (asSet) {
    // The unary + keeps SQLite from handing the rowid list to FTS5 as lookups: it is a membership test.
    where.push(`+events_fts.rowid IN (SELECT rowid FROM events WHERE ${narrow.join(' AND ')})`);
  } else {
    where.push(...narrow.map((condition) => `e.${condition}`));
  }
  params.push(...narrowParams);
  // The rest are read from each row: rarely used, and selective when they are.
  const rowFilters: string[] = [];
  inList(rowFilters, params, 'e.type', [
    ...(query.types ?? []),
    ...(query.type === undefined ? [] : [query.type]),
  ]);
  inList(rowFilters, params, 'e.severity', query.severities ?? []);
  inList(rowFilters, params, 'e.decision', query.decisions ?? []);
  where.push(...rowFilters);
  // A text search that reads nothing from the rows counts its matches without joining them.
  const readsRows = rowFilters.length > 0 || (narrow.length > 0 && !asSet);
  const from =
    match === null
      ? 'events e'
      : readsRows
        ? 'events_fts CROSS JOIN events e ON e.rowid = events_fts.rowid'
        : 'events_fts';
  // Counting matches that must each be read from their row stops sooner.
  const cap = match !== null && readsRows ? FILTERED_TOTAL_CAP : HISTORY_TOTAL_CAP;
  const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';

  // Counted before the cursor applies, up to the cap, so a broad search does not count a million rows.
  const counted = db
    .prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM ${from} ${filter} LIMIT ${cap + 1})`)
    .get(...params) as { n: number };

  let offset = 0;
  const pageWhere = [...where];
  const pageParams = [...params];
  if (typeof query.before === 'string') {
    const cursor = cursorRowid(db, query.before);
    if (cursor === null) {
      return {
        ok: false,
        error: { code: 'unknown-key', message: `No event ${query.before} is kept in history any more.` },
      };
    }
    pageWhere.push(`${rowid} < ?`);
    pageParams.push(cursor);
  } else if (query.before !== undefined) {
    if (!Number.isInteger(query.before) || query.before < 0) {
      return bad(`An offset is a whole number of events, not ${query.before}.`);
    }
    offset = query.before;
  }
  const marks =
    match === null
      ? ''
      : `, highlight(events_fts, 0, '${OPEN}', '${CLOSE}') AS h_title,
         snippet(events_fts, 1, '${OPEN}', '${CLOSE}', '…', ${SNIPPET_TOKENS}) AS h_body,
         snippet(events_fts, 2, '${OPEN}', '${CLOSE}', '…', ${SNIPPET_TOKENS}) AS h_data`;
  const pageFrom =
    match === null ? 'events e' : 'events_fts CROSS JOIN events e ON e.rowid = events_fts.rowid';
  const rows = db
    .prepare(
      `SELECT ${EVENT_COLUMNS}${marks} FROM ${pageFrom}
       ${pageWhere.length > 0 ? `WHERE ${pageWhere.join(' AND ')}` : ''}
       ORDER BY ${rowid} DESC LIMIT ? OFFSET ?`,
    )
    .all(...pageParams, query.limit + 1, offset) as unknown as (EventRow & Marks)[];
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  const total = Math.min(counted.n, cap);
  return {
    ok: true,
    value: {
      events: page.map(eventOf),
      hits: page.map(hitOf),
      total,
      totalExact: counted.n <= cap,
      nextBefore: more ? `@${page.at(-1)!.rowid}` : null,
      textMode: mode,
    },
  };
}

interface Marks {
  h_title?: string;
  h_body?: string;
  h_data?: string;
}

function hitOf(row: EventRow & Marks): HistoryHit {
  const base = { key: row.key, severity: row.severity, decision: row.decision };
  if (row.h_title === undefined) {
    return {
      ...base,
      title: [{ text: row.title, match: false }],
      snippet: row.body === '' ? [] : [{ text: clip(row.body), match: false }],
    };
  }
  const body = row.h_body ?? '';
  const data = row.h_data ?? '';
  // The excerpt where the match is: the body, else the raw data, else the start of the body.
  const snippet = body.includes(OPEN)
    ? segments(body)
    : data.includes(OPEN)
      ? // Raw data may hold control characters; an excerpt shows them as spaces.
        // eslint-disable-next-line no-control-regex
        segments(data.replace(/[\s\u0000\u0001\u0004-\u001f]+/g, ' '))
      : row.body === ''
        ? []
        : [{ text: clip(row.body), match: false }];
  return { ...base, title: segments(row.h_title), snippet };
}

/** Splits marked text into segments; unbalanced markers (from raw data) never produce a marker character. */
export function segments(marked: string): TextSegment[] {
  const out: TextSegment[] = [];
  let match = false;
  let text = '';
  for (const char of marked) {
    if (char === OPEN || char === CLOSE) {
      if (text !== '') out.push({ text, match });
      text = '';
      match = char === OPEN;
    } else {
      text += char;
    }
  }
  if (text !== '') out.push({ text, match });
  return out;
}

/**
 * About how many rows the feed and time filters leave: the feeds' counters, and the time range's share
 * of the stored span (assumes events spread evenly; it only picks a plan, never changes an answer).
 */
function estimateRows(db: DatabaseSync, feeds: readonly string[], query: HistoryQuery): number {
  let rows: number;
  if (feeds.length > 0) {
    const placeholders = feeds.map(() => '?').join(', ');
    rows = (
      db
        .prepare(`SELECT coalesce(sum(events), 0) AS n FROM feeds WHERE feed IN (${placeholders})`)
        .get(...feeds) as { n: number }
    ).n;
  } else {
    rows = (db.prepare('SELECT coalesce(sum(events), 0) AS n FROM feeds').get() as { n: number }).n;
  }
  if (query.fromMs === undefined && query.toMs === undefined) return rows;
  // Two queries: SQLite answers min() or max() alone from the index, both together by a full scan.
  const span = {
    lo: (db.prepare('SELECT min(received_at) AS t FROM events').get() as { t: number | null }).t,
    hi: (db.prepare('SELECT max(received_at) AS t FROM events').get() as { t: number | null }).t,
  };
  if (span.lo === null || span.hi === null || span.hi <= span.lo) return rows;
  const from = Math.max(span.lo, query.fromMs ?? span.lo);
  const to = Math.min(span.hi, query.toMs ?? span.hi);
  return Math.ceil((rows * Math.max(0, to - from)) / (span.hi - span.lo));
}

/** A cursor: `@rowid` from a previous page, or an event key (its newest stored event). */
function cursorRowid(db: DatabaseSync, before: string): number | null {
  if (/^@\d{1,15}$/.test(before)) return Number(before.slice(1));
  const row = db.prepare('SELECT max(rowid) AS r FROM events WHERE key = ?').get(before) as
    { r: number | null } | undefined;
  return row?.r ?? null;
}

function inList(
  where: string[],
  params: SQLInputValue[],
  column: string,
  values: readonly SQLInputValue[],
): void {
  if (values.length === 0) return;
  where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
  params.push(...values);
}

function clip(text: string): string {
  return text.length > PLAIN_SNIPPET_CHARS ? `${text.slice(0, PLAIN_SNIPPET_CHARS - 1)}…` : text;
}

function emptyPage(mode: 'fts' | 'plain'): HistoryPageView {
  return { events: [], hits: [], total: 0, totalExact: true, nextBefore: null, textMode: mode };
}

function bad(message: string): Result<never> {
  return { ok: false, error: { code: 'bad-query', message } };
}
