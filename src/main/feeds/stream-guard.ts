import { LineFields, LineKind } from './stream-lines.ts';

/**
 * A byte-level guard between the network and the event-stream parser. It sees every chunk, so it is
 * where FeedTray observes activity (the stall watchdog counts comment heartbeats, which EventSource
 * never surfaces), bounds memory (an event larger than the limit is dropped whole instead of being
 * buffered), and learns the server's `retry` and ids (the package keeps both private).
 *
 * It forwards whole events only: bytes of an event are held until its terminating blank line, so a
 * dropped event never reaches the parser half-way. Memory per connection is bounded by the limit.
 */

const LF = 0x0a;
const CR = 0x0d;
const BOM = [0xef, 0xbb, 0xbf];

/** What the guard reports as it passes bytes through. */
export interface StreamGuardHooks {
  /** Every chunk received, before any filtering. */
  onBytes(byteLength: number): void;
  /** An event larger than the limit was dropped; `bytesSeen` is how far it had grown when it was cut. */
  onOversizedEvent(bytesSeen: number): void;
  /**
   * [spec] "If the field value consists of only ASCII digits, then interpret it as an integer…": the
   * value as sent, however many digits (very long values read as at least 10^15); clamp before use.
   */
  onRetry(retryMs: number): void;
  /**
   * An event the parser will dispatch (it has a `data` field) was forwarded; `hasId` says whether it
   * carried its own valid `id` field. EventSource reports the stream's last id on every event, so
   * without this an event with no id looks like a repeat of the one before it.
   */
  onEventForwarded(hasId: boolean): void;
  /**
   * A block with a valid `id` but no `data` was forwarded: the parser moves the stream's last event id
   * to `id` (`''` for an empty `id:`, a reset) without dispatching anything.
   */
  onIdWithoutEvent?(id: string): void;
}

/** The guard for one response body: `push` each chunk, `end` when the body ends; parts go to `emit`. */
export class StreamGuard {
  readonly #max: number;
  readonly #hooks: StreamGuardHooks;
  readonly #emit: (part: Uint8Array) => void;
  readonly #decoder = new TextDecoder();

  #pending: Uint8Array[] = []; // bytes of the current, unfinished event from earlier chunks
  #eventBytes = 0; // size of the current event so far, terminators included
  #lineBytes = 0; // size of the current line so far
  #afterCR = false; // the previous byte was CR, so an LF now completes the same line break
  #skipping = false; // dropping the rest of an oversized event
  #atStart = true;
  readonly #line = new LineFields(); // the current line's field, and its value where it matters
  // The current block (event).
  #blockId: Uint8Array | null = null; // the last valid id field's value
  #blockHasData = false;
  #blockRetries: number[] | null = null; // whole `retry` lines, applied once the block is forwarded
  // Within the chunk being scanned.
  #emitFrom = 0; // first byte not yet forwarded or dropped
  #completeTo = 0; // end of the last complete event

  constructor(maxEventBytes: number, hooks: StreamGuardHooks, emit: (part: Uint8Array) => void) {
    this.#max = maxEventBytes;
    this.#hooks = hooks;
    this.#emit = emit;
  }

  /** Scans one chunk and forwards the whole events it completes. */
  push(chunk: Uint8Array): void {
    this.#hooks.onBytes(chunk.byteLength);
    const n = chunk.length;
    this.#emitFrom = 0;
    this.#completeTo = 0;
    let i = this.#startOf(chunk);
    // Lines are found with indexOf (native) rather than a byte loop: this runs for every byte received.
    let nextLF = -2;
    let nextCR = -2;
    while (i < n) {
      if (nextLF !== -1 && nextLF < i) nextLF = chunk.indexOf(LF, i);
      if (nextCR !== -1 && nextCR < i) nextCR = chunk.indexOf(CR, i);
      const end = nextLF === -1 ? nextCR : nextCR === -1 ? nextLF : Math.min(nextLF, nextCR);
      const lineEnd = end === -1 ? n : end;
      if (lineEnd > i) {
        if (!this.#skipping) this.#line.scan(chunk, i, lineEnd, end !== -1);
        this.#lineBytes += lineEnd - i;
        this.#eventBytes += lineEnd - i;
      }
      if (end === -1) {
        this.#checkSize(chunk);
        break;
      }
      this.#eventBytes++;
      if (this.#lineBytes === 0) this.#endBlock(end + 1);
      else {
        this.#endLine();
        this.#checkSize(chunk);
      }
      i = end + 1;
      if (chunk[end] === CR) {
        if (i === n) this.#afterCR = true;
        else if (chunk[i] === LF) {
          // CRLF is one line break: keep its LF with the line it ends.
          if (this.#completeTo === i) this.#completeTo = i + 1;
          if (this.#emitFrom === i) this.#emitFrom = i + 1;
          i++;
        }
      }
    }
    this.#finishChunk(chunk);
  }

  /**
   * The body ended mid-event: pass what was held so the parser sees exactly what the server sent (it
   * discards an unfinished event itself, as the spec requires, but applies a whole `retry` line).
   */
  end(): void {
    if (!this.#skipping) {
      for (const part of this.#pending) this.#emit(part);
      this.#reportRetries();
    }
    this.#pending = [];
  }

  /** Where scanning starts: past the LF of a CRLF split across chunks, or past the stream's BOM. */
  #startOf(chunk: Uint8Array): number {
    let i = 0;
    if (this.#afterCR && chunk.length > 0 && chunk[0] === LF) i = 1;
    this.#afterCR = false;
    if (this.#atStart) {
      this.#atStart = false;
      // [spec] one leading U+FEFF is ignored: the field of the first line starts after it.
      if (chunk.length >= 3 && BOM.every((byte, k) => chunk[k] === byte)) {
        i = 3;
        this.#eventBytes += 3;
      }
    }
    return i;
  }

  /** A line break: the field it ended takes effect for the block. */
  #endLine(): void {
    const line = this.#line;
    if (!this.#skipping) {
      const kind = line.finishedKind();
      if (kind === LineKind.Data) this.#blockHasData = true;
      else if (kind === LineKind.Id) this.#blockId = line.validId() ?? this.#blockId;
      else if (line.retryMs !== null) (this.#blockRetries ??= []).push(line.retryMs);
    }
    this.#resetLine();
  }

  #resetLine(): void {
    this.#line.reset();
    this.#lineBytes = 0;
  }

  /** A blank line: the block is complete; forward it (unless it was being dropped) and report it. */
  #endBlock(end: number): void {
    if (this.#skipping) {
      this.#skipping = false;
      this.#emitFrom = end;
    } else {
      for (const part of this.#pending) this.#emit(part);
      this.#pending = [];
      if (this.#blockHasData) this.#hooks.onEventForwarded(this.#blockId !== null);
      else if (this.#blockId !== null) this.#hooks.onIdWithoutEvent?.(this.#decoder.decode(this.#blockId));
      this.#reportRetries();
    }
    this.#resetBlock();
    this.#completeTo = end;
  }

  #reportRetries(): void {
    for (const retryMs of this.#blockRetries ?? []) this.#hooks.onRetry(retryMs);
  }

  #resetBlock(): void {
    this.#blockId = null;
    this.#blockHasData = false;
    this.#blockRetries = null;
    this.#eventBytes = 0;
  }

  /** Starts dropping the current event once it outgrows the limit; what came before it still goes. */
  #checkSize(chunk: Uint8Array): void {
    if (this.#skipping || this.#eventBytes <= this.#max) return;
    if (this.#completeTo > this.#emitFrom) this.#emit(chunk.subarray(this.#emitFrom, this.#completeTo));
    this.#pending = [];
    this.#skipping = true;
    this.#emitFrom = chunk.length;
    const bytesSeen = this.#eventBytes;
    this.#resetLine();
    this.#resetBlock();
    this.#eventBytes = bytesSeen;
    this.#hooks.onOversizedEvent(bytesSeen);
  }

  /** Forwards the chunk's complete events and keeps (a copy of) the unfinished rest. */
  #finishChunk(chunk: Uint8Array): void {
    if (this.#skipping) return;
    if (this.#completeTo > this.#emitFrom) this.#emit(chunk.subarray(this.#emitFrom, this.#completeTo));
    const rest = Math.max(this.#emitFrom, this.#completeTo);
    if (rest < chunk.length) this.#pending.push(chunk.slice(rest));
    // Ids still open point into this chunk; the network may reuse its buffer.
    this.#line.detachFrom(chunk);
    if (this.#blockId?.buffer === chunk.buffer) this.#blockId = this.#blockId.slice();
  }
}

/** The guard as a TransformStream, for a body read through `pipeThrough`. */
export function createStreamGuard(
  maxEventBytes: number,
  hooks: StreamGuardHooks,
): TransformStream<Uint8Array, Uint8Array> {
  let guard: StreamGuard;
  return new TransformStream<Uint8Array, Uint8Array>({
    start(controller) {
      guard = new StreamGuard(maxEventBytes, hooks, (part) => controller.enqueue(part));
    },
    transform(chunk) {
      guard.push(chunk);
    },
    flush() {
      guard.end();
    },
  });
}
