/**
 * A stand-in ntfy server (docs.ntfy.sh/subscribe/api) on 127.0.0.1:0, with the behaviour that matters
 * to a client: `GET /<topic>[,<topic>…]/sse` answers `event: open` with a JSON body, then message
 * events as `data: <json>` with NO `id:` field (the id is inside the JSON), and `event: keepalive` on
 * demand. `Last-Event-ID` is ignored; `?since=` resumes: a message id (what came after it), `all`, a
 * duration (`10m`, `12h`) or a unix time. Without `since` a subscriber gets only new messages.
 */
import type { ServerResponse } from 'node:http';
import { openStream, startTestServer, type TestServer } from './sse-server.ts';

/** A message as ntfy stores and sends it. */
export interface NtfyMessage {
  id: string;
  time: number;
  event: 'message';
  topic: string;
  message: string;
  title?: string;
  priority?: number;
  tags?: string[];
  click?: string;
  icon?: string;
  attachment?: { name: string; url: string };
}

export interface NtfyServer extends TestServer {
  /** Publishes to a topic: stored, and sent to every subscriber of it. */
  publish(topic: string, fields: Omit<NtfyMessage, 'id' | 'time' | 'event' | 'topic'>): NtfyMessage;
  /** Sends `event: keepalive` to every subscriber. */
  keepalive(): void;
  /** Open subscriptions now. */
  subscribers(): number;
}

interface Subscriber {
  topics: string[];
  res: ServerResponse;
}

const UNITS_S: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

export async function startNtfyServer(
  options: { retryMs?: number; now?: () => number } = {},
): Promise<NtfyServer> {
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  const messages: NtfyMessage[] = [];
  const subscribers = new Set<Subscriber>();
  let counter = 0;
  // ntfy ids are 12 random letters; a counter in them keeps test output readable and unique.
  const nextId = () => `m${String(++counter).padStart(4, '0')}${Math.random().toString(36).slice(2, 9)}`;
  const send = (res: ServerResponse, message: object, event?: string) =>
    res.write(`${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(message)}\n\n`);

  const server = await startTestServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const match = /^\/([^/]+)\/sse$/.exec(url.pathname);
    if (req.method !== 'GET' || !match) {
      res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"code":40401,"http":404}');
      return;
    }
    const topics = match[1]!.split(',');
    openStream(res);
    if (options.retryMs !== undefined) res.write(`retry: ${options.retryMs}\n\n`);
    send(res, { id: nextId(), time: now(), event: 'open', topic: topics.join(',') }, 'open');
    for (const message of backlog(url.searchParams.get('since'), topics)) send(res, message);
    const subscriber = { topics, res };
    subscribers.add(subscriber);
    res.on('close', () => subscribers.delete(subscriber));
  });

  /** Cached messages a `since` asks for, oldest first. */
  function backlog(since: string | null, topics: string[]): NtfyMessage[] {
    const mine = messages.filter((message) => topics.includes(message.topic));
    if (since === null || since === '') return [];
    if (since === 'all') return mine;
    const duration = /^(\d+)([smhd])$/.exec(since);
    if (duration) return mine.filter((m) => m.time >= now() - Number(duration[1]) * UNITS_S[duration[2]!]!);
    if (/^\d+$/.test(since)) return mine.filter((m) => m.time >= Number(since));
    const at = mine.findIndex((message) => message.id === since);
    return at === -1 ? [] : mine.slice(at + 1);
  }

  return {
    ...server,
    publish(topic, fields) {
      const message: NtfyMessage = { id: nextId(), time: now(), event: 'message', topic, ...fields };
      messages.push(message);
      for (const subscriber of subscribers)
        if (subscriber.topics.includes(topic)) send(subscriber.res, message);
      return message;
    },
    keepalive() {
      for (const { res, topics } of subscribers)
        send(res, { id: nextId(), time: now(), event: 'keepalive', topic: topics.join(',') }, 'keepalive');
    },
    subscribers: () => subscribers.size,
  };
}
