import type { Clock, TimerHandle } from '../../ports.ts';
import type { RetentionStep } from './retention.ts';

/** While retention is behind, the next chunk follows this soon. */
const BUSY_RETENTION_MS = 50;
/** setTimeout fires at once beyond 2^31-1 ms, so no delay may exceed it. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Runs retention one chunk per tick: quick ticks while there is work (deleting, or handing space back),
 * a slow one otherwise, to notice the age limit passing. No multi-second pause, ever.
 */
export class RetentionTimer {
  readonly #clock: Clock;
  readonly #idleMs: number;
  readonly #step: () => RetentionStep;
  #timer: TimerHandle | null = null;
  #dueAt = Infinity;

  constructor(clock: Clock, idleMs: number, step: () => RetentionStep) {
    this.#clock = clock;
    this.#idleMs = idleMs;
    this.#step = step;
  }

  /** Runs a chunk after `delayMs`; a tick already due sooner stands, a later one gives way. */
  schedule(delayMs: number): void {
    const dueAt = this.#clock.now() + Math.min(Math.max(0, delayMs), MAX_TIMER_MS);
    if (this.#timer !== null) {
      if (this.#dueAt <= dueAt) return;
      this.#clock.clearTimeout(this.#timer);
    }
    this.#dueAt = dueAt;
    this.#timer = this.#clock.setTimeout(
      () => {
        this.#timer = null;
        const step = this.#step();
        const busy = step.deleted > 0 || step.reason === 'shrinking';
        this.schedule(busy ? Math.min(BUSY_RETENTION_MS, this.#idleMs) : this.#idleMs * 12);
      },
      Math.max(0, dueAt - this.#clock.now()),
    );
  }

  dispose(): void {
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
  }
}
