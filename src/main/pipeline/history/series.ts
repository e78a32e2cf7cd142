/**
 * A chart series read back from the database, downsampled to min/max/last per time bucket. Buckets of
 * a minute or more read the per-minute rollups (a 30-day range is ~43,000 rows however fast the feed
 * ticks); finer buckets read the events themselves, which short ranges keep few.
 */
import type { DatabaseSync } from 'node:sqlite';
import {
  parseSeriesKey,
  seriesKey,
  SERIES_FIRES_MAX,
  type RuleFirePoint,
  type SeriesPoint,
  type SeriesView,
} from '../../../shared/history.ts';
import type { HistoryProblem } from './open.ts';

const MINUTE_MS = 60_000;

/** A series request, validated by the IPC schema (or built by the CLI and tests). */
export type SeriesRequest =
  | { seriesKey: string; fromMs: number; toMs: number; buckets: number }
  | { feedId: string; series: string; fromMs: number; toMs: number; buckets: number };

type Result<T> = { ok: true; value: T } | { ok: false; error: HistoryProblem };

/** The downsampled series over `[fromMs, toMs)`; only buckets holding a value are returned. */
export function readSeries(db: DatabaseSync, request: SeriesRequest): Result<SeriesView> {
  const named = 'seriesKey' in request ? parseSeriesKey(request.seriesKey) : request;
  if (named === null) {
    return {
      ok: false,
      error: { code: 'bad-query', message: 'A series key starts with its feed id and ":".' },
    };
  }
  const { fromMs, toMs } = request;
  if (!(toMs > fromMs) || !Number.isInteger(request.buckets) || request.buckets < 1) {
    return {
      ok: false,
      error: { code: 'bad-query', message: 'A series range needs fromMs < toMs and 1 or more buckets.' },
    };
  }
  const bucketMs = Math.max(1, Math.ceil((toMs - fromMs) / request.buckets));
  const rollup = bucketMs >= MINUTE_MS;
  // The rollup rows are whole minutes: include the minute the range starts in, placed by its start.
  const params = {
    bucketMs,
    fromMs,
    start: rollup ? fromMs - (fromMs % MINUTE_MS) : fromMs,
    toMs,
    feed: named.feedId,
    series: named.series,
  };
  const bucket = 'CAST((max(t, :fromMs) - :fromMs) / :bucketMs AS INTEGER)';
  const source = rollup
    ? `SELECT minute AS t, min AS lo, max AS hi, last, last_at, count FROM series_minutes
       WHERE feed = :feed AND series = :series AND minute >= :start AND minute < :toMs`
    : `SELECT received_at AS t, value AS lo, value AS hi, value AS last, received_at AS last_at, 1 AS count
       FROM events WHERE feed = :feed AND series = :series AND received_at >= :start AND received_at < :toMs`;
  // Two passes: SQLite takes bare columns from the max() row only when max() is the one aggregate.
  const ranges = db
    .prepare(
      `SELECT ${bucket} AS b, min(lo) AS min, max(hi) AS max, sum(count) AS count
       FROM (${source}) GROUP BY b ORDER BY b`,
    )
    .all(params) as { b: number; min: number; max: number; count: number }[];
  const lasts = db
    .prepare(`SELECT ${bucket} AS b, max(last_at) AS last_at, last FROM (${source}) GROUP BY b ORDER BY b`)
    .all(params) as { b: number; last_at: number; last: number }[];
  const points: SeriesPoint[] = ranges.map((range, index) => ({
    t: fromMs + range.b * bucketMs,
    min: range.min,
    max: range.max,
    last: lasts[index]!.last,
    lastAt: lasts[index]!.last_at,
    count: range.count,
  }));
  return {
    ok: true,
    value: {
      seriesKey: seriesKey(named.feedId, named.series),
      feedId: named.feedId,
      series: named.series,
      fromMs,
      toMs,
      bucketMs,
      points,
      fires: readFires(db, params),
    },
  };
}

/**
 * The events of the series in `[fromMs, toMs)` a rule decided, except those it kept quiet: the newest
 * SERIES_FIRES_MAX, oldest first. `rule IS NOT NULL` lets SQLite use the events_rule partial index.
 */
function readFires(
  db: DatabaseSync,
  params: { feed: string; series: string; fromMs: number; toMs: number },
): RuleFirePoint[] {
  const rows = db
    .prepare(
      `SELECT received_at AS t, value, rule, message, decision FROM events
       WHERE feed = :feed AND rule IS NOT NULL AND received_at >= :fromMs AND received_at < :toMs
         AND series = :series AND value IS NOT NULL AND (decision IS NULL OR decision != 'rule-quiet')
       ORDER BY received_at DESC, rowid DESC LIMIT :limit`,
    )
    .all({
      feed: params.feed,
      series: params.series,
      fromMs: params.fromMs,
      toMs: params.toMs,
      limit: SERIES_FIRES_MAX,
    }) as unknown as RuleFirePoint[];
  return rows.reverse();
}
