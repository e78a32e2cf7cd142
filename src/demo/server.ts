/** The demo SSE server: `/news`, `/alerts` and `/rates` over plain `node:http` on loopback, and alert acks. */

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_FEED_NAMES, DemoFeedSet, type DemoFeedName } from './feed-set.ts';
import type { FeedChannel } from './feed-channel.ts';
import { LOOPBACK_HOST, resolveDemoServerOptions, type DemoServerOptions } from './options.ts';
import { formatComment, formatRetry } from './sse-format.ts';

export { DemoServerError, type DemoServerOptions } from './options.ts';

/** A running demo server. */
export interface DemoServer {
  /** `http://127.0.0.1:PORT`, without a trailing slash. */
  url: string;
  port: number;
  feedUrls: Record<DemoFeedName, string>;
  /** Ends every open stream, stops the timers and closes the server. Safe to call twice. */
  close(): Promise<void>;
  /** Open SSE responses right now. */
  connections(): number;
}

/**
 * A client that stops reading while we keep writing would grow our buffer without end; past this many
 * unsent bytes it is dropped, and on reconnect its Last-Event-ID replays what it missed from history.
 */
const MAX_BUFFERED_BYTES = 1024 * 1024;
/** How long close() lets ended streams flush their last bytes before cutting the sockets. */
const CLOSE_GRACE_MS = 500;

const HEARTBEAT = formatComment('ping');

/** Starts the demo server; rejects with a `DemoServerError` for a bad option or a non-loopback host. */
export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const settings = resolveDemoServerOptions(options);
  const feeds = new DemoFeedSet(settings);
  const channels = new Map<string, FeedChannel>(
    DEMO_FEED_NAMES.map((name) => [`/${name}`, feeds.channel(name)]),
  );
  const streams = new Set<ServerResponse>();
  const retryLine = `${formatRetry(settings.retryMs)}\n`;

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const ack = ackedAlertId(path);
    if (ack !== null) return acknowledge(req, res, ack);
    if (req.method !== 'GET') return sendText(res, 405, 'Only GET is supported here.\n', { Allow: 'GET' });
    // `url` is set once listening succeeds, which is before any request can arrive.
    if (path === '/') return sendText(res, 200, index(url));
    const channel = channels.get(path);
    if (!channel) return sendText(res, 404, `Not found: ${path}. Try / for the list of feeds.\n`);
    openStream(req, res, channel);
  });

  /** `POST /alerts/{alert_id}/ack`: what the alerts feed's Acknowledge button sends. */
  function acknowledge(req: IncomingMessage, res: ServerResponse, alertId: string | undefined): void {
    // Nothing in the body matters: let it drain unread, so a large one costs no memory.
    req.resume();
    if (req.method !== 'POST') return sendText(res, 405, 'Acknowledge with POST.\n', { Allow: 'POST' });
    if (alertId === undefined || !feeds.acknowledge(alertId))
      return sendText(
        res,
        404,
        `No alert with the id ${JSON.stringify((alertId ?? '').slice(0, 100))} was sent here.\n`,
      );
    res.writeHead(204, { 'Cache-Control': 'no-store' });
    res.end();
  }

  function openStream(req: IncomingMessage, res: ServerResponse, channel: FeedChannel): void {
    // Each event goes out in one write; without Nagle it leaves at once instead of waiting for an ACK.
    req.socket.setNoDelay(true);
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    // Node joins a repeated custom header into one string; the array type is only there for set-cookie.
    const header = req.headers['last-event-id'];
    const lastEventId = Array.isArray(header) ? header.at(-1) : header;
    // Subscribing and writing the replay happen in the same synchronous step, so the replay ends exactly
    // where the live events begin.
    const { replay, unsubscribe } = channel.subscribe((chunk) => send(res, chunk), lastEventId);
    streams.add(res);
    res.once('close', () => {
      unsubscribe();
      streams.delete(res);
    });
    send(res, retryLine + replay);
  }

  await listen(server, settings.port);
  const port = (server.address() as AddressInfo).port;
  const url = `http://${LOOPBACK_HOST}:${port}`;
  // Started only once listening succeeded, so a failed start leaves no timer behind.
  feeds.start();
  const heartbeat = setInterval(() => {
    for (const res of streams) send(res, HEARTBEAT);
  }, settings.heartbeatMs);

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    feedUrls: { news: `${url}/news`, alerts: `${url}/alerts`, rates: `${url}/rates` },
    connections: () => streams.size,
    close: () =>
      (closing ??= (async () => {
        feeds.stop();
        clearInterval(heartbeat);
        const open = [...streams];
        streams.clear();
        await endStreams(open);
        await closeServer(server);
      })()),
  };
}

/** Writes one chunk unless the client is gone; drops a client that has stopped reading. */
function send(res: ServerResponse, chunk: string): void {
  // The socket may have closed with its 'close' event still queued: never write after that.
  if (res.writableEnded || res.destroyed) return;
  res.write(chunk);
  if (res.writableLength > MAX_BUFFERED_BYTES) res.destroy();
}

/**
 * The alert id in an ack path (`/alerts/orders-db%3Adown/ack` → `orders-db:down`); undefined when the
 * id is not valid percent-encoding, null when the path is no ack path at all.
 */
function ackedAlertId(path: string): string | undefined | null {
  const match = /^\/alerts\/([^/]+)\/ack$/.exec(path);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return undefined;
  }
}

function sendText(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(body);
}

function index(baseUrl: string): string {
  return [
    'FeedTray demo feeds (Server-Sent Events)',
    '',
    `${baseUrl}/news    headlines, JSON {title, body, link, source}`,
    `${baseUrl}/alerts  ops alerts as event types info | warning | critical, JSON {title, body, service, severity}`,
    '        warnings and critical ones are incidents: alert_id, status firing | resolved',
    `POST ${baseUrl}/alerts/{alert_id}/ack  acknowledges an alert (204; 404 for an id never sent)`,
    `${baseUrl}/rates   exchange-rate ticks, JSON {pair, rate, change, at}`,
    '',
    'Send Last-Event-ID to replay what you missed.',
    '',
  ].join('\n');
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Ends each stream and waits (briefly) until its last bytes are handed to the OS. */
async function endStreams(streams: ServerResponse[]): Promise<void> {
  const flushed = streams.map(
    (res) =>
      new Promise<void>((resolve) => {
        if (res.destroyed || res.writableFinished) return resolve();
        res.once('finish', resolve);
        res.once('close', resolve);
        res.end();
      }),
  );
  let grace: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    Promise.all(flushed),
    new Promise((resolve) => (grace = setTimeout(resolve, CLOSE_GRACE_MS))),
  ]);
  clearTimeout(grace);
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // Keep-alive sockets would otherwise hold close() open until the client lets go.
    server.closeAllConnections();
  });
}
