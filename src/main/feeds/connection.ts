import type { EventSourceFetchInit, FetchLikeResponse } from 'eventsource';
import type { ConnectionConfig, FeedResume, FeedReason, FeedStatus, FeedWarning } from '../../shared/feed.ts';
import { subscribesTo } from '../../shared/presentation/event-types.ts';
import { displayUrl, splitUserinfo } from '../../shared/url-credentials.ts';
import type { Clock, TimerHandle } from '../ports.ts';
import { clampRetryMs } from './backoff.ts';
import { StatusKeeper } from './feed-status.ts';
import { guardedBody } from './guarded-body.ts';
import { PositionQueue } from './positions.ts';
import { movedWarning, oversizedWarning, reason, streamEndReason } from './reasons.ts';
import { isHealthyStream, planReconnect, RequestPacer, type AttemptEnd } from './reconnect-policy.ts';
import { requestStream, type RequestFailure } from './request.ts';
import { IdGapWatch } from './id-gaps.ts';
import { idFromData, resumeUrl, SSE_RESUME } from './resume.ts';
import { StallWatchdog } from './stall-watchdog.ts';
import { TappedEventSource } from './tapped-event-source.ts';
import type { Attempt, FeedConnectionOptions } from './connection-options.ts';

export type { FeedConnectionOptions } from './connection-options.ts';

/**
 * One feed's persistent connection. The `eventsource` package parses each stream; this class decides
 * every request: one EventSource per attempt, closed when its stream ends, so the package never
 * reconnects by itself and every request passes the same policy (backoff, the server's `retry` held
 * to a sane range, a token bucket of about one request a second) with `Last-Event-ID` sent here.
 * 401/403 and 204 wait for the user.
 */
export class FeedConnection {
  readonly #options: FeedConnectionOptions;
  readonly #config: ConnectionConfig;
  readonly #clock: Clock;
  readonly #random: () => number;
  /** Named events that only say the stream is alive: activity for the watchdog, never delivered. */
  readonly #heartbeats: Set<string>;
  readonly #resume: FeedResume;
  readonly #status: StatusKeeper;
  readonly #pacer = new RequestPacer();
  readonly #gaps = new IdGapWatch();
  /** Basic credentials from the address's userinfo, sent to the feed's own origin only. */
  readonly #authorization: string | null;
  readonly #headersOrigin: string;
  /** Where requests go: the configured address without userinfo, or where it moved for good. */
  #target: string;

  #attempt: Attempt | null = null;
  #lastEventId: string;
  #retryMs: number | null = null;
  #failures = 0;
  #running = false;
  #retryTimer: TimerHandle | null = null;
  readonly #watchdog: StallWatchdog;

  constructor(options: FeedConnectionOptions) {
    this.#options = options;
    this.#config = options.config;
    this.#clock = options.clock;
    this.#random = options.random ?? Math.random;
    this.#lastEventId = options.lastEventId ?? '';
    this.#heartbeats = new Set(options.config.heartbeatTypes ?? []);
    this.#resume = options.config.resume ?? SSE_RESUME;
    const split = splitUserinfo(options.config.url);
    this.#target = split?.url ?? options.config.url;
    this.#authorization = split?.authorization ?? null;
    this.#headersOrigin = new URL(this.#target).origin;
    this.#watchdog = new StallWatchdog(options.clock, options.config.stallTimeoutS * 1000, () =>
      this.#onStall(),
    );
    this.#status = new StatusKeeper(options.config.id, (status) => options.onStatus(status));
  }

  /** The current status (a copy). */
  /** Shows a non-fatal problem found downstream (the pipeline saw the server reuse its ids). */
  warn(warning: FeedWarning): void {
    this.#status.update({ warning });
  }

  get status(): FeedStatus {
    return this.#status.current;
  }

  /** The stream's last event id, to persist so a restart resumes where it stopped ('' after a reset). */
  get lastEventId(): string {
    return this.#lastEventId;
  }

  /** Starts connecting; a no-op when already running. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#status.update({ state: 'connecting', reason: reason('starting', 'Connecting'), nextRetryAt: null });
    this.#connectAt(this.#pacer.earliest(this.#clock.now()));
  }

  /** Closes the connection and cancels every timer; the feed stays closed with `why` as its reason. */
  stop(why: FeedReason = reason('stopped', 'Stopped')): void {
    this.#running = false;
    this.#endAttempt();
    this.#clearTimers();
    this.#status.update({ state: 'closed', reason: why, nextRetryAt: null });
  }

  /**
   * Reconnects now with the backoff reset (still paced): resume from sleep, network back online, or
   * the user's "retry now". A feed that waits for the user only moves on `force`.
   */
  reconnectNow(force = false): void {
    const code = this.#status.current.reason.code;
    if ((code === 'needs-auth' || code === 'invalid-header' || code === 'stopped-by-server') && !force)
      return;
    this.#endAttempt();
    this.#clearTimers();
    this.#running = true;
    this.#failures = 0;
    const now = this.#clock.now();
    const at = this.#pacer.earliest(now);
    this.#status.update({
      state: 'connecting',
      reason: reason('starting', 'Reconnecting'),
      attempt: 0,
      nextRetryAt: at > now ? at : null,
    });
    this.#connectAt(at);
  }

  /** The request goes out at `at`, exactly: that is the time the status announced. */
  #connectAt(at: number): void {
    const delayMs = at - this.#clock.now();
    if (delayMs <= 0) this.#open();
    else this.#retryTimer = this.#clock.setTimeout(() => this.#open(), delayMs);
  }

  #open(): void {
    this.#retryTimer = null;
    this.#pacer.take(this.#clock.now());
    const attempt: Attempt = { source: null, openedAt: null, events: 0, positions: new PositionQueue() };
    this.#attempt = attempt;
    this.#watchdog.touch(); // the watchdog also covers a server that never answers
    const source = new TappedEventSource(this.#target, {
      fetch: (_url, init) => this.#fetchFor(attempt, init),
      // A backstop only: the stream guard drops oversized events before the parser buffers them.
      maxBufferSize: this.#config.maxEventBytes * 2,
    });
    source.onAnyMessage = (event) => this.#onMessage(attempt, event);
    source.addEventListener('open', () => this.#onOpen(attempt));
    source.addEventListener('error', (event) => this.#onUnexpectedError(attempt, event));
    // The package starts its request in the constructor; a failure reported synchronously ended it already.
    if (this.#attempt === attempt) attempt.source = source;
    else source.close();
  }

  /** The `fetch` the package calls: the one request of this attempt. */
  async #fetchFor(attempt: Attempt, init: EventSourceFetchInit): Promise<FetchLikeResponse> {
    const outcome = await requestStream({
      fetch: this.#options.fetch,
      // Every request carries the newest position where the server reads it from the URL (ntfy's `since`).
      url: resumeUrl(this.#target, this.#resume, this.#lastEventId),
      headersOrigin: this.#headersOrigin,
      headers: this.#config.headers,
      authorization: this.#authorization,
      lastEventId: this.#resume.lastEventId ? this.#lastEventId : '',
      withCredentials: this.#config.withCredentials,
      signal: init.signal as AbortSignal,
      nowMs: this.#clock.now(),
    });
    if (!outcome.ok) {
      this.#failed(attempt, outcome);
      return { status: 0, url: this.#target, redirected: false, headers: new Headers(), body: null };
    }
    if (outcome.movedTo !== null && attempt === this.#attempt) this.#moved(outcome.movedTo);
    const body = guardedBody(outcome.response.body, {
      maxEventBytes: this.#config.maxEventBytes,
      onEnd: (error) => this.#streamEnded(attempt, error),
      hooks: {
        onEventForwarded: (hasId) => attempt.positions.pushEvent(hasId),
        onIdWithoutEvent: (id) => attempt.positions.pushId(id),
        onBytes: () => this.#watchdog.touch(),
        onRetry: (retryMs) => (this.#retryMs = clampRetryMs(retryMs)),
        onOversizedEvent: (bytesSeen) =>
          this.#status.update({ warning: oversizedWarning(this.#config.maxEventBytes, bytesSeen) }),
      },
    });
    const { response, url, redirected } = outcome;
    return { status: response.status, url, redirected, headers: response.headers, body };
  }

  #onOpen(attempt: Attempt): void {
    if (attempt !== this.#attempt) return;
    attempt.openedAt = this.#clock.now();
    const open = reason('open', 'Connected');
    this.#status.update({ state: 'open', reason: open, attempt: 0, nextRetryAt: null });
  }

  #onMessage(attempt: Attempt, event: MessageEvent): void {
    if (attempt !== this.#attempt) return;
    // In order: the guard noted each forwarded block before the parser dispatched it.
    const hasOwnId = attempt.positions.takeEvent((id) => (this.#lastEventId = id));
    // Each attempt has a fresh EventSource, which reports '' until an id arrives: only an event's own
    // id field (or a block before it) moves the position, so an id-less welcome event cannot erase it.
    if (hasOwnId) this.#lastEventId = event.lastEventId;
    // A heartbeat's bytes already fed the watchdog; it is not an event and proves nothing about health.
    if (this.#heartbeats.has(event.type)) return;
    attempt.events++;
    this.#failures = 0; // a stream that delivers is healthy
    if (!subscribesTo(this.#config.eventTypes, event.type)) return;
    let id = hasOwnId ? event.lastEventId : '';
    const pointer = this.#config.idPointer;
    if (id === '' && pointer != null) {
      // The id inside the data stands in for the missing `id:` field: dedupe, history and resume use it.
      id = idFromData(event.data as string, pointer);
      if (id !== '') this.#lastEventId = id;
    }
    const receivedAt = this.#clock.now();
    const missed = id === '' ? null : this.#gaps.observe(id, receivedAt);
    if (missed) this.#status.update({ warning: missed });
    this.#status.countEvent(receivedAt);
    this.#options.onEvent({
      feedId: this.#config.id,
      type: event.type,
      id,
      lastEventId: this.#lastEventId,
      data: event.data as string,
      receivedAt,
    });
  }

  /** The stream ended or broke after it opened: reconnect after the reconnection time, or back off. */
  #streamEnded(attempt: Attempt, error: unknown): void {
    if (attempt !== this.#attempt || !this.#running) return;
    const before = this.#lastEventId;
    attempt.positions.takeTrailingIds((id) => (this.#lastEventId = id));
    if (this.#lastEventId !== before) this.#options.onLastEventId?.(this.#lastEventId);
    const openMs = this.#clock.now() - (attempt.openedAt ?? this.#clock.now());
    this.#endAttempt();
    const end: AttemptEnd = { kind: 'stream-ended', openMs, events: attempt.events };
    this.#retryLater(end, streamEndReason(isHealthyStream(openMs, attempt.events), error !== null));
  }

  /** No stream: wait for the user, or back off (honouring the server's Retry-After). */
  #failed(attempt: Attempt, failure: Omit<RequestFailure, 'ok'>): void {
    if (attempt !== this.#attempt || !this.#running) return;
    this.#endAttempt();
    if (failure.waitsForUser) {
      // [spec] 204 No Content: stop reconnecting. 401/403: retrying cannot help until the user acts.
      this.#clearTimers();
      this.#status.update({ state: 'closed', reason: failure.reason, nextRetryAt: null });
      return;
    }
    // departs from spec: the spec fails the connection for good; a tray app keeps trying, with backoff.
    this.#retryLater({ kind: 'failed', retryAfterMs: failure.retryAfterMs }, failure.reason);
  }

  /** The package failed on its own (its buffer limit, a broken fetch): treat it as a failed attempt. */
  #onUnexpectedError(attempt: Attempt, event: Event): void {
    const message = (event as Event & { message?: string }).message ?? 'unknown error';
    this.#failed(attempt, {
      reason: reason('network', `The event stream failed: ${message}`),
      retryAfterMs: null,
      waitsForUser: false,
    });
  }

  #retryLater(end: AttemptEnd, why: FeedReason): void {
    this.#clearTimers();
    const plan = planReconnect(end, this.#failures, this.#retryMs, this.#random);
    this.#failures = plan.failures;
    const at = this.#pacer.earliest(this.#clock.now() + plan.delayMs);
    this.#status.update({ state: 'connecting', reason: why, attempt: plan.failures, nextRetryAt: at });
    this.#connectAt(at);
  }

  /** A 301/308 chain: later attempts of this session go straight to the new address. */
  #moved(movedTo: string): void {
    const target = splitUserinfo(movedTo)?.url ?? movedTo;
    if (target === this.#target) return;
    this.#target = target;
    this.#status.update({ warning: movedWarning(target), movedTo: displayUrl(target) });
  }

  #onStall(): void {
    const attempt = this.#attempt;
    if (!this.#running || attempt === null) return;
    const stalled = `No data for ${this.#config.stallTimeoutS} s (not even a heartbeat); reconnecting`;
    this.#failed(attempt, { reason: reason('stalled', stalled), retryAfterMs: null, waitsForUser: false });
  }

  /** Closes the current attempt's EventSource; its late callbacks find it is no longer current. */
  #endAttempt(): void {
    if (this.#attempt !== null) this.#gaps.disconnected(this.#clock.now());
    const source = this.#attempt?.source;
    this.#attempt = null;
    if (source) source.onAnyMessage = null;
    source?.close();
  }

  #clearTimers(): void {
    if (this.#retryTimer !== null) this.#clock.clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    this.#watchdog.cancel();
  }
}
