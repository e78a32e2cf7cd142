/**
 * The editor's "Action buttons" fieldset: a list of buttons ("Acknowledge"), each with its label,
 * method, address, body and content type (for methods that send one) and the one other host it may
 * call. Adding, removing, moving or changing the method rebuilds the list; typing only revalidates.
 * Problems show next to their field, as the schema (FeedActionSchema) finds them.
 */
import { HTTP_METHODS, MAX_ACTIONS } from '../../shared/rules/schema.ts';
import { h, replaceChildren } from '../dom.ts';
import { localize, type MessageKey, type Msg } from '../i18n/index.ts';
import { blankAction, showsBody, type ActionDraft } from './actions-draft.ts';
import type { FieldKit } from './editor-sections.ts';
import { field, textInput } from './fields.ts';

type TextKey = 'label' | 'url' | 'body' | 'contentType' | 'allowHost';

/** The fieldset; `preview` (what the first button would send) is shown under the list. */
export class ActionsField {
  readonly element: HTMLElement;
  readonly #kit: FieldKit;
  readonly #actions: ActionDraft[];
  readonly #list = h('ol', { class: 'action-list' });
  readonly #none = h('p', { class: 'field-hint action-none', t: 'actions.none' });
  readonly #add: HTMLButtonElement;

  constructor(kit: FieldKit, actions: ActionDraft[], preview: HTMLElement | null = null) {
    this.#kit = kit;
    this.#actions = actions;
    this.#add = h('button', {
      class: 'button button-small',
      t: 'actions.add',
      attrs: { type: 'button' },
      on: {
        click: () => {
          actions.push(blankAction());
          this.#changed(actions.length - 1, 'input[name$=".label"]');
        },
      },
    });
    this.element = h('fieldset', { class: 'fieldset actions' }, [
      h('legend', { t: 'editor.actions' }),
      h('p', { class: 'field-hint', t: 'editor.actionsHint' }),
      this.#none,
      this.#list,
      kit.errors.slot('actions', null),
      this.#add,
      preview,
    ]);
    this.#render();
  }

  #render(): void {
    this.#kit.errors.drop('actions.');
    replaceChildren(
      this.#list,
      this.#actions.map((action, index) => this.#card(action, index)),
    );
    this.#none.hidden = this.#actions.length > 0;
    this.#add.disabled = this.#actions.length >= MAX_ACTIONS;
  }

  /**
   * Rebuilds after a change of structure, revalidates, and puts focus back where the user was: on the
   * first of `focus` that the card at `index` has, else on "Add action".
   */
  #changed(index: number, ...focus: string[]): void {
    this.#render();
    const card = this.#list.children[Math.min(index, this.#list.children.length - 1)];
    const target = focus.map((selector) => card?.querySelector<HTMLElement>(selector)).find(Boolean);
    (target ?? this.#add).focus();
    this.#kit.edit('actions', () => undefined)('');
  }

  #card(action: ActionDraft, index: number): HTMLElement {
    const n = index + 1;
    const path = `actions.${index}`;
    const method = h(
      'select',
      { attrs: { name: `${path}.method` } },
      HTTP_METHODS.map((name) => h('option', { text: name, attrs: { value: name } })),
    );
    method.value = action.method;
    method.addEventListener('change', () => {
      action.method = method.value as ActionDraft['method'];
      this.#kit.errors.touch(`${path}.method`);
      this.#changed(index, `[name="${path}.method"]`);
    });
    return h('li', { class: 'action-card', attrs: { role: 'group' }, ariaLabel: ['actions.row', { n }] }, [
      h('div', { class: 'action-head' }, [
        h('span', { class: 'rule-number', text: `${n}.` }),
        this.#text(action, index, 'label', {
          label: 'actions.label',
          example: 'actions.labelPlaceholder',
          class: 'action-label',
        }),
        this.#moveButton(index, -1, ['actions.moveUp', { n }], '↑'),
        this.#moveButton(index, 1, ['actions.moveDown', { n }], '↓'),
        h('button', {
          class: 'icon-button action-remove',
          text: '×',
          ariaLabel: ['actions.remove', { n }],
          attrs: { type: 'button' },
          on: {
            click: () => {
              this.#actions.splice(index, 1);
              this.#changed(index, '.action-remove');
            },
          },
        }),
      ]),
      h('div', { class: 'action-request' }, [
        field({
          label: 'actions.method',
          control: method,
          path: `${path}.method`,
          errors: this.#kit.errors,
          class: 'action-method',
        }),
        this.#text(action, index, 'url', {
          label: 'actions.url',
          hint: 'actions.urlHint',
          class: 'action-url',
          example: 'actions.urlPlaceholder',
        }),
      ]),
      showsBody(action)
        ? h('div', { class: 'action-request' }, [
            this.#text(action, index, 'body', {
              label: 'actions.body',
              hint: 'actions.bodyHint',
              class: 'action-body',
              example: 'actions.bodyPlaceholder',
              multiline: true,
            }),
            this.#text(action, index, 'contentType', {
              label: 'actions.contentType',
              class: 'action-content-type',
            }),
          ])
        : null,
      this.#text(action, index, 'allowHost', {
        label: 'actions.allowHost',
        hint: 'actions.allowHostHint',
        example: 'actions.allowHostPlaceholder',
      }),
    ]);
  }

  /** A labelled text input (or textarea) bound to one of the action's text fields. */
  #text(
    action: ActionDraft,
    index: number,
    key: TextKey,
    options: { label: MessageKey; hint?: MessageKey; class?: string; example?: Msg; multiline?: true },
  ): HTMLElement {
    const path = `actions.${index}.${key}`;
    const edit = this.#kit.edit(path, (value) => (action[key] = value));
    let control: HTMLInputElement | HTMLTextAreaElement;
    if (options.multiline) {
      control = h('textarea', { attrs: { name: path, rows: 3, spellcheck: 'false' } });
      control.value = action[key];
      control.addEventListener('input', () => edit(control.value));
    } else {
      control = textInput(action[key], edit, { name: path });
    }
    if (options.example !== undefined) localize(control, options.example, 'placeholder');
    return field({
      label: options.label,
      control,
      path,
      errors: this.#kit.errors,
      ...(options.hint === undefined ? {} : { hint: options.hint }),
      ...(options.class === undefined ? {} : { class: options.class }),
    });
  }

  #moveButton(index: number, by: -1 | 1, label: Msg, text: string): HTMLButtonElement {
    const to = index + by;
    return h('button', {
      class: 'icon-button action-move',
      text,
      ariaLabel: label,
      attrs: { type: 'button', 'data-by': by, disabled: to < 0 || to >= this.#actions.length },
      on: {
        click: () => {
          const [moved] = this.#actions.splice(index, 1);
          this.#actions.splice(to, 0, moved!);
          // The same arrow again, so the action can keep moving; at the end of the list, the other one.
          this.#changed(to, `.action-move[data-by="${by}"]:enabled`, '.action-move:enabled');
        },
      },
    });
  }
}
