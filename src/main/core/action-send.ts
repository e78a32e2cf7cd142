/**
 * Sends one action request and says what came of it. Exactly one request: a redirect is reported,
 * not followed, and nothing is ever retried (an "Acknowledge" sent twice may page someone twice).
 */
import { STATUS_CODES } from 'node:http';
import type { FeedConfig } from '../../shared/feed.ts';
import { splitUserinfo } from '../../shared/url-credentials.ts';
import { networkReason } from '../feeds/reasons.ts';
import type { Clock, FetchFn } from '../ports.ts';
import type { ActionRequest } from '../../shared/action-plan.ts';

/** How long a press waits for the server's answer. */
export const ACTION_TIMEOUT_MS = 15_000;

/** What one request came to: a 2xx is ok; the message is in words. */
export interface SendOutcome {
  ok: boolean;
  status: number | null;
  message: string;
}

/** What sending needs: the network, time, and the feed whose headers may go along. */
export interface SendContext {
  fetch: FetchFn;
  clock: Clock;
  feed: Pick<FeedConfig, 'url' | 'headers' | 'withCredentials'>;
  timeoutMs?: number;
  /** The words for a 2xx answer. */
  doneMessage: string;
}

/** Sends `request` once. Never throws. */
export async function sendAction(request: ActionRequest, context: SendContext): Promise<SendOutcome> {
  const headers = requestHeaders(request, context.feed);
  if (!(headers instanceof Headers)) return { ok: false, status: null, message: headers.message };
  const timeoutMs = context.timeoutMs ?? ACTION_TIMEOUT_MS;
  const controller = new AbortController();
  const timer = context.clock.setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await context.fetch(request.url, {
      method: request.method,
      headers,
      body: request.body,
      // [spec] Fetch: "manual" hands back the redirect itself; following it could carry the secrets on.
      redirect: 'manual',
      cache: 'no-store',
      credentials: request.withFeedHeaders && context.feed.withCredentials ? 'include' : 'omit',
      signal: controller.signal,
    });
    // Only the status matters; the body is let go so the connection can be reused or closed.
    await response.body?.cancel().catch(() => undefined);
    return outcomeOf(response, context.doneMessage);
  } catch (error) {
    if (controller.signal.aborted) {
      const wait = timeoutMs % 1000 === 0 ? `${timeoutMs / 1000} s` : `${timeoutMs} ms`;
      return { ok: false, status: null, message: `No answer within ${wait}` };
    }
    return { ok: false, status: null, message: networkReason(error).message };
  } finally {
    context.clock.clearTimeout(timer);
  }
}

function outcomeOf(response: Response, doneMessage: string): SendOutcome {
  const { status } = response;
  // Chromium's net.fetch answers a manual redirect with an opaque response (status 0), Node with the 3xx.
  if (response.type === 'opaqueredirect' || (status >= 300 && status < 400)) {
    const where = redirectHost(response.headers.get('location'), response.url);
    return {
      ok: false,
      status: status === 0 ? null : status,
      message: `Not followed: the server redirected${where ? ` to ${where}` : ''}; nothing more was sent`,
    };
  }
  if (status >= 200 && status < 300) return { ok: true, status, message: doneMessage };
  const text = STATUS_CODES[status];
  return { ok: false, status, message: text ? `HTTP ${status} ${text}` : `HTTP ${status}` };
}

function redirectHost(location: string | null, base: string): string | null {
  if (location === null) return null;
  try {
    return new URL(location, base || undefined).host;
  } catch {
    return null;
  }
}

/**
 * The request's headers: the feed's (credentials from its address, then its own headers, secrets
 * included) when it may carry them, then the action's own where the feed set no such header.
 */
function requestHeaders(request: ActionRequest, feed: SendContext['feed']): Headers | { message: string } {
  const headers = new Headers();
  if (request.withFeedHeaders) {
    const authorization = splitUserinfo(feed.url)?.authorization;
    if (authorization !== undefined) headers.set('Authorization', authorization);
    for (const header of feed.headers) {
      // A secret waiting to be entered again is left out rather than sent empty.
      if (header.secret && header.value === '') continue;
      try {
        headers.set(header.name, header.value);
      } catch {
        // Named, never quoted: the value may be a secret.
        return { message: `Refused: the feed's header "${header.name}" cannot be sent` };
      }
    }
  }
  for (const [name, value] of request.headers) {
    if (headers.has(name)) continue;
    try {
      headers.set(name, value);
    } catch {
      return { message: `Refused: the action's header "${name}" cannot be sent` };
    }
  }
  return headers;
}
