/**
 * A WAI-ARIA tablist: one tab stop for the whole list (roving tabindex), arrow keys and Home/End move
 * between tabs and select them, each tab controls its panel.
 */
import { h, uid } from '../dom.ts';
import type { MessageKey } from '../i18n/index.ts';

/** One tab and the panel it shows. */
export interface TabSpec<Id extends string> {
  id: Id;
  label: MessageKey;
  panel: HTMLElement;
}

/** A tablist over panels; only the selected panel is visible. */
export class Tabs<Id extends string> {
  readonly element: HTMLElement;
  readonly #tabs = new Map<
    Id,
    { button: HTMLButtonElement; badge: HTMLElement; badgeLabel: HTMLElement; panel: HTMLElement }
  >();
  readonly #order: Id[];
  readonly #onSelect: (id: Id) => void;
  #selected: Id;

  constructor(specs: readonly TabSpec<Id>[], label: MessageKey, onSelect: (id: Id) => void) {
    this.#order = specs.map((spec) => spec.id);
    this.#onSelect = onSelect;
    this.#selected = specs[0]!.id;
    this.element = h('div', { class: 'tablist', ariaLabel: label, attrs: { role: 'tablist' } });
    for (const spec of specs) {
      const tabId = uid('tab');
      // The badge shows a bare number; screen readers get the sentence ("12 unread") instead.
      const badge = h('span', { class: 'badge', attrs: { hidden: true, 'aria-hidden': 'true' } });
      const badgeLabel = h('span', { class: 'visually-hidden' });
      const button = h('button', { class: 'tab', attrs: { type: 'button', role: 'tab', id: tabId } }, [
        h('span', { t: spec.label }),
        badge,
        badgeLabel,
      ]);
      button.dataset.tab = spec.id;
      spec.panel.id ||= uid('panel');
      spec.panel.setAttribute('role', 'tabpanel');
      spec.panel.setAttribute('aria-labelledby', tabId);
      button.setAttribute('aria-controls', spec.panel.id);
      button.addEventListener('click', () => this.select(spec.id));
      button.addEventListener('keydown', (event) => this.#onKey(event, spec.id));
      this.element.append(button);
      this.#tabs.set(spec.id, { button, badge, badgeLabel, panel: spec.panel });
    }
    this.#render();
  }

  /** The selected tab. */
  get selected(): Id {
    return this.#selected;
  }

  /** Selects a tab and shows its panel; `focus` moves keyboard focus to the tab too. */
  select(id: Id, focus = false): void {
    const changed = id !== this.#selected;
    this.#selected = id;
    this.#render();
    if (focus) this.#tabs.get(id)?.button.focus();
    if (changed) this.#onSelect(id);
  }

  /** Shows a count next to a tab's label (hidden at 0). */
  setBadge(id: Id, count: number, label: string): void {
    const tab = this.#tabs.get(id);
    if (!tab) return;
    tab.badge.hidden = count <= 0;
    tab.badge.textContent = count > 999 ? '999+' : String(count);
    tab.badgeLabel.textContent = count > 0 ? label : '';
  }

  #render(): void {
    for (const [id, tab] of this.#tabs) {
      const selected = id === this.#selected;
      tab.button.setAttribute('aria-selected', String(selected));
      tab.button.tabIndex = selected ? 0 : -1;
      tab.panel.hidden = !selected;
    }
  }

  #onKey(event: KeyboardEvent, from: Id): void {
    const index = this.#order.indexOf(from);
    const last = this.#order.length - 1;
    const target =
      event.key === 'ArrowRight'
        ? index === last
          ? 0
          : index + 1
        : event.key === 'ArrowLeft'
          ? index === 0
            ? last
            : index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (target === null) return;
    event.preventDefault();
    this.select(this.#order[target]!, true);
  }
}
