import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
// The demo feeds' seeded PRNG, so a failing schedule can be replayed from its seed.
import { seededRandom } from '../../src/demo/random.ts';

/**
 * A misbehaving SSE server on 127.0.0.1 for the reliability suite. Each feed (`/feed/<n>`) has a log
 * of events that grows on a timer; every connection streams the log from the client's `Last-Event-ID`
 * and follows it live, while a seeded random schedule (one draw per feed and connection) makes it
 * fail: 5xx answers, HTML instead of an event stream, silence after the headers, sockets destroyed
 * after a write has flushed or in the middle of an event, garbage and invalid UTF-8 between events,
 * a 5 MiB line, replays of old ids, and CR / CRLF / LF line ends.
 *
 * "Committed" means: appended to a feed's log. A committed event always carries `id: <seq>` (1, 2, …
 * without gaps) and JSON data `{"feed":"f3","seq":12,"title":"f3 #12"}`. Nothing else the server
 * sends is committed: garbage, oversized lines and id-less `data:` events may or may not reach the
 * pipeline, and never count. The client has every committed event exactly once, in order, when its
 * pipeline holds seq 1..N for every feed.
 */
export interface ChaosServerOptions {
  seed: number;
  feeds: number;
  eventsPerFeed: number;
  /** Events appended to every feed's log per production tick. */
  eventsPerTick: number;
  tickMs: number;
  /** Connections that go silent, per feed: each costs the client a stall timeout. */
  stallsPerFeed: number;
  /** 5 MiB lines over the whole run. */
  hugeLines: number;
  /** Heartbeat comment interval on healthy streams. */
  heartbeatMs?: number;
  /**
   * The highest seq of a feed the client is known to have received (the test reads it from the
   * pipeline), so a request without `Last-Event-ID` after that counts as a forgotten position.
   */
  knownToClient?: (index: number) => number;
}

/** What the server did, for the report. */
export interface ChaosStats {
  requests: number;
  /** Requests without Last-Event-ID after the client had received events: it forgot its position. */
  requestsWithoutLastEventId: number;
  actions: Record<string, number>;
  bytesSent: number;
}

export interface ChaosServer {
  url: string;
  port: number;
  feedId(index: number): string;
  feedUrl(index: number): string;
  /** Committed events of a feed so far (its log length). */
  committed(index: number): number;
  /** Resolves once every feed's log holds `eventsPerFeed` events. */
  produced: Promise<void>;
  /** From now on every new connection behaves: a healthy, endless stream with heartbeats. */
  calm(): void;
  stats: ChaosStats;
  close(): Promise<void>;
}

const HUGE_LINE_BYTES = 5 * 1024 * 1024;
const EOLS = ['\n', '\r\n', '\r'] as const;

interface FeedLog {
  id: string;
  length: number;
  connections: number;
  stallsLeft: number;
  waiters: Set<() => void>;
}

type Ending = 'drop-after-flush' | 'drop-mid-event' | 'end' | 'stall';

export async function startChaosServer(options: ChaosServerOptions): Promise<ChaosServer> {
  const heartbeatMs = options.heartbeatMs ?? 1000;
  const logs: FeedLog[] = Array.from({ length: options.feeds }, (_, i) => ({
    id: `f${i}`,
    length: 0,
    connections: 0,
    stallsLeft: options.stallsPerFeed,
    waiters: new Set(),
  }));
  const stats: ChaosStats = { requests: 0, requestsWithoutLastEventId: 0, actions: {}, bytesSent: 0 };
  const count = (action: string) => (stats.actions[action] = (stats.actions[action] ?? 0) + 1);
  let hugeLinesLeft = options.hugeLines;
  let calm = false;
  let closing = false;
  const sockets = new Set<Socket>();
  const timers = new Set<ReturnType<typeof setTimeout>>();

  /** Resolves when the log grows past `length`, or after `ms`. */
  const growth = (log: FeedLog, length: number, ms: number) =>
    log.length > length
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          const done = () => {
            log.waiters.delete(done);
            clearTimeout(timer);
            timers.delete(timer);
            resolve();
          };
          const timer = setTimeout(done, ms);
          timers.add(timer);
          log.waiters.add(done);
        });

  let resolveProduced!: () => void;
  const produced = new Promise<void>((resolve) => (resolveProduced = resolve));
  const producer = setInterval(() => {
    let done = true;
    for (const log of logs) {
      log.length = Math.min(options.eventsPerFeed, log.length + options.eventsPerTick);
      if (log.length < options.eventsPerFeed) done = false;
      for (const wake of [...log.waiters]) wake();
    }
    if (done) {
      clearInterval(producer);
      resolveProduced();
    }
  }, options.tickMs);

  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    stats.requests++;
    const match = /^\/feed\/(\d+)$/.exec(req.url ?? '');
    const log = match ? logs[Number(match[1])] : undefined;
    if (!log) {
      res.writeHead(404).end();
      return;
    }
    const index = Number(match![1]);
    const connection = log.connections++;
    const rng = seededRandom(options.seed * 7919 + index * 104_729 + connection);
    const header = req.headers['last-event-id'];
    const lastId = typeof header === 'string' && /^\d+$/.test(header) ? Number(header) : 0;
    if (header === undefined && (options.knownToClient?.(index) ?? 0) > 0) stats.requestsWithoutLastEventId++;
    let closed = false;
    res.on('close', () => (closed = true));
    res.on('error', () => undefined);

    const chaotic = !calm;
    const roll = rng();
    if (chaotic && roll < 0.1) {
      const status = [500, 502, 503][Math.floor(rng() * 3)]!;
      count(`http-${status}`);
      res.writeHead(status, { 'Content-Type': 'text/plain' }).end('try again later');
      return;
    }
    if (chaotic && roll < 0.14) {
      count('text-html');
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html><body>Sign in</body></html>');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' });
    res.flushHeaders();
    if (chaotic && roll < 0.16 && log.stallsLeft > 0) {
      log.stallsLeft--;
      count('stall-after-headers');
      return; // silence until the client's stall watchdog gives up on us
    }
    count(chaotic ? 'stream' : 'calm-stream');

    const eol = chaotic ? EOLS[Math.floor(rng() * EOLS.length)]! : '\n';
    const write = (chunk: string | Buffer): Promise<void> =>
      new Promise((resolve) => {
        if (closed) return resolve();
        stats.bytesSent += Buffer.byteLength(chunk);
        // Resolves once flushed to the socket, or at once if the client went away.
        const flushed = res.write(chunk, () => resolve());
        if (!flushed) res.once('close', () => resolve());
      });
    const destroy = () => res.socket?.destroy();
    const frame = (seq: number): string => {
      const data = JSON.stringify({ feed: log.id, seq, title: `${log.id} #${seq}` });
      const comma = data.indexOf(',') + 1;
      const idLine = rng() < 0.5 ? `id: ${seq}` : `id:${seq}`;
      // Half of the events split their JSON over two data lines, which the parser joins with "\n".
      return rng() < 0.5
        ? `${idLine}${eol}data: ${data}${eol}${eol}`
        : `data: ${data.slice(0, comma)}${eol}${idLine}${eol}data:${data.slice(comma)}${eol}${eol}`;
    };
    const garbage = (): Buffer => {
      const bytes: number[] = [];
      const length = 1 + Math.floor(rng() * 60);
      for (let i = 0; i < length; i++) {
        const byte = Math.floor(rng() * 256);
        bytes.push(byte === 0x0a || byte === 0x0d ? 0xff : byte); // invalid UTF-8 welcome, line ends not
      }
      const kind = rng();
      // A comment line, an unknown field (ignored by the parser), or an event without an id.
      const head = kind < 0.5 ? ':' : kind < 0.8 ? 'x-junk: ' : 'data: garbage ';
      const tail = kind < 0.8 ? eol : `${eol}${eol}`;
      return Buffer.concat([Buffer.from(head), Buffer.from(bytes), Buffer.from(tail)]);
    };

    await write(`retry: 50${eol}${eol}`);
    let cursor = lastId;
    if (chaotic && rng() < 0.15 && cursor > 0) {
      count('replay-from-older-id');
      cursor = Math.max(0, cursor - 1 - Math.floor(rng() * 100));
    }
    const budget = chaotic ? 5 + Math.floor(rng() * 200) : Infinity;
    const endRoll = rng();
    let ending: Ending =
      endRoll < 0.35
        ? 'drop-after-flush'
        : endRoll < 0.55
          ? 'drop-mid-event'
          : endRoll < 0.8
            ? 'end'
            : 'stall';
    if (ending === 'stall') {
      if (log.stallsLeft > 0) log.stallsLeft--;
      else ending = 'drop-after-flush';
    }
    let sent = 0;
    let lastHeartbeat = Date.now();
    while (!closed && !closing && sent < budget) {
      if (cursor >= log.length) {
        await growth(log, cursor, heartbeatMs);
        if (cursor >= log.length && Date.now() - lastHeartbeat >= heartbeatMs) {
          lastHeartbeat = Date.now();
          await write(`: heartbeat${eol}${eol}`);
        }
        continue;
      }
      const parts: (string | Buffer)[] = [];
      const upTo = Math.min(log.length, cursor + 50, cursor + budget - sent);
      for (; cursor < upTo; sent++) {
        cursor++;
        parts.push(frame(cursor));
        if (!chaotic) continue;
        const r = rng();
        if (r < 0.05) {
          count('garbage');
          parts.push(garbage());
        } else if (r < 0.07 && cursor > 1) {
          count('replay-mid-stream');
          const from = Math.max(1, cursor - 1 - Math.floor(rng() * 20));
          for (let seq = from; seq < cursor; seq++) parts.push(frame(seq));
          parts.push(frame(cursor));
        } else if (r < 0.075 && hugeLinesLeft > 0) {
          hugeLinesLeft--;
          count('huge-line');
          // No id: a dropped oversized event must not move the stream's position.
          parts.push(rng() < 0.5 ? 'data: ' : ': ', Buffer.alloc(HUGE_LINE_BYTES, 0x78), `${eol}${eol}`);
        }
      }
      await write(Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : part))));
      lastHeartbeat = Date.now();
    }
    if (closed || closing) return;
    count(ending);
    if (ending === 'drop-after-flush') destroy();
    else if (ending === 'drop-mid-event') {
      const next = frame(cursor + 1 <= log.length ? cursor + 1 : cursor);
      await write(next.slice(0, Math.max(1, Math.floor(next.length / 2))));
      destroy();
    } else if (ending === 'end') res.end();
    // 'stall': keep the socket open and say nothing.
  };

  const server = createServer((req, res) => {
    res.socket?.setNoDelay(true);
    void serve(req, res).catch(() => res.socket?.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    feedId: (index) => logs[index]!.id,
    feedUrl: (index) => `${url}/feed/${index}`,
    committed: (index) => logs[index]!.length,
    produced,
    calm: () => {
      calm = true;
    },
    stats,
    close: async () => {
      closing = true;
      clearInterval(producer);
      for (const timer of timers) clearTimeout(timer);
      for (const log of logs) for (const wake of [...log.waiters]) wake();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
