import { describe, expect, test } from 'vitest';
import { bucketsFor, chartRange } from '../../src/renderer/charts/chart-ranges.ts';
import {
  addValue,
  fromView,
  rangeStats,
  slideTo,
  windowStartMs,
} from '../../src/renderer/charts/range-series.ts';
import { SeriesCatalog, MAX_SERIES_PER_FEED } from '../../src/renderer/charts/series-catalog.ts';
import type { FeedEvent } from '../../src/shared/feed.ts';
import type { SeriesView } from '../../src/shared/history.ts';

const view = (points: SeriesView['points'], fromMs = 0, toMs = 1000, bucketMs = 100): SeriesView => ({
  seriesKey: 'rates:USD/CNY',
  feedId: 'rates',
  series: 'USD/CNY',
  fromMs,
  toMs,
  bucketMs,
  points,
  fires: [],
});
const point = (t: number, min: number, max: number, last: number, lastAt = t + 50, count = 1) => ({
  t,
  min,
  max,
  last,
  lastAt,
  count,
});

describe('a chart range', () => {
  test('takes the database buckets as columns, with open, last, min, max and the number of values', () => {
    const series = fromView(view([point(0, 1, 3, 2, 50, 4), point(300, 0.5, 5, 4, 390, 2)]), 1000);
    expect(series.t).toEqual([0, 300]);
    expect(rangeStats(series)).toEqual({ open: 2, last: 4, min: 0.5, max: 5, values: 6 });
    expect(rangeStats(fromView(view([]), 1000))).toBeNull();
  });

  test('a live value merges into its bucket on the same grid, or opens the next one', () => {
    const series = fromView(view([point(100, 1, 1, 1, 150)]), 1000);
    expect(addValue(series, 3, 180)).toBe(true);
    expect([series.min[0], series.max[0], series.last[0], series.count[0]]).toEqual([1, 3, 3, 2]);
    expect(addValue(series, 0, 420)).toBe(true);
    expect(series.t).toEqual([100, 400]);
    expect(series.toMs).toBe(1000);
    addValue(series, 2, 1500);
    expect(series.t.at(-1)).toBe(1500);
    expect(series.toMs).toBe(1501);
  });

  test('a value already in the answer, older than the range, or not finite is not counted again', () => {
    const series = fromView(view([point(100, 1, 1, 1, 150)], 50), 1000);
    const version = series.version;
    expect(addValue(series, 9, 150)).toBe(false);
    expect(addValue(series, 9, 120)).toBe(false);
    expect(addValue(series, 9, 10)).toBe(false);
    expect(addValue(series, Number.NaN, 500)).toBe(false);
    expect(addValue(series, Number.POSITIVE_INFINITY, 500)).toBe(false);
    expect(series.version).toBe(version);
    expect(rangeStats(series)?.values).toBe(1);
  });

  test('a live window slides to now and lets go of buckets that ended before it starts', () => {
    const series = fromView(view([point(0, 1, 1, 1), point(500, 2, 2, 2), point(900, 3, 3, 3)]), 1000);
    expect(slideTo(series, 900)).toBe(false);
    expect(slideTo(series, 1650)).toBe(true);
    expect(windowStartMs(series)).toBe(650);
    // [500, 600) ended before 650; [900, 1000) is still in the window.
    expect(series.t).toEqual([900]);
    expect(series.last).toEqual([3]);
  });

  test('asks for about a bucket per pixel, within the contract', () => {
    expect(bucketsFor(372.4)).toBe(372);
    expect(bucketsFor(0)).toBe(60);
    expect(bucketsFor(Number.NaN)).toBe(60);
    expect(bucketsFor(1e9)).toBe(5000);
    expect(chartRange('7d').spanMs).toBe(7 * 24 * 3_600_000);
    expect(chartRange('__proto__').id).toBe('15m');
  });
});

describe('the series catalog', () => {
  const event = (title: string, receivedAt: number, value: number | null = 1): FeedEvent => ({
    feedId: 'rates',
    type: 'message',
    id: '',
    data: '',
    receivedAt,
    key: `rates:${title}:${receivedAt}`,
    title,
    body: '',
    link: null,
    value,
    severity: 3,
    decision: null,
  });

  test('learns a series per title with a value, and keeps the most recently heard ones', () => {
    const catalog = new SeriesCatalog();
    expect(catalog.add([event('b', 1), event('a', 2), event('no value', 3, null)])).toEqual(
      new Set(['rates']),
    );
    expect(catalog.add([event('a', 4)])).toEqual(new Set());
    expect(catalog.titles('rates')).toEqual(['a', 'b']);
    const many = Array.from({ length: MAX_SERIES_PER_FEED }, (_, i) => event(`s${i}`, 10 + i));
    catalog.add(many);
    expect(catalog.titles('rates')).toHaveLength(MAX_SERIES_PER_FEED);
    expect(catalog.titles('rates')).not.toContain('b');
    catalog.keepOnly(new Set());
    expect(catalog.titles('rates')).toEqual([]);
  });
});
