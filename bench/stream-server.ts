import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback server that streams the same `count` small JSON events to every client, then ends. */
export interface StreamServer {
  url: string;
  count: number;
  bytes: number;
  /** `performance.now()` when the latest request arrived: where a consumer's time starts. */
  lastRequestAt: number;
  close(): Promise<void>;
}

export async function startStreamServer(count: number): Promise<StreamServer> {
  const chunks: Buffer[] = [];
  let parts: string[] = [];
  let bytes = 0;
  for (let id = 1; id <= count; id++) {
    parts.push(
      `id: ${id}\ndata: {"pair":"USD/CNY","rate":${(7 + (id % 1000) / 10_000).toFixed(4)},"seq":${id}}\n\n`,
    );
    if (parts.length === 500 || id === count) {
      const chunk = Buffer.from(parts.join(''));
      bytes += chunk.length;
      chunks.push(chunk);
      parts = [];
    }
  }
  let lastRequestAt = 0;
  const server: Server = createServer((_req, res) => {
    lastRequestAt = performance.now();
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' });
    let index = 0;
    const pump = () => {
      while (index < chunks.length) {
        if (!res.write(chunks[index++])) return void res.once('drain', pump);
      }
      // Keep the stream open: clients close it when they have every event, as a live feed would.
    };
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/stream`,
    count,
    bytes,
    get lastRequestAt() {
      return lastRequestAt;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
