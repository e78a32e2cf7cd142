/**
 * Turning whatever a feed sent into plain text a notification, the tray and the live list can show:
 * no control characters, no direction overrides, bounded length. Pure.
 */

/** The longest title kept, in UTF-16 code units, ellipsis included. */
export const TITLE_MAX_CHARS = 200;
/** The longest body kept, in UTF-16 code units, ellipsis included. */
export const BODY_MAX_CHARS = 1000;

const ELLIPSIS = '…';

// Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) can make a notification read
// differently from what it contains ("Trojan Source"), so they are removed rather than shown.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
// C0 controls, DEL and C1 controls, which a notification cannot show meaningfully. Matching control
// characters is the point of these patterns, hence the lint exception.
/* eslint-disable no-control-regex */
const CONTROLS_AND_SPACE = /[\s\u0000-\u001F\u007F-\u009F]+/g;
const CONTROLS_NOT_NEWLINE = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]+/g;
/* eslint-enable no-control-regex */
const LINE_BREAKS = /\r\n|[\r\u2028\u2029\u0085]/g;

/**
 * A mapped value as text: strings as they are, numbers and booleans stringified, objects and arrays
 * as compact JSON. Null and undefined have no text (null), so the caller can fall back.
 */
export function toText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value !== null && typeof value === 'object') {
    try {
      return JSON.stringify(value);
    } catch {
      return null; // nested too deep to write back (a stack overflow): no text, the caller falls back
    }
  }
  return null;
}

/** One line of plain text: every run of whitespace or control characters becomes one space, trimmed. */
export function cleanLine(text: string): string {
  return text.toWellFormed().replace(BIDI_CONTROLS, '').replace(CONTROLS_AND_SPACE, ' ').trim();
}

/**
 * A block of plain text that keeps its line breaks: CR, CRLF and Unicode separators become LF, other
 * control runs become one space, trailing spaces go, and blank lines collapse to at most one.
 */
export function cleanBlock(text: string): string {
  return text
    .toWellFormed()
    .replace(BIDI_CONTROLS, '')
    .replace(LINE_BREAKS, '\n')
    .replace(CONTROLS_NOT_NEWLINE, ' ')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Cuts text to at most `maxChars`, ending in an ellipsis when cut, never splitting a surrogate pair. */
export function capText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  let end = Math.max(0, maxChars - ELLIPSIS.length);
  const last = text.charCodeAt(end - 1);
  // A high surrogate at the cut would leave half a character behind.
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return text.slice(0, end).trimEnd() + ELLIPSIS;
}

/** A title: one clean line, capped at `TITLE_MAX_CHARS`. */
export function toTitle(text: string): string {
  return capText(cleanLine(text), TITLE_MAX_CHARS);
}

/** A body: a clean block, capped at `BODY_MAX_CHARS`. */
export function toBody(text: string): string {
  return capText(cleanBlock(text), BODY_MAX_CHARS);
}

/**
 * Plain-text fallback for an event that is not a JSON document: the first non-empty line is the
 * title, the lines after it are the body.
 */
export function splitTitleBody(text: string): { title: string; body: string } {
  const lines = cleanBlock(text).split('\n');
  const first = lines.findIndex((line) => line.trim() !== '');
  if (first === -1) return { title: '', body: '' };
  return { title: toTitle(lines[first]!), body: toBody(lines.slice(first + 1).join('\n')) };
}
