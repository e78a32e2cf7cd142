/**
 * Servers that do not resume the SSE way: ids inside the JSON data (`idPointer`) and a resume position
 * carried in the URL (`resume.queryParam`). Pure functions; the connection applies them to every
 * request it makes and every event it delivers.
 */
import type { FeedResume } from '../../shared/feed.ts';
import { resolvePointer } from '../../shared/presentation/json-pointer.ts';

/** Plain SSE: `Last-Event-ID` only. */
export const SSE_RESUME: FeedResume = { lastEventId: true, queryParam: null, initial: null };

/** Longer ids are not positions a server handed out; they are not sent back in a URL or header. */
export const MAX_ID_CHARS = 1024;

/**
 * The address to ask: `target` with `<param>=<last id>` when a position is known, `<param>=<initial>`
 * when none is and the feed has a first-connect value, else unchanged. A param already in the address
 * is replaced, never repeated, so each reconnect asks from the newest position.
 */
export function resumeUrl(target: string, resume: FeedResume, lastEventId: string): string {
  if (resume.queryParam === null) return target;
  const value = lastEventId !== '' ? lastEventId : resume.initial;
  if (value === null) return target;
  const url = new URL(target);
  url.searchParams.set(resume.queryParam, value);
  return url.href;
}

/**
 * The id at `pointer` in an event's JSON data: a string as it is, a finite number written out; '' when
 * the data is not JSON, the pointer finds nothing, or the value is not usable as a position (empty,
 * too long, holding a NUL or a line break that no header or server could take back).
 */
export function idFromData(data: string, pointer: string): string {
  // Cheap refusal first: only a JSON object or array can hold an id at a pointer.
  const first = data.trimStart()[0];
  if (first !== '{' && first !== '[') return '';
  let doc: unknown;
  try {
    doc = JSON.parse(data);
  } catch {
    return ''; // not JSON: this event has no id, like an SSE event without an `id:` field
  }
  const found = resolvePointer(doc, pointer);
  if (!found.ok) return '';
  const { value } = found;
  const id =
    typeof value === 'string'
      ? value
      : typeof value === 'number' && Number.isFinite(value)
        ? String(value)
        : '';
  // [spec] "If the field value does not contain U+0000 NULL, then set the last event ID buffer" — the
  // same rule an `id:` field follows, plus line breaks, which an `id:` field cannot hold either.
  if (id.length > MAX_ID_CHARS || /[\0\r\n]/.test(id)) return '';
  return id;
}
