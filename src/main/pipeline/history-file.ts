/**
 * The history file of earlier versions: JSON Lines, one record per line. Kept only to import it into
 * the history database on the first start after the upgrade (history/import.ts). Reading is tolerant:
 * a line the app was killed in the middle of, or any other damaged line, is skipped and counted.
 *
 * Records:
 *   {"kind":"event","n":17,"event":{…FeedEvent}}   an event; `n` is the store's running ordinal
 *   {"kind":"read","feedId":"rates","n":17}       every event of the feed up to ordinal 17 is read
 *   {"kind":"remove","feedId":"rates"}            the feed was removed: forget what came before
 * Read markers live in the same file so one append is one consistent step and there is a single
 * file to keep healthy.
 */
import { z } from 'zod';
import { NOTIFY_DECISIONS, SeveritySchema, type FeedEvent } from '../../shared/feed.ts';
import { DEFAULT_SEVERITY } from '../../shared/presentation/severity.ts';

/** The history file's name inside the directory the app passes in. */
export const HISTORY_FILE_NAME = 'history.jsonl';

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
