/**
 * A byte-level guard between the network and the event-stream parser. It sees every chunk, so it is
 * where FeedTray observes activity (the stall watchdog counts comment heartbeats, which EventSource
 * never surfaces), bounds memory (an event larger than the limit is dropped whole instead of being
 * buffered), and learns the server's `retry` (the package keeps it private).
 *
 * It forwards whole events only: bytes of an event are held until its terminating blank line, so a
 * dropped event never reaches the parser half-way. Memory per connection is bounded by the limit.
 */

const LF = 0x0a;
const CR = 0x0d;
const R = 0x72;
const I = 0x69;
const D = 0x64;
/** Enough of a line to tell `id:` and `data:` fields apart from others. */
const FIELD_HEAD_MAX = 5;
const COLON = 0x3a;
const ID_NAME = [I, D];
const DATA_NAME = [D, 0x61, 0x74, 0x61];
const RETRY_PREFIX = 'retry:';
/** Longest `retry:` line worth reading: the prefix, an optional space and a 9-digit value. */
const RETRY_LINE_MAX = 16;

/** What the guard reports as it passes bytes through. */
export interface StreamGuardHooks {
  /** Every chunk received, before any filtering. */
  onBytes(byteLength: number): void;
  /** An event larger than the limit was dropped; `bytesSeen` is how far it had grown when it was cut. */
  onOversizedEvent(bytesSeen: number): void;
  /** [spec] "If the field value consists of only ASCII digits, then interpret it as an integer…" */
  onRetry(retryMs: number): void;
  /**
   * An event the parser will dispatch (it has a `data` field) was forwarded; `hasId` says whether it
   * carried its own `id` field. EventSource reports the stream's last id on every event, so without
   * this an event with no id looks like a repeat of the one before it.
   */
  onEventForwarded(hasId: boolean): void;
}

/** Builds the guard for one response body. */
export function createStreamGuard(
  maxEventBytes: number,
  hooks: StreamGuardHooks,
): TransformStream<Uint8Array, Uint8Array> {
  let pending: Uint8Array[] = []; // bytes of the current, unfinished event from earlier chunks
  let eventBytes = 0; // size of the current event so far, terminators included
  let lineBytes = 0; // size of the current line so far
  let afterCR = false; // the previous byte was CR, so an LF now completes the same line break
  let skipping = false; // dropping the rest of an oversized event
  let lineHead = ''; // the first bytes of a line that may be `retry:`, `id` or `data`
  let eventHasId = false;
  let eventHasData = false;

  const endLine = () => {
    // [spec] a line is a field name, then optionally a colon and a value; a line without a colon is a
    // field name with an empty value.
    if (lineHead.startsWith('id:') || (lineHead === 'id' && lineBytes === 2)) eventHasId = true;
    else if (lineHead.startsWith('data:') || (lineHead === 'data' && lineBytes === 4)) eventHasData = true;
    else if (lineHead.length > RETRY_PREFIX.length && lineHead.startsWith(RETRY_PREFIX)) {
      // [spec] collect the characters after the colon, ignoring one leading space
      const value = lineHead.slice(RETRY_PREFIX.length).replace(/^ /, '');
      if (/^\d+$/.test(value)) hooks.onRetry(Number(value));
    }
    lineHead = '';
    lineBytes = 0;
  };

  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      hooks.onBytes(chunk.byteLength);
      const n = chunk.length;
      let emitFrom = 0; // first byte of this chunk not yet forwarded or dropped
      let completeTo = 0; // end of the last complete event in this chunk

      const boundary = (end: number) => {
        if (skipping) {
          skipping = false;
          emitFrom = end;
        } else {
          for (const part of pending) controller.enqueue(part);
          pending = [];
          if (eventHasData) hooks.onEventForwarded(eventHasId);
        }
        eventHasId = false;
        eventHasData = false;
        completeTo = end;
        eventBytes = 0;
      };
      const checkSize = () => {
        if (skipping || eventBytes <= maxEventBytes) return;
        if (completeTo > emitFrom) controller.enqueue(chunk.subarray(emitFrom, completeTo));
        pending = [];
        skipping = true;
        emitFrom = n;
        hooks.onOversizedEvent(eventBytes);
      };

      let i = 0;
      if (afterCR && n > 0 && chunk[0] === LF) i = 1; // the LF of a CRLF split across chunks
      afterCR = false;
      // Lines are found with indexOf (native) rather than a byte loop: this runs for every byte received.
      let nextLF = -2;
      let nextCR = -2;
      while (i < n) {
        if (nextLF !== -1 && nextLF < i) nextLF = chunk.indexOf(LF, i);
        if (nextCR !== -1 && nextCR < i) nextCR = chunk.indexOf(CR, i);
        const end = nextLF === -1 ? nextCR : nextCR === -1 ? nextLF : Math.min(nextLF, nextCR);
        const lineEnd = end === -1 ? n : end;
        if (lineEnd > i) {
          if (!skipping) {
            const first = lineBytes === 0 ? chunk[i] : lineHead.charCodeAt(0);
            if (lineBytes === 0 && (first === I || first === D) && (end !== -1 || n - i >= FIELD_HEAD_MAX)) {
              // The common case, decided on the bytes: building a string for every data line halved throughput.
              const field = fieldAt(chunk, i, end === -1 ? -1 : lineEnd);
              if (field === 'id') eventHasId = true;
              else if (field === 'data') eventHasData = true;
            } else {
              // A `retry:` line, or a field name cut by the chunk's end: collect its first bytes.
              const headMax = first === R ? RETRY_LINE_MAX : first === I || first === D ? FIELD_HEAD_MAX : 0;
              if (lineBytes < headMax && (lineBytes === 0 || lineHead !== '')) {
                lineHead += String.fromCharCode(
                  ...chunk.subarray(i, Math.min(lineEnd, i + headMax - lineBytes)),
                );
              }
            }
          }
          lineBytes += lineEnd - i;
          eventBytes += lineEnd - i;
        }
        if (end === -1) {
          checkSize();
          break;
        }
        eventBytes++;
        if (lineBytes === 0) {
          boundary(end + 1);
        } else {
          if (!skipping) endLine();
          lineBytes = 0;
          lineHead = '';
          checkSize();
        }
        i = end + 1;
        if (chunk[end] === CR) {
          if (i === n) afterCR = true;
          else if (chunk[i] === LF) {
            // CRLF is one line break: keep its LF with the line it ends.
            if (completeTo === i) completeTo = i + 1;
            if (emitFrom === i) emitFrom = i + 1;
            i++;
          }
        }
      }

      if (skipping) return;
      if (completeTo > emitFrom) controller.enqueue(chunk.subarray(emitFrom, completeTo));
      const rest = Math.max(emitFrom, completeTo);
      if (rest < chunk.length) pending.push(chunk.slice(rest));
    },
    flush(controller) {
      // The stream ended mid-event: pass what was held so the parser sees exactly what the server sent
      // (it discards an unfinished event itself, as the spec requires).
      if (!skipping) for (const part of pending) controller.enqueue(part);
      pending = [];
    },
  });
}

/** Whether the line at `start` is an `id` or `data` field; `end` is where the line ends, or -1 past the chunk. */
function fieldAt(chunk: Uint8Array, start: number, end: number): 'id' | 'data' | null {
  // [spec] the field name runs up to the first colon, or is the whole line when there is none.
  const namedAs = (name: readonly number[]) => {
    for (let k = 0; k < name.length; k++) if (chunk[start + k] !== name[k]) return false;
    const after = start + name.length;
    return after === end || chunk[after] === COLON;
  };
  if (namedAs(ID_NAME)) return 'id';
  if (namedAs(DATA_NAME)) return 'data';
  return null;
}
