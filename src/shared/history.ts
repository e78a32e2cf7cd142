/**
 * The history part of the IPC contract: searching stored events and reading a chart series back from
 * the database. `ipc.ts` gives these schemas their channels; the CLI and the store use the same types.
 */
import { z } from 'zod';
import { FeedConfigSchema, type FeedEvent } from './feed.ts';

const FeedIdSchema = FeedConfigSchema.shape.id;
/** Epoch milliseconds; any date a feed could plausibly carry (year 0 … 9999). */
const EpochMsSchema = z.number().int().min(0).max(253_402_300_799_999);

/** The most events one page may hold over IPC. */
export const HISTORY_PAGE_MAX = 500;
/** Totals are counted up to this many matches; beyond it `totalExact` is false. */
export const HISTORY_TOTAL_CAP = 10_000;
/** The most points one series request may ask for. */
export const SERIES_BUCKETS_MAX = 5000;

/**
 * A search over stored history, newest first. Every filter narrows; absent filters match all.
 * `text` is FTS5 query syntax (`"exact phrase"`, `rate OR price`, `usd*`, `title: outage`); text that
 * is not valid FTS5 is searched as plain words instead (`textMode: 'plain'` in the answer).
 */
export const HistoryQueryRequestSchema = z.strictObject({
  /** One feed (kept for older callers; combined with `feedIds` when both are given). */
  feedId: FeedIdSchema.optional(),
  feedIds: z.array(FeedIdSchema).max(200).optional(),
  text: z.string().max(200).optional(),
  /** One event type (exact; SSE types are case-sensitive). */
  type: z.string().max(100).optional(),
  types: z.array(z.string().min(1).max(100)).max(50).optional(),
  /** Severity levels 1 (min) … 5 (urgent) to keep; events stored without a severity never match. */
  severities: z.array(z.number().int().min(1).max(5)).max(5).optional(),
  /** Notification decisions to keep (such as `notified`, `quiet-hours`); undecided events never match. */
  decisions: z.array(z.string().min(1).max(40)).max(20).optional(),
  /** Received at or after this time (epoch ms). */
  fromMs: EpochMsSchema.optional(),
  /** Received before this time (epoch ms). */
  toMs: EpochMsSchema.optional(),
  /** `nextBefore` of the previous page (a cursor), an event key (events older than it), or an offset. */
  before: z.union([z.string().max(200), z.number().int().min(0).max(1_000_000)]).optional(),
  limit: z.number().int().min(1).max(HISTORY_PAGE_MAX).default(50),
});
/** A validated history search. */
export type HistorySearch = z.output<typeof HistoryQueryRequestSchema>;

/** A piece of plain text; `match: true` where the search matched. Shown as text, never as HTML. */
export interface TextSegment {
  text: string;
  match: boolean;
}

/** What the store knows about an event beyond the `FeedEvent`, with the matches of a text search. */
export interface HistoryHit {
  key: string;
  /** 1 (min) … 5 (urgent), or null when the event has none. */
  severity: number | null;
  /** Why the event did or did not notify (`notified`, `coalesced`, …), or null when not recorded. */
  decision: string | null;
  /** The title cut into segments; one unmatched segment when no text was searched. */
  title: TextSegment[];
  /** A short excerpt of the body (or of the raw data, where the match was) around the first match. */
  snippet: TextSegment[];
}

/** A page of history, newest first. */
export interface HistoryPageView {
  events: FeedEvent[];
  /** One per event, same order. */
  hits: HistoryHit[];
  /** Matches on every page, counted up to HISTORY_TOTAL_CAP (1,000 for text searches filtered row by row). */
  total: number;
  /** False when there are more than `total` matches (the count stopped at the cap). */
  totalExact: boolean;
  /** Pass as `before` for the next page; null on the last page. */
  nextBefore: string | null;
  /** How `text` was searched: FTS5 syntax, plain words (the syntax was invalid), or no text. */
  textMode: 'fts' | 'plain' | null;
}

/**
 * A chart series: the events of one feed with a numeric value and the same title. Its key is
 * `feedId:title` (feed ids cannot hold ":", so the first one splits it).
 */
export function seriesKey(feedId: string, title: string): string {
  return `${feedId}:${title}`;
}

/** The feed and title a series key names, or null when it has no feed part. */
export function parseSeriesKey(key: string): { feedId: string; series: string } | null {
  const colon = key.indexOf(':');
  if (colon <= 0) return null;
  const feedId = key.slice(0, colon);
  return FeedIdSchema.safeParse(feedId).success ? { feedId, series: key.slice(colon + 1) } : null;
}

const SeriesRange = {
  fromMs: EpochMsSchema,
  toMs: EpochMsSchema,
  /** Points wanted (about the chart's width in pixels); the range is cut into this many buckets. */
  buckets: z.number().int().min(1).max(SERIES_BUCKETS_MAX).default(1000),
};

/** A series over a time range, downsampled: by `seriesKey`, or by feed and series title. */
export const HistorySeriesRequestSchema = z
  .union([
    z.strictObject({ seriesKey: z.string().min(3).max(1100), ...SeriesRange }),
    z.strictObject({ feedId: FeedIdSchema, series: z.string().max(1000), ...SeriesRange }),
  ])
  .refine((request) => request.fromMs < request.toMs, { message: 'fromMs must be before toMs' });
/** A validated series request. */
export type HistorySeriesRequest = z.output<typeof HistorySeriesRequestSchema>;

/** One time bucket of a series: only buckets holding at least one value are returned. */
export interface SeriesPoint {
  /** Start of the bucket (epoch ms). */
  t: number;
  min: number;
  max: number;
  /** The newest value in the bucket, and when it arrived. */
  last: number;
  lastAt: number;
  count: number;
}

/** The most rule marks one series answer carries (the newest in the range). */
export const SERIES_FIRES_MAX = 200;

/** An event of the series a rule decided to notify about or mark: the chart marks it. */
export interface RuleFirePoint {
  /** When it arrived (epoch ms), and its value. */
  t: number;
  value: number;
  /** The rule's name, and its message when it has one. */
  rule: string;
  message: string | null;
  /** What became of it (`notified`, `coalesced`, `marked`, …). */
  decision: string | null;
}

/** A downsampled series, oldest bucket first. */
export interface SeriesView {
  seriesKey: string;
  feedId: string;
  series: string;
  fromMs: number;
  toMs: number;
  bucketMs: number;
  points: SeriesPoint[];
  /** Where rules fired in the range, oldest first (at most SERIES_FIRES_MAX; `rule-quiet` is no fire). */
  fires: RuleFirePoint[];
}
