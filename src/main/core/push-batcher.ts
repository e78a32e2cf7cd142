import type { FeedEvent, FeedStatus } from '../../shared/feed.ts';
import type { PushAck, SkippedEvents } from '../../shared/ipc.ts';
import type { Clock, TimerHandle } from '../ports.ts';

/** What one flush hands on. */
export interface PushBatch {
  events: FeedEvent[];
  statuses: FeedStatus[];
  /** Send events, statuses and state to the window; false while it is behind (only the tray updates). */
  toWindow: boolean;
  /**
   * Then `push:batchEnd` with this: for a window that acknowledges (said hello), and for anyone when
   * events were skipped. Listeners that never said hello get no extra message per batch.
   */
  end: { batch: number; skipped: SkippedEvents[] } | null;
}

/** Defaults: 20 ms between flushes, 2,000 events kept, 3 batches unacknowledged. */
const DEFAULTS = { intervalMs: 20, maxEvents: 2000, maxInFlight: 3 };

/**
 * Collects events and status changes and hands them on at most once per interval (20 ms: at most 50
 * messages a second, below a 60 Hz frame rate), so a burst of thousands of events becomes a few IPC
 * messages the renderer can take. Statuses are kept latest-per-feed.
 *
 * Flow control: once the window has said hello (or acknowledged anything), at most `maxInFlight`
 * batches go out unacknowledged. While the window is behind, events wait here, only the newest
 * `maxEvents` of them, and the older ones are counted per feed; the next batch carries that count
 * ("skipped", they are in history). Memory is bounded whatever the renderer does: a window that never
 * acknowledges costs `maxEvents` events, one status per feed and one count per feed.
 * Listeners in the same process (CLI, tests, benchmarks) never say hello and get every batch.
 */
export class PushBatcher {
  readonly #clock: Clock;
  readonly #intervalMs: number;
  readonly #maxEvents: number;
  readonly #maxInFlight: number;
  readonly #flush: (batch: PushBatch) => void;
  #events: FeedEvent[] = [];
  #statuses = new Map<string, FeedStatus>();
  /** Events not pushed since the last batch, per feed (feed ids come from outside: a Map). */
  #skipped = new Map<string, number>();
  #skippedTotal = 0;
  /** Something app-wide changed (unread, pause, …): the window needs a batch even without events. */
  #windowDirty = false;
  #acking = false;
  readonly #inFlight = new Set<number>();
  #nextBatch = 1;
  #timer: TimerHandle | null = null;

  constructor(options: {
    clock: Clock;
    intervalMs?: number;
    maxEventsPerBatch?: number;
    maxBatchesInFlight?: number;
    flush: (batch: PushBatch) => void;
  }) {
    this.#clock = options.clock;
    this.#intervalMs = options.intervalMs ?? DEFAULTS.intervalMs;
    this.#maxEvents = Math.max(1, options.maxEventsPerBatch ?? DEFAULTS.maxEvents);
    this.#maxInFlight = Math.max(1, options.maxBatchesInFlight ?? DEFAULTS.maxInFlight);
    this.#flush = options.flush;
  }

  /** Events never pushed to the window since start (kept in history): batch caps and a busy window. */
  get skippedEvents(): number {
    return this.#skippedTotal;
  }

  /** Events waiting here for the window (at most twice `maxEventsPerBatch` between two trims). */
  get queuedEvents(): number {
    return this.#events.length;
  }

  /** Batches sent to the window and not acknowledged yet. */
  get batchesInFlight(): number {
    return this.#inFlight.size;
  }

  event(event: FeedEvent): void {
    this.#events.push(event);
    // Trimming every event would copy the array each time; trimming at twice the cap keeps it amortized.
    if (this.#events.length >= this.#maxEvents * 2) this.#trim();
    this.#schedule();
  }

  status(status: FeedStatus): void {
    this.#statuses.set(status.feedId, status);
    this.#schedule();
  }

  /** Something else changed (unread, pause, do-not-disturb): flush soon even without events. */
  touch(): void {
    this.#windowDirty = true;
    this.#schedule();
  }

  /**
   * The window's answer to a batch. `hello` (a page just loaded) forgets every batch in flight: the
   * old page will never acknowledge them. An unknown, repeated or stale batch number changes nothing.
   */
  ack(request: PushAck): void {
    this.#acking = true;
    if ('hello' in request) this.#inFlight.clear();
    else if (!this.#inFlight.delete(request.batch)) return;
    if (this.#hasWindowWork()) this.#schedule();
  }

  /** Hands on whatever is pending now (to the window too, if it has room). */
  flushNow(): void {
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
    this.#trim();
    const room = !this.#acking || this.#inFlight.size < this.#maxInFlight;
    if (!room || !this.#hasWindowWork()) {
      // The tray still updates; what the window has not had waits (bounded) for its acknowledgement.
      this.#flush({ events: [], statuses: [], toWindow: false, end: null });
      return;
    }
    const batch = this.#nextBatch++;
    if (this.#acking) this.#inFlight.add(batch);
    const skipped = [...this.#skipped].map(([feedId, count]) => ({ feedId, count }));
    const out: PushBatch = {
      events: this.#events,
      statuses: [...this.#statuses.values()],
      toWindow: true,
      end: this.#acking || skipped.length > 0 ? { batch, skipped } : null,
    };
    this.#events = [];
    this.#statuses = new Map();
    this.#skipped = new Map();
    this.#windowDirty = false;
    this.#flush(out);
  }

  dispose(): void {
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
  }

  #hasWindowWork(): boolean {
    return this.#events.length > 0 || this.#statuses.size > 0 || this.#skipped.size > 0 || this.#windowDirty;
  }

  /** Keeps the newest `maxEvents`; the older ones are counted as skipped for their feeds. */
  #trim(): void {
    const excess = this.#events.length - this.#maxEvents;
    if (excess <= 0) return;
    for (let index = 0; index < excess; index += 1) {
      const feedId = this.#events[index]!.feedId;
      this.#skipped.set(feedId, (this.#skipped.get(feedId) ?? 0) + 1);
    }
    this.#skippedTotal += excess;
    this.#events = this.#events.slice(excess);
  }

  #schedule(): void {
    if (this.#timer === null) this.#timer = this.#clock.setTimeout(() => this.flushNow(), this.#intervalMs);
  }
}
