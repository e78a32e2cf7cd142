/**
 * The first start after the upgrade: the JSON Lines history of earlier versions moves into the
 * database. Events, read markers and a record of the import commit in one transaction, and the count
 * is verified before it commits; the old file is removed only after. A start interrupted before the
 * commit imports again from the file; one interrupted after it finds the record and only removes the file.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import type { FeedEvent } from '../../../shared/feed.ts';
import { dataHash } from '../dedupe.ts';
import { HISTORY_FILE_NAME, parseHistory } from '../history-file.ts';
import { commitBatch, type CommitStatements } from './commit.ts';
import { describe, type HistoryProblem } from './open.ts';
import type { PendingRow } from './rows.ts';

const IMPORT_RECORD = 'jsonl-import';

/** What the import did. */
export interface ImportReport {
  /** Events moved into the database by this start (0 when there was nothing, or it was done before). */
  imported: number;
  /** Lines of the old file that could not be read. */
  skippedLines: number;
  /** The import had committed on an earlier start that stopped before removing the file. */
  resumed: boolean;
  problem: HistoryProblem | null;
}

interface FeedLog {
  events: { n: number; event: FeedEvent }[];
  readThrough: number;
}

/** Imports `history.jsonl` from `dir` if it is there. Synchronous, so no event lands in between. Never throws. */
export function importJsonLines(db: DatabaseSync, statements: CommitStatements, dir: string): ImportReport {
  const path = join(dir, HISTORY_FILE_NAME);
  const report: ImportReport = { imported: 0, skippedLines: 0, resumed: false, problem: null };
  if (!existsSync(path)) return report;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return {
      ...report,
      problem: {
        code: 'history-import-failed',
        message: 'The event history of the previous version could not be read; its file is kept.',
        cause: describe(error),
      },
    };
  }

  if (db.prepare('SELECT 1 FROM meta WHERE name = ?').get(IMPORT_RECORD)) {
    report.resumed = true;
  } else {
    const parsed = parseHistory(text);
    report.skippedLines = parsed.skippedLines;
    const feeds = replay(parsed.records);
    const ordered = [...feeds.values()].flatMap((log) => log.events).sort((a, b) => a.n - b.n);
    const rows: PendingRow[] = ordered.map(({ event }) => ({
      event,
      severity: null,
      decision: null,
      hash: event.id === '' ? null : dataHash(event.data),
    }));
    try {
      const base = (db.prepare('SELECT coalesce(max(rowid), 0) AS r FROM events').get() as { r: number }).r;
      commitBatch(db, statements, rows, [], () => {
        // Rowids follow insertion order from base + 1, so each ordinal maps to its row.
        const rowidOf = new Map(ordered.map((stored, index) => [stored.n, base + 1 + index]));
        for (const [feed, log] of feeds) {
          const read = log.events.filter((stored) => stored.n <= log.readThrough);
          const through = read.length > 0 ? rowidOf.get(read.at(-1)!.n)! : 0;
          db.prepare('UPDATE feeds SET read_through = ?, unread = ? WHERE feed = ?').run(
            through,
            log.events.length - read.length,
            feed,
          );
        }
        const count = (
          db.prepare('SELECT count(*) AS n FROM events WHERE rowid > ?').get(base) as { n: number }
        ).n;
        if (count !== rows.length) throw new Error(`imported ${count} of ${rows.length} events`);
        db.prepare('INSERT INTO meta (name, value) VALUES (?, ?)').run(
          IMPORT_RECORD,
          JSON.stringify({ events: rows.length, skippedLines: parsed.skippedLines }),
        );
      });
      report.imported = rows.length;
    } catch (error) {
      return {
        ...report,
        problem: {
          code: 'history-import-failed',
          message: 'The event history of the previous version could not be imported; its file is kept.',
          cause: describe(error),
        },
      };
    }
  }
  try {
    rmSync(path, { force: true });
    rmSync(`${path}.tmp`, { force: true });
  } catch (error) {
    report.problem = {
      code: 'history-import-failed',
      message:
        'The event history of the previous version was imported, but its old file could not be removed.',
      cause: describe(error),
    };
  }
  return report;
}

/** The old store's rules: events in order, read markers per feed, a removal forgets what came before. */
function replay(records: ReturnType<typeof parseHistory>['records']): Map<string, FeedLog> {
  const feeds = new Map<string, FeedLog>();
  const log = (feedId: string) => {
    let found = feeds.get(feedId);
    if (!found) {
      found = { events: [], readThrough: 0 };
      feeds.set(feedId, found);
    }
    return found;
  };
  for (const record of records) {
    if (record.kind === 'remove') feeds.delete(record.feedId);
    else if (record.kind === 'read')
      log(record.feedId).readThrough = Math.max(log(record.feedId).readThrough, record.n);
    else log(record.event.feedId).events.push({ n: record.n, event: record.event });
  }
  return feeds;
}
