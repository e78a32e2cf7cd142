/**
 * What the core sends to the window and the tray: events and statuses batched by the PushBatcher (with
 * its flow control: a window that acknowledges gets a batch only when it has room), the app state at
 * most every STATE_PUSH_MS (and only when it changed), and a tray refresh after every flush.
 */
import type { FeedEvent, FeedStatus } from '../../shared/feed.ts';
import { INCIDENTS_PAGE_MAX, type IncidentView } from '../../shared/incidents.ts';
import type { AppState, PushAck, PushPayloads } from '../../shared/ipc.ts';
import type { Clock, TimerHandle } from '../ports.ts';
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
  readonly #clock: Clock;
  readonly #state: () => AppState;
  readonly #pushListeners = new Set<PushListener>();
  readonly #trayListeners = new Set<() => void>();
  #lastStateJson = '';
  #lastStatePushAt = -Infinity;
  #stateTimer: TimerHandle | null = null;
  /** Incidents changed since the last `push:incidents`, latest of each, by id. */
  readonly #incidents = new Map<number, IncidentView>();
  #incidentTimer: TimerHandle | null = null;

  constructor(options: { clock: Clock; intervalMs?: number; state: () => AppState }) {
    this.#state = options.state;
    this.#clock = options.clock;
    this.#batcher = new PushBatcher({
      clock: options.clock,
      ...(options.intervalMs === undefined ? {} : { intervalMs: options.intervalMs }),
      flush: (batch) => this.#flush(batch),
    });
  }

  event(event: FeedEvent): void {
    this.#batcher.event(event);
  }

  status(status: FeedStatus): void {
    this.#batcher.status(status);
  }

  /**
   * An incident changed: the window hears of it within STATE_PUSH_MS, with the latest of every incident
   * that changed meanwhile (a flapping alert costs one message per interval, not one per event).
   */
  incident(incident: IncidentView): void {
    this.#incidents.delete(incident.id);
    this.#incidents.set(incident.id, incident);
    // The window lists at most a page: older changes beyond it are read with `incidents:list`.
    if (this.#incidents.size > INCIDENTS_PAGE_MAX)
      this.#incidents.delete(this.#incidents.keys().next().value!);
    this.#incidentTimer ??= this.#clock.setTimeout(() => {
      this.#incidentTimer = null;
      const changed = [...this.#incidents.values()];
      this.#incidents.clear();
      this.push('push:incidents', changed);
    }, STATE_PUSH_MS);
  }

  /** Something the window or tray shows changed (unread, pause, do-not-disturb, problems). */
  touch(): void {
    this.#batcher.touch();
  }

  /** The window handled a push batch (`window:ack`), or a page just loaded (`hello`). */
  ack(request: PushAck): void {
    this.#batcher.ack(request);
  }

  /** Events waiting in main for the window, batches it has not acknowledged, events it never got. */
  get windowBacklog(): { queuedEvents: number; batchesInFlight: number; skippedEvents: number } {
    const batcher = this.#batcher;
    return {
      queuedEvents: batcher.queuedEvents,
      batchesInFlight: batcher.batchesInFlight,
      skippedEvents: batcher.skippedEvents,
    };
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
    if (this.#stateTimer !== null) this.#clock.clearTimeout(this.#stateTimer);
    this.#stateTimer = null;
    if (this.#incidentTimer !== null) this.#clock.clearTimeout(this.#incidentTimer);
    this.#incidentTimer = null;
  }

  #flush(batch: PushBatch): void {
    // The window gets events, statuses and state only in a batch it has room for; the tray always updates.
    if (batch.toWindow) {
      if (batch.events.length > 0) this.push('push:events', batch.events);
      if (batch.statuses.length > 0) this.push('push:statuses', batch.statuses);
      this.#pushStateIfDue();
      if (batch.end) this.push('push:batchEnd', batch.end);
    }
    for (const listener of this.#trayListeners) listener();
  }

  /** At most every STATE_PUSH_MS; a change in between goes out with the batch after the wait. */
  #pushStateIfDue(): void {
    if (this.#stateTimer !== null) return;
    const waitMs = this.#lastStatePushAt + STATE_PUSH_MS - this.#clock.now();
    if (waitMs > 0) {
      this.#stateTimer = this.#clock.setTimeout(() => {
        this.#stateTimer = null;
        // Through the batcher, so the state too waits while the window is behind.
        this.#batcher.touch();
      }, waitMs);
      return;
    }
    const state = this.#state();
    const json = JSON.stringify(state);
    if (json === this.#lastStateJson) return;
    this.#lastStateJson = json;
    this.#lastStatePushAt = this.#clock.now();
    this.push('push:state', state);
  }
}
