/**
 * `feedtray://add?url=…&name=…&preset=…`: a link that offers a feed. It carries an address, a name and
 * a server preset, nothing else: never credentials, headers, or a switch that turns anything on. The
 * app opens the editor pre-filled and the user saves (or not). Pure, used by main and the window.
 */
import { PRESET_NAMES, type PresetName } from './feed.ts';
import { isHttpUrl } from './presentation/link.ts';
import { displayUrl } from './url-credentials.ts';

/** The scheme the app registers with the OS. */
export const ADD_LINK_SCHEME = 'feedtray';

/** What a link offers. */
export interface AddLink {
  url: string;
  name: string;
  preset: PresetName;
}

/** Longer links are not something a person shares. */
export const MAX_ADD_LINK_CHARS = 4096;
const MAX_NAME_CHARS = 100;

/** Query parameters that hold credentials (ntfy's `auth`, API keys, tokens): never put in or taken from a link. */
const SECRET_PARAMS =
  /^(auth|authorization|token|access_token|api[-_]?key|key|password|passwd|secret|jwt|sig|signature)$/i;

/** The address without userinfo or credential parameters. */
function withoutSecrets(url: string): string {
  const parsed = new URL(displayUrl(url));
  for (const name of [...parsed.searchParams.keys()])
    if (SECRET_PARAMS.test(name)) parsed.searchParams.delete(name);
  return parsed.href;
}

/** The link for a feed: its address (without secrets), name and preset. */
export function makeAddLink(feed: AddLink): string {
  const params = new URLSearchParams({ url: withoutSecrets(feed.url), name: feed.name });
  if (feed.preset !== 'generic') params.set('preset', feed.preset);
  return `${ADD_LINK_SCHEME}://add?${params.toString()}`;
}

/**
 * The offer in a `feedtray://add` link, or null when the text is not one (another scheme or action, no
 * http(s) address, an unknown preset). Other parameters are ignored, whatever they are called.
 */
export function parseAddLink(text: string): AddLink | null {
  if (text.length > MAX_ADD_LINK_CHARS) return null;
  let link: URL;
  try {
    link = new URL(text);
  } catch {
    return null;
  }
  if (link.protocol !== `${ADD_LINK_SCHEME}:` || link.hostname !== 'add') return null;
  if (link.pathname !== '' && link.pathname !== '/') return null;
  const url = link.searchParams.get('url') ?? '';
  if (!isHttpUrl(url)) return null;
  const preset = link.searchParams.get('preset') ?? 'generic';
  if (!(PRESET_NAMES as readonly string[]).includes(preset)) return null;
  const address = withoutSecrets(url);
  // eslint-disable-next-line no-control-regex
  const rawName = (link.searchParams.get('name') ?? '').replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').trim();
  const name = (rawName || new URL(address).hostname).slice(0, MAX_NAME_CHARS);
  return { url: address, name, preset: preset as PresetName };
}

/** The first add link among a process's arguments (Windows and Linux hand the link over that way). */
export function findAddLink(argv: readonly string[]): AddLink | null {
  for (const arg of argv) {
    if (!arg.toLowerCase().startsWith(`${ADD_LINK_SCHEME}:`)) continue;
    const link = parseAddLink(arg);
    if (link) return link;
  }
  return null;
}
