/** The text/event-stream wire encoding, shared by the demo server and by test servers elsewhere. */

/** One event as a server sends it; `data` may hold CR, LF or CRLF line breaks. */
export interface SseEventFields {
  id?: string;
  event?: string;
  data: string;
  /** Reconnection time in milliseconds. */
  retry?: number;
}

// [spec] "end-of-line = ( cr lf / cr / lf )": any of the three ends a line, so any of them splits data.
const LINE_BREAK = /\r\n|\r|\n/;

/**
 * Encodes one event, ending with the blank line that dispatches it. Each line of `data` becomes its own
 * `data:` field, which the client joins back with LF.
 */
export function formatEvent(fields: SseEventFields): string {
  let out = '';
  if (fields.retry !== undefined) out += formatRetry(fields.retry);
  if (fields.id !== undefined) {
    assertOneLine('id', fields.id);
    // [spec] "If the field value does not contain U+0000 NULL, then set the last event ID buffer" —
    // an id with NUL would be silently ignored by the client, so refuse to send one.
    if (fields.id.includes('\0')) throw new TypeError('An SSE id may not contain U+0000 NULL');
    out += `id: ${fields.id}\n`;
  }
  if (fields.event !== undefined) {
    assertOneLine('event', fields.event);
    out += `event: ${fields.event}\n`;
  }
  // One leading space after the colon, which the client strips, so data starting with a space survives.
  for (const line of fields.data.split(LINE_BREAK)) out += `data: ${line}\n`;
  return `${out}\n`;
}

/** A `retry:` line on its own: tells the client how long to wait before reconnecting. */
export function formatRetry(retryMs: number): string {
  // [spec] "If the field value consists of only ASCII digits, then … set the event stream's
  // reconnection time" — anything else (a fraction, a sign) would be ignored by the client.
  if (!Number.isSafeInteger(retryMs) || retryMs < 0)
    throw new RangeError(`An SSE retry must be a whole number of milliseconds, got ${retryMs}`);
  return `retry: ${retryMs}\n`;
}

/** A comment line, such as a `: ping` heartbeat; clients ignore it but it keeps bytes flowing. */
export function formatComment(text: string): string {
  return text
    .split(LINE_BREAK)
    .map((line) => `: ${line}\n`)
    .join('');
}

function assertOneLine(field: string, value: string): void {
  // A line break inside id or event would end the field early and inject whatever follows as a new field.
  if (LINE_BREAK.test(value))
    throw new TypeError(`An SSE ${field} must be one line, got ${JSON.stringify(value)}`);
}
