/**
 * Normalization: a raw SSE event becomes the `FeedEvent` history, notifications, the tray and the
 * window show. Pure and total: bad JSON, missing pointers and hostile links never throw.
 *
 * Where the text comes from, in order:
 * - a mapping pointer that resolves to something with text (strings as they are, numbers and
 *   booleans stringified, objects and arrays as compact JSON);
 * - data that is not a JSON object or array (plain text, or a bare JSON scalar): the first
 *   non-empty line is the title, the lines after it the body;
 * - a JSON object or array without a usable title: the event type when the server named one (it is
 *   the only human-chosen label there is), otherwise the first 80 characters of the compact JSON.
 *   Its body is the compact JSON, unless the title came from the mapping (the user picked the fields
 *   worth showing) or the title already shows the whole document.
 * - an event with no text at all is titled with its event type, so nothing is ever blank.
 */
import type { FeedEvent, FeedMapping, RawFeedEvent } from '../feed.ts';
import { DEFAULT_SEVERITY, resolveSeverity, type Severity, type SeverityWord } from './severity.ts';
import { resolvePointer } from './json-pointer.ts';
import { splitTags } from './emoji.ts';
import { safeLink } from './link.ts';
import { capText, cleanLine, splitTitleBody, toBody, toText, toTitle } from './text.ts';

/** The parts of an event the user maps with one pointer each (the editor's fields). */
export type MappingRole = 'title' | 'body' | 'link' | 'value' | 'severity';
/** Every single-pointer part, presets' extras (title fallback, tags) included. */
type PointerRole = Exclude<keyof FeedMapping, 'extraLinks' | 'actions'>;

/** How a feed's events get their severity (the feed's `severity` settings). */
export interface SeverityRule {
  default: Severity;
  words: readonly SeverityWord[];
}

const NO_SEVERITY_RULE: SeverityRule = { default: DEFAULT_SEVERITY, words: [] };

/** How much of a JSON document stands in for a title when nothing better exists. */
export const JSON_TITLE_PREFIX_CHARS = 80;

// A plain decimal number with optional sign, fraction and exponent. Number() alone would also take
// "", " ", "0x1F", "Infinity" and "1_000"-free oddities that are not what a feed means by a value.
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * The event key: `feedId:id` when the server sent an id, else `feedId:#seq`, where `seq` is the
 * caller's running count, so events without an id stay distinct.
 */
export function eventKey(feedId: string, id: string, seq: number): string {
  return id !== '' ? `${feedId}:${id}` : `${feedId}:#${seq}`;
}

/** Normalizes one raw event with its feed's mapping. `seq` numbers events that carry no id. */
export function normalizeEvent(
  raw: RawFeedEvent,
  mapping: FeedMapping,
  seq: number,
  severity: SeverityRule = NO_SEVERITY_RULE,
): FeedEvent {
  return inspectEvent(raw, mapping, seq, severity).event;
}

/**
 * Normalizes one event and says which mapping pointers found nothing in it: the editor's preview shows
 * exactly what main will make of the event, and which fields of the mapping missed.
 */
export function inspectEvent(
  raw: RawFeedEvent,
  mapping: FeedMapping,
  seq: number,
  severity: SeverityRule = NO_SEVERITY_RULE,
): { event: FeedEvent; missing: MappingRole[]; doc: { value: unknown } | undefined } {
  const doc = parseJson(raw.data);
  const missing: MappingRole[] = [];
  const pick = (role: PointerRole): unknown => {
    const pointer = mapping[role];
    if (pointer === undefined) return undefined;
    const found = doc === undefined ? undefined : resolvePointer(doc.value, pointer);
    if (found?.ok !== true || found.value === null) {
      // A preset's extras (a title fallback, tags) are optional by nature: their absence is no miss.
      if (role !== 'titleFallback' && role !== 'tags') missing.push(role);
      return undefined;
    }
    return found.value;
  };

  const titleText = toText(pick('title'));
  const mappedTitleText =
    titleText === null && mapping.titleFallback !== undefined ? toText(pick('titleFallback')) : titleText;
  const tags = mapping.tags === undefined ? null : splitTags(pick('tags'));
  const emoji = tags && tags.emoji.length > 0 ? `${tags.emoji.join(' ')} ` : '';
  const mappedTitle = mappedTitleText === null ? '' : toTitle(emoji + mappedTitleText);
  const mappedBodyText = withExtras(toText(pick('body')), tags?.words ?? [], extraLinks(doc, mapping));
  const mappedBody = mappedBodyText === null ? null : toBody(mappedBodyText);
  const link = safeLink(pick('link'));
  const value = finiteNumber(pick('value'));
  const level = resolveSeverity(pick('severity'), severity.words, severity.default);

  let title: string;
  let body: string;
  if (doc !== undefined && isStructured(doc.value)) {
    const compact = compactJson(doc.value, raw.data);
    const compactLine = cleanLine(compact);
    const titleFromType = raw.type !== 'message' ? toTitle(raw.type) : '';
    title = mappedTitle || titleFromType || capText(compactLine, JSON_TITLE_PREFIX_CHARS);
    const titleShowsAll = title === compactLine;
    body = mappedBody ?? (mappedTitle !== '' || titleShowsAll ? '' : toBody(compact));
  } else {
    // A bare JSON string is shown decoded, not with its quotes and escapes.
    const text = doc !== undefined && typeof doc.value === 'string' ? doc.value : raw.data;
    const fallback = splitTitleBody(text);
    title = mappedTitle || fallback.title;
    body = mappedBody ?? (mappedTitle !== '' ? '' : fallback.body);
  }
  if (title === '') title = toTitle(raw.type) || 'message';

  const event: FeedEvent = {
    feedId: raw.feedId,
    type: raw.type,
    id: raw.id,
    data: raw.data,
    receivedAt: raw.receivedAt,
    key: eventKey(raw.feedId, raw.id, seq),
    title,
    body,
    link,
    value,
    severity: level,
    decision: null,
  };
  return { event, missing, doc };
}

/** The http(s) addresses at the mapping's `extraLinks` pointers (an attachment, an icon). */
function extraLinks(doc: { value: unknown } | undefined, mapping: FeedMapping): string[] {
  if (doc === undefined || mapping.extraLinks === undefined) return [];
  const links: string[] = [];
  for (const pointer of mapping.extraLinks) {
    const found = resolvePointer(doc.value, pointer);
    const link = found.ok ? safeLink(found.value) : null;
    if (link !== null && !links.includes(link)) links.push(link);
  }
  return links;
}

/** The mapped body with the plain tags and the extra links under it, each on its own line. */
function withExtras(body: string | null, words: readonly string[], links: readonly string[]): string | null {
  if (words.length === 0 && links.length === 0) return body;
  const lines = body === null || body === '' ? [] : [body];
  if (words.length > 0) lines.push(`Tags: ${words.join(', ')}`);
  lines.push(...links);
  return lines.join('\n');
}

/** A finite number, or a string holding a plain decimal number that parses to one; otherwise null. */
export function finiteNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (!DECIMAL.test(text)) return null;
  const number = Number(text);
  return Number.isFinite(number) ? number : null;
}

/** The parsed document, or undefined when data is not JSON (plain-text feeds are normal, not errors). */
function parseJson(data: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(data) as unknown };
  } catch {
    return undefined; // plain text: the caller falls back to lines
  }
}

/**
 * The document as compact JSON; the data as it came when it cannot be written back (JSON nested some
 * thousands deep parses, but `JSON.stringify` overflows the stack on it).
 */
function compactJson(value: unknown, data: string): string {
  try {
    return JSON.stringify(value);
  } catch {
    return data.trim();
  }
}

function isStructured(value: unknown): value is object {
  return value !== null && typeof value === 'object';
}
