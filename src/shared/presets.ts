/**
 * Server presets: one choice that fills a feed's id pointer, resume method, heartbeats and mapping for
 * the servers people run. Pure, shared by the CLI, `feedtray check` and the editor.
 *
 * - ntfy (docs.ntfy.sh/subscribe/api): `GET /<topic>[,<topic>…]/sse`; message events are `data: <json>`
 *   with no `id:` field (the id is `/id`), `event: open` and `event: keepalive` are named heartbeats,
 *   `Last-Event-ID` is ignored and `?since=<message id>` (or a duration such as `12h`) resumes.
 * - mercure (mercure.rocks/spec): `GET /.well-known/mercure?topic=…`; SSE ids, resumed by
 *   `Last-Event-ID` or the `lastEventID` query parameter (the hub reads either).
 * - generic: plain SSE.
 */
import type { FeedConfig, FeedMapping, FeedResume, PresetName } from './feed.ts';

/** What a preset sets on a feed. */
export type PresetFields = Pick<
  FeedConfig,
  'preset' | 'idPointer' | 'resume' | 'heartbeatTypes' | 'eventTypes'
> & {
  mapping: FeedMapping;
};

/** ntfy's first connect without a position asks for this much recent history, so the list is not empty. */
export const NTFY_DEFAULT_SINCE = '12h';

const NTFY_MAPPING: FeedMapping = {
  title: '/title',
  titleFallback: '/topic',
  body: '/message',
  link: '/click',
  severity: '/priority',
  tags: '/tags',
  extraLinks: ['/attachment/url', '/icon'],
  // ntfy's buttons: `view` opens a link, `http` sends a request; `broadcast` (Android) is ignored.
  actions: '/actions',
};

/** The knobs of a preset; `since` is ntfy's first-connect window (`12h`, `all`, a unix time). */
export function presetFields(name: PresetName, since: string = NTFY_DEFAULT_SINCE): PresetFields {
  switch (name) {
    case 'ntfy':
      return {
        preset: 'ntfy',
        idPointer: '/id',
        resume: { lastEventId: false, queryParam: 'since', initial: since },
        heartbeatTypes: ['open', 'keepalive'],
        eventTypes: [],
        mapping: { ...NTFY_MAPPING, extraLinks: [...NTFY_MAPPING.extraLinks!] },
      };
    case 'mercure':
      return {
        preset: 'mercure',
        idPointer: null,
        resume: { lastEventId: true, queryParam: 'lastEventID', initial: null },
        heartbeatTypes: [],
        eventTypes: [],
        mapping: {},
      };
    case 'generic':
      return {
        preset: 'generic',
        idPointer: null,
        resume: { lastEventId: true, queryParam: null, initial: null } satisfies FeedResume,
        heartbeatTypes: [],
        eventTypes: [],
        mapping: {},
      };
  }
}

/** ntfy's stream endpoints; a topic URL in any of these forms becomes the `/sse` one. */
const NTFY_ENDPOINTS = new Set(['sse', 'json', 'raw', 'ws']);

/**
 * The stream address for a preset: an ntfy topic URL (`https://ntfy.sh/alerts`, `…/alerts,deploys`,
 * `…/alerts/json`) becomes `…/<topics>/sse`, its query (filters such as `priority=4`) kept; other
 * presets take the address as it is.
 */
export function presetStreamUrl(name: PresetName, url: string): string {
  if (name !== 'ntfy') return url;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url; // not an address: the feed's own validation says so
  }
  const segments = parsed.pathname.split('/').filter((segment) => segment !== '');
  if (segments.length > 1 && NTFY_ENDPOINTS.has(segments.at(-1)!)) segments.pop();
  if (segments.length === 0) return url; // the server's root: nothing to subscribe to yet
  parsed.pathname = `/${segments.join('/')}/sse`;
  return parsed.href;
}

/** What is missing for a preset to work with this address, in words, or null when nothing is. */
export function presetProblem(name: PresetName, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (name === 'ntfy' && parsed.pathname.split('/').filter(Boolean).length === 0)
    return 'An ntfy address names a topic: https://ntfy.sh/mytopic (several: /alerts,deploys).';
  if (name === 'mercure' && !parsed.searchParams.has('topic'))
    return 'A Mercure hub address names at least one topic: …/.well-known/mercure?topic=https://example.com/books/1';
  return null;
}

/** What a first look at a stream found: its address and the first events' types and data. */
export interface StreamSample {
  url: string;
  events: readonly { type: string; data: string }[];
}

/**
 * The preset a server looks like: ntfy answers on `/…/sse` and opens with `event: open` whose JSON
 * says `"event":"open"`; a Mercure hub lives at `/.well-known/mercure`. Null when neither.
 */
export function recognisePreset(sample: StreamSample): Exclude<PresetName, 'generic'> | null {
  let path: string;
  try {
    path = new URL(sample.url).pathname;
  } catch {
    return null;
  }
  if (path === '/.well-known/mercure' || path.endsWith('/.well-known/mercure')) return 'mercure';
  const first = sample.events[0];
  if (path.endsWith('/sse') && first?.type === 'open' && saysOpen(first.data)) return 'ntfy';
  return null;
}

function saysOpen(data: string): boolean {
  try {
    const doc = JSON.parse(data) as unknown;
    return typeof doc === 'object' && doc !== null && (doc as { event?: unknown }).event === 'open';
  } catch {
    return false;
  }
}
