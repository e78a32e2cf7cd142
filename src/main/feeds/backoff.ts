/** Reconnect delays: exponential backoff with full jitter, bounded below by the server's `retry`. */

export const BACKOFF_BASE_MS = 1000;
export const BACKOFF_MAX_MS = 5 * 60 * 1000;

/**
 * The range a server's `retry` is held to. Below 1 s a server that closes at once would be asked for
 * again hundreds of times a second; above 1 h a typo would silence a feed for days (and 2^31 ms and up
 * overflow a timer).
 */
export const RETRY_MIN_MS = 1000;
export const RETRY_MAX_MS = 60 * 60 * 1000;

/** [spec] the reconnection time is "a user-agent-defined value, probably in the region of a few seconds". */
export const DEFAULT_RECONNECTION_MS = 3000;

/** A server's `retry` held to [RETRY_MIN_MS, RETRY_MAX_MS]; null (none sent) stays null. */
export function clampRetryMs(retryMs: number | null): number | null {
  if (retryMs === null || Number.isNaN(retryMs)) return null;
  return Math.min(Math.max(retryMs, RETRY_MIN_MS), RETRY_MAX_MS);
}

/**
 * The delay before reconnect attempt number `attempt` (1 for the first retry).
 * Full jitter (a uniform pick in [0, cap)) spreads a crowd of clients that lost the same server;
 * the server's `retry`, when it sent one, is the floor because it asked for at least that much.
 * Pass the retry through `clampRetryMs` first: the floor is taken as given.
 */
export function nextDelay(
  attempt: number,
  retryMs: number | null,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30);
  const cap = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** exponent);
  const jittered = Math.floor(random() * cap);
  return Math.max(jittered, retryMs ?? 0);
}
