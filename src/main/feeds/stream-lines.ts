/**
 * Which event-stream field a line holds, decided on its bytes: building a string for every `data`
 * line halved the engine's throughput. [spec] "If the line contains a U+003A COLON character, collect
 * the characters on the line before the first colon, and let field be that string… Otherwise, the
 * string is not empty but does not contain a colon: process the field using the whole line as the
 * field name, and the empty string as the field value."
 */

/** The fields the guard cares about; everything else (event, comments, unknown fields) is Other. */
export const LineKind = { Undecided: 0, Other: 1, Id: 2, Data: 3, Retry: 4 } as const;
export type LineKind = (typeof LineKind)[keyof typeof LineKind];

const COLON = 0x3a;
const ID = [0x69, 0x64];
const DATA = [0x64, 0x61, 0x74, 0x61];
const RETRY = [0x72, 0x65, 0x74, 0x72, 0x79];

function nameOf(kind: LineKind): readonly number[] | null {
  return kind === LineKind.Id ? ID : kind === LineKind.Data ? DATA : kind === LineKind.Retry ? RETRY : null;
}

/**
 * The field of the line whose first bytes are `bytes[start, end)`; `complete` when the line ends
 * there. Undecided when the bytes are a strict start of `id:`, `data:` or `retry:` and more may come.
 */
export function classifyLine(bytes: Uint8Array, start: number, end: number, complete: boolean): LineKind {
  const length = end - start;
  if (length <= 0) return complete ? LineKind.Other : LineKind.Undecided;
  const first = bytes[start];
  const kind =
    first === ID[0]
      ? LineKind.Id
      : first === DATA[0]
        ? LineKind.Data
        : first === RETRY[0]
          ? LineKind.Retry
          : LineKind.Other;
  const name = nameOf(kind);
  if (name === null) return LineKind.Other;
  const compared = Math.min(length, name.length);
  for (let k = 1; k < compared; k++) if (bytes[start + k] !== name[k]) return LineKind.Other;
  if (length < name.length) return complete ? LineKind.Other : LineKind.Undecided;
  if (length === name.length) {
    if (!complete) return LineKind.Undecided;
    // A bare `retry` has an empty value, which is not "only ASCII digits": ignored.
    return kind === LineKind.Retry ? LineKind.Other : kind;
  }
  return bytes[start + name.length] === COLON ? kind : LineKind.Other;
}

/** Where the value starts, from the line's start, given how many bytes of it were classified. */
export function valueOffset(kind: LineKind, classifiedLength: number): number {
  const name = nameOf(kind);
  return name === null ? classifiedLength : Math.min(classifiedLength, name.length + 1);
}

const SPACE = 0x20;
/** Digits past this add nothing: the value is far beyond any retry FeedTray accepts. */
const RETRY_SATURATION = 1e15;
const EMPTY = new Uint8Array(0);

/**
 * The line being read, fed in pieces as chunks arrive: which field it is, and the value of an `id`
 * (its bytes) or `retry` (its number), the two values the engine needs before the parser has them.
 */
export class LineFields {
  #kind: LineKind = LineKind.Undecided;
  #head = EMPTY; // the first bytes of a line cut by a chunk's end before its field was known
  #valueStarted = false;
  #id: Uint8Array | null = null;
  #retry = 0;
  #retryDigits = 0;

  /** Reads the part of the line in `chunk[start, end)`; `complete` when the line ends at `end`. */
  scan(chunk: Uint8Array, start: number, end: number, complete: boolean): void {
    let v = start;
    if (this.#kind === LineKind.Undecided) {
      let bytes = chunk;
      let from = start;
      let to = end;
      if (this.#head.length > 0) {
        // A field name cut by the previous chunk: decide on its bytes and a few new ones.
        const take = Math.min(end - start, 7);
        bytes = new Uint8Array(this.#head.length + take);
        bytes.set(this.#head);
        bytes.set(chunk.subarray(start, start + take), this.#head.length);
        from = 0;
        to = bytes.length;
        complete &&= take === end - start;
      }
      const kind = classifyLine(bytes, from, to, complete);
      if (kind === LineKind.Undecided) {
        this.#head = bytes.slice(from, to); // at most 6 bytes: a strict start of `retry:`
        return;
      }
      this.#kind = kind;
      v = start + valueOffset(kind, to - from) - this.#head.length;
      this.#head = EMPTY;
    }
    if (this.#kind === LineKind.Id) this.#scanId(chunk, v, end);
    else if (this.#kind === LineKind.Retry) this.#scanRetry(chunk, v, end);
  }

  /** The field, once the line has ended. */
  finishedKind(): LineKind {
    if (this.#kind === LineKind.Undecided) this.#kind = classifyLine(this.#head, 0, this.#head.length, true);
    return this.#kind;
  }

  /**
   * The id's bytes (empty for `id:` alone), or null when the value contains NUL. [spec] "If the field
   * value does not contain U+0000 NULL, then set the last event ID buffer to the field value."
   */
  validId(): Uint8Array | null {
    if (this.#id === null) return EMPTY;
    return this.#id.includes(0) ? null : this.#id;
  }

  /** A whole `retry` line's value, null when it was empty or not all digits. */
  get retryMs(): number | null {
    return this.#kind === LineKind.Retry && this.#retryDigits > 0 ? this.#retry : null;
  }

  reset(): void {
    this.#kind = LineKind.Undecided;
    this.#head = EMPTY;
    this.#valueStarted = false;
    this.#id = null;
    this.#retry = 0;
    this.#retryDigits = 0;
  }

  /** Copies an id that still points into `chunk`, before the chunk's buffer may be reused. */
  detachFrom(chunk: Uint8Array): void {
    if (this.#id?.buffer === chunk.buffer) this.#id = this.#id.slice();
  }

  /** Skips the one optional space a value may start with; returns where the value's bytes start. */
  #valueStart(chunk: Uint8Array, v: number, end: number): number {
    if (this.#valueStarted || v >= end) return v;
    this.#valueStarted = true;
    return chunk[v] === SPACE ? v + 1 : v;
  }

  #scanId(chunk: Uint8Array, start: number, end: number): void {
    const v = this.#valueStart(chunk, start, end);
    if (v >= end) return;
    const part = chunk.subarray(v, end);
    if (this.#id === null) this.#id = part;
    else {
      const joined = new Uint8Array(this.#id.length + part.length);
      joined.set(this.#id);
      joined.set(part, this.#id.length);
      this.#id = joined;
    }
  }

  #scanRetry(chunk: Uint8Array, start: number, end: number): void {
    for (let v = this.#valueStart(chunk, start, end); v < end; v++) {
      const digit = chunk[v]! - 0x30;
      if (digit < 0 || digit > 9) {
        this.#kind = LineKind.Other; // [spec] "Otherwise, ignore the field."
        return;
      }
      this.#retryDigits++;
      if (this.#retry < RETRY_SATURATION) this.#retry = this.#retry * 10 + digit;
    }
  }
}
