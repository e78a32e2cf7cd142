import { STATUS_CODES } from 'node:http';
import type { FeedReason, FeedWarning } from '../../shared/feed.ts';
import { displayUrl, redactUserinfo } from '../../shared/url-credentials.ts';

/** Why a feed is in its state, in words a user can act on. */

export function reason(code: FeedReason['code'], message: string, httpStatus?: number): FeedReason {
  return httpStatus === undefined ? { code, message } : { code, message, httpStatus };
}

/** A response other than 200: 401/403 wait for the user; anything else is retried with backoff. */
export function httpStatusReason(status: number): FeedReason {
  const text = STATUS_CODES[status];
  const label = text ? `HTTP ${status} ${text}` : `HTTP ${status}`;
  if (status === 401 || status === 403) {
    return reason('needs-auth', `${label}: the server wants you to sign in or fix the feed's token`, status);
  }
  if (status === 204) {
    return reason(
      'stopped-by-server',
      'Stopped by server (HTTP 204): it asked clients not to reconnect',
      status,
    );
  }
  return reason('http-status', label, status);
}

// [spec] "…or if res's `Content-Type` is not `text/event-stream`, then fail the connection" (parameters allowed).
const EVENT_STREAM = /^[\t\n\r ]*text\/event-stream[\t\n\r ]*(?:;|$)/i;

/** Whether a Content-Type header names an event stream, by the rule EventSource itself applies. */
export function isEventStream(contentType: string | null): boolean {
  return EVENT_STREAM.test(contentType ?? '');
}

/** A 200 response that is not an event stream, usually an error page or a login page. */
export function contentTypeReason(contentType: string | null): FeedReason {
  return reason('not-event-stream', `not an event stream: ${contentType || 'no Content-Type'}`, 200);
}

/** A failure before any response: Node's fetch (undici) codes and Chromium's net:: errors alike. */
export function networkReason(error: unknown): FeedReason {
  const text = describeError(error);
  if (/ENOTFOUND|EAI_AGAIN|EAI_NONAME|ERR_NAME_NOT_RESOLVED|ERR_NAME_RESOLUTION_FAILED/.test(text)) {
    return reason('dns', `DNS failure: the feed's host name could not be resolved (${text})`);
  }
  if (/ECONNREFUSED|ERR_CONNECTION_REFUSED/.test(text)) {
    return reason('refused', 'Connection refused: nothing is listening at that address');
  }
  if (/ERR_INTERNET_DISCONNECTED|ENETUNREACH|EHOSTUNREACH|ERR_NETWORK_CHANGED/.test(text)) {
    return reason('network', `Network unreachable (${text})`);
  }
  return reason('network', `Network error: ${text}`);
}

/** A stream that was open ended: `healthy` if it had proved itself, `broke` if it ended in an error. */
export function streamEndReason(healthy: boolean, broke: boolean): FeedReason {
  if (!healthy) {
    return reason(
      'server-closed',
      'The server closed the stream right after opening it; reconnecting with backoff',
    );
  }
  return broke
    ? reason('server-closed', 'The connection dropped mid-stream; reconnecting')
    : reason('server-closed', 'The server closed the stream; reconnecting');
}

/** An event over the feed's limit was dropped; the connection goes on. */
export function oversizedWarning(maxEventBytes: number, bytesSeen: number): FeedWarning {
  return {
    code: 'event-too-large',
    message: `Dropped an event larger than ${formatBytes(maxEventBytes)} (${formatBytes(bytesSeen)} and growing)`,
  };
}

/** A 301/308: this session follows it; the user should update the feed. */
export function movedWarning(movedTo: string): FeedWarning {
  return {
    code: 'moved',
    message: `The feed moved permanently to ${displayUrl(movedTo)}; update the feed`,
  };
}

/** Bytes in words: "1 MiB", "48.5 MiB", "12 KiB". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024)
    return `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${bytes} bytes`;
}

/**
 * Flattens an error and its causes into one line, keeping system error codes visible. URLs quoted in
 * it lose their userinfo: a password must never reach a status line.
 */
export function describeError(error: unknown): string {
  return redactUserinfo(flatten(error));
}

function flatten(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    if (current instanceof Error) {
      const code = (current as Error & { code?: unknown }).code;
      parts.push(
        typeof code === 'string' && !current.message.includes(code)
          ? `${current.message} (${code})`
          : current.message,
      );
      current = current.cause;
    } else {
      parts.push(typeof current === 'string' ? current : JSON.stringify(current));
      break;
    }
  }
  return parts.filter(Boolean).join(': ') || 'unknown error';
}
