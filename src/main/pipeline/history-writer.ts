/**
 * When and how history reaches the disk: records wait in memory for a short batch delay on the
 * injected clock and go out in one append; when the file holds far more lines than the limits keep,
 * or no longer matches memory, it is rewritten whole from memory instead (compaction).
 */
import { join } from 'node:path';
import type { Clock, TimerHandle } from '../ports.ts';
import {
  HISTORY_FILE_NAME,
  appendLines,
  prepareDirectory,
  replaceLines,
  type HistoryError,
} from './history-file.ts';

/** Counters that show batching and compaction at work. */
export interface HistoryStats {
  /** Lines the file holds now. */
  fileLines: number;
  appendWrites: number;
  compactions: number;
}

/** What the writer needs from its store. */
export interface HistoryWriterOptions {
  dir: string;
  clock: Clock;
  flushDelayMs: number;
  maxBatchLines: number;
  /** Resolves once the file has been read; nothing is written before, so nothing is overwritten. */
  ready: () => Promise<unknown>;
  /** Every kept record as lines, for a rewrite. Memory is the truth the file follows. */
  snapshot: () => string[];
  /** A file with more lines than this is compacted on the next write. */
  compactAboveLines: () => number;
  onError: (error: HistoryError) => void;
}

/** Batches history records into appends and compacts the file when it grows. */
export class HistoryWriter {
  readonly #options: HistoryWriterOptions;
  readonly #path: string;
  /** Lines to append, encoded only when written: a burst far beyond the limits never encodes most of them. */
  #pending: (() => string)[] = [];
  #flushQueued = false;
  #timer: TimerHandle | null = null;
  #chain: Promise<void> = Promise.resolve();
  #fileLines = 0;
  /** The file does not match memory (damaged lines, a failed write): rewrite it whole. */
  #needsRewrite = false;
  /** The file exists but could not be read: never write over what may be the user's history. */
  #readOnly = false;
  /** The folder exists and no stale temp file is left; checked again after any failure. */
  #prepared = false;
  #lastReported: string | null = null;
  #stats = { appendWrites: 0, compactions: 0 };

  constructor(options: HistoryWriterOptions) {
    this.#options = options;
    this.#path = join(options.dir, HISTORY_FILE_NAME);
  }

  /** Counters for tests and diagnostics. */
  get stats(): HistoryStats {
    return { fileLines: this.#fileLines, ...this.#stats };
  }

  /** What loading found: how many lines the file has, and whether it must be rewritten or left alone. */
  loaded(state: { fileLines: number; needsRewrite: boolean; readOnly: boolean }): void {
    this.#fileLines = state.fileLines;
    this.#needsRewrite = state.needsRewrite;
    this.#readOnly = state.readOnly;
  }

  /** Queues one record line (encoded when written) for the next batch. */
  queue(line: () => string): void {
    if (this.#pending.length >= this.#options.compactAboveLines()) {
      // More waits than the file may hold: what still matters is in memory, so the next write
      // rewrites from there instead of appending lines that would be compacted away at once.
      this.#pending = [];
      this.#needsRewrite = true;
    }
    this.#pending.push(line);
    if (this.#pending.length >= this.#options.maxBatchLines) void this.flush();
    else this.#timer ??= this.#options.clock.setTimeout(() => void this.flush(), this.#options.flushDelayMs);
  }

  /** Writes what is queued. Never rejects: failures go to `onError` and the next write retries. */
  flush(): Promise<void> {
    if (this.#timer !== null) this.#options.clock.clearTimeout(this.#timer);
    this.#timer = null;
    // One write waits at a time: it takes whatever is pending when it starts, so a burst that asks
    // for thousands of flushes gets a few writes.
    if (this.#flushQueued) return this.#chain;
    this.#flushQueued = true;
    // Chained so two writes never interleave in the file.
    this.#chain = this.#chain
      .then(() => {
        this.#flushQueued = false;
        return this.#write();
      })
      // #write turns every expected failure into a value; this catches a bug, so the chain lives on.
      .catch((error: unknown) =>
        this.#report({
          code: 'history-write-failed',
          message: 'Event history could not be saved because of an internal error.',
          cause: error instanceof Error ? error.message : String(error),
        }),
      );
    return this.#chain;
  }

  async #write(): Promise<void> {
    await this.#options.ready();
    if (this.#readOnly) {
      this.#pending = []; // reported at load: new events are kept in memory until the app quits
      return;
    }
    const pending = this.#pending;
    if (pending.length === 0 && !this.#needsRewrite) return;
    this.#pending = [];
    const compact =
      this.#needsRewrite || this.#fileLines + pending.length > this.#options.compactAboveLines();
    // Taken in the same step as the pending lines, so it holds exactly the events those lines carry.
    const lines = compact ? this.#options.snapshot() : pending.map((line) => line());
    const write = compact ? replaceLines : appendLines;
    const prepared = this.#prepared ? null : await prepareDirectory(this.#options.dir, this.#path);
    const error = prepared ?? (await write(this.#path, lines));
    this.#prepared = error === null;
    if (error) {
      // Memory stays the truth; the next write rewrites the file from it.
      this.#needsRewrite = true;
      this.#report(error);
      return;
    }
    this.#lastReported = null;
    if (compact) {
      this.#fileLines = lines.length;
      this.#needsRewrite = false;
      this.#stats.compactions += 1;
    } else {
      this.#fileLines += lines.length;
      this.#stats.appendWrites += 1;
    }
  }

  /** The same failure only once in a row, so a full disk does not flood the user. */
  #report(error: HistoryError): void {
    const signature = `${error.code}\n${error.message}\n${error.cause ?? ''}`;
    if (signature === this.#lastReported) return;
    this.#lastReported = signature;
    this.#options.onError(error);
  }
}
