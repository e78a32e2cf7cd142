/**
 * The Charts tab: a section per feed that maps a value, a card per event title in it. Data is collected
 * all the time; drawing happens only while the tab is visible, at most a few times a second.
 */
import type { AppContext } from '../app-context.ts';
import { h, replaceChildren } from '../dom.ts';
import { onLanguageChange } from '../i18n/index.ts';
import { ChartCard } from './chart-card.ts';
import { ChartModel } from './chart-model.ts';

/** Redraw interval while visible; uPlot is fast, but the eye does not need more. */
const DRAW_EVERY_MS = 250;

/** The Charts tab panel. */
export class ChartsView {
  readonly element: HTMLElement;
  readonly #ctx: AppContext;
  readonly #model = new ChartModel();
  readonly #body = h('div', { class: 'charts-body' });
  readonly #sections = new Map<
    string,
    { element: HTMLElement; grid: HTMLElement; cards: Map<string, ChartCard> }
  >();
  #visible = false;
  #dirty = true;

  constructor(ctx: AppContext) {
    this.#ctx = ctx;
    this.element = h('section', { class: 'panel' }, [
      h('header', { class: 'panel-header' }, [h('h2', { t: 'charts.title' })]),
      this.#body,
    ]);
    ctx.store.on('events', (batch) => {
      if (this.#model.add(batch).size > 0) this.#dirty = true;
    });
    ctx.store.on('feeds', () => {
      this.#model.keepOnly(new Set(this.#chartedFeeds().map((feed) => feed.id)));
      this.#dirty = true;
      this.#draw();
    });
    onLanguageChange(() => this.#draw(true));
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => this.#restyle());
    setInterval(() => this.#draw(), DRAW_EVERY_MS);
  }

  /** Tells the view whether its tab is showing (hidden charts are not drawn). */
  setVisible(visible: boolean): void {
    this.#visible = visible;
    if (visible) this.#draw(true);
  }

  #chartedFeeds() {
    return this.#ctx.store.feeds.filter((feed) => feed.mapping.value);
  }

  #draw(force = false): void {
    if (!this.#visible || (!this.#dirty && !force)) return;
    this.#dirty = false;
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
      const series = this.#model.series(feed.id);
      if (series.length === 0) {
        replaceChildren(section.grid, [
          h('p', { class: 'muted', t: ['charts.waiting', { pointer: feed.mapping.value ?? '' }] }),
        ]);
        section.cards.clear();
        return section.element;
      }
      for (const title of section.cards.keys())
        if (!series.some((item) => item.title === title)) section.cards.delete(title);
      const cards = series.map((item) => {
        let card = section.cards.get(item.title);
        if (!card) section.cards.set(item.title, (card = new ChartCard(item)));
        return card;
      });
      const current = [...section.grid.children];
      if (current.length !== cards.length || cards.some((card, index) => current[index] !== card.element)) {
        replaceChildren(
          section.grid,
          cards.map((card) => card.element),
        );
      }
      series.forEach((item, index) => cards[index]!.update(item, force));
      return section.element;
    });
    const current = [...this.#body.children];
    if (current.length !== sections.length || sections.some((element, index) => current[index] !== element)) {
      replaceChildren(this.#body, sections);
    }
  }

  #restyle(): void {
    for (const section of this.#sections.values()) for (const card of section.cards.values()) card.restyle();
  }
}
