/**
 * The request headers of a feed as rows of name, value and "secret". A saved secret is write-only: the
 * row says "set — replace" and the value is only asked for when the user chooses to replace it.
 */
import { h, replaceChildren, uid } from '../dom.ts';
import { blankHeader, type FeedDraft, type HeaderDraft } from './draft.ts';
import type { ErrorSlots } from './fields.ts';

/** The headers section; `onChange` runs after every edit so the form can re-validate. */
export class HeadersField {
  readonly element: HTMLElement;
  readonly #rows = h('div', { class: 'header-rows' });
  readonly #draft: FeedDraft;
  readonly #errors: ErrorSlots;
  readonly #onChange: () => void;
  readonly #add: HTMLButtonElement;

  constructor(draft: FeedDraft, errors: ErrorSlots, onChange: () => void) {
    this.#draft = draft;
    this.#errors = errors;
    this.#onChange = onChange;
    this.#add = h('button', {
      class: 'button button-small',
      t: 'editor.addHeader',
      attrs: { type: 'button' },
      on: {
        click: () => {
          draft.headers.push(blankHeader());
          this.#render();
          this.#rows.querySelector<HTMLInputElement>('.header-row:last-child input')?.focus();
          onChange();
        },
      },
    });
    this.element = h('fieldset', { class: 'fieldset headers' }, [
      h('legend', { t: 'editor.headers' }),
      h('p', { class: 'field-hint', t: 'editor.headersHint' }),
      this.#rows,
      this.#add,
    ]);
    this.#render();
  }

  #render(): void {
    this.#errors.drop('headers.');
    replaceChildren(
      this.#rows,
      this.#draft.headers.map((header, index) => this.#row(header, index)),
    );
  }

  #row(header: HeaderDraft, index: number): HTMLElement {
    const path = `headers.${index}`;
    const changed = (part: 'name' | 'value'): void => {
      this.#errors.touch(`${path}.${part}`);
      this.#onChange();
    };
    const name = h('input', {
      class: 'header-name',
      ariaLabel: ['editor.headerName', { n: index + 1 }],
      placeholder: 'editor.headerNamePlaceholder',
      attrs: { type: 'text', spellcheck: 'false', autocomplete: 'off', id: uid('header-name') },
    });
    name.value = header.name;
    name.addEventListener('input', () => {
      header.name = name.value;
      changed('name');
    });

    const secret = h('input', { attrs: { type: 'checkbox' } });
    secret.checked = header.secret;
    secret.addEventListener('change', () => {
      header.secret = secret.checked;
      // A header that stops being secret has no saved value to keep: its value must be typed.
      if (!header.secret) header.replacing = header.saved === 'set';
      this.#render();
      this.#onChange();
    });

    return h(
      'div',
      { class: 'header-row', attrs: { role: 'group' }, ariaLabel: ['editor.headerRow', { n: index + 1 }] },
      [
        h('div', { class: 'header-cell' }, [name, this.#errors.slot(`${path}.name`, name)]),
        h('div', { class: 'header-cell' }, [this.#valueCell(header, index, () => changed('value'))]),
        h('label', { class: 'check header-secret' }, [secret, h('span', { t: 'editor.secret' })]),
        h('button', {
          class: 'icon-button',
          text: '×',
          ariaLabel: ['editor.removeHeader', { n: index + 1 }],
          attrs: { type: 'button' },
          on: {
            click: () => {
              this.#draft.headers.splice(index, 1);
              this.#render();
              this.#add.focus();
              this.#onChange();
            },
          },
        }),
      ],
    );
  }

  #valueCell(header: HeaderDraft, index: number, changed: () => void): HTMLElement {
    const path = `headers.${index}.value`;
    if (header.secret && header.saved === 'set' && !header.replacing) {
      const replace = h('button', {
        class: 'link-button',
        t: 'editor.secretReplace',
        attrs: { type: 'button' },
        on: {
          click: () => {
            header.replacing = true;
            this.#render();
            const row = this.#rows.querySelectorAll('.header-row')[index];
            row?.querySelector<HTMLInputElement>('.header-value')?.focus();
            this.#onChange();
          },
        },
      });
      return h('div', { class: 'secret-set', attrs: { 'data-secret': 'set' } }, [
        h('span', { class: 'secret-badge', t: 'editor.secretSet' }),
        h('span', { class: 'muted', text: ' — ' }),
        replace,
        this.#errors.slot(path, null),
      ]);
    }
    const value = h('input', {
      class: 'header-value',
      ariaLabel: ['editor.headerValue', { n: index + 1 }],
      placeholder: header.secret ? 'editor.secretPlaceholder' : 'editor.headerValuePlaceholder',
      // A password field is never echoed into the DOM as an attribute and is not offered for autofill.
      attrs: {
        type: header.secret ? 'password' : 'text',
        spellcheck: 'false',
        autocomplete: header.secret ? 'new-password' : 'off',
      },
    });
    value.value = header.value;
    value.addEventListener('input', () => {
      header.value = value.value;
      changed();
    });
    const cancel =
      header.secret && header.saved === 'set'
        ? h('button', {
            class: 'link-button',
            t: 'editor.secretKeep',
            attrs: { type: 'button' },
            on: {
              click: () => {
                header.replacing = false;
                header.value = '';
                this.#render();
                this.#onChange();
              },
            },
          })
        : null;
    return h('div', { class: 'header-value-cell' }, [value, cancel, this.#errors.slot(path, value)]);
  }
}
