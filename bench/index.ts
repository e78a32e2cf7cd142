import { cpus, totalmem } from 'node:os';
import { benchBurst } from './burst.ts';
import { benchHistory } from './history-store.ts';
import { benchLatency } from './latency.ts';
import { benchReconnect } from './reconnect.ts';
import { benchRules } from './rules.ts';
import { benchScale } from './scale.ts';
import { benchThroughput } from './throughput.ts';
import { benchWindow } from './window.ts';

/**
 * `npm run bench [-- --json]`: every benchmark, each against its baseline in the same run (medians of
 * interleaved runs where it makes sense); with --json the last line is one JSON object of figures.
 * `--only=burst,window` runs some of them (the JSON then holds only theirs).
 */
const json = process.argv.includes('--json');
const only = process.argv
  .find((arg) => arg.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const wanted = (name: string) => !only || only.includes(name);
const log = (line: string) => {
  if (!json) console.log(line);
};
const n = (value: number) => value.toLocaleString('en');
const verdict = (met: boolean) => (met ? 'met' : 'MISSED');

if (!(globalThis as { gc?: unknown }).gc)
  log('note: run with --expose-gc (npm run bench does) for heap figures');
log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
);

const figures: Record<string, number> = {};

if (wanted('throughput')) {
  const throughput = await benchThroughput();
  log(
    `\nThroughput: ${n(throughput.events)} events (${(throughput.bytes / 2 ** 20).toFixed(1)} MiB) over loopback, median of ${throughput.runs}`,
  );
  log(`  raw bytes read        ${n(throughput.rawEventsPerS)} events/s`);
  log(`  eventsource-parser    ${n(throughput.parserEventsPerS)} events/s`);
  log(`  eventsource           ${n(throughput.eventsourceEventsPerS)} events/s`);
  log(
    `  FeedTray engine       ${n(throughput.engineEventsPerS)} events/s (${(throughput.engineRatioToEventsource * 100).toFixed(1)}% of eventsource; target ≥ 80%: ${verdict(throughput.engineRatioToEventsource >= 0.8)})`,
  );
  log(
    `  engine heap growth    ${(throughput.engineHeapGrowthBytes / 1024).toFixed(0)} KiB while streaming (after GC)`,
  );
  const { runs: _runs, events: _events, bytes: _bytes, ...rest } = throughput;
  Object.assign(figures, rest);
}

if (wanted('burst')) {
  const burst = await benchBurst();
  log(
    `\nBurst: ${n(burst.events)} events on one feed at once, whole core (normalize → history → notification policy → push batching), median of ${burst.runs}`,
  );
  log(`  bare eventsource      ${burst.eventsourceMs.toFixed(0)} ms to the last event`);
  log(
    `  FeedTray core         ${burst.coreMs.toFixed(0)} ms to the push carrying the last event: ${burst.burstRatioToEventsource}× eventsource (target ≤ 1.5×: ${verdict(burst.burstRatioToEventsource <= 1.5)})`,
  );
  log(
    `  notifications         ${burst.burstNotifications} shown for the burst (target ≤ 3: ${verdict(burst.burstNotifications <= 3)})`,
  );
  log(
    `  renderer IPC          ${burst.burstIpcMessages} messages, ${burst.burstIpcMessagesPerS}/s while draining (target ≤ 60/s: ${verdict(burst.burstIpcMessagesPerS <= 60)})`,
  );
  log(
    `  heap growth           ${(burst.burstHeapGrowthBytes / 2 ** 20).toFixed(1)} MiB after GC at the drain (target < 50 MB: ${verdict(burst.burstHeapGrowthBytes < 50e6)}); ${(burst.burstHeapGrowthAfterHistoryFlushBytes / 2 ** 20).toFixed(1)} MiB once history is written`,
  );
  log(
    `  longest loop stall    ${burst.burstMaxStallMs} ms while draining, worst of ${burst.runs} runs (median ${burst.burstMedianMaxStallMs} ms; target ≤ 50 ms: ${verdict(burst.burstMaxStallMs <= 50)})`,
  );
  const { events: _e, runs: _r, eventsourceMs, coreMs, burstIpcMessages: _m, ...rest } = burst;
  Object.assign(figures, rest, {
    burstEventsourceMs: Math.round(eventsourceMs),
    burstCoreMs: Math.round(coreMs),
  });
}

if (wanted('scale')) {
  const scale = await benchScale();
  log(`\nScale: ${scale.feeds} feeds, each an endless stream with a comment heartbeat every 15 s`);
  log(
    `  all open              ${n(scale.scaleOpenAllMs)} ms after applying the feed list, median of ${scale.runs} (target < 3 s: ${verdict(scale.scaleOpenAllMs < 3000)})`,
  );
  log(
    `  idle CPU              ${scale.scaleIdleCpuPercent.toFixed(2)}% of one core (median of 2 s windows over ${scale.idleWindowMs / 1000} s; target < 1%: ${verdict(scale.scaleIdleCpuPercent < 1)}); bare eventsource, same streams: ${scale.eventsourceIdleCpuPercent.toFixed(2)}%`,
  );
  log(
    `  heap per feed         ${n(Math.round(scale.scaleHeapPerFeedBytes / 1024))} KiB (target < 150 KB: ${verdict(scale.scaleHeapPerFeedBytes < 150e3)}); bare eventsource: ${n(Math.round(scale.eventsourceHeapPerFeedBytes / 1024))} KiB`,
  );
  log(
    `  resume from sleep     ${n(scale.resumeAllOpenMs)} ms from reconnectAll() to all open, median of ${scale.runs} (target < 2 s: ${verdict(scale.resumeAllOpenMs < 2000)})`,
  );
  const { feeds: _f, runs: _r, idleWindowMs: _w, ...rest } = scale;
  Object.assign(figures, rest);
}

if (wanted('latency')) {
  const latency = await benchLatency();
  log(
    `\nLatency: server write → notification handed to the notifier, ${n(latency.events)} events at 100/s, every event notifying`,
  );
  log(
    `  p50 ${latency.latencyP50Ms} ms, p99 ${latency.latencyP99Ms} ms (target p99 < 10 ms: ${verdict(latency.latencyP99Ms < 10)}), max ${latency.latencyMaxMs} ms`,
  );
  const { events: _e, ...rest } = latency;
  Object.assign(figures, rest);
}

if (wanted('reconnect')) {
  const reconnect = await benchReconnect();
  log(
    `\nReconnect: the server restarts (drops, stops listening, listens again on the same port 100 ms later)`,
  );
  log(
    `  open again after      ${n(reconnect.reconnectMs)} ms with retry: ${reconnect.retryMs}, median of ${reconnect.runs}: ${reconnect.reconnectOverRetryMs} ms over the retry (target ≤ 250 ms: ${verdict(reconnect.reconnectOverRetryMs <= 250)})`,
  );
  figures.reconnectOverRetryMs = reconnect.reconnectOverRetryMs;
  figures.reconnectRetryMs = reconnect.retryMs;
}

if (wanted('history')) {
  const history = await benchHistory();
  log(`\nHistory database: ${n(history.rows)} events over 30 days in history.db (node:sqlite, WAL, FTS5)`);
  log(
    `  insert                ${n(history.historyInsertEventsPerS)} events/s through the store (commits of 500)`,
  );
  log(
    `  search                p50 ${history.historySearchP50Ms} ms, p95 ${history.historySearchP95Ms} ms (target p95 < 50 ms: ${verdict(history.historySearchP95Ms < 50)}), max ${history.historySearchMaxMs} ms`,
  );
  log(
    `  30-day chart          ${history.historyChart30dMs} ms for 1000 points (1 h: ${history.historyChart1hMs} ms)`,
  );
  log(
    `  size                  ${(history.historyDbBytesPerMillion / 2 ** 20).toFixed(0)} MiB per million events; loaded in ${history.historyBulkLoadS} s`,
  );
  const { rows: _rows, ...rest } = history;
  Object.assign(figures, rest);
}

if (wanted('rules')) {
  const rules = benchRules();
  log(
    `\nRules: ${n(rules.rulesEvents)} rate ticks over 10 pairs, normalize + rules steps, median of ${rules.rulesRuns} interleaved runs`,
  );
  log(`  no rules (baseline)   ${rules.rulesBaselineUsPerEvent} µs per event`);
  log(
    `  20 rules              ${rules.rulesEvalUsPerEvent} µs per event: the rules cost ${rules.rulesCostUsPerEvent} µs (target < 10 µs: ${verdict(rules.rulesCostUsPerEvent < 10)}); ${n(rules.rulesNotifiedTicks)} ticks would notify`,
  );
  const { rulesRuns: _runs, rulesEvents: _count, ...rest } = rules;
  Object.assign(figures, rest);
}

if (wanted('window')) {
  const window = await benchWindow();
  log(
    `\nWindow: the Live tab vs a naive capped <ul>, same events, one Chromium, median of ${window.runs} interleaved runs`,
  );
  for (const rate of window.rates) {
    const w = rate.window;
    log(
      `  ${n(rate.ratePerS).padStart(5)}/s  CPU ${w.cpuPercent.toFixed(1)}% vs ${rate.naive.cpuPercent.toFixed(1)}% (${rate.cpuRatio}×), ${w.layoutsPerFrame.toFixed(2)} layouts/frame, ${w.fps.toFixed(0)} fps, ${w.longTasks} long tasks, latency ${w.latencyMs.toFixed(0)} ms vs ${rate.naive.latencyMs.toFixed(0)} ms`,
    );
  }
  log(
    `  at 1,000/s            ${window.windowCpuRatioToNaive}× the naive page's CPU (target ≤ 1.2×: ${verdict(window.windowCpuRatioToNaive <= 1.2)}), ${window.windowLayoutsPerFrame} layouts per frame (target 1: ${verdict(window.windowLayoutsPerFrame <= 1.05)})`,
  );
  log(
    `  at 5,000/s            ${window.windowFpsAt5000} fps, ${window.windowLongTasksAt5000} long tasks (target 60 fps, none: ${verdict(window.windowFpsAt5000 >= 55 && window.windowLongTasksAt5000 === 0)})`,
  );
  const { runs: _r, rates: _rates, ...rest } = window;
  Object.assign(figures, rest);
}

if (json) console.log(JSON.stringify(figures));
