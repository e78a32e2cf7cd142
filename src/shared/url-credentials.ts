/**
 * Credentials written into a feed's address (`https://user:password@host/stream`). Fetch refuses such
 * a URL ("Request cannot be constructed from a URL that includes credentials"), and showing it would
 * show the password, so the engine sends them as `Authorization: Basic …` and every place that
 * displays an address shows it without them. Plain functions: main, the CLI and the window share them.
 */

/** A URL taken apart: the address without userinfo and the Basic credentials it carried. */
export interface SplitUserinfo {
  url: string;
  /** `Basic <base64 of user:password>`, both percent-decoded and encoded as UTF-8. */
  authorization: string;
}

/** Moves `user:password@` out of a URL into an Authorization value; null when the URL has none (or is no URL). */
export function splitUserinfo(url: string): SplitUserinfo | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.username === '' && parsed.password === '') return null;
  // RFC 7617: the user-id and password joined by a colon, in UTF-8, then base64.
  const credentials = `${percentDecoded(parsed.username)}:${percentDecoded(parsed.password)}`;
  parsed.username = '';
  parsed.password = '';
  return { url: parsed.href, authorization: `Basic ${base64Utf8(credentials)}` };
}

/** The address as it may be shown (status, CLI, window, logs): never with its userinfo. */
export function displayUrl(url: string | URL): string {
  const text = String(url);
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return redactUserinfo(text);
  }
  if (parsed.username === '' && parsed.password === '') return text;
  parsed.username = '';
  parsed.password = '';
  return parsed.href;
}

// The authority's userinfo runs to its last `@` before the path, query or fragment starts.
const USERINFO = /\b([a-z][a-z\d+.-]*:\/\/)[^\s/?#]*@/gi;

/** Strips the userinfo of every URL inside a piece of text, such as an error message that quotes one. */
export function redactUserinfo(text: string): string {
  return text.replace(USERINFO, '$1');
}

function percentDecoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // a stray `%` is taken literally rather than failing the feed
  }
}

function base64Utf8(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
