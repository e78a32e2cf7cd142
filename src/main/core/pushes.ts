/**
 * What the core sends to the window and the tray: events and statuses batched by the PushBatcher, the
 * app state at most every STATE_PUSH_MS (and only when it changed), and a tray refresh after each flush.
 */
import type { FeedEvent, FeedStatus } from '../../shared/feed.ts';
import type { AppState, PushPayloads } from '../../shared/ipc.ts';
import type { Clock } from '../ports.ts';
import { throttle, type Throttled } from '../throttle.ts';
import { PushBatcher, type PushBatch } from './push-batcher.ts';

/** A listener for the pushes the renderer receives. */
export type PushListener = <C extends keyof PushPayloads>(channel: C, payload: PushPayloads[C]) => void;

/**
 * App state changes with every event (the unread count), so it is pushed at most this often, with a
 * trailing push for the last change: a burst costs the renderer ~50 event messages and ~4 state
 * messages a second, not twice the events.
 */
export const STATE_PUSH_MS = 250;

/** The core's outgoing side: window pushes and tray refreshes. */
export class CorePushes {
  readonly #batcher: PushBatcher;
  readonly #stateThrottle: Throttled;
  readonly #state: () => AppState;
  readonly #pushListeners = new Set<PushListener>();
  readonly #trayListeners = new Set<() => void>();
  #lastStateJson = '';

  constructor(options: { clock: Clock; intervalMs?: number; state: () => AppState }) {
    this.#state = options.state;
    this.#batcher = new PushBatcher({
      clock: options.clock,
      ...(options.intervalMs === undefined ? {} : { intervalMs: options.intervalMs }),
      flush: (batch) => this.#flush(batch),
    });
    this.#stateThrottle = throttle(() => this.#pushStateIfChanged(), STATE_PUSH_MS, options.clock);
  }

  event(event: FeedEvent): void {
    this.#batcher.event(event);
  }

  status(status: FeedStatus): void {
    this.#batcher.status(status);
  }

  /** Something the window or tray shows changed (unread, pause, do-not-disturb, problems). */
  touch(): void {
    this.#batcher.touch();
  }

  push<C extends keyof PushPayloads>(channel: C, payload: PushPayloads[C]): void {
    for (const listener of this.#pushListeners) listener(channel, payload);
  }

  onPush(listener: PushListener): () => void {
    this.#pushListeners.add(listener);
    return () => this.#pushListeners.delete(listener);
  }

  onTrayChange(listener: () => void): () => void {
    this.#trayListeners.add(listener);
    return () => this.#trayListeners.delete(listener);
  }

  dispose(): void {
    this.#batcher.dispose();
    this.#stateThrottle.dispose();
  }

  #flush(batch: PushBatch): void {
    if (batch.events.length > 0) this.push('push:events', batch.events);
    if (batch.statuses.length > 0) this.push('push:statuses', batch.statuses);
    this.#stateThrottle.request();
    for (const listener of this.#trayListeners) listener();
  }

  #pushStateIfChanged(): void {
    const state = this.#state();
    const json = JSON.stringify(state);
    if (json === this.#lastStateJson) return;
    this.#lastStateJson = json;
    this.push('push:state', state);
  }
}
