/** The live list's memory: a bounded ring of events, newest first, each key once. */
import type { FeedEvent } from '../../shared/feed.ts';

/** Holds at most `capacity` events; the oldest fall out as new ones arrive, so memory stays flat. */
export class EventBuffer {
  readonly capacity: number;
  readonly #ring: (FeedEvent | undefined)[];
  readonly #keys = new Set<string>();
  /** Index of the oldest event. */
  #start = 0;
  #size = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.#ring = new Array<FeedEvent | undefined>(capacity);
  }

  /** How many events are held. */
  get size(): number {
    return this.#size;
  }

  /** Adds events in arrival order (oldest first); returns those that were new. */
  push(events: readonly FeedEvent[]): FeedEvent[] {
    const added: FeedEvent[] = [];
    for (const event of events) {
      // The history seed and the first live batch can overlap; a key is shown once.
      if (this.#keys.has(event.key)) continue;
      if (this.#size === this.capacity) {
        const oldest = this.#ring[this.#start];
        if (oldest) this.#keys.delete(oldest.key);
        this.#ring[this.#start] = event;
        this.#start = (this.#start + 1) % this.capacity;
      } else {
        this.#ring[(this.#start + this.#size) % this.capacity] = event;
        this.#size += 1;
      }
      this.#keys.add(event.key);
      added.push(event);
    }
    return added;
  }

  /**
   * Adds events older than everything held (a history page, newest first) behind the current ones;
   * returns those that were new, oldest first.
   */
  pushOlder(newestFirst: readonly FeedEvent[]): FeedEvent[] {
    const older = [...newestFirst].reverse().filter((event) => !this.#keys.has(event.key));
    const current = this.newestFirst().reverse();
    const room = Math.max(0, this.capacity - current.length);
    const kept = older.slice(older.length - Math.min(room, older.length));
    this.clear();
    this.push(kept.concat(current));
    return kept;
  }

  /** The event `index` places from the newest (0 = newest). */
  at(index: number): FeedEvent | undefined {
    if (index < 0 || index >= this.#size) return undefined;
    return this.#ring[(this.#start + this.#size - 1 - index) % this.capacity];
  }

  /** All events, newest first, optionally only those passing `keep`. */
  newestFirst(keep?: (event: FeedEvent) => boolean): FeedEvent[] {
    const out: FeedEvent[] = [];
    for (let index = 0; index < this.#size; index += 1) {
      const event = this.at(index);
      if (event && (!keep || keep(event))) out.push(event);
    }
    return out;
  }

  /** Finds an event by key. */
  find(key: string): FeedEvent | undefined {
    if (!this.#keys.has(key)) return undefined;
    return this.newestFirst((event) => event.key === key)[0];
  }

  /** Forgets everything. */
  clear(): void {
    this.#ring.fill(undefined);
    this.#keys.clear();
    this.#start = 0;
    this.#size = 0;
  }
}
