import { cpus, totalmem } from 'node:os';
import { benchThroughput } from './throughput.ts';

/** `npm run bench [-- --json]`: every benchmark, medians of interleaved runs, one JSON object with --json. */
const json = process.argv.includes('--json');
const log = (line: string) => {
  if (!json) console.log(line);
};

if (!(globalThis as { gc?: unknown }).gc)
  log('note: run with --expose-gc (npm run bench does) for heap figures');
log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
);

const throughput = await benchThroughput();
log(
  `\nThroughput: ${throughput.events.toLocaleString('en')} events (${(throughput.bytes / 2 ** 20).toFixed(1)} MiB) over loopback, median of ${throughput.runs}`,
);
log(`  raw bytes read        ${throughput.rawEventsPerS.toLocaleString('en')} events/s`);
log(`  eventsource-parser    ${throughput.parserEventsPerS.toLocaleString('en')} events/s`);
log(`  eventsource           ${throughput.eventsourceEventsPerS.toLocaleString('en')} events/s`);
log(
  `  FeedTray engine       ${throughput.engineEventsPerS.toLocaleString('en')} events/s (${(throughput.engineRatioToEventsource * 100).toFixed(1)}% of eventsource; target ≥ 80%)`,
);
log(
  `  engine heap growth    ${(throughput.engineHeapGrowthBytes / 1024).toFixed(0)} KiB while streaming (after GC)`,
);

const { runs: _runs, events: _events, bytes: _bytes, ...figures } = throughput;
if (json) console.log(JSON.stringify(figures));
