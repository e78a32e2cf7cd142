/**
 * One chart's data: the database's downsampled buckets (min, max and last per bucket) over a time
 * range, extended by live events on the same bucket grid. Pure and DOM-free, so the merge rules are
 * unit tested; the card only draws the columns.
 */
import { SERIES_FIRES_MAX, type RuleFirePoint, type SeriesView } from '../../shared/history.ts';

/** Buckets of one range, oldest first, as parallel columns (what uPlot draws). */
export interface RangeSeries {
  fromMs: number;
  toMs: number;
  spanMs: number;
  bucketMs: number;
  /** Bucket starts, epoch ms. */
  t: number[];
  min: number[];
  max: number[];
  last: number[];
  lastAt: number[];
  count: number[];
  /** Where rules fired (notified or marked), oldest first, at most SERIES_FIRES_MAX. */
  fires: RuleFirePoint[];
  /** Bumped on every change, so a card redraws only when something moved. */
  version: number;
}

/** What the card's figures say about the range. */
export interface RangeStats {
  /** The first value in the range (its oldest bucket's last): what "change" is measured from. */
  open: number;
  last: number;
  min: number;
  max: number;
  /** Values stored in the range (several per bucket when a pixel spans many events). */
  values: number;
}

/** The series a `history:series` answer holds, for a range `spanMs` long. */
export function fromView(view: SeriesView, spanMs: number): RangeSeries {
  const series: RangeSeries = {
    fromMs: view.fromMs,
    toMs: view.toMs,
    spanMs,
    bucketMs: Math.max(1, view.bucketMs),
    t: [],
    min: [],
    max: [],
    last: [],
    lastAt: [],
    count: [],
    fires: (view.fires ?? []).filter((fire) => Number.isFinite(fire.t) && Number.isFinite(fire.value)),
    version: 1,
  };
  for (const point of view.points) {
    if (![point.t, point.min, point.max, point.last].every(Number.isFinite)) continue;
    series.t.push(point.t);
    series.min.push(point.min);
    series.max.push(point.max);
    series.last.push(point.last);
    series.lastAt.push(point.lastAt);
    series.count.push(point.count);
  }
  return series;
}

/**
 * Adds one live value on the existing bucket grid: merged into its bucket, or a new bucket. Values
 * older than the range, not finite, or already in the answer (at or before its newest value) are
 * ignored. Returns whether anything changed.
 */
export function addValue(series: RangeSeries, value: number, atMs: number): boolean {
  if (!Number.isFinite(value) || !Number.isFinite(atMs) || atMs < series.fromMs) return false;
  // Buckets are in time order, so the newest value is the last bucket's.
  if (atMs <= (series.lastAt.at(-1) ?? -Infinity)) return false;
  const start = series.fromMs + Math.floor((atMs - series.fromMs) / series.bucketMs) * series.bucketMs;
  const at = series.t.length - 1;
  if (at >= 0 && series.t[at] === start) {
    series.min[at] = Math.min(series.min[at]!, value);
    series.max[at] = Math.max(series.max[at]!, value);
    series.last[at] = value;
    series.lastAt[at] = atMs;
    series.count[at]! += 1;
  } else {
    series.t.push(start);
    series.min.push(value);
    series.max.push(value);
    series.last.push(value);
    series.lastAt.push(atMs);
    series.count.push(1);
  }
  series.toMs = Math.max(series.toMs, atMs + 1);
  series.version += 1;
  return true;
}

/** A rule fired on a live value that `addValue` just took: the chart marks it (the oldest mark gives way). */
export function addFire(series: RangeSeries, fire: RuleFirePoint): void {
  series.fires.push(fire);
  if (series.fires.length > SERIES_FIRES_MAX) series.fires.shift();
  series.version += 1;
}

/** Moves a live range's window to end at `nowMs`, dropping buckets that ended before it starts. */
export function slideTo(series: RangeSeries, nowMs: number): boolean {
  if (!Number.isFinite(nowMs) || nowMs <= series.toMs) return false;
  series.toMs = nowMs;
  const startMs = nowMs - series.spanMs;
  let drop = 0;
  while (drop < series.t.length && series.t[drop]! + series.bucketMs <= startMs) drop += 1;
  if (drop > 0) {
    for (const column of [series.t, series.min, series.max, series.last, series.lastAt, series.count]) {
      column.splice(0, drop);
    }
  }
  const fireDrop = series.fires.findIndex((fire) => fire.t >= startMs);
  series.fires.splice(0, fireDrop < 0 ? series.fires.length : fireDrop);
  series.version += 1;
  return true;
}

/** Where the drawn window starts: `spanMs` before its end (the bucket grid keeps its first anchor). */
export function windowStartMs(series: RangeSeries): number {
  return series.toMs - series.spanMs;
}

/** Open, last, min, max and the number of values; null when the range holds none. */
export function rangeStats(series: RangeSeries): RangeStats | null {
  if (series.t.length === 0) return null;
  let min = Infinity;
  let max = -Infinity;
  let values = 0;
  for (let i = 0; i < series.t.length; i++) {
    min = Math.min(min, series.min[i]!);
    max = Math.max(max, series.max[i]!);
    values += series.count[i]!;
  }
  return { open: series.last[0]!, last: series.last.at(-1)!, min, max, values };
}
