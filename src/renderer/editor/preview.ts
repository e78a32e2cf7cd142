/**
 * What notification a sample event would give with the mapping being edited. A small mirror of main's
 * normalization (mapped fields first, then the same fallbacks), enough to judge a mapping by eye.
 */
import type { FeedMapping } from '../../shared/feed.ts';
import type { SampleEvent } from '../app-context.ts';
import type { MappingRole } from '../components/json-tree.ts';
import { resolvePointer } from '../json-pointer.ts';

/** The preview: the four mapped parts, plus the pointers that found nothing in this event. */
export interface NotificationPreview {
  title: string;
  body: string;
  link: string | null;
  value: number | null;
  missing: MappingRole[];
}

/** How much of a JSON document stands in for a title when the mapping gives none (as main does). */
const JSON_TITLE_CHARS = 80;

/** Previews `sample` under `mapping`. */
export function previewNotification(sample: SampleEvent, mapping: FeedMapping): NotificationPreview {
  const doc = parseJson(sample.data);
  const missing: MappingRole[] = [];
  const pick = (role: MappingRole): unknown => {
    const pointer = mapping[role];
    if (!pointer) return undefined;
    const found = doc === undefined ? undefined : resolvePointer(doc.value, pointer);
    if (found === undefined || found === null) missing.push(role);
    return found;
  };
  const mappedTitle = oneLine(toText(pick('title')) ?? '');
  const mappedBody = toText(pick('body'));
  const rawLink = pick('link');
  const rawValue = pick('value');

  let title: string;
  let body: string;
  if (doc !== undefined && doc.value !== null && typeof doc.value === 'object') {
    const compact = JSON.stringify(doc.value);
    title = mappedTitle || (sample.type !== 'message' ? sample.type : compact.slice(0, JSON_TITLE_CHARS));
    body = mappedBody ?? (mappedTitle ? '' : compact);
  } else {
    const text = doc !== undefined && typeof doc.value === 'string' ? doc.value : sample.data;
    const [first = '', ...rest] = text.split(/\r\n|\r|\n/);
    title = mappedTitle || oneLine(first);
    body = mappedBody ?? (mappedTitle ? '' : rest.join('\n').trim());
  }
  return {
    title: title || sample.type,
    body,
    link: httpLink(rawLink),
    value: finite(rawValue),
    missing,
  };
}

function parseJson(data: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(data) as unknown };
  } catch {
    return undefined; // plain text is a normal event, not an error
  }
}

function toText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return null;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function httpLink(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null; // not an absolute URL: main would drop it too
  }
}

function finite(value: unknown): number | null {
  const number =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim() !== ''
        ? Number(value)
        : NaN;
  return Number.isFinite(number) ? number : null;
}
