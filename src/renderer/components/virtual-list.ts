/**
 * A list that renders only the rows in view: every row has the same height, a spacer gives the
 * scrollbar its full length, and a small pool of row elements is moved and refilled as the user
 * scrolls. Ten thousand items cost as much DOM as twenty.
 *
 * Made for a list that grows many times a second: it never reads layout while drawing (the view's
 * height comes from a ResizeObserver, the scroll offset from scroll events), so a frame costs one
 * layout; and a row keeps its item while the item stays in view, so new items at the top fill only
 * their own rows while the others just move.
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

/**
 * Rows drawn above and below the visible ones, so fast scrolling does not flash blank space. While
 * the user scrolls, six; otherwise two: a list taking new items at the top refills every drawn row each
 * frame, and rows nobody sees were a third of that work.
 */
const OVERSCAN_ROWS = 2;
const SCROLL_OVERSCAN_ROWS = 6;

/** Where a row is and what it shows, so unchanged rows are not written again. */
interface Placed<T> {
  item: T;
  index: number;
  setSize: number;
}

/** A virtualized, keyboard-scrollable list. */
export class VirtualList<T> {
  readonly element: HTMLElement;
  readonly #spacer: HTMLElement;
  readonly #pool: HTMLElement[] = [];
  readonly #placed = new Map<HTMLElement, Placed<T>>();
  readonly #options: VirtualListOptions<T>;
  #items: readonly T[] = [];
  #frame = 0;
  #scrollTopPx = 0;
  #viewHeightPx: number | null = null;
  #spacerHeightPx = -1;
  /** A scroll position to apply on the next draw (keeping the rows being read still). */
  #wantedScrollTopPx: number | null = null;
  #overscanRows = OVERSCAN_ROWS;

  constructor(options: VirtualListOptions<T>) {
    this.#options = options;
    this.#spacer = h('div', { class: 'vlist-spacer', attrs: { role: 'presentation' } });
    this.element = h(
      'div',
      { class: 'vlist', ariaLabel: options.label, attrs: { role: 'list', tabindex: 0 } },
      [this.#spacer],
    );
    this.element.addEventListener(
      'scroll',
      () => {
        // Scroll events run before the frame's rendering, when layout is clean: a cheap read.
        this.#scrollTopPx = this.element.scrollTop;
        this.#overscanRows = SCROLL_OVERSCAN_ROWS;
        this.#schedule();
      },
      { passive: true },
    );
    new ResizeObserver((entries) => {
      const entry = entries.at(-1);
      if (entry) this.#viewHeightPx = entry.contentRect.height;
      this.#schedule();
    }).observe(this.element);
  }

  /** How many items the list holds. */
  get length(): number {
    return this.#items.length;
  }

  /**
   * Shows `items` now. `prepended` says how many of them are new at the top: when the user has
   * scrolled away from the top, the view is shifted by that much so the rows being read stay still.
   * Callers that get items many times a second call this once per animation frame.
   */
  setItems(items: readonly T[], prepended = 0): void {
    this.#items = items;
    this.#overscanRows = OVERSCAN_ROWS;
    const scrolled = this.#wantedScrollTopPx ?? this.#scrollTopPx;
    if (prepended > 0 && scrolled > 0) {
      this.#wantedScrollTopPx = scrolled + prepended * this.#options.rowHeightPx;
    }
    this.#render();
  }

  /** Scrolls back to the first (newest) item. */
  scrollToTop(): void {
    this.#wantedScrollTopPx = null;
    this.element.scrollTop = 0;
    this.#scrollTopPx = 0;
    this.#render();
  }

  /** Redraws every row at once (for example after the language or the selection changed). */
  refresh(): void {
    this.#placed.clear();
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
    if (this.#frame !== 0) cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    const rowHeight = this.#options.rowHeightPx;
    const count = this.#items.length;
    const spacerHeight = count * rowHeight;
    if (spacerHeight !== this.#spacerHeightPx) {
      this.#spacer.style.height = `${spacerHeight}px`;
      this.#spacerHeightPx = spacerHeight;
    }
    // Until the first ResizeObserver report, measure once (the only layout read, at start-up).
    const viewHeight = this.#viewHeightPx ?? (this.#viewHeightPx = this.element.clientHeight);
    if (this.#wantedScrollTopPx !== null) {
      const wanted = Math.max(0, Math.min(this.#wantedScrollTopPx, spacerHeight - viewHeight));
      this.#wantedScrollTopPx = null;
      if (wanted !== this.#scrollTopPx) this.element.scrollTop = wanted;
      this.#scrollTopPx = wanted;
    }
    const overscan = this.#overscanRows;
    const first = Math.max(0, Math.floor(this.#scrollTopPx / rowHeight) - overscan);
    const end = Math.min(count, Math.ceil((this.#scrollTopPx + viewHeight) / rowHeight) + overscan);
    const wanted = Math.max(0, end - first);
    while (this.#pool.length < wanted) {
      const row = this.#options.createRow();
      row.setAttribute('role', 'listitem');
      row.classList.add('vlist-row');
      row.hidden = true;
      this.#pool.push(row);
      this.element.append(row);
    }
    // Rows whose item is still in view keep it; the others are free for the items that came into view.
    const rowOf = new Map<T, HTMLElement>();
    const free: HTMLElement[] = [];
    for (const row of this.#pool) {
      const placed = this.#placed.get(row);
      const index = placed ? this.#indexOf(placed, first, end) : -1;
      if (placed && index >= 0 && !rowOf.has(placed.item)) rowOf.set(placed.item, row);
      else free.push(row);
    }
    const ordered: HTMLElement[] = [];
    for (let index = first; index < end; index += 1) {
      const item = this.#items[index]!;
      let row = rowOf.get(item);
      rowOf.delete(item);
      let placed = row ? this.#placed.get(row) : undefined;
      if (!row || !placed) {
        row = free.pop()!;
        this.#options.fillRow(row, item, index);
        placed = { item, index: -1, setSize: -1 };
        this.#placed.set(row, placed);
        if (row.hidden) row.hidden = false;
      }
      ordered.push(row);
      if (placed.index !== index) {
        row.style.transform = `translateY(${index * rowHeight}px)`;
        row.setAttribute('aria-posinset', String(index + 1));
        placed.index = index;
      }
      if (placed.setSize !== count) {
        row.setAttribute('aria-setsize', String(count));
        placed.setSize = count;
      }
    }
    for (const row of free) {
      this.#placed.delete(row);
      if (!row.hidden) row.hidden = true;
    }
    this.#keepDomOrder(ordered);
  }

  /**
   * Puts the shown rows in the DOM in list order, so reading order and "first row" mean the top row.
   * Rows that kept their item are already in order and stay put (moving a node would drop its focus);
   * only rows filled anew are moved next to them.
   */
  #keepDomOrder(ordered: readonly HTMLElement[]): void {
    let next: HTMLElement | null = null;
    for (let index = ordered.length - 1; index >= 0; index -= 1) {
      const row = ordered[index]!;
      let after = row.nextElementSibling as HTMLElement | null;
      while (after?.hidden) after = after.nextElementSibling as HTMLElement | null;
      if (after !== next) this.element.insertBefore(row, next);
      next = row;
    }
  }

  /** Where a placed item is now, if within [first, end): near its old index, as items are prepended. */
  #indexOf(placed: Placed<T>, first: number, end: number): number {
    const items = this.#items;
    if (items[placed.index] === placed.item)
      return placed.index >= first && placed.index < end ? placed.index : -1;
    // New items push old ones down; search forward from the old index within the drawn range only.
    for (let index = Math.max(placed.index, first); index < end; index += 1) {
      if (items[index] === placed.item) return index;
    }
    return -1;
  }
}
