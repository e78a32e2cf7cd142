import type { FetchFn } from '../ports.ts';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 10;

/** What came back, and where from. */
export interface FollowedResponse {
  response: Response;
  url: string;
  redirected: boolean;
}

/** A redirect that cannot be followed safely; the message is for the feed's status. */
export class UnsafeRedirectError extends Error {
  override name = 'UnsafeRedirectError';
}

/**
 * Fetches `url`, following redirects itself when the feed sends headers of its own: fetch drops only
 * `Authorization` on a cross-origin redirect, so an `X-Api-Key` would reach whatever host the feed
 * redirects to. Headers named in `ownHeaders` are sent to the feed's origin only.
 */
export async function fetchFollowingSafely(
  fetch: FetchFn,
  url: string | URL,
  init: RequestInit & { headers: Headers },
  ownHeaders: readonly string[],
): Promise<FollowedResponse> {
  if (ownHeaders.length === 0) {
    const response = await fetch(url, { ...init, redirect: 'follow' });
    return { response, url: response.url || String(url), redirected: response.redirected };
  }
  const origin = new URL(url).origin;
  let current = new URL(url);
  const headers = new Headers(init.headers);
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const response = await fetch(current, { ...init, headers, redirect: 'manual' });
    if (response.type === 'opaqueredirect') {
      // A browser-style fetch hides where it redirects; following blind could send the headers anywhere.
      throw new UnsafeRedirectError(
        'the feed redirects, and this fetch does not say where; use the final address',
      );
    }
    const location = response.headers.get('location');
    if (!REDIRECT_STATUSES.has(response.status) || location === null) {
      return { response, url: current.href, redirected: hop > 0 };
    }
    await response.body?.cancel().catch(() => undefined);
    const next = new URL(location, current);
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
      throw new UnsafeRedirectError(`the feed redirects to a ${next.protocol} address`);
    }
    if (next.origin !== origin) for (const name of ownHeaders) headers.delete(name);
    current = next;
  }
  throw new UnsafeRedirectError(`more than ${MAX_REDIRECTS} redirects`);
}
