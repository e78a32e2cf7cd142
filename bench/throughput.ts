import { EventSource } from 'eventsource';
import { createParser } from 'eventsource-parser';
import { systemClock } from '../src/main/ports.ts';
import { FeedManager } from '../src/main/feeds/manager.ts';
import { FeedConfigSchema } from '../src/shared/feed.ts';
import { startStreamServer } from './stream-server.ts';

/** One way of consuming the stream; resolves with the time it took to receive every event. */
type Consumer = (url: string, count: number) => Promise<number>;

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/** Reading the bytes and nothing else: the ceiling for any parser. */
function rawBytes(totalBytes: number): Consumer {
  return async (url) => {
    const started = performance.now();
    const controller = new AbortController();
    const response = await fetch(url, { signal: controller.signal });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let received = 0;
    while (received < totalBytes) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
    }
    controller.abort();
    return performance.now() - started;
  };
}

const bareParser: Consumer = async (url, count) => {
  const started = performance.now();
  const controller = new AbortController();
  let events = 0;
  const parser = createParser({ onEvent: () => events++ });
  const response = await fetch(url, { signal: controller.signal });
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  while (events < count) {
    const { done, value } = await reader.read();
    if (done) break;
    parser.feed(decoder.decode(value, { stream: true }));
  }
  controller.abort();
  return performance.now() - started;
};

const bareEventSource: Consumer = (url, count) =>
  new Promise((resolve) => {
    const started = performance.now();
    let events = 0;
    const source = new EventSource(url);
    source.onmessage = () => {
      if (++events === count) {
        source.close();
        resolve(performance.now() - started);
      }
    };
  });

/** The FeedTray engine: FeedManager → FeedConnection (stream guard, watchdog) → dedupe. */
function engine(samples?: number[]): Consumer {
  return (url, count) =>
    new Promise((resolve) => {
      const started = performance.now();
      let events = 0;
      const checkpoints = new Set([
        Math.floor(count / 4),
        Math.floor(count / 2),
        Math.floor((3 * count) / 4),
        count,
      ]);
      const manager = new FeedManager({
        fetch: globalThis.fetch,
        clock: systemClock,
        onStatus: () => undefined,
        onEvent: () => {
          events++;
          if (samples && checkpoints.has(events)) {
            gc();
            samples.push(process.memoryUsage().heapUsed);
          }
          if (events === count) {
            manager.stopAll();
            resolve(performance.now() - started);
          }
        },
      });
      manager.apply([FeedConfigSchema.parse({ id: 'bench', name: 'bench', url })]);
    });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface ThroughputResult {
  events: number;
  bytes: number;
  runs: number;
  rawEventsPerS: number;
  parserEventsPerS: number;
  eventsourceEventsPerS: number;
  engineEventsPerS: number;
  engineRatioToEventsource: number;
  engineHeapGrowthBytes: number;
}

/** Streams `count` events over loopback to each consumer, interleaving runs so drift hits all alike. */
export async function benchThroughput(count = 200_000, runs = 5): Promise<ThroughputResult> {
  const server = await startStreamServer(count);
  const consumers: [string, Consumer][] = [
    ['raw', rawBytes(server.bytes)],
    ['parser', bareParser],
    ['eventsource', bareEventSource],
    ['engine', engine()],
  ];
  const times = new Map<string, number[]>(consumers.map(([name]) => [name, []]));
  try {
    for (const [name, consume] of consumers)
      if (name !== 'raw') await consume(server.url, Math.min(count, 20_000)); // warm-up
    for (let run = 0; run < runs; run++) {
      for (const [name, consume] of consumers) {
        gc();
        times.get(name)!.push(await consume(server.url, count));
      }
    }
    const samples: number[] = [];
    gc();
    await engine(samples)(server.url, count);
    const perS = (name: string) => Math.round(count / (median(times.get(name)!) / 1000));
    return {
      events: count,
      bytes: server.bytes,
      runs,
      rawEventsPerS: perS('raw'),
      parserEventsPerS: perS('parser'),
      eventsourceEventsPerS: perS('eventsource'),
      engineEventsPerS: perS('engine'),
      engineRatioToEventsource: Number((perS('engine') / perS('eventsource')).toFixed(3)),
      // Heap after GC at the last quarter minus at the first: what streaming retains, not what it churns.
      engineHeapGrowthBytes: samples.length >= 2 ? samples.at(-1)! - samples[0]! : NaN,
    };
  } finally {
    await server.close();
  }
}
