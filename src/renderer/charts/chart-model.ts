/**
 * Chart data: for each feed with a value mapping, one series per event title (the rates feed titles
 * each tick with its pair), each a bounded window of points with its open, min, max and last. Pure.
 */
import type { FeedEvent } from '../../shared/feed.ts';

/** Points kept per series: enough for ten minutes of one tick a second. */
export const MAX_POINTS = 600;
/** Series kept per feed; a feed mapping value on free-text titles would otherwise grow without end. */
export const MAX_SERIES_PER_FEED = 16;

/** One line on a chart. Times are epoch seconds (what uPlot's time scale takes). */
export interface Series {
  title: string;
  xs: number[];
  ys: number[];
  /** The first value in the window, which "change" is measured from. */
  open: number;
  last: number;
  min: number;
  max: number;
  /** Bumped on every change, so a card knows when to redraw. */
  version: number;
}

/** Series by feed, fed with events as they arrive. */
export class ChartModel {
  readonly #feeds = new Map<string, Map<string, Series>>();
  readonly #maxPoints: number;

  constructor(maxPoints = MAX_POINTS) {
    this.#maxPoints = maxPoints;
  }

  /** Adds every event with a value; returns the feeds whose series changed. */
  add(events: readonly FeedEvent[]): Set<string> {
    const changed = new Set<string>();
    for (const event of events) {
      if (event.value === null) continue;
      let feed = this.#feeds.get(event.feedId);
      if (!feed) this.#feeds.set(event.feedId, (feed = new Map<string, Series>()));
      let series = feed.get(event.title);
      if (!series) {
        if (feed.size >= MAX_SERIES_PER_FEED) evictStalest(feed);
        series = {
          title: event.title,
          xs: [],
          ys: [],
          open: event.value,
          last: event.value,
          min: event.value,
          max: event.value,
          version: 0,
        };
        feed.set(event.title, series);
      }
      insert(series, event.receivedAt / 1000, event.value, this.#maxPoints);
      changed.add(event.feedId);
    }
    return changed;
  }

  /** A feed's series, sorted by title. */
  series(feedId: string): Series[] {
    return [...(this.#feeds.get(feedId)?.values() ?? [])].sort((a, b) => a.title.localeCompare(b.title));
  }

  /** Drops feeds that are gone or no longer map a value. */
  keepOnly(feedIds: ReadonlySet<string>): void {
    for (const id of this.#feeds.keys()) if (!feedIds.has(id)) this.#feeds.delete(id);
  }
}

function insert(series: Series, x: number, y: number, maxPoints: number): void {
  const { xs, ys } = series;
  // Live events come in order; a history seed can come older, so it is put in its place.
  let at = xs.length;
  while (at > 0 && xs[at - 1]! > x) at -= 1;
  xs.splice(at, 0, x);
  ys.splice(at, 0, y);
  if (xs.length > maxPoints) {
    xs.splice(0, xs.length - maxPoints);
    ys.splice(0, ys.length - maxPoints);
  }
  series.open = ys[0]!;
  series.last = ys.at(-1)!;
  series.min = Math.min(...ys);
  series.max = Math.max(...ys);
  series.version += 1;
}

function evictStalest(feed: Map<string, Series>): void {
  let stalest: Series | undefined;
  for (const series of feed.values())
    if (!stalest || (series.xs.at(-1) ?? 0) < (stalest.xs.at(-1) ?? 0)) stalest = series;
  if (stalest) feed.delete(stalest.title);
}
