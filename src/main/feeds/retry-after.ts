/** `Retry-After` (RFC 9110 §10.2.3) on a 429 or 503: how long the server asked clients to wait. */

/** However long a server asks for, a feed tries again within the hour. */
export const RETRY_AFTER_MAX_MS = 60 * 60 * 1000;

/** Statuses whose `Retry-After` FeedTray honours: rate limited and temporarily unavailable. */
export const RETRY_AFTER_STATUSES: ReadonlySet<number> = new Set([429, 503]);

/**
 * The wait a `Retry-After` value asks for, in ms from `nowMs`, capped at an hour; null when absent or
 * unreadable. [RFC 9110] `Retry-After = HTTP-date / delay-seconds`.
 */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    // Any number of digits: beyond the cap the exact value no longer matters.
    return text.length > 7 ? RETRY_AFTER_MAX_MS : Math.min(Number(text) * 1000, RETRY_AFTER_MAX_MS);
  }
  const at = Date.parse(text);
  if (Number.isNaN(at) || !/[a-z]/i.test(text)) return null; // an HTTP-date always names a day or month
  return Math.min(Math.max(at - nowMs, 0), RETRY_AFTER_MAX_MS);
}

/** A wait in words: "45 s", "2 min", "1 h". */
export function formatWait(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round((minutes / 60) * 10) / 10;
  return `${hours} h`;
}
