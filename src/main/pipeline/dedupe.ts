/**
 * Remembers recent event ids per feed, so an event a server replays after a reconnect (or after a
 * restart with an older Last-Event-ID) is recognised and not delivered twice. Memory is bounded:
 * about `windowSize` ids per feed. Events without an id cannot be recognised and always pass.
 */
export class Deduper {
  readonly #windowSize: number;
  readonly #windows = new Map<string, FeedWindow>();

  constructor(windowSize = 4096) {
    this.#windowSize = windowSize;
  }

  /** True the first time (feedId, id) is offered within the window; false for a repeat. */
  admit(feedId: string, id: string): boolean {
    if (id === '') return true;
    let window = this.#windows.get(feedId);
    if (!window) {
      window = new FeedWindow(this.#windowSize);
      this.#windows.set(feedId, window);
    }
    return window.admit(id);
  }

  /** Marks ids as already delivered (the ids in history after a restart). */
  remember(feedId: string, ids: Iterable<string>): void {
    for (const id of ids) this.admit(feedId, id);
  }

  /** Forgets a removed feed. */
  forget(feedId: string): void {
    this.#windows.delete(feedId);
  }
}

/**
 * Most servers number their events. Integer ids go to a direct-mapped table (slot = id mod size) that
 * holds the exact id, so a lookup is one array read with no hashing and no false positives; for
 * increasing ids it remembers exactly the last `size` ids. Other ids go to a Set with a FIFO ring.
 * This is what keeps the engine near bare EventSource throughput (see bench/README.md).
 */
class FeedWindow {
  readonly #size: number;
  #integers: Float64Array | null = null;
  readonly #strings = new Set<string>();
  readonly #ring: string[] = [];
  #next = 0;

  constructor(size: number) {
    this.#size = size;
  }

  admit(id: string): boolean {
    const value = integerId(id);
    if (value >= 0) {
      const table = (this.#integers ??= new Float64Array(this.#size).fill(-1));
      const slot = value % this.#size;
      if (table[slot] === value) return false;
      table[slot] = value;
      return true;
    }
    if (this.#strings.has(id)) return false;
    this.#strings.add(id);
    if (this.#ring.length < this.#size) {
      this.#ring.push(id);
    } else {
      this.#strings.delete(this.#ring[this.#next]!);
      this.#ring[this.#next] = id;
      this.#next = (this.#next + 1) % this.#size;
    }
    return true;
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
