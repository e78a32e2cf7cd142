import type { FeedEvent, FeedStatus } from '../../shared/feed.ts';
import type { Clock, TimerHandle } from '../ports.ts';

/** What one flush hands on: only the parts that changed. */
export interface PushBatch {
  events: FeedEvent[];
  statuses: FeedStatus[];
}

/**
 * Collects events and status changes and hands them on at most once per interval (20 ms: at most 50
 * messages a second, below a 60 Hz frame rate), so a burst of thousands of events becomes a few IPC
 * messages the renderer can take.
 * Statuses are kept latest-per-feed; events are capped per batch (the live view shows the newest anyway).
 */
export class PushBatcher {
  readonly #clock: Clock;
  readonly #intervalMs: number;
  readonly #maxEvents: number;
  readonly #flush: (batch: PushBatch) => void;
  #events: FeedEvent[] = [];
  #droppedEvents = 0;
  #statuses = new Map<string, FeedStatus>();
  #timer: TimerHandle | null = null;

  constructor(options: {
    clock: Clock;
    intervalMs?: number;
    maxEventsPerBatch?: number;
    flush: (batch: PushBatch) => void;
  }) {
    this.#clock = options.clock;
    this.#intervalMs = options.intervalMs ?? 20;
    this.#maxEvents = options.maxEventsPerBatch ?? 2000;
    this.#flush = options.flush;
  }

  /** Events older than the newest `maxEventsPerBatch` of a batch were not pushed (they are in history). */
  get droppedEvents(): number {
    return this.#droppedEvents;
  }

  event(event: FeedEvent): void {
    this.#events.push(event);
    if (this.#events.length > this.#maxEvents * 2) this.#trim();
    this.#schedule();
  }

  status(status: FeedStatus): void {
    this.#statuses.set(status.feedId, status);
    this.#schedule();
  }

  /** Something else changed (unread, pause, do-not-disturb): flush soon even without events. */
  touch(): void {
    this.#schedule();
  }

  /** Hands on whatever is pending now. */
  flushNow(): void {
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
    this.#trim();
    const batch = { events: this.#events, statuses: [...this.#statuses.values()] };
    this.#events = [];
    this.#statuses = new Map();
    this.#flush(batch);
  }

  dispose(): void {
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
  }

  #trim(): void {
    const excess = this.#events.length - this.#maxEvents;
    if (excess > 0) {
      this.#events = this.#events.slice(excess);
      this.#droppedEvents += excess;
    }
  }

  #schedule(): void {
    if (this.#timer === null) this.#timer = this.#clock.setTimeout(() => this.flushNow(), this.#intervalMs);
  }
}
