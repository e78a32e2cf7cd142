/** Reconnect delays: exponential backoff with full jitter, bounded below by the server's `retry`. */

export const BACKOFF_BASE_MS = 1000;
export const BACKOFF_MAX_MS = 5 * 60 * 1000;

/**
 * The delay before reconnect attempt number `attempt` (1 for the first retry).
 * Full jitter (a uniform pick in [0, cap)) spreads a crowd of clients that lost the same server;
 * the server's `retry`, when it sent one, is the floor because it asked for at least that much.
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
