import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { median, sleep, startBenchCore, until } from './core-host.ts';

/**
 * Reconnect: the feed's server asks for `retry: 1000`, then restarts: it drops every connection,
 * stops listening, and listens again on the same port 100 ms later. Measured from the drop until the
 * feed is `open` again; the figure is how far that exceeds the retry the server asked for.
 */
export interface ReconnectResult {
  runs: number;
  retryMs: number;
  reconnectMs: number;
  reconnectOverRetryMs: number;
}

const RETRY_MS = 1000;
const DOWNTIME_MS = 100;

function feedServer(): Server {
  let id = 0;
  return createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' });
    res.write(`retry: ${RETRY_MS}\nid: ${++id}\ndata: {"title":"hello"}\n\n`);
  });
}

const listen = (server: Server, port: number) =>
  new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });

const shut = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

export async function benchReconnect(runs = 5): Promise<ReconnectResult> {
  let server = feedServer();
  await listen(server, 0);
  const port = (server.address() as AddressInfo).port;
  const host = await startBenchCore({ recordPushes: false });
  const times: number[] = [];
  try {
    const { core } = host;
    const added = await core.handle('feeds:add', {
      id: 'restart',
      name: 'Restart',
      url: `http://127.0.0.1:${port}/feed`,
    });
    if (!added.ok) throw new Error(added.error.message);
    const state = () => core.status('restart')?.state;
    await until(() => state() === 'open', 'first open', 10_000);
    for (let run = 0; run < runs; run++) {
      await sleep(200);
      const dropped = performance.now();
      await shut(server);
      await until(() => state() !== 'open', 'the drop to be seen', 10_000);
      await sleep(Math.max(0, DOWNTIME_MS - (performance.now() - dropped)));
      server = feedServer();
      await listen(server, port);
      times.push((await until(() => state() === 'open', 'open after restart', 30_000)) - dropped);
    }
  } finally {
    await host.stop();
    await shut(server);
  }
  const reconnectMs = median(times);
  return {
    runs,
    retryMs: RETRY_MS,
    reconnectMs: Math.round(reconnectMs),
    reconnectOverRetryMs: Math.round(reconnectMs - RETRY_MS),
  };
}
