/**
 * Which series each charted feed has: one per event title that carried a value (the rates feed titles
 * each tick with its pair). Learned from the events the window sees (the history seed, then pushes);
 * the points themselves come from the database per chart range. Pure.
 */
import type { FeedEvent } from '../../shared/feed.ts';

/** Series kept per feed; a feed mapping a value on free-text titles would otherwise grow without end. */
export const MAX_SERIES_PER_FEED = 16;

/** Series titles by feed, with when each last had a value. */
export class SeriesCatalog {
  readonly #feeds = new Map<string, Map<string, number>>();

  /** Notes every event with a value; returns the feeds that gained a series. */
  add(events: readonly FeedEvent[]): Set<string> {
    const gained = new Set<string>();
    for (const event of events) {
      if (event.value === null) continue;
      let feed = this.#feeds.get(event.feedId);
      if (!feed) this.#feeds.set(event.feedId, (feed = new Map<string, number>()));
      const seen = feed.get(event.title);
      if (seen === undefined) {
        if (feed.size >= MAX_SERIES_PER_FEED) evictStalest(feed);
        gained.add(event.feedId);
      }
      feed.set(event.title, Math.max(seen ?? -Infinity, event.receivedAt));
    }
    return gained;
  }

  /** A feed's series titles, sorted. */
  titles(feedId: string): string[] {
    return [...(this.#feeds.get(feedId)?.keys() ?? [])].sort((a, b) => a.localeCompare(b));
  }

  /** Drops feeds that are gone or no longer map a value. */
  keepOnly(feedIds: ReadonlySet<string>): void {
    for (const id of this.#feeds.keys()) if (!feedIds.has(id)) this.#feeds.delete(id);
  }
}

function evictStalest(feed: Map<string, number>): void {
  let stalest: string | undefined;
  let stalestAt = Infinity;
  for (const [title, lastAt] of feed) {
    if (lastAt < stalestAt) {
      stalest = title;
      stalestAt = lastAt;
    }
  }
  if (stalest !== undefined) feed.delete(stalest);
}
