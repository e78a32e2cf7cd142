/**
 * "Events were probably missed": a server whose ids count up one by one (1, 2, 3 …) and that, after a
 * reconnect, carries on at a higher id than the next one, skipped what lies between: it did not resume
 * from the position it was sent. Only ids that were consecutive before the drop count, so timestamp ids
 * or random ones never raise a false alarm. Pure bookkeeping; the connection shows the warning.
 */
import type { FeedWarning } from '../../shared/feed.ts';
import { formatWait } from './retry-after.ts';

/** How many +1 steps make a stream "counting": fewer could be chance. */
export const COUNTING_STEPS = 3;
/** Plain decimal ids small enough to be exact in a double. */
const NUMERIC_ID = /^\d{1,15}$/;

/** Watches one feed's ids across its reconnects. */
export class IdGapWatch {
  #last: number | null = null;
  #steps = 0;
  #droppedAt: number | null = null;

  /** The stream ended (or failed) at `nowMs`: the next id is the first after a reconnect. */
  disconnected(nowMs: number): void {
    this.#droppedAt ??= nowMs;
  }

  /** An event's id; returns the warning when it shows events were skipped since the drop. */
  observe(id: string, nowMs: number): FeedWarning | null {
    if (!NUMERIC_ID.test(id)) {
      this.#last = null;
      this.#steps = 0;
      return null;
    }
    const value = Number(id);
    const last = this.#last;
    const droppedAt = this.#droppedAt;
    let warning: FeedWarning | null = null;
    if (droppedAt !== null && last !== null && this.#steps >= COUNTING_STEPS && value > last + 1) {
      const missed = value - last - 1;
      warning = {
        code: 'events-missed',
        message:
          `About ${missed} event${missed === 1 ? ' was' : 's were'} probably missed while disconnected for ` +
          `${formatWait(nowMs - droppedAt)} (ids ${last + 1}–${value - 1}): the server did not resume from the last id`,
      };
    }
    if (last !== null && value === last + 1) this.#steps++;
    else if (droppedAt === null) this.#steps = 0;
    this.#last = value;
    this.#droppedAt = null;
    return warning;
  }
}
