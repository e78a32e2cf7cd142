/**
 * Opening `history.db`: owner-only files, WAL, the schema brought up to date, and what to do when the
 * file is damaged (moved aside as `history.corrupt-<time>.db`, a fresh one in its place) or held by
 * another FeedTray (history kept in memory for this run; the other instance's file is left alone).
 */
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { migrateSchema } from './schema.ts';

export const HISTORY_DB_NAME = 'history.db';

/** Something the user should hear about, in plain words; the store goes on working. */
export interface HistoryProblem {
  code:
    | 'history-damaged'
    | 'history-locked'
    | 'history-newer'
    | 'history-write-failed'
    | 'history-read-failed'
    | 'history-import-failed'
    | 'unknown-key'
    | 'bad-query';
  message: string;
  /** Where a damaged database was moved. */
  keptAs?: string;
  /** The technical reason, for logs. */
  cause?: string;
}

/** An opened database and how it came to be. */
export interface OpenedDatabase {
  db: DatabaseSync;
  /** False when the history lives in memory for this run (the file is locked or unusable). */
  persistent: boolean;
  /** Nothing may be written (a database from a newer FeedTray). */
  readOnly: boolean;
  problems: HistoryProblem[];
}

/** SQLite primary result codes the store tells apart. */
export const SQLITE = {
  BUSY: 5,
  LOCKED: 6,
  READONLY: 8,
  IOERR: 10,
  CORRUPT: 11,
  FULL: 13,
  CANTOPEN: 14,
  NOTADB: 26,
};

/** The primary SQLite result code of an error node:sqlite threw, or -1. */
export function sqliteCode(error: unknown): number {
  const code = (error as { errcode?: unknown }).errcode;
  return typeof code === 'number' ? code & 0xff : -1;
}

/** Whether an error means the file itself is damaged (as opposed to full, locked or read-only). */
export function isDamage(error: unknown): boolean {
  const code = sqliteCode(error);
  return code === SQLITE.CORRUPT || code === SQLITE.NOTADB;
}

/**
 * Opens (creating if needed) the history database in `dir`, recovering from damage. `damaged` says the
 * running app found the file damaged (it is moved aside first). Never throws.
 */
export function openHistoryDatabase(dir: string, now: () => number, damaged?: string): OpenedDatabase {
  const path = join(dir, HISTORY_DB_NAME);
  const problems: HistoryProblem[] = [];
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    problems.push(writeFailed(error));
    return { ...memoryDatabase(), problems };
  }
  const truncated = damaged ?? truncatedBy(path);
  if (truncated) problems.push(moveAside(path, now, truncated));
  for (let attempt = 0; attempt < 2; attempt++) {
    const opened = tryOpen(path);
    if (opened.ok) return { ...opened.value, problems: [...problems, ...opened.value.problems] };
    if (opened.locked) {
      problems.push({
        code: 'history-locked',
        message:
          'Event history is in use by another FeedTray, so this one keeps history in memory until it quits.',
        cause: opened.cause,
      });
      return { ...memoryDatabase(), problems };
    }
    if (!opened.damaged || attempt > 0) {
      problems.push({
        code: 'history-read-failed',
        message: 'Event history could not be opened; new events are kept in memory until the app quits.',
        cause: opened.cause,
      });
      return { ...memoryDatabase(), problems };
    }
    problems.push(moveAside(path, now, opened.cause));
  }
  return { ...memoryDatabase(), problems }; // not reached: the loop returns on its second attempt
}

type TryOpen =
  { ok: true; value: OpenedDatabase } | { ok: false; damaged: boolean; locked: boolean; cause: string };

function tryOpen(path: string): TryOpen {
  let db: DatabaseSync | null = null;
  try {
    // Created empty first with 0600: SQLite gives its -wal and -shm files the database file's mode.
    closeSync(openSync(path, 'a', 0o600));
    chmodSync(path, 0o600);
    db = new DatabaseSync(path, { timeout: 1000 });
    db.exec('PRAGMA foreign_keys = OFF');
    // Reads page 1: garbage fails here with "file is not a database".
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    // auto_vacuum must be chosen before the first table; incremental lets retention give space back.
    db.exec('PRAGMA auto_vacuum = INCREMENTAL');
    const mode = db.prepare('PRAGMA journal_mode = WAL').get() as { journal_mode?: string } | undefined;
    if (mode?.journal_mode !== 'wal')
      throw Object.assign(new Error('WAL mode refused'), { errcode: SQLITE.BUSY });
    // NORMAL in WAL survives a killed process; only a power cut can lose the last commits.
    db.exec('PRAGMA synchronous = NORMAL');
    // The WAL file is cut back to this after a checkpoint, so one big burst does not leave it large.
    db.exec('PRAGMA journal_size_limit = 4194304');
    // The write lock, taken once now: another instance holding it shows up here, not mid-event.
    db.exec('BEGIN IMMEDIATE');
    db.exec('COMMIT');
    const schema = migrateSchema(db);
    for (const suffix of ['-wal', '-shm']) if (existsSync(path + suffix)) chmodSync(path + suffix, 0o600);
    if (schema.kind === 'newer') {
      return {
        ok: true,
        value: {
          db,
          persistent: true,
          readOnly: true,
          problems: [
            {
              code: 'history-newer',
              message: `Event history was written by a newer FeedTray (schema ${schema.version}); it is shown but not changed.`,
            },
          ],
        },
      };
    }
    return { ok: true, value: { db, persistent: true, readOnly: false, problems: [] } };
  } catch (error) {
    try {
      db?.close();
    } catch {
      // closing a half-open handle can fail too; the open error is the one that matters
    }
    const code = sqliteCode(error);
    return {
      ok: false,
      damaged: isDamage(error),
      locked: code === SQLITE.BUSY || code === SQLITE.LOCKED,
      cause: describe(error),
    };
  }
}

/** A database that lives only as long as the process, for when the file cannot be used. */
function memoryDatabase(): Omit<OpenedDatabase, 'problems'> {
  const db = new DatabaseSync(':memory:');
  migrateSchema(db);
  return { db, persistent: false, readOnly: false };
}

/**
 * Why the file is shorter than its header says (a copy or a disk cut it short), or null. Page 1 holds
 * the page size (bytes 16–17) and the page count (28–31). A checkpoint writes page 1 before the pages
 * that extend the file, so a kill between them leaves a short file whose pages the WAL still holds:
 * with WAL frames beside it (more than the WAL's 32-byte header), a short file is SQLite's to recover.
 */
function truncatedBy(path: string): string | null {
  let size: number;
  try {
    const stat = statSync(path);
    // A folder (or anything but a file) in its place is not a damaged database: opening it fails, said so.
    if (!stat.isFile()) return null;
    size = stat.size;
  } catch {
    return null; // no file yet
  }
  if (size === 0) return null;
  if (walHasFrames(`${path}-wal`)) return null;
  const header = Buffer.alloc(100);
  const fd = openSync(path, 'r');
  let read: number;
  try {
    read = readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (read < 100) return `the file is ${size} bytes, shorter than a database header`;
  if (header.toString('latin1', 0, 16) !== 'SQLite format 3\0') return null; // tryOpen says "not a database"
  const raw = header.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  const pages = header.readUInt32BE(28);
  // The count is valid only when "version-valid-for" matches the change counter (SQLite ≥ 3.7.0 keeps them equal).
  if (header.readUInt32BE(92) !== header.readUInt32BE(24) || pageSize < 512) return null;
  return size < pages * pageSize ? `the file holds ${size} of its ${pages * pageSize} bytes` : null;
}

function walHasFrames(path: string): boolean {
  try {
    return statSync(path).size > 32;
  } catch {
    return false;
  }
}

/** Moves a damaged database and its WAL files aside, so a fresh one can take its place. */
function moveAside(path: string, now: () => number, cause: string): HistoryProblem {
  const stamp = new Date(now()).toISOString().replace(/[:.]/g, '-');
  const keptAs = path.replace(/\.db$/, `.corrupt-${stamp}.db`);
  try {
    renameSync(path, keptAs);
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(path + suffix)) renameSync(path + suffix, keptAs + suffix);
    }
  } catch (error) {
    return {
      code: 'history-damaged',
      message: 'Event history is damaged and could not be moved aside; new events are kept in memory.',
      cause: `${cause}; ${describe(error)}`,
    };
  }
  return {
    code: 'history-damaged',
    message: `Event history was damaged, so it was set aside as ${keptAs} and a new one was started.`,
    keptAs,
    cause,
  };
}

/** A write that failed, in plain words. */
export function writeFailed(error: unknown): HistoryProblem {
  const code = sqliteCode(error);
  const why =
    code === SQLITE.FULL
      ? 'the disk is full'
      : code === SQLITE.READONLY || (error as NodeJS.ErrnoException).code === 'EACCES'
        ? 'its folder is read-only'
        : code === SQLITE.BUSY
          ? 'another program holds the database'
          : 'of a disk error';
  return {
    code: 'history-write-failed',
    message: `Event history could not be saved because ${why}; events are kept in memory and saving is retried.`,
    cause: describe(error),
  };
}

export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
