/**
 * A stand-in Mercure hub (mercure.rocks/spec) on 127.0.0.1:0: `GET /.well-known/mercure?topic=…`
 * streams updates with SSE ids (`urn:uuid:…`); a subscriber resumes with the `Last-Event-ID` header or
 * the `lastEventID` query parameter (either; `earliest` asks for everything), gets the updates after
 * that id, and heartbeat comments keep the line alive.
 */
import type { ServerResponse } from 'node:http';
import { openStream, startTestServer, type TestServer } from './sse-server.ts';

export interface MercureUpdate {
  id: string;
  topic: string;
  data: string;
  type?: string;
}

export interface MercureHub extends TestServer {
  publish(topic: string, data: string, type?: string): MercureUpdate;
  /** A heartbeat comment to every subscriber. */
  heartbeat(): void;
  subscribers(): number;
}

export async function startMercureHub(options: { retryMs?: number } = {}): Promise<MercureHub> {
  const updates: MercureUpdate[] = [];
  const subscribers = new Set<{ topics: string[]; res: ServerResponse }>();
  let counter = 0;
  const send = (res: ServerResponse, update: MercureUpdate) =>
    res.write(`${update.type ? `event: ${update.type}\n` : ''}id: ${update.id}\ndata: ${update.data}\n\n`);

  const server = await startTestServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const topics = url.searchParams.getAll('topic');
    if (url.pathname !== '/.well-known/mercure' || topics.length === 0) {
      res.writeHead(400, { 'Content-Type': 'text/plain' }).end('Missing "topic" parameter.');
      return;
    }
    // [Mercure spec] the hub reads the Last-Event-ID header or the lastEventID query parameter.
    const last = (req.headers['last-event-id'] as string | undefined) ?? url.searchParams.get('lastEventID');
    openStream(res, last ? { 'Last-Event-ID': updates.at(-1)?.id ?? 'earliest' } : {});
    if (options.retryMs !== undefined) res.write(`retry: ${options.retryMs}\n\n`);
    const mine = updates.filter((update) => topics.includes(update.topic));
    const from =
      last === 'earliest' ? 0 : last ? mine.findIndex((update) => update.id === last) + 1 : mine.length;
    for (const update of mine.slice(from)) send(res, update);
    const subscriber = { topics, res };
    subscribers.add(subscriber);
    res.on('close', () => subscribers.delete(subscriber));
  });

  return {
    ...server,
    publish(topic, data, type) {
      const update: MercureUpdate = {
        id: `urn:uuid:00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`,
        topic,
        data,
        ...(type ? { type } : {}),
      };
      updates.push(update);
      for (const subscriber of subscribers)
        if (subscriber.topics.includes(topic)) send(subscriber.res, update);
      return update;
    },
    heartbeat() {
      for (const { res } of subscribers) res.write(':\n\n');
    },
    subscribers: () => subscribers.size,
  };
}
