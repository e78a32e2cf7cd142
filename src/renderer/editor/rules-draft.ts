/**
 * A feed's rules as the editor holds them: every input as typed (numbers stay text, so "7,2" can be
 * shown back with its error), and their translation into what the rule schema checks. Pure: no page.
 */
import type { Severity } from '../../shared/presentation/severity.ts';
import type { Condition, ConditionOp, Rule, RuleOutcome } from '../../shared/rules/schema.ts';

/** One condition: the fields every operator may use; only its operator's are sent. */
export interface ConditionDraft {
  op: ConditionOp;
  /** A JSON pointer, or '' for the event's text (text tests) or mapped value (number tests). */
  field: string;
  /** equals / contains. */
  text: string;
  /** matches (RE2). */
  pattern: string;
  /** gt / lt: the value; crosses: the level; changesBy: the amount. */
  number: string;
  /** crosses / changesBy: the pointer naming the series (`/pair`), or ''. */
  per: string;
  /** crosses: how far back past the level before it fires again ('' for 0). */
  rearm: string;
  unit: 'percent' | 'units';
  withinMin: string;
  direction: 'any' | 'up' | 'down';
}

/** One rule. */
export interface RuleDraft {
  name: string;
  enabled: boolean;
  match: 'all' | 'any';
  conditions: ConditionDraft[];
  outcome: RuleOutcome['kind'];
  /** The level a notify rule gives. */
  severity: Severity;
  message: string;
}

/** The schema key the operator's number goes to (where its error is reported). */
export function numberKey(op: ConditionOp): 'value' | 'level' | 'amount' | null {
  if (op === 'gt' || op === 'lt') return 'value';
  if (op === 'crossesAbove' || op === 'crossesBelow') return 'level';
  return op === 'changesBy' ? 'amount' : null;
}

/** A new condition: the mapped value crossing above a level the user fills in. */
export function blankCondition(): ConditionDraft {
  return {
    op: 'crossesAbove',
    field: '',
    text: '',
    pattern: '',
    number: '',
    per: '',
    rearm: '',
    unit: 'percent',
    withinMin: '10',
    direction: 'any',
  };
}

/** A new rule called `name`, notifying at the default level, with one condition to fill in. */
export function blankRule(name: string): RuleDraft {
  return {
    name,
    enabled: true,
    match: 'all',
    conditions: [blankCondition()],
    outcome: 'notify',
    severity: 3,
    message: '',
  };
}

/** The drafts of saved rules. */
export function rulesDraft(rules: readonly Rule[]): RuleDraft[] {
  return rules.map((rule) => ({
    name: rule.name,
    enabled: rule.enabled,
    match: rule.match,
    conditions: rule.conditions.map(conditionDraft),
    outcome: rule.outcome.kind,
    severity: rule.outcome.kind === 'notify' ? rule.outcome.severity : 3,
    message: rule.message ?? '',
  }));
}

function conditionDraft(condition: Condition): ConditionDraft {
  const draft = { ...blankCondition(), op: condition.op, field: condition.field };
  switch (condition.op) {
    case 'equals':
    case 'contains':
      return { ...draft, text: condition.value };
    case 'matches':
      return { ...draft, pattern: condition.pattern };
    case 'gt':
    case 'lt':
      return { ...draft, number: String(condition.value) };
    case 'crossesAbove':
    case 'crossesBelow':
      return {
        ...draft,
        number: String(condition.level),
        per: condition.per ?? '',
        rearm: condition.rearm === 0 ? '' : String(condition.rearm),
      };
    case 'changesBy':
      return {
        ...draft,
        number: String(condition.amount),
        unit: condition.unit,
        withinMin: String(condition.withinMin),
        direction: condition.direction,
        per: condition.per ?? '',
      };
  }
}

/** The rules as the schema takes them (checked by the caller); bad numbers stay NaN or missing. */
export function draftToRules(drafts: readonly RuleDraft[]): unknown[] {
  return drafts.map((draft) => ({
    name: draft.name,
    enabled: draft.enabled,
    match: draft.match,
    conditions: draft.conditions.map(draftToCondition),
    outcome:
      draft.outcome === 'notify' ? { kind: 'notify', severity: draft.severity } : { kind: draft.outcome },
    message: draft.message.trim() === '' ? null : draft.message,
  }));
}

function draftToCondition(draft: ConditionDraft): Record<string, unknown> {
  const base = { op: draft.op, field: draft.field.trim() };
  const per = draft.per.trim() === '' ? null : draft.per.trim();
  switch (draft.op) {
    case 'equals':
    case 'contains':
      return { ...base, value: draft.text };
    case 'matches':
      return { ...base, pattern: draft.pattern };
    case 'gt':
    case 'lt':
      return { ...base, value: toNumber(draft.number) };
    case 'crossesAbove':
    case 'crossesBelow':
      return { ...base, level: toNumber(draft.number), per, rearm: toNumber(draft.rearm) ?? 0 };
    case 'changesBy':
      return {
        ...base,
        amount: toNumber(draft.number),
        unit: draft.unit,
        withinMin: toNumber(draft.withinMin),
        direction: draft.direction,
        per,
      };
  }
}

/** Text → number: empty is missing, "7,2" reads as 7.2 (a decimal comma), anything else unreadable is NaN. */
function toNumber(text: string): number | undefined {
  const trimmed = text.trim().replace(/^([+-]?\d+),(\d+)$/, '$1.$2');
  return trimmed === '' ? undefined : Number(trimmed);
}
