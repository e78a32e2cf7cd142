import { parseArgs } from 'node:util';
import { FeedConnection } from '../main/feeds/connection.ts';
import { systemClock, type FetchFn } from '../main/ports.ts';
import { Deduper } from '../main/pipeline/dedupe.ts';
import { FEED_DEFAULTS, type FeedStatus, type RawFeedEvent } from '../shared/feed.ts';
import { redactUserinfo } from '../shared/url-credentials.ts';
import { parseHeaders, parseInteger, parseServerKnobs, parseUrl } from './args.ts';
import type { LineWriter } from './output.ts';

/** `feedtray listen <url>`: the engine, printing events; returns the exit code when --max-events is reached. */
export async function listen(
  argv: string[],
  io: { fetch: FetchFn; stdout: LineWriter; stderr: LineWriter },
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      event: { type: 'string', multiple: true, default: [] },
      header: { type: 'string', multiple: true, default: [] },
      'last-event-id': { type: 'string' },
      'stall-timeout': { type: 'string' },
      'max-events': { type: 'string' },
      preset: { type: 'string' },
      'id-pointer': { type: 'string' },
      'resume-param': { type: 'string' },
      'first-since': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const server = parseServerKnobs(values, parseUrl(positionals[0]));
  const url = server.url;
  const headers = parseHeaders(values.header);
  const stallTimeoutS =
    parseInteger('--stall-timeout', values['stall-timeout'], 1, 3600) ?? FEED_DEFAULTS.stallTimeoutS;
  const maxEvents = parseInteger('--max-events', values['max-events'], 1, Number.MAX_SAFE_INTEGER);
  const { stdout, stderr } = io;
  const json = values.json;

  return new Promise<number>((resolve) => {
    let delivered = 0;
    // In memory, like the app's dedupe: a server replaying after a reconnect prints nothing twice, and
    // an id reused with new data (a server that restarted its numbering) is a new event.
    const deduper = new Deduper();
    // Retry timers are unref'd so the engine never pins a process; the command itself must stay up.
    const keepAlive = setInterval(() => undefined, 1 << 30);
    const finish = (code: number) => {
      connection.stop();
      clearInterval(keepAlive);
      void Promise.all([stdout.flushed(), stderr.flushed()]).then(() => resolve(code));
    };
    const onEvent = (event: RawFeedEvent) => {
      if (maxEvents !== undefined && delivered >= maxEvents) return;
      if (deduper.classify('cli', event.id, event.data) === 'duplicate') return;
      delivered++;
      if (json)
        stdout.line(
          JSON.stringify({ type: 'event', event: event.type, id: event.lastEventId, data: event.data }),
        );
      else stdout.line(formatEvent(event));
      if (maxEvents !== undefined && delivered >= maxEvents) finish(0);
    };
    const onStatus = (status: FeedStatus) => {
      if (json) {
        stdout.line(
          JSON.stringify({
            type: 'status',
            state: status.state,
            reason: status.reason.code,
            attempt: status.attempt,
            // When the next request goes out (epoch ms), only while one is scheduled.
            ...(status.nextRetryAt === null ? {} : { nextRetryAt: status.nextRetryAt }),
            ...(status.movedTo === undefined ? {} : { movedTo: status.movedTo }),
          }),
        );
      }
      stderr.line(formatStatus(status));
    };
    const connection = new FeedConnection({
      config: {
        id: 'cli',
        url,
        eventTypes: values.event.length > 0 ? values.event : server.eventTypes,
        idPointer: server.idPointer,
        resume: server.resume,
        heartbeatTypes: server.heartbeatTypes,
        headers,
        withCredentials: false,
        stallTimeoutS,
        maxEventBytes: FEED_DEFAULTS.maxEventBytes,
      },
      fetch: io.fetch,
      clock: systemClock,
      ...(values['last-event-id'] === undefined ? {} : { lastEventId: values['last-event-id'] }),
      onEvent,
      onStatus,
    });
    process.once('SIGINT', () => finish(130));
    process.once('SIGTERM', () => finish(143));
    connection.start();
  });
}

function formatEvent(event: RawFeedEvent): string {
  const time = new Date(event.receivedAt).toISOString().slice(11, 23);
  const id = event.id ? ` #${event.id}` : '';
  return `${time} ${event.type}${id}: ${event.data}`;
}

/** One line per status: the reason, the attempt and when the next request goes out. */
export function formatStatus(status: FeedStatus, now = Date.now()): string {
  const details: string[] = [];
  if (status.attempt > 0) details.push(`attempt ${status.attempt}`);
  if (status.nextRetryAt !== null)
    details.push(`next try in ${Math.max(0, Math.round((status.nextRetryAt - now) / 100) / 10)} s`);
  const shown = details.length > 0 ? ` (${details.join(', ')})` : '';
  const warning = status.warning ? ` — warning: ${status.warning.message}` : '';
  // Reasons never carry a URL's userinfo; redacting again keeps any future message honest.
  return redactUserinfo(`[${status.state}] ${status.reason.message}${shown}${warning}`);
}
