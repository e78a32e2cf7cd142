import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One request the test server received. */
export interface SeenRequest {
  path: string;
  headers: IncomingMessage['headers'];
}

/** A scriptable HTTP server on 127.0.0.1, port 0, for feeds that behave and misbehave. */
export interface TestServer {
  url: string;
  requests: SeenRequest[];
  /** Destroys every open socket, as a crash or a dropped network would. */
  dropAll(): void;
  close(): Promise<void>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, requestIndex: number) => void;

export async function startTestServer(handler: Handler): Promise<TestServer> {
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    requests.push({ path: req.url ?? '/', headers: req.headers });
    res.socket?.setNoDelay(true);
    handler(req, res, requests.length - 1);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    dropAll: () => {
      for (const socket of sockets) socket.destroy();
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Starts an event-stream response. */
export function openStream(res: ServerResponse, extraHeaders: Record<string, string> = {}): void {
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', ...extraHeaders });
  res.flushHeaders();
}

/** Polls `condition` until it holds or `timeoutMs` passes (then throws with `what`). */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
