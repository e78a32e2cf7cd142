import { SNOOZED_UNTIL_RESUMED } from '../../shared/feed.ts';
import type { Clock, TimerHandle } from '../ports.ts';

/** The longest delay a timer can hold (2^31-1 ms, 24.8 days); Node turns anything longer into 1 ms. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * One timer for the earliest end of quiet time (a feed's snooze, do-not-disturb "for a while"), so the
 * tray and the window stop saying "snoozed until 14:30" at 14:30. Ends beyond what a timer can hold are
 * reached in steps; "until resumed" never fires.
 */
export class QuietTimer {
  readonly #clock: Clock;
  readonly #onEnd: () => void;
  #timer: TimerHandle | null = null;

  constructor(clock: Clock, onEnd: () => void) {
    this.#clock = clock;
    this.#onEnd = onEnd;
  }

  /** Re-arms for the earliest of `ends` still ahead; `ends` is asked again after each firing. */
  arm(ends: () => readonly (number | null)[]): void {
    this.dispose();
    const now = this.#clock.now();
    let next = Infinity;
    for (const end of ends())
      if (end !== null && end > now && end < SNOOZED_UNTIL_RESUMED) next = Math.min(next, end);
    if (next === Infinity) return;
    this.#timer = this.#clock.setTimeout(
      () => {
        this.#timer = null;
        this.arm(ends);
        this.#onEnd();
      },
      Math.min(next - now + 1, MAX_TIMER_MS),
    );
  }

  dispose(): void {
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
  }
}
