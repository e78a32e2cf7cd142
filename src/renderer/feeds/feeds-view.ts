/** The Feeds tab: the list with live status, the first-run offer, and the actions on each feed. */
import { makeAddLink } from '../../shared/add-link.ts';
import type { RedactedFeed } from '../../shared/settings.ts';
import type { AppContext } from '../app-context.ts';
import { h, replaceChildren } from '../dom.ts';
import { t } from '../i18n/index.ts';
import type { QuietChoice } from '../../shared/presentation/snooze.ts';
import { FeedRow, type FeedRowActions } from './feed-row.ts';
import { feedToUpdate } from './feed-update.ts';
import { emptyFeeds } from './first-run.ts';

/** Countdowns and "12 s ago" are redrawn this often. */
const TICK_MS = 1000;

/** The Feeds tab panel. */
export class FeedsView {
  readonly element: HTMLElement;
  readonly #ctx: AppContext;
  readonly #rows = new Map<string, FeedRow>();
  readonly #list = h('ol', { class: 'feed-list', ariaLabel: 'feeds.listLabel' });
  readonly #body = h('div', { class: 'feeds-body' });
  readonly #announce = h('p', { class: 'visually-hidden', attrs: { 'aria-live': 'polite' } });
  readonly #actions: FeedRowActions;

  constructor(ctx: AppContext) {
    this.#ctx = ctx;
    this.element = h('section', { class: 'panel' }, [
      h('header', { class: 'panel-header' }, [
        h('h2', { t: 'feeds.title' }),
        h('button', {
          class: 'button button-primary',
          t: 'feeds.add',
          attrs: { type: 'button', 'data-action': 'add-feed' },
          on: { click: () => ctx.edit({ feedId: null }) },
        }),
      ]),
      this.#body,
      this.#announce,
    ]);
    this.#actions = {
      setEnabled: (feed, enabled) => void this.#save(feed, { enabled }),
      edit: (feed) => ctx.edit({ feedId: feed.id }),
      move: (feed, by) => void this.#move(feed, by),
      remove: (feed) => void this.#remove(feed),
      retry: (feed) => void this.#simple('feeds:retry', feed),
      signIn: (feed) => void this.#simple('app:signIn', feed),
      snooze: (feed, choice) => void this.#snooze(feed, choice),
      updateUrl: (feed, url) => void this.#save(feed, { url }),
      copyLink: (feed) => void this.#copyLink(feed),
    };
    ctx.store.on('feeds', () => this.#render());
    ctx.store.on('state', () => this.#render());
    ctx.store.on('statuses', () => this.#update());
    setInterval(() => this.#update(), TICK_MS);
  }

  async #copyLink(feed: RedactedFeed): Promise<void> {
    const link = makeAddLink({ url: feed.url, name: feed.name, preset: feed.preset });
    try {
      await navigator.clipboard.writeText(link);
      this.#ctx.notices.info('feeds.linkCopied', { name: feed.name });
    } catch {
      // Clipboard access can be refused: the link is shown so it can be copied by hand.
      this.#ctx.notices.info('feeds.linkByHand', { link });
    }
  }

  #render(): void {
    const { feeds, state } = this.#ctx.store;
    if (feeds.length === 0) {
      this.#rows.clear();
      replaceChildren(this.#body, [
        emptyFeeds(
          state?.firstRun ?? true,
          () => void this.#addDemo(),
          () => this.#ctx.edit({ feedId: null }),
        ),
      ]);
      return;
    }
    for (const id of this.#rows.keys()) if (!feeds.some((feed) => feed.id === id)) this.#rows.delete(id);
    const rows = feeds.map((feed) => {
      let row = this.#rows.get(feed.id);
      if (!row) this.#rows.set(feed.id, (row = new FeedRow(feed, this.#actions)));
      return row.element;
    });
    // Only touch the DOM when the order changed: moving a node would drop keyboard focus inside it.
    const current = [...this.#list.children];
    if (current.length !== rows.length || rows.some((row, index) => current[index] !== row)) {
      replaceChildren(this.#list, rows);
    }
    if (this.#list.parentElement !== this.#body) replaceChildren(this.#body, [this.#list]);
    this.#update();
  }

  #update(): void {
    const now = Date.now();
    const { store } = this.#ctx;
    store.feeds.forEach((feed, index) =>
      this.#rows.get(feed.id)?.update(feed, store.liveStatus(feed.id), now, index, store.feeds.length),
    );
  }

  async #addDemo(): Promise<void> {
    const result = await this.#ctx.ipc.invoke('feeds:addDemo', undefined);
    if (!result.ok) return this.#ctx.notices.error('feeds.addDemoFailed', result.error);
    this.#ctx.store.setFeeds(result.value);
    this.#ctx.notices.info('feeds.demoAdded', { n: result.value.length });
  }

  async #snooze(feed: RedactedFeed, choice: QuietChoice | 'resume'): Promise<void> {
    const { store, ipc, notices } = this.#ctx;
    const result = await ipc.invoke('feeds:snooze', { id: feed.id, choice });
    if (!result.ok) return notices.error('feeds.saveFailed', result.error);
    store.setFeeds(store.feeds.map((item) => (item.id === feed.id ? result.value : item)));
  }

  async #save(feed: RedactedFeed, changes: { enabled: boolean } | { url: string }): Promise<void> {
    const { store, ipc, notices } = this.#ctx;
    const replace = (next: RedactedFeed): void =>
      store.setFeeds(store.feeds.map((item) => (item.id === feed.id ? next : item)));
    // Shown at once, so a status push arriving before main answers does not flip the switch back.
    replace({ ...feed, ...changes });
    const result = await ipc.invoke('feeds:update', feedToUpdate(feed, changes));
    if (result.ok) return replace(result.value);
    notices.error('feeds.saveFailed', result.error);
    replace(feed);
  }

  async #move(feed: RedactedFeed, by: -1 | 1): Promise<void> {
    const from = this.#ctx.store.feeds.findIndex((item) => item.id === feed.id);
    const toIndex = from + by;
    if (from < 0 || toIndex < 0 || toIndex >= this.#ctx.store.feeds.length) return;
    const result = await this.#ctx.ipc.invoke('feeds:move', { id: feed.id, toIndex });
    if (!result.ok) return this.#ctx.notices.error('feeds.moveFailed', result.error);
    this.#ctx.store.setFeeds(result.value);
    // Reordering re-inserts the row, so focus goes back to the arrow the user pressed (or its partner).
    const row = this.#rows.get(feed.id);
    const pressed = by < 0 ? row?.up : row?.down;
    (pressed && !pressed.disabled ? pressed : by < 0 ? row?.down : row?.up)?.focus();
    this.#announce.textContent = t('feeds.moved', { name: feed.name, position: toIndex + 1 });
  }

  async #remove(feed: RedactedFeed): Promise<void> {
    const result = await this.#ctx.ipc.invoke('feeds:remove', { id: feed.id });
    if (!result.ok) return this.#ctx.notices.error('feeds.removeFailed', result.error);
    this.#ctx.store.setFeeds(this.#ctx.store.feeds.filter((item) => item.id !== feed.id));
    this.#ctx.notices.info('feeds.removed', { name: feed.name });
  }

  async #simple(channel: 'feeds:retry' | 'app:signIn', feed: RedactedFeed): Promise<void> {
    const result = await this.#ctx.ipc.invoke(channel, { id: feed.id });
    if (!result.ok)
      this.#ctx.notices.error(
        channel === 'feeds:retry' ? 'feeds.retryFailed' : 'feeds.signInFailed',
        result.error,
      );
  }
}
