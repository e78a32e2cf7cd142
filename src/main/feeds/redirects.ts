import type { FetchFn } from '../ports.ts';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const PERMANENT_STATUSES = new Set([301, 308]);
/** One limit for every feed, with or without headers of its own. */
export const MAX_REDIRECTS = 10;

/** What came back, and where from. */
export interface FollowedResponse {
  response: Response;
  url: string;
  redirected: boolean;
  /**
   * Where the feed moved for good: the target of the last 301/308 in the unbroken run of permanent
   * redirects the chain starts with (a temporary hop after it says nothing about the new home); null
   * when the first hop was temporary or there was none.
   */
  movedTo: string | null;
}

/** A redirect that cannot be followed safely; the message is for the feed's status. */
export class UnsafeRedirectError extends Error {
  override name = 'UnsafeRedirectError';
}

/** Which headers are the feed's own, and the one origin they may go to. */
export interface HeaderScope {
  ownHeaders: readonly string[];
  /** Defaults to the origin of the URL asked for; a feed that moved keeps its configured origin. */
  headersOrigin?: string;
}

/**
 * Fetches `url`, following redirects itself: fetch drops only `Authorization` on a cross-origin
 * redirect, so an `X-Api-Key` would reach whatever host the feed redirects to, and fetch would not say
 * which hops were permanent. Headers named in `ownHeaders` are sent to `headersOrigin` only.
 */
export async function fetchFollowingSafely(
  fetch: FetchFn,
  url: string | URL,
  init: RequestInit & { headers: Headers },
  { ownHeaders, headersOrigin }: HeaderScope,
): Promise<FollowedResponse> {
  let current = new URL(url);
  const origin = headersOrigin ?? current.origin;
  let movedTo: string | null = null;
  let permanentSoFar = true;
  const headers = new Headers(init.headers);
  if (current.origin !== origin) for (const name of ownHeaders) headers.delete(name);
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const response = await fetch(current, { ...init, headers, redirect: 'manual' });
    if (response.type === 'opaqueredirect') {
      if (ownHeaders.length === 0 && hop === 0) return followBlind(fetch, current, { ...init, headers });
      // A browser-style fetch hides where it redirects; following blind could send the headers anywhere.
      throw new UnsafeRedirectError(
        'the feed redirects, and this fetch does not say where; use the final address',
      );
    }
    const location = response.headers.get('location');
    if (!REDIRECT_STATUSES.has(response.status) || location === null) {
      return { response, url: current.href, redirected: hop > 0, movedTo };
    }
    await response.body?.cancel().catch(() => undefined);
    const next = new URL(location, current);
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
      throw new UnsafeRedirectError(`the feed redirects to a ${next.protocol} address`);
    }
    permanentSoFar &&= PERMANENT_STATUSES.has(response.status);
    if (permanentSoFar) movedTo = next.href;
    if (next.origin !== origin) for (const name of ownHeaders) headers.delete(name);
    current = next;
  }
  throw new UnsafeRedirectError(`more than ${MAX_REDIRECTS} redirects`);
}

/** A fetch that only follows redirects itself (a browser's), for a feed with nothing to protect. */
async function followBlind(fetch: FetchFn, url: URL, init: RequestInit): Promise<FollowedResponse> {
  const response = await fetch(url, { ...init, redirect: 'follow' });
  return { response, url: response.url || url.href, redirected: response.redirected, movedTo: null };
}
