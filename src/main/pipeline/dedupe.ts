/**
 * Exactly-once delivery: recognises an event a server sends again (a replay after a reconnect, or after
 * a restart with an older Last-Event-ID) by its (feed, id) and the hash of its data.
 *
 * - same id, same data: a duplicate, dropped;
 * - same id, different data: the server reused the id (it restarted its numbering): a NEW event, and
 *   `onIdReused` hears of it once per feed, so the feed's status can warn;
 * - an id never seen: new. Events without an id cannot be recognised and always pass.
 *
 * A bounded in-memory window per feed answers most lookups in one array read; what it forgot is asked
 * of the durable record (the history database, every stored event's key), so a replay larger than any
 * window, across restarts, is still recognised.
 */
import { hash } from 'node:crypto';

/** What `classify` decided. */
export type Classification = 'new' | 'duplicate' | 'id-reused';

/** Where ids the window forgot are looked up: the data hash stored with (feed, id), or undefined. */
export interface DurableIds {
  seenHash(feedId: string, id: string): number | undefined;
}

/** How a deduper is built. */
export interface DeduperOptions {
  /** Ids remembered per feed in memory; default 4096. */
  windowSize?: number;
  /** The durable record behind the window (the history store); without it only the window counts. */
  durable?: DurableIds;
  /** The first reused id of each feed (once per feed until it is forgotten). */
  onIdReused?: (feedId: string, id: string) => void;
}

/** A hash unknown: the id was remembered without its data (seeded from a list of ids). */
const UNKNOWN = -1;

/**
 * The data's fingerprint: 48 bits of SHA-1 (an exact integer in a double and in SQLite) of the data
 * without whitespace. A replay may frame the same event differently: [spec] "If the field name is
 * "data": append the field value to the data buffer, then append a single U+000A LINE FEED", so one
 * JSON document split over two `data:` lines differs from it on one line only by a line feed. A
 * reused id whose new data differs only in whitespace is not worth a second notification either.
 */
export function dataHash(data: string): number {
  return hash('sha1', data.replace(/\s+/g, ''), 'buffer').readUIntLE(0, 6);
}

/** Recognises replays and reused ids per feed; see the file comment. */
export class Deduper {
  readonly #windowSize: number;
  readonly #durable: DurableIds | undefined;
  readonly #onIdReused: ((feedId: string, id: string) => void) | undefined;
  readonly #windows = new Map<string, FeedWindow>();
  readonly #warned = new Set<string>();

  constructor(options: number | DeduperOptions = {}) {
    const resolved = typeof options === 'number' ? { windowSize: options } : options;
    this.#windowSize = resolved.windowSize ?? 4096;
    this.#durable = resolved.durable;
    this.#onIdReused = resolved.onIdReused;
  }

  /**
   * Decides about one event and remembers it. `data` undefined compares by id alone (a caller that
   * has no data); the same id then always counts as a duplicate.
   */
  classify(feedId: string, id: string, data?: string): Classification {
    if (id === '') return 'new';
    const window = this.#window(feedId);
    const fingerprint = data === undefined ? UNKNOWN : dataHash(data);
    let seen = window.get(id);
    if (seen === undefined || (seen === UNKNOWN && fingerprint !== UNKNOWN)) {
      seen = this.#durable?.seenHash(feedId, id) ?? seen;
    }
    let verdict: Classification;
    if (seen === undefined) verdict = 'new';
    else if (seen === fingerprint || seen === UNKNOWN || fingerprint === UNKNOWN) verdict = 'duplicate';
    else verdict = 'id-reused';
    if (verdict !== 'duplicate') window.set(id, fingerprint);
    if (verdict === 'id-reused' && !this.#warned.has(feedId)) {
      this.#warned.add(feedId);
      this.#onIdReused?.(feedId, id);
    }
    return verdict;
  }

  /** True when the event is to be delivered: new, or a reused id with new data. */
  admit(feedId: string, id: string, data?: string): boolean {
    return this.classify(feedId, id, data) !== 'duplicate';
  }

  /** The data hash the window holds for (feed, id), for the store to write beside the event. */
  hashOf(feedId: string, id: string): number | undefined {
    const seen = this.#windows.get(feedId)?.get(id);
    return seen === UNKNOWN ? undefined : seen;
  }

  /** Marks ids as already delivered (the ids in history after a restart), data unknown. */
  remember(feedId: string, ids: Iterable<string>): void {
    const window = this.#window(feedId);
    for (const id of ids) if (id !== '' && window.get(id) === undefined) window.set(id, UNKNOWN);
  }

  /** Forgets a removed feed (its durable record goes with its history). */
  forget(feedId: string): void {
    this.#windows.delete(feedId);
    this.#warned.delete(feedId);
  }

  #window(feedId: string): FeedWindow {
    let window = this.#windows.get(feedId);
    if (!window) {
      window = new FeedWindow(this.#windowSize);
      this.#windows.set(feedId, window);
    }
    return window;
  }
}

/**
 * Most servers number their events. Integer ids go to a direct-mapped table (slot = id mod size) that
 * holds the exact id and its data hash, so a lookup is one array read with no hashing of the id and no
 * false positives; for increasing ids it remembers exactly the last `size` ids. Other ids go to a Map
 * with a FIFO ring. This is what keeps the engine near bare EventSource throughput (bench/README.md).
 */
class FeedWindow {
  readonly #size: number;
  #ids: Float64Array | null = null;
  #hashes: Float64Array | null = null;
  readonly #strings = new Map<string, number>();
  readonly #ring: string[] = [];
  #next = 0;

  constructor(size: number) {
    this.#size = size;
  }

  get(id: string): number | undefined {
    const value = integerId(id);
    if (value >= 0) {
      const slot = value % this.#size;
      return this.#ids !== null && this.#ids[slot] === value ? this.#hashes![slot] : undefined;
    }
    return this.#strings.get(id);
  }

  set(id: string, fingerprint: number): void {
    const value = integerId(id);
    if (value >= 0) {
      this.#ids ??= new Float64Array(this.#size).fill(-1);
      this.#hashes ??= new Float64Array(this.#size);
      const slot = value % this.#size;
      this.#ids[slot] = value;
      this.#hashes[slot] = fingerprint;
      return;
    }
    if (this.#strings.has(id)) {
      this.#strings.set(id, fingerprint);
      return;
    }
    this.#strings.set(id, fingerprint);
    if (this.#ring.length < this.#size) {
      this.#ring.push(id);
    } else {
      this.#strings.delete(this.#ring[this.#next]!);
      this.#ring[this.#next] = id;
      this.#next = (this.#next + 1) % this.#size;
    }
  }
}

/** The value of a canonical non-negative decimal id ("42", not "042" or "4e1"), or -1. */
function integerId(id: string): number {
  const length = id.length;
  if (length > 15 || (length > 1 && id.charCodeAt(0) === 48)) return -1;
  let value = 0;
  for (let i = 0; i < length; i++) {
    const digit = id.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}
