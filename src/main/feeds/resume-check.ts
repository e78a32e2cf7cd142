/**
 * Resume diagnosis for `feedtray check` and the editor's Test: does this server resume from a position?
 * Connect, note two ids, reconnect from the first by the feed's resume method and see whether the
 * second comes again. Three answers a user can act on: it resumes; it ignores the position and sends
 * from the start (dedupe copes); or it sends nothing that came after it (events are missed while away).
 */
import { createParser } from 'eventsource-parser';
import type { FeedResume } from '../../shared/feed.ts';
import type { FetchFn } from '../ports.ts';
import { fetchFollowingSafely } from './redirects.ts';
import { idFromData, resumeUrl } from './resume.ts';

/** The server knobs the diagnosis follows: the feed's, or those of the preset the server looks like. */
export interface ResumeKnobs {
  idPointer: string | null;
  resume: FeedResume;
  heartbeatTypes: readonly string[];
}

/** What the diagnosis found. */
export interface ResumeDiagnosis {
  verdict: 'resumes' | 'replays-from-start' | 'ignores-position' | 'unknown';
  message: string;
}

/** One probe request: where, with which headers, and how long to listen. */
export interface ProbeOptions {
  fetch: FetchFn;
  url: string;
  headers: Headers;
  ownHeaders: readonly string[];
  knobs: ResumeKnobs;
  listenMs: number;
}

/**
 * The diagnosis, given the ids the check's own connection saw (oldest first). With fewer than two, a
 * server that resumes by a parameter with a first-connect window (ntfy's `since=12h`) is asked for its
 * recent events first.
 */
export async function diagnoseResume(
  probe: ProbeOptions,
  seenIds: readonly string[],
): Promise<ResumeDiagnosis> {
  let ids = seenIds;
  if (ids.length < 2 && probe.knobs.resume.queryParam !== null && probe.knobs.resume.initial !== null) {
    ids = await probeIds(probe, '', 2);
  }
  const [first, second] = ids;
  if (first === undefined || second === undefined) {
    return {
      verdict: 'unknown',
      message:
        'Could not tell whether the server resumes: fewer than two events with ids arrived (publish two and check again).',
    };
  }
  const again = await probeIds(probe, first, 1);
  const how = method(probe.knobs.resume);
  if (again[0] === second) {
    return {
      verdict: 'resumes',
      message: `The server resumes: reconnecting from an earlier id (${how}) brought the events after it again.`,
    };
  }
  if (again[0] === first) {
    return {
      verdict: 'replays-from-start',
      message: `The server ignores the position (${how}) and sends from the start; FeedTray drops the repeats, but events older than what it sends are missed.`,
    };
  }
  return {
    verdict: 'ignores-position',
    message: `The server does not resume from a position (${how}): events published while FeedTray is disconnected will be missed. If it resumes by a URL parameter, set it (ntfy: the ntfy preset).`,
  };
}

/** The resume method in words. */
function method(resume: FeedResume): string {
  const ways: string[] = [];
  if (resume.lastEventId) ways.push('Last-Event-ID');
  if (resume.queryParam !== null) ways.push(`?${resume.queryParam}=`);
  return ways.length > 0 ? ways.join(' and ') : 'no resume method';
}

/** Ids of the first `want` events a request from `lastEventId` brings ('' = no position). */
export async function probeIds(probe: ProbeOptions, lastEventId: string, want: number): Promise<string[]> {
  const { knobs } = probe;
  const headers = new Headers(probe.headers);
  if (lastEventId !== '' && knobs.resume.lastEventId) {
    try {
      headers.set('Last-Event-ID', lastEventId);
    } catch {
      // an id a header cannot carry: the probe goes without it, like the connection
    }
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), probe.listenMs);
  const ids: string[] = [];
  const heartbeats = new Set(knobs.heartbeatTypes);
  const parser = createParser({
    onEvent: (event) => {
      if (heartbeats.has(event.event ?? 'message')) return;
      const id = event.id || (knobs.idPointer === null ? '' : idFromData(event.data, knobs.idPointer));
      if (id !== '') ids.push(id);
    },
  });
  try {
    const { response } = await fetchFollowingSafely(
      probe.fetch,
      resumeUrl(probe.url, knobs.resume, lastEventId),
      { headers, signal: controller.signal },
      { ownHeaders: [...probe.ownHeaders] },
    );
    if (response.status !== 200 || !response.body) return ids;
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    while (ids.length < want) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.feed(decoder.decode(value, { stream: true }));
    }
    await reader.cancel().catch(() => undefined);
  } catch {
    // a probe that fails or times out saw what it saw: the verdict says what that means
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return ids.slice(0, want);
}
