/**
 * The Live tab: incoming events of all feeds or one, newest first, in a virtualized list. "Pause
 * scrolling" freezes what is shown from the click (new events are counted, not inserted) until resumed.
 * The list is drawn at most once per animation frame, in the frame after events arrive, and not at all
 * while the tab is hidden. When main had to skip events because the window was busy, a line says so
 * and leads to History, which has them all.
 */
import type { FeedEvent } from '../../shared/feed.ts';
import type { AppContext } from '../app-context.ts';
import { VirtualList } from '../components/virtual-list.ts';
import { h, replaceChildren } from '../dom.ts';
import { localize, onLanguageChange } from '../i18n/index.ts';
import { formatCount } from '../format.ts';
import { EventDetail, openLink } from './event-detail.ts';
import { createEventRow, EVENT_ROW_HEIGHT_PX, fillEventRow, type EventRowActions } from './event-row.ts';

const ALL_FEEDS = '';

/** The Live tab panel. */
export class LiveView {
  readonly element: HTMLElement;
  readonly #ctx: AppContext;
  readonly #list: VirtualList<FeedEvent>;
  readonly #detail: EventDetail;
  readonly #feedFilter = h('select', { attrs: { id: 'live-feed' } });
  readonly #pause = h('button', {
    class: 'button toggle',
    t: 'live.pause',
    attrs: { type: 'button', 'aria-pressed': 'false' },
  });
  readonly #count = h('span', { class: 'muted live-count', attrs: { 'aria-live': 'off' } });
  readonly #pending = h('button', {
    class: 'button button-small pending',
    attrs: { type: 'button', hidden: true },
  });
  readonly #empty = h('p', { class: 'empty-inline', t: 'live.empty' });
  readonly #skipped = h('button', {
    class: 'button button-small live-skipped',
    attrs: { type: 'button', hidden: true },
  });
  #paused = false;
  #pendingCount = 0;
  #selectedKey: string | null = null;
  #frame = 0;
  #shownNewest: string | null = null;
  #visible = false;
  /** The list is out of date (events or feeds changed while the tab was hidden). */
  #stale = true;
  /** Events that arrived for the list and are not drawn yet (a frame is on its way). */
  #undrawn = 0;

  constructor(ctx: AppContext) {
    this.#ctx = ctx;
    const actions: EventRowActions = {
      select: (event) => this.select(event),
      open: (event) => event.link && void openLink(ctx, event.link),
      feedName: (id) => ctx.store.feedName(id),
    };
    this.#list = new VirtualList<FeedEvent>({
      rowHeightPx: EVENT_ROW_HEIGHT_PX,
      label: 'live.listLabel',
      createRow: () => createEventRow(actions),
      fillRow: (row, event) => fillEventRow(row, event, actions, this.#selectedKey),
    });
    this.#detail = new EventDetail(ctx);
    this.#feedFilter.addEventListener('change', () => {
      this.#rebuild(true);
      this.#updateSkipped();
    });
    this.#pause.addEventListener('click', () => this.setPaused(!this.#paused));
    this.#pending.addEventListener('click', () => this.setPaused(false));
    this.#skipped.addEventListener('click', () => {
      ctx.store.clearSkipped();
      ctx.showTab('history');
    });
    this.element = h('section', { class: 'panel panel-fill' }, [
      h('header', { class: 'panel-header' }, [
        h('h2', { t: 'live.title' }),
        h('div', { class: 'toolbar' }, [
          h('label', { class: 'inline-label', t: 'live.feed', attrs: { for: 'live-feed' } }),
          this.#feedFilter,
          this.#pause,
          this.#pending,
          this.#count,
        ]),
      ]),
      this.#skipped,
      h('div', { class: 'live-layout' }, [
        h('div', { class: 'live-list' }, [this.#list.element, this.#empty]),
        this.#detail.element,
      ]),
    ]);
    ctx.store.on('events', (batch) => this.#onEvents(batch));
    // A held event got its final decision: the detail pane shows it if that event is open.
    ctx.store.on('decisions', (keys) => {
      const key = this.#selectedKey;
      const event = key !== null && keys.includes(key) ? ctx.store.events.find(key) : undefined;
      if (event) this.#detail.show(event);
    });
    ctx.store.on('feeds', () => {
      this.#fillFeedFilter();
      this.#rebuild(false);
    });
    ctx.store.on('skipped', () => this.#updateSkipped());
    onLanguageChange(() => {
      this.#fillFeedFilter();
      this.#list.refresh();
      this.#updateCount();
      this.#updateSkipped();
    });
    this.#fillFeedFilter();
    this.#rebuild(false);
  }

  /** The tab was shown or hidden: a hidden list is not drawn, and catches up once shown. */
  setVisible(visible: boolean): void {
    this.#visible = visible;
    if (visible && (this.#stale || this.#undrawn > 0)) this.#rebuild(false);
  }

  /** Freezes or resumes the list. Frozen means frozen from the click: a frame on its way is dropped. */
  setPaused(paused: boolean): void {
    this.#paused = paused;
    this.#pause.setAttribute('aria-pressed', String(paused));
    localize(this.#pause, paused ? 'live.resume' : 'live.pause');
    if (paused) {
      this.#cancelFrame();
      // Arrived before the click but not drawn yet: they are news to the reader, like later ones.
      this.#pendingCount += this.#undrawn;
      this.#undrawn = 0;
    } else {
      this.#pendingCount = 0;
      this.#rebuild(false);
    }
    this.#updateCount();
  }

  /** Shows an event in the detail pane (and highlights its row). */
  select(event: FeedEvent): void {
    this.#selectedKey = event.key;
    this.#detail.show(event);
    this.#list.refresh();
  }

  /** Selects an event by key (a clicked notification); false when it is not in memory. */
  focusEvent(key: string): boolean {
    const event = this.#ctx.store.events.find(key);
    if (!event) return false;
    this.#feedFilter.value = ALL_FEEDS;
    this.setPaused(false);
    this.select(event);
    return true;
  }

  #onEvents(batch: readonly FeedEvent[]): void {
    const filter = this.#feedFilter.value;
    const relevant =
      filter === ALL_FEEDS ? batch.length : batch.filter((event) => event.feedId === filter).length;
    if (relevant === 0) return;
    if (this.#paused) {
      this.#pendingCount += relevant;
      this.#updateCount();
      return;
    }
    this.#undrawn += relevant;
    if (!this.#visible) return;
    // Batches can come 50 times a second; the list is rebuilt and drawn in one go, once per frame.
    if (this.#frame === 0)
      this.#frame = requestAnimationFrame(() => {
        this.#frame = 0;
        this.#rebuild(false);
      });
  }

  #cancelFrame(): void {
    if (this.#frame !== 0) cancelAnimationFrame(this.#frame);
    this.#frame = 0;
  }

  #rebuild(filterChanged: boolean): void {
    if (this.#paused && !filterChanged) return;
    if (!this.#visible && !filterChanged) {
      this.#stale = true;
      return;
    }
    this.#cancelFrame();
    this.#stale = false;
    this.#undrawn = 0;
    const filter = this.#feedFilter.value;
    const items = this.#ctx.store.events.newestFirst(
      filter === ALL_FEEDS ? undefined : (event) => event.feedId === filter,
    );
    // How many arrived on top since the last rebuild, so a reader scrolled down keeps their place.
    const previousTop = this.#shownNewest;
    const prepended =
      filterChanged || previousTop === null
        ? 0
        : Math.max(
            0,
            items.findIndex((event) => event.key === previousTop),
          );
    this.#shownNewest = items[0]?.key ?? null;
    if (filterChanged) {
      this.#pendingCount = 0;
      this.#list.scrollToTop();
    }
    this.#list.setItems(items, prepended);
    this.#empty.hidden = items.length > 0;
    this.#updateCount();
  }

  #fillFeedFilter(): void {
    const selected = this.#feedFilter.value;
    const all = h('option', { t: 'live.allFeeds', attrs: { value: ALL_FEEDS } });
    replaceChildren(this.#feedFilter, [
      all,
      ...this.#ctx.store.feeds.map((feed) => h('option', { text: feed.name, attrs: { value: feed.id } })),
    ]);
    this.#feedFilter.value = this.#ctx.store.feeds.some((feed) => feed.id === selected)
      ? selected
      : ALL_FEEDS;
  }

  #updateSkipped(): void {
    const filter = this.#feedFilter.value;
    let count = 0;
    for (const [feedId, skipped] of this.#ctx.store.skipped)
      if (filter === ALL_FEEDS || feedId === filter) count += skipped;
    this.#skipped.hidden = count === 0;
    if (count > 0) localize(this.#skipped, ['live.skipped', { n: formatCount(count) }]);
  }

  #updateCount(): void {
    localize(this.#count, ['live.count', { n: formatCount(this.#list.length) }]);
    this.#pending.hidden = this.#pendingCount === 0;
    if (this.#pendingCount > 0)
      localize(this.#pending, ['live.pending', { n: formatCount(this.#pendingCount) }]);
  }
}
