import { EventSource, type FetchLikeResponse, type EventSourceFetchInit } from 'eventsource';
import type { ConnectionConfig, FeedReason, FeedStatus, RawFeedEvent } from '../../shared/feed.ts';
import { nextDelay } from './backoff.ts';
import type { Clock, FetchFn, TimerHandle } from '../ports.ts';
import { contentTypeReason, httpStatusReason, isEventStream, networkReason, reason } from './reasons.ts';
import { fetchFollowingSafely, UnsafeRedirectError, type FollowedResponse } from './redirects.ts';
import { createStreamGuard } from './stream-guard.ts';

/** What a connection needs from the world. */
export interface FeedConnectionOptions {
  config: ConnectionConfig;
  fetch: FetchFn;
  clock: Clock;
  /** The last event id from a previous run, sent as `Last-Event-ID` on the first request. */
  lastEventId?: string;
  random?: () => number;
  onEvent(event: RawFeedEvent): void;
  onStatus(status: FeedStatus): void;
}

/**
 * `EventSource` delivers each event by dispatching a `MessageEvent` named after its type. Catching
 * them at `dispatchEvent` gives every type (for `*`) without knowing names in advance, and keeps a
 * server's `event: error` or `event: open` from reaching the connection's own error/open listeners.
 */
class TappedEventSource extends EventSource {
  onAnyMessage: ((event: MessageEvent) => void) | null = null;

  override dispatchEvent(event: Event): boolean {
    if (event instanceof MessageEvent) {
      this.onAnyMessage?.(event);
      return true;
    }
    return super.dispatchEvent(event);
  }
}

/**
 * One feed's persistent connection. The `eventsource` package parses the stream and, inside a healthy
 * stream, reconnects by itself with the server's `retry` and `Last-Event-ID`. Where the spec gives up
 * (non-200, wrong Content-Type, network error before a response) this class does not: it reconnects with
 * backoff and full jitter, except for 401/403 (waits for the user) and 204 (the server said stop).
 */
export class FeedConnection {
  readonly #options: FeedConnectionOptions;
  readonly #config: ConnectionConfig;
  readonly #clock: Clock;
  readonly #random: () => number;
  readonly #types: Set<string> | 'all';

  #source: TappedEventSource | null = null;
  #lastEventId: string;
  #retryMs: number | null = null;
  #running = false;
  #retryTimer: TimerHandle | null = null;
  #watchdogTimer: TimerHandle | null = null;
  #activityAt = 0;
  // The outcome of the current request, observed in the injected fetch before the package sees it.
  #opened = false;
  /** Whether each event forwarded by the current response's guard had its own id, oldest first. */
  #framing = new FlagQueue();
  #requestFailure: FeedReason | null = null;
  #status: FeedStatus;

  constructor(options: FeedConnectionOptions) {
    this.#options = options;
    this.#config = options.config;
    this.#clock = options.clock;
    this.#random = options.random ?? Math.random;
    this.#lastEventId = options.lastEventId ?? '';
    const types = options.config.eventTypes;
    this.#types = types.includes('*') ? 'all' : new Set(types.length > 0 ? types : ['message']);
    this.#status = {
      feedId: options.config.id,
      state: 'closed',
      reason: reason('stopped', 'Not started'),
      attempt: 0,
      nextRetryAt: null,
      lastEventAt: null,
      eventsReceived: 0,
      warning: null,
    };
  }

  /** The current status (a copy). */
  get status(): FeedStatus {
    return { ...this.#status };
  }

  /** The stream's last event id, to persist so a restart resumes where it stopped. */
  get lastEventId(): string {
    return this.#lastEventId;
  }

  /** Starts connecting; a no-op when already running. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#connect(reason('starting', 'Connecting'));
  }

  /** Closes the connection and cancels every timer; the feed stays closed with `why` as its reason. */
  stop(why: FeedReason = reason('stopped', 'Stopped')): void {
    this.#running = false;
    this.#teardown();
    this.#update({ state: 'closed', reason: why, nextRetryAt: null });
  }

  /**
   * Reconnects at once with the backoff reset: resume from sleep, network back online, or the user's
   * "retry now". A feed that waits for the user (needs sign-in, stopped by server) only moves on `force`.
   */
  reconnectNow(force = false): void {
    const waiting =
      this.#status.reason.code === 'needs-auth' || this.#status.reason.code === 'stopped-by-server';
    if (waiting && !force) return;
    this.#teardown();
    this.#running = true;
    this.#update({ attempt: 0 });
    this.#connect(reason('starting', 'Reconnecting'));
  }

  #connect(why: FeedReason): void {
    this.#retryTimer = null;
    this.#update({ state: 'connecting', reason: why, nextRetryAt: null });
    const source = new TappedEventSource(this.#config.url, {
      fetch: this.#fetchForEventSource,
      // A backstop only: the stream guard drops oversized events before the parser buffers them.
      maxBufferSize: this.#config.maxEventBytes * 2,
    });
    source.onAnyMessage = this.#onMessage;
    source.addEventListener('open', this.#onOpen);
    source.addEventListener('error', this.#onError);
    this.#source = source;
  }

  /** The `fetch` the package calls for every request, including its own reconnects. */
  #fetchForEventSource = async (
    url: string | URL,
    init: EventSourceFetchInit,
  ): Promise<FetchLikeResponse> => {
    this.#opened = false;
    this.#requestFailure = null;
    this.#touch();
    const headers = new Headers();
    for (const header of this.#config.headers) {
      // A secret waiting to be entered again is left out rather than sent empty.
      if (header.secret && header.value === '') continue;
      headers.set(header.name, header.value);
    }
    for (const [name, value] of Object.entries(init.headers)) headers.set(name, value);
    // The package only knows ids it has seen itself; after a restart or one of our own reconnects
    // the id comes from here.
    if (!headers.has('Last-Event-ID') && this.#lastEventId !== '')
      headers.set('Last-Event-ID', this.#lastEventId);
    let followed: FollowedResponse;
    try {
      followed = await fetchFollowingSafely(
        this.#options.fetch,
        url,
        {
          method: 'GET',
          headers,
          cache: 'no-store',
          signal: init.signal as AbortSignal,
          credentials: this.#config.withCredentials ? 'include' : 'omit',
        },
        this.#config.headers.map((header) => header.name),
      );
    } catch (error) {
      if (!(init.signal as AbortSignal).aborted) {
        this.#requestFailure =
          error instanceof UnsafeRedirectError
            ? reason('http-status', `Not following a redirect: ${error.message}`)
            : networkReason(error);
      }
      throw error;
    }
    const { response } = followed;
    const contentType = response.headers.get('content-type');
    if (response.status !== 200) {
      this.#requestFailure = httpStatusReason(response.status);
    } else if (!isEventStream(contentType)) {
      this.#requestFailure = contentTypeReason(contentType);
    }
    if (this.#requestFailure || !response.body) {
      await response.body?.cancel().catch(() => undefined);
      return {
        status: response.status,
        url: followed.url,
        redirected: followed.redirected,
        headers: response.headers,
        body: null,
      };
    }
    const framing = new FlagQueue();
    this.#framing = framing;
    const guard = createStreamGuard(this.#config.maxEventBytes, {
      onEventForwarded: (hasId) => framing.push(hasId),
      onBytes: () => this.#touch(),
      onRetry: (retryMs) => {
        this.#retryMs = retryMs;
      },
      onOversizedEvent: (bytesSeen) => {
        this.#update({
          warning: reason(
            'event-too-large',
            `Dropped an event larger than ${formatBytes(this.#config.maxEventBytes)} (${formatBytes(bytesSeen)} and growing)`,
          ),
        });
      },
    });
    return {
      status: response.status,
      url: followed.url,
      redirected: followed.redirected,
      headers: response.headers,
      body: response.body.pipeThrough(guard),
    };
  };

  #onOpen = (): void => {
    this.#opened = true;
    this.#update({ state: 'open', reason: reason('open', 'Connected'), attempt: 0, nextRetryAt: null });
  };

  #onMessage = (event: MessageEvent): void => {
    // In order: the guard noted each forwarded event before the parser dispatched it.
    const hasOwnId = this.#framing.shift();
    // A fresh EventSource (after one of our own reconnects) reports '' until an id arrives: only an
    // event's own id field moves the position, so an id-less welcome event cannot erase it.
    if (hasOwnId) this.#lastEventId = event.lastEventId;
    if (this.#types !== 'all' && !this.#types.has(event.type)) return;
    const receivedAt = this.#clock.now();
    this.#status.eventsReceived++;
    this.#status.lastEventAt = receivedAt;
    this.#options.onEvent({
      feedId: this.#config.id,
      type: event.type,
      id: hasOwnId ? event.lastEventId : '',
      lastEventId: this.#lastEventId,
      data: event.data as string,
      receivedAt,
    });
  };

  #onError = (): void => {
    const source = this.#source;
    if (!source || !this.#running) return;
    const failure = this.#requestFailure;
    if (source.readyState === source.CONNECTING && this.#opened) {
      // [spec] the stream ended or broke after it was established: the package reconnects by itself
      // after the server's retry, sending Last-Event-ID.
      const waitMs = this.#retryMs ?? 3000;
      this.#activityAt = this.#clock.now() + waitMs; // the watchdog measures from the reconnect
      this.#update({
        state: 'connecting',
        reason: reason('server-closed', 'The server closed the stream; reconnecting'),
        attempt: 1,
        nextRetryAt: this.#clock.now() + waitMs,
      });
      return;
    }
    this.#closeSource();
    const why = failure ?? reason('network', 'The connection failed before the server answered');
    if (why.code === 'needs-auth' || why.code === 'stopped-by-server') {
      // [spec] 204 No Content: stop reconnecting. 401/403: retrying cannot help until the user acts.
      this.#clearTimers();
      this.#update({ state: 'closed', reason: why, nextRetryAt: null });
      return;
    }
    // departs from spec: the spec fails the connection for good; a tray app keeps trying, with backoff.
    this.#scheduleRetry(why);
  };

  #scheduleRetry(why: FeedReason): void {
    this.#clearTimers();
    const attempt = this.#status.attempt + 1;
    const delayMs = nextDelay(attempt, this.#retryMs, this.#random);
    this.#update({ state: 'connecting', reason: why, attempt, nextRetryAt: this.#clock.now() + delayMs });
    this.#retryTimer = this.#clock.setTimeout(() => this.#connect(why), delayMs);
  }

  /** Records byte activity and keeps one watchdog timer armed for the stall timeout. */
  #touch(): void {
    this.#activityAt = this.#clock.now();
    if (this.#watchdogTimer === null) this.#armWatchdog(this.#config.stallTimeoutS * 1000);
  }

  #armWatchdog(delayMs: number): void {
    this.#watchdogTimer = this.#clock.setTimeout(this.#checkStall, delayMs);
  }

  #checkStall = (): void => {
    this.#watchdogTimer = null;
    if (!this.#running || this.#source === null) return;
    const stallMs = this.#config.stallTimeoutS * 1000;
    const quietMs = this.#clock.now() - this.#activityAt;
    if (quietMs < stallMs) {
      this.#armWatchdog(stallMs - quietMs);
      return;
    }
    this.#closeSource();
    this.#scheduleRetry(
      reason('stalled', `No data for ${this.#config.stallTimeoutS} s (not even a heartbeat); reconnecting`),
    );
  };

  #closeSource(): void {
    if (!this.#source) return;
    this.#source.onAnyMessage = null;
    this.#source.removeEventListener('open', this.#onOpen);
    this.#source.removeEventListener('error', this.#onError);
    this.#source.close();
    this.#source = null;
  }

  #clearTimers(): void {
    if (this.#retryTimer !== null) this.#clock.clearTimeout(this.#retryTimer);
    if (this.#watchdogTimer !== null) this.#clock.clearTimeout(this.#watchdogTimer);
    this.#retryTimer = null;
    this.#watchdogTimer = null;
  }

  #teardown(): void {
    this.#closeSource();
    this.#clearTimers();
  }

  #update(change: Partial<FeedStatus>): void {
    const before = this.#status;
    const next = { ...before, ...change };
    const changed =
      next.state !== before.state ||
      next.reason !== before.reason ||
      next.attempt !== before.attempt ||
      next.nextRetryAt !== before.nextRetryAt ||
      next.warning !== before.warning;
    this.#status = next;
    if (changed) this.#options.onStatus({ ...next });
  }
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024)
    return `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${bytes} bytes`;
}

/**
 * A FIFO of booleans with O(1) shift (Array#shift moves every element): one entry per forwarded
 * event, taken as the parser dispatches it. Empty reads as true: trust the reported id.
 */
class FlagQueue {
  #items: boolean[] = [];
  #head = 0;

  push(flag: boolean): void {
    this.#items.push(flag);
  }

  shift(): boolean {
    if (this.#head >= this.#items.length) return true;
    const flag = this.#items[this.#head++]!;
    if (this.#head === this.#items.length) {
      this.#items = [];
      this.#head = 0;
    }
    return flag;
  }
}
