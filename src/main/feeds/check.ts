import { createParser } from 'eventsource-parser';
import type { FeedCheckResult } from '../../shared/check.ts';
import type { FeedHeader } from '../../shared/feed.ts';
import { subscribesTo } from '../../shared/presentation/event-types.ts';
import { displayUrl, splitUserinfo } from '../../shared/url-credentials.ts';
import type { FetchFn } from '../ports.ts';
import { contentTypeReason, httpStatusReason, isEventStream, networkReason } from './reasons.ts';
import { fetchFollowingSafely, UnsafeRedirectError } from './redirects.ts';
import { idFromData, SSE_RESUME } from './resume.ts';
import { diagnoseResume, type ResumeKnobs } from './resume-check.ts';
import { presetFields, recognisePreset } from '../../shared/presets.ts';

export interface CheckOptions {
  url: string;
  fetch: FetchFn;
  headers?: readonly Pick<FeedHeader, 'name' | 'value'>[];
  /** The event types the feed takes (empty = `message`, `*` = all); others are counted, not sampled. Default all. */
  eventTypes?: readonly string[];
  /** Stop listening after this long (default 5 s)… */
  listenMs?: number;
  /** …or after this many events (default 5). */
  maxEvents?: number;
  now?: () => number;
  /** The feed's server knobs (id pointer, resume method, heartbeats); default plain SSE. */
  knobs?: ResumeKnobs;
  /** Also reconnect from an earlier id to tell whether the server resumes (a few more seconds). */
  diagnoseResume?: boolean;
}

/** Sample data kept per event: enough for the editor's preview to see a whole JSON document. */
const PREVIEW_CHARS = 64 * 1024;

/** Connects once, listens briefly, and explains what is wrong in words a user can act on. */
export async function checkFeed(options: CheckOptions): Promise<FeedCheckResult> {
  const now = options.now ?? (() => performance.now());
  const listenMs = options.listenMs ?? 5000;
  const maxEvents = options.maxEvents ?? 5;
  const result: FeedCheckResult = {
    url: displayUrl(options.url),
    ok: false,
    httpStatus: null,
    contentType: null,
    responseMs: null,
    retryMs: null,
    events: [],
    eventTypes: [],
    idsPresent: false,
    heartbeatSeen: false,
    listenedMs: 0,
    preset: null,
    resume: null,
    problems: [],
    notes: [],
  };
  let url: URL;
  try {
    url = new URL(options.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
  } catch {
    result.problems.push(`"${displayUrl(options.url)}" is not an http:// or https:// address.`);
    return result;
  }

  const controller = new AbortController();
  const headers = new Headers({ Accept: 'text/event-stream', 'Cache-Control': 'no-store' });
  const ownHeaders = (options.headers ?? []).map((header) => header.name);
  // `user:password@` in the address becomes Basic credentials; an explicit Authorization header wins.
  const userinfo = splitUserinfo(url.href);
  if (userinfo) {
    url = new URL(userinfo.url);
    headers.set('Authorization', userinfo.authorization);
    ownHeaders.push('Authorization');
  }
  for (const header of options.headers ?? []) {
    try {
      headers.set(header.name, header.value);
    } catch {
      result.problems.push(
        `The header "${header.name}" cannot be sent: header values must be Latin-1 (ISO-8859-1) text on one line.`,
      );
      return result;
    }
  }
  const started = now();
  const deadline = setTimeout(() => controller.abort(), listenMs + 10_000);
  try {
    let response: Response;
    try {
      const followed = await fetchFollowingSafely(
        options.fetch,
        url,
        { headers, signal: controller.signal },
        { ownHeaders },
      );
      response = followed.response;
      if (followed.movedTo !== null)
        result.notes.push(`The feed moved permanently to ${displayUrl(followed.movedTo)}: use that address.`);
      else if (followed.redirected) result.notes.push(`Redirected to ${displayUrl(followed.url)}.`);
    } catch (error) {
      const message =
        error instanceof UnsafeRedirectError
          ? `Not following a redirect: ${error.message}`
          : networkReason(error).message;
      result.problems.push(`${message}.`);
      return result;
    }
    result.responseMs = Math.round(now() - started);
    result.httpStatus = response.status;
    result.contentType = response.headers.get('content-type');
    if (response.status !== 200) {
      await response.body?.cancel().catch(() => undefined);
      result.problems.push(explainStatus(response.status));
      return result;
    }
    if (!isEventStream(result.contentType)) {
      const preview = (await response.text().catch(() => '')).slice(0, 120).replace(/\s+/g, ' ').trim();
      result.problems.push(
        `${contentTypeReason(result.contentType).message}. The address answers, but not with an event stream` +
          (/html/i.test(result.contentType ?? '')
            ? ': it looks like a web page (a login page or the wrong URL).'
            : '.') +
          (preview ? ` It begins: "${preview}"` : ''),
      );
      return result;
    }
    const first = await listen(response, result, {
      listenMs,
      maxEvents,
      now,
      controller,
      eventTypes: options.eventTypes ?? ['*'],
      knobs: options.knobs ?? null,
    });
    result.preset = recognisePreset({ url: url.href, events: first ? [first] : [] });
  } finally {
    clearTimeout(deadline);
    controller.abort();
  }
  diagnoseStream(result, listenMs, options.eventTypes !== undefined);
  if (result.preset !== null && result.problems.length === 0) {
    const name = result.preset === 'ntfy' ? 'an ntfy server' : 'a Mercure hub';
    result.notes.push(
      `This looks like ${name}: choose the ${result.preset} preset (feedtray listen … --preset ${result.preset}).`,
    );
  }
  if (options.diagnoseResume && result.problems.length === 0) {
    const knobs = options.knobs ?? (result.preset ? presetFields(result.preset) : GENERIC_KNOBS);
    const ids = result.events.map((event) => event.id).filter((id) => id !== '');
    result.resume = await diagnoseResume(
      { fetch: options.fetch, url: url.href, headers, ownHeaders, knobs, listenMs: Math.min(listenMs, 3000) },
      ids,
    );
    result.notes.push(result.resume.message);
  }
  result.ok = result.problems.length === 0;
  return result;
}

const GENERIC_KNOBS: ResumeKnobs = { idPointer: null, resume: SSE_RESUME, heartbeatTypes: [] };

/** Listens and samples; returns the first event as it came (what recognises a server), or null. */
async function listen(
  response: Response,
  result: FeedCheckResult,
  {
    listenMs,
    maxEvents,
    now,
    controller,
    eventTypes,
    knobs,
  }: {
    listenMs: number;
    maxEvents: number;
    now: () => number;
    controller: AbortController;
    eventTypes: readonly string[];
    knobs: ResumeKnobs | null;
  },
): Promise<{ type: string; data: string } | null> {
  const types = new Set<string>();
  const ignored = new Map<string, number>();
  let first: { type: string; data: string } | null = null;
  const parser = createParser({
    onEvent: (event) => {
      const type = event.event ?? 'message';
      first ??= { type, data: event.data.slice(0, PREVIEW_CHARS) };
      // A named heartbeat (ntfy's keepalive) says the stream is alive, like a comment.
      if (knobs?.heartbeatTypes.includes(type)) {
        result.heartbeatSeen = true;
        return;
      }
      types.add(type);
      const pointer = knobs?.idPointer ?? null;
      const id = event.id || (pointer === null ? '' : idFromData(event.data, pointer));
      if (id !== '') result.idsPresent = true;
      if (!subscribesTo(eventTypes, type)) {
        ignored.set(type, (ignored.get(type) ?? 0) + 1);
        return;
      }
      result.events.push({ type, id, data: event.data.slice(0, PREVIEW_CHARS) });
    },
    onRetry: (retryMs) => (result.retryMs = retryMs),
    onComment: () => (result.heartbeatSeen = true),
  });
  const listenStart = now();
  const timer = setTimeout(() => controller.abort(), listenMs);
  const decoder = new TextDecoder();
  try {
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    while (result.events.length < maxEvents) {
      const { done, value } = await reader.read();
      if (done) {
        result.notes.push('The server ended the stream; FeedTray would reconnect after its retry delay.');
        break;
      }
      parser.feed(decoder.decode(value, { stream: true }));
    }
    await reader.cancel().catch(() => undefined);
  } catch (error) {
    if (!controller.signal.aborted)
      result.problems.push(`The stream broke: ${networkReason(error).message}.`);
  } finally {
    clearTimeout(timer);
    result.listenedMs = Math.round(now() - listenStart);
    result.eventTypes = [...types];
    if (ignored.size > 0) {
      const list = [...ignored].map(([type, count]) => `${count} × ${type}`).join(', ');
      result.notes.push(
        `Also received events this feed does not take (${list}): add their types to the feed's event types, or use * for all.`,
      );
    }
  }
  return first;
}

function diagnoseStream(result: FeedCheckResult, listenMs: number, typesGiven: boolean): void {
  const seconds = (listenMs / 1000).toFixed(0);
  if (result.events.length === 0 && !result.heartbeatSeen) {
    result.problems.push(
      `Connected, but nothing arrived in ${seconds} s, not even a heartbeat comment. The feed may be quiet, or a proxy ` +
        "may be buffering the stream; without heartbeats FeedTray reconnects after the feed's stall timeout (90 s by default).",
    );
  } else if (result.events.length === 0) {
    result.notes.push(
      `No events in ${seconds} s, but heartbeat comments arrive: the stream is alive and quiet.`,
    );
  }
  if (result.events.length > 0 && !result.idsPresent) {
    result.notes.push(
      'Events carry no id: after a reconnect the server cannot resume where it stopped, so events can be missed or repeated.',
    );
  }
  // With the feed's own types given, events it does not take are already named in a note.
  if (!typesGiven && result.events.length > 0 && !result.eventTypes.includes('message')) {
    result.notes.push(
      `All events are named (${result.eventTypes.join(', ')}): list those types in the feed's event types, or use * for all.`,
    );
  }
  if (!result.heartbeatSeen && result.events.length > 0 && result.listenedMs >= listenMs) {
    result.notes.push(
      'No heartbeat comments seen: a quiet period longer than the stall timeout will cause a reconnect.',
    );
  }
}

function explainStatus(status: number): string {
  const label = httpStatusReason(status).message.replace(/:.*/, '');
  if (status === 401 || status === 403) {
    return `${label}: the server wants credentials. Add the token as a header (for example "Authorization: Bearer …"), or sign in.`;
  }
  if (status === 404) return `${label}: nothing at this address. Check the path.`;
  if (status === 204)
    return `${label}: the server asks clients to stop; FeedTray will not reconnect until you retry.`;
  if (status >= 500) return `${label}: the server is failing. FeedTray keeps retrying with backoff.`;
  return `${label}: an event stream answers 200.`;
}
