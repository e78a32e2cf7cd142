/** How the history store is built and what it reports: options, retention preferences, load report, stats. */
import { DEFAULT_HISTORY_SIZE } from '../../../shared/settings.ts';
import type { Clock } from '../../ports.ts';
import type { ImportReport } from './import.ts';
import type { HistoryProblem } from './open.ts';
import type { RetentionLimits } from './retention.ts';

/** Events kept per feed (the count cap) unless settings say otherwise. */
export const DEFAULT_HISTORY_LIMIT = DEFAULT_HISTORY_SIZE;
/** Retention defaults: 30 days, 200 MB overall and per feed. */
export const DEFAULT_RETENTION = { maxAgeDays: 30, maxTotalMB: 200, maxFeedMB: 200 } as const;
/** Retention preferences in the user's units. */
export interface RetentionPreferences {
  maxAgeDays: number;
  maxTotalMB: number;
  maxFeedMB: number;
}

/** The store's limits from the app's preferences (settings field names). */
export function historyPreferences(prefs: {
  historySize: number;
  historyMaxAgeDays: number;
  historyMaxMB: number;
  historyFeedMaxMB: number;
}): { limit: number; retention: RetentionPreferences } {
  return {
    limit: prefs.historySize,
    retention: {
      maxAgeDays: prefs.historyMaxAgeDays,
      maxTotalMB: prefs.historyMaxMB,
      maxFeedMB: prefs.historyFeedMaxMB,
    },
  };
}

/** How the store is built. */
export interface HistoryStoreOptions {
  /** The folder for `history.db` (the app's user-data folder). */
  dir: string;
  /** Events kept per feed. */
  limit?: number;
  retention?: Partial<RetentionPreferences>;
  clock?: Clock;
  /** How long appended events wait to be committed together; default 250 ms. */
  flushDelayMs?: number;
  /** Commit at once when this many rows wait; default 500. */
  maxBatchRows?: number;
  /** How often retention deletes a chunk while limits are exceeded; default 5 s when idle, 50 ms while behind. */
  retentionIntervalMs?: number;
  /** Every problem, in plain words: damage, a locked file, failed writes. */
  onProblem?: (problem: HistoryProblem) => void;
  /** The earlier name of `onProblem`. */
  onError?: (problem: HistoryProblem) => void;
}

/** What loading found. */
export interface LoadReport {
  events: number;
  import: ImportReport;
  problems: HistoryProblem[];
  /** Whether events are kept on disk (false: in memory for this run). */
  persistent: boolean;
}

/** Counters for tests, diagnostics and the benchmark. */
export interface HistoryStats {
  commits: number;
  committedRows: number;
  pendingRows: number;
  failedCommits: number;
  retentionDeleted: number;
}

/** The store's limits in its own units (ms, events, bytes). */
export function retentionLimits(limit: number, retention: RetentionPreferences): RetentionLimits {
  const mb = 1024 * 1024;
  return {
    maxAgeMs: retention.maxAgeDays * 24 * 3600 * 1000,
    maxFeedEvents: limit,
    maxFeedBytes: retention.maxFeedMB * mb,
    maxTotalBytes: retention.maxTotalMB * mb,
  };
}

/** Free pages handed back per retention step (4 MiB of 4 KiB pages). */
export const SHRINK_PAGES = 1024;
/** Rows kept in memory while writes fail, beyond which the oldest are dropped (and reported). */
export const MAX_PENDING_ROWS = 100_000;
