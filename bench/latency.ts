import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { percentile, sleep, startBenchCore, until } from './core-host.ts';

/**
 * Latency: a server writes one event every 10 ms (100 events/s); each is timed from just before the
 * server's `write` to the moment the core hands its notification to the notifier. The feed notifies on
 * every event (`minIntervalS: 0`: the coalescer opens no window, so each event shows at once). Server
 * and core share this process, so both times come from one `performance.now()`.
 */
export interface LatencyResult {
  events: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
}

export async function benchLatency(events = 1000, warmup = 100): Promise<LatencyResult> {
  const total = warmup + events;
  const sentAt = new Float64Array(total + 1);
  const server = createServer((req, res) => {
    res.socket?.setNoDelay(true);
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' });
    res.flushHeaders();
    let seq = Number(req.headers['last-event-id'] ?? 0);
    const timer = setInterval(() => {
      if (seq >= total) return void clearInterval(timer);
      seq++;
      const frame = `id: ${seq}\ndata: {"title":"Tick ${seq}","seq":${seq}}\n\n`;
      sentAt[seq] = performance.now();
      res.write(frame);
    }, 10);
    res.on('close', () => clearInterval(timer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ticks`;
  const host = await startBenchCore({ recordPushes: false });
  const latencies: number[] = [];
  host.onNotify = (notification, at) => {
    const seq = Number(notification.eventKey?.slice('lat:'.length));
    if (seq > warmup) latencies.push(at - sentAt[seq]!);
  };
  try {
    const added = await host.core.handle('feeds:add', {
      id: 'lat',
      name: 'Latency',
      url,
      mapping: { title: '/title' },
      notify: { minIntervalS: 0 },
    });
    if (!added.ok) throw new Error(added.error.message);
    await until(() => latencies.length === events, `${events} notifications`, 60_000);
    await sleep(50);
  } finally {
    await host.stop();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  const round = (ms: number) => Number(ms.toFixed(2));
  return {
    events: latencies.length,
    latencyP50Ms: round(percentile(latencies, 50)),
    latencyP99Ms: round(percentile(latencies, 99)),
    latencyMaxMs: round(Math.max(...latencies)),
  };
}
