/**
 * Remembers the last `windowSize` event ids per feed, so an event a server replays after a reconnect
 * (or after a restart with an older Last-Event-ID) is recognised and not delivered twice.
 * Events without an id cannot be recognised and always pass.
 */
export class Deduper {
  readonly #windowSize: number;
  readonly #seen = new Map<string, Set<string>>();

  constructor(windowSize = 10_000) {
    this.#windowSize = windowSize;
  }

  /** True the first time (feedId, id) is offered within the window; false for a repeat. */
  admit(feedId: string, id: string): boolean {
    if (id === '') return true;
    let ids = this.#seen.get(feedId);
    if (!ids) {
      ids = new Set();
      this.#seen.set(feedId, ids);
    }
    if (ids.has(id)) return false;
    ids.add(id);
    // A Set iterates in insertion order, so its first entry is the oldest id.
    if (ids.size > this.#windowSize) ids.delete(ids.values().next().value!);
    return true;
  }

  /** Marks ids as already delivered (the ids in history after a restart). */
  remember(feedId: string, ids: Iterable<string>): void {
    for (const id of ids) this.admit(feedId, id);
  }

  /** Forgets a removed feed. */
  forget(feedId: string): void {
    this.#seen.delete(feedId);
  }
}
