/** One demo feed's event log: numbers events, keeps recent history and fans new events out. */

import { formatEvent } from './sse-format.ts';

/** Receives an already-encoded event; the channel knows nothing about HTTP. */
export type EventSink = (chunk: string) => void;

/** What a new subscriber gets: the events to replay first, and how to leave. */
export interface Subscription {
  /** Encoded events the subscriber missed (or a short backlog), in order; may be empty. */
  replay: string;
  unsubscribe: () => void;
}

interface KeptEvent {
  id: number;
  /** Encoded once at publish, so replays and fan-out never re-serialize. */
  chunk: string;
}

/**
 * Events are numbered 1, 2, 3… per channel and generated once for everyone, so every client of a feed
 * sees the same ids, and `Last-Event-ID` means the same thing whichever connection sent it.
 */
export class FeedChannel {
  readonly #historySize: number;
  readonly #backlogSize: number;
  readonly #history: KeptEvent[] = [];
  readonly #sinks = new Set<EventSink>();
  #lastId = 0;

  /** `backlogSize` is how many recent events a client without `Last-Event-ID` is given. */
  constructor(options: { historySize: number; backlogSize: number; firstId?: number }) {
    this.#historySize = options.historySize;
    this.#backlogSize = options.backlogSize;
    this.#lastId = (options.firstId ?? 1) - 1;
  }

  /** The id of the newest event, 0 before the first. */
  get lastId(): number {
    return this.#lastId;
  }

  /** Numbers, keeps and sends one event; `make` receives the id so content can refer to it. */
  publish(make: (id: number) => { event?: string; data: string }): void {
    const id = ++this.#lastId;
    const chunk = formatEvent({ id: String(id), ...make(id) });
    this.#history.push({ id, chunk });
    // At most one over per publish, so a single shift keeps the bound.
    if (this.#history.length > this.#historySize) this.#history.shift();
    for (const sink of this.#sinks) sink(chunk);
  }

  /**
   * Adds a sink for live events and returns what it should be sent first. Both happen in one
   * synchronous step, so no event can fall between the replay and the live stream, or land in both.
   */
  subscribe(sink: EventSink, lastEventId: string | undefined): Subscription {
    const replay = this.#eventsAfter(parseEventId(lastEventId))
      .map((kept) => kept.chunk)
      .join('');
    this.#sinks.add(sink);
    return { replay, unsubscribe: () => this.#sinks.delete(sink) };
  }

  /** Live subscribers, for tests and the server's bookkeeping. */
  get subscribers(): number {
    return this.#sinks.size;
  }

  #eventsAfter(after: number | null): KeptEvent[] {
    // An id ahead of ours came from an earlier run of the server (ids restart at 1): it says nothing
    // about what this run's client missed, so it is treated like a first visit.
    if (after === null || after > this.#lastId) return this.#backlog();
    const firstKeptId = this.#history[0]?.id ?? this.#lastId + 1;
    // Ids are consecutive, so the first event after `after` sits at a computable index; an id older
    // than the history replays everything kept (the gap before it is gone for good).
    return this.#history.slice(Math.max(0, after + 1 - firstKeptId));
  }

  #backlog(): KeptEvent[] {
    return this.#backlogSize > 0 ? this.#history.slice(-this.#backlogSize) : [];
  }
}

/** A `Last-Event-ID` header as one of our ids, or null when absent or not one we could have sent. */
function parseEventId(header: string | undefined): number | null {
  if (header === undefined || !/^\d+$/.test(header.trim())) return null;
  const id = Number(header.trim());
  return Number.isSafeInteger(id) ? id : null;
}
