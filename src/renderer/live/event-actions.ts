/**
 * The action buttons of the selected event ("Acknowledge", a server's "Open portal") and what earlier
 * presses did. A press runs once in main; the button stays disabled until the answer is in, and the
 * result is shown here in words, never retried.
 */
import type { ActionButton, ActionResult } from '../../shared/actions.ts';
import type { FeedEvent } from '../../shared/feed.ts';
import type { AppContext } from '../app-context.ts';
import { h, replaceChildren } from '../dom.ts';
import { formatTime } from '../format.ts';
import type { Msg } from '../i18n/index.ts';

/** The actions part of the event detail, kept while the same event stays selected. */
export class EventActions {
  readonly element = h('div', { class: 'event-actions', attrs: { hidden: true } });
  readonly #ctx: AppContext;
  #eventKey: string | null = null;
  #results: HTMLElement = h('ul', { class: 'action-results' });

  constructor(ctx: AppContext) {
    this.#ctx = ctx;
  }

  /** Shows the buttons of `event` (loaded from main); the same event again keeps what is shown. */
  showFor(event: FeedEvent | null): void {
    if (event?.key === this.#eventKey) return;
    this.#eventKey = event?.key ?? null;
    replaceChildren(this.element, []);
    this.element.hidden = true;
    if (!event) return;
    const feed = this.#ctx.store.feed(event.feedId);
    // A feed without actions has no buttons: no need to ask main.
    if (!feed || (feed.actions.length === 0 && feed.mapping.actions === undefined)) return;
    void this.#load(event.key);
  }

  async #load(eventKey: string): Promise<void> {
    const result = await this.#ctx.ipc.invoke('actions:list', { eventKey });
    if (eventKey !== this.#eventKey) return; // another event was selected meanwhile
    if (!result.ok) {
      // An event that left history (retention) simply has no buttons any more.
      if (result.error.code !== 'not-found') this.#ctx.notices.error('actions.loadFailed', result.error);
      return;
    }
    const { buttons, results } = result.value;
    if (buttons.length === 0 && results.length === 0) return;
    this.#results = h(
      'ul',
      { class: 'action-results', attrs: { 'aria-live': 'polite' } },
      results.map((entry) => resultItem(entry)),
    );
    replaceChildren(this.element, [
      h('h4', { t: 'actions.title' }),
      h(
        'div',
        { class: 'detail-actions' },
        buttons.map((button) => this.#button(eventKey, button)),
      ),
      this.#results,
    ]);
    this.element.hidden = false;
  }

  #button(eventKey: string, button: ActionButton): HTMLButtonElement {
    const element = h('button', {
      class: 'button button-small action-button',
      text: button.label,
      title: button.host
        ? [button.kind === 'view' ? 'actions.opens' : 'actions.sendsTo', { host: button.host }]
        : undefined,
      attrs: { type: 'button', 'data-action': button.id },
    });
    element.addEventListener('click', () => void this.#press(eventKey, button, element));
    return element;
  }

  async #press(eventKey: string, button: ActionButton, element: HTMLButtonElement): Promise<void> {
    if (element.disabled) return;
    element.disabled = true;
    element.setAttribute('aria-busy', 'true');
    try {
      const result = await this.#ctx.ipc.invoke('actions:run', { eventKey, actionId: button.id });
      if (!result.ok) {
        this.#ctx.notices.error('actions.runFailed', result.error);
        return;
      }
      if (eventKey === this.#eventKey) this.#results.prepend(resultItem(result.value, true));
    } finally {
      element.disabled = false;
      element.removeAttribute('aria-busy');
    }
  }
}

/** "Acknowledge: Acknowledged · 12:03:07", or the error in main's words. */
function resultItem(result: ActionResult, fresh = false): HTMLLIElement {
  const params = { label: result.label, message: result.message, time: formatTime(result.at) };
  const msg: Msg = !result.ok
    ? ['actions.resultFailed', params]
    : result.status === null
      ? ['actions.resultOpened', params]
      : ['actions.resultDone', params];
  const kind = result.ok ? 'ok' : 'failed';
  return h('li', {
    class: `action-result action-result-${kind}${fresh ? ' action-result-fresh' : ''}`,
    t: msg,
  });
}
