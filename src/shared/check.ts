/** A one-shot diagnosis of a feed: what `feedtray check` prints and the settings window's "Test" shows. */
export interface FeedCheckResult {
  url: string;
  ok: boolean;
  httpStatus: number | null;
  contentType: string | null;
  /** Time to the response headers. */
  responseMs: number | null;
  retryMs: number | null;
  events: { type: string; id: string; data: string }[];
  eventTypes: string[];
  idsPresent: boolean;
  heartbeatSeen: boolean;
  /** How long the check listened after the headers. */
  listenedMs: number;
  /** The server preset the stream looks like (ntfy, mercure), or null. */
  preset: 'ntfy' | 'mercure' | null;
  /** Whether the server resumes from a position, when that was diagnosed. */
  resume: {
    verdict: 'resumes' | 'replays-from-start' | 'ignores-position' | 'unknown';
    message: string;
  } | null;
  /** Problems in plain words, most important first; empty when the feed looks healthy. */
  problems: string[];
  /** Observations that are not problems. */
  notes: string[];
}
