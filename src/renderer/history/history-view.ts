/**
 * The History tab: full-text search over the history database with filters, pages through the
 * cursor (`nextBefore`), matches marked in each row, and unread counts with "mark as read".
 */
import type { HistoryPageView } from '../../shared/history.ts';
import { unreadOf, type RequestOf } from '../../shared/ipc.ts';
import type { AppContext } from '../app-context.ts';
import { h, replaceChildren } from '../dom.ts';
import { localize, onLanguageChange, type Msg } from '../i18n/index.ts';
import { formatCount } from '../format.ts';
import { openLink } from '../live/event-detail.ts';
import { HistoryFiltersForm } from './history-filters.ts';
import { historyRequest } from './history-request.ts';
import { historyRow, type HistoryRowContext } from './history-row.ts';

/** Results per page. */
const PAGE_SIZE = 50;
/** Typing pauses this long before the search runs (each keystroke would otherwise be a query). */
const SEARCH_DELAY_MS = 250;

/** The History tab panel. */
export class HistoryView {
  readonly element: HTMLElement;
  readonly #ctx: AppContext;
  readonly #filters: HistoryFiltersForm;
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
  readonly #rows: HistoryRowContext;
  /** The request of the page shown, so "load more" continues the same search. */
  #request: RequestOf<'history:query'> | null = null;
  #nextBefore: string | null = null;
  #page: Pick<HistoryPageView, 'total' | 'totalExact'> | null = null;
  #query = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(ctx: AppContext) {
    this.#ctx = ctx;
    this.#rows = {
      feedName: (feedId) => ctx.store.feedName(feedId),
      openLink: (url) => void openLink(ctx, url),
    };
    this.#filters = new HistoryFiltersForm((typing) => {
      if (typing) this.#searchSoon();
      else {
        this.#updateUnread();
        void this.search();
      }
    });
    this.#markRead.addEventListener('click', () => void this.#markAsRead());
    this.#more.addEventListener('click', () => void this.#load(true));
    this.element = h('section', { class: 'panel' }, [
      h('header', { class: 'panel-header' }, [
        h('h2', { t: 'history.title' }),
        h('div', { class: 'toolbar' }, [this.#unread, this.#markRead]),
      ]),
      this.#filters.element,
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
    await this.#load(false);
  }

  #searchSoon(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.search(), SEARCH_DELAY_MS);
  }

  async #load(more: boolean): Promise<void> {
    const query = ++this.#query;
    let request: RequestOf<'history:query'>;
    if (more && this.#request && this.#nextBefore !== null) {
      request = { ...this.#request, before: this.#nextBefore };
    } else {
      const built = historyRequest(this.#filters.filters(), Date.now(), PAGE_SIZE);
      this.#filters.showRangeProblem(built.ok ? null : built.problem);
      if (!built.ok) return;
      request = built.request;
    }
    this.#results.setAttribute('aria-busy', 'true');
    const result = await this.#ctx.ipc.invoke('history:query', request);
    // A slower earlier query must not overwrite a newer one.
    if (query !== this.#query) return;
    this.#results.removeAttribute('aria-busy');
    if (!result.ok) return this.#ctx.notices.error('history.failed', result.error);
    const page = result.value;
    const items = page.events.map((event, index) => historyRow(event, page.hits[index], this.#rows));
    if (more) this.#results.append(...items);
    else {
      replaceChildren(this.#results, items);
      // What the list shows results for (tests and diagnostics wait on it).
      this.#results.dataset.text = request.text ?? '';
      this.#request = request;
      this.#page = page;
      this.#filters.setTextMode(page.textMode);
    }
    this.#nextBefore = page.nextBefore;
    this.#more.hidden = page.nextBefore === null;
    this.#showSummary();
  }

  #showSummary(): void {
    const page = this.#page;
    if (!page) return;
    const shown = formatCount(this.#results.childElementCount);
    const matches: Msg = !page.totalExact
      ? ['history.matchesCapped', { n: formatCount(page.total), shown }]
      : page.total === 1
        ? ['history.matchOne', { shown }]
        : ['history.matches', { n: formatCount(page.total), shown }];
    localize(this.#summary, page.total === 0 ? 'history.noResults' : matches);
  }

  #fillFeeds(): void {
    this.#filters.setFeeds(this.#ctx.store.feeds, this.#ctx.store.state?.unread ?? {});
  }

  #updateUnread(): void {
    const state = this.#ctx.store.state;
    const feedIds = this.#filters.filters().feedIds;
    const count =
      feedIds.length === 0
        ? (state?.totalUnread ?? 0)
        : feedIds.reduce((sum, id) => sum + unreadOf(state, id), 0);
    localize(this.#unread, ['history.unread', { n: formatCount(count) }]);
    this.#markRead.disabled = count === 0;
  }

  async #markAsRead(): Promise<void> {
    const feedIds = this.#filters.filters().feedIds;
    const requests = feedIds.length === 0 ? [{}] : feedIds.map((feedId) => ({ feedId }));
    for (const request of requests) {
      const result = await this.#ctx.ipc.invoke('history:markRead', request);
      if (!result.ok) return this.#ctx.notices.error('history.markReadFailed', result.error);
      this.#ctx.store.setState(result.value);
    }
  }
}
