import type { Clock, TimerHandle } from '../ports.ts';

/**
 * Rule 3 of the design: no bytes (events or comment heartbeats) within the stall timeout means the
 * stream is dead though the socket looks alive. One timer, re-armed for the remaining quiet time
 * rather than reset on every chunk, so a busy stream costs a number comparison per chunk.
 */
export class StallWatchdog {
  readonly #clock: Clock;
  readonly #stallMs: number;
  readonly #onStall: () => void;
  #timer: TimerHandle | null = null;
  #activityAt = 0;

  constructor(clock: Clock, stallMs: number, onStall: () => void) {
    this.#clock = clock;
    this.#stallMs = stallMs;
    this.#onStall = onStall;
  }

  /** Records activity now, arming the timer if it is not. */
  touch(): void {
    this.#activityAt = this.#clock.now();
    if (this.#timer === null) this.#arm(this.#stallMs);
  }

  /** Stops watching until the next `touch`. */
  cancel(): void {
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
  }

  #arm(delayMs: number): void {
    this.#timer = this.#clock.setTimeout(this.#check, delayMs);
  }

  #check = (): void => {
    this.#timer = null;
    const quietMs = this.#clock.now() - this.#activityAt;
    if (quietMs < this.#stallMs) this.#arm(this.#stallMs - quietMs);
    else this.#onStall();
  };
}
