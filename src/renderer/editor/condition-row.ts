/**
 * One condition of a rule in the editor: where it looks (a pointer, or empty for the event itself),
 * the operator, and that operator's inputs, each with its error line from the rule schema.
 */
import { CONDITION_OPS, type ConditionOp } from '../../shared/rules/schema.ts';
import { h } from '../dom.ts';
import type { MessageKey, Msg } from '../i18n/index.ts';
import type { FieldKit } from './editor-sections.ts';
import { field, textInput } from './fields.ts';
import { numberKey, type ConditionDraft } from './rules-draft.ts';

/** What a condition row is told by its rule. */
export interface ConditionRowOptions {
  kit: FieldKit;
  /** `rules.0.conditions.1`: where the schema reports this condition's problems. */
  path: string;
  /** 1-based, for labels. */
  n: number;
  /** The operator changed: the row is rebuilt with that operator's inputs. */
  onOpChange: () => void;
  onRemove: () => void;
}

const OP_LABELS: Record<ConditionOp, MessageKey> = {
  equals: 'rules.op.equals',
  contains: 'rules.op.contains',
  matches: 'rules.op.matches',
  gt: 'rules.op.gt',
  lt: 'rules.op.lt',
  crossesAbove: 'rules.op.crossesAbove',
  crossesBelow: 'rules.op.crossesBelow',
  changesBy: 'rules.op.changesBy',
};

/** The row for `draft`, bound to it through the kit (every edit revalidates and refreshes the preview). */
export function conditionRow(draft: ConditionDraft, options: ConditionRowOptions): HTMLElement {
  const { kit, path } = options;
  const input = (key: string, label: Msg, value: string, set: (value: string) => void, attrs = {}) =>
    field({
      label,
      control: textInput(value, kit.edit(`${path}.${key}`, set), { name: `${path}.${key}`, ...attrs }),
      path: `${path}.${key}`,
      errors: kit.errors,
      class: 'rule-input',
    });
  const select = <T extends string>(
    key: string,
    label: Msg,
    value: T,
    choices: readonly (readonly [T, MessageKey])[],
    set: (value: T) => void,
  ): HTMLElement => {
    const control = h(
      'select',
      { attrs: { name: `${path}.${key}` } },
      choices.map(([choice, text]) => h('option', { t: text, attrs: { value: choice } })),
    );
    control.value = value;
    control.addEventListener('change', () => kit.edit(`${path}.${key}`, () => set(control.value as T))(''));
    return field({ label, control, path: `${path}.${key}`, errors: kit.errors, class: 'rule-input' });
  };

  const op = select(
    'op',
    'rules.operator',
    draft.op,
    CONDITION_OPS.map((choice) => [choice, OP_LABELS[choice]] as const),
    (value) => {
      draft.op = value;
      options.onOpChange();
    },
  );
  const where = input('field', 'rules.field', draft.field, (value) => (draft.field = value), {
    placeholder: '/rate',
    class: 'input-pointer',
  });
  return h(
    'div',
    { class: 'condition-row', attrs: { role: 'group' }, ariaLabel: ['rules.conditionN', { n: options.n }] },
    [
      where,
      op,
      ...operatorInputs(draft, input, select),
      h('button', {
        class: 'icon-button condition-remove',
        text: '×',
        ariaLabel: ['rules.removeCondition', { n: options.n }],
        attrs: { type: 'button' },
        on: { click: options.onRemove },
      }),
    ],
  );
}

type Input = (
  key: string,
  label: Msg,
  value: string,
  set: (value: string) => void,
  attrs?: Record<string, string>,
) => HTMLElement;
type Select = <T extends string>(
  key: string,
  label: Msg,
  value: T,
  choices: readonly (readonly [T, MessageKey])[],
  set: (value: T) => void,
) => HTMLElement;

/** The inputs the operator needs, named by the schema key they fill. */
function operatorInputs(draft: ConditionDraft, input: Input, select: Select): HTMLElement[] {
  const decimal = { inputmode: 'decimal', class: 'input-number' };
  const number = (label: MessageKey) =>
    input(numberKey(draft.op)!, label, draft.number, (value) => (draft.number = value), decimal);
  const per = () =>
    input('per', 'rules.per', draft.per, (value) => (draft.per = value), {
      placeholder: '/pair',
      class: 'input-pointer',
    });
  switch (draft.op) {
    case 'equals':
    case 'contains':
      return [input('value', 'rules.text', draft.text, (value) => (draft.text = value))];
    case 'matches':
      return [
        input('pattern', 'rules.pattern', draft.pattern, (value) => (draft.pattern = value), {
          placeholder: '^(down|failed)',
        }),
      ];
    case 'gt':
    case 'lt':
      return [number('rules.number')];
    case 'crossesAbove':
    case 'crossesBelow':
      return [
        number('rules.level'),
        per(),
        input('rearm', 'rules.rearm', draft.rearm, (value) => (draft.rearm = value), {
          ...decimal,
          placeholder: '0',
        }),
      ];
    case 'changesBy':
      return [
        number('rules.amount'),
        select(
          'unit',
          'rules.unit',
          draft.unit,
          [
            ['percent', 'rules.unit.percent'],
            ['units', 'rules.unit.units'],
          ],
          (value) => (draft.unit = value),
        ),
        input('withinMin', 'rules.withinMin', draft.withinMin, (value) => (draft.withinMin = value), decimal),
        select(
          'direction',
          'rules.direction',
          draft.direction,
          [
            ['any', 'rules.direction.any'],
            ['up', 'rules.direction.up'],
            ['down', 'rules.direction.down'],
          ],
          (value) => (draft.direction = value),
        ),
        per(),
      ];
  }
}
