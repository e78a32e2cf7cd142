import { DatabaseSync } from 'node:sqlite';
import type { HistoryStore } from '../pipeline/history.ts';

/** The feed id the probe writes under: found by full-text search, then removed again. */
const PROBE_FEED = 'feedtray-self-test';

/** What the probe proves: SQLite (with FTS5) loads here, and an event makes the round trip. */
export interface HistoryProbe {
  sqlite: string;
  /** False when history is kept in memory for this run (the database could not be used). */
  persistent: boolean;
  roundTripMs: number;
}

/**
 * Writes one event to the history database, commits it, finds it again by full-text search and
 * removes it: `--self-test` runs this so the real Electron on every OS proves `node:sqlite` loads.
 */
export async function probeHistory(
  history: HistoryStore,
  now: () => number,
): Promise<{ ok: true; value: HistoryProbe } | { ok: false; reason: string }> {
  const started = now();
  const word = `selftest${started.toString(36)}`;
  try {
    const loaded = await history.load();
    history.append({
      feedId: PROBE_FEED,
      type: 'message',
      id: word,
      data: JSON.stringify({ check: word }),
      receivedAt: started,
      key: `${PROBE_FEED}:${word}`,
      title: 'FeedTray self-test',
      body: `history database check ${word}`,
      link: null,
      value: null,
      severity: 3,
      decision: null,
    });
    if (!history.commitNow()) return { ok: false, reason: 'the event could not be committed' };
    const found = await history.query({ feedIds: [PROBE_FEED], text: word, limit: 5 });
    await history.removeFeed(PROBE_FEED);
    if (!found.ok) return { ok: false, reason: found.error.message };
    if (found.value.events[0]?.id !== word)
      return { ok: false, reason: 'the event written was not found again' };
    const version = new DatabaseSync(':memory:').prepare('SELECT sqlite_version() AS v').get() as {
      v: string;
    };
    return {
      ok: true,
      value: { sqlite: version.v, persistent: loaded.persistent, roundTripMs: now() - started },
    };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
