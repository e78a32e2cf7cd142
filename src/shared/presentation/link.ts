/**
 * The one rule for links FeedTray opens or follows: absolute http: or https: URLs only. Any other
 * scheme (`javascript:`, `file:`, `data:`, custom schemes that launch programs) never passes, because a
 * link is handed to the system browser, and a feed URL to the network.
 */

/** Whether `url` is an absolute http(s) URL. */
export function isHttpUrl(url: string | URL): boolean {
  try {
    return isHttpProtocol(new URL(url).protocol);
  } catch {
    return false; // not an absolute URL: exactly what the caller wants rejected
  }
}

/** Whether a URL's `protocol` (with its colon) is http: or https:. */
export function isHttpProtocol(protocol: string): boolean {
  return protocol === 'http:' || protocol === 'https:';
}

/**
 * An absolute http(s) URL from event data, normalized (IDN hosts in punycode, so look-alike domains
 * show as what they are), or null.
 */
export function safeLink(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (text === '' || !isHttpUrl(text)) return null;
  return new URL(text).href;
}
