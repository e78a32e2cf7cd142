/**
 * `feedtray history`: the window's history search from a terminal. Opens the app's `history.db`
 * read-only, which WAL allows while the app is running and writing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { parseArgs } from 'node:util';
import { searchHistory } from '../main/pipeline/history/search.ts';
import type { FeedEvent } from '../shared/feed.ts';
import type { HistoryHit, TextSegment } from '../shared/history.ts';
import { parseInteger } from './args.ts';
import { userDataDir } from './history-path.ts';
import type { LineWriter } from './output.ts';
import { UsageError } from './usage.ts';

/** What the command needs from the world. */
export interface HistoryIo {
  stdout: LineWriter;
  stderr: LineWriter;
  now: () => number;
  /** The folder the app keeps its data in, when `--db` is not given. */
  userData: string;
  /** Mark matches for a terminal (bold) rather than plain text. */
  color: boolean;
}

/** The defaults for a real terminal. */
export function processHistoryIo(stdout: LineWriter, stderr: LineWriter): HistoryIo {
  return {
    stdout,
    stderr,
    now: Date.now,
    userData: userDataDir(process.platform, process.env, homedir()),
    color: process.stdout.isTTY === true && !process.env.NO_COLOR,
  };
}

const UNITS_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `--since`: a duration back from now (`90s`, `15m`, `2h`, `7d`, `1w`) or a date (`2024-06-01`). */
export function parseSince(raw: string, now: number): number {
  const duration = /^(\d{1,9})([smhdw])$/.exec(raw.trim());
  if (duration) return now - Number(duration[1]) * UNITS_MS[duration[2]!]!;
  const date = Date.parse(raw);
  if (/^\d{4}-\d{2}-\d{2}/.test(raw) && Number.isFinite(date)) return date;
  throw new UsageError(`--since ${raw}: expected a duration like 2h or 7d, or a date like 2024-06-01`);
}

/** Runs the command; exit 0 with results or none, 1 when the database cannot be read, 2 for usage. */
export async function history(argv: string[], io: HistoryIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      search: { type: 'string' },
      feed: { type: 'string', multiple: true, default: [] },
      since: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean', default: false },
      db: { type: 'string' },
    },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected "${positionals[0]}" (use --search "words")`);
  const limit = parseInteger('--limit', values.limit, 1, 1000) ?? 20;
  const fromMs = values.since === undefined ? undefined : parseSince(values.since, io.now());
  const path = values.db ?? join(io.userData, 'history.db');
  if (!existsSync(path)) {
    io.stderr.line(`feedtray: no history database at ${path} (has the app run yet? --db names another)`);
    await io.stderr.flushed();
    return 1;
  }
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(path, { readOnly: true, timeout: 2000 });
  } catch (error) {
    io.stderr.line(`feedtray: ${path} could not be opened: ${(error as Error).message}`);
    await io.stderr.flushed();
    return 1;
  }
  try {
    const feeds = resolveFeeds(values.feed, dirname(path));
    const result = searchHistory(db, {
      text: values.search,
      ...(feeds.length > 0 ? { feedIds: feeds } : {}),
      ...(fromMs === undefined ? {} : { fromMs }),
      limit,
    });
    if (!result.ok) {
      io.stderr.line(`feedtray: ${result.error.message}`);
      return 1;
    }
    const page = result.value;
    if (values.json) {
      page.events.forEach((event, i) => io.stdout.line(JSON.stringify(jsonLine(event, page.hits[i]!))));
    } else {
      page.events.forEach((event, i) => io.stdout.line(textLine(event, page.hits[i]!, io.color)));
      const more = page.totalExact ? `${page.total}` : `more than ${page.total}`;
      const plain =
        page.textMode === 'plain' ? ' (searched as plain words: the text is not FTS5 syntax)' : '';
      io.stderr.line(`${page.events.length} of ${more} matching events${plain}`);
    }
    return 0;
  } catch (error) {
    io.stderr.line(`feedtray: history could not be read: ${(error as Error).message}`);
    return 1;
  } finally {
    db.close();
    await io.stdout.flushed();
    await io.stderr.flushed();
  }
}

/** `--feed` takes an id or a feed's name (as settings.json next to the database has it). */
function resolveFeeds(wanted: readonly string[], dir: string): string[] {
  if (wanted.length === 0) return [];
  let feeds: { id: string; name: string }[] = [];
  try {
    const settings = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')) as { feeds?: unknown };
    if (Array.isArray(settings.feeds)) feeds = settings.feeds as { id: string; name: string }[];
  } catch {
    // no readable settings next to the database: --feed is taken as an id
  }
  return wanted.map((value) => {
    const byName = feeds.find(
      (feed) => typeof feed.name === 'string' && feed.name.toLowerCase() === value.toLowerCase(),
    );
    return byName && typeof byName.id === 'string' ? byName.id : value;
  });
}

function textLine(event: FeedEvent, hit: HistoryHit, color: boolean): string {
  const when = new Date(event.receivedAt).toISOString().replace('T', ' ').slice(0, 19);
  const snippet = hit.snippet.length > 0 ? `  ${render(hit.snippet, color)}` : '';
  return `${when}  ${event.feedId}  ${render(hit.title, color)}${snippet}`.replace(/[\r\n]+/g, ' ');
}

function render(segments: readonly TextSegment[], color: boolean): string {
  // Feed text may hold escape sequences of its own: control characters never reach the terminal.
  // eslint-disable-next-line no-control-regex
  const clean = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
  return segments
    .map((segment) =>
      segment.match && color ? `\u001b[1m${clean(segment.text)}\u001b[22m` : clean(segment.text),
    )
    .join('');
}

function jsonLine(event: FeedEvent, hit: HistoryHit) {
  return {
    ...event,
    severity: hit.severity,
    decision: hit.decision,
    title_segments: hit.title,
    snippet: hit.snippet,
  };
}
