/**
 * The History tab: text search across feeds, filters by feed and event type, pages via `nextBefore`,
 * and unread counts with "mark as read".
 */
import type { FeedEvent } from '../../shared/feed.ts';
import { unreadOf, type RequestOf } from '../../shared/ipc.ts';
import type { AppContext } from '../app-context.ts';
import { h, replaceChildren } from '../dom.ts';
import { localize, onLanguageChange, t } from '../i18n/index.ts';
import { formatCount, formatDateTime, formatValue } from '../format.ts';
import { openLink } from '../live/event-detail.ts';

/** Results per page. */
const PAGE_SIZE = 50;
/** Typing pauses this long before the search runs. */
const SEARCH_DELAY_MS = 300;

/** The History tab panel. */
export class HistoryView {
  readonly element: HTMLElement;
  readonly #ctx: AppContext;
  readonly #text = h('input', {
    attrs: { type: 'search', id: 'history-text', spellcheck: 'false', autocomplete: 'off' },
    placeholder: 'history.searchPlaceholder',
  });
  readonly #feed = h('select', { attrs: { id: 'history-feed' } });
  readonly #type = h('input', {
    attrs: { type: 'text', id: 'history-type', spellcheck: 'false', autocomplete: 'off' },
    placeholder: 'history.typePlaceholder',
  });
  readonly #summary = h('p', { class: 'muted history-summary', attrs: { 'aria-live': 'polite' } });
  readonly #unread = h('span', { class: 'unread-summary' });
  readonly #markRead = h('button', {
    class: 'button button-small',
    t: 'history.markRead',
    attrs: { type: 'button' },
  });
  readonly #results = h('ol', { class: 'history-list', ariaLabel: 'history.resultsLabel' });
  readonly #more = h('button', {
    class: 'button',
    t: 'history.loadMore',
    attrs: { type: 'button', hidden: true },
  });
  #nextBefore: string | null = null;
  #query = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(ctx: AppContext) {
    this.#ctx = ctx;
    const form = h('form', { class: 'history-form', attrs: { role: 'search' } }, [
      h('div', { class: 'field grow' }, [
        h('label', { t: 'history.search', attrs: { for: 'history-text' } }),
        this.#text,
      ]),
      h('div', { class: 'field' }, [
        h('label', { t: 'history.feed', attrs: { for: 'history-feed' } }),
        this.#feed,
      ]),
      h('div', { class: 'field' }, [
        h('label', { t: 'history.type', attrs: { for: 'history-type' } }),
        this.#type,
      ]),
      h('button', { class: 'button button-primary', t: 'history.searchButton', attrs: { type: 'submit' } }),
    ]);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.search();
    });
    for (const input of [this.#text, this.#type]) input.addEventListener('input', () => this.#searchSoon());
    this.#feed.addEventListener('change', () => {
      this.#updateUnread();
      void this.search();
    });
    this.#markRead.addEventListener('click', () => void this.#markAsRead());
    this.#more.addEventListener('click', () => void this.#load(true));
    this.element = h('section', { class: 'panel' }, [
      h('header', { class: 'panel-header' }, [
        h('h2', { t: 'history.title' }),
        h('div', { class: 'toolbar' }, [this.#unread, this.#markRead]),
      ]),
      form,
      this.#summary,
      this.#results,
      h('div', { class: 'load-more' }, [this.#more]),
    ]);
    ctx.store.on('feeds', () => this.#fillFeeds());
    ctx.store.on('state', () => {
      this.#fillFeeds();
      this.#updateUnread();
    });
    onLanguageChange(() => {
      this.#fillFeeds();
      this.#updateUnread();
      void this.search();
    });
    this.#fillFeeds();
  }

  /** Refreshes the results whenever the tab is shown (history grows while it is hidden). */
  setVisible(visible: boolean): void {
    if (visible) void this.search();
  }

  /** Starts a new search from the first page. */
  async search(): Promise<void> {
    clearTimeout(this.#timer);
    this.#nextBefore = null;
    await this.#load(false);
  }

  #searchSoon(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.search(), SEARCH_DELAY_MS);
  }

  async #load(more: boolean): Promise<void> {
    const query = ++this.#query;
    const request: RequestOf<'history:query'> = { limit: PAGE_SIZE };
    const text = this.#text.value.trim();
    const type = this.#type.value.trim();
    if (text) request.text = text;
    if (type) request.type = type;
    if (this.#feed.value) request.feedId = this.#feed.value;
    if (more && this.#nextBefore !== null) request.before = this.#nextBefore;
    const result = await this.#ctx.ipc.invoke('history:query', request);
    // A slower earlier query must not overwrite a newer one.
    if (query !== this.#query) return;
    if (!result.ok) return this.#ctx.notices.error('history.failed', result.error);
    const page = result.value;
    const items = page.events.map((event) => this.#item(event));
    if (more) this.#results.append(...items);
    else replaceChildren(this.#results, items);
    this.#nextBefore = page.nextBefore;
    this.#more.hidden = page.nextBefore === null;
    localize(
      this.#summary,
      page.total === 0
        ? 'history.noResults'
        : [
            'history.summary',
            { shown: formatCount(this.#results.childElementCount), total: formatCount(page.total) },
          ],
    );
  }

  #item(event: FeedEvent): HTMLElement {
    return h('li', { class: 'history-item', attrs: { 'data-key': event.key } }, [
      h('div', { class: 'history-meta' }, [
        h('time', {
          text: formatDateTime(event.receivedAt),
          attrs: { datetime: new Date(event.receivedAt).toISOString() },
        }),
        h('span', { class: 'event-feed', text: this.#ctx.store.feedName(event.feedId) }),
        event.type !== 'message' ? h('span', { class: 'event-type', text: event.type }) : null,
        event.value === null ? null : h('span', { class: 'event-value', text: formatValue(event.value) }),
      ]),
      h('p', { class: 'history-title', text: event.title }),
      event.body ? h('p', { class: 'history-body', text: event.body }) : null,
      event.link
        ? h('button', {
            class: 'link-button',
            text: event.link,
            attrs: { type: 'button' },
            on: { click: () => void openLink(this.#ctx, event.link!) },
          })
        : null,
    ]);
  }

  #fillFeeds(): void {
    const feeds = this.#ctx.store.feeds;
    const state = this.#ctx.store.state;
    const label = (name: string, count: number): string =>
      count > 0 ? t('history.feedUnread', { name, n: formatCount(count) }) : name;
    const options = [...this.#feed.options].slice(1);
    // Unread counts change with every event: relabel in place, so an open dropdown is not rebuilt.
    if (
      options.length === feeds.length &&
      options.every((option, index) => option.value === feeds[index]!.id)
    ) {
      options.forEach(
        (option, index) => (option.text = label(feeds[index]!.name, unreadOf(state, feeds[index]!.id))),
      );
      return;
    }
    const selected = this.#feed.value;
    replaceChildren(this.#feed, [
      h('option', { t: 'history.allFeeds', attrs: { value: '' } }),
      ...feeds.map((feed) =>
        h('option', { text: label(feed.name, unreadOf(state, feed.id)), attrs: { value: feed.id } }),
      ),
    ]);
    this.#feed.value = feeds.some((feed) => feed.id === selected) ? selected : '';
  }

  #updateUnread(): void {
    const state = this.#ctx.store.state;
    const feedId = this.#feed.value;
    const count = feedId ? unreadOf(state, feedId) : (state?.totalUnread ?? 0);
    localize(this.#unread, ['history.unread', { n: formatCount(count) }]);
    this.#markRead.disabled = count === 0;
  }

  async #markAsRead(): Promise<void> {
    const feedId = this.#feed.value;
    const result = await this.#ctx.ipc.invoke('history:markRead', feedId ? { feedId } : {});
    if (!result.ok) return this.#ctx.notices.error('history.markReadFailed', result.error);
    this.#ctx.store.setState(result.value);
  }
}
