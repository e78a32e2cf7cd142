/**
 * Presses of action buttons: the event is read from history, the press planned (shared/action-plan.ts), sent
 * once (action-send.ts), and its result recorded with the event and returned. One press of a button
 * at a time: a second press while the first is on its way is refused, never queued or retried.
 */
import {
  ACTION_DONE,
  ACTION_OPENED,
  actionButtons,
  type ActionResult,
  type EventActionsView,
} from '../../shared/actions.ts';
import type { FeedConfig, FeedEvent } from '../../shared/feed.ts';
import type { IpcError } from '../../shared/ipc.ts';
import type { UiLanguage } from '../../shared/presentation/notification-text.ts';
import type { HistoryStore } from '../pipeline/history.ts';
import type { Clock, FetchFn } from '../ports.ts';
import { planAction } from '../../shared/action-plan.ts';
import { sendAction } from './action-send.ts';

/** A press's result, or why there was nothing to press. */
export type ActionRunResult = { ok: true; value: ActionResult } | { ok: false; error: IpcError };

/** What running actions needs from the core. */
export interface ActionRunnerOptions {
  history: Pick<HistoryStore, 'event' | 'recordActionResult' | 'actionResults'>;
  feed(feedId: string): FeedConfig | undefined;
  fetch: FetchFn;
  clock: Clock;
  openExternal(url: string): Promise<void>;
  language(): UiLanguage;
  timeoutMs?: number;
  /** A press succeeded with a request (not a link opened): its incident, if any, was acted on. */
  acted?(event: FeedEvent, result: ActionResult): void;
}

/** Lists and runs the buttons of stored events. */
export class ActionRunner {
  readonly #options: ActionRunnerOptions;
  /** Presses on their way, by event key and button id. */
  readonly #running = new Set<string>();

  constructor(options: ActionRunnerOptions) {
    this.#options = options;
  }

  /** The event's buttons and the results of earlier presses. */
  async list(
    eventKey: string,
  ): Promise<{ ok: true; value: EventActionsView } | { ok: false; error: IpcError }> {
    const found = await this.#find(eventKey);
    if (!found.ok) return found;
    const { event, feed } = found;
    const results = await this.#options.history.actionResults(eventKey);
    return { ok: true, value: { buttons: feed ? actionButtons(feed, event) : [], results } };
  }

  /** Presses one button of a stored event: one request at most, its result recorded and returned. */
  async run(eventKey: string, actionId: string): Promise<ActionRunResult> {
    const found = await this.#find(eventKey);
    if (!found.ok) return found;
    const { event, feed } = found;
    if (!feed) return notFound(`The feed of this event was removed, and its actions with it.`);
    const plan = planAction(feed, event, actionId);
    if (plan === null) return notFound(`This event has no action "${actionId.slice(0, 60)}".`);
    const pressKey = `${eventKey}\n${actionId}`;
    if (this.#running.has(pressKey)) {
      return {
        ok: false,
        error: {
          code: 'not-allowed',
          message: `“${plan.label}” is already on its way; wait for its answer.`,
        },
      };
    }
    this.#running.add(pressKey);
    try {
      const outcome = await this.#perform(plan, feed);
      const result: ActionResult = { actionId, label: plan.label, at: this.#options.clock.now(), ...outcome };
      await this.#options.history.recordActionResult(eventKey, result);
      if (result.ok && plan.kind === 'http') this.#options.acted?.(event, result);
      return { ok: true, value: result };
    } finally {
      this.#running.delete(pressKey);
    }
  }

  async #perform(
    plan: NonNullable<ReturnType<typeof planAction>>,
    feed: FeedConfig,
  ): Promise<Omit<ActionResult, 'actionId' | 'label' | 'at'>> {
    const language = this.#options.language();
    switch (plan.kind) {
      case 'refused':
        return { ok: false, status: null, message: plan.message };
      case 'view':
        await this.#options.openExternal(plan.url);
        return { ok: true, status: null, message: ACTION_OPENED[language] };
      case 'http':
        return sendAction(plan.request, {
          fetch: this.#options.fetch,
          clock: this.#options.clock,
          feed,
          doneMessage: ACTION_DONE[language],
          ...(this.#options.timeoutMs === undefined ? {} : { timeoutMs: this.#options.timeoutMs }),
        });
    }
  }

  async #find(eventKey: string) {
    const event = await this.#options.history.event(eventKey);
    if (!event) return notFound(`No event ${eventKey.slice(0, 100)} is kept in history.`);
    return { ok: true as const, event, feed: this.#options.feed(event.feedId) };
  }
}

function notFound(message: string): { ok: false; error: IpcError } {
  return { ok: false, error: { code: 'not-found', message } };
}
