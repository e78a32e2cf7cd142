/**
 * The history database: insert throughput through the store, full-text search over 1,000,000 stored
 * events, a 30-day chart read back, and the database's size per million events. The million rows are
 * written by the store's own commit path in large transactions (the same triggers and indexes as in
 * the app), so the figures are the app's, only the batch size differs.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { seededRandom } from '../src/demo/random.ts';
import { HistoryStore } from '../src/main/pipeline/history.ts';
import type { FeedEvent } from '../src/shared/feed.ts';

/** What the history benchmark measured. */
export interface HistoryBenchResult {
  rows: number;
  historyInsertEventsPerS: number;
  historySearchP50Ms: number;
  historySearchP95Ms: number;
  historySearchMaxMs: number;
  historyChart30dMs: number;
  historyChart1hMs: number;
  historyDbBytesPerMillion: number;
  historyBulkLoadS: number;
}

const DAY_MS = 24 * 3600 * 1000;
const WORDS = (
  'orders replica lag disk full volume cpu memory latency timeout deploy rollback payment refund ' +
  'invoice shipment warehouse backlog queue consumer producer kafka postgres redis cache miss hit ' +
  'login failure success region eu us asia outage degraded recovered alert warning notice rate ' +
  'price usd cny eur jpy gbp spread bid ask volume trade order filled cancelled pending settlement'
).split(' ');
const FEEDS = Array.from({ length: 20 }, (_, i) => (i === 0 ? 'rates' : `ops-${i}`));

/** A deterministic event: feed 0 carries the USD/CNY series, the others ops messages. */
export function makeEvent(n: number, receivedAt: number, random: () => number): FeedEvent {
  const feedId = n % 3 === 0 ? 'rates' : FEEDS[1 + (n % 19)]!;
  const words = Array.from({ length: 12 }, () => WORDS[Math.floor(random() * WORDS.length)]!);
  const isRate = feedId === 'rates';
  const value = isRate ? 7.1 + Math.sin(n / 5000) * 0.05 + random() * 0.001 : null;
  const title = isRate ? 'USD/CNY' : `${words[0]} ${words[1]} on ${words[2]}-${n % 97}`;
  return {
    feedId,
    type: isRate ? 'rate' : 'message',
    id: String(n),
    data: JSON.stringify({ seq: n, host: `${words[3]}-${n % 13}`, text: words.join(' '), value }),
    receivedAt,
    key: `${feedId}:${n}`,
    severity: 3,
    decision: null,
    title,
    body: words.slice(2).join(' '),
    link: null,
    value,
  };
}

/** Appends `rows` events spread over the 30 days before `now` and commits them. */
export function fillHistory(store: HistoryStore, rows: number, now: number): void {
  const random = seededRandom(2);
  const spanMs = 30 * DAY_MS;
  for (let n = 1; n <= rows; n++)
    store.append(makeEvent(n, now - spanMs + Math.floor((n / rows) * spanMs), random));
  store.commitNow();
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** Runs the history benchmarks; `rows` stored events for search (default 1,000,000). */
export async function benchHistory(rows = 1_000_000): Promise<HistoryBenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'feedtray-bench-history-'));
  const limits = {
    limit: 10_000_000,
    retention: { maxAgeDays: 3650, maxTotalMB: 100_000, maxFeedMB: 100_000 },
  };
  try {
    // Insert throughput: the app's path (append, commits of 500 rows), 50,000 events.
    const random = seededRandom(1);
    const now = Date.now();
    const insertDir = join(dir, 'insert');
    const insertStore = new HistoryStore({
      dir: insertDir,
      ...limits,
      onProblem: (p) => console.warn(p.message),
    });
    await insertStore.load();
    const inserts = 50_000;
    const insertStart = performance.now();
    for (let n = 1; n <= inserts; n++) insertStore.append(makeEvent(n, now - (inserts - n) * 10, random));
    insertStore.commitNow();
    const insertS = (performance.now() - insertStart) / 1000;
    await insertStore.close();

    // A million events over 30 days, committed 50,000 at a time.
    const store = new HistoryStore({
      dir,
      ...limits,
      maxBatchRows: 50_000,
      onProblem: (p) => console.warn(p.message),
    });
    await store.load();
    const spanMs = 30 * DAY_MS;
    const loadStart = performance.now();
    for (let n = 1; n <= rows; n++)
      store.append(makeEvent(n, now - spanMs + Math.floor((n / rows) * spanMs), random));
    store.commitNow();
    const bulkLoadS = (performance.now() - loadStart) / 1000;

    const queries: Parameters<HistoryStore['query']>[0][] = [
      { limit: 50 },
      { text: 'orders', limit: 50 },
      { text: 'replica lag', limit: 50 },
      { text: '"disk full"', limit: 50 },
      { text: 'postgres OR redis', limit: 50 },
      { text: 'kafka*', limit: 50 },
      { text: 'refund NOT payment', limit: 50 },
      { text: 'settlement', feedIds: ['ops-7'], limit: 50 },
      { text: 'outage', fromMs: now - 2 * DAY_MS, limit: 50 },
      {
        text: 'timeout',
        feedIds: ['ops-3', 'ops-4'],
        fromMs: now - 7 * DAY_MS,
        toMs: now - DAY_MS,
        limit: 50,
      },
      { feedIds: ['ops-11'], limit: 50 },
      { types: ['rate'], fromMs: now - DAY_MS, limit: 50 },
      { text: '"unclosed phrase', limit: 50 },
      { text: 'usd cny', limit: 100 },
      { text: 'shipment warehouse backlog', limit: 50 },
    ];
    const times: number[] = [];
    for (let round = 0; round < 5; round++) {
      for (const query of queries) {
        const started = performance.now();
        const page = await store.query(query);
        times.push(performance.now() - started);
        if (!page.ok) throw new Error(page.error.message);
        // The second page through the cursor, as the window pages.
        if (page.value.nextBefore !== null) {
          const next = performance.now();
          await store.query({ ...query, before: page.value.nextBefore });
          times.push(performance.now() - next);
        }
      }
    }
    times.sort((a, b) => a - b);

    const chart = async (rangeMs: number) => {
      const samples: number[] = [];
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        const series = await store.series({
          seriesKey: 'rates:USD/CNY',
          fromMs: now - rangeMs,
          toMs: now,
          buckets: 1000,
        });
        samples.push(performance.now() - started);
        if (!series.ok || series.value.points.length === 0) throw new Error('no series points');
      }
      return samples.sort((a, b) => a - b)[2]!;
    };
    const chart30d = await chart(30 * DAY_MS);
    const chart1h = await chart(3600 * 1000);
    await store.close();
    const bytes = (await stat(join(dir, 'history.db'))).size;

    return {
      rows,
      historyInsertEventsPerS: Math.round(inserts / insertS),
      historySearchP50Ms: round2(percentile(times, 0.5)),
      historySearchP95Ms: round2(percentile(times, 0.95)),
      historySearchMaxMs: round2(times.at(-1)!),
      historyChart30dMs: round2(chart30d),
      historyChart1hMs: round2(chart1h),
      historyDbBytesPerMillion: Math.round((bytes / rows) * 1_000_000),
      historyBulkLoadS: round2(bulkLoadS),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
