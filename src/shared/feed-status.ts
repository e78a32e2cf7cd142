/** What the UI is told about a feed's connection: its state, why, and what went wrong along the way. */

/** `EventSource.readyState` in words. */
export type ReadyState = 'connecting' | 'open' | 'closed';

/** Why a feed is in its state, as a machine code the UI can style. */
export type ReasonCode =
  | 'starting'
  | 'open'
  | 'server-closed'
  | 'network'
  | 'dns'
  | 'refused'
  | 'http-status'
  | 'not-event-stream'
  | 'needs-auth'
  | 'invalid-header'
  | 'stopped-by-server'
  | 'stalled'
  | 'event-too-large'
  | 'paused'
  | 'offline'
  | 'disabled'
  | 'stopped';

/** A reason: a code for machines and a sentence for people. */
export interface FeedReason {
  code: ReasonCode;
  message: string;
  /** The HTTP status, where one was received. */
  httpStatus?: number;
}

/** Everything the UI shows about one feed's connection. */
export interface FeedStatus {
  feedId: string;
  state: ReadyState;
  reason: FeedReason;
  /**
   * Consecutive failed attempts (a stream that ends within 10 s without an event counts as one);
   * 0 while a connection is open or after a healthy stream ended.
   */
  attempt: number;
  /** When the next request goes out (epoch ms), if one is scheduled: the retry timer fires exactly then. */
  nextRetryAt: number | null;
  lastEventAt: number | null;
  eventsReceived: number;
  /** The latest non-fatal problem, such as an oversized event that was dropped or a permanent redirect. */
  warning: FeedWarning | null;
  /**
   * Where the feed moved for good (a 301 or 308), shown without credentials: this session reconnects
   * there; the user should update the feed's address.
   */
  movedTo?: string;
}

/** Codes of non-fatal problems: the connection goes on. */
export type WarningCode = 'event-too-large' | 'moved' | 'ids-restarted' | 'events-missed' | 'event-failed';

/** A non-fatal problem: a code and a sentence, like a reason. */
export interface FeedWarning {
  code: WarningCode;
  message: string;
}
