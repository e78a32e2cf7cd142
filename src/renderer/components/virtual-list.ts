/**
 * A list that renders only the rows in view: every row has the same height, a spacer gives the
 * scrollbar its full length, and a small pool of row elements is moved and refilled as the user
 * scrolls. Ten thousand items cost as much DOM as twenty.
 */
import { h } from '../dom.ts';
import type { Msg } from '../i18n/index.ts';

/** How a list draws its rows. */
export interface VirtualListOptions<T> {
  /** Row height in CSS pixels; must match the stylesheet. */
  rowHeightPx: number;
  label: Msg;
  /** Builds an empty row once; it is reused for many items. */
  createRow(): HTMLElement;
  /** Fills a row with an item (must overwrite everything a previous item set). */
  fillRow(row: HTMLElement, item: T, index: number): void;
}

/** Rows drawn above and below the visible ones, so fast scrolling does not flash blank space. */
const OVERSCAN_ROWS = 6;

/** A virtualized, keyboard-scrollable list. */
export class VirtualList<T> {
  readonly element: HTMLElement;
  readonly #spacer: HTMLElement;
  readonly #pool: HTMLElement[] = [];
  readonly #options: VirtualListOptions<T>;
  #items: readonly T[] = [];
  #frame = 0;

  constructor(options: VirtualListOptions<T>) {
    this.#options = options;
    this.#spacer = h('div', { class: 'vlist-spacer', attrs: { role: 'presentation' } });
    this.element = h(
      'div',
      { class: 'vlist', ariaLabel: options.label, attrs: { role: 'list', tabindex: 0 } },
      [this.#spacer],
    );
    this.element.addEventListener('scroll', () => this.#schedule(), { passive: true });
    new ResizeObserver(() => this.#schedule()).observe(this.element);
  }

  /** How many items the list holds. */
  get length(): number {
    return this.#items.length;
  }

  /**
   * Shows `items`. `prepended` says how many of them are new at the top: when the user has scrolled
   * away from the top, the view is shifted by that much so the rows being read stay still.
   */
  setItems(items: readonly T[], prepended = 0): void {
    this.#items = items;
    this.#spacer.style.height = `${items.length * this.#options.rowHeightPx}px`;
    if (prepended > 0 && this.element.scrollTop > 0) {
      this.element.scrollTop += prepended * this.#options.rowHeightPx;
    }
    this.#schedule();
  }

  /** Scrolls back to the first (newest) item. */
  scrollToTop(): void {
    this.element.scrollTop = 0;
  }

  /** Redraws at once (for example after the language changed). */
  refresh(): void {
    this.#render();
  }

  #schedule(): void {
    if (this.#frame !== 0) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      this.#render();
    });
  }

  #render(): void {
    const rowHeight = this.#options.rowHeightPx;
    const viewHeight = this.element.clientHeight;
    const first = Math.max(0, Math.floor(this.element.scrollTop / rowHeight) - OVERSCAN_ROWS);
    const wanted = Math.ceil(viewHeight / rowHeight) + 2 * OVERSCAN_ROWS;
    while (this.#pool.length < wanted) {
      const row = this.#options.createRow();
      row.setAttribute('role', 'listitem');
      row.classList.add('vlist-row');
      this.#pool.push(row);
      this.element.append(row);
    }
    this.#pool.forEach((row, slot) => {
      const index = first + slot;
      const item = this.#items[index];
      if (slot >= wanted || item === undefined) {
        row.hidden = true;
        return;
      }
      row.hidden = false;
      row.style.transform = `translateY(${index * rowHeight}px)`;
      row.setAttribute('aria-posinset', String(index + 1));
      row.setAttribute('aria-setsize', String(this.#items.length));
      this.#options.fillRow(row, item, index);
    });
  }
}
