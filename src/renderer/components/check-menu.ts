/**
 * A compact multi-choice filter: a button-like summary ("All feeds", "2 feeds") that opens a list of
 * checkboxes. Built on <details>, so it opens with the keyboard and needs no script to show or hide.
 */
import { h, replaceChildren } from '../dom.ts';
import { localize, type Msg } from '../i18n/index.ts';

/** One choice: its value and its label (localized, or plain text from data such as a feed name). */
export interface CheckChoice {
  value: string;
  label: Msg | { text: string };
}

/** What the summary says for a number of checked choices (0 = no filter). */
export type CheckSummary = (checked: readonly string[]) => Msg | { text: string };

/** A dropdown of checkboxes; `onChange` runs after each tick. */
export class CheckMenu {
  readonly element: HTMLDetailsElement;
  readonly #summary = h('summary', { class: 'check-menu-summary' });
  readonly #list = h('div', { class: 'check-menu-list', attrs: { role: 'group' } });
  readonly #describe: CheckSummary;
  readonly #onChange: () => void;
  #checked = new Set<string>();

  constructor(id: string, label: Msg, describe: CheckSummary, onChange: () => void) {
    this.#describe = describe;
    this.#onChange = onChange;
    localize(this.#list, label, 'aria-label');
    this.element = h('details', { class: 'check-menu', attrs: { id } }, [this.#summary, this.#list]);
    // Escape closes the list and gives focus back to its summary, as a menu button does.
    this.element.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || !this.element.open) return;
      this.element.open = false;
      this.#summary.focus();
    });
    this.#render();
  }

  /** The checked values, in the order of the choices. */
  get values(): string[] {
    return [...this.#list.querySelectorAll('input')].filter((box) => box.checked).map((box) => box.value);
  }

  /** Replaces the choices, keeping ticks on the values that remain. */
  setChoices(choices: readonly CheckChoice[]): void {
    const labels = [...this.#list.querySelectorAll('label')];
    // Same choices (only labels changed, e.g. unread counts): relabel in place, so an open list keeps focus.
    if (
      labels.length === choices.length &&
      labels.every((label, index) => label.querySelector('input')!.value === choices[index]!.value)
    ) {
      labels.forEach((label, index) => labelText(label.querySelector('span')!, choices[index]!.label));
      return;
    }
    const checked = this.#checked;
    replaceChildren(
      this.#list,
      choices.map((choice) => {
        const box = h('input', { attrs: { type: 'checkbox', value: choice.value } });
        box.checked = checked.has(choice.value);
        box.addEventListener('change', () => {
          this.#render();
          this.#onChange();
        });
        const text = h('span');
        labelText(text, choice.label);
        return h('label', { class: 'check' }, [box, text]);
      }),
    );
    this.#render();
  }

  /** Unticks everything (no filter). */
  clear(): void {
    for (const box of this.#list.querySelectorAll('input')) box.checked = false;
    this.#render();
  }

  #render(): void {
    const values = this.values;
    this.#checked = new Set(values);
    labelText(this.#summary, this.#describe(values));
    this.element.dataset.active = String(values.length > 0);
  }
}

/** Sets a label from a message (re-labelled on language switch) or from plain data text. */
function labelText(element: HTMLElement, label: Msg | { text: string }): void {
  if (typeof label === 'object' && 'text' in label) {
    element.removeAttribute('data-i18n');
    element.textContent = label.text;
  } else {
    localize(element, label);
  }
}
