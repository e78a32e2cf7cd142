import type { FeedStatus } from '../../shared/feed.ts';
import { reason } from './reasons.ts';

/**
 * One feed's status and the rule for telling the world about it: a status goes out when something a
 * user sees changes (state, reason, attempt, next try, warning, new address), once per transition;
 * event counters change silently and are read with the status.
 */
export class StatusKeeper {
  readonly #onStatus: (status: FeedStatus) => void;
  #status: FeedStatus;

  constructor(feedId: string, onStatus: (status: FeedStatus) => void) {
    this.#onStatus = onStatus;
    this.#status = {
      feedId,
      state: 'closed',
      reason: reason('stopped', 'Not started'),
      attempt: 0,
      nextRetryAt: null,
      lastEventAt: null,
      eventsReceived: 0,
      warning: null,
    };
  }

  /** The current status (a copy). */
  get current(): FeedStatus {
    return { ...this.#status };
  }

  /** Applies a change and reports it if a user would see the difference. */
  update(change: Partial<FeedStatus>): void {
    const before = this.#status;
    const next = { ...before, ...change };
    const changed =
      next.state !== before.state ||
      next.reason !== before.reason ||
      next.attempt !== before.attempt ||
      next.nextRetryAt !== before.nextRetryAt ||
      next.warning !== before.warning ||
      next.movedTo !== before.movedTo;
    this.#status = next;
    if (changed) this.#onStatus({ ...next });
  }

  /** Counts a delivered event (no status goes out for it). */
  countEvent(receivedAt: number): void {
    this.#status.eventsReceived++;
    this.#status.lastEventAt = receivedAt;
  }
}
