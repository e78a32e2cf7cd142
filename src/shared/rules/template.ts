/**
 * Templates: `{/pair} crossed {value}`. A `{…}` holds a JSON pointer into the event's data or one of
 * the event's own fields (TEMPLATE_FIELDS); `{{` and `}}` are literal braces. Pure and total: a field
 * the event lacks is reported, never thrown.
 */
import { resolvePointer } from '../presentation/json-pointer.ts';

/** The event's own fields a template may name. */
export const TEMPLATE_FIELDS = ['value', 'title', 'body', 'feed', 'type', 'id', 'severity', 'link'] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];

/** What a template reads: the parsed JSON data (undefined for text) and the event's fields. */
export interface TemplateSubject {
  doc: unknown;
  fields: Readonly<Record<TemplateField, string | number | null>>;
}

/** How values are written into the text: as they are, percent-encoded (URLs), or as JSON string content. */
export type TemplateEscape = 'text' | 'url' | 'json';

/** The filled-in text and the placeholders that found nothing (shown as `?` in text). */
export interface RenderedTemplate {
  text: string;
  missing: string[];
  /**
   * URLs only: placeholders whose value is a dot segment (`.`, `..`, `%2e%2e`). Percent-encoding cannot
   * defuse those: the URL parser still reads them as "this folder" / "the folder above", so an event's
   * `..` would move the address to another path of the server.
   */
  pathChanging: string[];
}

/** A value a URL parser reads as `.` or `..` however it is encoded. */
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

/** A placeholder's text a message shows when the event lacks it. */
export const MISSING_MARK = '?';
/** One substituted value's longest text: a template cannot turn one field into a huge notification. */
const VALUE_MAX_CHARS = 1000;

const PLACEHOLDER = /\{\{|\}\}|\{([^{}]*)\}/g;

/** Fills in `template` from `subject`. */
export function renderTemplate(
  template: string,
  subject: TemplateSubject,
  escape: TemplateEscape = 'text',
): RenderedTemplate {
  const missing: string[] = [];
  const pathChanging: string[] = [];
  const text = template.replace(PLACEHOLDER, (whole, name: string | undefined) => {
    if (whole === '{{') return '{';
    if (whole === '}}') return '}';
    const raw = lookup(name!.trim(), subject);
    if (raw === null) {
      missing.push(name!.trim());
      return escape === 'text' ? MISSING_MARK : '';
    }
    const value = capValue(raw);
    // encodeURIComponent throws on a lone surrogate (JSON data may hold one): write it as U+FFFD.
    if (escape === 'url') {
      const encoded = encodeURIComponent(value.toWellFormed());
      if (DOT_SEGMENT.test(encoded)) pathChanging.push(name!.trim());
      return encoded;
    }
    if (escape === 'json') return JSON.stringify(value).slice(1, -1);
    return value;
  });
  return { text, missing, pathChanging };
}

/** The placeholders a template names that are neither a pointer nor a known field, for validation. */
export function unknownPlaceholders(template: string): string[] {
  const unknown: string[] = [];
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = match[1]?.trim();
    if (name === undefined) continue;
    if (!name.startsWith('/') && !isTemplateField(name)) unknown.push(name);
  }
  return unknown;
}

function lookup(name: string, subject: TemplateSubject): string | null {
  if (name.startsWith('/')) {
    if (subject.doc === undefined) return null;
    const found = resolvePointer(subject.doc, name);
    return found.ok ? textOf(found.value) : null;
  }
  // Only known names index the record, so `__proto__` or `constructor` in a template finds nothing.
  if (!isTemplateField(name)) return null;
  return textOf(subject.fields[name]);
}

function isTemplateField(name: string): name is TemplateField {
  return (TEMPLATE_FIELDS as readonly string[]).includes(name);
}

function textOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    // JSON.stringify recurses and throws a RangeError past a few thousand levels of nesting: a value
    // too deep to write out is reported missing rather than breaking the template.
    return null;
  }
}

/** A value cut to VALUE_MAX_CHARS, never between the two halves of a character. */
function capValue(raw: string): string {
  if (raw.length <= VALUE_MAX_CHARS) return raw;
  const last = raw.charCodeAt(VALUE_MAX_CHARS - 1);
  const end = last >= 0xd800 && last <= 0xdbff ? VALUE_MAX_CHARS - 1 : VALUE_MAX_CHARS;
  return raw.slice(0, end);
}
