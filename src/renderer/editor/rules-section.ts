/**
 * The editor's "Rules" fieldset: an ordered list (the first enabled rule that matches decides), each
 * rule with its name, all/any, conditions, outcome and message template, and the live preview below.
 * Adding, removing, moving or changing an operator rebuilds the list; typing only revalidates.
 */
import { SEVERITIES, type Severity } from '../../shared/presentation/severity.ts';
import { MAX_RULES } from '../../shared/rules/schema.ts';
import { h, replaceChildren } from '../dom.ts';
import { t, type MessageKey, type Msg } from '../i18n/index.ts';
import { conditionRow } from './condition-row.ts';
import type { FieldKit } from './editor-sections.ts';
import { field, textInput } from './fields.ts';
import { blankCondition, blankRule, type RuleDraft } from './rules-draft.ts';

/** Conditions one rule may hold (the schema's limit). */
const MAX_CONDITIONS = 10;

/** The fieldset; `preview` is the live preview panel's element, shown under the list. */
export class RulesField {
  readonly element: HTMLElement;
  readonly #kit: FieldKit;
  readonly #rules: RuleDraft[];
  readonly #list = h('ol', { class: 'rule-list' });
  readonly #add: HTMLButtonElement;

  constructor(kit: FieldKit, rules: RuleDraft[], preview: HTMLElement) {
    this.#kit = kit;
    this.#rules = rules;
    this.#add = h('button', {
      class: 'button button-small',
      t: 'rules.add',
      attrs: { type: 'button' },
      on: {
        click: () => {
          rules.push(blankRule(t('rules.defaultName', { n: rules.length + 1 })));
          this.#changed(rules.length - 1, 'input[name$=".name"]');
        },
      },
    });
    this.element = h('fieldset', { class: 'fieldset rules' }, [
      h('legend', { t: 'rules.legend' }),
      h('p', { class: 'field-hint', t: 'rules.hint' }),
      this.#list,
      this.#add,
      preview,
    ]);
    this.#render();
  }

  #render(): void {
    this.#kit.errors.drop('rules.');
    replaceChildren(
      this.#list,
      this.#rules.map((rule, index) => this.#card(rule, index)),
    );
    this.#add.disabled = this.#rules.length >= MAX_RULES;
  }

  /** Rebuilds after a change of structure, revalidates, and puts focus back where the user was. */
  #changed(index: number, focus: string): void {
    this.#render();
    const card = this.#list.children[Math.min(index, this.#list.children.length - 1)];
    (card?.querySelector<HTMLElement>(focus) ?? this.#add).focus();
    this.#kit.edit('rules', () => undefined)('');
  }

  #card(rule: RuleDraft, index: number): HTMLElement {
    const kit = this.#kit;
    const path = `rules.${index}`;
    const n = index + 1;
    const name = field({
      label: 'rules.name',
      control: textInput(
        rule.name,
        kit.edit(`${path}.name`, (value) => (rule.name = value)),
        {
          name: `${path}.name`,
        },
      ),
      path: `${path}.name`,
      errors: kit.errors,
      class: 'rule-name',
    });
    const enabled = h('input', { attrs: { type: 'checkbox', name: `${path}.enabled` } });
    enabled.checked = rule.enabled;
    enabled.addEventListener('change', () =>
      kit.edit(`${path}.enabled`, () => (rule.enabled = enabled.checked))(''),
    );
    const conditions = rule.conditions.map((condition, at) =>
      conditionRow(condition, {
        kit,
        path: `${path}.conditions.${at}`,
        n: at + 1,
        onOpChange: () => this.#changed(index, `[name="${path}.conditions.${at}.op"]`),
        onRemove: () => {
          rule.conditions.splice(at, 1);
          this.#changed(index, '.rule-add-condition');
        },
      }),
    );
    return h('li', { class: 'rule-card', attrs: { 'data-enabled': String(rule.enabled) } }, [
      h('div', { class: 'rule-head' }, [
        h('span', { class: 'rule-number', text: `${n}.` }),
        name,
        h('label', { class: 'check rule-enabled' }, [enabled, h('span', { t: 'rules.enabled' })]),
        this.#moveButton(index, -1, ['rules.moveUp', { n }], '↑'),
        this.#moveButton(index, 1, ['rules.moveDown', { n }], '↓'),
        h('button', {
          class: 'icon-button rule-remove',
          text: '×',
          ariaLabel: ['rules.remove', { n }],
          attrs: { type: 'button' },
          on: {
            click: () => {
              this.#rules.splice(index, 1);
              this.#changed(index, '.rule-remove');
            },
          },
        }),
      ]),
      this.#select(
        `${path}.match`,
        'rules.match',
        rule.match,
        ['all', 'any'],
        (value) => (rule.match = value),
      ),
      h('div', { class: 'condition-list' }, conditions),
      rule.conditions.length === 0 ? h('p', { class: 'field-hint', t: 'rules.noConditions' }) : null,
      h('button', {
        class: 'link-button rule-add-condition',
        t: 'rules.addCondition',
        attrs: { type: 'button', disabled: rule.conditions.length >= MAX_CONDITIONS },
        on: {
          click: () => {
            rule.conditions.push(blankCondition());
            this.#changed(index, `[name="${path}.conditions.${rule.conditions.length - 1}.field"]`);
          },
        },
      }),
      h('div', { class: 'rule-outcome' }, [
        this.#select(
          `${path}.outcome`,
          'rules.outcome',
          rule.outcome,
          ['notify', 'quiet', 'mark'],
          (value) => {
            rule.outcome = value;
            this.#changed(index, `[name="${path}.outcome"]`);
          },
        ),
        rule.outcome === 'notify'
          ? this.#select(
              `${path}.outcome.severity`,
              'rules.severity',
              String(rule.severity) as `${Severity}`,
              SEVERITIES.map((level) => `${level}` as const),
              (value) => (rule.severity = Number(value) as Severity),
              (level) => `severity.${level}` as MessageKey,
            )
          : null,
      ]),
      field({
        label: 'rules.message',
        control: textInput(
          rule.message,
          kit.edit(`${path}.message`, (value) => (rule.message = value)),
          {
            name: `${path}.message`,
            placeholder: '{/pair} crossed {value}',
          },
        ),
        path: `${path}.message`,
        errors: kit.errors,
        hint: 'rules.messageHint',
      }),
    ]);
  }

  #moveButton(index: number, by: -1 | 1, label: Msg, text: string): HTMLButtonElement {
    const to = index + by;
    return h('button', {
      class: 'icon-button rule-move',
      text,
      ariaLabel: label,
      attrs: { type: 'button', 'data-by': by, disabled: to < 0 || to >= this.#rules.length },
      on: {
        click: () => {
          const [moved] = this.#rules.splice(index, 1);
          this.#rules.splice(to, 0, moved!);
          this.#changed(to, `.rule-move[data-by="${by}"]:enabled`);
        },
      },
    });
  }

  /** A labelled select of `choices`; labels are `<path's last part>.<choice>` unless `label` says. */
  #select<T extends string>(
    path: string,
    labelKey: MessageKey,
    value: T,
    choices: readonly T[],
    set: (value: T) => void,
    label: (choice: T) => MessageKey = (choice) => `rules.${path.split('.').at(-1)}.${choice}` as MessageKey,
  ): HTMLElement {
    const control = h(
      'select',
      { attrs: { name: path } },
      choices.map((choice) => h('option', { t: label(choice), attrs: { value: choice } })),
    );
    control.value = value;
    control.addEventListener('change', () => this.#kit.edit(path, () => set(control.value as T))(''));
    return field({ label: labelKey, control, path, errors: this.#kit.errors, class: 'rule-input' });
  }
}
