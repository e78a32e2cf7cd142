/**
 * The history file: JSON Lines, one record per line, appended in batches and now and then rewritten
 * whole (compaction) through a temp file and an atomic rename. Reading is tolerant: a line the app
 * was killed in the middle of, or any other damaged line, is skipped and counted, never fatal.
 *
 * Records:
 *   {"kind":"event","n":17,"event":{…FeedEvent}}   an event; `n` is the store's running ordinal
 *   {"kind":"read","feedId":"rates","n":17}       every event of the feed up to ordinal 17 is read
 *   {"kind":"remove","feedId":"rates"}            the feed was removed: forget what came before
 * Read markers live in the same file so one append is one consistent step and there is a single
 * file to keep healthy.
 */
import { open, readFile, rename, rm, appendFile, mkdir } from 'node:fs/promises';
import { z } from 'zod';
import { NOTIFY_DECISIONS, SeveritySchema, type FeedEvent } from '../../shared/feed.ts';
import { DEFAULT_SEVERITY } from '../../shared/presentation/severity.ts';

/** The history file's name inside the directory the app passes in. */
export const HISTORY_FILE_NAME = 'history.jsonl';

/** What went wrong with history, as a code for machines and a sentence for people. */
export interface HistoryError {
  code:
    | 'history-read-failed'
    | 'history-write-failed'
    | 'history-damaged'
    | 'history-unavailable'
    | 'unknown-key'
    | 'bad-query';
  message: string;
  /** The operating system's own words, where there were some (`ENOSPC: no space left on device`). */
  cause?: string;
}

/** A success with its value, or a `HistoryError`. */
export type HistoryResult<T> = { ok: true; value: T } | { ok: false; error: HistoryError };

const FeedEventSchema = z.object({
  feedId: z.string(),
  type: z.string(),
  id: z.string(),
  data: z.string(),
  receivedAt: z.number(),
  key: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  value: z.number().nullable(),
  // Events written before severity and decisions were kept read as `default`, decision unknown.
  severity: SeveritySchema.default(DEFAULT_SEVERITY),
  decision: z.enum(NOTIFY_DECISIONS).nullable().default(null),
}) satisfies z.ZodType<FeedEvent, unknown>;

const HistoryRecordSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('event'), n: z.number().int().positive(), event: FeedEventSchema }),
  z.object({ kind: z.literal('read'), feedId: z.string(), n: z.number().int().nonnegative() }),
  z.object({ kind: z.literal('remove'), feedId: z.string() }),
]);

/** One line of the history file. */
export type HistoryRecord = z.infer<typeof HistoryRecordSchema>;

/** The records a file held, and how much of it could not be read. */
export interface ParsedHistory {
  records: HistoryRecord[];
  /** Non-empty lines in the file, readable or not. */
  lines: number;
  /** Lines skipped because they were not a valid record. */
  skippedLines: number;
  /** The last line had no newline and was not a valid record: a write cut short. */
  truncatedTail: boolean;
  /** The file does not end with a newline, so the next append must start a new line first. */
  missingFinalNewline: boolean;
}

/** One record as a line, without the newline. JSON.stringify escapes newlines, so it is one line. */
export function encodeRecord(record: HistoryRecord): string {
  return JSON.stringify(record);
}

/** Parses a whole history file, skipping and counting lines that are not valid records. */
export function parseHistory(text: string): ParsedHistory {
  const parts = text.split('\n');
  const tail = parts.length - 1;
  const result: ParsedHistory = {
    records: [],
    lines: 0,
    skippedLines: 0,
    truncatedTail: false,
    missingFinalNewline: parts[tail] !== '',
  };
  for (const [index, line] of parts.entries()) {
    if (line.trim() === '') continue;
    result.lines += 1;
    const record = parseLine(line);
    if (record) {
      result.records.push(record);
    } else {
      result.skippedLines += 1;
      if (index === tail) result.truncatedTail = true;
    }
  }
  return result;
}

function parseLine(line: string): HistoryRecord | null {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return null; // counted as a skipped line by the caller
  }
  const parsed = HistoryRecordSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** The file's text; an absent file is an empty history, not an error. */
export async function readHistoryText(path: string): Promise<HistoryResult<string>> {
  try {
    return { ok: true, value: await readFile(path, 'utf8') };
  } catch (error) {
    // ENOTDIR: a folder on the way is a file, so there is no history file either.
    if (isErrorCode(error, 'ENOENT') || isErrorCode(error, 'ENOTDIR')) return { ok: true, value: '' };
    return {
      ok: false,
      error: {
        code: 'history-read-failed',
        message: 'Event history could not be read; new events are kept until the app quits.',
        cause: describe(error),
      },
    };
  }
}

/** Appends lines in one write (one system call for a whole batch). */
export async function appendLines(path: string, lines: readonly string[]): Promise<HistoryError | null> {
  try {
    // 0600: history holds what feeds said; other local users have no business reading it.
    await appendFile(path, lines.join('\n') + '\n', { encoding: 'utf8', mode: 0o600 });
    return null;
  } catch (error) {
    return writeFailed(error);
  }
}

/**
 * Replaces the file with `lines` atomically: write a temp file, flush it to disk, rename it over the
 * old one. A crash at any point leaves either the old file or the new one, never half of either.
 */
export async function replaceLines(path: string, lines: readonly string[]): Promise<HistoryError | null> {
  const temp = `${path}.tmp`;
  try {
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(lines.length > 0 ? lines.join('\n') + '\n' : '', 'utf8');
      // Without the sync a crash right after the rename could leave an empty file on some filesystems.
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
    return null;
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined); // best effort; the write error is what matters
    return writeFailed(error);
  }
}

/** Makes sure the history directory exists, and removes a temp file a crash mid-compaction left. */
export async function prepareDirectory(dir: string, path: string): Promise<HistoryError | null> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await rm(`${path}.tmp`, { force: true });
    return null;
  } catch (error) {
    return writeFailed(error);
  }
}

function writeFailed(error: unknown): HistoryError {
  return {
    code: 'history-write-failed',
    message: 'Event history could not be saved; it is kept in memory and saving is retried.',
    cause: describe(error),
  };
}

function isErrorCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
