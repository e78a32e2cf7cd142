/**
 * The Charts tab: a section per feed that maps a value, a card per series in it, each with its own
 * range read from the history database. Pushed events extend the short ranges; the long ones are read
 * again every minute and when the window regains focus. Nothing is drawn while the tab is hidden.
 */
import type { FeedEvent } from '../../shared/feed.ts';
import { seriesKey } from '../../shared/history.ts';
import type { AppContext } from '../app-context.ts';
import { h, replaceChildren } from '../dom.ts';
import { onLanguageChange } from '../i18n/index.ts';
import { ChartCard } from './chart-card.ts';
import { CHART_RANGES, REQUERY_EVERY_MS, type ChartRangeId } from './chart-ranges.ts';
import { liveFire } from './rule-marks.ts';
import { SeriesCatalog } from './series-catalog.ts';

/** Redraw interval while visible; uPlot is fast, but the eye does not need more. */
const DRAW_EVERY_MS = 250;

interface FeedSection {
  element: HTMLElement;
  grid: HTMLElement;
  cards: Map<string, ChartCard>;
}

/** The Charts tab panel. */
export class ChartsView {
  readonly element: HTMLElement;
  readonly #ctx: AppContext;
  readonly #catalog = new SeriesCatalog();
  readonly #body = h('div', { class: 'charts-body' });
  readonly #sections = new Map<string, FeedSection>();
  /** The range the user picked per series key, kept while the window is open. */
  readonly #ranges = new Map<string, ChartRangeId>();
  #visible = false;
  #dirty = true;
  #requeriedAt = 0;

  constructor(ctx: AppContext) {
    this.#ctx = ctx;
    this.element = h('section', { class: 'panel' }, [
      h('header', { class: 'panel-header' }, [h('h2', { t: 'charts.title' })]),
      this.#body,
    ]);
    ctx.store.on('events', (batch) => {
      if (this.#catalog.add(batch).size > 0) this.#dirty = true;
      if (this.#visible) this.#addLive(batch);
    });
    ctx.store.on('feeds', () => {
      this.#catalog.keepOnly(new Set(this.#chartedFeeds().map((feed) => feed.id)));
      this.#dirty = true;
      this.#draw();
    });
    onLanguageChange(() => this.#draw(true));
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => this.#restyle());
    window.addEventListener('focus', () => this.#requery());
    setInterval(() => this.#tick(), DRAW_EVERY_MS);
  }

  /** Tells the view whether its tab is showing; on show every chart reads its range afresh. */
  setVisible(visible: boolean): void {
    const shown = visible && !this.#visible;
    this.#visible = visible;
    if (!visible) return;
    // Cards made by this draw load themselves; the ones from before read their range again.
    const existing = [...this.#cards()];
    this.#draw(true);
    if (!shown) return;
    this.#requeriedAt = Date.now();
    for (const card of existing) void card.load();
  }

  #chartedFeeds() {
    return this.#ctx.store.feeds.filter((feed) => feed.mapping.value);
  }

  *#cards(): Iterable<ChartCard> {
    for (const section of this.#sections.values()) yield* section.cards.values();
  }

  #addLive(batch: readonly FeedEvent[]): void {
    for (const event of batch) {
      if (event.value === null) continue;
      const card = this.#sections.get(event.feedId)?.cards.get(event.title);
      card?.addLive(event.value, event.receivedAt, liveFire(event));
    }
  }

  #tick(): void {
    if (!this.#visible) return;
    const now = Date.now();
    for (const card of this.#cards()) card.slide(now);
    if (now - this.#requeriedAt >= REQUERY_EVERY_MS) this.#requery();
    this.#draw();
  }

  /** Reads the long ranges again (the short ones follow pushes). */
  #requery(): void {
    this.#requeriedAt = Date.now();
    if (!this.#visible) return;
    for (const card of this.#cards()) if (!card.range.live) void card.load();
  }

  #draw(force = false): void {
    if (!this.#visible) return;
    if (this.#dirty || force) {
      this.#dirty = false;
      this.#layout();
    }
    for (const card of this.#cards()) card.draw(force);
  }

  /** Builds or updates the sections and cards for the feeds and series known now. */
  #layout(): void {
    const feeds = this.#chartedFeeds();
    if (feeds.length === 0) {
      this.#sections.clear();
      replaceChildren(this.#body, [
        h('div', { class: 'empty-state compact' }, [
          h('p', { class: 'lead', t: 'charts.empty' }),
          h('button', {
            class: 'button',
            t: 'charts.goToFeeds',
            attrs: { type: 'button' },
            on: { click: () => this.#ctx.showTab('feeds') },
          }),
        ]),
      ]);
      return;
    }
    for (const id of this.#sections.keys())
      if (!feeds.some((feed) => feed.id === id)) this.#sections.delete(id);
    const created: ChartCard[] = [];
    const sections = feeds.map((feed) => {
      let section = this.#sections.get(feed.id);
      if (!section) {
        const grid = h('div', { class: 'chart-grid' });
        section = {
          element: h('section', { class: 'chart-feed', attrs: { 'data-feed-id': feed.id } }, [
            h('h3', { text: feed.name }),
            grid,
          ]),
          grid,
          cards: new Map(),
        };
        this.#sections.set(feed.id, section);
      }
      section.element.querySelector('h3')!.textContent = feed.name;
      const titles = this.#catalog.titles(feed.id);
      if (titles.length === 0) {
        replaceChildren(section.grid, [
          h('p', { class: 'muted', t: ['charts.waiting', { pointer: feed.mapping.value ?? '' }] }),
        ]);
        section.cards.clear();
        return section.element;
      }
      for (const title of section.cards.keys()) if (!titles.includes(title)) section.cards.delete(title);
      const cards = titles.map((title) => {
        let card = section.cards.get(title);
        if (!card) {
          card = this.#card(feed.id, title);
          section.cards.set(title, card);
          created.push(card);
        }
        return card;
      });
      const current = [...section.grid.children];
      if (current.length !== cards.length || cards.some((card, index) => current[index] !== card.element)) {
        replaceChildren(
          section.grid,
          cards.map((card) => card.element),
        );
      }
      return section.element;
    });
    const current = [...this.#body.children];
    if (current.length !== sections.length || sections.some((element, index) => current[index] !== element)) {
      replaceChildren(this.#body, sections);
    }
    // In the page now, so each new card asks for as many buckets as it has pixels.
    for (const card of created) void card.load();
  }

  #card(feedId: string, title: string): ChartCard {
    const key = seriesKey(feedId, title);
    return new ChartCard({
      ipc: this.#ctx.ipc,
      feedId,
      title,
      range: this.#ranges.get(key) ?? CHART_RANGES[0]!.id,
      onRangeChange: (range) => this.#ranges.set(key, range),
    });
  }

  #restyle(): void {
    for (const card of this.#cards()) card.restyle();
  }
}
