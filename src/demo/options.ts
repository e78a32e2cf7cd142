/** The demo server's options: their defaults, and the checks that turn a bad value into a clear error. */

import { DEFAULT_SEED } from './random.ts';

/** How to run the demo server; every field is optional. */
export interface DemoServerOptions {
  /** TCP port; 0 (the default) lets the OS pick a free one. */
  port?: number;
  /** Only loopback is allowed: the demo serves unauthenticated data and must not face the network. */
  host?: '127.0.0.1';
  /** How often rates tick (default 1000). */
  tickMs?: number;
  /** How often a news item is published (default 5000). */
  newsEveryMs?: number;
  /** How often an alert is published (default 3000). */
  alertsEveryMs?: number;
  /** How often every open stream gets a `: ping` comment (default 15000). */
  heartbeatMs?: number;
  /** Reconnection time sent as `retry:` when a stream opens (default 2000). */
  retryMs?: number;
  /** Seed for the content generators, so runs are reproducible (default fixed). */
  seed?: number;
  /** Events kept per feed for `Last-Event-ID` replay (default 1000). */
  historySize?: number;
  /**
   * The id of each feed's first event (default 1). A long-running host passes a time-based number so
   * ids keep increasing across restarts: a client's saved Last-Event-ID and dedupe memory stay meaningful.
   */
  firstId?: number;
}

/** Why the demo server refused to start: a code for machines and a sentence for people. */
export class DemoServerError extends Error {
  readonly code: 'non-loopback-host' | 'invalid-option';

  constructor(code: DemoServerError['code'], message: string) {
    super(message);
    this.name = 'DemoServerError';
    this.code = code;
  }
}

/** The only host the demo server binds to. */
export const LOOPBACK_HOST = '127.0.0.1';

/** Node clamps a timer longer than this to 1 ms, which would turn a slow feed into a flood. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Fills in defaults and checks every value; throws a `DemoServerError` naming the bad option. */
export function resolveDemoServerOptions(options: DemoServerOptions = {}): Required<DemoServerOptions> {
  const host: unknown = options.host ?? LOOPBACK_HOST;
  if (host !== LOOPBACK_HOST)
    throw new DemoServerError(
      'non-loopback-host',
      `The demo server only listens on ${LOOPBACK_HOST}, not ${JSON.stringify(host)}: ` +
        'it serves unauthenticated sample data and must not be reachable from the network.',
    );
  return {
    host: LOOPBACK_HOST,
    port: integer('port', options.port ?? 0, 0, 65_535),
    tickMs: integer('tickMs', options.tickMs ?? 1000, 1, MAX_TIMER_MS),
    newsEveryMs: integer('newsEveryMs', options.newsEveryMs ?? 5000, 1, MAX_TIMER_MS),
    alertsEveryMs: integer('alertsEveryMs', options.alertsEveryMs ?? 3000, 1, MAX_TIMER_MS),
    heartbeatMs: integer('heartbeatMs', options.heartbeatMs ?? 15_000, 1, MAX_TIMER_MS),
    // [spec] the retry field must be ASCII digits only, so a whole, non-negative number.
    retryMs: integer('retryMs', options.retryMs ?? 2000, 0, MAX_TIMER_MS),
    seed: integer('seed', options.seed ?? DEFAULT_SEED, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
    historySize: integer('historySize', options.historySize ?? 1000, 1, 1_000_000),
    firstId: integer('firstId', options.firstId ?? 1, 1, Number.MAX_SAFE_INTEGER / 2),
  };
}

function integer(name: string, value: number, min: number, max: number): number {
  if (!Number.isSafeInteger(value) || value < min || value > max)
    throw new DemoServerError(
      'invalid-option',
      `Demo server option ${name} must be a whole number from ${min} to ${max}, got ${String(value)}`,
    );
  return value;
}
