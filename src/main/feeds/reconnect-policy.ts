import { DEFAULT_RECONNECTION_MS, nextDelay, RETRY_MAX_MS } from './backoff.ts';

/**
 * When a feed asks its server again: pure decisions, so every hostile case is a two-line test.
 * FeedTray reconnects itself (the `eventsource` package never does), so these are the only rules.
 */

/** A stream open this long, or one that delivered an event, was healthy: its end resets the backoff. */
export const HEALTHY_STREAM_MS = 10_000;

/** How an attempt ended. */
export type AttemptEnd =
  /** The stream was open and ended or broke. */
  | { kind: 'stream-ended'; openMs: number; events: number }
  /** No stream: an HTTP error, a wrong Content-Type, a network error, a stall. */
  | { kind: 'failed'; retryAfterMs: number | null };

/** What to do next: the failure streak to show as `attempt`, and the wait before the next request. */
export interface ReconnectPlan {
  failures: number;
  delayMs: number;
}

/** Whether a stream that ended had proved itself, rather than closing right after it opened. */
export function isHealthyStream(openMs: number, events: number): boolean {
  return events > 0 || openMs >= HEALTHY_STREAM_MS;
}

/**
 * The next step after an attempt. `retryMs` is the server's `retry`, already clamped; `failures` the
 * streak so far. A healthy stream's end waits the reconnection time, as the spec does; a stream that
 * closes at once counts as a failure, so a server that accepts and hangs up backs off like one that
 * answers 500.
 */
export function planReconnect(
  end: AttemptEnd,
  failures: number,
  retryMs: number | null,
  random: () => number,
): ReconnectPlan {
  // [spec] "wait a delay equal to the reconnection time of the event source"
  const reconnectionMs = retryMs ?? DEFAULT_RECONNECTION_MS;
  if (end.kind === 'stream-ended' && isHealthyStream(end.openMs, end.events)) {
    return { failures: 0, delayMs: reconnectionMs };
  }
  const streak = failures + 1;
  const backoffMs = nextDelay(streak, retryMs, random);
  const delayMs =
    end.kind === 'stream-ended'
      ? Math.max(backoffMs, reconnectionMs)
      : Math.max(backoffMs, end.retryAfterMs ?? 0);
  return { failures: streak, delayMs: Math.min(delayMs, RETRY_MAX_MS) };
}

/**
 * A token bucket per feed, in front of every request: a request takes a token, tokens come back one a
 * second and at most `capacity` are held. However a server (or a run of wake-ups and "retry now"
 * clicks) behaves, a feed makes no more than about one request per second on average.
 */
export class RequestPacer {
  readonly #capacity: number;
  readonly #refillMs: number;
  #tokens: number;
  #updatedAt: number | null = null;

  constructor(capacity = 3, refillMs = 1000) {
    this.#capacity = capacity;
    this.#refillMs = refillMs;
    this.#tokens = capacity;
  }

  /** The earliest time at or after `atMs` (not before the last request) when a request may go out. */
  earliest(atMs: number): number {
    if (this.#updatedAt === null) return atMs;
    const ready = this.#updatedAt + Math.max(0, 1 - this.#tokens) * this.#refillMs;
    return Math.max(atMs, ready);
  }

  /** Takes a token for a request going out at `nowMs`. */
  take(nowMs: number): void {
    if (this.#updatedAt !== null) {
      const earned = Math.max(0, nowMs - this.#updatedAt) / this.#refillMs;
      this.#tokens = Math.min(this.#capacity, this.#tokens + earned);
    }
    this.#updatedAt = nowMs;
    this.#tokens -= 1;
  }
}
