import type { FeedHeader, FeedReason } from '../../shared/feed.ts';
import type { FetchFn } from '../ports.ts';
import { contentTypeReason, httpStatusReason, isEventStream, networkReason, reason } from './reasons.ts';
import { fetchFollowingSafely, UnsafeRedirectError } from './redirects.ts';
import { formatWait, parseRetryAfter, RETRY_AFTER_STATUSES } from './retry-after.ts';

/** One request for a feed's stream: everything it is built from. */
export interface FeedRequest {
  fetch: FetchFn;
  /** Where to ask now: the feed's address (or where it moved), never with userinfo. */
  url: string;
  /** The origin the feed's own headers (and the Authorization from its userinfo) may be sent to. */
  headersOrigin: string;
  headers: readonly FeedHeader[];
  /** `Basic …` from the feed address's userinfo, or null. */
  authorization: string | null;
  lastEventId: string;
  withCredentials: boolean;
  signal: AbortSignal;
  nowMs: number;
}

/** A request that did not give a stream: why, and what the server asked for. */
export interface RequestFailure {
  ok: false;
  reason: FeedReason;
  /** The wait a 429 or 503 asked for with `Retry-After`, capped; null when none. */
  retryAfterMs: number | null;
  /** Retrying cannot help until the user acts: 401/403, 204, a header that cannot be sent. */
  waitsForUser: boolean;
}

/** A request that gave a 200 event stream. */
export interface RequestStream {
  ok: true;
  response: Response & { body: ReadableStream<Uint8Array> };
  url: string;
  redirected: boolean;
  movedTo: string | null;
}

/**
 * Sends one request and sorts out its answer. Errors are values; only an abort (the connection closed
 * this attempt itself) is thrown, so the caller can tell it from a failure.
 */
export async function requestStream(request: FeedRequest): Promise<RequestStream | RequestFailure> {
  const headers = buildHeaders(request);
  if (!(headers instanceof Headers))
    return { ok: false, reason: headers, retryAfterMs: null, waitsForUser: true };
  const ownHeaders = request.headers.map((header) => header.name);
  if (request.authorization !== null) ownHeaders.push('Authorization');
  let followed;
  try {
    followed = await fetchFollowingSafely(
      request.fetch,
      request.url,
      {
        method: 'GET',
        headers,
        cache: 'no-store',
        signal: request.signal,
        credentials: request.withCredentials ? 'include' : 'omit',
      },
      { ownHeaders, headersOrigin: request.headersOrigin },
    );
  } catch (error) {
    if (request.signal.aborted) throw error;
    const why =
      error instanceof UnsafeRedirectError
        ? reason('http-status', `Not following a redirect: ${error.message}`)
        : networkReason(error);
    return { ok: false, reason: why, retryAfterMs: null, waitsForUser: false };
  }
  const { response } = followed;
  if (response.status === 200 && isEventStream(response.headers.get('content-type')) && response.body) {
    return { ok: true, ...followed, response: response as RequestStream['response'] };
  }
  await response.body?.cancel().catch(() => undefined);
  if (response.status === 200) {
    const why = contentTypeReason(response.headers.get('content-type'));
    return { ok: false, reason: why, retryAfterMs: null, waitsForUser: false };
  }
  return statusFailure(response, request.nowMs);
}

/** A non-200 answer, with the server's `Retry-After` where it may give one. */
function statusFailure(response: Response, nowMs: number): RequestFailure {
  const why = httpStatusReason(response.status);
  const waitsForUser = why.code === 'needs-auth' || why.code === 'stopped-by-server';
  const retryAfterMs = RETRY_AFTER_STATUSES.has(response.status)
    ? parseRetryAfter(response.headers.get('retry-after'), nowMs)
    : null;
  if (retryAfterMs !== null && retryAfterMs > 0) {
    why.message = `${why.message}; the server asked to wait ${formatWait(retryAfterMs)}`;
  }
  return { ok: false, reason: why, retryAfterMs, waitsForUser };
}

/**
 * The request's headers, or the reason one cannot be sent. The Authorization from the address's
 * userinfo comes first so an explicit Authorization header wins.
 */
export function buildHeaders(request: Omit<FeedRequest, 'fetch' | 'signal' | 'nowMs'>): Headers | FeedReason {
  const headers = new Headers({ Accept: 'text/event-stream' });
  if (request.authorization !== null) headers.set('Authorization', request.authorization);
  for (const header of request.headers) {
    // A secret waiting to be entered again is left out rather than sent empty.
    if (header.secret && header.value === '') continue;
    try {
      headers.set(header.name, header.value);
    } catch {
      // Named, never quoted: the value may be a secret.
      return reason(
        'invalid-header',
        `The header "${header.name}" cannot be sent: header values must be Latin-1 (ISO-8859-1) text on one line; fix the feed's headers`,
      );
    }
  }
  if (request.lastEventId !== '') {
    try {
      // [spec] "set `Last-Event-ID` to the last event ID string, encoded as UTF-8"
      headers.set('Last-Event-ID', utf8ByteString(request.lastEventId));
    } catch {
      // An id from an older version with a NUL in it: resuming without it beats never connecting.
    }
  }
  return headers;
}

/** UTF-8 bytes as a byte string, the form a header value is sent in. */
function utf8ByteString(text: string): string {
  let bytes = '';
  for (const byte of new TextEncoder().encode(text)) bytes += String.fromCharCode(byte);
  return bytes;
}
